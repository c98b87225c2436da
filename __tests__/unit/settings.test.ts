import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/run/errors.js'
import { inputFromEnv, parseKeyValues, parseSettings } from '../../src/settings/settings.js'
import { actionInputs } from '../../harness/runner.js'

/** Inputs as the runner passes them: action.yml defaults, overridden by what the test gives. */
function reader(given: Record<string, string>): (name: string) => string {
  const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
  return name => (given[name] ?? defaults[name] ?? '').trim()
}

const parse = (given: Record<string, string>, eventName = 'push') =>
  parseSettings(reader({ 'stack-name': 'metaflow-dev', ...given }), { eventName })

async function inputErrorOf(fn: () => Promise<unknown>): Promise<InputError> {
  try {
    await fn()
  } catch (err) {
    if (err instanceof InputError) return err
    throw err
  }
  throw new Error('expected an InputError')
}

describe('parseSettings', () => {
  it('reads the defaults of action.yml into typed settings', async () => {
    const settings = await parse({})
    expect(settings).toMatchObject({
      stackName: 'metaflow-dev',
      template: { kind: 'bundled' },
      mode: 'deploy',
      capabilities: ['CAPABILITY_IAM'],
      changeSetId: '',
      allowDataLoss: { all: false, paths: new Set() },
      disableRollback: false,
      timeoutMs: 60 * 60_000,
      onFailedCreate: 'recreate',
      failOnEmptyChangeset: false,
      comment: true,
      exportEnv: true
    })
  })

  it('leaves unset tags, topics and termination protection undefined, so the stack keeps its own', async () => {
    const settings = await parse({})
    expect(settings.tags).toBeUndefined()
    expect(settings.notificationArns).toBeUndefined()
    expect(settings.terminationProtection).toBeUndefined()
    expect((await parse({ 'termination-protection': 'false' })).terminationProtection).toBe(false)
    expect((await parse({ 'termination-protection': 'TRUE' })).terminationProtection).toBe(true)
  })

  it.each([
    ['pull_request', 'preview'],
    ['pull_request_target', 'preview'],
    ['merge_group', 'preview'],
    ['push', 'deploy'],
    ['workflow_dispatch', 'deploy'],
    ['schedule', 'deploy'],
    ['release', 'deploy'],
    ['repository_dispatch', 'deploy']
  ])('resolves mode auto on %s to %s', async (event, mode) => {
    expect((await parse({}, event)).mode).toBe(mode)
  })

  it('refuses mode auto on an event it cannot classify, naming the event', async () => {
    for (const event of ['issue_comment', 'pull_request_review', '']) {
      const error = await inputErrorOf(() => parse({}, event))
      expect(error.input).toBe('mode')
      expect(error.message).toMatch(event === '' ? /GITHUB_EVENT_NAME is not set/ : new RegExp(`"${event}"`))
      expect(error.message).toMatch(/Set mode explicitly/)
    }
    expect((await parse({ mode: 'outputs' }, 'issue_comment')).mode).toBe('outputs')
  })

  it('reads change-set-id for execute, and allow-data-loss as ids or *', async () => {
    const arn = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/metaflow-deploy-1/0a1b2c3d-4e5f'
    expect((await parse({ mode: 'execute', 'change-set-id': arn })).changeSetId).toBe(arn)
    expect((await parse({ mode: 'execute' })).changeSetId).toBe('')
    expect((await parse({ 'allow-data-loss': '*' })).allowDataLoss).toEqual({ all: true })
    expect(
      (await parse({ 'allow-data-loss': 'MetaflowS3Bucket,\nRDSMasterInstance' })).allowDataLoss
    ).toEqual({
      all: false,
      paths: new Set(['MetaflowS3Bucket', 'RDSMasterInstance'])
    })
  })

  it("reads the official action's JSON-array tags", async () => {
    expect(
      (await parse({ tags: '[{"Key":"team","Value":"ml"},{"Key":"owner","Value":"infra"}]' })).tags
    ).toEqual({
      team: 'ml',
      owner: 'infra'
    })
  })

  it('counts the environment tag against the 50-tag limit before any call', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `k${i}=v`).join('\n')
    expect(Object.keys((await parse({ tags: fifty })).tags ?? {})).toHaveLength(50)
    const error = await inputErrorOf(() => parse({ tags: fifty, environment: 'prod' }))
    expect(error.input).toBe('tags')
    expect(error.message).toMatch(/50 tags given, plus the metaflow-deploy:environment tag/)
  })

  it('never echoes a value in a parameters error (a value may be a secret)', async () => {
    await expect(parseKeyValues('parameters', 'DBPassword hunter2-secret')).rejects.toThrow(
      /line 1: expected Key=Value\.$/
    )
    await expect(parseKeyValues('parameters', '{"DBPassword": {"v": "hunter2-secret"}}')).rejects.not.toThrow(
      /hunter2/
    )
  })

  it('classifies the template input as a workspace path or an S3 URL', async () => {
    expect((await parse({ template: 'infra/metaflow.yml' })).template).toEqual({
      kind: 'file',
      path: 'infra/metaflow.yml'
    })
    expect((await parse({ template: 's3://bucket/key.yml' })).template).toEqual({
      kind: 'url',
      url: 's3://bucket/key.yml'
    })
  })

  it('accepts tags as Key=Value lines or a YAML map', async () => {
    expect((await parse({ tags: 'team=ml\ncost-center = 42' })).tags).toEqual({
      team: 'ml',
      'cost-center': '42'
    })
    expect((await parse({ tags: 'team: ml\nowner: infra' })).tags).toEqual({ team: 'ml', owner: 'infra' })
    expect((await parse({ tags: '{"team":"ml"}' })).tags).toEqual({ team: 'ml' })
  })

  it('splits capabilities and notification ARNs on commas and newlines', async () => {
    const settings = await parse({
      capabilities: 'CAPABILITY_IAM,\nCAPABILITY_NAMED_IAM',
      'notification-arns': 'arn:aws:sns:us-east-1:123456789012:a\narn:aws:sns:us-east-1:123456789012:b'
    })
    expect(settings.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'])
    expect(settings.notificationArns).toHaveLength(2)
  })

  const bad: [string, Record<string, string>, RegExp][] = [
    ['stack-name', { 'stack-name': '' }, /is required/],
    ['stack-name', { 'stack-name': '1abc' }, /"1abc" is not a valid stack name/],
    ['stack-name', { 'stack-name': 'a'.repeat(129) }, /at most 128 characters/],
    ['stack-name', { 'stack-name': 'has_underscore' }, /not a valid stack name/],
    ['mode', { mode: 'apply' }, /"apply" is not one of: auto, deploy, preview, plan, execute, outputs/],
    [
      'change-set-id',
      { 'change-set-id': 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/a/b' },
      /only read by mode: execute/
    ],
    ['change-set-id', { mode: 'execute', 'change-set-id': 'my-change-set' }, /is not a change set ARN/],
    ['allow-data-loss', { 'allow-data-loss': '*,Bucket' }, /mixes \* with logical ids/],
    ['allow-data-loss', { 'allow-data-loss': 'My-Bucket' }, /"My-Bucket" is not a logical id/],
    ['tags', { tags: '[{"Name":"team"}]' }, /entry 1: expected \{"Key"/],
    ['capabilities', { capabilities: 'CAPABILITY_ALL' }, /"CAPABILITY_ALL" is not a capability/],
    ['tags', { tags: 'team ml' }, /line 1: expected Key=Value, got "team ml"/],
    ['tags', { tags: 'a=1\na=2' }, /"a" is given twice/],
    ['tags', { tags: 'aws:owner=me' }, /reserved prefix aws:/],
    ['tags', { tags: '{"team": {"nested": true}}' }, /must be a string/],
    ['tags', { tags: '{not json' }, /not a valid YAML\/JSON map/],
    ['role-arn', { 'role-arn': 'cfn-role' }, /"cfn-role" is not valid: expected an IAM role ARN/],
    [
      'termination-protection',
      { 'termination-protection': 'yes' },
      /"yes" is not a boolean: expected true or false/
    ],
    ['disable-rollback', { 'disable-rollback': '1' }, /not a boolean/],
    [
      'notification-arns',
      { 'notification-arns': 'arn:aws:sqs:us-east-1:123456789012:q' },
      /not an SNS topic ARN/
    ],
    ['timeout-minutes', { 'timeout-minutes': 'ten' }, /"ten" is not a number of minutes/],
    ['timeout-minutes', { 'timeout-minutes': '0' }, /out of range/],
    ['timeout-minutes', { 'timeout-minutes': '999' }, /out of range/],
    ['template-bucket', { 'template-bucket': 's3://my-bucket' }, /not valid: expected an S3 bucket name/],
    ['template', { template: 'http://example.com/t.yml' }, /uses http:\/\//],
    ['template', { template: 'ftp://example.com/t.yml' }, /is not supported/],
    ['template', { template: 's3://bucket-only' }, /names no object/],
    ['on-failed-create', { 'on-failed-create': 'delete' }, /"delete" is not one of: recreate, fail/],
    ['fail-on-empty-changeset', { 'fail-on-empty-changeset': 'maybe' }, /not a boolean/],
    ['comment', { comment: 'on' }, /not a boolean/],
    ['export-env', { 'export-env': 'no' }, /not a boolean/],
    ['environment', { environment: 'prod env' }, /not a valid label/]
  ]

  it.each(bad)('rejects a bad %s and names the input', async (input, given, message) => {
    const error = await inputErrorOf(() => parse(given))
    expect(error.input).toBe(input)
    expect(error.message).toContain(`Input '${input}'`)
    expect(error.message).toMatch(message)
  })
})

describe('parseKeyValues', () => {
  it('keeps "=" inside values, strips quotes and lets Key= set an empty value', async () => {
    expect(await parseKeyValues('parameters', 'Url=https://x/?a=b\nName="quoted value"\nEmpty=')).toEqual({
      Url: 'https://x/?a=b',
      Name: 'quoted value',
      Empty: ''
    })
  })

  it('joins YAML lists with commas, for CommaDelimitedList parameters', async () => {
    expect(await parseKeyValues('parameters', 'Types: [c5.large, c5.xlarge]')).toEqual({
      Types: 'c5.large,c5.xlarge'
    })
  })
})

describe('inputFromEnv', () => {
  it('reads inputs exactly as @actions/core’s getInput does', async () => {
    const core = await import('@actions/core')
    const names = ['stack-name', 'parameters-file', 'metaflow-config-file', 'with space']
    for (const [index, name] of names.entries()) {
      const variable = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
      const saved = process.env[variable]
      process.env[variable] = `  value ${index}\n`
      try {
        expect(inputFromEnv(name)).toBe(core.getInput(name))
      } finally {
        if (saved === undefined) delete process.env[variable]
        else process.env[variable] = saved
      }
    }
    expect(inputFromEnv('never-set-input')).toBe(core.getInput('never-set-input'))
  })
})
