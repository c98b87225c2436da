import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation'
import { awsErrorName, messageOf } from '../errors.js'

/** A stack's status, classified once into what the action must do about it. */
export type StackState =
  | { kind: 'absent' }
  /** Deployed and settled: update it. */
  | { kind: 'stable'; stack: Stack }
  /** A first create that failed or never ran; it holds no resources, so it may be deleted and created again. */
  | { kind: 'failed-create'; stack: Stack }
  /** Someone else's operation is running; wait for it. */
  | { kind: 'in-progress'; stack: Stack }
  /** Needs a person: the recovery says what to run. */
  | { kind: 'stuck'; stack: Stack; recovery: string }

const STABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE'
])

export function classifyStack(stack: Stack | undefined): StackState {
  if (stack === undefined) return { kind: 'absent' }
  const status = stack.StackStatus ?? ''
  const name = stack.StackName ?? ''
  if (status === 'DELETE_COMPLETE') return { kind: 'absent' }
  if (STABLE.has(status)) return { kind: 'stable', stack }
  if (status === 'ROLLBACK_COMPLETE' || status === 'REVIEW_IN_PROGRESS')
    return { kind: 'failed-create', stack }
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'in-progress', stack }
  return { kind: 'stuck', stack, recovery: recoveryFor(status, name) }
}

/** The exact step that gets a stack out of a state the action will not touch. */
export function recoveryFor(status: string, name: string): string {
  switch (status) {
    case 'UPDATE_ROLLBACK_FAILED':
      return `The rollback of the last update failed. Fix the cause shown in the stack events, then run \`aws cloudformation continue-update-rollback --stack-name ${name}\` (add --resources-to-skip for resources that cannot be restored) and re-run this job.`
    case 'ROLLBACK_FAILED':
      return `The first create failed and its rollback failed too, so some resources may remain. Inspect the stack events, then delete the stack yourself (\`aws cloudformation delete-stack --stack-name ${name}\`, with --retain-resources for what cannot be deleted) and re-run this job.`
    case 'DELETE_FAILED':
      return `A delete of this stack failed. Remove what blocks it (for example a non-empty S3 bucket), then run \`aws cloudformation delete-stack --stack-name ${name}\` (or --retain-resources) and re-run this job.`
    case 'CREATE_FAILED':
      return `The first create failed with rollback disabled, so its resources were kept for inspection. Roll it back with \`aws cloudformation rollback-stack --stack-name ${name}\` or delete it, then re-run this job.`
    case 'UPDATE_FAILED':
      return `The last update failed with rollback disabled. Roll it back with \`aws cloudformation rollback-stack --stack-name ${name}\`, then re-run this job.`
    case 'IMPORT_ROLLBACK_FAILED':
      return `A resource import failed to roll back. Run \`aws cloudformation continue-update-rollback --stack-name ${name}\` and re-run this job.`
    default:
      return `The stack is in ${status}, which the action does not handle. Resolve it in the CloudFormation console and re-run this job.`
  }
}

/** DescribeStacks for one stack; undefined when it does not exist (and only then). */
export async function describeStack(cfn: CloudFormationClient, nameOrId: string): Promise<Stack | undefined> {
  try {
    const result = await cfn.send(new DescribeStacksCommand({ StackName: nameOrId }))
    return result.Stacks?.[0]
  } catch (err) {
    // Only this exact message means "absent"; any other ValidationError (a bad name, a denied role) is real.
    if (awsErrorName(err) === 'ValidationError' && /does not exist/.test(messageOf(err))) return undefined
    throw err
  }
}

export const isTerminalStatus = (status: string): boolean => status !== '' && !status.endsWith('_IN_PROGRESS')
export const isSuccessStatus = (status: string): boolean =>
  status === 'CREATE_COMPLETE' ||
  status === 'UPDATE_COMPLETE' ||
  status === 'IMPORT_COMPLETE' ||
  status === 'DELETE_COMPLETE'
