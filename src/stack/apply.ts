import type { Stack, StackEvent } from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import { DeployError, StackOperationFailed } from '../run/errors.js'
import { executeChangeSet, type ChangeSetHandle } from './change-set.js'
import { isSuccessStatus } from './state.js'
import { EventLog } from './event-log.js'
import { WatchCancelled, watchStack } from './watch.js'

/** What executing a change set left: the settled stack, and resources a successful update could not delete. */
export interface Applied {
  stack: Stack
  /** Old resources that failed to delete during the clean-up of a successful update: left in the account. */
  orphaned: StackEvent[]
}

/**
 * Executes a built change set and follows it to the end, streaming events. Shared by deploy and execute, so a
 * reviewed change set runs exactly as a fresh one would. A failure throws StackOperationFailed naming every
 * failed resource; a cancelled run says that CloudFormation carries on.
 */
export async function applyChangeSet(
  ctx: RunContext,
  handle: ChangeSetHandle,
  options: {
    creates: boolean
    secrets: string[]
    /** The change set's resource types, nested stacks' included: the event log's type column fits them. */
    resourceTypes: string[]
    /** Called once ExecuteChangeSet has been accepted: from then on the change set is CloudFormation's. */
    onStarted: () => void
  }
): Promise<Applied> {
  const { settings, log } = ctx
  const cfn = ctx.clients.cloudformation
  // ClientRequestToken: CloudFormation stamps it on every event of this execution (at most 128 characters).
  const token = `${handle.name.slice(0, 120)}-exec`
  const since = ctx.clock.now()
  const eventLog = new EventLog(options.resourceTypes)
  await executeChangeSet(cfn, handle.id, {
    disableRollback: settings.disableRollback,
    // A failed first create must not leave DeletionPolicy: Retain resources behind in an empty stack.
    retainExceptOnCreate: options.creates,
    token
  })
  options.onStarted()
  try {
    const result = await log.group(`Stack events: ${settings.stackName}`, () =>
      watchStack(cfn, {
        stackId: handle.stackId,
        stackName: settings.stackName,
        token,
        since,
        clock: ctx.clock,
        deadline: ctx.deadline,
        signal: ctx.signal,
        onEvent: event => log.info(eventLog.line(event))
      })
    )
    const status = result.stack.StackStatus ?? ''
    if (!isSuccessStatus(status)) throw failureError(ctx, status, result.failures, options.secrets)
    log.info(`Stack ${settings.stackName} is ${status}.`)
    // Reads that failed while waiting (throttling, dropped connections) did not change the outcome, but say so.
    for (const warning of result.warnings) log.warning(warning)
    const orphaned = result.orphaned
    for (const event of orphaned) {
      log.warning(
        `${event.LogicalResourceId ?? ''} (${event.ResourceType ?? ''}, ${event.PhysicalResourceId ?? 'no physical id'}) could not be deleted and is no longer managed by the stack: ${event.ResourceStatusReason ?? 'no reason given'}. Delete it yourself or it keeps costing.`
      )
    }
    return { stack: result.stack, orphaned }
  } catch (err) {
    if (err instanceof WatchCancelled) {
      throw new DeployError(
        `Cancelled while stack ${settings.stackName} was being deployed. CloudFormation goes on with change set ${handle.name}; it will finish or roll back on its own. Check the stack before the next run.`
      )
    }
    throw err
  }
}

/** Annotates every failed resource, then builds the error that fails the step. */
function failureError(
  ctx: RunContext,
  status: string,
  failures: StackEvent[],
  secrets: string[]
): StackOperationFailed {
  const { log, settings } = ctx
  for (const failure of failures) {
    log.error(
      `${failure.LogicalResourceId ?? ''} (${failure.ResourceType ?? ''}): ${failure.ResourceStatusReason ?? 'no reason given'}`,
      { title: `${failure.ResourceStatus ?? 'FAILED'}: ${failure.LogicalResourceId ?? ''}` }
    )
  }
  const causes = failures.filter(f => !/cancelled/i.test(f.ResourceStatusReason ?? ''))
  const listed = (causes.length > 0 ? causes : failures).map(
    f => `${f.LogicalResourceId ?? ''}: ${f.ResourceStatusReason ?? ''}`
  )
  return new StackOperationFailed(
    `Deploy of stack ${settings.stackName} failed (${status}). ${outcomeOf(status, settings.disableRollback)}${listed.length > 0 ? ` Failed: ${listed.join('; ')}` : ''}`,
    settings.stackName,
    status,
    failures.map(f => ({
      logicalId: f.LogicalResourceId ?? '',
      type: f.ResourceType ?? '',
      status: f.ResourceStatus ?? '',
      reason: f.ResourceStatusReason ?? ''
    })),
    secrets
  )
}

/** What the final status means for the next run. */
function outcomeOf(status: string, disableRollback: boolean): string {
  switch (status) {
    case 'ROLLBACK_COMPLETE':
      return 'The create failed and was rolled back; the next run deletes and recreates it (on-failed-create).'
    case 'UPDATE_ROLLBACK_COMPLETE':
      return 'The update failed and was rolled back; the stack is as it was before this run, and the next run updates it again.'
    case 'CREATE_FAILED':
    case 'UPDATE_FAILED':
      return disableRollback
        ? 'Rollback is disabled, so the resources that were created or updated are kept; fix the cause and run again to continue from here (fix forward).'
        : `The stack is now ${status}.`
    default:
      return `The stack is now ${status}.`
  }
}
