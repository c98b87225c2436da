import { InputError } from '../run/errors.js'
import type { ScalarPolicy } from '../template/yaml-data.js'
import { messageLine } from './key-values.js'

/**
 * The `tags` input: Key=Value lines, a YAML/JSON map, or the official action's JSON array, checked against
 * CloudFormation's tag limits before any call. Values are read as written, as parameter values are
 * (template/parameter-values.ts): a tag is a string, and `0042`, `1.10` or `0x1F` is the text the user typed. Keys
 * are ordinary strings, `constructor` and `__proto__` included.
 */

type Tags = Record<string, string>
const emptyTags = (): Tags => Object.create(null) as Tags

const TAG_KEY_MAX = 128
const TAG_VALUE_MAX = 256
const MAX_TAGS = 50
/** The tag the action adds for `environment` (counted against CloudFormation's 50). */
export const ENVIRONMENT_TAG = 'metaflow-deploy:environment'

export async function parseTags(
  value: string,
  environment: string
): Promise<Record<string, string> | undefined> {
  if (value === '') return undefined
  const text = value.trim()
  const tags = text.startsWith('[')
    ? tagList(text)
    : text.startsWith('{') || /^[A-Za-z0-9_.:/@+-]+\s*:(?:\s|$)/.test(text.split('\n')[0] ?? '')
      ? await tagMap(text)
      : tagLines(text)
  const keys = Object.keys(tags)
  const total = keys.length + (environment !== '' && !Object.hasOwn(tags, ENVIRONMENT_TAG) ? 1 : 0)
  if (total > MAX_TAGS) {
    throw new InputError(
      'tags',
      `${keys.length} tags given${total > keys.length ? `, plus the ${ENVIRONMENT_TAG} tag that environment adds` : ''}; CloudFormation accepts at most ${MAX_TAGS}.`
    )
  }
  for (const key of keys) {
    const tagValue = tags[key] ?? ''
    if (key.length > TAG_KEY_MAX)
      throw new InputError('tags', `key "${key.slice(0, 40)}…" is longer than ${TAG_KEY_MAX} characters.`)
    if (/^aws:/i.test(key)) throw new InputError('tags', `key "${key}" uses the reserved prefix aws:.`)
    if (tagValue.length > TAG_VALUE_MAX)
      throw new InputError('tags', `the value of "${key}" is longer than ${TAG_VALUE_MAX} characters.`)
  }
  return tags
}

/**
 * The official CloudFormation action's tag form, a JSON array `[{"Key": "k", "Value": "v"}]`, read as it is so
 * that workflows moving over keep working.
 */
function tagList(text: string): Record<string, string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new InputError('tags', `looks like a JSON array but does not parse: ${messageLine(err)}`)
  }
  const result = emptyTags()
  for (const [index, entry] of (Array.isArray(parsed) ? parsed : [undefined]).entries()) {
    const { Key, Value } = (entry ?? {}) as { Key?: unknown; Value?: unknown }
    if (typeof Key !== 'string' || Key === '' || (Value !== undefined && typeof Value !== 'string')) {
      throw new InputError(
        'tags',
        `entry ${index + 1}: expected {"Key": "name", "Value": "text"} (the official action's form), or write Key=Value lines.`
      )
    }
    if (Object.hasOwn(result, Key)) throw new InputError('tags', `"${Key}" is given twice.`)
    result[Key] = Value ?? ''
  }
  return result
}

/** `Key=Value` lines; blank lines and `#` comments skipped; a value may be quoted. */
function tagLines(text: string): Tags {
  const result = emptyTags()
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const eq = line.indexOf('=')
    if (eq <= 0) throw new InputError('tags', `line ${index + 1}: expected Key=Value, got "${line}".`)
    const key = line.slice(0, eq).trim()
    if (/\s/.test(key)) {
      throw new InputError('tags', `line ${index + 1}: "${key}" is not a valid key (no spaces allowed).`)
    }
    if (Object.hasOwn(result, key))
      throw new InputError('tags', `line ${index + 1}: "${key}" is given twice.`)
    const written = line.slice(eq + 1).trim()
    const quoted = written.length >= 2 && /^["']/.test(written) && written.endsWith(written[0] ?? '')
    result[key] = quoted ? written.slice(1, -1) : written
  })
  return result
}

/** A JSON number: in a JSON map it has already lost how it was written (`1.10` is 1.1), so it must be quoted. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * A YAML or JSON map, every unquoted scalar kept as written (`~`, `null` and nothing mean an empty value). In a
 * JSON map an unquoted number is refused: JSON readers (and so the user's own tools) read `1.10` as 1.1, so
 * the text cannot be trusted to mean what it shows.
 */
async function tagMap(text: string): Promise<Tags> {
  const { readYaml, YamlSyntaxError } = await import('../template/yaml-data.js')
  const json = text.startsWith('{') && isJson(text)
  const policy: ScalarPolicy = {
    plain: source => {
      if (/^(?:~|null|Null|NULL|)$/.test(source)) return ''
      if (json && JSON_NUMBER.test(source)) return new UnquotedNumber(source)
      return source
    },
    standard: (_type, source) => source
  }
  let parsed: unknown
  try {
    parsed = readYaml(text, policy)
  } catch (err) {
    if (err instanceof YamlSyntaxError)
      throw new InputError('tags', `is not a valid YAML/JSON map: ${err.message}.`)
    throw err
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('tags', 'expected a map of Key: Value.')
  }
  const result = emptyTags()
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (value instanceof UnquotedNumber) {
      throw new InputError(
        'tags',
        `the value of "${key}" is the JSON number ${value.source}; quote it ("${key}": "${value.source}") so the tag is the text you wrote, not the number a JSON reader makes of it.`
      )
    }
    if (typeof value !== 'string') {
      throw new InputError(
        'tags',
        `the value of "${key}" must be a string, got a ${Array.isArray(value) ? 'list' : 'map'}.`
      )
    }
    result[key] = value
  }
  return result
}

/** JSON rather than a YAML flow map (`{Build: 0042}`), whose plain scalars are text as YAML writes them. */
function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

class UnquotedNumber {
  constructor(readonly source: string) {}
}
