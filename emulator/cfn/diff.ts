import { evaluateConditions, resolve, type Pseudo, type ResolveContext } from '../intrinsics.js'
import { recreationOf, type Recreation } from '../resource-types.js'
import { propagateReferences, replacementOf, scopeOf, type KeptResource } from './reference-propagation.js'
import { isNoEcho, typedParameters, type Template } from './template.js'

/** One resource change as DescribeChangeSet reports it (the `ResourceChange` structure). */
export interface ResourceChange {
  Action: 'Add' | 'Modify' | 'Remove'
  LogicalResourceId: string
  PhysicalResourceId?: string
  ResourceType: string
  Replacement?: 'True' | 'False' | 'Conditional'
  Scope: string[]
  Details: ChangeDetail[]
  PolicyAction?:
    'Delete' | 'Retain' | 'Snapshot' | 'ReplaceAndDelete' | 'ReplaceAndRetain' | 'ReplaceAndSnapshot'
  BeforeContext?: string
  AfterContext?: string
  /** For a nested stack with IncludeNestedStacks: the nested stack's change set (ResourceChange API reference). */
  ChangeSetId?: string
}

export interface ChangeDetail {
  Target: {
    Attribute: string
    Name?: string
    RequiresRecreation: Recreation
    Path?: string
    BeforeValue?: string
    AfterValue?: string
    AttributeChangeType?: 'Add' | 'Remove' | 'Modify'
  }
  Evaluation: 'Static' | 'Dynamic'
  ChangeSource:
    'ResourceReference' | 'ParameterReference' | 'ResourceAttribute' | 'DirectModification' | 'Automatic'
  CausingEntity?: string
}

/** A template with the parameter values it is (or would be) deployed with. */
export interface Configuration {
  template: Template
  parameters: Record<string, string>
}

export interface DeployedResource {
  logicalId: string
  type: string
  physicalId: string
}

type Props = Record<string, unknown>

/** How deployed resources appear in BeforeValue/AfterValue: their real ids, or undefined if not deployed. */
export interface Display {
  ref(logicalId: string): string | undefined
  getAtt(logicalId: string, attribute: string): string | undefined
}

const KNOWN_AFTER_APPLY = '{{changeSet:KNOWN_AFTER_APPLY}}'

function symbolicContext(config: Configuration, pseudo: Pseudo, display?: Display): ResolveContext {
  const params = typedParameters(config.template, config.parameters)
  if (display !== undefined) {
    // What a person sees: NoEcho values masked as CloudFormation masks them, references as real ids.
    for (const key of Object.keys(params)) if (isNoEcho(config.template, key)) params[key] = '****'
  }
  const base = {
    params,
    mappings: config.template.Mappings,
    pseudo,
    // For comparison, references stay symbolic so that an unchanged target compares equal across templates.
    ref: (id: string) =>
      display === undefined ? `\u00abref:${id}\u00bb` : (display.ref(id) ?? KNOWN_AFTER_APPLY),
    getAtt: (id: string, attribute: string) =>
      display === undefined
        ? `\u00abatt:${id}.${attribute}\u00bb`
        : (display.getAtt(id, attribute) ?? KNOWN_AFTER_APPLY)
  }
  return { ...base, conditions: evaluateConditions(config.template.Conditions, base) }
}

export function activeResources(config: Configuration, conditions: Record<string, boolean>): string[] {
  return Object.entries(config.template.Resources)
    .filter(([, r]) => r.Condition === undefined || conditions[r.Condition] === true)
    .map(([id]) => id)
}

const canonical = (value: unknown): string => JSON.stringify(sortKeys(value))
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(k => [k, sortKeys((value as Props)[k])])
    )
  }
  return value
}
const show = (value: unknown): string | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value)

