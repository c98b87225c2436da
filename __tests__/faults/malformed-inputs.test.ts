import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC, manyResources } from '../support/templates.js'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
  // An existing stack, so that parameter checks run against its previous values as in real updates.
  const seeded = await runAgainst(emulator, {
    inputs: { 'stack-name': 'metaflow-dev', template: 't.yml', mode: 'deploy' },
    files: { 't.yml': BASIC }
  })
  expect(seeded.exitCode).toBe(0)
})
afterAll(async () => {
  await emulator.close()
})

const STRICT = `
Parameters:
  Size: {Type: Number, MinValue: 1, MaxValue: 10, Default: 2}
  Name: {Type: String, AllowedPattern: '[a-z]+', Default: abc}
  Owner: {Type: String}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
`

type Case = [string, Record<string, string>, Record<string, string>, RegExp]

const base = { 't.yml': BASIC }
const cases: Case[] = [
  ['stack-name', { 'stack-name': '' }, {}, /is required/],
  ['stack-name', { 'stack-name': '9metaflow' }, {}, /not a valid stack name/],
  ['stack-name', { 'stack-name': 'metaflow_dev' }, {}, /not a valid stack name/],
  ['stack-name', { 'stack-name': 'metaflow dev' }, {}, /not a valid stack name/],
  ['stack-name', { 'stack-name': `m${'x'.repeat(128)}` }, {}, /at most 128 characters/],
  ['template', { template: 'nope.yml' }, {}, /file "nope.yml" was not found/],
  ['template', { template: 'http://example.com/t.yml' }, {}, /uses http:\/\//],
  ['template', { template: 'ftp://example.com/t.yml' }, {}, /is not supported/],
  ['template', { template: 's3://bucket-only' }, {}, /names no object/],
  ['template', { template: 'https://example.com/t.yml' }, {}, /is not an S3 object URL/],
  [
    'template',
    { template: 'bad.yml' },
    { 'bad.yml': 'Resources: [unclosed' },
    /not a valid template: invalid YAML/
  ],
  [
    'template',
    { template: 'bad.json' },
    { 'bad.json': '{"Resources": ' },
    /not a valid template: invalid JSON/
  ],
  [
    'template',
    { template: 'tag.yml' },
    { 'tag.yml': 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Reff X}\n' },
    /Unresolved tag: !Reff/
  ],
  ['template', { template: 'list.yml' }, { 'list.yml': '- a\n- b\n' }, /not a CloudFormation template/],
  ['template', { template: 'empty.yml' }, { 'empty.yml': 'Parameters: {}\n' }, /has no Resources/],
  [
    'template',
    { template: 'dup.yml' },
    { 'dup.yml': 'Resources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::S3::Bucket}\n' },
    /Map keys must be unique/
  ],
  [
    'template',
    { template: 'huge.yml' },
    { 'huge.yml': manyResources(40_000) },
    /CloudFormation accepts at most 1000000 bytes/
  ],
  [
    'template-bucket',
    { template: 'big.yml' },
    { 'big.yml': manyResources(2000) },
    /is required: big.yml is \d+ bytes, over CloudFormation's 51200-byte limit/
  ],
  ['template-bucket', { 'template-bucket': 's3://my-bucket' }, {}, /expected an S3 bucket name/],
  ['template-bucket', { 'template-bucket': 'My_Bucket' }, {}, /expected an S3 bucket name/],
  // The line may hold a secret typed without its key: the error names the line, never its text.
  [
    'parameters',
    { parameters: 'Env prod' },
    {},
    /line 1: expected Key=Value, and the line has no "=" after a key\.$/
  ],
  ['parameters', { parameters: 'Envv=prod' }, {}, /unknown parameter "Envv" \(did you mean "Env"\?\)/],
  [
    'parameters',
    { parameters: 'Env=qa' },
    {},
    /"Env" = "qa" is not allowed: expected one of dev, staging, prod/
  ],
  ['parameters', { parameters: 'Env=dev\nEnv=prod' }, {}, /"Env" is given twice/],
  ['parameters', { parameters: '{"Env": ' }, {}, /not a valid YAML\/JSON map/],
  [
    'parameters',
    { template: 's.yml', 'stack-name': 'strict', parameters: 'Owner=me\nSize=abc' },
    { 's.yml': STRICT },
    /"Size" = "abc" is not allowed: expected a number/
  ],
  [
    'parameters',
    { template: 's.yml', 'stack-name': 'strict', parameters: 'Owner=me\nSize=99' },
    { 's.yml': STRICT },
    /expected at most 10/
  ],
  [
    'parameters',
    { template: 's.yml', 'stack-name': 'strict', parameters: 'Owner=me\nName=ABC' },
    { 's.yml': STRICT },
    /expected a value matching \[a-z\]\+/
  ],
  [
    'parameters',
    { template: 's.yml', 'stack-name': 'strict' },
    { 's.yml': STRICT },
    /the template requires "Owner": no default and no previous value/
  ],
  ['parameters-file', { 'parameters-file': 'missing.yml' }, {}, /file "missing.yml" was not found/],
  ['parameters-file', { 'parameters-file': 'p.yml' }, { 'p.yml': 'Env: [' }, /is not valid YAML or JSON/],
  ['parameters-file', { 'parameters-file': 'p.yml' }, { 'p.yml': 'Nope: 1\n' }, /unknown parameter "Nope"/],
  [
    'parameters-file',
    { 'parameters-file': 'p.json' },
    { 'p.json': '[{"ParameterValue": "x"}]' },
    /entry 1 of "p.json": expected \{ParameterKey/
  ],
  [
    'parameters-file',
    { 'parameters-file': 'p.yml' },
    { 'p.yml': 'Env: {nested: true}\n' },
    /must be a string, number, boolean or list/
  ],
  [
    'parameters-file',
    { 'parameters-file': 'p.yml' },
    { 'p.yml': 'Env: qa\n' },
    /"Env" = "qa" is not allowed/
  ],
  ['environment', { environment: 'prod env' }, {}, /not a valid label/],
  ['environment', { environment: 'x'.repeat(70) }, {}, /not a valid label/],
  ['mode', { mode: 'apply' }, {}, /not one of: auto, deploy, preview, plan, execute, outputs/],
  ['capabilities', { capabilities: 'CAPABILITY_ALL' }, {}, /"CAPABILITY_ALL" is not a capability/],
  ['capabilities', { capabilities: 'iam' }, {}, /"iam" is not a capability/],
  ['tags', { tags: 'owner' }, {}, /expected Key=Value, got "owner"/],
  ['tags', { tags: 'aws:owner=me' }, {}, /reserved prefix aws:/],
  ['tags', { tags: '{"team": ' }, {}, /not a valid YAML\/JSON map/],
  ['tags', { tags: `team=${'x'.repeat(257)}` }, {}, /longer than 256 characters/],
  ['role-arn', { 'role-arn': 'cfn-role' }, {}, /expected an IAM role ARN/],
  ['role-arn', { 'role-arn': 'arn:aws:iam::123456789012:user/deployer' }, {}, /expected an IAM role ARN/],
  ['termination-protection', { 'termination-protection': 'yes' }, {}, /"yes" is not a boolean/],
  ['disable-rollback', { 'disable-rollback': '1' }, {}, /"1" is not a boolean/],
  [
    'notification-arns',
    { 'notification-arns': 'arn:aws:sqs:us-east-1:123456789012:q' },
    {},
    /not an SNS topic ARN/
  ],
  [
    'notification-arns',
    {
      'notification-arns': Array.from(
        { length: 6 },
        (_, i) => `arn:aws:sns:us-east-1:123456789012:t${i}`
      ).join(',')
    },
    {},
    /at most 5/
  ],
  ['timeout-minutes', { 'timeout-minutes': 'ten' }, {}, /not a number of minutes/],
  ['timeout-minutes', { 'timeout-minutes': '0' }, {}, /out of range/],
  ['timeout-minutes', { 'timeout-minutes': '1000' }, {}, /out of range/],
  ['on-failed-create', { 'on-failed-create': 'delete' }, {}, /not one of: recreate, fail/],
  ['fail-on-empty-changeset', { 'fail-on-empty-changeset': 'maybe' }, {}, /not a boolean/],
  ['comment', { comment: 'on' }, {}, /not a boolean/],
  ['export-env', { 'export-env': 'no' }, {}, /not a boolean/],
  ['metaflow-config-file', { 'metaflow-config-file': '/tmp' }, {}, /is a folder/],
  [
    'metaflow-config-file',
    { 'metaflow-config-file': '~/.metaflowconfig/config.yaml' },
    {},
    /does not end in .json/
  ]
]

describe('malformed inputs, through the bundled action', () => {
  it('covers at least 40 cases and every input but github-token', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
    const covered = new Set(cases.map(c => c[0]))
    expect(covered.size).toBeGreaterThanOrEqual(19)
  })

  it.each(cases)(
    '%s: %j fails, naming the input, with no call that changes anything',
    async (input, inputs, files, message) => {
      const before = emulator.mutatingCalls().length
      const result = await runAgainst(emulator, {
        inputs: { 'stack-name': 'metaflow-dev', template: 't.yml', mode: 'deploy', ...inputs },
        files: { ...base, ...files }
      })
      expect(result.exitCode).toBe(1)
      const error = result.errors.at(-1)?.message ?? ''
      expect(error.startsWith(`Input '${input}': `)).toBe(true)
      expect(error).toMatch(message)
      expect(emulator.mutatingCalls().length).toBe(before)
    }
  )
})
