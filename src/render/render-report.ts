import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { countChanges, describeCounts, kindOf, type ChangeKind } from '../stack/changes.js'
import { describeDone, keptLine, wordsFor } from './mode-words.js'
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
  plural,
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

export {
  renderFailure,
  renderFailedPreview,
  renderRefusedDeploy,
  type FailedPreview,
  type DeployFailure,
  type RefusedDeploy
} from './failure.js'
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

function parameterTable(parameters: ParameterChange[], fold: boolean): string {
  if (parameters.length === 0) return ''
  const below: string[] = []
  const rows = parameters.map(p => [
    valueCell(p.key, `${code(p.key)}`, below),
    p.before === undefined ? '' : valueCell(p.before, `${code(p.key)} before`, below),
    valueCell(p.after, `${code(p.key)} after`, below)
  ])
  // On a create no parameter had a value before: the column would say "not set" on every row.
  const created = parameters.every(p => p.before === undefined)
  const body = created
    ? table(
        ['Parameter', 'Value'],
        rows.map(([key = '', , after = '']) => [key, after])
      )
    : table(
        ['Parameter', 'Before', 'After'],
        rows.map(row => row.map(cell => cell || '_(not set)_'))
      )
  return [
    '#### Parameters',
    foldable(body, rows.length, plural(rows.length, 'parameter'), fold),
    ...below
  ].join('\n\n')
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

/** Tables longer than this are folded in comments, so a big change does not bury the conversation. */
const FOLD_ROWS = 20

/** A column only when some row has something in it (a create has no Replacement, a safe change no Data). */
function withoutEmptyColumns(header: string[], rows: string[][], optional: ReadonlySet<string>): string {
  const keep = header.map((name, i) => !optional.has(name) || rows.some(row => (row[i] ?? '') !== ''))
  const pick = (cells: string[]): string[] => cells.filter((_, i) => keep[i])
  return table(pick(header), rows.map(pick))
}

/** A table in a `<details>` block, closed, when it has more rows than a reader scrolls past. */
function foldable(body: string, rows: number, what: string, fold: boolean): string {
  if (!fold || rows <= FOLD_ROWS) return body
  return ['<details>', `<summary>${what}</summary>`, '', body, '', '</details>'].join('\n')
}

const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['Replacement', 'Data'])

function resourceTable(report: ChangeReport, title: string, located: Located[], fold: boolean): string {
  // Data only beside verdicts: a lone "kept (Retain)" is in the caution list already.
  const withData = (report.dataLoss ?? []).length > 0
  const rows = located.map(l => {
    const c = l.change
    return [
      ICON[kindOf(c)],
      cellCode(c.LogicalResourceId ?? ''),
      cellCode(c.ResourceType ?? ''),
      ACTION[kindOf(c)],
      replacementCell(c),
      withData ? dataCell(report, l) : ''
    ]
  })
  const header = ['', 'Resource', 'Type', 'Action', 'Replacement', 'Data']
  const body = withoutEmptyColumns(header, rows, OPTIONAL_COLUMNS)
  return [title, '', foldable(body, rows.length, plural(rows.length, 'resource change'), fold)].join('\n')
}

function nestedTitle(path: string[]): string {
  return `#### Nested stack ${path.map(code).join(' › ')}`
}

