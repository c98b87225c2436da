import {
  DescribeChangeSetCommand,
  type DescribeChangeSetOutput,
  type Stack
} from '@aws-sdk/client-cloudformation'
import { applyChangeSet } from '../stack/apply.js'
import type { RunContext } from '../run/context.js'
import { guardDataLoss } from '../guards/data-loss-guard.js'
import { checkPlanBinding } from '../guards/plan-binding.js'
import { checkParameters, readStackRequest, type StackRequest } from '../template/stack-request.js'
import { awsErrorName, DeployError, noteLeftovers } from '../run/errors.js'
import { unchangedOutcome, type StackOutcome } from '../run/outcome.js'
import { logPlan, parameterChanges, planResourceTypes, readPlan } from '../stack/plan.js'
import { deleteChangeSet, type ChangeSetHandle } from '../stack/change-set.js'
import { settledState } from '../stack/lifecycle.js'
import { PLAN_CHANGE_SET_PREFIX } from '../stack/state.js'
import { applyTerminationProtection } from '../stack/termination-protection.js'
import { guardCost } from '../insight/gather.js'

/**
 * mode execute: runs exactly the change set a plan kept, never a new one. Before ExecuteChangeSet it proves the
 * change set is the reviewed one: it belongs to stack-name, was built by this action's plan, CloudFormation still
 * offers it for execution (a stack changed since the plan makes it OBSOLETE), and its own template and parameters
 * are this job's `template` and parameter inputs, the reviewed commit's (plan-binding.ts). Then it applies the
 * data-loss guard to every stack of the plan, nested ones included, executes, follows the events and publishes as
 * deploy does. The NoEcho values of those inputs are masked from the start, whatever AWS echoes back.
 */
export async function executePlanned(ctx: RunContext, given?: StackRequest): Promise<StackOutcome> {
  const { settings, log } = ctx
  const state = await settledState(ctx)
  if (settings.changeSetId === '') {
    if (state.kind !== 'stable') {
      throw new DeployError(
        `change-set-id is empty (the plan had nothing to change), but stack ${settings.stackName} is ${state.kind === 'absent' ? 'absent' : (state.stack.StackStatus ?? '')}. Plan again.`
      )
    }
    log.info(`change-set-id is empty: the plan found nothing to change in stack ${settings.stackName}.`)
    await applyTerminationProtection(ctx, state.stack)
    return unchangedOutcome(state.stack, 'update', [])
  }
  if (state.kind === 'stuck') {
    throw new DeployError(
      `Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, which needs a person. ${state.recovery}`
    )
  }
  const request = given ?? (await readStackRequest(ctx))
  // Masks the NoEcho values these inputs give (log, annotations, summary) before anything can echo them.
  const resolved = checkParameters(ctx, request, state)
  const description = await describePlanned(ctx)
  const deployed: Stack | undefined = state.kind === 'stable' ? state.stack : undefined
  checkPlanned(ctx, description, deployed)
  await checkPlanBinding(ctx, { description, template: request.template, resolved, deployed })
  const handle: ChangeSetHandle = {
    id: description.ChangeSetId ?? settings.changeSetId,
    name: description.ChangeSetName ?? '',
    stackId: description.StackId ?? ''
  }
  const plan = await readPlan(ctx, handle, description)
  await logPlan(log, 'Executing the planned change set', plan)
  const creates = deployed === undefined
  let dataLoss
  try {
    dataLoss = guardDataLoss(ctx, { changes: plan.changes, nested: plan.nested })
  } catch (err) {
    // Refused: the reviewed change set must not be run later by accident either. Planning again with
    // allow-data-loss makes a new one for a new review.
    await discardRefused(ctx, handle, err)
    throw err
  }
  let insight
  try {
    insight = await guardCost(ctx, {
      parameters: plan.parameters,
      changes: plan.changes,
      changeSetId: handle.id
    })
  } catch (err) {
    // Refused for cost: as for data loss, the reviewed change set goes, so nobody runs it later by accident.
    await discardRefused(ctx, handle, err)
    throw err
  }
  const applied = await applyChangeSet(ctx, handle, {
    creates,
    secrets: resolved.secrets,
    resourceTypes: planResourceTypes(plan),
    onStarted: () => undefined
  })
  await applyTerminationProtection(ctx, applied.stack)
  return {
    stack: applied.stack,
    changeSetId: handle.id,
    operation: creates ? 'create' : 'update',
    changes: plan.changes,
    nested: plan.nested,
    parameters: plan.parameters,
    parameterChanges: parameterChanges(deployed?.Parameters, plan.parameters),
    hasChanges: true,
    dataLoss,
    secrets: resolved.secrets,
    orphaned: applied.orphaned,
    insight
  }
}

