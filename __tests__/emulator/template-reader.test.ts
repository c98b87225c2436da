import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  GetTemplateSummaryCommand,
  type CloudFormationClient
} from '@aws-sdk/client-cloudformation'
import { readTemplate } from '../../emulator/cfn/yaml.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { errorOf, sdkClients } from '../support/aws.js'
import { cfnHelpers } from './cfn-helpers.js'

/** The emulator reads templates as CloudFormation does, not as the action's parser does. */
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

describe('YAML 1.1 scalars', () => {
  it('reads unquoted yes/no/on/off/true/false in their three cases as booleans, quoted ones as strings', () => {
    const data = readTemplate(
      `Values: [yes, Yes, YES, no, No, NO, on, On, ON, off, Off, OFF, true, True, FALSE, "yes", 'No', y, n, yEs]`
    ) as { Values: unknown[] }
    expect(data.Values).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      true,
      true,
      false,
      'yes',
      'No',
      'y',
      'n',
      'yEs'
    ])
  })

  it('keeps dates and numbers whose text would change as text', () => {
    const data = readTemplate(
      `Version: 2010-09-09\nAccount: 012345678901\nRatio: 1.10\nCount: 5\nBig: 1_000`
    ) as Record<string, unknown>
    expect(data).toEqual({
      Version: '2010-09-09',
      Account: '012345678901',
      Ratio: '1.10',
      Count: 5,
      Big: '1_000'
    })
  })

  it('makes AllowedValues [Yes, No] mean true/false, as CloudFormation does', async () => {
    const body = `
Parameters:
  Enabled: {Type: String, AllowedValues: [Yes, No], Default: Yes}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
`
    const summary = await cfn.send(new GetTemplateSummaryCommand({ TemplateBody: body }))
    expect(summary.Parameters?.[0]?.ParameterConstraints?.AllowedValues).toEqual(['true', 'false'])
    expect(summary.Parameters?.[0]?.DefaultValue).toBe('true')
    const refused = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'flags',
          ChangeSetName: 'a',
          ChangeSetType: 'CREATE',
          TemplateBody: body,
          Parameters: [{ ParameterKey: 'Enabled', ParameterValue: 'Yes' }]
        })
      )
    )
    expect(refused.message).toBe("Parameter 'Enabled' must be one of AllowedValues")
    const accepted = await h.changeSet({
      StackName: 'flags',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
      Parameters: [{ ParameterKey: 'Enabled', ParameterValue: 'false' }]
    })
    expect(accepted.Status).toBe('CREATE_COMPLETE')
  })
})

describe('short forms', () => {
  it('reads every !Name as Fn::Name, !Ref and !Condition as themselves, and !GetAtt a.b.c as [a, b.c]', () => {
    const data = readTemplate(`
Rules:
  R:
    RuleCondition: !Contains [[a, b], !Ref P]
    Assertions:
      - Assert: !EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !RefAll AWS::EC2::VPC::Id]
      - Assert: !EachMemberEquals [!ValueOf [P, Tag], x]
Conditions:
  C: !And [!Condition D, !Not [!Equals [!Ref P, x]]]
Out:
  A: !GetAtt Nested.Outputs.Name
  B: !Base64 {"Fn::Sub": x}
  T: !Transform {Name: AWS::Include}
  F: !FindInMap [M, a, b]
  Any: !SomeFutureFunction z
`) as Record<string, Record<string, unknown>>
    expect(data.Rules?.R).toEqual({
      RuleCondition: { 'Fn::Contains': [['a', 'b'], { Ref: 'P' }] },
      Assertions: [
        {
          Assert: {
            'Fn::EachMemberIn': [
              { 'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', 'VpcId'] },
              { 'Fn::RefAll': 'AWS::EC2::VPC::Id' }
            ]
          }
        },
        { Assert: { 'Fn::EachMemberEquals': [{ 'Fn::ValueOf': ['P', 'Tag'] }, 'x'] } }
      ]
    })
    expect(data.Conditions?.C).toEqual({
      'Fn::And': [{ Condition: 'D' }, { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'P' }, 'x'] }] }]
    })
    expect(data.Out).toEqual({
      A: { 'Fn::GetAtt': ['Nested', 'Outputs.Name'] },
      B: { 'Fn::Base64': { 'Fn::Sub': 'x' } },
      T: { 'Fn::Transform': { Name: 'AWS::Include' } },
      F: { 'Fn::FindInMap': ['M', 'a', 'b'] },
      Any: { 'Fn::SomeFutureFunction': 'z' }
    })
  })
})

describe('template forms', () => {
  it('reads JSON, a YAML flow mapping that starts with {, and quoted scalars continued on the next line', () => {
    expect(readTemplate('{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}')).toEqual({
      Resources: { B: { Type: 'AWS::S3::Bucket' } }
    })
    expect(readTemplate('{Resources: {B: {Type: AWS::S3::Bucket, Properties: {Name: !Ref X}}}}')).toEqual({
      Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { Name: { Ref: 'X' } } } }
    })
    expect(readTemplate('Description: "one\n  two"\nOther: \'three\n  four\'')).toEqual({
      Description: 'one two',
      Other: 'three four'
    })
  })

  it('resolves Fn::GetAZs of "" and of null to the region’s zones', async () => {
    const body = `
Resources:
  Bucket: {Type: AWS::S3::Bucket}
Outputs:
  Empty: {Value: !Join [',', !GetAZs '']}
  Bare: {Value: !Select [1, !GetAZs ]}
`
    expect(await h.deploy({ StackName: 'azs', ChangeSetType: 'CREATE', TemplateBody: body })).toBe(
      'CREATE_COMPLETE'
    )
    const json = JSON.stringify({
      Resources: { Bucket: { Type: 'AWS::S3::Bucket' } },
      Outputs: { Null: { Value: { 'Fn::Select': [2, { 'Fn::GetAZs': null }] } } }
    })
    expect(await h.deploy({ StackName: 'azs2', ChangeSetType: 'CREATE', TemplateBody: json })).toBe(
      'CREATE_COMPLETE'
    )
    const outputs = async (name: string) =>
      Object.fromEntries<string | undefined>(
        ((await h.stack(name))?.Outputs ?? []).map(o => [o.OutputKey ?? '', o.OutputValue])
      )
    expect(await outputs('azs')).toEqual({ Empty: 'us-east-1a,us-east-1b,us-east-1c', Bare: 'us-east-1b' })
    expect(await outputs('azs2')).toEqual({ Null: 'us-east-1c' })
  })

  it('names a malformed template as a Template format error', async () => {
    const error = await errorOf(
      cfn.send(new GetTemplateSummaryCommand({ TemplateBody: 'Resources: [unclosed' }))
    )
    expect(error.message).toMatch(/^Template format error: /)
  })
})
