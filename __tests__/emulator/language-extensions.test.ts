import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  GetTemplateSummaryCommand,
  type CloudFormationClient
} from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { errorOf, sdkClients } from '../support/aws.js'
import { cfnHelpers } from './cfn-helpers.js'

/**
 * The AWS::LanguageExtensions transform: templates that use it reach a change set with their loops expanded and
 * its functions resolved. The fixtures are the AWS documentation's own examples (Fn::ForEach examples pages,
 * "Fn::FindInMap enhancements", "Intrinsic function references in DeletionPolicy and UpdateReplacePolicy").
 */
let emulator: Emulator
let cfn: CloudFormationClient
const h = cfnHelpers(() => cfn)

beforeEach(async () => {
  emulator = await startEmulator()
  cfn = sdkClients(emulator).cfn
})
afterEach(async () => {
  await emulator.close()
})

const ids = (cs: DescribeChangeSetCommandOutput) =>
  (cs.Changes ?? []).map(c => c.ResourceChange?.LogicalResourceId).sort()

// "Replicate an Amazon SNS resource" (Examples of Fn::ForEach in the Resources section), collection from a
// CommaDelimitedList parameter.
const TOPICS = `
AWSTemplateFormatVersion: 2010-09-09
Transform: 'AWS::LanguageExtensions'
Parameters:
  pRepoARNs:
    Description: ARN of SSO instance
    Type: CommaDelimitedList
Resources:
  'Fn::ForEach::Topics':
    - TopicName
    - !Ref pRepoARNs
    - 'SnsTopic\${TopicName}':
        Type: 'AWS::SNS::Topic'
        Properties:
          TopicName:
            'Fn::Join':
              - '.'
              - - !Ref TopicName
                - fifo
          FifoTopic: true
`

// "Reference replicated AWS::S3::Bucket resources" (Examples of Fn::ForEach in the Outputs section): nested loops
// and Fn::GetAtt whose arguments are functions.
const BUCKETS = `
AWSTemplateFormatVersion: 2010-09-09
Transform: 'AWS::LanguageExtensions'
Resources:
  'Fn::ForEach::Buckets':
    - Identifier
    - [A, B, C]
    - 'S3Bucket\${Identifier}':
        Type: 'AWS::S3::Bucket'
        Properties:
          MetricsConfigurations:
            - Id: !Sub 'EntireBucket\${Identifier}'
        DeletionPolicy: Retain
        UpdateReplacePolicy: Retain
Outputs:
  'Fn::ForEach::BucketOutputs':
    - Identifier
    - [A, B, C]
    - 'Fn::ForEach::GetAttLoop':
        - Property
        - [Arn, DomainName, WebsiteURL]
        - 'S3Bucket\${Identifier}\${Property}':
            Value: !GetAtt [!Sub 'S3Bucket\${Identifier}', !Ref Property]
`

