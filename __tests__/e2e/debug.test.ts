import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

// Through the bundled action, with step debug on as the runner sets it (ACTIONS_STEP_DEBUG → RUNNER_DEBUG=1).
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const SECRET = 'Sup3rSecretDbPassw0rd'
const run = (env: Record<string, string>) =>
  runAgainst(emulator, {
    inputs: {
      'stack-name': 'metaflow-dev',
      template: 'infra/metaflow.yml',
      environment: 'dev',
      parameters: `DbPassword=${SECRET}`
    },
    files: { 'infra/metaflow.yml': BASIC },
    env
  })

describe('debug logging', () => {
  it('with step debug, logs each AWS call with its timing, status and retries, and parameter names only', async () => {
    emulator.faults.set({ throttleNext: { DescribeStackEvents: 1 } })
    const result = await run({ RUNNER_DEBUG: '1' })
    expect(result.exitCode).toBe(0)
    const debug = result.commands.filter(c => c.command === 'debug').map(c => c.message)
    const calls = debug.filter(line => line.startsWith('AWS '))
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^AWS CloudFormation DescribeStacks: 200 in \d+ ms, 0 retries; parameters: StackName$/
        ),
        expect.stringMatching(
          /^AWS CloudFormation CreateChangeSet: 200 in \d+ ms, 0 retries; parameters: .*ChangeSetName.*Parameters.*StackName.*TemplateBody/
        ),
        expect.stringMatching(/^AWS CloudFormation DescribeStackEvents: 200 in \d+ ms, 1 retry; parameters: /)
      ])
    )
    // One line per call the action made.
    const made = emulator.requests.filter(r => r.fromAction && r.fault === undefined).length
    expect(calls.length).toBe(made)
    // The value is masked (add-mask) and appears nowhere else: not in any call's line.
    expect(result.lines.filter(line => line.includes(SECRET))).toEqual([`::add-mask::${SECRET}`])
    // So is the API key, masked before any line could hold it.
    const key = result.outputs['api-key'] ?? ''
    expect(key).not.toBe('')
    expect(result.lines.filter(line => line.includes(key))).toEqual([`::add-mask::${key}`])
  }, 60_000)

  it('without step debug, prints no debug lines at all', async () => {
    const result = await run({})
    expect(result.exitCode).toBe(0)
    expect(result.commands.filter(c => c.command === 'debug')).toEqual([])
  }, 60_000)
})
