import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  DescribeStacksCommand,
  type CloudFormationClient
} from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { ROOT } from '../../harness/runner.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { allFeaturesOn } from '../template/parameter-sets.js'
import { errorOf, sdkClients } from '../support/aws.js'
import { compactTemplate } from '../../src/template/compact.js'
import { cfnHelpers } from './cfn-helpers.js'

/** The template's Rules section is checked against the parameter values at CreateChangeSet. */
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

// The user guide's own example (rules-section-structure): an assertion on two parameters, under a condition.
const TEMPLATE = `
Parameters:
  Environment: {Type: String, Default: test}
  InstanceType: {Type: String, Default: t3.small}
  Subnets: {Type: CommaDelimitedList, Default: "subnet-a,subnet-b"}
Rules:
  ProdInstanceType:
    RuleCondition: !Equals [!Ref Environment, prod]
    Assertions:
      - Assert: !Contains [[m5.large, m5.xlarge], !Ref InstanceType]
        AssertDescription: For a production environment, the instance type must be m5.large or m5.xlarge
  SubnetsKnown:
    Assertions:
      - Assert: !EachMemberIn [!Ref Subnets, [subnet-a, subnet-b, subnet-c]]
        AssertDescription: Every subnet must be one of subnet-a, subnet-b, subnet-c
      - Assert: !Not [!EachMemberEquals [!Ref Subnets, subnet-c]]
        AssertDescription: Not every subnet can be subnet-c
  EitherOr:
    Assertions:
      - Assert: !Or [!Equals [!Ref Environment, prod], !And [!Equals [!Ref Environment, test], !Not [!Equals [!Ref InstanceType, m5.xlarge]]]]
        AssertDescription: A test environment cannot use m5.xlarge
Resources:
  Bucket: {Type: AWS::S3::Bucket}
`

const create = (parameters: Record<string, string>) =>
  cfn.send(
    new CreateChangeSetCommand({
      StackName: 'ruled',
      ChangeSetName: 'cs',
      ChangeSetType: 'CREATE',
      TemplateBody: TEMPLATE,
      Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue
      }))
    })
  )

describe('Rules', () => {
  it('refuses CreateChangeSet with the AssertDescription of a failing assertion, leaving no stack', async () => {
    const err = await errorOf(create({ Environment: 'prod', InstanceType: 't3.small' }))
    expect(err.name).toBe('ValidationError')
    expect(err.message).toBe('For a production environment, the instance type must be m5.large or m5.xlarge')
    const missing = await errorOf(cfn.send(new DescribeStacksCommand({ StackName: 'ruled' })))
    expect(missing.message).toBe('Stack with id ruled does not exist')
  })

  it('checks each rule function: EachMemberIn, EachMemberEquals, Not, And, Or', async () => {
    expect((await errorOf(create({ Subnets: 'subnet-a,subnet-x' }))).message).toBe(
      'Every subnet must be one of subnet-a, subnet-b, subnet-c'
    )
    expect((await errorOf(create({ Subnets: 'subnet-c,subnet-c' }))).message).toBe(
      'Not every subnet can be subnet-c'
    )
    expect((await errorOf(create({ InstanceType: 'm5.xlarge' }))).message).toBe(
      'A test environment cannot use m5.xlarge'
    )
  })

  it('previews normally when every assertion holds, or its rule condition is false', async () => {
    const prod = await h.changeSet({
      StackName: 'prod',
      ChangeSetType: 'CREATE',
      TemplateBody: TEMPLATE,
      Parameters: [
        { ParameterKey: 'Environment', ParameterValue: 'prod' },
        { ParameterKey: 'InstanceType', ParameterValue: 'm5.xlarge' }
      ]
    })
    expect(prod.Status).toBe('CREATE_COMPLETE')
    expect(prod.Changes?.map(c => c.ResourceChange?.LogicalResourceId)).toEqual(['Bucket'])
    // Environment test: the production rule's condition is false, so t3.small is not checked.
    const test = await h.changeSet({ StackName: 'test', ChangeSetType: 'CREATE', TemplateBody: TEMPLATE })
    expect(test.Status).toBe('CREATE_COMPLETE')
  })

  it('does not refuse what only the account could decide (RefAll, ValueOf), nor the CDK bootstrap check', async () => {
    const body = `
Parameters:
  Vpc: {Type: String, Default: vpc-1}
  BootstrapVersion: {Type: "AWS::SSM::Parameter::Value<String>", Default: /cdk-bootstrap/hnb659fds/version}
Rules:
  VpcExists:
    Assertions:
      - Assert: !Contains [!RefAll "AWS::EC2::VPC::Id", !Ref Vpc]
        AssertDescription: The VPC must exist
      - Assert: !Equals [!ValueOf [!Ref Vpc, Tag-Stage], prod]
        AssertDescription: The VPC must be tagged prod
  CheckBootstrapVersion:
    Assertions:
      - Assert: {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {Ref: BootstrapVersion}]}]}
        AssertDescription: CDK bootstrap stack version 6 required.
Resources:
  Bucket: {Type: AWS::S3::Bucket}
`
    const cs = await h.changeSet({ StackName: 'cdk', ChangeSetType: 'CREATE', TemplateBody: body })
    expect(cs.Status).toBe('CREATE_COMPLETE')
  })

  it('checks the rules of an update against the new values', async () => {
    expect(await h.deploy({ StackName: 'ruled', ChangeSetType: 'CREATE', TemplateBody: TEMPLATE })).toBe(
      'CREATE_COMPLETE'
    )
    const err = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'ruled',
          ChangeSetName: 'update',
          UsePreviousTemplate: true,
          Parameters: [{ ParameterKey: 'Environment', ParameterValue: 'prod' }]
        })
      )
    )
    expect(err.message).toBe('For a production environment, the instance type must be m5.large or m5.xlarge')
  })

  it('enforces the bundled template’s rule: the UI needs a certificate and a domain', async () => {
    const values = { ...allFeaturesOn('ec2'), UICertificateArn: '' }
    const err = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'metaflow',
          ChangeSetName: 'cs',
          ChangeSetType: 'CREATE',
          // Compact, as the action sends it: the commented YAML is over the inline limit.
          TemplateBody: compactTemplate(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8')),
          Capabilities: ['CAPABILITY_IAM'],
          Parameters: Object.entries(values).map(([ParameterKey, ParameterValue]) => ({
            ParameterKey,
            ParameterValue
          }))
        })
      )
    )
    expect(err.message).toBe('EnableUI=true needs UICertificateArn')
  })
})
