import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
})

describe('the bundled action with bad input', () => {
  it('fails when stack-name is missing, names the input, and calls no AWS API', async () => {
    const before = emulator.requests.length
    const result = await runAgainst(emulator, { inputs: {} })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]?.message).toBe(
      "Input 'stack-name': is required. Set it to the CloudFormation stack name, e.g. metaflow-dev."
    )
    expect(emulator.requests.length).toBe(before)
  })

  const malformed: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    ['stack-name', { 'stack-name': 'metaflow_dev' }, {}, /"metaflow_dev" is not a valid stack name/],
    ['mode', { mode: 'apply' }, {}, /not one of: auto, deploy, preview, plan, execute, outputs/],
    ['timeout-minutes', { 'timeout-minutes': '-5' }, {}, /not a number of minutes/],
    ['template', { template: 'missing.yml' }, {}, /file "missing.yml" was not found/],
    [
      'template',
      { template: 'bad.yml' },
      { 'bad.yml': 'Resources: [unclosed' },
      /bad.yml is not a valid template: invalid YAML/
    ],
    [
      'parameters',
      { template: 't.yml', parameters: 'Envv=prod' },
      { 't.yml': BASIC },
      /unknown parameter "Envv" \(did you mean "Env"\?\)\. The template declares: Env, Auth, DbPassword/
    ],
    [
      'parameters',
      { template: 't.yml', parameters: 'Env=qa' },
      { 't.yml': BASIC },
      /parameter "Env" = "qa" is not allowed: expected one of dev, staging, prod/
    ],
    [
      'parameters-file',
      { template: 't.yml', 'parameters-file': 'p.yml' },
      { 't.yml': BASIC, 'p.yml': 'Nope: 1' },
      /unknown parameter "Nope"/
    ],
    [
      'parameters-file',
      { template: 't.yml', 'parameters-file': 'p.yml' },
      { 't.yml': BASIC, 'p.yml': 'a: [' },
      /is not valid YAML or JSON/
    ],
    ['tags', { tags: 'owner' }, {}, /line 1: expected Key=Value, got "owner"/]
  ]

  it.each(malformed)(
    'fails on a malformed %s before any AWS call that changes anything',
    async (input, inputs, files, message) => {
      const before = emulator.requests.length
      const result = await runAgainst(emulator, {
        inputs: { 'stack-name': 'metaflow-dev', mode: 'deploy', ...inputs },
        files
      })
      expect(result.exitCode).toBe(1)
      const error = result.errors.at(-1)?.message ?? ''
      expect(error).toContain(`Input '${input}'`)
      expect(error).toMatch(message)
      expect(emulator.requests.slice(before).filter(r => r.operation !== 'DescribeStacks')).toEqual([])
    }
  )
})
