import type { RunContext } from '../run/context.js'
import { guardDataLoss } from '../guards/data-loss-guard.js'
import { awsErrorName, DeployError, messageOf, noteLeftovers } from '../run/errors.js'
import { unchangedOutcome, type StackOutcome } from '../run/outcome.js'
import { applyChangeSet } from '../stack/apply.js'
import { discardPlan, logPlan, parameterChanges, planChangeSet, planResourceTypes } from '../stack/plan.js'
import { checkParameters, type StackRequest } from '../template/stack-request.js'
import { ChangeSetDeleted, changeSetName } from '../stack/change-set.js'
import { deleteEmptyStack, settledState } from '../stack/lifecycle.js'
import { describeStack, type StackState } from '../stack/state.js'
import { applyTerminationProtection } from '../stack/termination-protection.js'
import { matchesDeployedStack } from '../stack/unchanged.js'
import { guardCost } from '../insight/gather.js'

/** Errors that mean another operation got to the stack first: wait, then plan again. */
function isConflict(err: unknown): boolean {
  const text = messageOf(err)
  return (
    (awsErrorName(err) === 'ValidationError' && /_IN_PROGRESS state and can not be updated/.test(text)) ||
    (/^InvalidChangeSetStatus/.test(awsErrorName(err)) && /OBSOLETE/.test(text)) ||
    // Executing a change set deletes the stack's others: ours vanished because another run executed first.
    /^ChangeSetNotFound/.test(awsErrorName(err)) ||
    err instanceof ChangeSetDeleted ||
    // Another run's first deploy created the stack between our look and our CREATE change set: AWS answers
    // ValidationError "Stack [name] already exists and cannot be created again with the changeSet [...]".
    (/^(ValidationError|AlreadyExistsException)$/.test(awsErrorName(err)) &&
      /already exists and cannot be created again|^Stack \[/.test(text))
  )
}

const MAX_PLANS = 3

/** Creates or updates the stack through a change set, waits, and explains every failure. */
export async function deploy(ctx: RunContext, request: StackRequest): Promise<StackOutcome> {
  for (let plan = 1; ; plan++) {
    try {
      return await deployOnce(ctx, request)
    } catch (err) {
      if (!isConflict(err) || plan >= MAX_PLANS) throw err
      ctx.log.info(
        `Another operation started on stack ${ctx.settings.stackName} (${messageOf(err)}); waiting for it, then planning again.`
      )
    }
  }
}

async function deployOnce(ctx: RunContext, request: StackRequest): Promise<StackOutcome> {
  const { settings, log } = ctx
  let state = await settledState(ctx)
  if (state.kind === 'stuck') {
    throw new DeployError(
      `Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, which needs a person. ${state.recovery}`
    )
  }
  const resolved = checkParameters(ctx, request, state)
  if (resolved.kept.length > 0) {
    log.info(
      `Keeping the previous values of ${resolved.kept.length} parameters not given: ${resolved.kept.join(', ')}.`
    )
  }
  // A drift-aware change set can revert drift with the template unchanged: it is always built.
  const revertsDrift = settings.deploymentMode === 'revert-drift'
  if (
    state.kind === 'stable' &&
    !revertsDrift &&
    (await matchesDeployedStack(ctx, request, resolved, state.stack))
  ) {
    return noChanges(
      ctx,
      state.stack,
      resolved.secrets,
      'the template, parameters and tags are those deployed'
    )
  }

  const name = changeSetName('metaflow-deploy', settings.environment, ctx.env)
  let operation: StackOutcome['operation'] = state.kind === 'absent' ? 'create' : 'update'
  if (state.kind === 'failed-create') {
    // An empty review stack (left by a preview or a plan) is taken over as it is: a create, not a recreate.
    operation = state.stack.StackStatus === 'REVIEW_IN_PROGRESS' ? 'create' : 'recreate'
    state = await replaceFailedCreate(ctx, state, name)
  }

  // A REVIEW_IN_PROGRESS stack (a first deploy or plan that never executed) takes a CREATE change set as it is.
  const creates = state.kind !== 'stable'
  const stackExisted = state.kind !== 'absent'
  const plan = await planChangeSet(ctx, {
    stackName: settings.stackName,
    type: creates ? 'CREATE' : 'UPDATE',
    name,
    template: request.template,
    parameters: resolved,
    createsStack: creates && !stackExisted,
    existingStack: state.kind === 'absent' ? undefined : state.stack
  })
  const { handle } = plan
  let executed = false
  let failure: unknown
  try {
    if (plan.outcome.kind === 'failed') {
      throw new DeployError(`The change set for stack ${settings.stackName} failed: ${plan.outcome.reason}`)
    }
    if (plan.outcome.kind === 'empty') {
      const stack = await describeOrFail(ctx)
      return await noChanges(ctx, stack, resolved.secrets, 'the change set holds no changes')
    }
    await logPlan(log, 'Changes', plan)
    const nested = plan.nested
    const dataLoss = guardDataLoss(ctx, { changes: plan.changes, nested })
    const insight = await guardCost(ctx, {
      templateBody: request.template.body,
      parameters: plan.parameters,
      changes: plan.changes,
      changeSetId: handle.id
    })
    const applied = await applyChangeSet(ctx, handle, {
      creates,
      secrets: resolved.secrets,
      resourceTypes: planResourceTypes(plan),
      onStarted: () => {
        executed = true
      }
    })
    await applyTerminationProtection(ctx, applied.stack)
    return {
      stack: applied.stack,
      changeSetId: handle.id,
      operation,
      changes: plan.changes,
      nested,
      parameters: plan.parameters,
      parameterChanges: parameterChanges(
        state.kind === 'stable' ? state.stack.Parameters : undefined,
        plan.parameters
      ),
      hasChanges: true,
      dataLoss,
      secrets: resolved.secrets,
      orphaned: applied.orphaned,
      insight
    }
  } catch (err) {
    failure = err
    throw err
  } finally {
    // Nothing is left behind: a change set that was not executed goes, with the empty stack a CREATE made.
    if (!executed) noteLeftovers(failure, await discardPlan(ctx, handle, creates && !stackExisted))
  }
}

/**
 * A first create that failed (ROLLBACK_COMPLETE) holds nothing: with on-failed-create recreate it is deleted, so
 * that a CREATE change set can build it again. An empty REVIEW_IN_PROGRESS stack is kept as it is: a CREATE change
 * set works on it, and another run may be planning on it (deleting it would pull the floor from under that run).
 */
async function replaceFailedCreate(
  ctx: RunContext,
  state: Extract<StackState, { kind: 'failed-create' }>,
  name: string
): Promise<StackState> {
  const { settings, log } = ctx
  const status = state.stack.StackStatus ?? ''
  if (status === 'REVIEW_IN_PROGRESS') return state
  if (settings.onFailedCreate === 'fail') {
    throw new DeployError(
      `Stack ${settings.stackName} is ${status}: its first create failed and was rolled back, so it holds no resources. Delete it (\`aws cloudformation delete-stack --stack-name ${settings.stackName}\`) or set on-failed-create: recreate, then re-run.`
    )
  }
  await log.group(
    `Deleting stack ${settings.stackName} (${status}: its first create failed) to create it again`,
    () => deleteEmptyStack(ctx, state.stack, `${name}-delete`)
  )
  return { kind: 'absent' }
}

/** Nothing to deploy: still applies termination protection, unless fail-on-empty-changeset says to fail. */
async function noChanges(
  ctx: RunContext,
  stack: NonNullable<StackOutcome['stack']>,
  secrets: string[],
  why: string
): Promise<StackOutcome> {
  const { settings, log } = ctx
  if (settings.failOnEmptyChangeset) {
    throw new DeployError(
      `Stack ${settings.stackName} has no changes to deploy, and fail-on-empty-changeset is true.`
    )
  }
  log.info(`No changes: stack ${settings.stackName} already matches (${why}).`)
  await applyTerminationProtection(ctx, stack)
  return unchangedOutcome(stack, 'update', secrets)
}

async function describeOrFail(ctx: RunContext): Promise<NonNullable<StackOutcome['stack']>> {
  const stack = await describeStack(ctx.clients.cloudformation, ctx.settings.stackName)
  if (stack === undefined) throw new DeployError(`Stack ${ctx.settings.stackName} does not exist.`)
  return stack
}
