import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type Stack,
  type StackEvent
} from '@aws-sdk/client-cloudformation'
import { AdaptiveDelay, type Clock } from '../run/clock.js'
import { DeployError, messageOf } from '../run/errors.js'
import { describeStack, isCleanupStatus, isTerminalStatus } from './state.js'

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
  /** Receives each new event, oldest first; a nested stack's events name it by path (`Network/Subnet`). */
  onEvent: (event: StackEvent) => void
  /** Shortest and longest pause between polls. */
  minDelayMs?: number
  maxDelayMs?: number
}

export interface WatchResult {
  stack: Stack
  /**
   * Every resource that failed during the operation, root causes first: a nested stack's failed resource (its
   * LogicalResourceId is the path from the root, `Network/Subnet`) before the "Embedded stack ... was not
   * successfully created" of its parent, and cancelled siblings last.
   */
  failures: StackEvent[]
  /**
   * Resources that failed to delete during a clean-up phase (`*_CLEANUP_IN_PROGRESS`): the operation still ends
   * (UPDATE_COMPLETE: "Update successful. One or more resources could not be deleted."), and each of these stays
   * in the account, no longer managed by the stack.
   */
  orphaned: StackEvent[]
  /** Things the person should know about the watch itself (reads that failed while the stack was followed). */
  warnings: string[]
  /** CloudFormation calls made while watching. */
  calls: number
}

export class WatchCancelled extends DeployError {}

/** If no event arrives for this long, DescribeStacks is asked directly, in case the event stream lags. */
const IDLE_CHECK_MS = 60_000

/** A nested stack seen in the events: its path of logical ids from the root, and whether it still runs. */
interface NestedStack {
  id: string
  path: string[]
  active: boolean
  /** Read once more after it settles, for its last events (the failures that explain its parent's). */
  finalRead: boolean
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown }

/**
 * Follows one stack operation through its events until the stack reaches a terminal state: each event is
 * reported as it arrives, failures are collected (with those of nested stacks), and the stack is described only
 * at the end (or when the events go quiet), which keeps the number of calls below a fixed-interval DescribeStacks
 * loop. A read that fails (throttling past every retry, a dropped connection) never ends the watch while time
 * remains: the outcome is what matters, and CloudFormation goes on regardless.
 */
