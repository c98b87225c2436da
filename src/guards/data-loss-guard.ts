import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import { assessDataLoss, refusalMessage, type DataLossVerdict } from './data-loss.js'
import { DeployError } from '../run/errors.js'

/** A change set that would destroy data the user has not accepted losing. */
export class DataLossRefused extends DeployError {
  constructor(
    message: string,
    readonly verdicts: DataLossVerdict[]
  ) {
    super(message)
    this.name = 'DataLossRefused'
  }
}

/**
 * The data-loss guard of deploy and execute: every resource holding data that the change set would replace or
 * remove must be named in `allow-data-loss` (or `*`). Runs before ExecuteChangeSet; the caller deletes the change
 * set when this throws. Returns the verdicts, for the summary and the changes file.
 */
export function guardDataLoss(ctx: RunContext, changes: readonly ResourceChange[]): DataLossVerdict[] {
  const verdicts = assessDataLoss(changes, ctx.settings.allowDataLoss)
  const refused = verdicts.filter(v => !v.allowed)
  for (const verdict of verdicts.filter(v => v.allowed)) {
    ctx.log.warning(
      `${verdict.logicalId} (${verdict.resourceType}) is ${verdict.change === 'remove' ? 'removed' : 'replaced'}, losing its data (${verdict.fate}); allowed by allow-data-loss.`
    )
  }
  if (refused.length > 0) throw new DataLossRefused(refusalMessage(ctx.settings.stackName, refused), verdicts)
  return verdicts
}