function countsByType(changes: ResourceChange[], clean: Redactor): string {
  const byType = new Map<string, Record<ChangeKind, number>>()
  for (const change of changes) {
    const row = byType.get(change.ResourceType ?? '') ?? { add: 0, modify: 0, replace: 0, remove: 0 }
    row[kindOf(change)]++
    byType.set(change.ResourceType ?? '', row)
  }
  const rows = [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => [
      cellCode(clean(type)),
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
  return `### ${wordsFor(report).title}: ${code(report.stackName)}${where === '' ? '' : ` · ${where}`}`
}

function intro(report: ChangeReport, all: ResourceChange[], empty: boolean): string {
  const words = wordsFor(report)
  const lines: string[] = []
  if (report.operation === 'create') lines.push(words.create)
  if (report.operation === 'recreate') lines.push(words.recreate)
  if (report.kind === 'deploy' && report.status !== undefined) lines.push(`Status: ${code(report.status)}.`)
  if (!empty) {
    lines.push(keptLine(report))
    const counts = countChanges(all)
    lines.push(
      `**${words.countsLead}:** ${report.kind === 'deploy' ? describeDone(counts) : describeCounts(counts)}.`
    )
    if (all.length === 0) lines.push(words.outputsOnly)
  }
  return lines.filter(line => line !== '').join('\n\n')
}

/** The Metaflow service upgrades the change brings (src/metaflow/upgrades.ts), versions as code. */
function upgradeNote(upgrades: readonly string[] | undefined): string {
  if (upgrades === undefined || upgrades.length === 0) return ''
  return ['> [!IMPORTANT]', ...upgrades.map(line => `> - ${code(line)}`)].join('\n')
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

function footer(report: ChangeReport): string {
  const sha = /^[0-9a-f]{7,64}$/i.test(report.commitSha)
    ? ` · commit ${code(report.commitSha.slice(0, 7))}`
    : ''
  const run = report.runUrl === undefined ? '' : ` · <a href="${escapeHtml(report.runUrl)}">workflow run</a>`
  const note = wordsFor(report).footerNote
  return `<sub>metaflow-deploy${sha}${run}${note === '' ? '' : ` · ${note}`}</sub>`
}

/**
 * A lower bound on the characters (so also the bytes) the per-resource tables and the caution list take: each row
 * holds at least its logical id, its type and the table's punctuation, each caution line its id and type.
 */
function tableFloor(located: readonly Located[], destructive: number): number {
  let floor = destructive * 40
  for (const { change } of located)
    floor += (change.LogicalResourceId ?? '').length + (change.ResourceType ?? '').length + 20
  return floor
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
  const locate = (r: Pick<ChangeReport, 'changes' | 'nested'>): Located[] => [
    ...r.changes.map(change => ({ path: [], change })),
    ...(r.nested ?? []).flatMap(n => n.changes.map(change => ({ path: n.path, change })))
  ]
  const rawLocated = locate(raw)
  const all = rawLocated.map(l => l.change)
  // Rendering a level that cannot fit is most of the cost of a big change set (10,000 changes: every table row and
  // property diff built, then thrown away), and so is redacting changes no level will show: when the tables alone
  // exceed the limit, only the counts level is built, and only the replaced and removed resources it lists are
  // redacted (counts by type redact each type name they show).
  const tablesFit =
    tableFloor(rawLocated, rawLocated.filter(l => isDestructive(l.change)).length) <= options.limit
  const shown = tablesFit
    ? raw
    : {
        ...raw,
        changes: raw.changes.filter(isDestructive),
        nested: raw.nested?.map(n => ({ path: n.path, changes: n.changes.filter(isDestructive) }))
      }
  // With no secrets the redactor is the identity, and its copy of every change is skipped.
  const report = raw.secrets.length === 0 ? shown : redactReport(shown, clean)
  const fold = options.fold ?? options.unit === 'chars'
  const located = locate(report)
  const destructive = located.filter(l => isDestructive(l.change))
  const empty = rawLocated.length === 0 && report.parameters.length === 0 && report.hasChanges !== true
  const build = (level: DetailLevel): string => {
    const tables = level === 'full' || level === 'no-diffs' || level === 'no-details'
    const parts: (string | undefined)[] = [options.header, heading(report), intro(report, all, empty)]
    if (empty) {
      parts.push(wordsFor(report).noChanges)
    } else {
      parts.push(
        warningBlock(
          report,
          destructive,
          located,
          tables ? Number.POSITIVE_INFINITY : 50,
          options.fullDetailIn
        )
      )
      parts.push(upgradeNote(report.upgrades))
      parts.push(parameterTable(report.parameters, fold))
      if (tables) {
        if (report.changes.length > 0)
          parts.push(
            resourceTable(
              report,
              '#### Resources',
              located.filter(l => l.path.length === 0),
              fold
            )
          )
        for (const nested of report.nested ?? []) {
          if (nested.changes.length === 0) continue
          parts.push(
            resourceTable(
              report,
              nestedTitle(nested.path),
              nested.changes.map(change => ({ path: nested.path, change })),
              fold
            )
          )
        }
      } else if (all.length > 0) parts.push(countsByType(all, clean))
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
    if (level !== 'counts' && !tablesFit) continue
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
