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
