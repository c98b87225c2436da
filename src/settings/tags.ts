import { InputError } from '../run/errors.js'
import { messageLine, parseKeyValues } from './key-values.js'

/**
 * The `tags` input: Key=Value lines, a YAML/JSON map, or the official action's JSON array, checked against
 * CloudFormation's tag limits before any call.
 */

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
  const tags = value.startsWith('[') ? tagList(value) : await parseKeyValues('tags', value)
  const keys = Object.keys(tags)
  const total = keys.length + (environment !== '' && !(ENVIRONMENT_TAG in tags) ? 1 : 0)
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
  const result: Record<string, string> = {}
  for (const [index, entry] of (Array.isArray(parsed) ? parsed : [undefined]).entries()) {
    const { Key, Value } = (entry ?? {}) as { Key?: unknown; Value?: unknown }
    if (typeof Key !== 'string' || Key === '' || (Value !== undefined && typeof Value !== 'string')) {
      throw new InputError(
        'tags',
        `entry ${index + 1}: expected {"Key": "name", "Value": "text"} (the official action's form), or write Key=Value lines.`
      )
    }
    if (Key in result) throw new InputError('tags', `"${Key}" is given twice.`)
    result[Key] = Value ?? ''
  }
  return result
}
