import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type Stack,
  type StackEvent
} from '@aws-sdk/client-cloudformation'
import { AdaptiveDelay, type Clock } from '../clock.js'
import { DeployError } from '../errors.js'
import { describeStack, isTerminalStatus } from './state.js'

export interface WatchOptions {
  stackId: string
  stackName: string
  /** The ClientRequestToken of the operation: CloudFormation stamps it on every event the operation causes. */
  token: string
  /** When the operation started (client clock), for events of backends that do not stamp the token. */
  since: number
  clock: Clock
  deadline: number
  signal: AbortSignal
  /** Receives each new event, oldest first. */
  onEvent: (event: StackEvent) => void
  /** Shortest and longest pause between polls. */
  minDelayMs?: number
  maxDelayMs?: number
}

export interface WatchResult {
  stack: Stack
  /** Every resource that failed during the operation, root causes first. */
  failures: StackEvent[]
  /** CloudFormation calls made while watching. */
  calls: number
}

export class WatchCancelled extends DeployError {}

/** If no event arrives for this long, DescribeStacks is asked directly, in case the event stream lags. */
const IDLE_CHECK_MS = 60_000

/**
 * Follows one stack operation through its events until the stack reaches a terminal state: each event is
 * reported as it arrives, failures are collected, and the stack is described only at the end (or when the events
 * go quiet), which keeps the number of calls below a fixed-interval DescribeStacks loop.
 */
export async function watchStack(cfn: CloudFormationClient, options: WatchOptions): Promise<WatchResult> {
  const { clock, signal } = options
  const seen = new Set<string>()
  const failures: StackEvent[] = []
  const delay = new AdaptiveDelay(options.minDelayMs ?? 1_000, options.maxDelayMs ?? 10_000)
  let calls = 0
  let lastProgress = clock.now()
  let wait = delay.peek()

  const ours = (event: StackEvent): boolean =>
    event.ClientRequestToken === options.token ||
    (event.ClientRequestToken === undefined && (event.Timestamp?.getTime() ?? 0) >= options.since)

  const finish = async (): Promise<WatchResult> => {
    calls++
    const stack = await describeStack(cfn, options.stackId)
    if (stack === undefined)
      throw new DeployError(`Stack ${options.stackName} disappeared while it was being watched.`)
    return { stack, failures: rootCausesFirst(failures), calls }
  }

  for (;;) {
    await clock.sleep(wait, signal)
    if (signal.aborted) throw new WatchCancelled('Cancelled while waiting for the stack.')
    const fresh: StackEvent[] = []
    let token: string | undefined
    let more = true
    while (more) {
      calls++
      const page = await cfn.send(
        new DescribeStackEventsCommand({ StackName: options.stackId, NextToken: token })
      )
      for (const event of page.StackEvents ?? []) {
        if (seen.has(event.EventId ?? '') || !ours(event)) {
          more = false
          break
        }
        fresh.push(event)
      }
      token = page.NextToken
      if (token === undefined || token === '') more = false
    }
    fresh.reverse()
    let terminal = false
    for (const event of fresh) {
      seen.add(event.EventId ?? '')
      options.onEvent(event)
      const isStack =
        event.ResourceType === 'AWS::CloudFormation::Stack' && event.PhysicalResourceId === options.stackId
      if (isStack && isTerminalStatus(event.ResourceStatus ?? '')) terminal = true
      if (!isStack && (event.ResourceStatus ?? '').endsWith('_FAILED')) failures.push(event)
    }
    if (terminal) return finish()
    if (fresh.length > 0) lastProgress = clock.now()
    else if (clock.now() - lastProgress > IDLE_CHECK_MS) {
      const result = await finish()
      if (isTerminalStatus(result.stack.StackStatus ?? '')) return result
      calls = result.calls
      lastProgress = clock.now()
    }
    if (clock.now() > options.deadline) {
      const result = await finish()
      if (isTerminalStatus(result.stack.StackStatus ?? '')) return result
      throw new DeployError(
        `Timed out waiting for stack ${options.stackName}: it is still ${result.stack.StackStatus ?? 'in an unknown state'}. CloudFormation goes on with the operation; follow it in the console, and raise timeout-minutes if deploys of this stack take longer.`
      )
    }
    wait = delay.next(fresh.length > 0)
  }
}

/** A cancelled sibling is a consequence, not a cause: list real failures first. */
function rootCausesFirst(failures: StackEvent[]): StackEvent[] {
  const cancelled = (e: StackEvent): boolean => /cancelled/i.test(e.ResourceStatusReason ?? '')
  return [...failures.filter(e => !cancelled(e)), ...failures.filter(cancelled)]
}

/** One readable log line per event: time, status, type, logical id, reason. */
export function formatEvent(event: StackEvent): string {
  const time = (event.Timestamp ?? new Date()).toISOString().slice(11, 19)
  const reason =
    event.ResourceStatusReason === undefined || event.ResourceStatusReason === ''
      ? ''
      : `  ${event.ResourceStatusReason}`
  return `${time}  ${(event.ResourceStatus ?? '').padEnd(36)} ${(event.ResourceType ?? '').padEnd(44)} ${event.LogicalResourceId ?? ''}${reason}`
}
