import { DeleteStackCommand, ListChangeSetsCommand, type Stack } from '@aws-sdk/client-cloudformation'
import { AdaptiveDelay } from '../clock.js'
import type { RunContext } from '../context.js'
import { DeployError, messageOf } from '../errors.js'
import { classifyStack, describeStack, type StackState } from './state.js'
import { formatEvent, watchStack } from './watch.js'

/**
 * Describes the stack and, while another operation runs on it (another workflow run, or a person in the
 * console), says who is in the way and waits for it to settle, within the run's deadline.
 */
export async function settledState(ctx: RunContext): Promise<StackState> {
  const cfn = ctx.clients.cloudformation
  const name = ctx.settings.stackName
  const delay = new AdaptiveDelay(2_000, 15_000)
  const prefetched = ctx.firstLook
  ctx.firstLook = undefined
  let state = classifyStack(await (prefetched ?? describeStack(cfn, name)))
  let announced = ''
  while (state.kind === 'in-progress') {
    const status = state.stack.StackStatus ?? ''
    if (status !== announced) {
      ctx.log.info(
        `Stack ${name} is ${status}${await whoIsInTheWay(ctx, state.stack)}; waiting for it to finish before planning.`
      )
      announced = status
    }
    if (ctx.clock.now() > ctx.deadline) {
      throw new DeployError(
        `Timed out after waiting for another operation on stack ${name}: it is still ${status}. Raise timeout-minutes, or find the other run in the Actions tab or the CloudFormation console.`
      )
    }
    await ctx.clock.sleep(delay.next(false), ctx.signal)
    if (ctx.signal.aborted)
      throw new DeployError(`Cancelled while waiting for stack ${name} (${status}); nothing was changed.`)
    state = classifyStack(await describeStack(cfn, name))
  }
  return state
}

/** Names the change set being executed, if any: the usual culprit is another run of this action. */
async function whoIsInTheWay(ctx: RunContext, stack: Stack): Promise<string> {
  try {
    const list = await ctx.clients.cloudformation.send(
      new ListChangeSetsCommand({ StackName: stack.StackId })
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
 * Deletes a stack that holds nothing (a failed first create or an empty REVIEW_IN_PROGRESS stack) and waits
 * for DELETE_COMPLETE, streaming its events. Only ever called for those states.
 */
export async function deleteEmptyStack(ctx: RunContext, stack: Stack, token: string): Promise<void> {
  const cfn = ctx.clients.cloudformation
  const stackId = stack.StackId ?? ctx.settings.stackName
  const since = ctx.clock.now()
  await cfn.send(new DeleteStackCommand({ StackName: stackId, ClientRequestToken: token }))
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
    onEvent: event => ctx.log.info(formatEvent(event))
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
}
