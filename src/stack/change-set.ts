import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand,
  type Change,
  type CloudFormationClient,
  type CreateChangeSetInput,
  type DescribeChangeSetOutput
} from '@aws-sdk/client-cloudformation'
import { AdaptiveDelay, type Clock } from '../clock.js'
import { awsErrorName, DeployError, messageOf } from '../errors.js'

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

export interface ChangeSetHandle {
  id: string
  name: string
  stackId: string
}

/** CreateChangeSet; a retry of our own request that already succeeded is recognised, not reported as a clash. */
export async function createChangeSet(
  cfn: CloudFormationClient,
  input: CreateChangeSetInput & { ChangeSetName: string; StackName: string }
): Promise<ChangeSetHandle> {
  try {
    const result = await cfn.send(new CreateChangeSetCommand(input))
    return { id: result.Id ?? '', name: input.ChangeSetName, stackId: result.StackId ?? '' }
  } catch (err) {
    if (
      awsErrorName(err) === 'AlreadyExistsException' &&
      messageOf(err).includes(`ChangeSet [${input.ChangeSetName}]`)
    ) {
      const existing = await cfn.send(
        new DescribeChangeSetCommand({ ChangeSetName: input.ChangeSetName, StackName: input.StackName })
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
  for (;;) {
    await clock.sleep(wait, signal)
    if (signal.aborted) throw new DeployError('Cancelled while the change set was being created.')
    // With property values, the poll that sees CREATE_COMPLETE is also the first page of the changes.
    const description = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, IncludePropertyValues: true })
    )
    const status = description.Status ?? ''
    if (status === 'CREATE_COMPLETE') return { kind: 'ready', description }
    if (status === 'FAILED') {
      const reason = description.StatusReason ?? 'no reason given'
      return isNoChangeReason(reason) ? { kind: 'empty', reason } : { kind: 'failed', reason }
    }
    if (clock.now() > deadline) {
      throw new DeployError(`Timed out waiting for change set ${id} to be created (still ${status}).`)
    }
    wait = delay.next(false)
  }
}

/** Every change in the change set: the first page already read, then every further page, with property values. */
export async function describeAllChanges(
  cfn: CloudFormationClient,
  id: string,
  firstPage: DescribeChangeSetOutput
): Promise<Change[]> {
  const changes: Change[] = [...(firstPage.Changes ?? [])]
  let token = firstPage.NextToken
  while (token !== undefined && token !== '') {
    const page = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: id, NextToken: token, IncludePropertyValues: true })
    )
    changes.push(...(page.Changes ?? []))
    token = page.NextToken
  }
  return changes
}

/** ExecuteChangeSet; a retried request whose first attempt already started the execution counts as success. */
export async function executeChangeSet(
  cfn: CloudFormationClient,
  id: string,
  disableRollback: boolean,
  token: string
): Promise<void> {
  try {
    await cfn.send(
      new ExecuteChangeSetCommand({
        ChangeSetName: id,
        DisableRollback: disableRollback,
        ClientRequestToken: token
      })
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
  warn: (message: string) => void
): Promise<boolean> {
  try {
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: id }))
    return true
  } catch (err) {
    if (/^ChangeSetNotFound/.test(awsErrorName(err))) return true
    warn(`Could not delete change set ${id}: ${messageOf(err)}. Delete it in the CloudFormation console.`)
    return false
  }
}
