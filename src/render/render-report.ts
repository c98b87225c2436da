import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { countChanges, describeCounts, kindOf, type ChangeKind } from '../stack/changes.js'
import { holdsData } from '../guards/data-loss.js'
import { warningBlock } from './caution.js'
import {
  cellCode,
  closeOpenFence,
  code,
  escapeHtml,
  fenced,
  fitsInCell,
  htmlCode,
  table
} from './markdown.js'
import { propertyChanges } from './properties.js'
import { redactor, type Redactor } from './redact.js'
import { redactReport } from './redact-report.js'
import { insightSections } from '../insight/render.js'
import {
  ACTION,
  ICON,
  isDestructive,
  verdictFor,
  type ChangeReport,
  type Located,
  type ParameterChange
} from './report.js'

export { renderFailure, renderFailedPreview, type FailedPreview, type DeployFailure } from './failure.js'
export type { ChangeReport, NestedChanges, ParameterChange } from './report.js'
export { redactReport } from './redact-report.js'

/**
 * How much a body holds: everything; property tables without the long values and diffs below them; no property
 * changes; counts per type instead of per-resource tables; cut.
 */
export type DetailLevel = 'full' | 'no-diffs' | 'no-details' | 'counts' | 'truncated'

export interface RenderOptions {
  /** Largest body allowed. */
  limit: number
  /** How the limit counts: GitHub comments count characters, step summaries bytes. */
  unit: 'chars' | 'bytes'
  /** Where the full detail is, named in the note when detail is shed. */
  fullDetailIn: string
  /** Put first in the body (the comment's hidden marker). */
  header?: string
  /** Fold each resource's property changes in a closed `<details>`. Default: folded in comments (unit chars). */
  fold?: boolean
}

export interface Rendered {
  body: string
  level: DetailLevel
}

/** A value in a table cell, or, when no cell can hold it exactly, a pointer to a block after the table. */
function valueCell(value: string | undefined, label: string, below: string[]): string {
  if (value === undefined) return '_(not set)_'
  if (value === '') return '_(empty)_'
  if (fitsInCell(value, 120)) return cellCode(value)
  below.push(`${label}:\n\n${fenced(value)}`)
  return '_(below)_'
}

function parameterTable(parameters: ParameterChange[]): string {
  if (parameters.length === 0) return ''
  const below: string[] = []
  const rows = parameters.map(p => [
    valueCell(p.key, `${code(p.key)}`, below),
    valueCell(p.before, `${code(p.key)} before`, below),
    valueCell(p.after, `${code(p.key)} after`, below)
  ])
  return ['#### Parameters', table(['Parameter', 'Before', 'After'], rows), ...below].join('\n\n')
}

function replacementCell(change: ResourceChange): string {
  if (change.Action !== 'Modify') return ''
  return change.Replacement === 'True'
    ? '**Yes**'
    : change.Replacement === 'Conditional'
      ? 'Conditional'
      : 'No'
}

function dataCell(report: ChangeReport, located: Located): string {
  const verdict = verdictFor(report, located)
  if (verdict !== undefined)
    return verdict.allowed ? '✅ allowed by `allow-data-loss`' : '⛔ refused without `allow-data-loss`'
  const { change } = located
  if (kindOf(change) === 'remove' && change.PolicyAction === 'Retain' && holdsData(change.ResourceType))
    return '💾 kept (Retain)'
  return ''
}

function resourceTable(report: ChangeReport, title: string, located: Located[]): string {
  // The column only when a deploy would refuse or accept a loss: otherwise it would be empty on every row.
  const withData = (report.dataLoss ?? []).length > 0
  const rows = located.map(l => {
    const c = l.change
    const row = [
      ICON[kindOf(c)],
      cellCode(c.LogicalResourceId ?? ''),
      cellCode(c.ResourceType ?? ''),
      ACTION[kindOf(c)],
      replacementCell(c)
    ]
    return withData ? [...row, dataCell(report, l)] : row
  })
  const header = ['', 'Resource', 'Type', 'Action', 'Replacement', ...(withData ? ['Data'] : [])]
  return [title, '', table(header, rows)].join('\n')
}

function nestedTitle(path: string[]): string {
  return `#### Nested stack ${path.map(code).join(' › ')}`
}

