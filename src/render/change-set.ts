import type { ResourceChange, ResourceChangeDetail } from '@aws-sdk/client-cloudformation'
import { countChanges, describeCounts, kindOf, type ChangeKind } from '../changes.js'
import { cell, code, redact, table } from './markdown.js'

/** A parameter whose value changes (values as CloudFormation shows them: NoEcho ones are ****). */
export interface ParameterChange {
  key: string
  before: string | undefined
  after: string | undefined
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
}

export type DetailLevel = 'full' | 'no-details' | 'counts' | 'truncated'

export interface RenderOptions {
  /** Largest body allowed. */
  limit: number
  /** How the limit counts: GitHub comments count characters, step summaries bytes. */
  unit: 'chars' | 'bytes'
  /** Where the full detail is, named in the note when detail is shed. */
  fullDetailIn: string
  /** Put first in the body (the comment's hidden marker). */
  header?: string
}

export interface Rendered {
  body: string
  level: DetailLevel
}

/** Resource types whose replacement or removal loses data unless a policy keeps it. */
export const DATA_TYPES: Record<string, string> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::RDS::DBInstance': 'database',
  'AWS::RDS::DBCluster': 'database cluster',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::SecretsManager::Secret': 'secret',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::EFS::FileSystem': 'file system',
  'AWS::EC2::Volume': 'volume',
  'AWS::KMS::Key': 'key',
  'AWS::Kinesis::Stream': 'stream',
  'AWS::SQS::Queue': 'queue',
  'AWS::OpenSearchService::Domain': 'search domain',
  'AWS::ElastiCache::ReplicationGroup': 'cache'
}

const ICON: Record<ChangeKind, string> = { add: '🟢', modify: '🔵', replace: '🟠', remove: '🔴' }
const ACTION: Record<ChangeKind, string> = {
  add: 'Add',
  modify: 'Modify',
  replace: 'Replace',
  remove: 'Remove'
}

const holdsData = (change: ResourceChange): boolean => (change.ResourceType ?? '') in DATA_TYPES
const isDestructive = (change: ResourceChange): boolean =>
  kindOf(change) === 'replace' || kindOf(change) === 'remove'

/** What happens to the old resource (`subject`), from the change set's PolicyAction. */
function fateOf(change: ResourceChange, subject: string): string {
  const policy = change.PolicyAction ?? (kindOf(change) === 'remove' ? 'Delete' : 'ReplaceAndDelete')
  if (/Retain/.test(policy)) return `${subject} is kept, with its contents, outside the stack (${policy})`
  if (/Snapshot/.test(policy))
    return `a final snapshot of ${subject} is taken, then it is deleted (${policy})`
  if (change.ResourceType === 'AWS::S3::Bucket') {
    return `${subject} is deleted, and if it still holds objects the delete fails and so does the deploy (${policy})`
  }
  return holdsData(change)
    ? `${subject} and everything in it are deleted (${policy})`
    : `${subject} is deleted (${policy})`
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
          `${code(d.Target?.Name ?? d.Target?.Attribute ?? '?', 60)} (${d.Target?.RequiresRecreation === 'Always' ? 'always' : 'conditionally'})`
      )
    )
  ]
  return names.length === 0 ? '' : ` Forced by ${names.join(', ')}.`
}

function warningLine(change: ResourceChange): string {
  const who = `${code(change.LogicalResourceId ?? '', 80)} (${code(change.ResourceType ?? '', 80)})`
  const data = holdsData(change) ? ', 💾 holds data' : ''
  if (kindOf(change) === 'remove') {
    const plain = !holdsData(change) && (change.PolicyAction ?? 'Delete') === 'Delete'
    return plain
      ? `- ${ICON.remove} ${who} is **removed** (Delete).`
      : `- ${ICON.remove} ${who} is **removed**${data}: ${fateOf(change, 'it')}.`
  }
  const noun = DATA_TYPES[change.ResourceType ?? ''] ?? 'one'
  const certainty =
    change.Replacement === 'True'
      ? 'is **replaced**'
      : '**may be replaced** (CloudFormation decides during the update)'
  const made = holdsData(change) ? `a new, empty ${noun} is created and ` : 'a new one is created and '
  return `- ${ICON.replace} ${who} ${certainty}${data}: ${made}${fateOf(change, 'the old one')}.${replacementCauses(change)}`
}

function warningBlock(destructive: ResourceChange[], cap: number): string {
  if (destructive.length === 0) return ''
  const withData = destructive.filter(holdsData)
  const kind = withData.length > 0 ? 'CAUTION' : 'WARNING'
  const ordered = [...withData, ...destructive.filter(c => !holdsData(c))]
  const shown = ordered.slice(0, cap).map(warningLine)
  if (ordered.length > cap) shown.push(`- …and ${ordered.length - cap} more (see the table).`)
  const headline = `**${destructive.length} resource${destructive.length === 1 ? ' is' : 's are'} replaced or removed${withData.length > 0 ? `, ${withData.length} holding data` : ''}.** Review before merging.`
  return [`> [!${kind}]`, `> ${headline}`, '>', ...shown.map(line => `> ${line}`)].join('\n')
}

