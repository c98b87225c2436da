import type { RunContext } from '../run/context.js'
import {
  assessPlan,
  describeVerdict,
  refusalMessage,
  type DataLossVerdict,
  type PlannedChanges
} from './data-loss.js'
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
 * The data-loss guard of deploy and execute, over the whole plan: the root stack's changes and every nested
 * stack's, each resource by its path. Every verdict must be allowed by `allow-data-loss` (its exact path, or `*`).
 * Runs before ExecuteChangeSet; the caller deletes the change set when this throws. Returns the verdicts, for the
 * summary and the changes file.
 */
export function guardDataLoss(ctx: RunContext, plan: PlannedChanges): DataLossVerdict[] {
  const verdicts = assessPlan(plan, ctx.settings.allowDataLoss)
  const refused = verdicts.filter(v => !v.allowed)
  for (const verdict of verdicts.filter(v => v.allowed)) {
    ctx.log.warning(`${describeVerdict(verdict)} It is allowed by allow-data-loss.`)
  }
  if (refused.length > 0) throw new DataLossRefused(refusalMessage(ctx.settings.stackName, refused), verdicts)
  return verdicts
}
