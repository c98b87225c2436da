import type { Capability } from '../settings/settings.js'
import { InputError } from '../run/errors.js'
import { parseTemplateBody } from './cfn-yaml.js'

/**
 * The capabilities a template needs, read from the template before CreateChangeSet, so that a missing one is an
 * input error naming the `capabilities` value to use instead of CloudFormation's InsufficientCapabilities.
 *
 * "Acknowledging IAM resources in CloudFormation templates" (AWS CloudFormation User Guide): templates with IAM
 * resources need CAPABILITY_IAM, and those that give IAM resources custom names CAPABILITY_NAMED_IAM (which
 * covers CAPABILITY_IAM). Macros and transforms need CAPABILITY_AUTO_EXPAND when a stack is created from the
 * processed template; the CreateChangeSet reference says it "doesn't apply to creating change sets", so that one
 * is a note, not a refusal: CloudFormation decides (shared/reference/aws-semantics.md).
 */

/** IAM resource types and the property that gives each a custom name. */
const IAM_NAME_PROPERTY: Readonly<Record<string, string | undefined>> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::UserToGroupAddition': undefined
}

export interface NeededCapabilities {
  iam: boolean
  namedIam: boolean
  /** Why the template may need CAPABILITY_AUTO_EXPAND (a transform, a macro, a nested stack), or ''. */
  autoExpand: string
}

type Resources = Record<string, { Type?: unknown; Properties?: Record<string, unknown> } | null>

function hasFnTransform(value: unknown, depth = 0): boolean {
  if (depth > 64 || typeof value !== 'object' || value === null) return false
  if (!Array.isArray(value) && Object.hasOwn(value, 'Fn::Transform')) return true
  return Object.values(value).some(v => hasFnTransform(v, depth + 1))
}

export function neededCapabilities(body: string): NeededCapabilities {
  const template = parseTemplateBody(body) as { Resources?: Resources; Transform?: unknown }
  const resources = Object.values(template.Resources ?? {}).filter(r => r !== null && typeof r === 'object')
  const iam = resources.filter(r => typeof r?.Type === 'string' && Object.hasOwn(IAM_NAME_PROPERTY, r.Type))
  const namedIam = iam.some(r => {
    const property = IAM_NAME_PROPERTY[r?.Type as string]
    return property !== undefined && r?.Properties?.[property] !== undefined
  })
  const types = resources.map(r => (typeof r?.Type === 'string' ? r.Type : ''))
  const autoExpand =
    template.Transform !== undefined
      ? 'its Transform'
      : types.includes('AWS::CloudFormation::Macro')
        ? 'a macro'
        : hasFnTransform(template)
          ? 'an Fn::Transform'
          : types.includes('AWS::CloudFormation::Stack')
            ? 'its nested stacks'
            : ''
  return { iam: iam.length > 0, namedIam, autoExpand }
}

/**
 * Refuses, before CreateChangeSet, a `capabilities` input that lacks what the template's IAM resources need.
 * Returns a note when the template may need CAPABILITY_AUTO_EXPAND and it is not given ('' otherwise).
 */
export function checkCapabilities(body: string, origin: string, given: readonly Capability[]): string {
  const needed = neededCapabilities(body)
  const has = (c: Capability): boolean => given.includes(c)
  const missing: Capability[] = []
  if (needed.namedIam && !has('CAPABILITY_NAMED_IAM')) missing.push('CAPABILITY_NAMED_IAM')
  else if (needed.iam && !has('CAPABILITY_IAM') && !has('CAPABILITY_NAMED_IAM'))
    missing.push('CAPABILITY_IAM')
  if (missing.length > 0) {
    const wanted = [
      ...new Set([...given.filter(c => c !== 'CAPABILITY_IAM' || !needed.namedIam), ...missing])
    ]
    throw new InputError(
      'capabilities',
      `${origin} ${needed.namedIam ? 'gives IAM resources custom names' : 'creates IAM resources'}, which needs ${missing.join(', ')}; capabilities is "${given.join(',')}". Set capabilities: ${wanted.join(',')}.`
    )
  }
  if (needed.autoExpand !== '' && !has('CAPABILITY_AUTO_EXPAND'))
    return `${origin} may need CAPABILITY_AUTO_EXPAND (${needed.autoExpand}); if CloudFormation asks for it, add it to capabilities.`
  return ''
}
