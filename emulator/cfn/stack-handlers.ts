/**
 * The requests about stacks themselves: DescribeStacks, DescribeStackResources, DeleteStack,
 * UpdateTerminationProtection and ContinueUpdateRollback.
 */
import { str, type QueryParams } from '../query.js'
import { validation } from './errors.js'
import type { StackRecord } from './model.js'
import { page } from './paging.js'
import { beginOperation, setStatus } from './stack-events.js'
import { deleteWholeStack } from './stack-lifecycle.js'
import type { Engine, EngineState } from './state.js'
import { isNoEcho } from './template.js'
import { IN_PROGRESS } from './types.js'

export function describeStacks(state: EngineState, params: QueryParams): unknown {
  const name = str(params, 'StackName')
  const stacks =
    name === undefined ? state.stacks.filter(s => s.status !== 'DELETE_COMPLETE') : [state.requireStack(name)]
  const { items, next } = page(stacks, str(params, 'NextToken'), state.pageSize.stacks)
  return { Stacks: items.map(stackDescription), NextToken: next }
}

function stackDescription(s: StackRecord): unknown {
  const template = s.deployed?.template
  return {
    StackId: s.stackId,
    StackName: s.stackName,
    Description: template?.Description,
    Parameters: Object.entries(s.deployed?.parameters ?? {}).map(([key, value]) => ({
      ParameterKey: key,
      ParameterValue: template !== undefined && isNoEcho(template, key) ? '****' : value
    })),
    CreationTime: s.creationTime,
    LastUpdatedTime: s.lastUpdatedTime,
    DeletionTime: s.deletionTime,
    StackStatus: s.status,
    StackStatusReason: s.statusReason,
    DisableRollback: s.disableRollback,
    NotificationARNs: s.notificationArns,
    Capabilities: s.capabilities,
    Outputs: s.outputs,
    RoleARN: s.roleArn,
    Tags: s.tags,
    EnableTerminationProtection: s.terminationProtection,
    ParentId: s.parentId,
    RootId: s.rootId,
    // The stack's latest operation (Stack API reference, LastOperations), whose events DescribeEvents returns.
    LastOperations:
      s.operation === undefined
        ? undefined
        : [{ OperationType: s.operation.type, OperationId: s.operation.id }]
  }
}

export function describeStackResources(state: EngineState, params: QueryParams): unknown {
  const stack = state.requireStack(str(params, 'StackName'))
  return {
    StackResources: [...stack.resources.values()].map(r => ({
      StackName: stack.stackName,
      StackId: stack.stackId,
      LogicalResourceId: r.logicalId,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
      Timestamp: stack.lastUpdatedTime ?? stack.creationTime,
      ResourceStatus: r.status
    }))
  }
}

export function deleteStack(engine: Engine, params: QueryParams): unknown {
  const name = str(params, 'StackName')
  const stack = name === undefined ? undefined : engine.findStack(name)
  // Deleting a stack that does not exist succeeds, as in CloudFormation.
  if (stack === undefined || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS')
    return {}
  // Termination protection refuses the delete (user guide, "Protect CloudFormation stacks from being
  // deleted"); the text is AWS's, as quoted in ekristen/aws-nuke #821.
  if (stack.terminationProtection) {
    throw validation(`Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`)
  }
  if (IN_PROGRESS.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw validation(`Stack [${stack.stackName}] is in ${stack.status} state and can not be deleted.`)
  }
  for (const cs of [...engine.changeSets.values()])
    if (cs.stackId === stack.stackId) engine.changeSets.delete(cs.id)
  beginOperation(engine, stack, str(params, 'ClientRequestToken'), 'DELETE_STACK')
  setStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated')
  void engine.run(async () => void (await deleteWholeStack(engine, stack)))
  return {}
}

/** Termination protection is stack state (UpdateTerminationProtection API reference). */
export function updateTerminationProtection(state: EngineState, params: QueryParams): unknown {
  const stack = state.requireStack(str(params, 'StackName'))
  stack.terminationProtection = str(params, 'EnableTerminationProtection') === 'true'
  return { StackId: stack.stackId }
}

export function continueUpdateRollback(state: EngineState, params: QueryParams): unknown {
  const stack = state.requireStack(str(params, 'StackName'))
  if (stack.status !== 'UPDATE_ROLLBACK_FAILED') {
    throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be rolled back.`)
  }
  beginOperation(state, stack, str(params, 'ClientRequestToken'), 'CONTINUE_ROLLBACK')
  setStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS')
  state.later(state.timing.resourceMs, () => setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE'))
  return {}
}
