import { readYaml, YamlSyntaxError, type ScalarPolicy } from './yaml-data.js'

/**
 * Every short-form function CloudFormation's YAML reads as `Fn::Name` (intrinsic function reference, plus the
 * Rules functions of the "Rules" user guide page). `!Ref`, `!Condition` and `!GetAtt` are handled apart.
 */
const FUNCTIONS = new Set([
  'And',
  'Base64',
  'Cidr',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'Equals',
  'FindInMap',
  'ForEach',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'RefAll',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'ValueOf',
  'ValueOfAll'
])

/**
 * YAML 1.1 booleans as CloudFormation reads them (and cfn-lint, whose loader is PyYAML's): the resolver of
 * SnakeYAML and PyYAML takes exactly these spellings (lower, Capitalised and UPPER case; not `y`/`n`, not `yEs`).
 * So `AllowedValues: [Yes, No]` means "true"/"false" to CloudFormation (aws-cli #5257, ASFHyP3/hyp3 #2061).
 */
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/
const NULL = /^(?:~|null|Null|NULL|)$/
/** YAML 1.2 core numbers (decimal, 0o octal, 0x hex, floats, infinities): the forms JSON and YAML agree on. */
const INT = /^[-+]?[0-9]+$/
const OCTAL = /^0o[0-7]+$/
const HEX = /^0x[0-9a-fA-F]+$/
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/
const NAN = /^\.(?:nan|NaN|NAN)$/

function plainScalar(source: string): unknown {
  if (NULL.test(source)) return null
  if (TRUE.test(source)) return true
  if (FALSE.test(source)) return false
  if (INT.test(source) || FLOAT.test(source)) return Number(source)
  if (OCTAL.test(source)) return parseInt(source.slice(2), 8)
  if (HEX.test(source)) return parseInt(source.slice(2), 16)
  if (INFINITY.test(source)) return source.startsWith('-') ? -Infinity : Infinity
  if (NAN.test(source)) return NaN
  return source
}

function standardScalar(type: string, source: string): unknown {
  switch (type) {
    case 'null':
      return null
    case 'bool':
      return TRUE.test(source)
    case 'int':
    case 'float':
      return Number(source)
    default:
      return source
  }
}

function shortForm(tag: string, value: unknown): unknown {
  // A tag on an empty node (`!GetAZs` alone) is an empty string, as `!GetAZs ''` is.
  const argument = value === null ? '' : value
  const name = tag.slice(1)
  if (name === 'Ref') return { Ref: argument }
  if (name === 'Condition') return { Condition: argument }
  if (name === 'GetAtt') {
    // `!GetAtt Resource.Attribute.With.Dots` splits at the first dot only, as CloudFormation does.
    if (typeof argument !== 'string') return { 'Fn::GetAtt': argument }
    const dot = argument.indexOf('.')
    return { 'Fn::GetAtt': dot < 0 ? [argument] : [argument.slice(0, dot), argument.slice(dot + 1)] }
  }
  if (tag.startsWith('!') && FUNCTIONS.has(name)) return { [`Fn::${name}`]: argument }
  return undefined
}

/** How CloudFormation reads a template's scalars and short forms. */
export const CLOUDFORMATION_YAML: ScalarPolicy = {
  plain: plainScalar,
  standard: standardScalar,
  local: shortForm
}

export class TemplateSyntaxError extends Error {}

/**
 * Parses a template body, JSON or YAML with short-form tags, into plain data (maps without a prototype). A YAML
 * template may start with `{` (a flow map), so JSON goes through the same YAML reader, which also makes duplicate
 * keys an error in both, as they are in CloudFormation's YAML. An unknown tag (`!Reff`) is an error: read as a
 * plain string it would silently deploy a different template.
 */
export function parseTemplateBody(body: string): unknown {
  const json = /^\uFEFF?\s*[{[]/.test(body) && !/^\uFEFF?\s*\{\s*[A-Za-z]/.test(body)
  try {
    return readYaml(body, CLOUDFORMATION_YAML)
  } catch (err) {
    if (err instanceof YamlSyntaxError) {
      throw new TemplateSyntaxError(`invalid ${json ? 'JSON' : 'YAML'}: ${err.message}`)
    }
    throw err
  }
}
