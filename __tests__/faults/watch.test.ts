import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { discardPlan, planChangeSet, type Plan } from '../../src/stack/plan.js'
import { checkParameters, readStackRequest } from '../../src/template/stack-request.js'
import { executeChangeSet, waitForChangeSet } from '../../src/stack/change-set.js'
import { EventLog } from '../../src/stack/event-log.js'
import { WatchCancelled, watchStack, type WatchOptions } from '../../src/stack/watch.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { eventually } from '../support/aws.js'
import { testContext, type TestContext } from '../support/context.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator({ seed: 7 })
  workspace = mkdtempSync(join(tmpdir(), 'mfd-watch-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

/** A CREATE change set of BASIC, built and read: ready to execute. */
async function planned(): Promise<{ test: TestContext; plan: Plan }> {
  const test = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
  const request = await readStackRequest(test.ctx)
  const plan = await planChangeSet(test.ctx, {
    stackName: 'app',
    type: 'CREATE',
    name: 'watched',
    template: request.template,
    parameters: checkParameters(test.ctx, request, { kind: 'absent' }),
    createsStack: true
  })
  return { test, plan }
}

/** Executes the plan and returns the options to watch it with. */
async function executed(test: TestContext, plan: Plan): Promise<WatchOptions> {
  const since = test.ctx.clock.now()
  await executeChangeSet(test.ctx.clients.cloudformation, plan.handle.id, {
    disableRollback: false,
    retainExceptOnCreate: true,
    token: 'watched-exec'
  })
  return {
    stackId: plan.handle.stackId,
    stackName: 'app',
    token: 'watched-exec',
    since,
    clock: test.ctx.clock,
    deadline: test.ctx.deadline,
    signal: test.ctx.signal,
    onEvent: event => test.log.info(new EventLog().line(event))
  }
}

describe('the watch never loses the outcome (issue 12.2)', () => {
  it('event and status reads throttled past every retry are skipped, and the success is still reported, with a warning', async () => {
    emulator.cloudformation.timing.resourceMs = 80
    const { test, plan } = await planned()
    const options = await executed(test, plan)
    // 10 attempts per call: 25 throttles fail the first two event reads outright; 12 fail one status read.
    emulator.faults.set({ throttleNext: { DescribeStackEvents: 25, DescribeStacks: 12 } })
    const result = await watchStack(test.ctx.clients.cloudformation, options)
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    expect(result.failures).toEqual([])
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^3 reads of stack app failed while it was watched \(last: Rate exceeded\); the final status CREATE_COMPLETE was read from CloudFormation, but the events shown may be incomplete\.$/
      )
    ])
    // Every event was shown in the end: a later read goes back to the last event seen.
    expect(test.log.text()).toMatch(/CREATE_COMPLETE +AWS::CloudFormation::Stack +app/)
    const throttled = emulator.calls('DescribeStackEvents').filter(r => r.errorCode === 'Throttling')
    expect(throttled).toHaveLength(25)
  })

  it('dropped connections on every read for a while: the watch keeps going until the stack settles', async () => {
    emulator.cloudformation.timing.resourceMs = 60
    const { test, plan } = await planned()
    const options = await executed(test, plan)
    emulator.faults.set({ dropRate: 1, operations: ['DescribeStackEvents', 'DescribeStacks'] })
    const watching = watchStack(test.ctx.clients.cloudformation, options)
    // Enough drops for at least one read to fail after all of its attempts, then the network heals.
    await eventually(
      () =>
        Promise.resolve(emulator.requests.filter(r => r.fault === 'drop').length >= 25 ? true : undefined),
      20_000
    )
    emulator.faults.reset()
    const result = await watching
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    expect(result.warnings[0]).toMatch(/reads? of stack app failed while it was watched/)
  })

  it('a stack whose status cannot be read at the deadline: a clear timeout, never a hang', async () => {
    emulator.cloudformation.timing.resourceMs = 5_000
    const { test, plan } = await planned()
    const options = await executed(test, plan)
    emulator.faults.set({ throttleRate: 1, operations: ['DescribeStackEvents', 'DescribeStacks'] })
    const started = Date.now()
    const error = await watchStack(test.ctx.clients.cloudformation, {
      ...options,
      deadline: Date.now() + 1_500
    }).then(
      () => new Error('expected a failure'),
      (err: unknown) => err as Error
    )
    expect(error.message).toMatch(
      /^Timed out waiting for stack app, and its status could not be read \(Rate exceeded\)/
    )
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})

describe('cancellation (issue 12.8)', () => {
  it('a cancel in the middle of a slow event read ends the watch within a second', async () => {
    emulator.cloudformation.timing.resourceMs = 200
    const { test, plan } = await planned()
    const options = await executed(test, plan)
    emulator.faults.set({ delayMs: { DescribeStackEvents: 20_000 } })
    const watching = watchStack(test.ctx.clients.cloudformation, options)
    await eventually(() =>
      Promise.resolve(emulator.calls('DescribeStackEvents').length > 0 ? true : undefined)
    )
    const cancelledAt = Date.now()
    test.cancel.abort()
    await expect(watching).rejects.toBeInstanceOf(WatchCancelled)
    expect(Date.now() - cancelledAt).toBeLessThan(1_000)
  })

  it('a cancel in the middle of a slow change-set poll ends the wait within a second', async () => {
    const test = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
    emulator.cloudformation.timing.changeSetMs = 10_000
    const { CreateChangeSetCommand } = await import('@aws-sdk/client-cloudformation')
    const created = await test.ctx.clients.cloudformation.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'slow',
        ChangeSetType: 'CREATE',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    emulator.faults.set({ delayMs: { DescribeChangeSet: 20_000 } })
    const waiting = waitForChangeSet(
      test.ctx.clients.cloudformation,
      created.Id ?? '',
      test.ctx.clock,
      test.ctx.deadline,
      test.ctx.signal
    )
    await eventually(() => Promise.resolve(emulator.calls('DescribeChangeSet').length > 0 ? true : undefined))
    const cancelledAt = Date.now()
    test.cancel.abort()
    await expect(waiting).rejects.toThrow('Cancelled while the change set was being created.')
    expect(Date.now() - cancelledAt).toBeLessThan(1_000)
  })

  it('after a cancel, the clean-up still removes the change set and the empty stack it made', async () => {
    const { test, plan } = await planned()
    test.cancel.abort()
    await discardPlan(test.ctx, plan.handle, true)
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual([
      'CreateChangeSet',
      'DeleteChangeSet',
      'DeleteStack'
    ])
    expect(emulator.cloudformation.findStack('app')).toBeUndefined()
  })

  it('after a cancel, a clean-up call that hangs is given up within the runner’s grace period, with a warning', async () => {
    const { test, plan } = await planned()
    emulator.faults.set({ delayMs: { DeleteChangeSet: 60_000 } })
    test.cancel.abort()
    const started = Date.now()
    await discardPlan(test.ctx, plan.handle, true)
    // SIGINT, then SIGTERM 7.5 s later: the clean-up gives up after 5 s.
    expect(Date.now() - started).toBeLessThan(7_500)
    expect(test.log.warnings[0]).toMatch(/^Could not delete change set .*watched/)
  }, 15_000)
})
