/** A problem with one of the action's inputs: the message names the input, the bad value and the fix. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Input '${input}': ${detail}`)
    this.name = 'InputError'
  }
}

/** A failure the user must act on (a stuck stack, a failed deploy); the message says what to do. */
export class DeployError extends Error {
  /** What the run's clean-up could not remove after this error (noteLeftovers), for the job summary to name. */
  readonly leftovers: Leftover[] = []

  constructor(message: string) {
    super(message)
    this.name = 'DeployError'
  }
}

/** A stack operation that ended badly: the status it ended in and every resource that failed, with its reason. */
export class StackOperationFailed extends DeployError {
  constructor(
    message: string,
    readonly stackName: string,
    readonly status: string,
    readonly failures: { logicalId: string; type: string; status: string; reason: string }[],
    /** NoEcho values given by the user, to redact from anything written about the failure. */
    readonly secrets: string[]
  ) {
    super(message)
    this.name = 'StackOperationFailed'
  }
}

/**
 * The text of anything thrown, including non-Error values. The SDK's first-run failures (no region, no
 * credentials) come out as what to add to the workflow (explainFirstRunError), wherever they are reported.
 */
export function messageOf(err: unknown): string {
  return textOf(explainFirstRunError(err))
}

function textOf(err: unknown): string {
  if (err instanceof Error) return err.message
  if (typeof err === 'string') return err
  try {
    return JSON.stringify(err)
  } catch {
    return String(err)
  }
}

/** The AWS SDK error name (`Throttling`, `ValidationError`, …), or '' for anything else. */
export function awsErrorName(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string') {
    return err.name
  }
  return ''
}

/** An AWS call that got no answer or was interrupted; the message names the call (`CloudFormation DescribeStacks`). */
export class AwsCallFailed extends DeployError {
  constructor(
    message: string,
    /** The service and operation, as `CloudFormation DescribeStacks`. */
    readonly call: string,
    override readonly cause: unknown
  ) {
    super(message)
    this.name = 'AwsCallFailed'
  }
}

/**
 * The README section a first run without AWS credentials or region needs, in the repository the workflow took
 * the action from (the runner names it in GITHUB_ACTION_REPOSITORY).
 */
export function credentialsHelpUrl(env: NodeJS.ProcessEnv = process.env): string {
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  const repository = env.GITHUB_ACTION_REPOSITORY || 'org/metaflow-deploy'
  return `${server}/${repository}#aws-credentials`
}

const CREDENTIALS_STEP = [
  '  - uses: aws-actions/configure-aws-credentials@v5',
  '    with:',
  '      role-to-assume: ${{ vars.AWS_ROLE_ARN }}',
  '      aws-region: us-east-1'
].join('\n')
const OIDC_PERMISSION =
  'The job needs `permissions: id-token: write` (with `contents: read`) for the step to get its OIDC token.'

/** AWS not configured for the job (no region, no credentials); the message says what to add. */
export class FirstRunError extends DeployError {
  constructor(message: string) {
    super(message)
    this.name = 'FirstRunError'
  }
}

/**
 * The SDK's first-run failures (no region, no credentials) turned into what to add to the workflow; any other
 * error is returned as it is. Call it once, where the run reports its failure.
 */
export function explainFirstRunError(err: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (err instanceof FirstRunError) return err
  const text = textOf(err)
  if (/Region is missing/i.test(text)) {
    return new FirstRunError(
      `No AWS region is set (the AWS SDK says: "${text}"). Give the aws-actions/configure-aws-credentials step an aws-region (it sets AWS_REGION for the steps after it), or add the step before this one:\n${CREDENTIALS_STEP}\n${OIDC_PERMISSION}\nSee ${credentialsHelpUrl(env)}`
    )
  }
  if (
    /Could not load credentials from any providers/i.test(text) ||
    awsErrorName(err) === 'CredentialsProviderError'
  ) {
    return new FirstRunError(
      `No AWS credentials were found (the AWS SDK says: "${text}"). Add a step before this one:\n${CREDENTIALS_STEP}\n${OIDC_PERMISSION}\nThe variable AWS_ROLE_ARN (Settings > Secrets and variables > Actions > Variables) holds the ARN of an IAM role that trusts GitHub's OIDC provider for this repository.\nSee ${credentialsHelpUrl(env)}`
    )
  }
  return err
}

/** What explainAwsError needs from the run to name the setting to change. */
export interface ErrorHints {
  capabilities: readonly string[]
  roleArn: string | undefined
  timeoutMs: number
  /** How long the run had been going when it failed. */
  elapsedMs: number
}

/** The error and the errors it wraps (an AwsCallFailed's cause), outermost first. */
function chain(err: unknown): unknown[] {
  const found: unknown[] = []
  for (let e = err; e !== undefined && e !== null && found.length < 4;) {
    found.push(e)
    e = typeof e === 'object' && 'cause' in e ? (e as { cause?: unknown }).cause : undefined
  }
  return found
}

const minutes = (ms: number): string => `${Math.round(ms / 6_000) / 10} min`

