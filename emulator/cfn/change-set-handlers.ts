/**
 * The requests on an existing change set: DescribeChangeSet, ListChangeSets, DeleteChangeSet and
 * ExecuteChangeSet.
 */
import { str, type QueryParams } from '../query.js'
import { CfnError, validation } from './errors.js'
import { applyChangeSet } from './executor.js'
import type { ChangeSetRecord } from './model.js'
import { page } from './paging.js'
import { beginOperation, setStatus } from './stack-events.js'
import { adoptSettings } from './stack-lifecycle.js'
import { isExecuted, type Engine, type EngineState } from './state.js'
import { isNoEcho } from './template.js'
import { IN_PROGRESS } from './types.js'

export function describeChangeSet(state: EngineState, params: QueryParams): unknown {
  const cs = state.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
  const withValues = str(params, 'IncludePropertyValues') === 'true'
  const ready = cs.status === 'CREATE_COMPLETE' || cs.executionStatus !== 'UNAVAILABLE'
  const { items, next } = page(ready ? cs.changes : [], str(params, 'NextToken'), state.pageSize.changes)
  return {
    ChangeSetName: cs.name,
    ChangeSetId: cs.id,
    StackId: cs.stackId,
    StackName: cs.stackName,
    Description: cs.description,
    Parameters: Object.entries(cs.parameters).map(([key, value]) => ({
      ParameterKey: key,
      ParameterValue: isNoEcho(cs.template, key) ? '****' : value
    })),
    CreationTime: cs.creationTime,
    ExecutionStatus: cs.executionStatus,
    Status: cs.status,
    StatusReason: cs.statusReason,
    NotificationARNs: cs.notificationArns ?? state.findStack(cs.stackId)?.notificationArns ?? [],
    Capabilities: cs.capabilities,
    Tags: cs.tags ?? state.findStack(cs.stackId)?.tags ?? [],
    Changes: items.map(change => ({
      Type: 'Resource',
      ResourceChange: withValues ? change : withoutValues(change)
    })),
    NextToken: next,
    IncludeNestedStacks: cs.includeNestedStacks,
    ParentChangeSetId: cs.parentChangeSetId,
    RootChangeSetId: cs.rootChangeSetId
  }
}

function withoutValues(change: ReturnType<typeof Object>): unknown {
  const { BeforeContext, AfterContext, ...rest } = change as Record<string, unknown>
  const details = (rest.Details as { Target: Record<string, unknown> }[]).map(d => {
    const { BeforeValue, AfterValue, AttributeChangeType, ...target } = d.Target
    return { ...d, Target: target }
  })
  return { ...rest, Details: details }
}

export function listChangeSets(state: EngineState, params: QueryParams): unknown {
  const stack = state.requireStack(str(params, 'StackName'))
  const all = [...state.changeSets.values()].filter(cs => cs.stackId === stack.stackId && !isExecuted(cs))
  const { items, next } = page(all, str(params, 'NextToken'), state.pageSize.changeSets)
  return {
    Summaries: items.map(cs => ({
      StackId: cs.stackId,
      StackName: cs.stackName,
      ChangeSetId: cs.id,
      ChangeSetName: cs.name,
      ExecutionStatus: cs.executionStatus,
      Status: cs.status,
      StatusReason: cs.statusReason,
      CreationTime: cs.creationTime,
      Description: cs.description,
      IncludeNestedStacks: cs.includeNestedStacks,
      ParentChangeSetId: cs.parentChangeSetId,
      RootChangeSetId: cs.rootChangeSetId
    })),
    NextToken: next
  }
}

/**
 * DeleteChangeSet. AWS deletes at once by default; with `timing.changeSetDeleteMs` (or while a test holds
 * `changeSetDelete`, see holds.ts) the change set sits in
 * DELETE_IN_PROGRESS first, and a change set named in `failChangeSetDeletes` ends DELETE_FAILED (ChangeSetStatus
 * values, DescribeChangeSet API reference). Deleting a root change set deletes its nested ones ("If the
 * specified change set belongs to a stack that has nested stacks, CloudFormation also deletes the associated
 * nested change sets", DeleteChangeSet API reference).
 */
