import type { ResourceChange, Configuration } from './diff.js'
import type { Template } from './template.js'

export interface StackEvent {
  StackId: string
  EventId: string
  StackName: string
  LogicalResourceId: string
  PhysicalResourceId: string
  ResourceType: string
  Timestamp: Date
  ResourceStatus: string
  ResourceStatusReason?: string
  /** The token of the operation that caused the event (ExecuteChangeSet / DeleteStack ClientRequestToken). */
  ClientRequestToken?: string
  /** The operation the event belongs to (StackEvent API reference, OperationId). */
  OperationId?: string
}

/** An operation on a stack, as DescribeEvents groups events (DescribeEvents API reference). */
export type OperationType =
  'CREATE_STACK' | 'UPDATE_STACK' | 'DELETE_STACK' | 'CONTINUE_ROLLBACK' | 'ROLLBACK' | 'CREATE_CHANGESET'

/** One event as DescribeEvents returns it (OperationEvent API reference). */
export interface OperationEvent {
  EventId: string
  StackId: string
  OperationId: string
  OperationType: OperationType
  OperationStatus: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED'
  EventType:
    'STACK_EVENT' | 'PROGRESS_EVENT' | 'VALIDATION_ERROR' | 'PROVISIONING_ERROR' | 'HOOK_INVOCATION_ERROR'
  LogicalResourceId?: string
  PhysicalResourceId?: string
  ResourceType?: string
  Timestamp: Date
  StartTime?: Date
  EndTime?: Date
  ResourceStatus?: string
  ResourceStatusReason?: string
  ClientRequestToken?: string
  DetailedStatus?: 'CONFIGURATION_COMPLETE' | 'VALIDATION_FAILED'
  ValidationFailureMode?: 'FAIL' | 'WARN'
  ValidationName?: string
  ValidationStatus?: 'FAILED' | 'SKIPPED'
  ValidationStatusReason?: string
  ValidationPath?: string
}

/** A resource CloudFormation left in the account (DeletionPolicy Retain, a failed delete during clean-up). */
export interface LeftResource {
  stackName: string
  logicalId: string
  type: string
  physicalId: string
  why: 'DELETE_SKIPPED' | 'DELETE_FAILED'
}

export interface ResourceRecord {
  logicalId: string
  type: string
  physicalId: string
  status: string
  /** Bumped on every replacement so the new physical id differs from the old. */
  generation: number
}

export interface Output {
  OutputKey: string
  OutputValue: string
  Description?: string
  ExportName?: string
}

export interface StackRecord {
  stackId: string
  stackName: string
  region: string
  status: string
  statusReason?: string
  creationTime: Date
  lastUpdatedTime?: Date
  deletionTime?: Date
  /** What is deployed now (undefined until the first successful create). */
  deployed?: Configuration & { body: string }
  resources: Map<string, ResourceRecord>
  outputs: Output[]
  events: StackEvent[]
  tags: { Key: string; Value: string }[]
  capabilities: string[]
  notificationArns: string[]
  roleArn?: string
  disableRollback: boolean
  terminationProtection: boolean
  /** ClientRequestToken of the running operation, stamped on its events. */
  operationToken?: string
  /** The running (or last) operation, stamped on its events. */
  operation?: { id: string; type: OperationType }
  /** A nested stack's parent and root stack ids, and its logical id in the parent. */
  parentId?: string
  rootId?: string
  nestedLogicalId?: string
  /** Every status the stack has had, with when (for measuring how fast a client notices). */
  statusHistory: { status: string; at: number }[]
}

export type ChangeSetType = 'CREATE' | 'UPDATE'

export interface ChangeSetRecord {
  id: string
  name: string
  stackId: string
  stackName: string
  type: ChangeSetType
  status: string
  statusReason?: string
  executionStatus: string
  creationTime: Date
  description?: string
  body: string
  template: Template
  parameters: Record<string, string>
  capabilities: string[]
  /** Undefined when the request left them out: the stack keeps its own (an empty list clears them). */
  tags?: { Key: string; Value: string }[]
  notificationArns?: string[]
  roleArn?: string
  changes: ResourceChange[]
  /** CreateChangeSet ClientToken, for idempotent retries. */
  clientToken?: string
  includeNestedStacks: boolean
  parentChangeSetId?: string
  rootChangeSetId?: string
  /** Nested change sets by the nested stack's logical id (IncludeNestedStacks). */
  nested: Map<string, string>
  /** The CREATE_CHANGESET operation and, when early validation failed, its failed events. */
  operationId: string
  validationFailures: OperationEvent[]
  /** True when the proposal is identical to what is deployed (CloudFormation fails such change sets). */
  empty: boolean
  /** An error found while computing the changes, reported as the FAILED reason. */
  failure?: string
}

export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set."

/**
 * Stable states from which a stack can be updated. CREATE_FAILED and UPDATE_FAILED are the states a stack is
 * left in when rollback is disabled; AWS lets such a stack be updated to fix forward (user guide, "Choose how to
 * handle failures when provisioning resources": "you can update the stack … or roll it back").
 */
export const UPDATABLE = new Set([
  'CREATE_FAILED',
  'UPDATE_FAILED',
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE'
])
