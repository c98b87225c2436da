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

/** The text of anything thrown, including non-Error values. */
export function messageOf(err: unknown): string {
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
