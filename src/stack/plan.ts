import type {
  Change,
  CreateChangeSetInput,
  DescribeChangeSetOutput,
  Parameter,
  ResourceChange,
  Stack,
  Tag
} from '@aws-sdk/client-cloudformation'
import {
  countChanges,
  describeCounts,
  formatChange,
  NO_CHANGES,
  resourceChanges,
  type ChangeCounts
} from './changes.js'
import type { RunContext } from '../run/context.js'
import type { Logger } from '../run/log.js'
import { InputError, messageOf, noteLeftovers, type Leftover } from '../run/errors.js'
import { ENVIRONMENT_TAG, type Settings } from '../settings/settings.js'
import type { ResolvedParameters } from '../template/parameters.js'
import type { ParameterChange } from '../render/render-report.js'
import {
  createChangeSet,
  deleteChangeSet,
  describeAllChanges,
  describeNestedChangeSets,
  waitForChangeSet,
  type ChangeSetHandle,
  type ChangeSetOutcome,
  type NestedChangeSet
} from './change-set.js'
import { deleteEmptyStack } from './lifecycle.js'
import { describeStack } from './state.js'
import { templateFeatures } from './template-features.js'
import { placeTemplate, removeUploadedTemplate, type LoadedTemplate } from '../template/load.js'

export type ChangeSetType = 'CREATE' | 'UPDATE'

/** A change set built and read: what deploy executes and preview renders. */
export interface Plan {
  handle: ChangeSetHandle
  type: ChangeSetType
  outcome: ChangeSetOutcome
  /** Every change, all pages, with property values (empty unless the outcome is ready). */
  changes: Change[]
  /** The root stack's resource changes among them. */
  resources: ResourceChange[]
  /**
   * Each nested stack's change set, depth first, when the template has nested stacks (IncludeNestedStacks);
   * empty otherwise.
   */
  nested: NestedChangeSet[]
  /** Counts of every resource change: the root stack's and every nested stack's. */
  counts: ChangeCounts
  /** Counts of the root stack's resource changes only. */
  rootCounts: ChangeCounts
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
  /** The stack as described before planning, for an UPDATE (its tags are kept when `tags` is unset). */
  existingStack?: Stack | undefined
}

/** CloudFormation's limit on stack tags (CreateChangeSet API reference, Tags: "maximum number of 50 tags"). */
export const MAX_STACK_TAGS = 50

/**
 * The Tags to send, or undefined to send none. An absent Tags list keeps the stack's tags while an empty one
 * removes them all (UpdateStack API reference), so an unset `tags` input is never sent as a list of its own:
 * - `tags` given: exactly those, plus the environment tag;
 * - unset, UPDATE: the stack's existing tags plus the environment tag; omitted when the stack already has an
 *   environment tag (or there is no environment), which keeps them just the same (as unchanged.ts compares);
 * - unset, CREATE: the environment tag alone, or nothing without an environment.
 * Throws an InputError naming `tags` when the result exceeds CloudFormation's 50, before any call.
 */
export function stackTags(
  settings: Pick<Settings, 'tags' | 'environment' | 'stackName'>,
  existing: Stack | undefined
): Tag[] | undefined {
  const environment = settings.environment
  let tags: Tag[]
  if (settings.tags !== undefined) {
    tags = Object.entries(settings.tags).map(([Key, Value]) => ({ Key, Value }))
    if (environment !== '' && !(ENVIRONMENT_TAG in settings.tags))
      tags.push({ Key: ENVIRONMENT_TAG, Value: environment })
  } else {
    const kept = (existing?.Tags ?? []).map(t => ({ Key: t.Key ?? '', Value: t.Value ?? '' }))
    if (environment === '' || kept.some(t => t.Key === ENVIRONMENT_TAG)) return undefined
    tags = [...kept, { Key: ENVIRONMENT_TAG, Value: environment }]
  }
  if (tags.length > MAX_STACK_TAGS) {
    const source =
      settings.tags !== undefined
        ? `${Object.keys(settings.tags).length} tags given`
        : `the ${tags.length - 1} tags stack ${settings.stackName} already has`
    throw new InputError(
      'tags',
      `${source} plus the environment tag ${ENVIRONMENT_TAG} make ${tags.length}; CloudFormation allows at most ${MAX_STACK_TAGS} stack tags. Remove ${tags.length - MAX_STACK_TAGS} (or leave environment empty).`
    )
  }
  return tags.length === 0 && settings.tags === undefined ? undefined : tags
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
  // Checked before the template upload, the first write.
  const tags = stackTags(settings, request.type === 'UPDATE' ? request.existingStack : undefined)
  const { location, uploaded } = await placeTemplate(
    request.template,
    settings.templateBucket,
    request.name,
    ctx.clients
  )
  try {
    return await buildChangeSet(ctx, request, location, tags)
  } finally {
    // CloudFormation keeps its own copy of the template in the change set, so the upload is needed no longer,
    // whatever the mode (a kept plan executes from that copy).
    await removeUploadedTemplate(ctx.clients, uploaded, message => log.warning(message))
  }
}

