/**
 * Building a change set: its record, the resource changes it shows (with fix-forward work, nested stacks and
 * early validation), then its move through CREATE_PENDING and CREATE_IN_PROGRESS to CREATE_COMPLETE, or FAILED
 * with the reason.
 */
import { randomUUID } from 'node:crypto'
import { IntrinsicError, resolve as resolveValue } from '../intrinsics.js'
import { activeResources, computeChanges, type ResourceChange } from './diff.js'
import { earlyValidation, EARLY_VALIDATION_REASON } from './early-validation.js'
import { CfnError, validation } from './errors.js'
import { fixForwardChanges } from './fix-forward.js'
import { NO_CHANGES_REASON, type ChangeSetRecord, type StackRecord } from './model.js'
import { display, pseudo, resolveContext } from './resolve-context.js'
import { newStack, nestedStackName } from './stack-lifecycle.js'
import type { EngineState } from './state.js'
import type { GivenParameter, Template } from './template.js'
import { finishTemplate, readBody } from './template-prepare.js'
import { templateAt } from './template-source.js'
import { ACCOUNT_ID, NESTED_STACK } from './types.js'

/** What a new change set is made of, after the request has been checked. */
export interface ChangeSetSpec {
  stack: StackRecord
  name: string
  type: 'CREATE' | 'UPDATE'
  body: string
  template: Template
  parameters: Record<string, string>
  capabilities: string[]
  includeNestedStacks: boolean
  tags?: { Key: string; Value: string }[]
  notificationArns?: string[]
  clientToken?: string
  description?: string
  roleArn?: string
  parent?: ChangeSetRecord
  /** Settle at once (a nested stack's change set made while its parent executes). */
  immediate?: boolean
  /** The template's transform failed: the change set fails with this reason. */
  failure?: string
}

/**
 * Builds a change set (and, with IncludeNestedStacks, one per nested stack), then moves it through
 * CREATE_PENDING and CREATE_IN_PROGRESS to CREATE_COMPLETE, or FAILED with the reason.
 */
export function buildChangeSet(state: EngineState, spec: ChangeSetSpec): ChangeSetRecord {
  const { stack, template, parameters, body } = spec
  const id = `arn:aws:cloudformation:${stack.region}:${ACCOUNT_ID}:changeSet/${spec.name}/${randomUUID()}`
  const changeSet: ChangeSetRecord = {
    id,
    name: spec.name,
    stackId: stack.stackId,
    stackName: stack.stackName,
    type: spec.type,
    status: 'CREATE_PENDING',
    executionStatus: 'UNAVAILABLE',
    creationTime: new Date(),
    body,
    template,
    parameters,
    capabilities: spec.capabilities,
    changes: [],
    empty: false,
    includeNestedStacks: spec.includeNestedStacks,
    nested: new Map(),
    operationId: randomUUID(),
    validationFailures: []
  }
  if (spec.tags !== undefined) changeSet.tags = spec.tags
  if (spec.notificationArns !== undefined) changeSet.notificationArns = spec.notificationArns
  if (spec.clientToken !== undefined) changeSet.clientToken = spec.clientToken
  if (spec.description !== undefined) changeSet.description = spec.description
  if (spec.roleArn !== undefined) changeSet.roleArn = spec.roleArn
  if (spec.parent !== undefined) {
    changeSet.parentChangeSetId = spec.parent.id
    changeSet.rootChangeSetId = spec.parent.rootChangeSetId ?? spec.parent.id
  }
  state.changeSets.set(id, changeSet)
  try {
    if (spec.failure !== undefined) throw validation(spec.failure)
    const before = spec.type === 'UPDATE' ? stack.deployed : undefined
    changeSet.changes = computeChanges(
      before,
      { template, parameters },
      stack.resources,
      pseudo(stack),
      display(state, stack)
    )
    const fixForward = fixForwardChanges(state, stack, changeSet)
    nestedStackChanges(state, stack, changeSet, before !== undefined)
    earlyValidation(state, stack, changeSet)
    const tagsAfter = spec.tags ?? stack.tags
    const topicsAfter = spec.notificationArns ?? stack.notificationArns
    changeSet.empty =
      before !== undefined &&
      !fixForward &&
      changeSet.changes.length === 0 &&
      before.body === body &&
      // Parameters are compared as values by key, whatever order the request listed them in.
      sameEntries(before.parameters, parameters) &&
      JSON.stringify(stack.tags) === JSON.stringify(tagsAfter) &&
      JSON.stringify(stack.notificationArns) === JSON.stringify(topicsAfter)
  } catch (err) {
    if (!(err instanceof IntrinsicError) && !(err instanceof CfnError)) throw err
    changeSet.failure = err.message
  }
  const finish = (): void => {
    const nested = [...changeSet.nested.values()].map(n => state.changeSets.get(n))
    if (nested.some(n => n !== undefined && /^CREATE_(PENDING|IN_PROGRESS)$/.test(n.status))) {
      state.later(state.timing.changeSetMs, finish)
      return
    }
    const nestedFailure = nested.find(n => n !== undefined && n.status === 'FAILED' && !n.empty)
    if (changeSet.failure === undefined && nestedFailure?.statusReason !== undefined)
      changeSet.failure = nestedFailure.statusReason
    if (changeSet.validationFailures.length > 0) {
      changeSet.status = 'FAILED'
      changeSet.statusReason = EARLY_VALIDATION_REASON
      state.changeSetEvents.push(...changeSet.validationFailures)
    } else if (changeSet.failure !== undefined || changeSet.empty) {
      changeSet.status = 'FAILED'
      changeSet.statusReason = changeSet.failure ?? NO_CHANGES_REASON
    } else {
      changeSet.status = 'CREATE_COMPLETE'
      changeSet.executionStatus = 'AVAILABLE'
    }
  }
  if (spec.immediate === true) finish()
  else
    state.later(state.timing.changeSetMs, () => {
      changeSet.status = 'CREATE_IN_PROGRESS'
      state.holds.after('changeSetBuild', () => state.later(state.timing.changeSetMs, finish))
    })
  return changeSet
}

