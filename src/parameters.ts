import type { Parameter } from '@aws-sdk/client-cloudformation'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { InputError } from './errors.js'
import { parseKeyValues, scalarToString, stringMap } from './settings.js'
import type { TemplateParameter } from './template/load.js'

/** A parameter value and the input it came from, so that errors can name the right one. */
interface GivenValue {
  value: string
  input: 'parameters' | 'parameters-file'
  usePrevious?: boolean
}

export interface ResolvedParameters {
  /** What CreateChangeSet receives. */
  parameters: Parameter[]
  /** Values of NoEcho parameters given by the user, to be masked before anything prints. */
  secrets: string[]
  /** Keys whose previous value is kept (UsePreviousValue). */
  kept: string[]
}

/** Reads `parameters-file`: a {Key: Value} map or CloudFormation's [{ParameterKey, ParameterValue}] array. */
export function readParametersFile(path: string, workspace: string): Record<string, GivenValue> {
  if (path === '') return {}
  const full = isAbsolute(path) ? path : resolve(workspace, path)
  if (!existsSync(full)) {
    throw new InputError(
      'parameters-file',
      `file "${path}" was not found (looked at ${full}). The path is relative to the workspace.`
    )
  }
  let data: unknown
  try {
    data = parseYaml(readFileSync(full, 'utf8'))
  } catch (err) {
    throw new InputError(
      'parameters-file',
      `"${path}" is not valid YAML or JSON: ${(err as Error).message.split('\n')[0] ?? ''}`
    )
  }
  const result: Record<string, GivenValue> = {}
  if (data === null || data === undefined) return result
  if (Array.isArray(data)) {
    data.forEach((entry: unknown, index) => {
      const item = entry as { ParameterKey?: unknown; ParameterValue?: unknown; UsePreviousValue?: unknown }
      if (typeof entry !== 'object' || entry === null || typeof item.ParameterKey !== 'string') {
        throw new InputError(
          'parameters-file',
          `entry ${index + 1} of "${path}": expected {ParameterKey: …, ParameterValue: …}, got ${JSON.stringify(entry)}.`
        )
      }
      result[item.ParameterKey] = {
        value: scalarToString('parameters-file', item.ParameterKey, item.ParameterValue),
        input: 'parameters-file',
        usePrevious: item.UsePreviousValue === true || item.UsePreviousValue === 'true'
      }
    })
    return result
  }
  for (const [key, value] of Object.entries(stringMap('parameters-file', data)))
    result[key] = { value, input: 'parameters-file' }
  return result
}

/** Reads `parameters`: `Key=Value` lines, or an inline YAML/JSON map. */
export async function readInlineParameters(text: string): Promise<Record<string, GivenValue>> {
  const result: Record<string, GivenValue> = {}
  for (const [key, value] of Object.entries(await parseKeyValues('parameters', text)))
    result[key] = { value, input: 'parameters' }
  return result
}

/** NoEcho may be written as a boolean or as the string "true". */
export function isNoEcho(def: TemplateParameter): boolean {
  return def.NoEcho === true || (typeof def.NoEcho === 'string' && def.NoEcho.toLowerCase() === 'true')
}

const isList = (type: string): boolean => type === 'CommaDelimitedList' || type.startsWith('List<')

/**
 * Merges the file and the inline overrides (inline wins), checks every key and value against the template's
 * declared parameters, and decides which previous values to keep. `previous` holds the deployed stack's
 * parameter keys (undefined when the stack will be created).
 */
export function resolveParameters(
  declared: Record<string, TemplateParameter>,
  given: Record<string, GivenValue>,
  previous: Set<string> | undefined
): ResolvedParameters {
  const declaredKeys = Object.keys(declared)
  for (const [key, entry] of Object.entries(given)) {
    if (!(key in declared)) {
      const hint = closest(key, declaredKeys)
      throw new InputError(
        entry.input,
        `unknown parameter "${key}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}. The template declares: ${declaredKeys.join(', ') || '(none)'}.`
      )
    }
  }
  const parameters: Parameter[] = []
  const secrets: string[] = []
  const kept: string[] = []
  const missing: string[] = []
  for (const [key, def] of Object.entries(declared)) {
    const entry = given[key]
    if (entry !== undefined && !entry.usePrevious) {
      checkValue(key, entry, def)
      parameters.push({ ParameterKey: key, ParameterValue: entry.value })
      if (isNoEcho(def) && entry.value !== '') secrets.push(entry.value)
    } else if (previous?.has(key) === true) {
      parameters.push({ ParameterKey: key, UsePreviousValue: true })
      kept.push(key)
    } else if (entry?.usePrevious === true) {
      throw new InputError(
        entry.input,
        `"${key}" asks for UsePreviousValue, but the stack has no previous value for it. Give a value.`
      )
    } else if (def.Default === undefined) {
      missing.push(key)
    }
  }
  if (missing.length > 0) {
    throw new InputError(
      'parameters',
      `the template requires ${missing.map(k => `"${k}"`).join(', ')}: no default and no previous value. Add ${missing.length === 1 ? 'it' : 'them'} to parameters or parameters-file.`
    )
  }
  return { parameters, secrets, kept }
}

function checkValue(key: string, entry: GivenValue, def: TemplateParameter): void {
  const shown = isNoEcho(def) ? '(NoEcho value)' : `"${entry.value}"`
  const fail = (expected: string): never => {
    throw new InputError(
      entry.input,
      `parameter "${key}" = ${shown} is not allowed: ${def.ConstraintDescription ?? expected}.`
    )
  }
  const items = isList(def.Type) ? entry.value.split(',').map(item => item.trim()) : [entry.value]
  for (const item of items) {
    if (def.AllowedValues !== undefined && !def.AllowedValues.map(String).includes(item)) {
      fail(`expected one of ${def.AllowedValues.map(String).join(', ')}`)
    }
    if (def.AllowedPattern !== undefined && !new RegExp(`^(?:${def.AllowedPattern})$`).test(item)) {
      fail(`expected a value matching ${def.AllowedPattern}`)
    }
    if (def.Type === 'Number' || def.Type === 'List<Number>') {
      if (item === '' || Number.isNaN(Number(item))) fail('expected a number')
      if (def.MinValue !== undefined && Number(item) < Number(def.MinValue))
        fail(`expected at least ${def.MinValue}`)
      if (def.MaxValue !== undefined && Number(item) > Number(def.MaxValue))
        fail(`expected at most ${def.MaxValue}`)
    }
    if (def.MinLength !== undefined && item.length < Number(def.MinLength))
      fail(`expected at least ${def.MinLength} characters`)
    if (def.MaxLength !== undefined && item.length > Number(def.MaxLength))
      fail(`expected at most ${def.MaxLength} characters`)
  }
}

/** The declared key nearest to a misspelt one (case-insensitive edit distance up to 3). */
function closest(key: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 4
  for (const candidate of candidates) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
      previous = current
    }
  }
  return row[b.length] as number
}
