import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { kindOf } from '../stack/changes.js'
import { DATA_TYPES, describeFate, holdsData, type DataLossVerdict } from '../guards/data-loss.js'
import { REMOVABLE_NETWORK_TYPES } from '../guards/no-data-types.js'
import { code, plural } from './markdown.js'
import { wordsFor } from './mode-words.js'
import {
  ICON,
  refusedVerdicts,
  verdictFor,
  verdictPath,
  who,
  type ChangeReport,
  type Located
} from './report.js'

/** The caution block: every replaced or removed resource, what happens to it, and what a deploy would refuse. */

/**
 * What happens to the old resource, from the change set's PolicyAction. The action comes from AWS like every other
 * value: shown as code, never as Markdown.
 */
function fateOf(change: ResourceChange): string {
  const kind = kindOf(change)
  const policy = change.PolicyAction ?? (kind === 'remove' ? 'Delete' : 'ReplaceAndDelete')
  const shown = `(${code(policy)})`
  if (!holdsData(change.ResourceType) && (policy === 'Delete' || policy === 'ReplaceAndDelete')) {
    return kind === 'remove'
      ? `it is deleted ${shown}`
      : `a new one replaces it and the old one is deleted ${shown}`
  }
  if (change.ResourceType === 'AWS::S3::Bucket' && /Delete/.test(policy)) {
    // CloudFormation cannot delete a bucket that holds objects. Its early validation may refuse the change set;
    // otherwise the delete fails in the update's clean-up, the update still succeeds, and the bucket stays.
    return `${describeFate(policy)}; if the bucket still holds objects, CloudFormation cannot delete it: the change set may fail early validation, or else the update succeeds and leaves the bucket in the account, no longer managed by the stack ${shown}`
  }
  return `${describeFate(policy)} ${shown}`
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

function verdictNote(report: ChangeReport, verdict: DataLossVerdict | undefined): string {
  if (verdict === undefined) return ''
  return verdict.allowed ? ' ✅ Allowed by `allow-data-loss`.' : wordsFor(report).refusedNote
}

/** The logical id a change's detail names as its cause (`Vpc.Id` and `Vpc` both name `Vpc`). */
function causeOf(entity: string | undefined): string {
  return (entity ?? '').split('.')[0] ?? ''
}

/**
 * The data stores a network replacement takes down: those whose changes CloudFormation traces back to it (a
 * database whose subnet group moves to a new VPC is replaced with it), following causes through the subnets and
 * the subnet group.
 */
function takenDown(network: Located, all: readonly Located[]): Located[] {
  const reached = new Set([network.change.LogicalResourceId ?? ''])
  const found: Located[] = []
  for (let grew = true; grew;) {
    grew = false
    for (const located of all) {
      const id = located.change.LogicalResourceId ?? ''
      if (reached.has(id)) continue
      if ((located.change.Details ?? []).some(d => reached.has(causeOf(d.CausingEntity)))) {
        reached.add(id)
        grew = true
        if (holdsData(located.change.ResourceType)) found.push(located)
      }
    }
  }
  return found
}

/** The sentence that names what a replaced network takes down with it ('' for anything else). */
function networkNote(located: Located, all: readonly Located[]): string {
  if (kindOf(located.change) !== 'replace') return ''
  if (!Object.hasOwn(REMOVABLE_NETWORK_TYPES, located.change.ResourceType ?? '')) return ''
  const stores = takenDown(located, all)
  if (stores.length === 0)
    return ' 🗄️ Any database in it moves to the new network: a new, empty one replaces it.'
  const names = stores.map(s => `${DATA_TYPES[s.change.ResourceType ?? ''] ?? 'data store'} ${who(s)}`)
  return ` 🗄️ It takes down the ${names.join(', the ')}: moved to the new network, ${stores.length === 1 ? 'it is' : 'each is'} replaced by a new, empty one.`
}

function warningLine(report: ChangeReport, located: Located, all: readonly Located[]): string {
  const { change } = located
  const data = holdsData(change.ResourceType)
    ? `, 💾 holds data (${DATA_TYPES[change.ResourceType ?? '']})`
    : ''
  const network = networkNote(located, all)
  const subject = `${ICON[kindOf(change)]} ${who(located)} (${code(change.ResourceType ?? '')})`
  const note = verdictNote(report, verdictFor(report, located))
  if (kindOf(change) === 'remove') {
    return `- ${subject} is **removed**${data}: ${fateOf(change)}.${note}`
  }
  const certainty =
    change.Replacement === 'True'
      ? 'is **replaced**'
      : '**may be replaced** (CloudFormation decides during the update)'
  return `- ${subject} ${certainty}${data}: ${fateOf(change)}.${network}${replacementCauses(change)}${note}`
}

/**
 * The caution block: every replaced or removed resource, those holding data first, and what a deploy would refuse.
 * `cap` limits the list only when the resource table is shed too, so "more" never points at a missing table.
 * A CAUTION alert when data is at stake (a data store, or a network one lives in), a WARNING otherwise.
 */
export function warningBlock(
  report: ChangeReport,
  destructive: Located[],
  all: readonly Located[],
  cap: number,
  elsewhere: string
): string {
  if (destructive.length === 0) return ''
  const withData = destructive.filter(l => holdsData(l.change.ResourceType))
  const refused = refusedVerdicts(report)
  const atStake = withData.length > 0 || (report.dataLoss ?? []).length > 0
  const ordered = [...withData, ...destructive.filter(l => !holdsData(l.change.ResourceType))]
  const shown = ordered.slice(0, cap).map(l => warningLine(report, l, all))
  if (ordered.length > cap) shown.push(`- …and ${ordered.length - cap} more. ${elsewhere}`)
  const headline = `**${plural(destructive.length, 'resource is', 'resources are')} replaced or removed${withData.length > 0 ? `, ${withData.length} holding data` : ''}.**${wordsFor(report).review}`
  const gate =
    report.failOnDataLoss === true && report.kind !== 'deploy'
      ? ` This check fails until then (\`fail-on-data-loss\`).`
      : ''
  const refusal =
    refused.length === 0
      ? []
      : [
          `> ⛔ ${wordsFor(report).refuser} **refused**: data would be lost at ${refused.map(v => code(verdictPath(v))).join(', ')}. To accept that, set ${code(`allow-data-loss: ${refused.map(verdictPath).join(',')}`)} (or ${code('*')}); to keep a removed resource's data, give it ${code('DeletionPolicy: Retain')}.${gate}`,
          '>'
        ]
  return [
    `> [!${atStake ? 'CAUTION' : 'WARNING'}]`,
    ...refusal,
    `> ${headline}`,
    '>',
    ...shown.map(line => `> ${line}`)
  ].join('\n')
}
