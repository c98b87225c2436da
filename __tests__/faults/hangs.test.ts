import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { DescribeChangeSetCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { createClients } from '../../src/aws/clients.js'
import { AwsCallFailed } from '../../src/run/errors.js'
import { errorOf } from '../support/aws.js'
import { leftoverChangeSets, runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

// Real SDK clients (as the action builds them) against the emulator, whose per-operation delay makes a call hang.
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
  Object.assign(process.env, emulator.env())
})
afterEach(async () => {
  await emulator.close()
})

// Long enough to outlast every timeout below, short enough that the emulator's timer does not hold jest for long.
const HUNG = 20_000

async function timed<T>(work: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now()
  try {
    await work
    return { ms: Date.now() - started, error: undefined }
  } catch (error) {
    return { ms: Date.now() - started, error }
  }
}

describe('a call that hangs', () => {
  it('ends by the request timeout: 3 attempts, then an error that names the call', async () => {
    emulator.faults.set({ delayMs: { DescribeStacks: HUNG } })
    // At the tests' time scale the 30 s request timeout shrinks to its 5 s floor.
    const clients = createClients({ timeScale: 0.01 })
    const { ms, error } = await timed(
      clients.cloudformation.send(new DescribeStacksCommand({ StackName: 'metaflow-dev' }))
    )
    expect(error).toBeInstanceOf(AwsCallFailed)
    expect((error as Error).message).toMatch(
      /^CloudFormation DescribeStacks got no answer from AWS: 3 attempts, each given 5 s\./
    )
    expect(emulator.calls('DescribeStacks')).toHaveLength(3)
    expect(ms).toBeGreaterThanOrEqual(15_000)
    expect(ms).toBeLessThan(25_000)
  }, 30_000)

  it('ends at once when the run is interrupted (deadline or cancellation), and later calls still work', async () => {
    emulator.faults.set({ delayMs: { DescribeStacks: HUNG } })
    const clients = createClients({ timeScale: 0.01 })
    clients.interruptOn(AbortSignal.timeout(500), 'timeout-minutes ran out')
    const { ms, error } = await timed(
      clients.cloudformation.send(new DescribeStacksCommand({ StackName: 'metaflow-dev' }))
    )
    expect((error as Error).message).toBe(
      'CloudFormation DescribeStacks was interrupted: timeout-minutes ran out.'
    )
    expect(ms).toBeLessThan(2_500)
    // Clean-up after the interruption is not born aborted.
    emulator.faults.reset()
    // (A call the action's policy allows: DescribeStacks of a metaflow-* stack, here one that does not exist.)
    const after = await errorOf(
      clients.cloudformation.send(new DescribeStacksCommand({ StackName: 'metaflow-after' }))
    )
    expect(after.message).toMatch(/Stack with id metaflow-after does not exist/)
  }, 30_000)

  it('a throttling backoff in progress ends at once when interrupted, not after 10 attempts', async () => {
    emulator.faults.set({ throttleNext: { DescribeChangeSet: 100 } })
    const clients = createClients({ timeScale: 1 }) // real backoffs: 1 s, 2 s, 4 s, …
    const cancel = new AbortController()
    clients.interruptOn(cancel.signal, 'the job was cancelled')
    const call = timed(
      clients.cloudformation.send(
        new DescribeChangeSetCommand({
          ChangeSetName: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/x/y'
        })
      )
    )
    // Wait until the call is backing off after its second throttle (that backoff is up to 2 s long).
    const started = Date.now()
    while (emulator.calls('DescribeChangeSet').length < 2 && Date.now() - started < 20_000)
      await new Promise(resolve => setTimeout(resolve, 20))
    const interruptedAt = Date.now()
    cancel.abort()
    const { error } = await call
    expect((error as Error).message).toBe(
      'CloudFormation DescribeChangeSet was interrupted: the job was cancelled.'
    )
    expect(Date.now() - interruptedAt).toBeLessThan(500)
    expect(emulator.calls('DescribeChangeSet').length).toBeLessThan(4)
  }, 30_000)
})

describe('through the bundled action', () => {
  it('a hung DescribeStacks ends the run with an error that names it, long before timeout-minutes', async () => {
    emulator.faults.set({ delayMs: { DescribeStacks: HUNG } })
    const started = Date.now()
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', 'timeout-minutes': '5' },
      files: { 'infra/metaflow.yml': BASIC },
      timeoutMs: 60_000
    })
    const ms = Date.now() - started
    expect(result.signal).toBeNull()
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(
      /CloudFormation DescribeStacks got no answer from AWS: 3 attempts/
    )
    expect(ms).toBeLessThan(45_000)
    expect(emulator.mutatingCalls()).toEqual([])
  }, 70_000)

  it('a cancel (SIGINT) during a throttling backoff stops at once and deletes what the run created', async () => {
    emulator.faults.set({ throttleNext: { DescribeChangeSet: 1000 } })
    let cancelledAt = 0
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml' },
      files: { 'infra/metaflow.yml': BASIC },
      // Real backoffs (1 s, 2 s, 4 s, …): without interruption the call would go on for about 2 minutes.
      env: { METAFLOW_DEPLOY_TIME_SCALE: '1' },
      onLine: (line, child) => {
        if (cancelledAt === 0 && /^Change set arn:/.test(line)) {
          cancelledAt = -1
          // Into the backoff first: the first retry waits up to 1 s, the second up to 2 s.
          setTimeout(() => {
            cancelledAt = Date.now()
            child.kill('SIGINT')
          }, 1500)
        }
      },
      timeoutMs: 60_000
    })
    const afterCancel = Date.now() - cancelledAt
    expect(cancelledAt).toBeGreaterThan(0)
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(/Cancelled/)
    expect(afterCancel).toBeLessThan(5_000) // the runner sends SIGTERM 7.5 s after SIGINT
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
    expect(emulator.cloudformation.findStack('metaflow-dev')).toBeUndefined()
  }, 70_000)
})