export function deleteChangeSet(state: EngineState, params: QueryParams): unknown {
  const cs = state.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
  if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new CfnError(
      'InvalidChangeSetStatus',
      `Cannot delete ChangeSet [${cs.id}] while its execution status is EXECUTE_IN_PROGRESS`
    )
  }
  if (cs.parentChangeSetId !== undefined) {
    // "You can't delete a nested change set directly" is the documented rule; the wording is not confirmed.
    throw validation(`Cannot delete nested ChangeSet [${cs.id}]. Delete the root change set instead.`)
  }
  if (cs.status === 'DELETE_IN_PROGRESS' || cs.status === 'DELETE_PENDING') return {}
  const family = [cs, ...nestedChangeSets(state, cs)]
  const fails = state.failChangeSetDeletes.has(cs.name) || state.failChangeSetDeletes.has(cs.id)
  const remove = (): void => {
    for (const member of family) {
      if (fails) {
        member.status = 'DELETE_FAILED'
        member.statusReason = 'The change set could not be deleted.'
      } else if (state.keepDeletedChangeSets) {
        member.status = 'DELETE_COMPLETE'
        member.executionStatus = 'OBSOLETE'
      } else state.changeSets.delete(member.id)
    }
  }
  const pendingMs = state.timing.changeSetDeletePendingMs ?? 0
  const inProgress = (): void => {
    for (const member of family) member.status = 'DELETE_IN_PROGRESS'
    state.holds.after('changeSetDelete', () =>
      state.later(Math.max(state.timing.changeSetDeleteMs, 1), remove)
    )
  }
  if (pendingMs > 0) {
    for (const member of family) member.status = 'DELETE_PENDING'
    state.holds.after('changeSetDeletePending', () => state.later(pendingMs, inProgress))
  } else if (
    state.timing.changeSetDeleteMs <= 0 &&
    !fails &&
    !state.keepDeletedChangeSets &&
    !state.holds.isHeld('changeSetDelete')
  )
    remove()
  else inProgress()
  return {}
}

function nestedChangeSets(state: EngineState, cs: ChangeSetRecord): ChangeSetRecord[] {
  return [...cs.nested.values()].flatMap(id => {
    const nested = state.changeSets.get(id)
    return nested === undefined ? [] : [nested, ...nestedChangeSets(state, nested)]
  })
}

export function executeChangeSet(engine: Engine, params: QueryParams): unknown {
  const cs = engine.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
  if (cs.status !== 'CREATE_COMPLETE' || cs.executionStatus !== 'AVAILABLE') {
    throw new CfnError(
      'InvalidChangeSetStatus',
      `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status === 'CREATE_COMPLETE' ? cs.executionStatus : cs.status}]`
    )
  }
  if (cs.parentChangeSetId !== undefined) {
    // Nested change sets run with their root (user guide, "Change sets for nested stacks"); wording unconfirmed.
    throw validation(`ChangeSet [${cs.id}] is a nested change set: execute its root change set.`)
  }
  const stack = engine.requireStack(cs.stackId)
  if (IN_PROGRESS.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`)
  }
  const disableRollback = str(params, 'DisableRollback') === 'true'
  // RetainExceptOnCreate: "resources that are newly created during this operation will be deleted regardless
  // of their deletion policy" on rollback (ExecuteChangeSet API reference).
  const retainExceptOnCreate = str(params, 'RetainExceptOnCreate') === 'true'
  cs.executionStatus = 'EXECUTE_IN_PROGRESS'
  // "When you execute a change set, CloudFormation deletes all other change sets associated with the stack
  // because they aren't valid for the updated stack." (ExecuteChangeSet API reference)
  for (const other of [...engine.changeSets.values()]) {
    if (other.stackId === stack.stackId && other.id !== cs.id) engine.changeSets.delete(other.id)
  }
  stack.disableRollback = disableRollback
  const isCreate = cs.type === 'CREATE'
  beginOperation(engine, stack, str(params, 'ClientRequestToken'), isCreate ? 'CREATE_STACK' : 'UPDATE_STACK')
  adoptSettings(stack, cs)
  setStatus(stack, isCreate ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated')
  void engine.run(() => applyChangeSet(engine, stack, cs, { disableRollback, retainExceptOnCreate }))
  return {}
}