async function describePlanned(ctx: RunContext): Promise<DescribeChangeSetOutput> {
  const id = ctx.settings.changeSetId
  try {
    return await ctx.clients.cloudformation.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, IncludePropertyValues: true }),
      { abortSignal: ctx.signal }
    )
  } catch (err) {
    if (/^ChangeSetNotFound/.test(awsErrorName(err))) {
      throw new DeployError(
        `Change set ${id} is gone: it was deleted, or another change set of the stack was executed since the plan (which deletes the others). Plan again and review the new plan.`
      )
    }
    throw err
  }
}

/** Refuses, before any change, a change set that is not the reviewed, executable plan of this stack. */
function checkPlanned(
  ctx: RunContext,
  description: DescribeChangeSetOutput,
  deployed: Stack | undefined
): void {
  const { settings } = ctx
  const id = settings.changeSetId
  const stackName = description.StackName ?? ''
  if (stackName !== settings.stackName) {
    throw new DeployError(
      `Change set ${id} belongs to stack ${stackName}, not to stack-name ${settings.stackName}. Pass the change-set-id of this stack's plan.`
    )
  }
  if (
    !(description.ChangeSetName ?? '').startsWith(PLAN_CHANGE_SET_PREFIX) ||
    !(description.Description ?? '').startsWith('metaflow-deploy')
  ) {
    throw new DeployError(
      `Change set ${description.ChangeSetName ?? id} was not built by this action's plan mode, so nobody reviewed it here. Run mode: plan and pass its change-set-id.`
    )
  }
  const status = description.Status ?? ''
  const execution = description.ExecutionStatus ?? ''
  if (execution === 'OBSOLETE') {
    throw new DeployError(
      `Change set ${description.ChangeSetName ?? id} is OBSOLETE: stack ${settings.stackName} changed after the plan (another deploy or an execute ran), so what was reviewed no longer applies. Plan again and review the new plan.`
    )
  }
  // CloudFormation deletes or obsoletes a stack's other change sets when one executes; this holds even where it
  // has not (yet) done so: a stack changed after the plan was made is not the stack that was reviewed.
  const planned = description.CreationTime?.getTime()
  const changed = (deployed?.LastUpdatedTime ?? deployed?.CreationTime)?.getTime()
  if (planned !== undefined && changed !== undefined && changed > planned) {
    throw new DeployError(
      `Change set ${description.ChangeSetName ?? id} is stale: stack ${settings.stackName} changed at ${new Date(changed).toISOString()}, after the plan was made at ${new Date(planned).toISOString()}. Plan again and review the new plan.`
    )
  }
  if (execution === 'EXECUTE_COMPLETE' || execution === 'EXECUTE_IN_PROGRESS') {
    throw new DeployError(
      `Change set ${description.ChangeSetName ?? id} was already executed (${execution}). Plan again for any further change.`
    )
  }
  if (status !== 'CREATE_COMPLETE' || execution !== 'AVAILABLE') {
    throw new DeployError(
      `Change set ${description.ChangeSetName ?? id} cannot be executed: its status is ${status || 'unknown'} and its execution status ${execution || 'unknown'}${description.StatusReason === undefined ? '' : ` (${description.StatusReason})`}. Plan again.`
    )
  }
}

/**
 * Deletes a refused plan's change set. One that could not be deleted is named in the refusal (and its job
 * summary) with the command that removes it: it is still executable, and must not be run later by accident.
 */
async function discardRefused(ctx: RunContext, handle: ChangeSetHandle, refusal: unknown): Promise<void> {
  const deleted = await deleteChangeSet(ctx.clients.cloudformation, handle.id, message =>
    ctx.log.warning(message)
  )
  if (!deleted) noteLeftovers(refusal, [{ kind: 'change-set', id: handle.id }])
}
