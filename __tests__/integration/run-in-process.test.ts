import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import type { RunResult } from '../../harness/runner.js'
import { leftoverChangeSets, logText } from '../support/e2e.js'
import { runInProcess } from '../support/in-process.js'
import { BASIC } from '../support/templates.js'

// The whole run (main.ts -> runMode -> publish) in this process against the emulator: what only the slow tests of
// dist/index.js used to see (issue 25), seen here in milliseconds and against src/ as it is.
let emulator: Emulator
let github: GitHubFake
beforeAll(async () => {
  // One fake for the file: @actions/github reads GITHUB_API_URL once (see support/in-process.ts).
  github = await startGitHubFake()
})
afterAll(async () => {
  await github.close()
})
beforeEach(async () => {
  emulator = await startEmulator()
  github.reset()
})
afterEach(async () => {
  await emulator.close()
})

const files = { 'infra/metaflow.yml': BASIC }
const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  'stack-name': 'metaflow-dev',
  template: 'infra/metaflow.yml',
  environment: 'dev',
  mode: 'deploy',
  ...extra
})
const deploy = (extra: Record<string, string> = {}, body = BASIC): Promise<RunResult> =>
  runInProcess(emulator, { inputs: inputs(extra), files: { 'infra/metaflow.yml': body } })

/** A datastore bucket whose name, when changed, replaces it (data loss the guard refuses). */
const bucketTemplate = (bucketName: string): string =>
  [
    'Resources:',
    '  Datastore:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    `      BucketName: ${bucketName}`
  ].join('\n')

describe('a run in process: exit code and annotations', () => {
  it('a successful deploy exits 0 with no error annotation', async () => {
    const result = await deploy()
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(process.exitCode).toBeUndefined()
  })

  it('a failed deploy exits 1, annotates the failed resource, and ends with the error that says why', async () => {
    emulator.failResource({ logicalId: 'Table', reason: 'Table limit exceeded for the account' })
    const result = await deploy()
    expect(result.exitCode).toBe(1)
    expect(result.errors.map(e => e.properties.title)).toContain('CREATE_FAILED: Table')
    expect(result.errors.at(-1)?.message).toMatch(
      /^Deploy of stack metaflow-dev failed \(ROLLBACK_COMPLETE\)/
    )
    expect(result.summary).toContain('Status: `ROLLBACK_COMPLETE`.')
    // The harness hands the exit code over and leaves jest's own alone.
    expect(process.exitCode).toBeUndefined()
  })

  it('bad input exits 1 before any AWS call', async () => {
    const result = await runInProcess(emulator, { inputs: { template: 'infra/metaflow.yml' }, files })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(/stack-name/)
    expect(emulator.requests).toEqual([])
  })

  it('a deploy that outlasts timeout-minutes fails the step: an error, not a warning', async () => {
    // 1.2 s: time enough, even on a busy machine, to build the change set, so that the deadline falls in the watch.
    emulator.cloudformation.timing.resourceMs = 5_000
    const result = await deploy({ 'timeout-minutes': '0.02' })
    expect(result.exitCode).toBe(1)
    // "it is still CREATE_IN_PROGRESS", or, when the deadline interrupted the last read, "its status could not
    // be read": a failure either way.
    expect(result.errors.at(-1)?.message).toMatch(/^Timed out waiting for stack metaflow-dev/)
    expect(result.warnings.map(w => w.message).join('\n')).not.toMatch(/Timed out/)
    expect(result.outputs['stack-status']).toBeUndefined()
  })
})