/** Parameters the raw property value refers to (Ref or Sub), for CausingEntity. */
function parametersIn(value: unknown, declared: Set<string>): string[] {
  const found: string[] = []
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk)
    if (typeof v !== 'object' || v === null) return
    for (const [k, arg] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'Ref' && typeof arg === 'string' && declared.has(arg)) found.push(arg)
      else if (k === 'Fn::Sub') {
        const text: unknown = Array.isArray(arg) ? arg[0] : arg
        if (typeof text === 'string')
          for (const m of text.matchAll(/\$\{([^}.!]+)\}/g))
            if (declared.has(m[1] as string)) found.push(m[1] as string)
        walk(arg)
      } else walk(arg)
    }
  }
  walk(value)
  return found
}

/**
 * Compares the deployed configuration with the proposed one, as CloudFormation does when it builds a change
 * set: resources added, removed and modified, per property whether it is a direct edit, a parameter's new value,
 * or a dynamic consequence of a resource it refers to (reference-propagation.ts), and whether it forces
 * replacement.
 */
export function computeChanges(
  before: Configuration | undefined,
  after: Configuration,
  deployed: Map<string, DeployedResource>,
  pseudo: Pseudo,
  display: Display = { ref: () => undefined, getAtt: () => undefined }
): ResourceChange[] {
  const newCtx = symbolicContext(after, pseudo)
  const newShown = symbolicContext(after, pseudo, display)
  const newIds = activeResources(after, newCtx.conditions)
  const changes: ResourceChange[] = []
  if (before === undefined) {
    for (const id of newIds) {
      const def = after.template.Resources[id]!
      changes.push({
        Action: 'Add',
        LogicalResourceId: id,
        ResourceType: def.Type,
        Scope: [],
        Details: [],
        AfterContext: JSON.stringify({ Properties: resolve(def.Properties ?? {}, newShown) })
      })
    }
    return changes
  }
  const oldCtx = symbolicContext(before, pseudo)
  const oldShown = symbolicContext(before, pseudo, display)
  const oldIds = new Set(activeResources(before, oldCtx.conditions))
  const declared = new Set(Object.keys(after.template.Parameters))
  const modified = new Map<string, ResourceChange>()

  for (const id of newIds) {
    const def = after.template.Resources[id]!
    const oldDef = before.template.Resources[id]
    if (!oldIds.has(id) || oldDef === undefined) {
      changes.push({
        Action: 'Add',
        LogicalResourceId: id,
        ResourceType: def.Type,
        Scope: [],
        Details: [],
        AfterContext: JSON.stringify({ Properties: resolve(def.Properties ?? {}, newShown) })
      })
      continue
    }
    const oldRaw = oldDef.Properties ?? {}
    const newRaw = def.Properties ?? {}
    const oldResolved = resolve(oldRaw, oldCtx) as Props
    const newResolved = resolve(newRaw, newCtx) as Props
    const oldValues = resolve(oldRaw, oldShown) as Props
    const newValues = resolve(newRaw, newShown) as Props
    const details: ChangeDetail[] = []
    const typeChanged = oldDef.Type !== def.Type
    for (const prop of new Set([...Object.keys(oldResolved), ...Object.keys(newResolved)])) {
      if (canonical(oldResolved[prop]) === canonical(newResolved[prop])) continue
      const direct = canonical(oldRaw[prop]) !== canonical(newRaw[prop])
      const causing = direct ? [] : parametersIn(newRaw[prop], declared)
      const isTags = prop === 'Tags'
      const detail: ChangeDetail = {
        Target: {
          Attribute: isTags ? 'Tags' : 'Properties',
          Name: prop,
          RequiresRecreation: recreationOf(def.Type, prop, { before: oldResolved, after: newResolved }),
          Path: `/Properties/${prop}`,
          AttributeChangeType: !(prop in oldResolved) ? 'Add' : !(prop in newResolved) ? 'Remove' : 'Modify'
        },
        Evaluation: 'Static',
        ChangeSource: direct || causing.length === 0 ? 'DirectModification' : 'ParameterReference'
      }
      const beforeValue = show(oldValues[prop])
      const afterValue = show(newValues[prop])
      if (beforeValue !== undefined) detail.Target.BeforeValue = beforeValue
      if (afterValue !== undefined) detail.Target.AfterValue = afterValue
      if (causing[0] !== undefined) detail.CausingEntity = causing[0]
      details.push(detail)
    }
    if (canonical(oldDef.Metadata) !== canonical(def.Metadata)) {
      details.push({
        Target: { Attribute: 'Metadata', RequiresRecreation: 'Never' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification'
      })
    }
    if (details.length === 0 && !typeChanged) continue
    const change: ResourceChange = {
      Action: 'Modify',
      LogicalResourceId: id,
      ResourceType: def.Type,
      Replacement: typeChanged ? 'True' : replacementOf(details),
      Scope: scopeOf(details),
      Details: details,
      BeforeContext: JSON.stringify({ Properties: oldValues }),
      AfterContext: JSON.stringify({ Properties: newValues })
    }
    const physicalId = deployed.get(id)?.physicalId
    if (physicalId !== undefined) change.PhysicalResourceId = physicalId
    modified.set(id, change)
    changes.push(change)
  }

  // A modified resource's attributes, and a possibly replaced one's id, reach whatever refers to them.
  const kept: KeptResource[] = newIds
    .filter(id => oldIds.has(id) && before.template.Resources[id] !== undefined)
    .map(id => {
      const def = after.template.Resources[id]!
      const oldProperties = before.template.Resources[id]?.Properties ?? {}
      return {
        id,
        type: def.Type,
        before: resolve(oldProperties, oldCtx) as Props,
        after: resolve(def.Properties ?? {}, newCtx) as Props,
        modify: () => {
          const change: ResourceChange = {
            Action: 'Modify',
            LogicalResourceId: id,
            ResourceType: def.Type,
            Replacement: 'False',
            Scope: [],
            Details: [],
            BeforeContext: JSON.stringify({ Properties: resolve(oldProperties, oldShown) }),
            AfterContext: JSON.stringify({ Properties: resolve(def.Properties ?? {}, newShown) })
          }
          const physicalId = deployed.get(id)?.physicalId
          if (physicalId !== undefined) change.PhysicalResourceId = physicalId
          return change
        }
      }
    })
  propagateReferences(kept, modified, changes)

  // What happens to the old physical resource of a replacement: its UpdateReplacePolicy.
  for (const change of modified.values()) {
    if (change.Replacement === 'False') continue
    const policy = after.template.Resources[change.LogicalResourceId]?.UpdateReplacePolicy
    change.PolicyAction =
      policy === 'Retain'
        ? 'ReplaceAndRetain'
        : policy === 'Snapshot'
          ? 'ReplaceAndSnapshot'
          : 'ReplaceAndDelete'
  }

  for (const id of oldIds) {
    if (newIds.includes(id)) continue
    const def = before.template.Resources[id]!
    const change: ResourceChange = {
      Action: 'Remove',
      LogicalResourceId: id,
      ResourceType: def.Type,
      Scope: [],
      Details: [],
      PolicyAction:
        def.DeletionPolicy === 'Retain' || def.DeletionPolicy === 'RetainExceptOnCreate'
          ? 'Retain'
          : def.DeletionPolicy === 'Snapshot' || (def.DeletionPolicy === undefined && snapshotsByDefault(def))
            ? 'Snapshot'
            : 'Delete',
      BeforeContext: JSON.stringify({ Properties: resolve(def.Properties ?? {}, oldShown) })
    }
    const physicalId = deployed.get(id)?.physicalId
    if (physicalId !== undefined) change.PhysicalResourceId = physicalId
    changes.push(change)
  }
  return changes
}

/**
 * "For AWS::RDS::DBCluster resources and AWS::RDS::DBInstance resources that don't specify the DBClusterIdentifier
 * property, the default policy is Snapshot" (user guide, "DeletionPolicy attribute"). Only on removal: a replaced
 * resource's default UpdateReplacePolicy is Delete for every type ("UpdateReplacePolicy attribute").
 */
function snapshotsByDefault(def: { Type: string; Properties?: Record<string, unknown> }): boolean {
  return (
    def.Type === 'AWS::RDS::DBCluster' ||
    (def.Type === 'AWS::RDS::DBInstance' && def.Properties?.DBClusterIdentifier === undefined)
  )
}
