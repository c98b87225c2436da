import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeEventsCommand,
  ExecuteChangeSetCommand,
  type Change,
  type CloudFormationClient,
  type CreateChangeSetInput,
  type DescribeChangeSetOutput,
  type OperationEvent,
  type ResourceChange
} from '@aws-sdk/client-cloudformation'
import { AdaptiveDelay, type Clock } from '../run/clock.js'
import { awsErrorName, DeployError, messageOf } from '../run/errors.js'

/** CloudFormation's two ways of saying a change set holds nothing. */
export function isNoChangeReason(reason: string | undefined): boolean {
  return /didn't contain changes|No updates are to be performed/i.test(reason ?? '')
}

/**
 * A change-set name unique to this run and attempt, so a leftover from another run can never collide with it
 * (the official action's fixed `<stack>-CS` does).
 */
export function changeSetName(
  prefix: string,
  environment: string,
  env: NodeJS.ProcessEnv,
  random = Math.random
): string {
  const runId = env.GITHUB_RUN_ID ?? `local${Date.now()}`
  const attempt = env.GITHUB_RUN_ATTEMPT ?? '1'
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')
  const envPart = environment === '' ? '' : `-${environment.replace(/[^A-Za-z0-9]/g, '-')}`
  return `${prefix}${envPart}-${runId}-${attempt}-${suffix}`.slice(0, 128).replace(/-+$/, '')
}

/**
 * The CreateChangeSet ClientToken of one plan: the change-set name is already unique to the plan attempt, and
 * fits the token's rules (1-128 characters, `[a-zA-Z0-9][-a-zA-Z0-9]*`, CreateChangeSet API reference).
 */
export function clientTokenFor(changeSetName: string): string {
  return changeSetName.slice(0, 128)
}

export interface ChangeSetHandle {
  id: string
  name: string
  stackId: string
}

const withSignal = (signal: AbortSignal | undefined): { abortSignal?: AbortSignal } =>
  signal === undefined ? {} : { abortSignal: signal }

/**
 * CreateChangeSet with a ClientToken, so that the SDK's retry of a request whose response was lost is recognised
 * by CloudFormation as the same request. A clash on our own (unique) name is still recognised as that retry, for
 * backends that answer AlreadyExists instead.
 */
export async function createChangeSet(
  cfn: CloudFormationClient,
  input: CreateChangeSetInput & { ChangeSetName: string; StackName: string },
  signal?: AbortSignal
): Promise<ChangeSetHandle> {
  const request = { ...input, ClientToken: input.ClientToken ?? clientTokenFor(input.ChangeSetName) }
  try {
    const result = await cfn.send(new CreateChangeSetCommand(request), withSignal(signal))
    return { id: result.Id ?? '', name: input.ChangeSetName, stackId: result.StackId ?? '' }
  } catch (err) {
    if (
      awsErrorName(err) === 'AlreadyExistsException' &&
      messageOf(err).includes(`ChangeSet [${input.ChangeSetName}]`)
    ) {
      const existing = await cfn.send(
        new DescribeChangeSetCommand({ ChangeSetName: input.ChangeSetName, StackName: input.StackName }),
        withSignal(signal)
      )
      return { id: existing.ChangeSetId ?? '', name: input.ChangeSetName, stackId: existing.StackId ?? '' }
    }
    throw err
  }
}

export type ChangeSetOutcome =
  | { kind: 'ready'; description: DescribeChangeSetOutput }
  | { kind: 'empty'; reason: string }
  | { kind: 'failed'; reason: string }

/**
 * The change set went away while the run waited for it: another run executed its own change set (which deletes
 * the stack's others), or a person deleted it. Like ChangeSetNotFound, a reason to plan again.
 */
export class ChangeSetDeleted extends DeployError {}

