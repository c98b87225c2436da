import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { isResourceRef, type TemplateResource } from './resolve-template.js'
import type { Neighbours } from './mappings.js'

/**
 * The stack's resources before and after a change set: the touched ones from the change set's own property
 * values (BeforeContext / AfterContext, as CloudFormation resolved them), the others from the template and the
 * change set's parameter values. References stay symbolic where CloudFormation shows a value only known after apply.
 */

export interface SideResource extends TemplateResource {
  physicalId?: string
}

export interface StackSides {
  before: SideResource[]
  after: SideResource[]
}

const KNOWN_AFTER_APPLY = '{{changeSet:KNOWN_AFTER_APPLY}}'

function contextProperties(context: string | undefined): Record<string, unknown> | undefined {
  if (context === undefined || context === '') return undefined
  try {
    const parsed = JSON.parse(context) as { Properties?: unknown }
    const props = parsed.Properties
    return typeof props === 'object' && props !== null && !Array.isArray(props)
      ? (props as Record<string, unknown>)
      : {}
  } catch {
    return undefined
  }
}

/** The context's values, except where it shows a placeholder or the template holds a reference to a resource. */
function overlay(
  base: Record<string, unknown> | undefined,
  context: Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...context }
  for (const [key, value] of Object.entries(context)) {
    const known = base?.[key]
    if (known === undefined) continue
    if (isResourceRef(known) || JSON.stringify(value).includes(KNOWN_AFTER_APPLY)) out[key] = known
  }
  return out
}

/** Both sides of the stack, from the template's resources (after) and the change set's resource changes. */
export function stackSides(resolved: TemplateResource[], changes: readonly ResourceChange[]): StackSides {
  const byId = new Map(resolved.map(r => [r.logicalId, r]))
  const change = new Map(changes.map(c => [c.LogicalResourceId ?? '', c]))
  const after: SideResource[] = []
  const before: SideResource[] = []
  for (const resource of resolved) {
    const c = change.get(resource.logicalId)
    if (c?.Action === 'Remove') continue
    const afterProps = contextProperties(c?.AfterContext)
    after.push(
      afterProps === undefined
        ? resource
        : { ...resource, properties: overlay(resource.properties, afterProps) }
    )
    if (c?.Action === 'Add') continue
    const beforeProps = contextProperties(c?.BeforeContext)
    before.push({
      ...resource,
      ...(c?.PhysicalResourceId === undefined ? {} : { physicalId: c.PhysicalResourceId }),
      properties: beforeProps === undefined ? resource.properties : overlay(resource.properties, beforeProps)
    })
  }
  for (const c of changes) {
    const id = c.LogicalResourceId ?? ''
    if (c.Action !== 'Remove' || byId.has(id)) continue
    before.push({
      logicalId: id,
      type: c.ResourceType ?? '',
      properties: contextProperties(c.BeforeContext) ?? {},
      ...(c.PhysicalResourceId === undefined ? {} : { physicalId: c.PhysicalResourceId })
    })
  }
  return { before, after }
}

/** Finds a referenced resource on one side: by the template's reference, or by the physical id CloudFormation shows. */
export function neighboursOn(side: readonly SideResource[]): Neighbours {
  return {
    find: reference => {
      if (isResourceRef(reference)) return side.find(r => r.logicalId === reference.ref)
      if (typeof reference !== 'string') return undefined
      return side.find(r => r.physicalId === reference || r.logicalId === reference)
    }
  }
}