describe('a run in process: outputs and the API key', () => {
  it('sets every stack output and the action’s own outputs as step outputs, and exports the Metaflow variables', async () => {
    const result = await deploy()
    expect(result.exitCode).toBe(0)
    const stack = emulator.cloudformation.findStack('metaflow-dev')
    const stackOutputs = Object.fromEntries((stack?.outputs ?? []).map(o => [o.OutputKey, o.OutputValue]))
    expect(Object.keys(stackOutputs).length).toBeGreaterThan(3)
    for (const [name, value] of Object.entries(stackOutputs)) expect(result.outputs[name]).toBe(value)
    expect(result.outputs).toMatchObject({
      'stack-status': 'CREATE_COMPLETE',
      'stack-id': stack?.stackId,
      'has-changes': 'true',
      'changes-count': '4'
    })
    expect(result.env.METAFLOW_SFN_DYNAMO_DB_TABLE).toBe(stackOutputs.DDBTableName)
  })

  it('masks the API key before anything prints it, and prints it nowhere but the mask', async () => {
    const result = await deploy()
    expect(result.exitCode).toBe(0)
    const keys = [...emulator.apiGateway.keys.values()]
    expect(keys).toHaveLength(1)
    const key = keys[0]?.value ?? ''
    expect(key.length).toBeGreaterThan(10)
    expect(result.masks).toContain(key)
    const seen = result.lines.map((line, index) => ({ line, index })).filter(({ line }) => line.includes(key))
    expect(seen.map(s => s.line)).toEqual([`::add-mask::${key}`])
    expect(result.stdout.split(key).length - 1).toBe(1)
    expect(result.summary).not.toContain(key)
    // Where it belongs: the step output and the exported variable (which the runner masks).
    expect(result.outputs['api-key']).toBe(key)
    expect(result.env.METAFLOW_SERVICE_AUTH_KEY).toBe(key)
  })
})

describe('a run in process: what publishing leaves alone', () => {
  it('export-env false: exports no variable, and still sets the outputs', async () => {
    const result = await deploy({ 'export-env': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.env).toEqual({})
    expect(result.outputs.DDBTableName).toMatch(/^metaflow-dev-Table-/)
  })

  it('a stack output named like one of the action’s own outputs does not replace it, and a warning says so', async () => {
    // `migration` is both a valid CloudFormation output name (alphanumeric) and one of the action's outputs.
    const clashing = BASIC.replace('Outputs:\n', 'Outputs:\n  migration:\n    Value: not-the-migration\n')
    const result = await deploy({}, clashing)
    expect(result.exitCode).toBe(0)
    expect(result.outputs.migration).toBeUndefined()
    expect(result.warnings.map(w => w.message)).toContain(
      "Stack output migration has the name of one of the action's own outputs; it is not set as a step output (read it from the stack)."
    )
  })

  it('metaflow-config-file: writes the file and names it in the metaflow-config-file output', async () => {
    const result = await deploy({ 'metaflow-config-file': 'config/metaflow.json' })
    expect(result.exitCode).toBe(0)
    const path = join(result.workspace, 'config/metaflow.json')
    expect(result.outputs['metaflow-config-file']).toBe(path)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      METAFLOW_SERVICE_AUTH_KEY: result.outputs['api-key']
    })
  })
})

describe('a run in process: an API key that cannot be read', () => {
  const outputsRun = (): Promise<RunResult> => deploy({ mode: 'outputs' })
  const onlyKey = () => {
    const keys = [...emulator.apiGateway.keys.values()]
    expect(keys).toHaveLength(1)
    return keys[0] as NonNullable<(typeof keys)[0]>
  }

  it('an empty ApiKeyId output (a template whose key is optional) means no key: nothing fetched, no api-key', async () => {
    const optional = BASIC.replace(
      '  ApiKeyId:\n    Condition: EnableAuth\n    Value: !Ref ApiKey',
      "  ApiKeyId:\n    Value: !If [EnableAuth, !Ref ApiKey, '']"
    )
    expect(optional).not.toBe(BASIC)
    const result = await deploy({ parameters: 'Auth=false' }, optional)
    expect(result.exitCode).toBe(0)
    expect(result.outputs.ApiKeyId).toBe('')
    expect(result.outputs['api-key']).toBeUndefined()
    expect(emulator.calls('GetApiKey')).toEqual([])
  })

  it('a key the stack names but API Gateway no longer has: a clear error naming it', async () => {
    expect((await deploy()).exitCode).toBe(0)
    const key = onlyKey()
    emulator.apiGateway.delete(key.id)
    const result = await outputsRun()
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toBe(
      `The stack's ApiKeyId output names API key ${key.id}, but API Gateway in us-east-1 has no such key.`
    )
  })

  it('a key with no value: an error, not an empty METAFLOW_SERVICE_AUTH_KEY', async () => {
    expect((await deploy()).exitCode).toBe(0)
    const key = onlyKey()
    key.value = ''
    const result = await outputsRun()
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toBe(`API Gateway returned no value for API key ${key.id}.`)
    expect(result.env).toEqual({})
  })
})

