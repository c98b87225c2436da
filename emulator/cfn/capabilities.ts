/** Which capabilities a template needs (IAM resources, named or not), for CreateChangeSet and template summaries. */
import { IAM_TYPES, isNamedIam } from '../resource-types.js'
import { CfnError } from './errors.js'
import type { Template } from './template.js'

export function checkCapabilities(template: Template, given: string[]): void {
  // CAPABILITY_AUTO_EXPAND "doesn't apply to creating change sets, and specifying it when creating change sets
  // has no effect" (CreateChangeSet API reference, Capabilities): a Transform is not refused here.
  const resources = Object.values(template.Resources)
  if (
    resources.some(r => isNamedIam(r.Type, r.Properties ?? {})) &&
    !given.includes('CAPABILITY_NAMED_IAM')
  ) {
    throw new CfnError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_NAMED_IAM]')
  }
  if (
    resources.some(r => IAM_TYPES.has(r.Type)) &&
    !given.includes('CAPABILITY_IAM') &&
    !given.includes('CAPABILITY_NAMED_IAM')
  ) {
    throw new CfnError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]')
  }
}

/** The Capabilities and CapabilitiesReason that GetTemplateSummary and ValidateTemplate report. */
export function capabilitiesOf(template: Template): { Capabilities?: string[]; CapabilitiesReason?: string } {
  const iam = Object.entries(template.Resources).filter(([, r]) => IAM_TYPES.has(r.Type))
  if (iam.length === 0) return {}
  const named = iam.some(([, r]) => isNamedIam(r.Type, r.Properties ?? {}))
  return {
    Capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
    CapabilitiesReason: `The following resource(s) require capabilities: [${[...new Set(iam.map(([, r]) => r.Type))].join(', ')}]`
  }
}
