import { parseTemplateBody } from '../template/cfn-yaml.js'

/**
 * What a template holds that changes how it is planned, read from the PARSED template, never its text: a regex on
 * the text misses `AWS::CloudFormation::St\u0061ck` in JSON (the same type to CloudFormation) and trips on a
 * `TransformFunction` resource name. Parsed with the same reader that loaded the template.
 */
export interface TemplateFeatures {
  /** AWS::CloudFormation::Stack resources, or SAM applications that become them. */
  nestedStacks: boolean
  /** A top-level `Transform` (SAM, LanguageExtensions, macros) or an `Fn::Transform` anywhere: expanded anew. */
  transforms: boolean
  /** Registry modules (types ending `::MODULE`): AWS resolves the module's version at every update. */
  modules: boolean
  /** `Fn::GetStackOutput`: another stack's output, read anew at every update. */
  stackOutputs: boolean
}

const NESTED_TYPES = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application'])

export function templateFeatures(body: string): TemplateFeatures {
  const template = parseTemplateBody(body)
  const root = isMap(template) ? template : {}
  const resources = isMap(root.Resources) ? Object.values(root.Resources) : []
  const types = resources.flatMap(r => (isMap(r) && typeof r.Type === 'string' ? [r.Type] : []))
  const keys = new Set<string>()
  collectKeys(template, keys)
  return {
    nestedStacks: types.some(type => NESTED_TYPES.has(type)),
    transforms: Object.hasOwn(root, 'Transform') || keys.has('Fn::Transform'),
    modules: types.some(type => type.endsWith('::MODULE')),
    stackOutputs: keys.has('Fn::GetStackOutput')
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every map key anywhere in the template (intrinsic functions are keys of one-key maps). */
function collectKeys(value: unknown, keys: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys)
  } else if (isMap(value)) {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key)
      collectKeys(inner, keys)
    }
  }
}
