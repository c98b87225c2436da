import type { Stack } from '@aws-sdk/client-cloudformation'
import type { StackOutcome } from '../../src/run/outcome.js'

/** The stack a deploy or execute left; a test that expected one fails here with a clear message. */
export function deployedStack(outcome: StackOutcome): Stack {
  if (outcome.stack === undefined) throw new Error('expected the run to leave a stack, but it reported none')
  return outcome.stack
}
