import { parseDocument, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml'

/**
 * CloudFormation's short-form tags (`!Ref`, `!Sub`, …) in their long form. Plain YAML parsers drop unknown tags
 * with only a warning, which would silently deploy a different template; here every tag maps to its intrinsic.
 */
const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'ForEach'
] as const

function intrinsic(name: string, value: unknown): Record<string, unknown> {
  return { [name]: value }
}

function getAtt(value: unknown): unknown {
  // `!GetAtt Resource.Attribute.With.Dots` splits at the first dot only, as CloudFormation does.
  if (typeof value !== 'string') return value
  const dot = value.indexOf('.')
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)]
}

function tagsFor(tag: string, build: (value: unknown) => unknown): (ScalarTag | CollectionTag)[] {
  return [
    { tag, resolve: (str: string) => build(str) },
    { tag, collection: 'seq', resolve: (seq: YAMLSeq) => build(seq.toJSON()) } as unknown as CollectionTag,
    { tag, collection: 'map', resolve: (map: YAMLMap) => build(map.toJSON()) } as unknown as CollectionTag
  ]
}

const CFN_TAGS: (ScalarTag | CollectionTag)[] = [
  ...tagsFor('!Ref', value => intrinsic('Ref', value)),
  ...tagsFor('!Condition', value => intrinsic('Condition', value)),
  ...tagsFor('!GetAtt', value => intrinsic('Fn::GetAtt', getAtt(value))),
  ...FUNCTIONS.flatMap(name => tagsFor(`!${name}`, value => intrinsic(`Fn::${name}`, value)))
]

export class TemplateSyntaxError extends Error {}

/**
 * Parses a template body, JSON or YAML with short-form tags, into plain data. Duplicate keys are errors, as
 * CloudFormation rejects them too.
 */
export function parseTemplateBody(body: string): unknown {
  const text = body.replace(/^\uFEFF/, '')
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as unknown
    } catch (err) {
      throw new TemplateSyntaxError(`invalid JSON: ${(err as Error).message}`)
    }
  }
  const document = parseDocument(text, {
    customTags: CFN_TAGS,
    uniqueKeys: true,
    prettyErrors: true,
    version: '1.2'
  })
  // An unknown tag (`!Reff`) is only a warning to the YAML library, which then reads the value as a plain string;
  // CloudFormation rejects it, so it is an error here too.
  const problem = document.errors[0] ?? document.warnings[0]
  if (problem !== undefined) {
    throw new TemplateSyntaxError(`invalid YAML: ${problem.message.split('\n').slice(0, 3).join(' ').trim()}`)
  }
  return document.toJS({ maxAliasCount: 1000 }) as unknown
}