function countsByType(changes: ResourceChange[]): string {
  const byType = new Map<string, Record<ChangeKind, number>>()
  for (const change of changes) {
    const row = byType.get(change.ResourceType ?? '') ?? { add: 0, modify: 0, replace: 0, remove: 0 }
    row[kindOf(change)]++
    byType.set(change.ResourceType ?? '', row)
  }
  const rows = [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => [
      cellCode(type),
      String(n.add),
      String(n.modify),
      String(n.replace),
      String(n.remove)
    ])
  return ['#### Resources by type', '', table(['Type', 'Add', 'Modify', 'Replace', 'Remove'], rows)].join(
    '\n'
  )
}

/** Unchanged lines a folded (comment) diff keeps around each change; the job summary shows documents whole. */
const COMMENT_CONTEXT = 4

function propertyDetails(located: Located, fold: boolean, clean: Redactor, blocksElsewhere?: string): string {
  const { change, path } = located
  const ids = [...path, change.LogicalResourceId ?? ''].map(htmlCode).join(' › ')
  const summary = `${ICON[kindOf(change)]} ${ids} · ${htmlCode(change.ResourceType ?? '')} · ${ACTION[kindOf(change)].toLowerCase()}`
  return [
    fold ? '<details>' : '<details open>',
    `<summary>${summary}</summary>`,
    '',
    propertyChanges(change, { clean, context: fold ? COMMENT_CONTEXT : undefined, blocksElsewhere }),
    '',
    '</details>'
  ].join('\n')
}

function heading(report: ChangeReport): string {
  const where = [report.environment, report.region].filter(Boolean).map(code).join(' · ')
  const title =
    report.kind === 'preview'
      ? '📋 CloudFormation preview'
      : report.status?.endsWith('_COMPLETE') === true && !report.status.includes('ROLLBACK')
        ? '✅ CloudFormation deploy'
        : '❌ CloudFormation deploy'
  return `### ${title}: ${code(report.stackName)}${where === '' ? '' : ` · ${where}`}`
}

function intro(report: ChangeReport, counts: string, resourceCount: number, empty: boolean): string {
  const lines: string[] = []
  if (report.operation === 'create') lines.push(`The stack does not exist yet: merging creates it.`)
  if (report.operation === 'recreate')
    lines.push(
      `The stack's first create failed and left nothing: the deploy deletes it and creates it again.`
    )
  if (report.kind === 'deploy' && report.status !== undefined) lines.push(`Status: ${code(report.status)}.`)
  if (!empty) {
    lines.push(`**${report.kind === 'preview' ? 'Plan' : 'Applied'}:** ${counts}.`)
    if (resourceCount === 0)
      lines.push(
        report.kind === 'preview'
          ? "No resource changes: the update changes the stack's outputs/parameters/tags; merging runs an update."
          : "No resource changes: the update changed the stack's outputs/parameters/tags."
      )
  }
  return lines.join('\n\n')
}

function outputsTable(outputs: Record<string, string> | undefined): string {
  if (outputs === undefined || Object.keys(outputs).length === 0) return ''
  const below: string[] = []
  const rows = Object.entries(outputs).map(([k, v]) => [
    valueCell(k, code(k), below),
    valueCell(v, code(k), below)
  ])
  return ['#### Outputs', table(['Output', 'Value'], rows), ...below].join('\n\n')
}

function footer(report: Pick<ChangeReport, 'kind' | 'commitSha' | 'runUrl'>): string {
  const sha = /^[0-9a-f]{7,64}$/i.test(report.commitSha)
    ? ` · commit ${code(report.commitSha.slice(0, 7))}`
    : ''
  const run = report.runUrl === undefined ? '' : ` · <a href="${escapeHtml(report.runUrl)}">workflow run</a>`
  const note = report.kind === 'preview' ? ' · nothing was deployed; the change set was deleted' : ''
  return `<sub>metaflow-deploy${sha}${run}${note}</sub>`
}

function noChanges(report: ChangeReport): string {
  return report.kind === 'preview'
    ? `✅ **No changes.** The stack already matches this template and these parameters.`
    : `✅ **No changes** were needed.`
}

const limitName = (options: RenderOptions): string =>
  options.unit === 'chars' ? "GitHub's comment" : "GitHub's step summary"

