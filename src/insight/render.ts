import { cellCode, code, fitsInCell, plural, table } from '../render/markdown.js'
import type { Redactor } from '../render/redact.js'
import type { CheckFinding, ChecksResult } from './checks.js'
import { dollars, type CostEstimate, type CostLine, type PricedResource } from './cost/estimate.js'
import { HOURS_PER_MONTH } from './cost/price-query.js'
import type { DriftedResource, DriftResult } from './drift.js'
import { isEstimate, type Insight } from './insight.js'
import type { RevertDriftChange } from './revert-drift.js'

/**
 * The Markdown sections of cost, drift and checks, pure functions of an Insight. Every value from AWS or the
 * template goes through the shared escaping helpers (code spans), after the run's redactor.
 */

/** `+$86.14`, `-$12.00`, `$0.00`. */
export function signedUsd(delta: number): string {
  const text = dollars(Math.abs(delta))
  if (text === '0.00') return '$0.00'
  return `${delta > 0 ? '+' : '-'}$${text}`
}

const usd = (n: number): string =>
  `$${Number(dollars(n)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

/** A value in a cell, or `…` when no cell can hold it exactly. */
function cell(value: string | undefined, clean: Redactor): string {
  if (value === undefined) return '_(none)_'
  const v = clean(value)
  return fitsInCell(v, 120) ? cellCode(v) : cellCode(`${v.slice(0, 60).replace(/\\\|/g, '')}…`)
}

/** AWS's own words about a failure, as code (they are untrusted text), after a sentence of ours. */
const detail = (text: string | undefined, clean: Redactor): string =>
  text === undefined ? '' : ` AWS said: ${code(clean(text))}`

function shape(side: PricedResource | undefined, verb: string): string {
  return side === undefined ? `_(${verb})_` : code(side.shape)
}

function costLine(line: CostLine, clean: Redactor): string {
  const from = shape(line.before, 'new')
  const to = shape(line.after, 'removed')
  const what =
    line.before !== undefined && line.after !== undefined
      ? `${from} → ${to}`
      : line.before === undefined
        ? `${to} (new)`
        : `${from} (removed)`
  return `- **${signedUsd(line.delta)}/mo**: ${code(clean(line.logicalId))} ${what}`
}

function costSection(insight: Insight, clean: Redactor): string {
  const cost = insight.cost
  if (cost === undefined) return ''
  if (!isEstimate(cost)) return ['#### 💰 Cost at rest', `> [!NOTE]\n> ${cost.note}`].join('\n\n')
  const parts = ['#### 💰 Cost at rest', costTotals(cost)]
  if (cost.lines.length > 0) parts.push(cost.lines.map(l => costLine(l, clean)).join('\n'))
  else parts.push('No priced resource changes its cost.')
  const limit = insight.maxMonthlyIncrease
  if (limit !== undefined) {
    parts.push(
      cost.delta > limit
        ? `> [!CAUTION]\n> The increase (${signedUsd(cost.delta)}/mo) is over \`max-monthly-increase\` (${usd(limit)}): this preview fails, and a deploy would refuse it.`
        : cost.delta > 0
          ? `The increase is within \`max-monthly-increase\` (${usd(limit)}).`
          : `No increase: \`max-monthly-increase\` (${usd(limit)}) is met.`
    )
  }
  const details: string[] = []
  if (cost.usage.length > 0)
    details.push(
      [
        '<details>',
        '<summary>Usage-priced parts, not included</summary>',
        '',
        ...cost.usage.map(u => `- ${code(u.type)}: ${u.parts.join(', ')}`),
        '',
        '</details>'
      ].join('\n')
    )
  if (cost.unpriced.length > 0)
    details.push(
      `Not priced: ${cost.unpriced.map(u => `${code(clean(u.logicalId))} (${u.what})`).join('; ')}.`
    )
  if (details.length > 0) parts.push(details.join('\n\n'))
  parts.push(
    cost.origin.kind === 'api'
      ? `<sub>On-demand prices in ${code(cost.region)} from the AWS Price List API, ${HOURS_PER_MONTH} hours a month.</sub>`
      : `> [!NOTE]\n> Prices from the snapshot bundled with the action, dated ${code(cost.origin.date)}: ${cost.origin.reason}${detail(cost.origin.detail, clean)}. On demand, ${code(cost.region)}, ${HOURS_PER_MONTH} hours a month.`
  )
  return parts.join('\n\n')
}

function costTotals(cost: CostEstimate): string {
  return table(
    ['', 'Before', 'After', 'Change'],
    [['Monthly', usd(cost.before), usd(cost.after), `**${signedUsd(cost.delta)}**`]]
  )
}

const FATE: Record<DriftedResource['fate'], string> = {
  untouched: 'not in this change: the live values stay',
  updated: 'updated by this change',
  replaced: 'replaced by this change: the live values are lost',
  removed: 'removed by this change'
}

