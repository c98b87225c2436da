import type { ResourceChange, Stack, StackEvent } from '@aws-sdk/client-cloudformation'
import { UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation'
import type { ChangeCounts } from './changes.js'
import type { RunContext } from './context.js'
import { awsErrorName, DeployError, messageOf, StackOperationFailed } from './errors.js'
import {
  readInlineParameters,
  readParametersFile,
  resolveParameters,
  type ResolvedParameters
} from './parameters.js'
import { discardPlan, logPlan, parameterChanges, planChangeSet } from './plan.js'
import type { ParameterChange } from './render/change-set.js'
import { changeSetName, executeChangeSet } from './stack/change-set.js'
import { deleteEmptyStack, settledState } from './stack/lifecycle.js'
import { describeStack, isSuccessStatus, type StackState } from './stack/state.js'
import { formatEvent, WatchCancelled, watchStack } from './stack/watch.js'
import { checkTemplateSize, loadTemplate, type LoadedTemplate } from './template/load.js'

/** What a deploy did, for the outputs and the summary. */
export interface DeployResult {
  stack: Stack
  changeSetId: string
  changes: ResourceChange[]
  counts: ChangeCounts
  hasChanges: boolean
  operation: 'create' | 'recreate' | 'update'
  parameterChanges: ParameterChange[]
  /** NoEcho values the user gave: masked in the log, and redacted from anything written. */
  secrets: string[]
}

/** The template and the user's parameter values, read and parsed before anything talks to AWS. */
export interface Inputs {
  template: LoadedTemplate
  given: ReturnType<typeof readParametersFile>
}

export async function readInputs(ctx: RunContext): Promise<Inputs> {
  const { settings } = ctx
  const given = {
    ...readParametersFile(settings.parametersFile, ctx.workspace),
    ...(await readInlineParameters(settings.parametersText))
  }
  const template = await loadTemplate(settings.template, ctx.clients, ctx.workspace)
  return { template, given }
}

/** Checks parameters against the template and the deployed stack; masks NoEcho values at once. */
export function checkParameters(ctx: RunContext, inputs: Inputs, state: StackState): ResolvedParameters {
  const previous =
    state.kind === 'stable'
      ? new Set((state.stack.Parameters ?? []).map(p => p.ParameterKey ?? ''))
      : undefined
  const resolved = resolveParameters(inputs.template.parameters, inputs.given, previous)
  for (const secret of resolved.secrets) ctx.log.secret(secret)
  checkTemplateSize(inputs.template, ctx.settings.templateBucket)
  return resolved
}

/** Errors that mean another operation got to the stack first: wait, then plan again. */
function isConflict(err: unknown): boolean {
  const text = messageOf(err)
  return (
    (awsErrorName(err) === 'ValidationError' && /_IN_PROGRESS state and can not be updated/.test(text)) ||
    (/^InvalidChangeSetStatus/.test(awsErrorName(err)) && /OBSOLETE/.test(text)) ||
    // Executing a change set deletes the stack's others: ours vanished because another run executed first.
    /^ChangeSetNotFound/.test(awsErrorName(err)) ||
    (awsErrorName(err) === 'AlreadyExistsException' && /^Stack \[/.test(text))
  )
}

const MAX_PLANS = 3

/** Creates or updates the stack through a change set, waits, and explains every failure. */
export async function deploy(ctx: RunContext, inputs: Inputs): Promise<DeployResult> {
  for (let plan = 1; ; plan++) {
    try {
      return await deployOnce(ctx, inputs)
    } catch (err) {
      if (!isConflict(err) || plan >= MAX_PLANS) throw err
      ctx.log.info(
        `Another operation started on stack ${ctx.settings.stackName} (${messageOf(err)}); waiting for it, then planning again.`
      )
    }
  }
}

async function deployOnce(ctx: RunContext, inputs: Inputs): Promise<DeployResult> {
  const { settings, log } = ctx
  const cfn = ctx.clients.cloudformation
  let state = await settledState(ctx)
  if (state.kind === 'stuck') {
    throw new DeployError(
      `Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, which needs a person. ${state.recovery}`
    )
  }
  const resolved = checkParameters(ctx, inputs, state)
  if (resolved.kept.length > 0) {
    log.info(
      `Keeping the previous values of ${resolved.kept.length} parameters not given: ${resolved.kept.join(', ')}.`
    )
  }

  const name = changeSetName('metaflow-deploy', settings.environment, ctx.env)
  let operation: 'create' | 'recreate' | 'update' = state.kind === 'absent' ? 'create' : 'update'
  if (state.kind === 'failed-create') {
    operation = 'recreate'
    const status = state.stack.StackStatus ?? ''
    if (settings.onFailedCreate === 'fail') {
      throw new DeployError(
        `Stack ${settings.stackName} is ${status}: its first create ${status === 'ROLLBACK_COMPLETE' ? 'failed and was rolled back' : 'never ran'}, so it holds no resources. Delete it (\`aws cloudformation delete-stack --stack-name ${settings.stackName}\`) or set on-failed-create: recreate, then re-run.`
      )
    }
    const failedStack = state.stack
    await log.group(
      `Deleting stack ${settings.stackName} (${status}, holds no resources) to create it again`,
      () => deleteEmptyStack(ctx, failedStack, `${name}-delete`)
    )
    state = { kind: 'absent' }
  }

  const type = state.kind === 'absent' ? 'CREATE' : 'UPDATE'
  const previousParameters = state.kind === 'stable' ? state.stack.Parameters : undefined
  const createsStack = type === 'CREATE'
  const plan = await planChangeSet(ctx, {
    stackName: settings.stackName,
    type,
    name,
    template: inputs.template,
    parameters: resolved,
    createsStack
  })
  const { handle } = plan
  let executed = false
  try {
    if (plan.outcome.kind !== 'ready') {
      await discardPlan(ctx, handle, createsStack)
      if (plan.outcome.kind === 'failed') {
        throw new DeployError(`The change set for stack ${settings.stackName} failed: ${plan.outcome.reason}`)
      }
      if (settings.failOnEmptyChangeset) {
        throw new DeployError(
          `Stack ${settings.stackName} has no changes to deploy, and fail-on-empty-changeset is true.`
        )
      }
      log.info(`No changes: stack ${settings.stackName} already matches the template and parameters.`)
      const stack = await describeOrFail(ctx)
      return {
        stack,
        changeSetId: '',
        changes: [],
        counts: plan.counts,
        hasChanges: false,
        operation,
        parameterChanges: [],
        secrets: resolved.secrets
      }
    }
    await logPlan(log, 'Changes', plan)

    const token = `${name}-execute`
    const since = ctx.clock.now()
    await executeChangeSet(cfn, handle.id, settings.disableRollback, token)
    executed = true
    const result = await log.group(`Stack events: ${settings.stackName}`, () =>
      watchStack(cfn, {
        stackId: handle.stackId,
        stackName: settings.stackName,
        token,
        since,
        clock: ctx.clock,
        deadline: ctx.deadline,
        signal: ctx.signal,
        onEvent: event => log.info(formatEvent(event))
      })
    )
    const status = result.stack.StackStatus ?? ''
    if (!isSuccessStatus(status)) throw failureError(ctx, status, result.failures, resolved.secrets)
    log.info(`Stack ${settings.stackName} is ${status}.`)
    if (settings.terminationProtection !== (result.stack.EnableTerminationProtection ?? false)) {
      await cfn.send(
        new UpdateTerminationProtectionCommand({
          StackName: settings.stackName,
          EnableTerminationProtection: settings.terminationProtection
        })
      )
      log.info(`Termination protection is now ${settings.terminationProtection ? 'on' : 'off'}.`)
    }
    return {
      stack: result.stack,
      changeSetId: handle.id,
      changes: plan.resources,
      counts: plan.counts,
      hasChanges: true,
      operation,
      parameterChanges: parameterChanges(previousParameters, plan.parameters),
      secrets: resolved.secrets
    }
  } catch (err) {
    if (!executed && plan.outcome.kind === 'ready') await discardPlan(ctx, handle, createsStack)
    if (err instanceof WatchCancelled) {
      throw new DeployError(
        `Cancelled while stack ${settings.stackName} was being deployed. CloudFormation goes on with change set ${handle.name}; it will finish or roll back on its own. Check the stack before the next run.`
      )
    }
    throw err
  }
}

async function describeOrFail(ctx: RunContext): Promise<Stack> {
  const stack = await describeStack(ctx.clients.cloudformation, ctx.settings.stackName)
  if (stack === undefined) throw new DeployError(`Stack ${ctx.settings.stackName} does not exist.`)
  return stack
}

/** Annotates every failed resource, then builds the error that fails the step. */
function failureError(
  ctx: RunContext,
  status: string,
  failures: StackEvent[],
  secrets: string[]
): StackOperationFailed {
  const { log, settings } = ctx
  for (const failure of failures) {
    log.error(
      `${failure.LogicalResourceId ?? ''} (${failure.ResourceType ?? ''}): ${failure.ResourceStatusReason ?? 'no reason given'}`,
      {
        title: `${failure.ResourceStatus ?? 'FAILED'}: ${failure.LogicalResourceId ?? ''}`
      }
    )
  }
  const causes = failures.filter(f => !/cancelled/i.test(f.ResourceStatusReason ?? ''))
  const listed = (causes.length > 0 ? causes : failures).map(
    f => `${f.LogicalResourceId ?? ''}: ${f.ResourceStatusReason ?? ''}`
  )
  const what =
    status === 'ROLLBACK_COMPLETE'
      ? 'The create failed and was rolled back; the next run deletes and recreates it (on-failed-create).'
      : status === 'UPDATE_ROLLBACK_COMPLETE'
        ? 'The update failed and was rolled back; the stack is as it was before this run.'
        : `The stack is now ${status}.`
  return new StackOperationFailed(
    `Deploy of stack ${settings.stackName} failed (${status}). ${what}${listed.length > 0 ? ` Failed: ${listed.join('; ')}` : ''}`,
    settings.stackName,
    status,
    failures.map(f => ({
      logicalId: f.LogicalResourceId ?? '',
      type: f.ResourceType ?? '',
      status: f.ResourceStatus ?? '',
      reason: f.ResourceStatusReason ?? ''
    })),
    secrets
  )
}