async function buildChangeSet(
  ctx: RunContext,
  request: PlanRequest,
  location: Awaited<ReturnType<typeof placeTemplate>>['location'],
  tags: ReturnType<typeof stackTags>
): Promise<Plan> {
  const { settings, log } = ctx
  const cfn = ctx.clients.cloudformation
  const input: CreateChangeSetInput & { ChangeSetName: string; StackName: string } = {
    StackName: request.stackName,
    ChangeSetName: request.name,
    ChangeSetType: request.type,
    ...location,
    Parameters: request.parameters.parameters,
    Capabilities: settings.capabilities,
    // Absent keeps the stack's value; an empty list would clear it (UpdateStack API reference).
    ...(tags === undefined ? {} : { Tags: tags }),
    ...(settings.notificationArns === undefined ? {} : { NotificationARNs: settings.notificationArns }),
    // From the parsed template; include-nested-stacks: false leaves it off for templates whose change sets fail
    // with it (cloudformation-coverage-roadmap #759, rain #550), and the guard then refuses every nested stack
    // Modify as unknown unless allow-data-loss names it.
    ...(settings.includeNestedStacks && templateFeatures(request.template.body).nestedStacks
      ? { IncludeNestedStacks: true }
      : {}),
    Description: changeSetDescription(ctx),
    // A drift-aware change set restores drifted properties (CreateChangeSet API reference, DeploymentMode).
    ...(settings.deploymentMode === 'revert-drift' && request.type === 'UPDATE'
      ? { DeploymentMode: 'REVERT_DRIFT' as const }
      : {}),
    ...(settings.roleArn === undefined ? {} : { RoleARN: settings.roleArn }),
    // Complete once configuration is applied, without waiting for readiness (API_DeploymentConfig); verify waits.
    ...(settings.deploymentSpeed === 'express' ? { DeploymentConfig: { Mode: 'EXPRESS' } } : {})
  }
  const handle = await log.group(`Creating ${request.type} change set ${request.name}`, async () => {
    const created = await createChangeSet(cfn, input, ctx.signal)
    log.info(`Change set ${created.id}`)
    return created
  })
  try {
    const outcome = await waitForChangeSet(cfn, handle.id, ctx.clock, ctx.deadline, ctx.signal)
    if (outcome.kind === 'ready') return await readPlan(ctx, handle, outcome.description, request.type)
    return {
      handle,
      type: request.type,
      outcome,
      changes: [],
      resources: [],
      nested: [],
      counts: { ...NO_CHANGES },
      rootCounts: { ...NO_CHANGES },
      parameters: []
    }
  } catch (err) {
    noteLeftovers(err, await discardPlan(ctx, handle, request.createsStack))
    throw err
  }
}

/**
 * Reads a built change set in full: every page of its changes (the first is the description already read), and,
 * when it has nested change sets (IncludeNestedStacks), every page of each of them, depth first.
 */
export async function readPlan(
  ctx: RunContext,
  handle: ChangeSetHandle,
  description: DescribeChangeSetOutput,
  type: ChangeSetType = 'UPDATE'
): Promise<Plan> {
  const cfn = ctx.clients.cloudformation
  const changes = await describeAllChanges(cfn, handle.id, description, ctx.signal)
  const nested = await describeNestedChangeSets(cfn, changes, ctx.signal)
  const resources = resourceChanges(changes)
  return {
    handle,
    type,
    outcome: { kind: 'ready', description },
    changes,
    resources,
    nested,
    counts: countChanges([...resources, ...nested.flatMap(n => n.changes)]),
    rootCounts: countChanges(resources),
    parameters: description.Parameters ?? []
  }
}

/**
 * Removes what a plan created and nobody executed: the change set and, when the plan's CREATE made the stack,
 * the empty REVIEW_IN_PROGRESS stack it left. Warns instead of throwing, so the real error stays the one reported;
 * returns what it could not remove (each also named in a warning), for the run's error to name. After the deadline
 * or a cancel, each call gets one short attempt (LATE_CLEANUP_CALL_MS): a hung DeleteChangeSet must not stretch a
 * 6 s timeout-minutes to half a minute of retries.
 */