function parameterTable(parameters: ParameterChange[]): string {
  if (parameters.length === 0) return ''
  const show = (value: string | undefined): string => (value === undefined ? '_(not set)_' : code(value, 120))
  return [
    '#### Parameters',
    '',
    table(
      ['Parameter', 'Before', 'After'],
      parameters.map(p => [code(p.key, 80), show(p.before), show(p.after)])
    )
  ].join('\n')
}

function replacementCell(change: ResourceChange): string {
  if (change.Action !== 'Modify') return ''
  return change.Replacement === 'True'
    ? '**Yes**'
    : change.Replacement === 'Conditional'
      ? 'Conditional'
      : 'No'
}

function resourceTable(changes: ResourceChange[]): string {
  const rows = changes.map(c => [
    ICON[kindOf(c)],
    code(c.LogicalResourceId ?? '', 80),
    code(c.ResourceType ?? '', 80),
    ACTION[kindOf(c)],
    replacementCell(c)
  ])
  return ['#### Resources', '', table(['', 'Resource', 'Type', 'Action', 'Replacement'], rows)].join('\n')
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
      code(type, 80),
      String(n.add),
      String(n.modify),
      String(n.replace),
      String(n.remove)
    ])
  return ['#### Resources by type', '', table(['Type', 'Add', 'Modify', 'Replace', 'Remove'], rows)].join(
    '\n'
  )
}

function describeSource(detail: ResourceChangeDetail): string {
  const entity = detail.CausingEntity === undefined ? '' : ` ${code(detail.CausingEntity, 60)}`
  switch (detail.ChangeSource) {
    case 'ParameterReference':
      return `parameter${entity}`
    case 'ResourceReference':
    case 'ResourceAttribute':
      return `${entity.trim()} changes${detail.Evaluation === 'Dynamic' ? ' (known after apply)' : ''}`
    case 'DirectModification':
      return 'template'
    default:
      return cell(detail.ChangeSource ?? '')
  }
}

const VALUE_WIDTH = 160

/**
 * Long values (a container definition, a policy) differ somewhere in the middle: show both around the first
 * difference, so Before and After do not look the same after truncation.
 */
export function differenceWindow(before: string, after: string, width = VALUE_WIDTH): [string, string] {
  if (before.length <= width && after.length <= width) return [before, after]
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  const from = Math.max(0, start - Math.floor(width / 4))
  const cut = (text: string): string =>
    `${from > 0 ? '…' : ''}${text.slice(from, from + width - 2)}${from + width - 2 < text.length ? '…' : ''}`
  return [cut(before), cut(after)]
}

function forcesReplacement(detail: ResourceChangeDetail): string {
  const recreation = detail.Target?.RequiresRecreation
  return recreation === 'Always' ? '**Always**' : recreation === 'Conditionally' ? 'Conditionally' : 'Never'
}

function propertyDetails(change: ResourceChange): string {
  const details = change.Details ?? []
  if (details.length === 0) return ''
  const rows = details.map(d => {
    const [before, after] = differenceWindow(d.Target?.BeforeValue ?? '', d.Target?.AfterValue ?? '')
    const shown = (raw: string | undefined, text: string, dynamic: boolean): string =>
      raw === undefined ? (dynamic ? '_(known after apply)_' : '') : code(text, VALUE_WIDTH)
    return [
      code(d.Target?.Name ?? d.Target?.Attribute ?? '', 60),
      forcesReplacement(d),
      describeSource(d),
      shown(d.Target?.BeforeValue, before, false),
      shown(d.Target?.AfterValue, after, d.Evaluation === 'Dynamic')
    ]
  })
  const summary = `${ICON[kindOf(change)]} <code>${cell(change.LogicalResourceId ?? '')}</code> · ${cell(change.ResourceType ?? '')} · ${ACTION[kindOf(change)].toLowerCase()}`
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    table(['Property', 'Forces replacement', 'Because of', 'Before', 'After'], rows),
    '',
    '</details>'
  ].join('\n')
}

function heading(report: ChangeReport): string {
  const where = [report.environment, report.region].filter(Boolean).join(' · ')
  const title =
    report.kind === 'preview'
      ? '📋 CloudFormation preview'
      : report.status?.endsWith('_COMPLETE') === true && !report.status.includes('ROLLBACK')
        ? '✅ CloudFormation deploy'
        : '❌ CloudFormation deploy'
  return `### ${title}: \`${report.stackName}\`${where === '' ? '' : ` · ${where}`}`
}

function intro(report: ChangeReport, counts: string, empty: boolean): string {
  const lines: string[] = []
  if (report.operation === 'create') lines.push(`The stack does not exist yet: merging creates it.`)
  if (report.operation === 'recreate')
    lines.push(
      `The stack's first create failed and left nothing: the deploy deletes it and creates it again.`
    )
  if (report.kind === 'deploy' && report.status !== undefined) lines.push(`Status: **${report.status}**.`)
  if (!empty) lines.push(`**${report.kind === 'preview' ? 'Plan' : 'Applied'}:** ${counts}.`)
  return lines.join('\n\n')
}

