import type { Change, CreateChangeSetInput, Parameter, ResourceChange } from '@aws-sdk/client-cloudformation'
import { countChanges, describeCounts, formatChange, resourceChanges, type ChangeCounts } from './changes.js'
import type { RunContext } from './context.js'
import type { Logger } from './log.js'
import { messageOf } from './errors.js'
import type { ResolvedParameters } from './parameters.js'
import type { ParameterChange } from './render/change-set.js'
import {
  createChangeSet,
  deleteChangeSet,
  describeAllChanges,
  waitForChangeSet,
  type ChangeSetHandle,
  type ChangeSetOutcome
} from './stack/change-set.js'
import { deleteEmptyStack } from './stack/lifecycle.js'
import { describeStack } from './stack/state.js'
import { templateLocation, type LoadedTemplate } from './template/load.js'

export type ChangeSetType = 'CREATE' | 'UPDATE'

/** A change set built and read: what deploy executes and preview renders. */
export interface Plan {
  handle: ChangeSetHandle
  type: ChangeSetType
  outcome: ChangeSetOutcome
  /** Every change, all pages, with property values (empty unless the outcome is ready). */
  changes: Change[]
  /** The resource changes among them, and their counts. */
  resources: ResourceChange[]
  counts: ChangeCounts
  /** The parameters as the change set holds them (NoEcho values shown as ****). */
  parameters: Parameter[]
}

export interface PlanRequest {
  stackName: string
  type: ChangeSetType
  name: string
  template: LoadedTemplate
  parameters: ResolvedParameters
  /** True when this CREATE change set makes the stack (so clean-up removes the empty stack it leaves). */
  createsStack: boolean
}

/** Stack tags: the user's, plus the environment label when one is set. */
export function stackTags(ctx: RunContext): { Key: string; Value: string }[] {
  const tags = Object.entries(ctx.settings.tags).map(([Key, Value]) => ({ Key, Value }))
  if (ctx.settings.environment !== '' && !('metaflow-deploy:environment' in ctx.settings.tags)) {
    tags.push({ Key: 'metaflow-deploy:environment', Value: ctx.settings.environment })
  }
  return tags
}

function changeSetDescription(ctx: RunContext): string {
  const { env } = ctx
  const run =
    env.GITHUB_RUN_ID === undefined
      ? 'a local run'
      : `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID}`
  return `metaflow-deploy from ${run}`.slice(0, 1024)
}

/**
 * Creates the change set, waits until CloudFormation has built it, and reads every page of it. On any failure
 * (or cancellation) the change set, and the empty stack a CREATE left, are removed before the error goes on.
 */
export async function planChangeSet(ctx: RunContext, request: PlanRequest): Promise<Plan> {
  const { settings, log } = ctx
  const cfn = ctx.clients.cloudformation
  const location = await templateLocation(
    request.template,
    settings.templateBucket,
    request.name,
    ctx.clients
  )
  const input: CreateChangeSetInput & { ChangeSetName: string; StackName: string } = {
    StackName: request.stackName,
    ChangeSetName: request.name,
    ChangeSetType: request.type,
    ...location,
    Parameters: request.parameters.parameters,
    Capabilities: settings.capabilities,
    Tags: stackTags(ctx),
    NotificationARNs: settings.notificationArns,
    Description: changeSetDescription(ctx),
    ...(settings.roleArn === undefined ? {} : { RoleARN: settings.roleArn })
  }
  const handle = await log.group(`Creating ${request.type} change set ${request.name}`, async () => {
    const created = await createChangeSet(cfn, input)
    log.info(`Change set ${created.id}`)
    return created
  })
  try {
    const outcome = await waitForChangeSet(cfn, handle.id, ctx.clock, ctx.deadline, ctx.signal)
    const parameters = outcome.kind === 'ready' ? (outcome.description.Parameters ?? []) : []
    const changes =
      outcome.kind === 'ready' ? await describeAllChanges(cfn, handle.id, outcome.description) : []
    const resources = resourceChanges(changes)
    return {
      handle,
      type: request.type,
      outcome,
      changes,
      resources,
      counts: countChanges(resources),
      parameters
    }
  } catch (err) {
    await discardPlan(ctx, handle, request.createsStack)
    throw err
  }
}

/**
 * Removes what a plan created and nobody executed: the change set and, when the plan's CREATE made the stack,
 * the empty REVIEW_IN_PROGRESS stack it left. Warns instead of throwing, so the real error stays the one reported.
 */
export async function discardPlan(
  ctx: RunContext,
  handle: ChangeSetHandle,
  removeEmptyStack: boolean
): Promise<void> {
  const cfn = ctx.clients.cloudformation
  const warn = (message: string): void => ctx.log.warning(message)
  await deleteChangeSet(cfn, handle.id, warn)
  if (!removeEmptyStack) return
  try {
    const stack = await describeStack(cfn, handle.stackId)
    if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
      // The run may be cancelled already; the clean-up still has to finish.
      await deleteEmptyStack(
        { ...ctx, signal: new AbortController().signal },
        stack,
        `${handle.name}-cleanup`
      )
    }
  } catch (err) {
    warn(`Could not remove the empty stack ${stackNameOf(handle)} left by the change set: ${messageOf(err)}`)
  }
}

function stackNameOf(handle: ChangeSetHandle): string {
  return handle.stackId.split('/')[1] ?? handle.stackId
}

/** Parameters whose value differs between the deployed stack and the change set (all of them for a new stack). */
export function parameterChanges(
  previous: Parameter[] | undefined,
  proposed: Parameter[]
): ParameterChange[] {
  const before = new Map((previous ?? []).map(p => [p.ParameterKey ?? '', p.ParameterValue]))
  return proposed
    .filter(p => previous === undefined || before.get(p.ParameterKey ?? '') !== p.ParameterValue)
    .map(p => ({
      key: p.ParameterKey ?? '',
      before: before.get(p.ParameterKey ?? ''),
      after: p.ParameterValue
    }))
}

/** Logs a plan as one group: its counts in the title, one line per resource change. */
export async function logPlan(log: Logger, title: string, plan: Plan, after: string[] = []): Promise<void> {
  await log.group(`${title}: ${describeCounts(plan.counts)}`, () => {
    for (const change of plan.resources) log.info(formatChange(change))
    for (const line of after) log.info(line)
    return Promise.resolve()
  })
}
