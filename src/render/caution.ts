import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { kindOf } from '../stack/changes.js'
import { DATA_TYPES, describeFate, holdsData, type DataLossVerdict } from '../guards/data-loss.js'
import { code, plural } from './markdown.js'
import { ICON, verdictFor, who, type ChangeReport, type Located } from './report.js'

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
export function warningBlock(
  report: ChangeReport,
  destructive: Located[],
  cap: number,
  elsewhere: string
): string {
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
