import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateChangeSetCommand } from '@aws-sdk/client-cloudformation'
import { NO_CHANGES_REASON } from '../../emulator/cfn/model.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { deploy } from '../../src/modes/deploy.js'
import { preview } from '../../src/modes/preview.js'
import { EventLog } from '../../src/stack/event-log.js'
import { watchStack } from '../../src/stack/watch.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { eventually, sdkClients } from '../support/aws.js'
import { testContext } from '../support/context.js'
import { leftoverChangeSets } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

// Outcomes of the deploy path that planted one-line bugs left green (issue 25): each test names the plant it
// turns red.
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-outcomes-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

async function contextWith(inputs: Record<string, string> = {}) {
  return testContext(
    emulator,
    { 'stack-name': 'app', template: 'stack.yml', environment: 'dev', ...inputs },
    workspace
  )
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a failure')
}

/** A template whose change set FAILS (a template error found while the change set is built). */
const BROKEN =
  'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Select [5, [a]]\n'

async function deployWith(inputs: Record<string, string> = {}) {
  const test = await contextWith(inputs)
  const result = await deploy(test.ctx, await readStackRequest(test.ctx))
  return { ...test, result }
}

const mutating = (): string[] => emulator.mutatingCalls().map(r => r.operation)

/**
 * AWS has two wordings for a change set with nothing in it; the emulator gives the first. This makes it give the
 * other, "No updates are to be performed." (the text UpdateStack, and some change sets, answer with).
 */
function wordNoChangesAsNoUpdates(): void {
  const engine = emulator.cloudformation
  const handle = engine.handle.bind(engine)
  engine.handle = (action, params, region) => {
    const answer = handle(action, params, region)
    if (action !== 'DescribeChangeSet') return answer
    const described = answer as { StatusReason?: string }
    return described.StatusReason === NO_CHANGES_REASON
      ? { ...described, StatusReason: 'No updates are to be performed.' }
      : answer
  }
}

describe('an empty change set worded "No updates are to be performed."', () => {
  // A NoEcho value given by the run is described as ****, so the no-change shortcut cannot decide: the second run
  // builds a change set, which comes back empty.
  const inputs = { parameters: 'DbPassword=the-same-secret' }

  it('deploy: no changes, not a failed change set; the empty change set is deleted and nothing executed', async () => {
    await deployWith(inputs)
    wordNoChangesAsNoUpdates()
    const { result, log } = await deployWith(inputs)
    expect(result.hasChanges).toBe(false)
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(log.text()).toMatch(/No changes: stack app already matches \(the change set holds no changes\)/)
    expect(mutating()).toEqual(['CreateChangeSet', 'ExecuteChangeSet', 'CreateChangeSet', 'DeleteChangeSet'])
    expect(leftoverChangeSets(emulator, 'app')).toEqual([])
  })

  it('preview: reports no changes instead of failing', async () => {
    await deployWith(inputs)
    wordNoChangesAsNoUpdates()
    const { ctx, log } = await contextWith(inputs)
    const result = await preview(ctx, await readStackRequest(ctx), false)
    expect(result.hasChanges).toBe(false)
    expect(log.text()).toContain('No changes: stack app already matches the template and parameters.')
    expect(leftoverChangeSets(emulator, 'app')).toEqual([])
  })
})

describe('failed operations: what the error and the log say', () => {
  it('the error names the root cause, not the siblings CloudFormation cancelled because of it', async () => {
    emulator.failResource({
      logicalId: 'Table',
      reason: 'Table limit exceeded for the account',
      during: 'create'
    })
    emulator.failResource({ logicalId: 'Datastore', reason: 'Resource creation cancelled', during: 'create' })
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(/ Failed: Table: Table limit exceeded for the account$/)
    expect(error.message).not.toMatch(/Datastore/)
  })

  it('event reads throttled past every retry: the deploy still succeeds, and a warning says the events may be incomplete', async () => {
    // 10 attempts per call: 10 throttles fail the watch's first event read outright.
    emulator.faults.set({ throttleNext: { DescribeStackEvents: 10 } })
    const { result, log } = await deployWith()
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(log.warnings).toEqual([
      expect.stringMatching(/^1 read of stack app failed while it was watched \(last: Rate exceeded\)/)
    ])
  })

  it('at the deadline, a stack that settled while its events never showed up is the outcome, not a timeout', async () => {
    const { result, ctx } = await deployWith()
    const stackId = result.stack?.StackId ?? ''
    const watched = await watchStack(ctx.clients.cloudformation, {
      stackId,
      stackName: 'app',
      // No event is this operation's: as when the event stream lags behind the stack's status.
      token: 'another-operation',
      since: Date.now() + 3_600_000,
      clock: ctx.clock,
      deadline: Date.now() + 50,
      signal: ctx.signal,
      onEvent: event => ctx.log.info(new EventLog().line(event))
    })
    expect(watched.stack.StackStatus).toBe('CREATE_COMPLETE')
  })
})

