/**
 * Early validation (user guide, "Validate stack deployments"; announced 2025-11): a resource the change set
 * would create under a name that already exists fails the change set before anything runs, with
 * NAME_CONFLICT_VALIDATION events that DescribeEvents returns (wording quoted in aws-cloudformation/rain #744).
 */
import { resolve as resolveValue } from '../intrinsics.js'
import { nameProperty } from '../resource-types.js'
import type { ChangeSetRecord, StackRecord } from './model.js'
import { validationEvent } from './operation-events.js'
import { resolveContext } from './resolve-context.js'
import type { EngineState } from './state.js'

/**
 * The StatusReason of a change set that failed early validation, as CloudFormation words it (quoted in
 * aws-cloudformation/rain #744; the CDK CLI detects early validation by it, aws-cdk-cli #970).
 */
export const EARLY_VALIDATION_REASON =
  'The following hook(s)/validation failed: [AWS::EarlyValidation::ResourceExistenceCheck]. To troubleshoot Early Validation errors, use the DescribeEvents API for detailed failure information.'

export function earlyValidation(state: EngineState, stack: StackRecord, changeSet: ChangeSetRecord): void {
  if (state.existingResources.length === 0) return
  const ctx = resolveContext(state, stack, changeSet.template, changeSet.parameters)
  for (const change of changeSet.changes) {
    if (change.Action !== 'Add' && !(change.Action === 'Modify' && change.Replacement === 'True')) continue
    const def = changeSet.template.Resources[change.LogicalResourceId]
    const property = nameProperty(change.ResourceType)
    if (def === undefined || property === undefined) continue
    const value = resolveValue(def.Properties?.[property], ctx)
    if (typeof value !== 'string') continue
    if (!state.existingResources.some(r => r.type === change.ResourceType && r.identifier === value)) continue
    changeSet.validationFailures.push(
      validationEvent(
        stack.stackId,
        changeSet.operationId,
        { logicalId: change.LogicalResourceId, type: change.ResourceType },
        {
          name: 'NAME_CONFLICT_VALIDATION',
          reason: `Resource of type '${change.ResourceType}' with identifier '${value}' already exists.`,
          path: `/Resources/${change.LogicalResourceId}/Properties/${property}`
        }
      )
    )
  }
}
