import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { executePlanned } from '../../src/modes/execute.js'
import { preview } from '../../src/modes/preview.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext } from '../support/context.js'
import { leftoverChangeSets } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

/** In process, with the real SDK against the emulator: the paths that could lose data or run the wrong thing. */
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-guard-'))
})
afterEach(async () => {
  await emulator.close()
})

const bucket = (name: string) =>
  `Resources:\n  Datastore:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: ${name}\n`

async function run(body: string, inputs: Record<string, string> = {}) {
  writeFileSync(join(workspace, 'stack.yml'), body)
  const { ctx, log } = await testContext(
    emulator,
    { 'stack-name': 'data', template: 'stack.yml', ...inputs },
    workspace
  )
  return { ctx, log }
}

const errorOf = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a failure')
}

describe('the data-loss guard, in process', () => {
  it('refuses before ExecuteChangeSet, deletes the change set, and leaves the stack as it was', async () => {
    const first = await run(bucket('one'))
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const second = await run(bucket('two'))
    const err = await errorOf(deploy(second.ctx, await readStackRequest(second.ctx)))
    expect(err.message).toMatch(/Refused to deploy stack data/)
    expect(err.message).toMatch(/Datastore \(AWS::S3::Bucket\) is replaced/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
    expect(leftoverChangeSets(emulator, 'data')).toEqual([])
    expect(emulator.cloudformation.findStack('data')?.deployed?.body).toContain('BucketName: one')
  })

  it('lets an allowed loss through, and a preview reports the verdict without refusing', async () => {
    const first = await run(bucket('one'))
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const previewed = await run(bucket('two'))
    const outcome = await preview(previewed.ctx, await readStackRequest(previewed.ctx), false)
    expect(outcome.dataLoss.map(v => [v.logicalId, v.allowed])).toEqual([['Datastore', false]])
    const allowed = await run(bucket('two'), { 'allow-data-loss': 'Datastore' })
    const done = await deploy(allowed.ctx, await readStackRequest(allowed.ctx))
    expect(done.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(done.dataLoss.map(v => [v.logicalId, v.allowed])).toEqual([['Datastore', true]])
  })
})

describe('execute, in process', () => {
  it('executes exactly the planned change set and no other', async () => {
    writeFileSync(join(workspace, 'basic.yml'), BASIC)
    const planned = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'basic.yml', mode: 'plan' },
      workspace
    )
    const plan = await preview(planned.ctx, await readStackRequest(planned.ctx), true)
    expect(plan.changeSetId).not.toBe('')
    const executing = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'basic.yml', mode: 'execute', 'change-set-id': plan.changeSetId },
      workspace
    )
    const outcome = await executePlanned(executing.ctx)
    expect(outcome.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(emulator.calls('CreateChangeSet')).toHaveLength(1)
    expect(emulator.calls('ExecuteChangeSet').map(c => c.params.ChangeSetName)).toEqual([plan.changeSetId])
  })

  it('refuses a plan of another stack with no ExecuteChangeSet', async () => {
    writeFileSync(join(workspace, 'basic.yml'), BASIC)
    const planned = await testContext(
      emulator,
      { 'stack-name': 'other', template: 'basic.yml', mode: 'plan' },
      workspace
    )
    const plan = await preview(planned.ctx, await readStackRequest(planned.ctx), true)
    const executing = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'basic.yml', mode: 'execute', 'change-set-id': plan.changeSetId },
      workspace
    )
    const err = await errorOf(executePlanned(executing.ctx))
    expect(err.message).toMatch(/belongs to stack other, not to stack-name app/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(0)
  })
})

describe('termination protection, in process', () => {
  it('is left alone when unset, and set when asked even with nothing to change', async () => {
    const first = await run(bucket('one'))
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const stack = emulator.cloudformation.findStack('data')
    if (stack === undefined) throw new Error('no stack')
    stack.terminationProtection = true
    const unset = await run(bucket('one'), { 'allow-data-loss': '*' })
    await deploy(unset.ctx, await readStackRequest(unset.ctx))
    expect(stack.terminationProtection).toBe(true)
    const off = await run(bucket('one'), { 'termination-protection': 'false' })
    const outcome = await deploy(off.ctx, await readStackRequest(off.ctx))
    expect(outcome.hasChanges).toBe(false)
    expect(stack.terminationProtection).toBe(false)
  })
})
