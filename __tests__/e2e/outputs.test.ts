import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import type { RunResult } from '../../harness/runner.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const files = { 'infra/metaflow.yml': BASIC }
const deployInputs = (extra: Record<string, string> = {}) => ({
  'stack-name': 'metaflow-dev',
  template: 'infra/metaflow.yml',
  mode: 'deploy',
  ...extra
})

/** The emulator's real key value: what must never be seen. */
function keyValue(): string {
  const keys = [...emulator.apiGateway.keys.values()]
  expect(keys).toHaveLength(1)
  return keys[0]?.value ?? ''
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]
  )
}

/** Asserts the secret appears nowhere but where it must: the add-mask command, GITHUB_ENV, GITHUB_OUTPUT, the config file. */
function expectNoLeak(result: RunResult, secret: string, allowedFiles: string[]): void {
  const maskLine = result.lines.findIndex(line => line === `::add-mask::${secret}`)
  expect(maskLine).toBeGreaterThanOrEqual(0)
  result.lines.forEach((line, index) => {
    if (index !== maskLine) expect(line.includes(secret)).toBe(false)
  })
  expect(result.stdout.split(secret).length - 1).toBe(1)
  expect(result.stderr.includes(secret)).toBe(false)
  expect(result.summary.includes(secret)).toBe(false)
  const allowed = new Set([result.files.env, result.files.output, ...allowedFiles])
  for (const file of [...filesUnder(result.workspace), ...filesUnder(join(result.files.output, '..'))]) {
    if (!allowed.has(file))
      expect({ file, leaked: readFileSync(file, 'utf8').includes(secret) }).toEqual({ file, leaked: false })
  }
}

describe('outputs, Metaflow configuration and the API key', () => {
  it('exports every stack output, the Metaflow variables and the masked key after a deploy', async () => {
    const result = await runAgainst(emulator, { inputs: deployInputs(), files })
    expect(result.exitCode).toBe(0)
    const key = keyValue()
    const stack = emulator.cloudformation.findStack('metaflow-dev')
    const outputs = Object.fromEntries((stack?.outputs ?? []).map(o => [o.OutputKey, o.OutputValue]))
    for (const [name, value] of Object.entries(outputs)) expect(result.outputs[name]).toBe(value)
    expect(result.outputs['api-key']).toBe(key)
    expect(result.env).toEqual({
      METAFLOW_DEFAULT_DATASTORE: 's3',
      METAFLOW_DEFAULT_METADATA: 'service',
      METAFLOW_DATASTORE_SYSROOT_S3: outputs.MetaflowDataStoreS3Url,
      METAFLOW_ECS_S3_ACCESS_IAM_ROLE: outputs.ECSJobRoleForBatchJobs,
      METAFLOW_SFN_DYNAMO_DB_TABLE: outputs.DDBTableName,
      METAFLOW_SERVICE_AUTH_KEY: key
    })
    expect(emulator.calls('GetApiKey')[0]?.params.query).toBe('?includeValue=true')
    expectNoLeak(result, key, [])
  })

  it('writes the Metaflow config file sorted, without empty values, with mode 0600, expanding ~', async () => {
    const result = await runAgainst(emulator, {
      inputs: deployInputs({ 'metaflow-config-file': '~/.metaflowconfig/config_dev.json' }),
      files
    })
    expect(result.exitCode).toBe(0)
    const path = join(result.files.output, '..', 'home', '.metaflowconfig', 'config_dev.json')
    expect(result.outputs['metaflow-config-file']).toBe(path)
    const key = keyValue()
    const stack = emulator.cloudformation.findStack('metaflow-dev')
    const out = (name: string) => stack?.outputs.find(o => o.OutputKey === name)?.OutputValue
    expect(readFileSync(path, 'utf8')).toBe(
      `{\n    "METAFLOW_DATASTORE_SYSROOT_S3": "${out('MetaflowDataStoreS3Url')}",\n    "METAFLOW_DEFAULT_DATASTORE": "s3",\n    "METAFLOW_DEFAULT_METADATA": "service",\n    "METAFLOW_ECS_S3_ACCESS_IAM_ROLE": "${out('ECSJobRoleForBatchJobs')}",\n    "METAFLOW_SERVICE_AUTH_KEY": "${key}",\n    "METAFLOW_SFN_DYNAMO_DB_TABLE": "${out('DDBTableName')}"\n}\n`
    )
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expectNoLeak(result, key, [path])
  })

  it('mode outputs: exports an existing stack’s outputs, env and key without any change set', async () => {
    expect((await runAgainst(emulator, { inputs: deployInputs(), files })).exitCode).toBe(0)
    const writesBefore = emulator.mutatingCalls().length
    const result = await runAgainst(emulator, { inputs: { 'stack-name': 'metaflow-dev', mode: 'outputs' } })
    expect(result.exitCode).toBe(0)
    expect(emulator.mutatingCalls().length).toBe(writesBefore)
    expect(result.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(result.env.METAFLOW_SERVICE_AUTH_KEY).toBe(keyValue())
    expect(result.outputs.DDBTableName).toMatch(/^metaflow-dev-Table-/)
    expectNoLeak(result, keyValue(), [])
  })

  it('mode outputs: a missing stack is a clear error', async () => {
    const result = await runAgainst(emulator, { inputs: { 'stack-name': 'metaflow-prod', mode: 'outputs' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(
      /^Stack metaflow-prod does not exist\. mode: outputs reads a deployed stack; deploy it first/
    )
    expect(emulator.mutatingCalls()).toEqual([])
  })

  it('names the permission when reading the key is denied', async () => {
    await runAgainst(emulator, { inputs: deployInputs(), files })
    emulator.apiGateway.denyGetApiKey = true
    const result = await runAgainst(emulator, { inputs: { 'stack-name': 'metaflow-dev', mode: 'outputs' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(
      /needs apigateway:GET on arn:aws:apigateway:us-east-1::\/apikeys\/[a-z0-9]{10}/
    )
    expect(result.outputs['stack-status']).toBe('CREATE_COMPLETE')
  })

  it('retries a throttled GetApiKey', async () => {
    await runAgainst(emulator, { inputs: deployInputs(), files })
    emulator.faults.set({ throttleRate: 0.6, operations: ['GetApiKey'] })
    const result = await runAgainst(emulator, { inputs: { 'stack-name': 'metaflow-dev', mode: 'outputs' } })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['api-key']).toBe(keyValue())
  })

  it('does not let a stack output overwrite one of the action’s own outputs, and says so', async () => {
    // `migration` is a valid CloudFormation output name (alphanumeric) and one of the action's own outputs.
    const clashing = BASIC.replace('Outputs:\n', 'Outputs:\n  migration:\n    Value: not-the-migration\n')
    const result = await runAgainst(emulator, {
      inputs: deployInputs(),
      files: { 'infra/metaflow.yml': clashing }
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.migration).toBeUndefined()
    expect(result.warnings.map(w => w.message)).toContain(
      "Stack output migration has the name of one of the action's own outputs; it is not set as a step output (read it from the stack)."
    )
  })

  it('with export-env false, exports no variables but still sets the outputs', async () => {
    const result = await runAgainst(emulator, { inputs: deployInputs({ 'export-env': 'false' }), files })
    expect(result.exitCode).toBe(0)
    expect(result.env).toEqual({})
    expect(result.outputs['api-key']).toBe(keyValue())
  })
})
