import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  GetTemplateCommand,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput
} from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { errorOf, sdkClients } from '../support/aws.js'
import { cfnHelpers } from './cfn-helpers.js'

/**
 * The AWS SAM transform: a SAM template previews as the CloudFormation resources the SAM translator generates,
 * under its logical ids (SAM developer guide, "CloudFormation resources generated when … is specified").
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

const changes = (cs: DescribeChangeSetCommandOutput) =>
  Object.fromEntries(
    (cs.Changes ?? []).map(c => [
      c.ResourceChange?.LogicalResourceId ?? '',
      `${c.ResourceChange?.Action ?? ''} ${c.ResourceChange?.ResourceType ?? ''}`
    ])
  )

const TABLE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      Tags: {team: data}
`

describe('AWS::Serverless::SimpleTable', () => {
  it('is a DynamoDB table, so removing it reaches the change set as a table removal', async () => {
    const created = await h.changeSet({ StackName: 'tables', ChangeSetType: 'CREATE', TemplateBody: TABLE })
    expect(changes(created)).toEqual({ Bucket: 'Add AWS::S3::Bucket', Table: 'Add AWS::DynamoDB::Table' })
    expect(await h.afterProperties(created.ChangeSetId ?? '', 'Table')).toEqual({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      Tags: [{ Key: 'team', Value: 'data' }]
    })
    expect(
      await h.deploy({
        StackName: 'tables',
        ChangeSetType: 'CREATE',
        TemplateBody: TABLE,
        ChangeSetName: 'again'
      })
    ).toBe('CREATE_COMPLETE')
    const removal = await h.changeSet({
      StackName: 'tables',
      TemplateBody: TABLE.replace(/ {2}Table:[\s\S]*$/, '')
    })
    expect(changes(removal)).toEqual({ Table: 'Remove AWS::DynamoDB::Table' })
    expect(removal.Changes?.[0]?.ResourceChange?.PolicyAction).toBe('Delete')
    const original = await cfn.send(new GetTemplateCommand({ StackName: 'tables' }))
    expect(original.TemplateBody).toBe(TABLE)
    const processed = await cfn.send(
      new GetTemplateCommand({ StackName: 'tables', TemplateStage: 'Processed' })
    )
    const resources = (
      JSON.parse(processed.TemplateBody ?? '{}') as { Resources: Record<string, { Type: string }> }
    ).Resources
    expect(resources.Table?.Type).toBe('AWS::DynamoDB::Table')
  })
})

// The `sam init` hello-world template's shape: a function with an implicit API.
const HELLO = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 3
    Environment: {Variables: {STAGE: dev}}
Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://artifacts/hello.zip
      Handler: app.lambda_handler
      Runtime: python3.12
      Environment: {Variables: {TABLE: items}}
      Events:
        HelloWorld:
          Type: Api
          Properties:
            Path: /hello
            Method: get
Outputs:
  HelloWorldFunction:
    Value: !GetAtt HelloWorldFunction.Arn
`

describe('AWS::Serverless::Function', () => {
  it('is a Lambda function with its role, and an Api event makes the implicit API and a permission', async () => {
    const cs = await h.changeSet({ StackName: 'hello', ChangeSetType: 'CREATE', TemplateBody: HELLO })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    const listed = changes(cs)
    const deployment = Object.keys(listed).find(id => id.startsWith('ServerlessRestApiDeployment')) ?? ''
    expect(deployment).toMatch(/^ServerlessRestApiDeployment[0-9a-f]{10}$/)
    expect(listed).toEqual({
      HelloWorldFunction: 'Add AWS::Lambda::Function',
      HelloWorldFunctionRole: 'Add AWS::IAM::Role',
      HelloWorldFunctionHelloWorldPermissionProd: 'Add AWS::Lambda::Permission',
      ServerlessRestApi: 'Add AWS::ApiGateway::RestApi',
      [deployment]: 'Add AWS::ApiGateway::Deployment',
      ServerlessRestApiProdStage: 'Add AWS::ApiGateway::Stage'
    })
    const fn = await h.afterProperties(cs.ChangeSetId ?? '', 'HelloWorldFunction')
    expect(fn).toMatchObject({
      Code: { S3Bucket: 'artifacts', S3Key: 'hello.zip' },
      Handler: 'app.lambda_handler',
      Timeout: 3,
      Environment: { Variables: { STAGE: 'dev', TABLE: 'items' } },
      Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }]
    })
  })

  it('needs CAPABILITY_IAM for the role it generates', async () => {
    const err = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'hello',
          ChangeSetName: 'cs',
          ChangeSetType: 'CREATE',
          TemplateBody: HELLO
        })
      )
    )
    expect(err.message).toBe('Requires capabilities : [CAPABILITY_IAM]')
  })

  it('makes the event sources of SQS, SNS and Schedule events, and no role when one is given', async () => {
    const body = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Topic: {Type: AWS::SNS::Topic}
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => {}"
      Handler: index.handler
      Runtime: nodejs20.x
      Role: arn:aws:iam::123456789012:role/existing
      Events:
        Jobs: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn, BatchSize: 5}}
        Alerts: {Type: SNS, Properties: {Topic: !Ref Topic}}
        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
`
    const cs = await h.changeSet({ StackName: 'worker', ChangeSetType: 'CREATE', TemplateBody: body })
    expect(changes(cs)).toEqual({
      Queue: 'Add AWS::SQS::Queue',
      Topic: 'Add AWS::SNS::Topic',
      Worker: 'Add AWS::Lambda::Function',
      WorkerJobs: 'Add AWS::Lambda::EventSourceMapping',
      WorkerAlerts: 'Add AWS::SNS::Subscription',
      WorkerAlertsPermission: 'Add AWS::Lambda::Permission',
      WorkerNightly: 'Add AWS::Events::Rule',
      WorkerNightlyPermission: 'Add AWS::Lambda::Permission'
    })
    expect(await h.afterProperties(cs.ChangeSetId ?? '', 'WorkerJobs')).toMatchObject({ BatchSize: 5 })
  })
})

describe('AWS::Serverless::Api and AWS::Serverless::HttpApi', () => {
  const apis = (extraRoute: string) => `
Transform: AWS::Serverless-2016-10-31
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties: {StageName: Gamma}
  MyHttpApi:
    Type: AWS::Serverless::HttpApi
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://artifacts/handler.zip
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
        Items: {Type: Api, Properties: {RestApiId: !Ref MyApi, Path: /items, Method: get}}
        ${extraRoute}
        Http: {Type: HttpApi, Properties: {ApiId: !Ref MyHttpApi, Path: /things, Method: get}}
`
  it('names the stages as SAM does, and a changed API definition is a new deployment', async () => {
    const first = apis('')
    const cs = await h.changeSet({ StackName: 'apis', ChangeSetType: 'CREATE', TemplateBody: first })
    const listed = changes(cs)
    const deployment = Object.keys(listed).find(id => /^MyApiDeployment[0-9a-f]{10}$/.test(id)) ?? ''
    expect(listed).toEqual({
      MyApi: 'Add AWS::ApiGateway::RestApi',
      [deployment]: 'Add AWS::ApiGateway::Deployment',
      MyApiGammaStage: 'Add AWS::ApiGateway::Stage',
      MyHttpApi: 'Add AWS::ApiGatewayV2::Api',
      MyHttpApiApiGatewayDefaultStage: 'Add AWS::ApiGatewayV2::Stage',
      Handler: 'Add AWS::Lambda::Function',
      HandlerRole: 'Add AWS::IAM::Role',
      HandlerItemsPermissionGamma: 'Add AWS::Lambda::Permission',
      HandlerHttpPermission: 'Add AWS::Lambda::Permission'
    })
    expect(
      await h.deploy({ StackName: 'apis', ChangeSetType: 'CREATE', TemplateBody: first, ChangeSetName: 'go' })
    ).toBe('CREATE_COMPLETE')
    const update = await h.changeSet({
      StackName: 'apis',
      TemplateBody: apis('More: {Type: Api, Properties: {RestApiId: !Ref MyApi, Path: /more, Method: post}}')
    })
    const updated = changes(update)
    const next = Object.keys(updated).find(id => /^MyApiDeployment/.test(id) && id !== deployment) ?? ''
    expect(updated).toMatchObject({
      MyApi: 'Modify AWS::ApiGateway::RestApi',
      [deployment]: 'Remove AWS::ApiGateway::Deployment',
      [next]: 'Add AWS::ApiGateway::Deployment',
      HandlerMorePermissionGamma: 'Add AWS::Lambda::Permission'
    })
  })
})

describe('what the emulator does not translate', () => {
  it('fails the change set with the transform’s message, naming the resource', async () => {
    const body = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties: {DefinitionUri: s3://bucket/flow.json}
`
    const cs = await h.changeSet({ StackName: 'flow', ChangeSetType: 'CREATE', TemplateBody: body })
    expect(cs.Status).toBe('FAILED')
    expect(cs.StatusReason).toBe(
      'Transform AWS::Serverless-2016-10-31 failed with: the emulator does not translate AWS::Serverless::StateMachine (resource Flow)'
    )
  })
})

describe('AWS::LanguageExtensions before AWS::Serverless-2016-10-31', () => {
  it('expands the loop, then the SAM resources it made', async () => {
    const body = `
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Resources:
  'Fn::ForEach::Tables':
    - Name
    - [Orders, Users]
    - '\${Name}Table': {Type: AWS::Serverless::SimpleTable}
`
    const cs = await h.changeSet({ StackName: 'both', ChangeSetType: 'CREATE', TemplateBody: body })
    expect(changes(cs)).toEqual({
      OrdersTable: 'Add AWS::DynamoDB::Table',
      UsersTable: 'Add AWS::DynamoDB::Table'
    })
  })
})
