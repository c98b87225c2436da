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
  tags: { Key: string; Value: string }[]
  notificationArns: string[]
  roleArn?: string
  changes: ResourceChange[]
  /** True when the proposal is identical to what is deployed (CloudFormation fails such change sets). */
  empty: boolean
  /** An error found while computing the changes, reported as the FAILED reason. */
  failure?: string
}

export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set."

/** Stable states from which a stack can be updated. */
export const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE'
])