export async function watchStack(cfn: CloudFormationClient, options: WatchOptions): Promise<WatchResult> {
  const { clock, signal, stackId } = options
  const seen = new Set<string>()
  const failures: StackEvent[] = []
  const orphaned: StackEvent[] = []
  const nested = new Map<string, NestedStack>()
  const delay = new AdaptiveDelay(options.minDelayMs ?? 1_000, options.maxDelayMs ?? 10_000)
  let calls = 0
  let failedReads = 0
  let lastReadError = ''
  let lastProgress = clock.now()
  let wait = delay.peek()
  /** The latest status of each stack (root and nested) from its own events, for clean-up phases. */
  const phase = new Map<string, string>()

  const cancelled = (): WatchCancelled => new WatchCancelled('Cancelled while waiting for the stack.')

  const attempt = async <T>(work: () => Promise<T>): Promise<Attempt<T>> => {
    calls++
    try {
      return { ok: true, value: await work() }
    } catch (error) {
      if (signal.aborted) throw cancelled()
      failedReads++
      lastReadError = messageOf(error)
      return { ok: false, error }
    }
  }

  const ours = (event: StackEvent, isRoot: boolean): boolean =>
    event.ClientRequestToken === options.token ||
    ((isRoot ? event.ClientRequestToken === undefined : true) &&
      (event.Timestamp?.getTime() ?? 0) >= options.since)

  /** New events of one stack, oldest first: every page back to the first event already seen. */
  const freshEvents = async (id: string, isRoot: boolean): Promise<StackEvent[]> => {
    const fresh: StackEvent[] = []
    let token: string | undefined
    for (;;) {
      const page = await cfn.send(new DescribeStackEventsCommand({ StackName: id, NextToken: token }), {
        abortSignal: signal
      })
      for (const event of page.StackEvents ?? []) {
        if (seen.has(event.EventId ?? '') || !ours(event, isRoot)) return fresh.reverse()
        fresh.push(event)
      }
      token = page.NextToken
      if (token === undefined || token === '') return fresh.reverse()
      calls++
    }
  }

  /** Reports and files the new events of one stack; true when the root stack reached a terminal status. */
  const absorb = (events: StackEvent[], path: string[], ownId: string): boolean => {
    let terminal = false
    for (const event of events) {
      seen.add(event.EventId ?? '')
      const status = event.ResourceStatus ?? ''
      const isOwn = event.ResourceType === 'AWS::CloudFormation::Stack' && event.PhysicalResourceId === ownId
      const named =
        path.length === 0
          ? event
          : { ...event, LogicalResourceId: [...path, event.LogicalResourceId ?? ''].join('/') }
      options.onEvent(named)
      if (isOwn) {
        phase.set(ownId, status)
        if (ownId === stackId && isTerminalStatus(status)) terminal = true
        continue
      }
      const child = event.PhysicalResourceId ?? ''
      if (
        event.ResourceType === 'AWS::CloudFormation::Stack' &&
        child.startsWith('arn:') &&
        child !== stackId
      ) {
        // Any news of it (started, or settled) calls for another read of its own events.
        nested.set(child, {
          id: child,
          path: [...path, event.LogicalResourceId ?? ''],
          active: !isTerminalStatus(status),
          finalRead: false
        })
      }
      if (!status.endsWith('_FAILED')) continue
      if (status === 'DELETE_FAILED' && isCleanupStatus(phase.get(ownId) ?? '')) orphaned.push(named)
      else failures.push(named)
    }
    return terminal
  }

  /** Reads every nested stack that runs, or settled since its last read. */
  const followNested = async (): Promise<number> => {
    let count = 0
    for (const child of [...nested.values()]) {
      if (!child.active && child.finalRead) continue
      const read = await attempt(() => freshEvents(child.id, false))
      if (!read.ok) continue
      if (!child.active) child.finalRead = true
      absorb(read.value, child.path, child.id)
      count += read.value.length
    }
    return count
  }

  const readRoot = async (): Promise<{ terminal: boolean; count: number } | undefined> => {
    const read = await attempt(() => freshEvents(stackId, true))
    if (!read.ok) return undefined
    return { terminal: absorb(read.value, [], stackId), count: read.value.length }
  }

  /** DescribeStacks, retried until the deadline: the final status is the one thing the watch must learn. */
  const finalStatus = async (untilDeadline: boolean): Promise<Stack | undefined> => {
    for (;;) {
      const read = await attempt(() => describeStack(cfn, stackId, signal))
      if (read.ok) {
        if (read.value === undefined)
          throw new DeployError(`Stack ${options.stackName} disappeared while it was being watched.`)
        return read.value
      }
      if (!untilDeadline || clock.now() > options.deadline) return undefined
      await clock.sleep(delay.next(false), signal)
      if (signal.aborted) throw cancelled()
    }
  }

  const result = async (stack: Stack): Promise<WatchResult> => {
    // The last events of nested stacks explain the root's failure; read them before reporting.
    await followNested()
    const warnings: string[] = []
    if (failedReads > 0) {
      warnings.push(
        `${failedReads} read${failedReads === 1 ? '' : 's'} of stack ${options.stackName} failed while it was watched (last: ${lastReadError}); the final status ${stack.StackStatus ?? ''} was read from CloudFormation, but the events shown may be incomplete.`
      )
    }
    return { stack, failures: rootCausesFirst(failures), orphaned, warnings, calls }
  }

  for (;;) {
    await clock.sleep(wait, signal)
    if (signal.aborted) throw cancelled()
    const root = await readRoot()
    const nestedCount = root === undefined ? 0 : await followNested()
    if (root?.terminal === true) {
      const stack = await finalStatus(true)
      if (stack !== undefined) return result(stack)
    }
    const progressed = root !== undefined && root.count + nestedCount > 0
    if (progressed) lastProgress = clock.now()
    if (root === undefined || clock.now() - lastProgress > IDLE_CHECK_MS) {
      // The events could not be read, or have gone quiet: ask for the status itself.
      const stack = await finalStatus(false)
      if (stack !== undefined && isTerminalStatus(stack.StackStatus ?? '')) {
        // One more look at the events, for the failures that explain the outcome.
        const last = await readRoot()
        if (last !== undefined) await followNested()
        return result(stack)
      }
      lastProgress = clock.now()
    }
    if (clock.now() > options.deadline) {
      const stack = await finalStatus(false)
      if (stack !== undefined && isTerminalStatus(stack.StackStatus ?? '')) return result(stack)
      throw new DeployError(
        stack === undefined
          ? `Timed out waiting for stack ${options.stackName}, and its status could not be read (${lastReadError}). CloudFormation goes on with the operation; check the stack in the console before the next run.`
          : `Timed out waiting for stack ${options.stackName}: it is still ${stack.StackStatus ?? 'in an unknown state'}. CloudFormation goes on with the operation; follow it in the console, and raise timeout-minutes if deploys of this stack take longer.`
      )
    }
    wait = delay.next(progressed)
  }
}

/**
 * Root causes first: a resource's own failure, then a nested stack's summary of its children's ("Embedded stack
 * ... was not successfully created"), then siblings CloudFormation cancelled because of the others.
 */
function rootCausesFirst(failures: StackEvent[]): StackEvent[] {
  const rank = (e: StackEvent): number => {
    if (/cancelled/i.test(e.ResourceStatusReason ?? '')) return 2
    if (e.ResourceType === 'AWS::CloudFormation::Stack') return 1
    return 0
  }
  return [0, 1, 2].flatMap(r => failures.filter(e => rank(e) === r))
}
