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

/**
 * A transform that cannot process the template. CloudFormation fails the change set with "Transform NAME failed
 * with: MESSAGE" (the wording AWS SAM users quote, e.g. "Transform AWS::Serverless-2016-10-31 failed with: Invalid
 * Serverless Application Specification document"); the messages after it are the emulator's own.
 */
export class TransformError extends Error {}
