/** The requests that read events: DescribeStackEvents (a stack's history) and DescribeEvents (by operation). */
import { str, type QueryParams } from '../query.js'
import { validation } from './errors.js'
import type { OperationEvent, StackRecord } from './model.js'
import { fromStackEvent, isFailedEvent } from './operation-events.js'
import { page } from './paging.js'
import type { EngineState } from './state.js'

export function describeStackEvents(state: EngineState, params: QueryParams): unknown {
  const stack = state.requireStack(str(params, 'StackName'))
  const newestFirst = [...stack.events].reverse()
  // The token names the next event to return, so events added meanwhile do not shift the pages.
  const token = str(params, 'NextToken')
  const start =
    token === undefined
      ? 0
      : Math.max(
          0,
          newestFirst.findIndex(e => e.EventId === Buffer.from(token, 'base64url').toString())
        )
  const size = state.pageSize.events
  const events = newestFirst.slice(start, start + size)
  const next = newestFirst[start + size]
  return {
    StackEvents: events,
    NextToken: next === undefined ? undefined : Buffer.from(next.EventId).toString('base64url')
  }
}

/**
 * DescribeEvents (DescribeEvents API reference): by ChangeSetName, OperationId or StackName ("One of
 * ChangeSetName, OperationId or StackName must be specified"), optionally only the failed events.
 */
export function describeEvents(state: EngineState, params: QueryParams): unknown {
  const changeSetName = str(params, 'ChangeSetName')
  const operationId = str(params, 'OperationId')
  const stackName = str(params, 'StackName')
  const filters = params.Filters
  const failedOnly = typeof filters === 'object' && !Array.isArray(filters) && filters.FailedEvents === 'true'
  let events: OperationEvent[]
  if (changeSetName !== undefined) {
    const cs = state.findChangeSet(changeSetName, stackName)
    events = state.changeSetEvents.filter(e => e.OperationId === cs.operationId)
  } else if (operationId !== undefined) {
    events = [
      ...state.changeSetEvents.filter(e => e.OperationId === operationId),
      ...state.stacks.flatMap(s => operationEventsOf(state, s).filter(e => e.OperationId === operationId))
    ]
  } else if (stackName !== undefined) {
    const stack = state.requireStack(stackName)
    events = [
      ...state.changeSetEvents.filter(e => e.StackId === stack.stackId),
      ...operationEventsOf(state, stack)
    ]
  } else {
    throw validation('One of ChangeSetName, OperationId or StackName must be specified')
  }
  if (failedOnly) events = events.filter(isFailedEvent)
  events.sort((x, y) => y.Timestamp.getTime() - x.Timestamp.getTime())
  const { items, next } = page(events, str(params, 'NextToken'), state.pageSize.events)
  return { OperationEvents: items, NextToken: next }
}

function operationEventsOf(state: EngineState, stack: StackRecord): OperationEvent[] {
  const types = state.operationTypes
  return stack.events
    .filter(e => e.OperationId !== undefined)
    .map(e => fromStackEvent(e, types.get(e.OperationId ?? '') ?? 'UPDATE_STACK', stack.status))
}