/**
 * Nested stacks (AWS::CloudFormation::Stack). Without IncludeNestedStacks a nested stack the template keeps is
 * always a Modify with ChangeSource Automatic, "because the nested stack's template might have changed"
 * (ResourceChangeDetail API reference, ChangeSource). With it, each nested stack gets its own change set,
 * linked by ParentChangeSetId / RootChangeSetId, and the parent's ResourceChange names it in ChangeSetId
 * (CreateChangeSet API reference, IncludeNestedStacks; ResourceChange API reference, ChangeSetId).
 */
function nestedStackChanges(
  state: EngineState,
  stack: StackRecord,
  changeSet: ChangeSetRecord,
  isUpdate: boolean
): void {
  const template = changeSet.template
  const nestedIds = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === NESTED_STACK)
    .map(([id]) => id)
  if (nestedIds.length === 0) return
  const ctx = resolveContext(state, stack, template, changeSet.parameters)
  const active = new Set(activeResources({ template, parameters: changeSet.parameters }, ctx.conditions))
  for (const id of nestedIds) {
    if (!active.has(id)) continue
    let change = changeSet.changes.find(c => c.LogicalResourceId === id)
    if (change?.Action === 'Remove') continue
    const record = stack.resources.get(id)
    const automatic = (): ResourceChange => {
      const created: ResourceChange = {
        Action: 'Modify',
        LogicalResourceId: id,
        ResourceType: NESTED_STACK,
        Replacement: 'False',
        Scope: [],
        Details: [
          {
            Target: { Attribute: 'Properties', RequiresRecreation: 'Never' },
            Evaluation: 'Dynamic',
            ChangeSource: 'Automatic'
          }
        ]
      }
      if (record !== undefined) created.PhysicalResourceId = record.physicalId
      changeSet.changes.push(created)
      return created
    }
    if (!changeSet.includeNestedStacks) {
      if (change === undefined && isUpdate && record !== undefined) automatic()
      continue
    }
    const properties = resolveValue(template.Resources[id]?.Properties ?? {}, ctx) as Record<string, unknown>
    const nestedBody = templateAt(state.services, String(properties.TemplateURL ?? ''))
    const read = readBody(nestedBody)
    const existing = record === undefined ? undefined : state.findStack(record.physicalId)
    const nestedStack =
      existing !== undefined && existing.status !== 'DELETE_COMPLETE' && change?.Action !== 'Add'
        ? existing
        : newStack(state, nestedStackName(stack, id), stack.region, stack.tags, stack.notificationArns, {
            stack,
            logicalId: id
          })
    const prepared = finishTemplate(read, givenParameters(properties), nestedStack.deployed?.parameters, {
      pseudo: pseudo(nestedStack)
    })
    const nested = buildChangeSet(state, {
      stack: nestedStack,
      name: `${changeSet.name}-${id}`.slice(0, 128),
      type: nestedStack.deployed === undefined ? 'CREATE' : 'UPDATE',
      body: nestedBody,
      ...prepared,
      capabilities: changeSet.capabilities,
      includeNestedStacks: true,
      parent: changeSet
    })
    changeSet.nested.set(id, nested.id)
    if (change === undefined && (!nested.empty || nested.failure !== undefined)) change = automatic()
    if (change !== undefined) change.ChangeSetId = nested.id
  }
}

/** A nested stack resource's resolved Parameters property, as the parameters its change set is given. */
export function givenParameters(properties: Record<string, unknown>): GivenParameter[] {
  return Object.entries((properties.Parameters ?? {}) as Record<string, unknown>).map(([key, value]) => ({
    ParameterKey: key,
    ParameterValue: Array.isArray(value) ? value.join(',') : String(value)
  }))
}

/** Two string maps with the same keys and values, in any order. */
function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length && keys.every(key => Object.hasOwn(b, key) && a[key] === b[key])
  )
}
