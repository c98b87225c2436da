import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { countChanges, describeCounts, kindOf, type ChangeKind } from '../changes.js'
import { DATA_TYPES, describeFate, holdsData, type DataLossVerdict } from '../data-loss.js'
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

export { renderFailure, renderFailedPreview, type FailedPreview, type DeployFailure } from './failure.js'

/** A parameter whose value changes (values as CloudFormation shows them: NoEcho ones are ****). */
export interface ParameterChange {
  key: string
  before: string | undefined
  after: string | undefined
}

/** The changes inside one nested stack. */
export interface NestedChanges {
  /** Logical ids from the root stack down to the nested stack. */
  path: string[]
  changes: ResourceChange[]
}

/** What a preview or a deploy did, ready to render. */
export interface ChangeReport {
  kind: 'preview' | 'deploy'
  stackName: string
  environment: string
  region: string
  /** create: the stack is new; recreate: a failed first create is replaced; update: it exists. */
  operation: 'create' | 'recreate' | 'update'
  changes: ResourceChange[]
  parameters: ParameterChange[]
  commitSha: string
  runUrl: string | undefined
  /** Deploy only: the final stack status and its outputs (never a secret: the key's value is not an output). */
  status?: string
  outputs?: Record<string, string>
  /** Values that must never appear (NoEcho values given by the user, the API key). */
  secrets: readonly string[]
  /** Resources holding data that the change set replaces or removes, and whether allow-data-loss accepts each. */
  dataLoss?: DataLossVerdict[] | undefined
  /** The changes inside nested stacks (change sets created with IncludeNestedStacks). */
  nested?: NestedChanges[] | undefined
  /**
   * Whether the change set changes anything. True with no resource changes means the update changes only the
   * stack's outputs, parameters or tags. Unset: inferred from the changes and parameters.
   */
  hasChanges?: boolean | undefined
}

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

const ICON: Record<ChangeKind, string> = { add: '🟢', modify: '🔵', replace: '🟠', remove: '🔴' }
const ACTION: Record<ChangeKind, string> = {
  add: 'Add',
  modify: 'Modify',
  replace: 'Replace',
  remove: 'Remove'
}

/** A resource change, with the nested stack it is in (empty path: the root stack). */
interface Located {
  path: string[]
  change: ResourceChange
}

const isDestructive = (change: ResourceChange): boolean =>
  kindOf(change) === 'replace' || kindOf(change) === 'remove'

/** A logical id with the nested stacks it is in: `Network › Vpc`. */
function who(located: Located): string {
  return [...located.path, located.change.LogicalResourceId ?? ''].map(code).join(' › ')
}

/**
 * The data-loss verdict of a resource change. Verdicts name a logical id and a type, not the nested stack (the
 * guard is given every change, root and nested, and allow-data-loss lists bare logical ids), so they match by both.
 */
function verdictFor(report: ChangeReport, located: Located): DataLossVerdict | undefined {
  return report.dataLoss?.find(
    v =>
      v.logicalId === (located.change.LogicalResourceId ?? '') &&
      v.resourceType === (located.change.ResourceType ?? '')
  )
}

/** What happens to the old resource, from the change set's PolicyAction. */
function fateOf(change: ResourceChange): string {
  const kind = kindOf(change)
  const policy = change.PolicyAction ?? (kind === 'remove' ? 'Delete' : 'ReplaceAndDelete')
  if (!holdsData(change.ResourceType) && (policy === 'Delete' || policy === 'ReplaceAndDelete')) {
    return kind === 'remove'
      ? `it is deleted (${policy})`
      : `a new one replaces it and the old one is deleted (${policy})`
  }
  if (change.ResourceType === 'AWS::S3::Bucket' && /Delete/.test(policy)) {
    return `${describeFate(policy)}; if the bucket still holds objects, the delete fails and so does the deploy (${policy})`
  }
  return `${describeFate(policy)} (${policy})`
}

/** Why a resource is replaced: the properties that force it. */
function replacementCauses(change: ResourceChange): string {
  const forcing = (change.Details ?? []).filter(
    d => d.Target?.RequiresRecreation === 'Always' || d.Target?.RequiresRecreation === 'Conditionally'
  )
  const names = [
    ...new Set(
      forcing.map(
        d =>
          `${code(d.Target?.Path ?? d.Target?.Name ?? d.Target?.Attribute ?? '?')} (${d.Target?.RequiresRecreation === 'Always' ? 'always' : 'conditionally'})`
      )
    )
  ]
  return names.length === 0 ? '' : ` Forced by ${names.join(', ')}.`
}