/** Change-set statuses that mean it is being deleted or is gone (ChangeSetStatus, API reference). */
const DELETING = new Set(['DELETE_PENDING', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE', 'DELETE_FAILED'])

/** Polls until the change set is built (quickly at first: small change sets take seconds). */
export async function waitForChangeSet(
  cfn: CloudFormationClient,
  id: string,
  clock: Clock,
  deadline: number,
  signal: AbortSignal
): Promise<ChangeSetOutcome> {
  // Small change sets take a few seconds, large ones a minute: start at 1 s and stretch to 5 s.
  const delay = new AdaptiveDelay(1_000, 5_000)
  let wait = delay.peek()
  const cancelled = (): DeployError => new DeployError('Cancelled while the change set was being created.')
  for (;;) {
    await clock.sleep(wait, signal)
    if (signal.aborted) throw cancelled()
    // With property values, the poll that sees CREATE_COMPLETE is also the first page of the changes.
    let description: DescribeChangeSetOutput
    try {
      description = await cfn.send(
        new DescribeChangeSetCommand({ ChangeSetName: id, IncludePropertyValues: true }),
        { abortSignal: signal }
      )
    } catch (err) {
      if (signal.aborted) throw cancelled()
      throw err
    }
    const status = description.Status ?? ''
    if (status === 'CREATE_COMPLETE') return { kind: 'ready', description }
    if (status === 'FAILED') {
      const reason = description.StatusReason ?? 'no reason given'
      if (isNoChangeReason(reason)) return { kind: 'empty', reason }
      return { kind: 'failed', reason: await explainFailure(cfn, description, reason, signal) }
    }
    if (DELETING.has(status)) {
      // Someone (another run executing first, or a person) is deleting it: it will never be ready.
      throw new ChangeSetDeleted(
        `Change set ${id} is being deleted (${status}) while this run waited for it; another run or a person removed it.`
      )
    }
    if (clock.now() > deadline) {
      throw new DeployError(`Timed out waiting for change set ${id} to be created (still ${status}).`)
    }
    wait = delay.next(false)
  }
}

/**
 * A failed change set's reason, with the validation failures behind it. Since CloudFormation's early validation
 * (2025) the status reason only says to look them up with DescribeEvents (by change set, FailedEvents filter);
 * each failure names the resource, the property path and why. Without the permission, the status reason stands
 * and says which permission would have shown more.
 */
export async function explainFailure(
  cfn: CloudFormationClient,
  description: DescribeChangeSetOutput,
  reason: string,
  signal?: AbortSignal
): Promise<string> {
  const id = description.ChangeSetId ?? ''
  let events: OperationEvent[]
  try {
    events = await failedEvents(cfn, id, signal)
  } catch (err) {
    if (signal?.aborted === true) throw err
    const denied = /AccessDenied|UnauthorizedOperation|not authorized/i.test(
      `${awsErrorName(err)} ${messageOf(err)}`
    )
    return denied
      ? `${reason} (The validation details could not be read: the role lacks cloudformation:DescribeEvents.)`
      : `${reason} (The validation details could not be read: ${messageOf(err)}.)`
  }
  const details = events.map(describeFailedEvent).filter(line => line !== '')
  if (details.length === 0) return reason
  return `${reason} ${details.join('; ')}`
}

async function failedEvents(
  cfn: CloudFormationClient,
  changeSetId: string,
  signal: AbortSignal | undefined
): Promise<OperationEvent[]> {
  const events: OperationEvent[] = []
  let token: string | undefined
  do {
    const page = await cfn.send(
      new DescribeEventsCommand({
        ChangeSetName: changeSetId,
        Filters: { FailedEvents: true },
        NextToken: token
      }),
      withSignal(signal)
    )
    events.push(...(page.OperationEvents ?? []))
    token = page.NextToken
  } while (token !== undefined && token !== '')
  return events
}

/** `Bucket (AWS::S3::Bucket) at /Properties/BucketName: reason`, from a validation or provisioning failure. */
export function describeFailedEvent(event: OperationEvent): string {
  const why = event.ValidationStatusReason ?? event.ResourceStatusReason ?? event.HookStatusReason ?? ''
  const who = event.LogicalResourceId ?? ''
  if (why === '' && who === '') return ''
  const type = event.ResourceType === undefined || event.ResourceType === '' ? '' : ` (${event.ResourceType})`
  const path =
    event.ValidationPath === undefined || event.ValidationPath === '' ? '' : ` at ${event.ValidationPath}`
  const check =
    event.ValidationName === undefined || event.ValidationName === '' ? '' : ` [${event.ValidationName}]`
  return `${who}${type}${path}${check}: ${why === '' ? 'no reason given' : why}`
}

/** Every change in the change set: the first page already read, then every further page, with property values. */
export async function describeAllChanges(
  cfn: CloudFormationClient,
  id: string,
  firstPage: DescribeChangeSetOutput,
  signal?: AbortSignal
): Promise<Change[]> {
  const changes: Change[] = [...(firstPage.Changes ?? [])]
  let token = firstPage.NextToken
  while (token !== undefined && token !== '') {
    const page = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, NextToken: token, IncludePropertyValues: true }),
      withSignal(signal)
    )
    changes.push(...(page.Changes ?? []))
    token = page.NextToken
  }
  return changes
}