describe('Fn::ForEach', () => {
  it('expands a loop over a CommaDelimitedList into one resource per item', async () => {
    const cs = await h.changeSet({
      StackName: 'topics',
      ChangeSetType: 'CREATE',
      TemplateBody: TOPICS,
      Parameters: [{ ParameterKey: 'pRepoARNs', ParameterValue: 'Success,Failure,Timeout,Unknown' }]
    })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    expect(ids(cs)).toEqual(['SnsTopicFailure', 'SnsTopicSuccess', 'SnsTopicTimeout', 'SnsTopicUnknown'])
    expect(cs.Changes?.every(c => c.ResourceChange?.ResourceType === 'AWS::SNS::Topic')).toBe(true)
    expect(await h.afterProperties(cs.ChangeSetId ?? '', 'SnsTopicSuccess')).toEqual({
      TopicName: 'Success.fifo',
      FifoTopic: true
    })
  })

  it('expands nested loops in Outputs, with Fn::GetAtt arguments that are functions', async () => {
    expect(await h.deploy({ StackName: 'buckets', ChangeSetType: 'CREATE', TemplateBody: BUCKETS })).toBe(
      'CREATE_COMPLETE'
    )
    const outputs = (await h.stack('buckets'))?.Outputs ?? []
    expect(outputs.map(o => o.OutputKey).sort()).toEqual(
      ['A', 'B', 'C'].flatMap(id => ['Arn', 'DomainName', 'WebsiteURL'].map(p => `S3Bucket${id}${p}`)).sort()
    )
    const bucketA = emulator.cloudformation.findStack('buckets')?.resources.get('S3BucketA')?.physicalId
    expect(outputs.find(o => o.OutputKey === 'S3BucketAArn')?.OutputValue).toBe(`arn:aws:s3:::${bucketA}`)
  })

  it('replicates conditions, resolves a Condition given as Fn::Sub, and strips &{} values to alphanumerics', async () => {
    const body = `
Transform: AWS::LanguageExtensions
Parameters:
  Wanted: {Type: String, Default: "10.0.2.0/24"}
Conditions:
  'Fn::ForEach::SubnetConditions':
    - Cidr
    - ["10.0.2.0/24", "10.0.3.0/24"]
    - 'Create&{Cidr}': !Equals [!Ref Wanted, '\${Cidr}']
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  'Fn::ForEach::Subnets':
    - Cidr
    - ["10.0.2.0/24", "10.0.3.0/24"]
    - 'Subnet&{Cidr}':
        Type: AWS::EC2::Subnet
        Condition: !Sub 'Create&{Cidr}'
        Properties:
          VpcId: !Ref Vpc
          CidrBlock: '\${Cidr}'
`
    const cs = await h.changeSet({ StackName: 'subnets', ChangeSetType: 'CREATE', TemplateBody: body })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    expect(ids(cs)).toEqual(['Subnet1002024', 'Vpc'])
    expect((await h.afterProperties(cs.ChangeSetId ?? '', 'Subnet1002024')).CidrBlock).toBe('10.0.2.0/24')
  })

  it('fails the change set with the transform’s message when a loop cannot expand', async () => {
    const body = `
Transform: AWS::LanguageExtensions
Resources:
  'Fn::ForEach::Broken':
    - Name
    - !GetAtt [Other, Arn]
    - 'Queue\${Name}': {Type: AWS::SQS::Queue}
  Other: {Type: AWS::SQS::Queue}
`
    const cs = await h.changeSet({ StackName: 'broken', ChangeSetType: 'CREATE', TemplateBody: body })
    expect(cs.Status).toBe('FAILED')
    expect(cs.StatusReason).toMatch(/^Transform AWS::LanguageExtensions failed with: /)
  })

  it('is not expanded without the transform: the loop is not a resource', async () => {
    const err = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'plain',
          ChangeSetName: 'cs',
          ChangeSetType: 'CREATE',
          TemplateBody: TOPICS.replace("Transform: 'AWS::LanguageExtensions'\n", ''),
          Parameters: [{ ParameterKey: 'pRepoARNs', ParameterValue: 'Success' }]
        })
      )
    )
    expect(err.message).toBe(
      'Template format error: [/Resources/Fn::ForEach::Topics] Every Resources object must contain a Type member.'
    )
  })

  it('describes the expanded template in GetTemplateSummary', async () => {
    const summary = await cfn.send(new GetTemplateSummaryCommand({ TemplateBody: BUCKETS }))
    expect(summary.ResourceTypes).toEqual(['AWS::S3::Bucket'])
    // A loop over a parameter without a default cannot expand without values: a ValidationError, not a fault.
    const err = await errorOf(cfn.send(new GetTemplateSummaryCommand({ TemplateBody: TOPICS })))
    expect(err.name).toBe('ValidationError')
    expect(err.message).toMatch(/^Transform AWS::LanguageExtensions failed with: /)
  })
})

