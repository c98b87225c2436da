import type { RunContext } from '../run/context.js'
import { assessPlan } from '../guards/data-loss.js'
import { DeployError, noteLeftovers } from '../run/errors.js'
import { unchangedOutcome, type StackOutcome } from '../run/outcome.js'
import { discardPlan, logPlan, parameterChanges, planChangeSet, type ChangeSetType } from '../stack/plan.js'
import { checkParameters, type StackRequest } from '../template/stack-request.js'
import { changeSetName } from '../stack/change-set.js'
import { settledState } from '../stack/lifecycle.js'
import { PLAN_CHANGE_SET_PREFIX } from '../stack/state.js'
import { matchesDeployedStack } from '../stack/unchanged.js'
import { gatherInsight, startDrift } from '../insight/gather.js'

/**
 * What merging would do: a change set against the live stack, read in full. A preview then deletes it; a plan
 * KEEPS it, for a later execute to run exactly that. Nothing is executed either way, and no stack is ever deleted:
 * the empty REVIEW_IN_PROGRESS stack a CREATE change set leaves costs nothing, and the first deploy (or a later
 * preview) builds its own CREATE change set on it. Deleting it was a race: a first deploy running at the same time
 * could have made it a real stack between the check and the delete (issue 23.2).
 */
export async function preview(ctx: RunContext, request: StackRequest, keep: boolean): Promise<StackOutcome> {
  const { settings, log } = ctx
  const what = keep ? 'plan' : 'preview'
  const state = await settledState(ctx)
  if (state.kind === 'stuck') {
    throw new DeployError(
      `Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, so no deploy can run until a person fixes it. ${state.recovery}`
    )
  }
  const resolved = checkParameters(ctx, request, state)
  const existing = state.kind === 'stable' ? state.stack : undefined
  // A drift-aware change set can revert drift with the template unchanged: it is always built.
  const revertsDrift = settings.deploymentMode === 'revert-drift'
  if (
    existing !== undefined &&
    !revertsDrift &&
    (await matchesDeployedStack(ctx, request, resolved, existing))
  ) {
    log.info(
      `No changes: stack ${settings.stackName} already has this template, these parameters and tags; no change set was needed.`
    )
    return unchangedOutcome(existing, 'update', resolved.secrets)
  }
  const name = changeSetName(
    keep ? PLAN_CHANGE_SET_PREFIX : 'metaflow-preview',
    settings.environment,
    ctx.env
  )
  let stackName = settings.stackName
  let type: ChangeSetType = 'UPDATE'
  let operation: StackOutcome['operation'] = 'update'
  if (state.kind === 'absent') {
    type = 'CREATE'
    operation = 'create'
  } else if (state.kind === 'failed-create') {
    // A CREATE change set works on a REVIEW_IN_PROGRESS stack as it is. Next to a ROLLBACK_COMPLETE one a preview
    // needs a stand-in stack: one fixed name per stack, left empty in REVIEW_IN_PROGRESS and reused by every later
    // preview (never deleted: previews delete no stack). A plan cannot, since execute must run on the real stack.
    type = 'CREATE'
    // An empty review stack (a preview's, or a first deploy's that never ran) is created, not recreated: the
    // first deploy takes it over as it is.
    operation = state.stack.StackStatus === 'REVIEW_IN_PROGRESS' ? 'create' : 'recreate'
    if (state.stack.StackStatus === 'ROLLBACK_COMPLETE') {
      if (keep) {
        throw new DeployError(
          `Stack ${settings.stackName} is ROLLBACK_COMPLETE: its first create failed, and it holds nothing. A plan changes nothing, so it cannot replace that stack: run mode: deploy (on-failed-create: recreate) or delete it (\`aws cloudformation delete-stack --stack-name ${settings.stackName}\`), then plan again.`
        )
      }
      stackName = standInName(settings.stackName)
    }
  }
  // Drift detection runs while CloudFormation builds the change set.
  const drift = startDrift(ctx, existing)
  const plan = await planChangeSet(ctx, {
    stackName,
    type,
    name,
    template: request.template,
    parameters: resolved,
    createsStack: false,
    existingStack: state.kind === 'absent' ? undefined : state.stack
  })
  let kept = false
  let failure: unknown
  let outcome: StackOutcome | undefined
  try {
    if (plan.outcome.kind === 'failed') {
      throw new DeployError(
        `The change set for stack ${settings.stackName} failed, so this change cannot deploy: ${plan.outcome.reason}`
      )
    }
    const empty = plan.outcome.kind === 'empty'
    await logPlan(
      log,
      keep ? 'Plan' : 'Preview',
      plan,
      empty ? [`No changes: stack ${settings.stackName} already matches the template and parameters.`] : []
    )
    if (empty) return unchangedOutcome(existing, operation, resolved.secrets)
    const nested = plan.nested
    kept = keep
    if (keep) {
      log.info(
        `Kept change set ${plan.handle.id} for review. Execute exactly it with mode: execute and change-set-id set to this run's change-set-id output.`
      )
    }
    const insight = await gatherInsight(
      ctx,
      {
        templateBody: request.template.body,
        parameters: plan.parameters,
        changes: plan.changes,
        changeSetId: plan.handle.id
      },
      drift
    )
    outcome = {
      insight,
      stack: existing,
      changeSetId: plan.handle.id,
      operation,
      changes: plan.changes,
      nested,
      parameters: plan.parameters,
      parameterChanges: parameterChanges(existing?.Parameters, plan.parameters),
      hasChanges: true,
      dataLoss: assessPlan({ changes: plan.changes, nested }, settings.allowDataLoss),
      secrets: resolved.secrets,
      orphaned: []
    }
  } catch (err) {
    failure = err
    throw err
  } finally {
    drift?.stop()
    if (!kept) {
      const left = await log.group(`Deleting ${what} change set ${name}`, () =>
        discardPlan(ctx, plan.handle, false)
      )
      noteLeftovers(failure, left)
      if (outcome !== undefined && left.length > 0) outcome.changeSetLeft = true
    }
  }
  // Returned after the clean-up, so that what the comment says of the change set is what happened to it.
  return outcome
}

/**
 * The stack a preview of a ROLLBACK_COMPLETE stack plans on: CloudFormation takes no change set on that stack, and
 * a preview may not delete it. The suffix keeps it inside the `metaflow-*` resources the preview role may use.
 */
export function standInName(stackName: string): string {
  const suffix = '-preview-stand-in'
  return `${stackName.slice(0, 128 - suffix.length)}${suffix}`
}
