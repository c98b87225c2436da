/** An error CloudFormation would answer with: its code, message and HTTP status. */
export class CfnError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

export const validation = (message: string): CfnError => new CfnError('ValidationError', message)
