import { resourceChanges } from '../stack/changes.js'
import type { StackOutcome } from '../run/outcome.js'
import type { ChangeReport } from './render-report.js'
import { upgradeNotes } from '../metaflow/upgrades.js'
import type { MigrateWhen, Mode } from '../settings/settings.js'

/** Where and for what a report is: the run's side of it, not the stack's. */
export interface ReportContext {
  kind: ChangeReport['kind']
  stackName: string
  environment: string
  region: string
  commitSha: string
  runUrl: string | undefined
  /** Preview and plan: whether a refused data loss fails the step (fail-on-data-loss). */
  failOnDataLoss?: boolean | undefined
  /** The run's mode and `migrate`, for what the report says runs after deploy; absent: no upgrade lines. */
  mode?: Mode
  migrate?: MigrateWhen
}

/** A run's outcome as the renderer reads it, for the job summary and the pull-request comment. */
export function reportFromOutcome(outcome: StackOutcome, context: ReportContext): ChangeReport {
  const { mode, migrate, ...where } = context
  const upgrades =
    mode === undefined || migrate === undefined
      ? []
      : upgradeNotes(outcome.parameterChanges, mode === 'plan' ? 'plan' : context.kind, migrate)
  return {
    ...where,
    ...(upgrades.length === 0 ? {} : { upgrades }),
    operation: outcome.operation,
    changeSetId: outcome.changeSetId,
    ...(outcome.changeSetLeft === true ? { changeSetLeft: true } : {}),
    changes: resourceChanges(outcome.changes),
    nested: outcome.nested.map(n => ({ path: n.path, changes: n.changes })),
    hasChanges: outcome.hasChanges,
    dataLoss: outcome.dataLoss,
    parameters: outcome.parameterChanges,
    secrets: outcome.secrets,
    insight: outcome.insight
  }
}