/**
 * AWS-side mistakes, each turned into one line that names the input or setting to change, with AWS's own words
 * after it: a missing capability, a service role CloudFormation cannot assume, iam:PassRole denied, credentials
 * that expired during a long wait, and any other AccessDenied. Anything else is returned as it is.
 */
export function explainAwsError(err: unknown, hints: ErrorHints): unknown {
  // Our own failures already say what to do (a failed resource's reason is in the deploy's failure summary).
  if (err instanceof InputError || (err instanceof DeployError && !(err instanceof AwsCallFailed))) return err
  for (const e of chain(err)) {
    const explained = explainOne(e, hints)
    if (explained !== undefined)
      return new DeployError(`${explained} (AWS: ${textOf(e).split('\n')[0] ?? ''})`)
  }
  return err
}

function explainOne(err: unknown, hints: ErrorHints): string | undefined {
  const name = awsErrorName(err)
  const text = textOf(err)
  const capabilities = /Requires capabilities\s*:\s*\[([A-Z_, ]+)\]/.exec(text)
  if (name === 'InsufficientCapabilitiesException' || capabilities !== null) {
    const needed = (capabilities?.[1] ?? '').split(/[\s,]+/).filter(Boolean)
    const wanted = [...new Set([...hints.capabilities, ...needed])].join(',')
    return `CloudFormation needs ${needed.join(', ') || 'more capabilities'} for this template: set capabilities: ${wanted}.`
  }
  const passRole = /not authorized to perform: iam:PassRole on resource: (\S+)/.exec(text)
  if (passRole !== null) {
    return `The workflow's AWS role may not pass role-arn ${passRole[1] ?? ''} to CloudFormation: allow iam:PassRole on it (with the condition iam:PassedToService cloudformation.amazonaws.com) in the policy of the role the aws-actions/configure-aws-credentials step assumes, or leave role-arn empty.`
  }
  if (/Role \S+ is invalid or cannot be assumed/i.test(text)) {
    return `CloudFormation cannot assume role-arn ${hints.roleArn ?? ''}: check the ARN, and that the role's trust policy allows the service principal cloudformation.amazonaws.com (sts:AssumeRole).`
  }
  if (
    /^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name) ||
    /security token included in the request is expired|token has expired/i.test(text)
  ) {
    return `The AWS credentials expired ${minutes(hints.elapsedMs)} into the run: the session the aws-actions/configure-aws-credentials step started is shorter than this wait. Set its role-duration-seconds above timeout-minutes (${minutes(hints.timeoutMs)} = ${Math.ceil(hints.timeoutMs / 1000)} s), within the role's maximum session duration.`
  }
  const denied = /is not authorized to perform: (\S+)(?: on resource: (\S+))?/.exec(text)
  if (denied !== null || /^(AccessDenied|AccessDeniedException)$/.test(name)) {
    const what =
      denied === null ? 'this call' : `${denied[1] ?? ''}${denied[2] === undefined ? '' : ` on ${denied[2]}`}`
    return `The workflow's AWS role may not call ${what}: add it to the policy of the role the aws-actions/configure-aws-credentials step assumes (docs/iam-policy.json lists every call the action makes).`
  }
  return undefined
}

/** Something a run's clean-up could not remove, named in a warning when it happened. */
export type Leftover = { kind: 'change-set'; id: string } | { kind: 'empty-stack'; stackName: string }

/**
 * Names in a run's error what its clean-up could not remove (a change set, an empty stack), and the command that
 * removes each, so the person who reads the failure knows what to delete and how; the warnings said it too, but
 * the error is what they read first. The clean-up either failed or ran out of time: the warnings above say which.
 */
export function noteLeftovers(err: unknown, leftovers: readonly Leftover[]): void {
  if (!(err instanceof Error) || leftovers.length === 0) return
  if (err instanceof DeployError) err.leftovers.push(...leftovers)
  const them = leftovers.length === 1 ? 'it' : 'them'
  const named = leftovers.map(leftoverName).join(', ')
  const how = leftovers.map(left => `\`${removalCommand(left)}\`${removalCaveat(left)}`).join(', then ')
  err.message += `\nLeft behind: ${named}. The clean-up could not remove ${them} (the warnings above say why). Delete ${them} with ${how}.`
}

/** A leftover in words: `change set <arn>`, `empty stack <name> (REVIEW_IN_PROGRESS)`. */
export function leftoverName(leftover: Leftover): string {
  return leftover.kind === 'change-set'
    ? `change set ${leftover.id}`
    : `empty stack ${leftover.stackName} (REVIEW_IN_PROGRESS)`
}

/**
 * The AWS CLI command that removes a leftover. A change set's ARN names it alone (DeleteChangeSet: StackName is
 * needed only with a plain name).
 */
export function removalCommand(leftover: Leftover): string {
  return leftover.kind === 'change-set'
    ? `aws cloudformation delete-change-set --change-set-name ${leftover.id}`
    : `aws cloudformation delete-stack --stack-name ${leftover.stackName}`
}

/** When to run it: an empty stack only while it is still empty, since a first deploy meanwhile may have filled it. */
export function removalCaveat(leftover: Leftover): string {
  return leftover.kind === 'change-set'
    ? ''
    : ' if it is still REVIEW_IN_PROGRESS (a later deploy also takes it over as it is)'
}
