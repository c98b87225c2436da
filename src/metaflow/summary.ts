import { code, fenced } from '../render/markdown.js'
import type { SchemaStatus } from './migrate.js'

/**
 * The job summary's section on what happened to the Metaflow service after the deploy (pure): the migration with
 * the schema versions before and after, the snapshot, what was rolled, the verified version, or why it failed.
 * Every value from AWS or the service is a code span or a fenced block.
 */
export interface ServiceReport {
  migration: 'ran' | 'skipped' | 'not-needed' | 'failed' | undefined
  why: string | undefined
  snapshotId: string | undefined
  before: SchemaStatus | undefined
  after: SchemaStatus | undefined
  rolled: string[]
  version: string | undefined
  failure: string | undefined
}

export function emptyServiceReport(): ServiceReport {
  return {
    migration: undefined,
    why: undefined,
    snapshotId: undefined,
    before: undefined,
    after: undefined,
    rolled: [],
    version: undefined,
    failure: undefined
  }
}

function schema(status: SchemaStatus | undefined): string {
  if (status === undefined) return 'unknown'
  const pending = status.unappliedMigrations.length
  return `${code(status.currentVersion ?? 'unknown')}${pending > 0 ? ` (${pending} unapplied)` : status.isUpToDate === true ? ' (up to date)' : ''}`
}

export function renderServiceReport(report: ServiceReport): string {
  const lines: string[] = ['### Metaflow service']
  if (report.migration !== undefined) {
    const why = report.why === undefined ? '' : ` (${report.why})`
    lines.push(`- Migration: **${report.migration}**${why}`)
  }
  if (report.snapshotId !== undefined)
    lines.push(`- Database snapshot before the migration: ${code(report.snapshotId)}`)
  if (report.before !== undefined || report.after !== undefined)
    lines.push(`- Schema version: ${schema(report.before)} → ${schema(report.after)}`)
  if (report.rolled.length > 0)
    lines.push(`- Rolled to a new deployment: ${report.rolled.map(code).join(', ')}`)
  if (report.version !== undefined) lines.push(`- Metadata service answers: version ${code(report.version)}`)
  if (report.failure !== undefined)
    lines.push('', '> [!CAUTION]', '> The step failed here:', '', fenced(report.failure))
  return lines.length === 1 ? '' : `${lines.join('\n')}\n`
}