describe('a first create that failed (ROLLBACK_COMPLETE), deleted and created again', () => {
  async function rolledBack(): Promise<void> {
    emulator.failResource({ logicalId: 'Table', reason: 'boom' })
    await failureOf(deployWith())
    expect(emulator.cloudformation.findStack('app')?.status).toBe('ROLLBACK_COMPLETE')
    emulator.clearFailures()
    emulator.requests.length = 0
  }

  it('reports the operation as a recreate', async () => {
    await rolledBack()
    const { result } = await deployWith()
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(result.operation).toBe('recreate')
  })

  it('when the new change set fails, the empty stack its CREATE made is removed too', async () => {
    await rolledBack()
    writeFileSync(join(workspace, 'stack.yml'), BROKEN)
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(/^The change set for stack app failed/)
    expect(mutating()).toEqual(['DeleteStack', 'CreateChangeSet', 'DeleteChangeSet', 'DeleteStack'])
    expect(emulator.cloudformation.findStack('app')).toBeUndefined()
  })

  it('a delete that ends DELETE_FAILED stops the run with what to do, before any change set', async () => {
    await rolledBack()
    const engine = emulator.cloudformation
    const handle = engine.handle.bind(engine)
    engine.handle = (action, params, region) => {
      if (action !== 'DeleteStack') return handle(action, params, region)
      engine.setStackStatus('app', 'DELETE_IN_PROGRESS', { afterMs: 10, status: 'DELETE_FAILED' })
      return {}
    }
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(
      /^Deleting the failed stack app ended in DELETE_FAILED\. Delete it in the console, then re-run\.$/
    )
    expect(emulator.calls('CreateChangeSet')).toEqual([])
  })
})

describe('an empty REVIEW_IN_PROGRESS stack that was there before the run', () => {
  it('a failed change set on it is deleted, and the stack, not this run’s, is left in place', async () => {
    emulator.cloudformation.setStackStatus('app', 'REVIEW_IN_PROGRESS')
    writeFileSync(join(workspace, 'stack.yml'), BROKEN)
    await failureOf(deployWith())
    expect(mutating()).toEqual(['CreateChangeSet', 'DeleteChangeSet'])
    expect(emulator.cloudformation.findStack('app')?.status).toBe('REVIEW_IN_PROGRESS')
  })

  it('with a ready change set a crashed run left hours ago: not waited for, the deploy creates on it', async () => {
    const { cfn } = sdkClients(emulator)
    const left = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'crashed-run',
        ChangeSetType: 'CREATE',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    const record = emulator.cloudformation.changeSets.get(left.Id ?? '')
    if (record === undefined) throw new Error('the emulator did not keep the change set')
    await eventually(() => Promise.resolve(record.executionStatus === 'AVAILABLE' ? true : undefined))
    record.creationTime = new Date(Date.now() - 3 * 3_600_000)
    // Three seconds: a deploy that waited for the leftover would time out.
    const { result } = await deployWith({ 'timeout-minutes': '0.05' })
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
  })
})

describe('another operation in the way', () => {
  it('a stack that stays in progress: waits until timeout-minutes, then says who is in the way', async () => {
    emulator.cloudformation.setStackStatus('app', 'UPDATE_IN_PROGRESS')
    const error = await failureOf(deployWith({ 'timeout-minutes': '0.005' }))
    expect(error.message).toMatch(
      /^Timed out after waiting for another operation on stack app: it is still UPDATE_IN_PROGRESS\./
    )
    expect(mutating()).toEqual([])
  }, 10_000)
})

describe('calls whose answer was lost', () => {
  it('ExecuteChangeSet retried after its first attempt started the execution: the deploy goes on', async () => {
    emulator.faults.set({ dropResponseNext: { ExecuteChangeSet: 1 } })
    const { result } = await deployWith()
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(emulator.calls('ExecuteChangeSet').length).toBeGreaterThan(1)
  })

  it('DeleteChangeSet retried after its first attempt deleted it: done, no warning', async () => {
    await deployWith()
    emulator.faults.set({ dropResponseNext: { DeleteChangeSet: 1 } })
    const { ctx, log } = await contextWith({ parameters: 'Env=prod' })
    const result = await preview(ctx, await readStackRequest(ctx), false)
    expect(result.hasChanges).toBe(true)
    expect(emulator.calls('DeleteChangeSet').length).toBeGreaterThan(1)
    expect(log.warnings).toEqual([])
    expect(leftoverChangeSets(emulator, 'app')).toEqual([])
  })
})
