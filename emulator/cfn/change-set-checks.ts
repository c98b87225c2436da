/**
 * AWS's own checks of a change set, scripted by tests: pre-deployment validations and Hook results.
 *
 * - Validations appear in DescribeEvents for the change set's CREATE_CHANGESET operation as VALIDATION_ERROR
 *   events with ValidationName, ValidationFailureMode FAIL | WARN, ValidationStatus, ValidationStatusReason and
 *   ValidationPath (OperationEvent API reference:
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_OperationEvent.html; user guide,
 *   "Validate stack deployments"). A FAIL fails the change set (see early-validation.ts); a WARN leaves it
 *   CREATE_COMPLETE with the warning readable.
 * - Hooks invoked on the change set (TargetType CHANGE_SET) leave results that ListHookResults lists by target
 *   (.../API_ListHookResults.html, HookResultSummary) and GetHookResult reads in full, with Annotations
 *   (AnnotationName, Status PASSED | FAILED | SKIPPED, StatusMessage, RemediationMessage, RemediationLink,
 *   SeverityLevel) (.../API_GetHookResult.html, .../API_Annotation.html). A Hook in FAIL mode that fails fails the
 *   change set with "The following hook(s)/validation failed: [<TypeName>]".
 */
import { randomUUID } from 'node:crypto'
import { str, type QueryParams } from '../query.js'
import { refuse, revertDrift } from './drift.js'
import { CfnError, validation } from './errors.js'
import type { ChangeSetRecord, StackRecord } from './model.js'
import { validationEvent } from './operation-events.js'
import { page } from './paging.js'
import type { EngineState } from './state.js'

export interface ScriptedValidation {
  name: string
  mode: 'FAIL' | 'WARN'
  reason: string
  logicalId?: string
  path?: string
}

export interface ScriptedHook {
  typeName: string
  failureMode: 'FAIL' | 'WARN'
  status: 'HOOK_COMPLETE_SUCCEEDED' | 'HOOK_COMPLETE_FAILED' | 'HOOK_FAILED'
  statusReason: string
  annotations: {
    AnnotationName: string
    Status: 'PASSED' | 'FAILED' | 'SKIPPED'
    StatusMessage?: string
    RemediationMessage?: string
    RemediationLink?: string
    SeverityLevel?: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'
  }[]
}

interface HookResult {
  HookResultId: string
  InvocationPoint: 'PRE_PROVISION'
  FailureMode: string
  TypeName: string
  TypeVersionId: string
  TypeConfigurationVersionId: string
  Status: string
  HookStatusReason: string
  InvokedAt: Date
  TargetType: 'CHANGE_SET'
  TargetId: string
  TypeArn: string
  Annotations: ScriptedHook['annotations']
}

/** What the next change sets of a stack meet (until cleared), and the Hook results recorded. */
export class CheckScenarios {
  validations: ScriptedValidation[] = []
  hooks: ScriptedHook[] = []
  readonly results: HookResult[] = []
}

const scenarios = new WeakMap<EngineState, CheckScenarios>()

export function checksOf(state: EngineState): CheckScenarios {
  let found = scenarios.get(state)
  if (found === undefined) {
    found = new CheckScenarios()
    scenarios.set(state, found)
  }
  return found
}

/** Runs once a change set's changes are computed (its status moves on later): drift revert, validations, Hooks. */
export function afterChangeSetBuilt(
  state: EngineState,
  stack: StackRecord,
  changeSet: ChangeSetRecord,
  params: QueryParams
): void {
  if (str(params, 'DeploymentMode') === 'REVERT_DRIFT') {
    if (changeSet.type !== 'UPDATE')
      changeSet.failure = 'DeploymentMode REVERT_DRIFT is only supported for UPDATE change sets.'
    else {
      revertDrift(state, stack, changeSet)
      if (changeSet.changes.length > 0) changeSet.empty = false
    }
  }
  const checks = checksOf(state)
  for (const v of checks.validations) {
    const resource = changeSet.changes.find(c => c.LogicalResourceId === v.logicalId)
    const event = validationEvent(
      stack.stackId,
      changeSet.operationId,
      {
        logicalId: v.logicalId ?? stack.stackName,
        type: resource?.ResourceType ?? 'AWS::CloudFormation::Stack'
      },
      { name: v.name, reason: v.reason, ...(v.path === undefined ? {} : { path: v.path }) }
    )
    event.ValidationFailureMode = v.mode
    if (v.mode === 'FAIL') changeSet.validationFailures.push(event)
    else state.changeSetEvents.push({ ...event, OperationStatus: 'SUCCEEDED' })
  }
  for (const hook of checks.hooks) {
    checks.results.push({
      HookResultId: randomUUID(),
      InvocationPoint: 'PRE_PROVISION',
      FailureMode: hook.failureMode,
      TypeName: hook.typeName,
      TypeVersionId: '00000001',
      TypeConfigurationVersionId: '00000001',
      Status: hook.status,
      HookStatusReason: hook.statusReason,
      InvokedAt: new Date(),
      TargetType: 'CHANGE_SET',
      TargetId: changeSet.id,
      TypeArn: `arn:aws:cloudformation:${stack.region}:123456789012:type/hook/${hook.typeName.replace(/::/g, '-')}`,
      Annotations: hook.annotations
    })
    if (hook.failureMode === 'FAIL' && hook.status !== 'HOOK_COMPLETE_SUCCEEDED')
      changeSet.failure = `The following hook(s)/validation failed: [${hook.typeName}]`
  }
}

export function listHookResults(state: EngineState, params: QueryParams): unknown {
  refuse(state, 'ListHookResults')
  const targetType = str(params, 'TargetType')
  const targetId = str(params, 'TargetId')
  if ((targetType === undefined) !== (targetId === undefined))
    throw validation('TargetType and TargetId must be specified together')
  const found = checksOf(state).results.filter(r => targetId === undefined || r.TargetId === targetId)
  const { items, next } = page(found, str(params, 'NextToken'), 100)
  return {
    TargetType: targetType,
    TargetId: targetId,
    HookResults: items.map(({ Annotations: _, ...summary }) => summary),
    NextToken: next
  }
}

export function getHookResult(state: EngineState, params: QueryParams): unknown {
  refuse(state, 'GetHookResult')
  const result = checksOf(state).results.find(r => r.HookResultId === str(params, 'HookResultId'))
  if (result === undefined) throw new CfnError('HookResultNotFound', 'Hook result not found', 404)
  const { TargetType, TargetId, ...rest } = result
  return {
    ...rest,
    OriginalTypeName: rest.TypeName,
    Target: { TargetType, TargetTypeName: 'AWS::CloudFormation::ChangeSet', TargetId, Action: 'CREATE' }
  }
}
