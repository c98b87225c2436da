import { randomUUID } from 'node:crypto'
import type { OperationEvent, OperationType, StackEvent } from './model.js'

/**
 * DescribeEvents (DescribeEvents API reference, 2025): events grouped by operation. A change set that fails early
 * validation has VALIDATION_ERROR events under its CREATE_CHANGESET operation; stack operations have their stack
 * events, the failed ones as PROVISIONING_ERROR. `Filters.FailedEvents=true` keeps only failures.
 */

/** The failed-validation event of a change set's early validation (OperationEvent API reference). */
export function validationEvent(
  stackId: string,
  operationId: string,
  resource: { logicalId: string; type: string },
  validation: { name: string; reason: string; path?: string }
): OperationEvent {
  const now = new Date()
  const event: OperationEvent = {
    EventId: randomUUID(),
    StackId: stackId,
    OperationId: operationId,
    OperationType: 'CREATE_CHANGESET',
    OperationStatus: 'FAILED',
    EventType: 'VALIDATION_ERROR',
    LogicalResourceId: resource.logicalId,
    ResourceType: resource.type,
    Timestamp: now,
    StartTime: now,
    EndTime: now,
    DetailedStatus: 'VALIDATION_FAILED',
    ValidationFailureMode: 'FAIL',
    ValidationName: validation.name,
    ValidationStatus: 'FAILED',
    ValidationStatusReason: validation.reason
  }
  if (validation.path !== undefined) event.ValidationPath = validation.path
  return event
}

const FAILED = /_FAILED$/

/** A stack event in DescribeEvents' form. */
export function fromStackEvent(
  event: StackEvent,
  type: OperationType,
  stackStatusNow: string
): OperationEvent {
  const isStack =
    event.ResourceType === 'AWS::CloudFormation::Stack' && event.LogicalResourceId === event.StackName
  const status = event.ResourceStatus
  const out: OperationEvent = {
    EventId: event.EventId,
    StackId: event.StackId,
    OperationId: event.OperationId ?? '',
    OperationType: type,
    OperationStatus: /_IN_PROGRESS$/.test(stackStatusNow)
      ? 'IN_PROGRESS'
      : /(ROLLBACK|FAILED)/.test(stackStatusNow)
        ? 'FAILED'
        : 'SUCCEEDED',
    EventType: isStack ? 'STACK_EVENT' : FAILED.test(status) ? 'PROVISIONING_ERROR' : 'PROGRESS_EVENT',
    LogicalResourceId: event.LogicalResourceId,
    PhysicalResourceId: event.PhysicalResourceId,
    ResourceType: event.ResourceType,
    Timestamp: event.Timestamp,
    ResourceStatus: status
  }
  if (event.ResourceStatusReason !== undefined) out.ResourceStatusReason = event.ResourceStatusReason
  if (event.ClientRequestToken !== undefined) out.ClientRequestToken = event.ClientRequestToken
  return out
}

export function isFailedEvent(event: OperationEvent): boolean {
  return (
    event.EventType === 'VALIDATION_ERROR' ||
    event.EventType === 'PROVISIONING_ERROR' ||
    event.EventType === 'HOOK_INVOCATION_ERROR' ||
    FAILED.test(event.ResourceStatus ?? '')
  )
}
