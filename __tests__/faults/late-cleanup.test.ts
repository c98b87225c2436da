import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { discardPlan, LATE_CLEANUP_CALL_MS, planChangeSet, type Plan } from '../../src/stack/plan.js'
import { checkParameters, readStackRequest } from '../../src/template/stack-request.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext, type TestContext } from '../support/context.js'
import { BASIC } from '../support/templates.js'

// The clean-up after timeout-minutes ran out: one short attempt per call, and what stays is named.
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-late-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

async function planned(): Promise<{ test: TestContext; plan: Plan }> {
  const test = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
  const request = await readStackRequest(test.ctx)
  const plan = await planChangeSet(test.ctx, {
    stackName: 'app',
    type: 'CREATE',
    name: 'late',
    template: request.template,
    parameters: checkParameters(test.ctx, request, { kind: 'absent' }),
    createsStack: true
  })
  return { test, plan }
}

describe('clean-up after the deadline', () => {
  it('a hung DeleteChangeSet gets one short attempt, and the change set and the empty stack are named', async () => {
    const { test, plan } = await planned()
    emulator.faults.set({ delayMs: { DeleteChangeSet: 60_000, DescribeStacks: 60_000 } })
    test.ctx.deadline = test.ctx.clock.now() - 1 // timeout-minutes has run out
    const describes = emulator.calls('DescribeStacks').length
    const started = Date.now()
    const left = await discardPlan(test.ctx, plan.handle, true)
    const ms = Date.now() - started
    expect(emulator.calls('DeleteChangeSet')).toHaveLength(1)
    // The first call's short attempt left time for the next one to be tried.
    expect(emulator.calls('DescribeStacks')).toHaveLength(describes + 1)
    expect(left).toEqual([
      { kind: 'change-set', id: plan.handle.id },
      { kind: 'empty-stack', stackName: 'app' }
    ])
    expect(test.log.warnings[0]).toMatch(/^Could not delete change set .*late/)
    expect(test.log.warnings[1]).toMatch(
      /ran out of time before the empty stack app .* was confirmed deleted/
    )
    process.stdout.write(
      `clean-up after the deadline, DeleteChangeSet and DescribeStacks hung: ${ms} ms (each call capped at ${LATE_CLEANUP_CALL_MS} ms)\n`
    )
  }, 30_000)

  it('before the deadline, the clean-up removes the change set and the empty stack as usual', async () => {
    const { test, plan } = await planned()
    expect(await discardPlan(test.ctx, plan.handle, true)).toEqual([])
    expect(emulator.cloudformation.findStack('app')).toBeUndefined()
  })
})