function outputsTable(outputs: Record<string, string> | undefined): string {
  if (outputs === undefined || Object.keys(outputs).length === 0) return ''
  return [
    '#### Outputs',
    '',
    table(
      ['Output', 'Value'],
      Object.entries(outputs).map(([k, v]) => [code(k, 80), code(v, 200)])
    )
  ].join('\n')
}

function footer(report: Pick<ChangeReport, 'kind' | 'commitSha' | 'runUrl'>): string {
  const sha = report.commitSha === '' ? '' : ` · commit <code>${cell(report.commitSha.slice(0, 7))}</code>`
  const run = report.runUrl === undefined ? '' : ` · <a href="${cell(report.runUrl)}">workflow run</a>`
  const note = report.kind === 'preview' ? ' · nothing was deployed; the change set was deleted' : ''
  return `<sub>metaflow-deploy${sha}${run}${note}</sub>`
}

function noChanges(report: ChangeReport): string {
  return report.kind === 'preview'
    ? `✅ **No changes.** The stack already matches this template and these parameters.`
    : `✅ **No changes** were needed.`
}

const sizeOf = (text: string, unit: 'chars' | 'bytes'): number =>
  unit === 'chars' ? text.length : Buffer.byteLength(text, 'utf8')

/**
 * Renders a report as Markdown within a size limit, shedding detail in order: property details first, then the
 * per-resource table (collapsed to counts per type), and says what it left out and where to find it.
 */
export function renderReport(report: ChangeReport, options: RenderOptions): Rendered {
  const resources = report.changes
  const counts = describeCounts(countChanges(resources))
  const destructive = resources.filter(isDestructive)
  const build = (level: DetailLevel): string => {
    const empty = resources.length === 0 && report.parameters.length === 0
    const parts: (string | undefined)[] = [options.header, heading(report), intro(report, counts, empty)]
    if (empty) {
      parts.push(noChanges(report))
    } else {
      parts.push(
        warningBlock(destructive, level === 'full' || level === 'no-details' ? Number.POSITIVE_INFINITY : 50)
      )
      parts.push(parameterTable(report.parameters))
      if (level === 'full' || level === 'no-details')
        parts.push(resources.length > 0 ? resourceTable(resources) : '')
      else parts.push(countsByType(resources))
      if (level === 'full') {
        const details = resources.filter(c => (c.Details ?? []).length > 0).map(propertyDetails)
        if (details.length > 0) parts.push(['#### Property changes', ...details].join('\n\n'))
      } else {
        const shed =
          level === 'no-details' ? 'Property details are' : 'Property details and the per-resource table are'
        parts.push(
          `> [!NOTE]\n> ${shed} left out to fit ${options.unit === 'chars' ? "GitHub's comment" : "GitHub's step summary"} limit. ${options.fullDetailIn}`
        )
      }
    }
    parts.push(outputsTable(report.outputs))
    parts.push(footer(report))
    return redact(parts.filter(part => part !== undefined && part !== '').join('\n\n'), report.secrets) + '\n'
  }
  for (const level of ['full', 'no-details', 'counts'] as const) {
    const body = build(level)
    if (sizeOf(body, options.unit) <= options.limit) return { body, level }
  }
  // Only an absurd number of resource types gets here: cut the body and say so.
  const note = `\n\n> [!NOTE]\n> Cut to fit the size limit. ${options.fullDetailIn}\n\n${footer(report)}\n`
  let body = build('counts')
  while (sizeOf(body + note, options.unit) > options.limit)
    body = body.slice(0, Math.floor(body.length * 0.9))
  return { body: body.slice(0, body.lastIndexOf('\n')) + note, level: 'truncated' }
}

/** The job summary of a failed deploy: the final status and every failed resource with its reason. */
export function renderFailure(failure: {
  stackName: string
  environment: string
  region: string
  status: string
  failures: { logicalId: string; type: string; status: string; reason: string }[]
  commitSha: string
  runUrl: string | undefined
  secrets: readonly string[]
}): string {
  const where = [failure.environment, failure.region].filter(Boolean).join(' · ')
  const rows = failure.failures.map(f => [
    code(f.logicalId, 80),
    code(f.type, 80),
    cell(f.status),
    cell(f.reason)
  ])
  const parts = [
    `### ❌ CloudFormation deploy: \`${failure.stackName}\`${where === '' ? '' : ` · ${where}`}`,
    `Status: **${failure.status}**.`,
    rows.length === 0
      ? 'No resource reported a failure; see the stack events in the log.'
      : table(['Resource', 'Type', 'Status', 'Reason'], rows),
    footer({ kind: 'deploy', commitSha: failure.commitSha, runUrl: failure.runUrl })
  ]
  return redact(parts.join('\n\n'), failure.secrets) + '\n'
}
