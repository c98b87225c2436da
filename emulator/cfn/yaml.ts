import {
  parseDocument,
  type CollectionTag,
  type ScalarTag,
  type Tags,
  type YAMLMap,
  type YAMLSeq
} from 'yaml'

/**
 * The emulator's own template reader, written from CloudFormation's documentation and cfn-lint's decoder rather
 * than from the action's parser, so that the two can disagree.
 *
 * - JSON templates, and YAML templates (a YAML flow mapping may start with `{` without being JSON).
 * - YAML 1.1 scalars, as the YAML libraries behind CloudFormation and cfn-lint (SnakeYAML, PyYAML) resolve them:
 *   unquoted `yes`/`no`/`on`/`off`/`true`/`false` (lower, Capitalised or UPPER case) are booleans and reach
 *   CloudFormation as "true"/"false" (aws-cli issue #5257; cfn-lint decoder). `y`/`n` stay strings: neither
 *   SnakeYAML's nor PyYAML's boolean pattern has them (the `yaml` package's 1.1 schema does, so it is replaced).
 * - Every short form `!Name` is `Fn::Name`, except `!Ref` (Ref) and `!Condition` (Condition); `!GetAtt a.b.c` is
 *   `Fn::GetAtt: [a, b.c]` (user guide, "Intrinsic function reference"; cfn-lint's multi-constructor maps any
 *   `!` tag this way, which covers the Rules functions `!Contains`, `!EachMemberEquals`, `!EachMemberIn`,
 *   `!ValueOf`, `!ValueOfAll`, `!RefAll` as well).
 * - Dates are not converted (`AWSTemplateFormatVersion: 2010-09-09` unquoted stays the string), and a number whose
 *   text would not survive a round trip (`012345678901`, `1.10`) keeps its text: CloudFormation treats template
 *   scalars as strings.
 */
export class TemplateSyntaxError extends Error {}

/** SnakeYAML's and PyYAML's YAML 1.1 boolean resolver patterns. */
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/
const FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/
const NUMBER = /^[-+]?(?:\d[\d_]*)?(?:\.[\d_]*)?(?:[eE][-+]?\d+)?$/
const NULL = /^(?:~|null|Null|NULL|)$/

const SCALARS: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:null', default: true, test: NULL, resolve: () => null },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: TRUE, resolve: () => true },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: FALSE, resolve: () => false },
  {
    tag: 'tag:yaml.org,2002:float',
    default: true,
    test: NUMBER,
    resolve: (text: string) => {
      if (!/\d/.test(text)) return text
      const value = Number(text.replace(/_/g, ''))
      return Number.isFinite(value) && String(value) === text ? value : text
    }
  }
]

/** Tags of the YAML 1.1 schema the reader keeps: maps, sequences and strings. */
function baseTags(tags: Tags): Tags {
  return tags.filter(t => typeof t !== 'string' && /:(map|seq|str|merge)$/.test(t.tag))
}

function shortFormTags(name: string): (ScalarTag | CollectionTag)[] {
  const tag = `!${name}`
  const build = (value: unknown): Record<string, unknown> => {
    if (name === 'Ref' || name === 'Condition') return { [name]: value }
    if (name === 'GetAtt' && typeof value === 'string') {
      const dot = value.indexOf('.')
      return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] }
    }
    return { [`Fn::${name}`]: value }
  }
  return [
    { tag, resolve: (text: string) => build(text) },
    { tag, collection: 'seq', resolve: (seq: YAMLSeq) => build(seq.toJSON()) } as unknown as CollectionTag,
    { tag, collection: 'map', resolve: (map: YAMLMap) => build(map.toJSON()) } as unknown as CollectionTag
  ]
}

/** Parses a template body (JSON or YAML) into plain data, as CloudFormation reads it. */
export function readTemplate(body: string): unknown {
  const text = body.replace(/^\uFEFF/, '')
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      // Not JSON: a YAML flow mapping is read as YAML below.
    }
  }
  // Every `!Name` that appears in the text gets a tag; a name inside a string only adds an unused tag.
  const names = new Set([...text.matchAll(/!([A-Za-z][A-Za-z0-9]*)/g)].map(m => m[1] as string))
  const document = parseDocument(text, {
    version: '1.1',
    customTags: tags => [...SCALARS, ...baseTags(tags), ...[...names].flatMap(shortFormTags)],
    uniqueKeys: true,
    prettyErrors: false
  })
  const problem = document.errors[0] ?? document.warnings[0]
  if (problem !== undefined) {
    throw new TemplateSyntaxError(problem.message.split('\n')[0]?.trim() ?? 'malformed YAML')
  }
  return document.toJS({ maxAliasCount: 1000 }) as unknown
}
