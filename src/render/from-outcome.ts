import { resourceChanges } from '../stack/changes.js'
import type { StackOutcome } from '../run/outcome.js'
import type { ChangeReport } from './render-report.js'

/** Where and for what a report is: the run's side of it, not the stack's. */
export interface ReportContext {
  kind: ChangeReport['kind']
  stackName: string
  environment: string
  region: string
  commitSha: string
  runUrl: string | undefined
}

/** A run's outcome as the renderer reads it, for the job summary and the pull-request comment. */
export function reportFromOutcome(outcome: StackOutcome, context: ReportContext): ChangeReport {
  return {
    ...context,
    operation: outcome.operation,
    changes: resourceChanges(outcome.changes),
    nested: outcome.nested.map(n => ({ path: n.path, changes: n.changes })),
    hasChanges: outcome.hasChanges,
    dataLoss: outcome.dataLoss,
    parameters: outcome.parameterChanges,
    secrets: outcome.secrets,
    insight: outcome.insight
  }
}