describe('a run in process: execute applies the data-loss guard', () => {
  it('a planned bucket replacement is refused at execute, before ExecuteChangeSet, and its change set removed', async () => {
    expect((await deploy({}, bucketTemplate('metaflow-data-1'))).exitCode).toBe(0)
    // Reported, not failed: the plan is for execute to refuse.
    const planned = await deploy(
      { mode: 'plan', 'fail-on-data-loss': 'false' },
      bucketTemplate('metaflow-data-2')
    )
    expect(planned.exitCode).toBe(0)
    const id = planned.outputs['change-set-id'] ?? ''
    expect(id).toMatch(/:changeSet\/metaflow-plan-/)
    const executed = await deploy({ mode: 'execute', 'change-set-id': id }, bucketTemplate('metaflow-data-2'))
    expect(executed.exitCode).toBe(1)
    expect(executed.errors.at(-1)?.message).toMatch(/Datastore/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
    expect(emulator.cloudformation.findStack('metaflow-dev')?.status).toBe('CREATE_COMPLETE')
  })
})

describe('a run in process: the template uploaded to template-bucket', () => {
  /** BASIC padded past CloudFormation's 51,200-byte inline limit. */
  const big = `${BASIC}\nMetadata:\n  Notes: "${'x'.repeat(52_000)}"\n`
  const objects = (): string[] => [...(emulator.s3.buckets.get('uploads')?.keys() ?? [])]

  it.each([
    ['deploy', {}],
    ['preview', { mode: 'preview', comment: 'false' }],
    ['plan', { mode: 'plan' }]
  ])('%s: uploads it under a key of this run, and removes it before the run ends', async (_mode, extra) => {
    emulator.s3.createBucket('uploads')
    const result = await deploy({ 'template-bucket': 'uploads', ...extra }, big)
    expect(result.exitCode).toBe(0)
    const put = emulator.calls('PutObject')
    expect(put).toHaveLength(1)
    expect(emulator.calls('DeleteObject')).toHaveLength(1)
    expect(objects()).toEqual([])
  })

  it('a deploy that fails still removes it', async () => {
    emulator.s3.createBucket('uploads')
    emulator.failResource({ logicalId: 'Table', reason: 'boom' })
    const result = await deploy({ 'template-bucket': 'uploads' }, big)
    expect(result.exitCode).toBe(1)
    expect(emulator.calls('PutObject')).toHaveLength(1)
    expect(objects()).toEqual([])
  })
})

describe('a run in process: the pull-request comment', () => {
  const PR = 7
  const preview = (extra: Record<string, string> = {}): Promise<RunResult> =>
    runInProcess(emulator, {
      inputs: inputs({ mode: 'auto', ...extra }),
      files,
      event: { name: 'pull_request', payload: { number: PR, pull_request: { number: PR } } },
      env: { GITHUB_API_URL: github.url }
    })

  it('finds its own comment past the first pages of other comments, and updates it rather than adding one', async () => {
    // The marker as this version of the action writes it: the first line of the comment a first preview posts.
    expect((await preview()).exitCode).toBe(0)
    const marker = github.comments[0]?.body.split('\n')[0] ?? ''
    expect(marker).toMatch(
      /^<!-- metaflow-deploy preview: .*stack=metaflow-dev; environment=dev; region=us-east-1 -->$/
    )
    github.reset()
    for (let i = 0; i < 150; i++) github.seed(PR, `comment ${i}`)
    const ours = github.seed(PR, `${marker}\nan older preview`, { login: 'github-actions[bot]', type: 'Bot' })
    const result = await preview()
    expect(result.exitCode).toBe(0)
    expect(github.writes().map(c => c.method)).toEqual(['PATCH'])
    expect(github.withText(PR, marker)).toEqual([expect.objectContaining({ id: ours.id })])
    expect(github.withText(PR, marker)[0]?.body).toContain('metaflow-dev')
    expect(result.outputs['comment-url']).toBe(ours.html_url)
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
    expect(logText(result)).toMatch(/Pull-request comment updated/)
  })
})