export async function discardPlan(
  ctx: RunContext,
  handle: ChangeSetHandle,
  removeEmptyStack: boolean
): Promise<Leftover[]> {
  const cfn = ctx.clients.cloudformation
  const warn = (message: string): void => ctx.log.warning(message)
  const late = ctx.signal.aborted || ctx.clock.now() >= ctx.deadline
  const cleanup = cleanupContext(ctx)
  const leftovers: Leftover[] = []
  const oneCall = (): AbortSignal =>
    late ? AbortSignal.any([cleanup.signal, AbortSignal.timeout(LATE_CLEANUP_CALL_MS)]) : cleanup.signal
  if (!(await deleteChangeSet(cfn, handle.id, warn, oneCall())))
    leftovers.push({ kind: 'change-set', id: handle.id })
  if (!removeEmptyStack) return leftovers
  try {
    const stack = await describeStack(cfn, handle.stackId, oneCall())
    if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
      await deleteEmptyStack(cleanup, stack, `${handle.name}-cleanup`)
    }
    // A stack that is gone took its change sets with it: the one that could not be deleted is not left behind.
    if (stack === undefined || stack.StackStatus === 'REVIEW_IN_PROGRESS') {
      return leftovers.filter(left => left.kind !== 'change-set')
    }
  } catch (err) {
    leftovers.push({ kind: 'empty-stack', stackName: stackNameOf(handle) })
    if (ctx.signal.aborted || late) {
      warn(
        `The run ${ctx.signal.aborted ? 'was cancelled' : 'ran out of time'} before the empty stack ${stackNameOf(handle)} left by the change set was confirmed deleted (${messageOf(err)}). A later deploy takes it over as it is, or delete it yourself while it is still REVIEW_IN_PROGRESS.`
      )
      return leftovers
    }
    warn(`Could not remove the empty stack ${stackNameOf(handle)} left by the change set: ${messageOf(err)}`)
  }
  return leftovers
}

/**
 * How long a clean-up may take once the run is cancelled. The runner sends SIGINT, waits 7,500 ms, sends SIGTERM,
 * waits 2,500 ms, then kills the process tree (GitHub docs, "Workflow cancellation reference"): 5 s leaves room
 * for the rest of the shutdown. A clean-up after timeout-minutes ran out gets the same.
 */
export const CANCELLED_CLEANUP_MS = 5_000

/** After the deadline or a cancel, the longest one clean-up call may take, its SDK retries included. */
export const LATE_CLEANUP_CALL_MS = 3_000

/**
 * The context a clean-up runs in: never the run's own signal, which may be aborted already, yet bounded. Once the
 * run is cancelled or its deadline passes (before or during the clean-up), the clean-up has CANCELLED_CLEANUP_MS
 * left, then its calls and waits are aborted.
 */
export function cleanupContext(ctx: RunContext): RunContext {
  const controller = new AbortController()
  let started = false
  const startGrace = (): void => {
    if (started) return
    started = true
    setTimeout(
      () => controller.abort(new Error('the clean-up ran out of time')),
      CANCELLED_CLEANUP_MS
    ).unref()
  }
  const now = ctx.clock.now()
  if (ctx.signal.aborted || now >= ctx.deadline) {
    startGrace()
    return { ...ctx, signal: controller.signal, deadline: now + CANCELLED_CLEANUP_MS }
  }
  ctx.signal.addEventListener('abort', startGrace, { once: true })
  setTimeout(startGrace, ctx.deadline - now).unref()
  return { ...ctx, signal: controller.signal }
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

/** Every resource type a plan touches, nested stacks' included. */
export function planResourceTypes(plan: Pick<Plan, 'resources' | 'nested'>): string[] {
  return [...plan.resources, ...plan.nested.flatMap(n => n.changes)].map(c => c.ResourceType ?? '')
}

/** Logs a plan as one group: its counts in the title, one line per resource change. */
export async function logPlan(log: Logger, title: string, plan: Plan, after: string[] = []): Promise<void> {
  const width = Math.max(0, ...planResourceTypes(plan).map(type => type.length))
  await log.group(`${title}: ${describeCounts(plan.counts)}`, () => {
    for (const change of plan.resources) log.info(formatChange(change, width))
    for (const nested of plan.nested) {
      log.info(`In nested stack ${nested.path.join('/')}:`)
      for (const change of nested.changes) log.info(`  ${formatChange(change, width)}`)
    }
    for (const line of after) log.info(line)
    return Promise.resolve()
  })
}
