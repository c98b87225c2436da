import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { leftoverChangeSets, runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

// Through the bundled action: timeout-minutes holds even when an AWS call hangs (needs orchestrate.ts to call
// clients.interruptOn with the run's deadline).
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

describe('timeout-minutes with a hung call', () => {
  it('ends the run at the deadline, names the call, and still deletes its change set', async () => {
    emulator.faults.set({ delayMs: { DescribeChangeSet: 20_000 } })
    const started = Date.now()
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', 'timeout-minutes': '0.1' },
      files: { 'infra/metaflow.yml': BASIC },
      timeoutMs: 60_000
    })
    const ms = Date.now() - started
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /CloudFormation DescribeChangeSet was interrupted: timeout-minutes \(0\.1\) ran out/
    )
    expect(ms).toBeLessThan(6_000 + 4_000) // 6 s of timeout-minutes, and start-up and clean-up on a busy machine
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
  }, 70_000)
})