function verdictNote(verdict: DataLossVerdict | undefined): string {
  if (verdict === undefined) return ''
  return verdict.allowed
    ? ' ✅ Allowed by `allow-data-loss`.'
    : ' ⛔ **A deploy refuses this** unless `allow-data-loss` lists it.'
}

function warningLine(report: ChangeReport, located: Located): string {
  const { change } = located
  const data = holdsData(change.ResourceType)
    ? `, 💾 holds data (${DATA_TYPES[change.ResourceType ?? '']})`
    : ''
  const subject = `${ICON[kindOf(change)]} ${who(located)} (${code(change.ResourceType ?? '')})`
  const note = verdictNote(verdictFor(report, located))
  if (kindOf(change) === 'remove') {
    return `- ${subject} is **removed**${data}: ${fateOf(change)}.${note}`
  }
  const certainty =
    change.Replacement === 'True'
      ? 'is **replaced**'
      : '**may be replaced** (CloudFormation decides during the update)'
  return `- ${subject} ${certainty}${data}: ${fateOf(change)}.${replacementCauses(change)}${note}`
}

/**
 * The caution block: every replaced or removed resource, those holding data first, and what a deploy would refuse.
 * `cap` limits the list only when the resource table is shed too, so "more" never points at a missing table.
 */
function warningBlock(report: ChangeReport, destructive: Located[], cap: number, elsewhere: string): string {
  if (destructive.length === 0) return ''
  const withData = destructive.filter(l => holdsData(l.change.ResourceType))
  const kind = withData.length > 0 ? 'CAUTION' : 'WARNING'
  const ordered = [...withData, ...destructive.filter(l => !holdsData(l.change.ResourceType))]
  const shown = ordered.slice(0, cap).map(l => warningLine(report, l))
  if (ordered.length > cap) shown.push(`- …and ${ordered.length - cap} more. ${elsewhere}`)
  const headline = `**${plural(destructive.length, 'resource is', 'resources are')} replaced or removed${withData.length > 0 ? `, ${withData.length} holding data` : ''}.** Review before merging.`
  const refused = (report.dataLoss ?? []).filter(v => !v.allowed)
  const refusal =
    refused.length === 0
      ? []
      : [
          '>',
          `> ⛔ A deploy of this change set is **refused**: it would lose the data of ${refused.map(v => code(v.logicalId)).join(', ')}. To accept that, set ${code(`allow-data-loss: ${refused.map(v => v.logicalId).join(',')}`)} (or ${code('*')}); to keep a removed resource's data, give it ${code('DeletionPolicy: Retain')}.`
        ]
  return [`> [!${kind}]`, `> ${headline}`, '>', ...shown.map(line => `> ${line}`), ...refusal].join('\n')
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

function redactChange(change: ResourceChange, clean: Redactor): ResourceChange {
  const text = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : clean(value)
  return {
    ...change,
    LogicalResourceId: text(change.LogicalResourceId),
    PhysicalResourceId: text(change.PhysicalResourceId),
    ResourceType: text(change.ResourceType),
    Details: change.Details?.map(d => ({
      ...d,
      CausingEntity: text(d.CausingEntity),
      Target:
        d.Target === undefined
          ? undefined
          : {
              ...d.Target,
              Name: text(d.Target.Name),
              Path: text(d.Target.Path),
              BeforeValue: text(d.Target.BeforeValue),
              AfterValue: text(d.Target.AfterValue)
            }
    }))
  }
}

/**
 * The report with every secret replaced by ****, in every string that came from the template, the parameters or
 * AWS: done on the data, before any escaping, truncation or diffing can change how a secret is spelled.
 */
export function redactReport(report: ChangeReport, clean: Redactor = redactor(report.secrets)): ChangeReport {
  const text = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : clean(value)
  return {
    ...report,
    changes: report.changes.map(c => redactChange(c, clean)),
    parameters: report.parameters.map(p => ({
      key: clean(p.key),
      before: text(p.before),
      after: text(p.after)
    })),
    ...(report.status === undefined ? {} : { status: clean(report.status) }),
    ...(report.outputs === undefined
      ? {}
      : {
          outputs: Object.fromEntries(Object.entries(report.outputs).map(([k, v]) => [clean(k), clean(v)]))
        }),
    dataLoss: report.dataLoss?.map(v => ({ ...v, logicalId: clean(v.logicalId) })),
    nested: report.nested?.map(n => ({
      path: n.path.map(clean),
      changes: n.changes.map(c => redactChange(c, clean))
    }))
  }
}

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
