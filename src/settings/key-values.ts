import { InputError } from '../run/errors.js'

/** Readers for the list and map forms that several inputs share (tags, parameters, capabilities, topics). */

/** Splits a comma- or newline-separated list, dropping blanks. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(item => item !== '')
}

export function messageLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? ''
}

/**
 * Reads `Key=Value` lines, or a YAML/JSON map, into an ordered record of strings. Used for `tags` and
 * `parameters`; every malformed entry is an error naming the input and the line.
 */
export async function parseKeyValues(input: string, text: string): Promise<Record<string, string>> {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  if (trimmed.startsWith('{') || /^[A-Za-z0-9_.:/@+-]+\s*:\s/m.test(trimmed.split('\n')[0] ?? '')) {
    return parseMap(input, trimmed)
  }
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const eq = line.indexOf('=')
    if (eq <= 0) {
      // A parameters line may hold a secret (a NoEcho value typed without its key): name the line, never echo it.
      const got = input === 'parameters' ? '' : `, got "${line}"`
      throw new InputError(input, `line ${index + 1}: expected Key=Value${got}.`)
    }
    const key = line.slice(0, eq).trim()
    if (key === '' || /\s/.test(key)) {
      throw new InputError(input, `line ${index + 1}: "${key}" is not a valid key (no spaces allowed).`)
    }
    if (key in result) throw new InputError(input, `line ${index + 1}: "${key}" is given twice.`)
    result[key] = unquote(line.slice(eq + 1).trim())
  })
  return result
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    return value.slice(1, -1)
  }
  return value
}

async function parseMap(input: string, text: string): Promise<Record<string, string>> {
  // The YAML library is loaded only for YAML maps: most runs never need it before their first AWS call.
  const parse = text.startsWith('{') ? (t: string): unknown => JSON.parse(t) : (await import('yaml')).parse
  let parsed: unknown
  try {
    parsed = parse(text)
  } catch (err) {
    throw new InputError(
      input,
      `is not a valid YAML/JSON map: ${(err as Error).message.split('\n')[0] ?? ''}`
    )
  }
  return stringMap(input, parsed)
}

/** Checks that a parsed value is a flat map of scalars and returns it as strings. */
export function stringMap(input: string, parsed: unknown): Record<string, string> {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(input, 'expected a map of Key: Value.')
  }
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    result[key] = scalarToString(input, key, value)
  }
  return result
}

/** CloudFormation takes every value as a string; lists become comma-joined (CommaDelimitedList). */
export function scalarToString(input: string, key: string, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every(item => ['string', 'number', 'boolean'].includes(typeof item))) {
    return value.map(String).join(',')
  }
  throw new InputError(
    input,
    // Values may be secrets: the message names the key and the kind of value, never the value.
    `the value of "${key}" must be a string, number, boolean or list of those, got ${Array.isArray(value) ? 'a list holding a map or list' : 'a map'}.`
  )
}
