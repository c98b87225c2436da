/**
 * A stack record's life: created in REVIEW_IN_PROGRESS by its first change set, settings adopted when a change
 * set executes, deleted with all its resources, or put in any status by a test.
 */
import { randomUUID } from 'node:crypto'
import { deleteResources } from './executor.js'
import type { ChangeSetRecord, StackRecord } from './model.js'
import { beginOperation, setStatus, stackEvent } from './stack-events.js'
import type { Engine, EngineState } from './state.js'
import { ACCOUNT_ID } from './types.js'

export function newStack(
  state: EngineState,
  stackName: string,
  region: string,
  tags: { Key: string; Value: string }[],
  notificationArns: string[],
  parent?: { stack: StackRecord; logicalId: string }
): StackRecord {
  const stack: StackRecord = {
    stackId: `arn:aws:cloudformation:${region}:${ACCOUNT_ID}:stack/${stackName}/${randomUUID()}`,
    stackName,
    region,
    status: 'REVIEW_IN_PROGRESS',
    statusReason: 'User Initiated',
    creationTime: new Date(),
    resources: new Map(),
    outputs: [],
    events: [],
    tags,
    capabilities: [],
    notificationArns,
    disableRollback: false,
    terminationProtection: false,
    statusHistory: []
  }
  if (parent !== undefined) {
    stack.parentId = parent.stack.stackId
    stack.rootId = parent.stack.rootId ?? parent.stack.stackId
    stack.nestedLogicalId = parent.logicalId
  }
  state.stacks.push(stack)
  stackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated')
  return stack
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
function fakeSuffix(): string {
  return Array.from({ length: 12 }, () => SUFFIX_ALPHABET[Math.floor(Math.random() * 36)]).join('')
}

/** A nested stack's name: the parent's name, the logical id and a random suffix, as CloudFormation names them. */
export function nestedStackName(parent: StackRecord, logicalId: string): string {
  return `${parent.stackName}-${logicalId}-${fakeSuffix()}`.slice(0, 128)
}

/** What a change set sets on its stack when it executes: absent tags and topics are kept (see CreateChangeSet). */
export function adoptSettings(stack: StackRecord, cs: ChangeSetRecord): void {
  if (cs.tags !== undefined) stack.tags = cs.tags
  if (cs.notificationArns !== undefined) stack.notificationArns = cs.notificationArns
  stack.capabilities = cs.capabilities
  if (cs.roleArn !== undefined) stack.roleArn = cs.roleArn
}

/** Deletes every resource of a stack (nested stacks included), ending DELETE_COMPLETE or DELETE_FAILED. */
export async function deleteWholeStack(engine: Engine, stack: StackRecord): Promise<boolean> {
  const ok = await deleteResources(
    engine,
    stack,
    [...stack.resources.keys()].reverse(),
    stack.deployed?.template
  )
  if (!ok) {
    setStatus(
      stack,
      'DELETE_FAILED',
      'The following resource(s) failed to delete: ' + failedNames(stack) + '. '
    )
    return false
  }
  stack.deletionTime = new Date()
  setStatus(stack, 'DELETE_COMPLETE')
  return true
}

function failedNames(stack: StackRecord): string {
  return `[${[...stack.resources.values()]
    .filter(r => r.status.endsWith('_FAILED'))
    .map(r => r.logicalId)
    .join(', ')}]`
}

/**
 * Puts a stack in any status (creating an empty record if needed); optionally moves on to another later (after
 * the test releases `stackStatus`, if it holds it).
 */
export function setStackStatus(
  state: EngineState,
  name: string,
  status: string,
  then?: { afterMs: number; status: string }
): StackRecord {
  let stack = state.findStack(name)
  if (stack === undefined) {
    stack = {
      stackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT_ID}:stack/${name}/${randomUUID()}`,
      stackName: name,
      region: 'us-east-1',
      status,
      creationTime: new Date(),
      resources: new Map(),
      outputs: [],
      events: [],
      tags: [],
      capabilities: [],
      notificationArns: [],
      disableRollback: false,
      terminationProtection: false,
      statusHistory: []
    }
    state.stacks.push(stack)
  }
  beginOperation(state, stack, undefined)
  setStatus(stack, status, 'Set by the test')
  if (then !== undefined) {
    const target = stack
    state.holds.after('stackStatus', () => state.later(then.afterMs, () => setStatus(target, then.status)))
  }
  return stack
}