/** Where the full detail is, in a few words for a table cell. */
const elsewhereShort = (options: RenderOptions): string =>
  options.unit === 'chars' ? 'see the job summary' : 'see the run log'

const sizeOf = (text: string, unit: 'chars' | 'bytes'): number =>
  unit === 'chars' ? text.length : Buffer.byteLength(text, 'utf8')

/**
 * Renders a report as Markdown within a size limit, shedding detail in order: property details first, then the
 * per-resource tables (collapsed to counts per type, the list of replaced and removed resources capped with them),
 * and says what it left out and where to find it. Secrets are redacted from the data first.
 */
export function renderReport(raw: ChangeReport, options: RenderOptions): Rendered {
  const clean = redactor(raw.secrets)
  const report = redactReport(raw, clean)
  const fold = options.fold ?? options.unit === 'chars'
  const located: Located[] = [
    ...report.changes.map(change => ({ path: [], change })),
    ...(report.nested ?? []).flatMap(n => n.changes.map(change => ({ path: n.path, change })))
  ]
  const all = located.map(l => l.change)
  const counts = describeCounts(countChanges(all))
  const destructive = located.filter(l => isDestructive(l.change))
  const empty = located.length === 0 && report.parameters.length === 0 && report.hasChanges !== true
  const build = (level: DetailLevel): string => {
    const tables = level === 'full' || level === 'no-diffs' || level === 'no-details'
    const parts: (string | undefined)[] = [
      options.header,
      heading(report),
      intro(report, counts, all.length, empty)
    ]
    if (empty) {
      parts.push(noChanges(report))
    } else {
      parts.push(
        warningBlock(report, destructive, tables ? Number.POSITIVE_INFINITY : 50, options.fullDetailIn)
      )
      parts.push(parameterTable(report.parameters))
      if (tables) {
        if (report.changes.length > 0)
          parts.push(
            resourceTable(
              report,
              '#### Resources',
              located.filter(l => l.path.length === 0)
            )
          )
        for (const nested of report.nested ?? []) {
          if (nested.changes.length === 0) continue
          parts.push(
            resourceTable(
              report,
              nestedTitle(nested.path),
              nested.changes.map(change => ({ path: nested.path, change }))
            )
          )
        }
      } else if (all.length > 0) parts.push(countsByType(all))
      parts.push(...insightSections(report.insight, clean))
      if (level === 'full' || level === 'no-diffs') {
        const elsewhere = level === 'no-diffs' ? `left out to fit; ${elsewhereShort(options)}` : undefined
        const details = located
          .filter(l => (l.change.Details ?? []).length > 0)
          .map(l => propertyDetails(l, fold, clean, elsewhere))
        if (details.length > 0) parts.push(['#### Property changes', ...details].join('\n\n'))
        if (level === 'no-diffs')
          parts.push(
            `> [!NOTE]\n> Long values and their diffs are left out to fit ${limitName(options)} limit. ${options.fullDetailIn}`
          )
      } else {
        const shed =
          level === 'no-details' ? 'Property details are' : 'Property details and the per-resource tables are'
        parts.push(
          `> [!NOTE]\n> ${shed} left out to fit ${limitName(options)} limit. ${options.fullDetailIn}`
        )
      }
    }
    parts.push(outputsTable(report.outputs))
    parts.push(footer(report))
    return parts.filter(part => part !== undefined && part !== '').join('\n\n') + '\n'
  }
  for (const level of ['full', 'no-diffs', 'no-details', 'counts'] as const) {
    const body = build(level)
    if (sizeOf(body, options.unit) <= options.limit) return { body, level }
  }
  // Only an absurd number of resource types gets here: cut the body at a line and say so.
  const note = `\n\n> [!NOTE]\n> Cut to fit the size limit. ${options.fullDetailIn}\n\n${footer(report)}\n`
  let body = build('counts')
  // Room for a closing fence, should the cut fall inside a code block.
  while (sizeOf(body + note, options.unit) + 20 > options.limit)
    body = body.slice(0, Math.floor(body.length * 0.9))
  return { body: closeOpenFence(body.slice(0, body.lastIndexOf('\n'))) + note, level: 'truncated' }
}
