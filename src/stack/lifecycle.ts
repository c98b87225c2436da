import {
  DeleteStackCommand,
  DescribeStackEventsCommand,
  ListChangeSetsCommand,
  type CloudFormationClient,
  type Stack,
  type StackEvent
} from '@aws-sdk/client-cloudformation'
import { AdaptiveDelay } from '../run/clock.js'
import type { RunContext } from '../run/context.js'
import { DeployError, messageOf } from '../run/errors.js'
import { classifyReviewStack, classifyStack, describeStack, type StackState } from './state.js'
import { EventLog } from './event-log.js'
import { watchStack } from './watch.js'

/** The stack, described and classified (a REVIEW_IN_PROGRESS one after asking whether another run uses it). */
async function currentState(ctx: RunContext, prefetched?: Promise<Stack | undefined>): Promise<StackState> {
  const cfn = ctx.clients.cloudformation
  try {
    const stack = await (prefetched ?? describeStack(cfn, ctx.settings.stackName, ctx.signal))
    const state = classifyStack(stack)
    if (state.kind === 'failed-create' && state.stack.StackStatus === 'REVIEW_IN_PROGRESS')
      return await classifyReviewStack(cfn, state.stack, Date.now(), ctx.signal)
    return state
  } catch (err) {
    // A call aborted by the cancel: say so, rather than the SDK's "Request aborted".
    if (ctx.signal.aborted)
      throw new DeployError(`Cancelled while reading stack ${ctx.settings.stackName}; nothing was changed.`)
    throw err
  }
}

/**
 * Describes the stack and, while another operation runs on it (another workflow run, or a person in the
 * console), says who is in the way and waits for it to settle, within the run's deadline.
 */
export async function settledState(ctx: RunContext): Promise<StackState> {
  const name = ctx.settings.stackName
  const delay = new AdaptiveDelay(2_000, 15_000)
  const prefetched = ctx.firstLook
  ctx.firstLook = undefined
  let state = await currentState(ctx, prefetched)
  let announced = ''
  while (state.kind === 'in-progress') {
    const status = state.stack.StackStatus ?? ''
    const situation = `${status}/${state.pendingChangeSet ?? ''}`
    if (situation !== announced) {
      const who =
        state.pendingChangeSet !== undefined
          ? ` (change set ${state.pendingChangeSet} of another run's first deploy or preview is pending)`
          : await whoIsInTheWay(ctx, state.stack)
      ctx.log.info(`Stack ${name} is ${status}${who}; waiting for it to finish before planning.`)
      announced = situation
    }
    if (ctx.clock.now() > ctx.deadline) {
      throw new DeployError(
        `Timed out after waiting for another operation on stack ${name}: it is still ${status}. Raise timeout-minutes, or find the other run in the Actions tab or the CloudFormation console.`
      )
    }
    await ctx.clock.sleep(delay.next(false), ctx.signal)
    if (ctx.signal.aborted)
      throw new DeployError(`Cancelled while waiting for stack ${name} (${status}); nothing was changed.`)
    state = await currentState(ctx)
  }
  return state
}

/** Names the change set being executed, if any: the usual culprit is another run of this action. */
async function whoIsInTheWay(ctx: RunContext, stack: Stack): Promise<string> {
  try {
    const list = await ctx.clients.cloudformation.send(
      new ListChangeSetsCommand({ StackName: stack.StackId }),
      { abortSignal: ctx.signal }
    )
    const running = list.Summaries?.find(s => s.ExecutionStatus === 'EXECUTE_IN_PROGRESS')
    if (running !== undefined)
      return ` (change set ${running.ChangeSetName ?? running.ChangeSetId ?? ''} is executing)`
  } catch (err) {
    ctx.log.debug(`ListChangeSets failed: ${messageOf(err)}`)
  }
  return stack.StackStatusReason === undefined ? '' : ` (${stack.StackStatusReason})`
}