function driftSection(drift: DriftResult | undefined, clean: Redactor): string {
  if (drift === undefined) return ''
  if (drift.kind === 'unavailable')
    return ['#### 🧭 Drift', `> [!NOTE]\n> ${drift.note}${detail(drift.detail, clean)}`].join('\n\n')
  const partial =
    drift.partial === undefined
      ? ''
      : `\n\n> [!NOTE]\n> Drift detection failed for some resources; the others are shown.${detail(drift.partial, clean)}`
  if (drift.resources.length === 0)
    return [
      '#### 🧭 Drift',
      `No drift: every resource checked matches its deployed template.${partial}`
    ].join('\n\n')
  const overwritten = drift.resources.filter(
    r => r.properties.some(p => p.overwritten) || r.fate === 'replaced' || r.fate === 'removed'
  )
  const parts = [
    '#### 🧭 Drift',
    `${plural(drift.resources.length, 'resource')} drifted from the deployed template.`
  ]
  if (overwritten.length > 0)
    parts.push(
      `> [!WARNING]\n> Merging overwrites live changes made outside CloudFormation on ${overwritten.map(r => code(clean(r.logicalId))).join(', ')}.`
    )
  for (const r of drift.resources) {
    parts.push(
      `${code(clean(r.logicalId))} · ${code(r.type)} · ${r.status === 'DELETED' ? '**deleted outside CloudFormation**' : 'modified'}; ${FATE[r.fate]}`
    )
    if (r.properties.length > 0)
      parts.push(
        table(
          ['Property', 'As deployed', 'Live', 'After merge', ''],
          r.properties.map(p => [
            cell(p.path, clean),
            cell(p.deployed, clean),
            cell(p.live, clean),
            cell(p.afterMerge, clean),
            p.overwritten ? '⚠️ overwritten' : 'kept'
          ])
        )
      )
  }
  return parts.join('\n\n')
}

function revertDriftSection(changes: RevertDriftChange[] | undefined, clean: Redactor): string {
  if (changes === undefined || changes.length === 0) return ''
  const parts = ['#### ↩️ Drift reverted by this change set (`deployment-mode: revert-drift`)']
  for (const c of changes) {
    parts.push(
      `${code(clean(c.logicalId))} · ${code(c.type)} · drift status ${code(c.driftStatus || 'unknown')}`
    )
    if (c.properties.length > 0)
      parts.push(
        table(
          ['Property', 'Previous (deployed)', 'Actual (live)', 'After', 'Before value from'],
          c.properties.map(p => [
            cell(p.path, clean),
            cell(p.previous, clean),
            cell(p.actual, clean),
            cell(p.after, clean),
            cell(p.beforeValueFrom, clean)
          ])
        )
      )
    if (c.ignored.length > 0)
      parts.push(
        `Ignored attributes: ${c.ignored.map(i => `${code(i.path)} (${code(i.reason)})`).join(', ')}.`
      )
  }
  return parts.join('\n\n')
}

function findingRow(f: CheckFinding, clean: Redactor): string[] {
  const fix = [f.remediation, f.link].filter((v): v is string => v !== undefined)
  return [
    f.level === 'FAIL' ? '⛔ FAIL' : '⚠️ WARN',
    cell(f.name, clean),
    f.logicalId === undefined ? '' : cell(f.logicalId, clean),
    cell(f.reason, clean) + (f.path === undefined ? '' : ` at ${cell(f.path, clean)}`),
    [f.severity === undefined ? '' : cell(f.severity, clean), ...fix.map(v => cell(v, clean))]
      .filter(Boolean)
      .join(' ')
  ]
}

function checksSection(checks: ChecksResult | undefined, clean: Redactor): string {
  if (checks === undefined) return ''
  const parts = ['#### 🛡️ Checks']
  const fails = checks.findings.filter(f => f.level === 'FAIL').length
  if (checks.findings.length === 0) parts.push("CloudFormation's validations and Hooks found nothing.")
  else {
    parts.push(
      fails > 0
        ? `> [!CAUTION]\n> ${plural(fails, 'check')} failed: this change cannot deploy as it is, and this preview fails.`
        : `${plural(checks.findings.length, 'warning')} from CloudFormation's validations and Hooks.`
    )
    parts.push(
      table(
        ['', 'Check', 'Resource', 'Reason', 'Remediation'],
        [...checks.findings].sort((a, b) => a.level.localeCompare(b.level)).map(f => findingRow(f, clean))
      )
    )
  }
  if (checks.notes.length > 0)
    parts.push(`> [!NOTE]\n> ${checks.notes.map(n => `${n.note}${detail(n.detail, clean)}`).join('\n> ')}`)
  return parts.join('\n\n')
}

/** The sections, in reading order; empty strings for what the run did not look at. */
export function insightSections(insight: Insight | undefined, clean: Redactor): string[] {
  if (insight === undefined) return []
  return [
    checksSection(insight.checks, clean),
    costSection(insight, clean),
    driftSection(insight.drift, clean),
    revertDriftSection(insight.revertDrift, clean)
  ].filter(s => s !== '')
}
