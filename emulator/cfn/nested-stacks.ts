/**
 * Running the nested stacks behind AWS::CloudFormation::Stack resources while their parent executes: creating
 * or updating each with its own change set and events, and deleting them with their resources.
 */
import { buildChangeSet, givenParameters } from './change-set-build.js'
import { CfnError } from './errors.js'
import { applyChangeSet, type ExecutionOptions, type NestedOutcome } from './executor.js'
import type { ChangeSetRecord, StackRecord } from './model.js'
import { beginOperation, setStatus } from './stack-events.js'
import { adoptSettings, deleteWholeStack, nestedStackName, newStack } from './stack-lifecycle.js'
import type { Engine } from './state.js'
import { loadTemplate, resolveParameters } from './template.js'
import { templateAt } from './template-source.js'

/**
 * Creates or updates the nested stack behind an AWS::CloudFormation::Stack resource, with its own events, and
 * reports how it ended. A failure names the nested stack, as CloudFormation's parent events do: "Embedded stack
 * ARN was not successfully created: The following resource(s) failed to create: [...]." (quoted from real stack
 * events in aws-quickstart/quickstart-apache-superset #62, serverless #7593; nested stack names are
 * PARENT-LOGICALID-XXXXXXXXXXXX there too). The update wording ("was not successfully updated. Currently in
 * UPDATE_ROLLBACK_IN_PROGRESS with reason: …") is from memory of real events, not confirmed from documentation.
 */
export async function runNestedStack(
  engine: Engine,
  parent: StackRecord,
  logicalId: string,
  properties: Record<string, unknown>,
  parentChangeSet: ChangeSetRecord,
  options: ExecutionOptions,
  onStarted: (stackId: string) => void
): Promise<NestedOutcome> {
  let cs: ChangeSetRecord | undefined
  const prepared = parentChangeSet.nested.get(logicalId)
  if (prepared !== undefined) cs = engine.changeSets.get(prepared)
  if (cs === undefined) {
    try {
      cs = prepareNestedChangeSet(engine, parent, logicalId, properties, parentChangeSet)
    } catch (err) {
      if (!(err instanceof CfnError)) throw err
      return { ok: false, reason: err.message }
    }
  }
  const stack = engine.requireStack(cs.stackId)
  onStarted(stack.stackId)
  if (cs.status === 'FAILED' && !cs.empty)
    return { ok: false, stackId: stack.stackId, reason: cs.statusReason ?? '' }
  if (cs.empty) {
    engine.changeSets.delete(cs.id)
    return { ok: true, stackId: stack.stackId }
  }
  const isCreate = cs.type === 'CREATE'
  cs.status = 'CREATE_COMPLETE'
  cs.executionStatus = 'EXECUTE_IN_PROGRESS'
  beginOperation(engine, stack, parent.operationToken, isCreate ? 'CREATE_STACK' : 'UPDATE_STACK')
  if (parent.operation !== undefined) stack.operation = parent.operation
  adoptSettings(stack, cs)
  stack.disableRollback = options.disableRollback
  setStatus(stack, isCreate ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated')
  // A nested create keeps what it made on failure so the parent's rollback deletes it with the nested stack.
  await applyChangeSet(engine, stack, cs, {
    disableRollback: isCreate ? true : options.disableRollback,
    retainExceptOnCreate: options.retainExceptOnCreate
  })
  if (stack.status === 'CREATE_COMPLETE' || stack.status === 'UPDATE_COMPLETE')
    return { ok: true, stackId: stack.stackId }
  if (isCreate) {
    return {
      ok: false,
      stackId: stack.stackId,
      reason: `Embedded stack ${stack.stackId} was not successfully created: ${stack.statusReason ?? ''}`
    }
  }
  // The parent hears of the failure when the nested stack starts rolling back.
  const rollback = [...stack.events]
    .reverse()
    .find(e => e.LogicalResourceId === stack.stackName && e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS')
  return {
    ok: false,
    stackId: stack.stackId,
    reason: `Embedded stack ${stack.stackId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: ${rollback?.ResourceStatusReason ?? stack.statusReason ?? ''}`
  }
}

/** A nested stack's change set made while its parent executes (the parent's change set did not prepare one). */
function prepareNestedChangeSet(
  engine: Engine,
  parent: StackRecord,
  logicalId: string,
  properties: Record<string, unknown>,
  parentChangeSet: ChangeSetRecord
): ChangeSetRecord {
  const record = parent.resources.get(logicalId)
  const existing =
    record?.physicalId === undefined || record.physicalId === ''
      ? undefined
      : engine.findStack(record.physicalId)
  const nestedStack =
    existing !== undefined && existing.status !== 'DELETE_COMPLETE'
      ? existing
      : newStack(
          engine,
          nestedStackName(parent, logicalId),
          parent.region,
          parent.tags,
          parent.notificationArns,
          {
            stack: parent,
            logicalId
          }
        )
  const body = templateAt(engine.services, String(properties.TemplateURL ?? ''))
  const template = loadTemplate(body)
  return buildChangeSet(engine, {
    stack: nestedStack,
    name: `${parentChangeSet.name}-${logicalId}`.slice(0, 128),
    type: nestedStack.deployed === undefined ? 'CREATE' : 'UPDATE',
    body,
    template,
    parameters: resolveParameters(template, givenParameters(properties), nestedStack.deployed?.parameters),
    capabilities: parentChangeSet.capabilities,
    includeNestedStacks: false,
    parent: parentChangeSet,
    immediate: true
  })
}

/** Deletes a nested stack with its resources and events (a parent delete, a removal, a rollback). */
export async function deleteNestedStack(engine: Engine, stackId: string): Promise<boolean> {
  const stack = engine.findStack(stackId)
  if (stack === undefined || stack.status === 'DELETE_COMPLETE') return true
  for (const cs of [...engine.changeSets.values()])
    if (cs.stackId === stack.stackId) engine.changeSets.delete(cs.id)
  setStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated')
  return deleteWholeStack(engine, stack)
}
