/**
 * How a change to one resource reaches the resources that refer to it, as CloudFormation shows it in a change
 * set: a Modify whose detail is a Dynamic evaluation caused by the reference, carried on to whatever refers
 * to those in turn, and the Replacement and Scope that follow from a resource's details.
 */
import { recreationOf, type PropertyChange } from '../resource-types.js'
import type { ChangeDetail, ResourceChange } from './diff.js'

type Props = Record<string, unknown>

/** A resource both templates keep, as the propagation sees it. */
export interface KeptResource {
  id: string
  type: string
  /** Its properties resolved with symbolic references, before and after. */
  before: Props
  after: Props
  /** Makes a Modify for it, when only references change it. */
  modify(): ResourceChange
}

/** A symbolic reference left in a resolved value by diff.ts: «ref:Id» or «att:Id.Attribute». */
const REFERENCE = /\u00ab(ref|att):([^.\u00bb]+)(\.[^\u00bb]+)?\u00bb/g

/**
 * Whether a reference to a modified resource (its change set Replacement given) may change value.
 *
 * Ref (ChangeSource ResourceReference) is the physical id, which changes only when the resource is replaced:
 * when its Replacement is True, or Conditional, where "if your template includes a reference to a resource
 * that's conditionally recreated, the value of the reference (the physical ID of the resource) might change"
 * (ResourceChangeDetail API reference, Evaluation,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChangeDetail.html).
 *
 * Fn::GetAtt (ChangeSource ResourceAttribute) may change whenever the resource is updated at all:
 * CloudFormation cannot know an attribute's new value before the update (a launch template's
 * LatestVersionNumber goes up with every change to it), so every Modify makes its attributes unknown until it
 * is carried out.
 */
function mayChange(kind: string, replacement: string): boolean {
  return kind === 'att' || replacement !== 'False'
}

/**
 * Adds to `modified` (and `changes`) what CloudFormation shows for resources that refer to a modified one,
 * until nothing more changes: one level, then transitively, because a resource modified through a reference
 * is modified too (its attributes become unknown; a possible replacement makes its Ref unknown).
 *
 * Each detail (ResourceChangeDetail API reference) has ChangeSource ResourceReference for a Ref, with
 * CausingEntity the logical id, or ResourceAttribute for a Fn::GetAtt, with CausingEntity
 * `LogicalId.Attribute`; its Evaluation is Dynamic, because CloudFormation "can't determine the target value
 * because it depends on the result of an intrinsic function, such as a Ref or Fn::GetAtt intrinsic function,
 * when the stack is updated" (same page, Evaluation; user guide, "Example change sets": "if you reference an
 * updated resource that is conditionally replaced, CloudFormation can't determine whether the reference to
 * the updated resource will change",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets-samples.html).
 * Its Target's RequiresRecreation is the property's update behaviour (ResourceTargetDefinition API reference:
 * "indicates whether a change to this property causes the resource to be recreated",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceTargetDefinition.html),
 * judged as if the referenced value were different, so that value-dependent rules answer for a change, not
 * for equal values: a Batch compute environment's new launch template version is an infrastructure update
 * ("changing the launch template requires an infrastructure update", Batch API reference,
 * ComputeResourceUpdate), in place with ReplaceComputeEnvironment false and a replacement otherwise
 * (resource-types.ts, VALUE_RULES).
 */
export function propagateReferences(
  kept: KeptResource[],
  modified: Map<string, ResourceChange>,
  changes: ResourceChange[]
): void {
  // Level by level: what the previous level modified (and whether it may be replaced) is what this level
  // sees.
  for (;;) {
    const causes = new Map([...modified].map(([id, change]) => [id, change.Replacement ?? 'False']))
    let grew = false
    for (const resource of kept) {
      const change = modified.get(resource.id)
      // A detail already there (same property, source and cause) is not repeated: that is what ends the loop.
      const fresh = referenceDetails(resource, causes).filter(
        d =>
          change?.Details.some(
            e =>
              e.Target.Name === d.Target.Name &&
              e.ChangeSource === d.ChangeSource &&
              e.CausingEntity === d.CausingEntity
          ) !== true
      )
      if (fresh.length === 0) continue
      let target = change
      if (target === undefined) {
        target = resource.modify()
        modified.set(resource.id, target)
        changes.push(target)
      }
      target.Details.push(...fresh)
      target.Scope = scopeOf(target.Details)
      if (target.Replacement !== 'True') target.Replacement = replacementOf(target.Details)
      grew = true
    }
    if (!grew) return
  }
}

/** The Dynamic details of one resource: one per property and reference to a resource whose value may change. */
function referenceDetails(resource: KeptResource, causes: Map<string, string>): ChangeDetail[] {
  const details: ChangeDetail[] = []
  for (const [prop, value] of Object.entries(resource.after)) {
    const text = JSON.stringify(value) ?? ''
    const seen = new Set<string>()
    for (const m of text.matchAll(REFERENCE)) {
      const [token, kind = '', target = '', attribute = ''] = m
      const replacement = causes.get(target)
      if (replacement === undefined || !mayChange(kind, replacement)) continue
      const causing = kind === 'ref' ? target : `${target}${attribute}`
      if (seen.has(causing)) continue
      seen.add(causing)
      const isTags = prop === 'Tags'
      details.push({
        Target: {
          Attribute: isTags ? 'Tags' : 'Properties',
          Name: prop,
          RequiresRecreation: recreationOf(resource.type, prop, unknownAfter(resource, prop, token)),
          Path: `/Properties/${prop}`
        },
        Evaluation: 'Dynamic',
        ChangeSource: kind === 'ref' ? 'ResourceReference' : 'ResourceAttribute',
        CausingEntity: causing
      })
    }
  }
  return details
}

/** The resource's properties before and after, with `token` in `prop` standing for a value not yet known. */
function unknownAfter(resource: KeptResource, prop: string, token: string): PropertyChange {
  const text = JSON.stringify(resource.after[prop])
  const after = JSON.parse(text.split(token).join(`${token}\u00b7after`)) as unknown
  return { before: resource.before, after: { ...resource.after, [prop]: after } }
}

/**
 * ResourceChange.Replacement (ResourceChange API reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html): "if the
 * RequiresRecreation field is Always and the Evaluation field is Static, Replacement is True. If the
 * RequiresRecreation field is Always and the Evaluation field is Dynamic, Replacement is Conditionally"; with
 * several details, the one with the most impact decides.
 */
export function replacementOf(details: ChangeDetail[]): 'True' | 'False' | 'Conditional' {
  if (details.some(d => d.Evaluation === 'Static' && d.Target.RequiresRecreation === 'Always')) return 'True'
  if (details.some(d => d.Target.RequiresRecreation !== 'Never')) return 'Conditional'
  return 'False'
}

/** ResourceChange.Scope: the kinds of attribute the details change (Properties, Metadata, Tags). */
export function scopeOf(details: ChangeDetail[]): string[] {
  const scope: string[] = []
  for (const d of details) {
    const s =
      d.Target.Attribute === 'Tags' ? 'Tags' : d.Target.Attribute === 'Metadata' ? 'Metadata' : 'Properties'
    if (!scope.includes(s)) scope.push(s)
  }
  return scope
}