/**
 * Resources a failed first create left in the account: its rollback skips the delete of resources whose
 * DeletionPolicy is Retain (DELETE_SKIPPED), unless the execution set RetainExceptOnCreate. Deleting the stack
 * does not remove them, so they are named before it is recreated. The latest event per resource counts.
 */
export async function retainedLeftovers(
  cfn: CloudFormationClient,
  stackId: string,
  signal?: AbortSignal
): Promise<StackEvent[]> {
  const latest = new Map<string, StackEvent>()
  let token: string | undefined
  do {
    const page = await cfn.send(
      new DescribeStackEventsCommand({ StackName: stackId, NextToken: token }),
      signal === undefined ? {} : { abortSignal: signal }
    )
    for (const event of page.StackEvents ?? []) {
      // Newest first: the first event seen for a resource is its latest.
      const id = event.LogicalResourceId ?? ''
      if (event.ResourceType === 'AWS::CloudFormation::Stack' && event.PhysicalResourceId === stackId)
        continue
      if (!latest.has(id)) latest.set(id, event)
    }
    token = page.NextToken
  } while (token !== undefined && token !== '')
  return [...latest.values()].filter(e => e.ResourceStatus === 'DELETE_SKIPPED').reverse()
}

/** One warning per leftover: what it is, and where to find it. */
export function leftoverWarning(stackName: string, event: StackEvent): string {
  return `${event.LogicalResourceId ?? ''} (${event.ResourceType ?? ''}, physical id ${event.PhysicalResourceId ?? 'unknown'}) was kept by the failed first create of stack ${stackName} (DeletionPolicy: Retain) and stays in the account after the stack is deleted. Delete it, or import it, if the new stack creates its own.`
}

/**
 * Deletes a stack whose first create failed or never ran (ROLLBACK_COMPLETE, or an empty REVIEW_IN_PROGRESS
 * stack) and waits for DELETE_COMPLETE, streaming its events. A ROLLBACK_COMPLETE stack holds no resources, but
 * its rollback may have left retained ones in the account: each is named in a warning first. Returns them.
 */
export async function deleteEmptyStack(ctx: RunContext, stack: Stack, token: string): Promise<StackEvent[]> {
  const cfn = ctx.clients.cloudformation
  const stackId = stack.StackId ?? ctx.settings.stackName
  let leftovers: StackEvent[] = []
  if (stack.StackStatus === 'ROLLBACK_COMPLETE') {
    try {
      leftovers = await retainedLeftovers(cfn, stackId, ctx.signal)
    } catch (err) {
      ctx.log.warning(
        `Could not read the events of stack ${ctx.settings.stackName} to find resources its failed create kept (${messageOf(err)}); check its DELETE_SKIPPED events in the console.`
      )
    }
    for (const event of leftovers) ctx.log.warning(leftoverWarning(ctx.settings.stackName, event))
  }
  const since = ctx.clock.now()
  const eventLog = new EventLog()
  await cfn.send(new DeleteStackCommand({ StackName: stackId, ClientRequestToken: token }), {
    abortSignal: ctx.signal
  })
  const result = await watchStack(cfn, {
    stackId,
    stackName: ctx.settings.stackName,
    token,
    since,
    clock: ctx.clock,
    deadline: ctx.deadline,
    signal: ctx.signal,
    minDelayMs: 1_000,
    maxDelayMs: 5_000,
    onEvent: event => ctx.log.info(eventLog.line(event))
  })
  const status = result.stack.StackStatus ?? ''
  if (status !== 'DELETE_COMPLETE') {
    const reasons = result.failures
      .map(f => `${f.LogicalResourceId ?? ''}: ${f.ResourceStatusReason ?? ''}`)
      .join('; ')
    throw new DeployError(
      `Deleting the failed stack ${ctx.settings.stackName} ended in ${status}${reasons === '' ? '' : ` (${reasons})`}. Delete it in the console, then re-run.`
    )
  }
  return leftovers
}
