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