describe('functions of the transform', () => {
  // The transform page's example (Fn::Length of a list parameter), with Fn::ToJsonString and the
  // "Fn::FindInMap enhancements" default-value example.
  const body = `
AWSTemplateFormatVersion: 2010-09-09
Transform: 'AWS::LanguageExtensions'
Parameters:
  QueueList:
    Type: CommaDelimitedList
  QueueNameParam:
    Description: Name for your SQS queue
    Type: String
Mappings:
  InstanceConfiguration:
    eu-west-1: {Type: m5.large}
Resources:
  Queue:
    Type: 'AWS::SQS::Queue'
    Properties:
      QueueName: !Ref QueueNameParam
      DelaySeconds:
        'Fn::Length': !Ref QueueList
      Tags:
        - Key: Config
          Value:
            'Fn::ToJsonString': {Queues: !Ref QueueList}
        - Key: Type
          Value: !FindInMap
            - 'InstanceConfiguration'
            - !Ref 'AWS::Region'
            - 'Type'
            - DefaultValue: m5.small
`
  it('resolves Fn::Length, Fn::ToJsonString and Fn::FindInMap with DefaultValue', async () => {
    const cs = await h.changeSet({
      StackName: 'queue',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
      Parameters: [
        { ParameterKey: 'QueueList', ParameterValue: 'a,b,c' },
        { ParameterKey: 'QueueNameParam', ParameterValue: 'jobs' }
      ]
    })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    expect(await h.afterProperties(cs.ChangeSetId ?? '', 'Queue')).toEqual({
      QueueName: 'jobs',
      DelaySeconds: 3,
      Tags: [
        { Key: 'Config', Value: '{"Queues":["a","b","c"]}' },
        // us-east-1 is not in the map: the default.
        { Key: 'Type', Value: 'm5.small' }
      ]
    })
  })

  it('resolves DeletionPolicy given as Fn::If, so removing the resource retains it', async () => {
    // "Define the DeletionPolicy and UpdateReplacePolicy using the Fn::If intrinsic function".
    const table = `
AWSTemplateFormatVersion: 2010-09-09
Transform: 'AWS::LanguageExtensions'
Parameters:
  Stage:
    Type: String
    AllowedValues: [Prod, Staging, Dev]
Conditions:
  IsProd: !Equals [!Ref Stage, Prod]
Resources:
  Keep: {Type: AWS::SQS::Queue}
  Table:
    Type: 'AWS::DynamoDB::Table'
    Properties:
      KeySchema:
        - AttributeName: primaryKey
          KeyType: HASH
      AttributeDefinitions:
        - AttributeName: primaryKey
          AttributeType: S
    DeletionPolicy: !If [IsProd, Retain, Delete]
    UpdateReplacePolicy: !If [IsProd, Retain, Delete]
`
    const stage = (value: string) => [{ ParameterKey: 'Stage', ParameterValue: value }]
    for (const [name, value, policy] of [
      ['prod', 'Prod', 'Retain'],
      ['dev', 'Dev', 'Delete']
    ] as const) {
      expect(
        await h.deploy({
          StackName: name,
          ChangeSetType: 'CREATE',
          TemplateBody: table,
          Parameters: stage(value)
        })
      ).toBe('CREATE_COMPLETE')
      const removal = await h.changeSet({
        StackName: name,
        TemplateBody: table.replace(/ {2}Table:[\s\S]*$/, ''),
        Parameters: stage(value)
      })
      expect(removal.Changes?.map(c => [c.ResourceChange?.Action, c.ResourceChange?.PolicyAction])).toEqual([
        ['Remove', policy]
      ])
    }
  })

  it('resolves Ref and Fn::GetAtt whose arguments are functions, so the resources wait for what they name', async () => {
    const body = `
Transform: AWS::LanguageExtensions
Parameters:
  Which: {Type: String, Default: Blue}
Resources:
  QueueBlue: {Type: AWS::SQS::Queue}
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: {Ref: {'Fn::Sub': 'Queue\${Which}'}}
  Subscription:
    Type: AWS::SNS::Subscription
    Properties:
      Protocol: sqs
      TopicArn: arn:aws:sns:us-east-1:123456789012:elsewhere
      Endpoint: {'Fn::GetAtt': [{'Fn::Sub': 'Queue\${Which}'}, Arn]}
`
    expect(await h.deploy({ StackName: 'refs', ChangeSetType: 'CREATE', TemplateBody: body })).toBe(
      'CREATE_COMPLETE'
    )
    const events = emulator.cloudformation.findStack('refs')?.events ?? []
    const at = (id: string, status: string) =>
      events.findIndex(e => e.LogicalResourceId === id && e.ResourceStatus === status)
    expect(at('Topic', 'CREATE_IN_PROGRESS')).toBeGreaterThan(at('QueueBlue', 'CREATE_COMPLETE'))
    expect(at('Subscription', 'CREATE_IN_PROGRESS')).toBeGreaterThan(at('QueueBlue', 'CREATE_COMPLETE'))
  })
})
