/**
 * Recording what happens to a stack: its status changes and resource statuses as stack events
 * (DescribeStackEvents), each tagged with the operation that caused it (StackEvent API reference, OperationId;
 * ClientRequestToken).
 */
import { randomUUID } from 'node:crypto'
import type { OperationType, ResourceRecord, StackEvent, StackRecord } from './model.js'
import type { EngineState } from './state.js'

/** Starts a new operation on the stack: later events carry its id and the request's token. */
export function beginOperation(
  state: EngineState,
  stack: StackRecord,
  token: string | undefined,
  type: OperationType = 'UPDATE_STACK'
): void {
  if (token === undefined) delete stack.operationToken
  else stack.operationToken = token
  stack.operation = { id: randomUUID(), type }
  state.operationTypes.set(stack.operation.id, type)
}

export function setStatus(stack: StackRecord, status: string, reason?: string): void {
  stack.status = status
  stack.statusHistory.push({ status, at: Date.now() })
  if (reason === undefined) delete stack.statusReason
  else stack.statusReason = reason
  stackEvent(stack, status, reason)
}

export function stackEvent(stack: StackRecord, status: string, reason?: string): void {
  pushEvent(stack, stack.stackName, stack.stackId, 'AWS::CloudFormation::Stack', status, reason)
}

export function resourceEvent(
  stack: StackRecord,
  record: ResourceRecord,
  status: string,
  reason?: string
): void {
  record.status = status
  pushEvent(stack, record.logicalId, record.physicalId, record.type, status, reason)
}

function pushEvent(
  stack: StackRecord,
  logicalId: string,
  physicalId: string,
  type: string,
  status: string,
  reason?: string
): void {
  const event: StackEvent = {
    StackId: stack.stackId,
    EventId: `${logicalId}-${status}-${randomUUID()}`,
    StackName: stack.stackName,
    LogicalResourceId: logicalId,
    PhysicalResourceId: physicalId,
    ResourceType: type,
    Timestamp: new Date(),
    ResourceStatus: status
  }
  if (reason !== undefined) event.ResourceStatusReason = reason
  if (stack.operationToken !== undefined) event.ClientRequestToken = stack.operationToken
  if (stack.operation !== undefined) event.OperationId = stack.operation.id
  stack.events.push(event)
}