/** A nested stack's change set, read in full (IncludeNestedStacks). */
export interface NestedChangeSet {
  /** Logical ids from the root template down to the nested stack. */
  path: string[]
  changeSetId: string
  /** Its resource changes, every page, with property values. */
  changes: ResourceChange[]
}

/**
 * Every nested change set under a built root change set, depth first: a ResourceChange of type
 * AWS::CloudFormation::Stack carries the nested change set's ChangeSetId (ResourceChange API reference).
 */
export async function describeNestedChangeSets(
  cfn: CloudFormationClient,
  rootChanges: Change[],
  signal?: AbortSignal,
  path: string[] = []
): Promise<NestedChangeSet[]> {
  const found: NestedChangeSet[] = []
  for (const change of rootChanges) {
    const resource = change.ResourceChange
    const id = resource?.ChangeSetId
    if (resource === undefined || id === undefined || id === '') continue
    const nestedPath = [...path, resource.LogicalResourceId ?? '']
    const first = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, IncludePropertyValues: true }),
      withSignal(signal)
    )
    const changes = await describeAllChanges(cfn, id, first, signal)
    const resources = changes.flatMap(c => (c.ResourceChange === undefined ? [] : [c.ResourceChange]))
    found.push({ path: nestedPath, changeSetId: id, changes: resources })
    found.push(...(await describeNestedChangeSets(cfn, changes, signal, nestedPath)))
  }
  return found
}

/** How a change set is executed. */
export interface ExecuteOptions {
  /** Keep what a failed operation provisioned (CREATE_FAILED / UPDATE_FAILED) instead of rolling back. */
  disableRollback: boolean
  /**
   * Delete resources this operation created when it rolls back, even those with DeletionPolicy: Retain
   * (ExecuteChangeSet API reference). Set on CREATE, where a failed first create must leave nothing behind.
   */
  retainExceptOnCreate: boolean
  /** ClientRequestToken: stamped on every event of the execution. */
  token: string
  signal?: AbortSignal
}

/** ExecuteChangeSet; a retried request whose first attempt already started the execution counts as success. */
export async function executeChangeSet(
  cfn: CloudFormationClient,
  id: string,
  options: ExecuteOptions
): Promise<void> {
  try {
    await cfn.send(
      new ExecuteChangeSetCommand({
        ChangeSetName: id,
        DisableRollback: options.disableRollback,
        ClientRequestToken: options.token,
        // Sent only when true: a false would be the default anyway.
        ...(options.retainExceptOnCreate ? { RetainExceptOnCreate: true } : {})
      }),
      withSignal(options.signal)
    )
  } catch (err) {
    if (
      /^InvalidChangeSetStatus/.test(awsErrorName(err)) &&
      /EXECUTE_IN_PROGRESS|EXECUTE_COMPLETE/.test(messageOf(err))
    )
      return
    throw err
  }
}

/**
 * Deletes a change set, so that no change set of ours outlives the run. The call is awaited: CloudFormation
 * documents that when DeleteChangeSet returns, the change set is deleted. Never throws: a failed clean-up is a
 * warning, reported through `warn`, so the error that matters stays the one reported.
 */
export async function deleteChangeSet(
  cfn: CloudFormationClient,
  id: string,
  warn: (message: string) => void,
  signal?: AbortSignal
): Promise<boolean> {
  try {
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: id }), withSignal(signal))
    return true
  } catch (err) {
    if (/^ChangeSetNotFound/.test(awsErrorName(err))) return true
    warn(
      `Could not delete change set ${id}: ${messageOf(err).replace(/\.+$/, '')}. Delete it in the CloudFormation console.`
    )
    return false
  }
}
