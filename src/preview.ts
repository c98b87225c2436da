import type { Stack } from '@aws-sdk/client-cloudformation'
import type { ChangeCounts } from './changes.js'
import type { RunContext } from './context.js'
import { checkParameters, type Inputs } from './deploy.js'
import { DeployError } from './errors.js'
import { discardPlan, logPlan, parameterChanges, planChangeSet, type ChangeSetType } from './plan.js'
import type { ChangeReport } from './render/change-set.js'
import { changeSetName } from './stack/change-set.js'
import { settledState } from './stack/lifecycle.js'

export interface PreviewResult {
  report: ChangeReport
  changeSetId: string
  counts: ChangeCounts
  hasChanges: boolean
  /** The stack as it is (unchanged by the preview), if it exists. */
  stack: Stack | undefined
}

/**
 * What merging would do: a change set against the live stack, read in full, then deleted (with the empty stack a
 * CREATE change set leaves). Nothing is executed.
 */
export async function preview(ctx: RunContext, inputs: Inputs): Promise<PreviewResult> {
  const { settings, log } = ctx
  const state = await settledState(ctx)
  if (state.kind === 'stuck') {
    throw new DeployError(
      `Stack ${settings.stackName} is ${state.stack.StackStatus ?? ''}, so no deploy can run until a person fixes it. ${state.recovery}`
    )
  }
  const resolved = checkParameters(ctx, inputs, state)
  const name = changeSetName('metaflow-preview', settings.environment, ctx.env)
  let stackName = settings.stackName
  let type: ChangeSetType = 'UPDATE'
  let operation: ChangeReport['operation'] = 'update'
  if (state.kind === 'absent') {
    type = 'CREATE'
    operation = 'create'
  } else if (state.kind === 'failed-create') {
    // The deploy would delete this empty stack and create it again. A CREATE change set works on a
    // REVIEW_IN_PROGRESS stack; next to a ROLLBACK_COMPLETE one it needs a stand-in name, deleted afterwards.
    type = 'CREATE'
    operation = 'recreate'
    if (state.stack.StackStatus === 'ROLLBACK_COMPLETE')
      stackName = `${settings.stackName}-preview-${ctx.env.GITHUB_RUN_ID ?? Date.now()}`.slice(0, 128)
  }
  // A preview changes nothing: it removes the stack only when its own CREATE change set made it.
  const createsStack = state.kind === 'absent' || stackName !== settings.stackName
  const plan = await planChangeSet(ctx, {
    stackName,
    type,
    name,
    template: inputs.template,
    parameters: resolved,
    createsStack
  })
  try {
    if (plan.outcome.kind === 'failed') {
      throw new DeployError(
        `The change set for stack ${settings.stackName} failed, so this change cannot deploy: ${plan.outcome.reason}`
      )
    }
    const changes = plan.resources
    const empty = plan.outcome.kind === 'empty'
    await logPlan(
      log,
      'Preview',
      plan,
      empty ? [`No changes: stack ${settings.stackName} already matches the template and parameters.`] : []
    )
    const existing = state.kind === 'stable' ? state.stack : undefined
    const report: ChangeReport = {
      kind: 'preview',
      stackName: settings.stackName,
      environment: settings.environment,
      region: await ctx.clients.region(),
      operation,
      changes,
      parameters:
        plan.outcome.kind === 'ready' ? parameterChanges(existing?.Parameters, plan.parameters) : [],
      commitSha: ctx.env.GITHUB_SHA ?? '',
      runUrl: runUrl(ctx.env),
      secrets: resolved.secrets
    }
    return {
      report,
      changeSetId: plan.handle.id,
      counts: plan.counts,
      hasChanges: changes.length > 0,
      stack: existing
    }
  } finally {
    // A preview changes nothing: its change set goes, and so does the stack a CREATE change set made.
    await log.group(`Deleting preview change set ${name}`, () => discardPlan(ctx, plan.handle, createsStack))
  }
}

export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_RUN_ID === undefined || env.GITHUB_REPOSITORY === undefined) return undefined
  const attempt =
    env.GITHUB_RUN_ATTEMPT !== undefined && env.GITHUB_RUN_ATTEMPT !== '1'
      ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
      : ''
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`
}
