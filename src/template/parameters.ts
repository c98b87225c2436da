import type { Parameter } from '@aws-sdk/client-cloudformation'
import { InputError } from '../run/errors.js'
import { compileJavaPattern } from './java-pattern.js'
import { SHORT_SECRET, shortSecretWarning } from '../render/redact.js'
import type { TemplateParameter } from './load.js'
import { shownKey, type GivenValue, type GivenValues } from './parameter-values.js'

export {
  PARAMETERS_FILE_LIMIT,
  parseInlineParameters,
  readInlineParameters,
  readParametersFile,
  type GivenValue,
  type GivenValues
} from './parameter-values.js'

export interface ResolvedParameters {
  /** What CreateChangeSet receives. */
  parameters: Parameter[]
  /** Values of NoEcho parameters given by the user, to be masked before anything prints. */
  secrets: string[]
  /** Keys whose previous value is kept (UsePreviousValue). */
  kept: string[]
  /** Checks left to CloudFormation (an AllowedPattern in Java syntax), for the log. */
  warnings: string[]
}

/** NoEcho may be written as a boolean (including YAML 1.1 `yes`) or as the string "true". */
export function isNoEcho(def: TemplateParameter): boolean {
  return def.NoEcho === true || (typeof def.NoEcho === 'string' && def.NoEcho.toLowerCase() === 'true')
}

const isList = (type: string): boolean => type === 'CommaDelimitedList' || type.startsWith('List<')
const has = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key)

/**
 * Merges nothing (callers pass the file's values overlaid with the inline ones), checks every key and value
 * against the template's declared parameters, and decides which previous values to keep. `previous` holds the
 * deployed stack's parameter keys (undefined when the stack will be created). Keys are looked up as own
 * properties only: `constructor` or `__proto__` is never "declared" by an object's prototype.
 */
export function resolveParameters(
  declared: Record<string, TemplateParameter>,
  given: GivenValues,
  previous: Set<string> | undefined
): ResolvedParameters {
  const declaredKeys = Object.keys(declared)
  for (const key of Object.keys(given)) {
    if (!has(declared, key)) {
      const hint = closest(key, declaredKeys)
      throw new InputError(
        (given[key] as GivenValue).input,
        `unknown parameter ${shownKey(key)}${hint === undefined ? '' : ` (did you mean "${hint}"?)`}. The template declares: ${declaredKeys.join(', ') || '(none)'}.`
      )
    }
  }
  const parameters: Parameter[] = []
  const secrets: string[] = []
  const kept: string[] = []
  const missing: string[] = []
  const warnings: string[] = []
  for (const key of declaredKeys) {
    const def = declared[key] as TemplateParameter
    const entry = has(given, key) ? given[key] : undefined
    if (entry !== undefined && entry.usePrevious !== true) {
      // Masked before the checks: nothing below may print it, but a NoEcho value is a secret from here on.
      if (isNoEcho(def) && entry.value !== '') {
        secrets.push(entry.value)
        if (entry.value.length < SHORT_SECRET) warnings.push(shortSecretWarning(key))
      }
      checkValue(key, entry, def, warnings)
      parameters.push({ ParameterKey: key, ParameterValue: entry.value })
    } else if (previous?.has(key) === true) {
      parameters.push({ ParameterKey: key, UsePreviousValue: true })
      kept.push(key)
    } else if (entry?.usePrevious === true) {
      throw new InputError(
        entry.input,
        `${shownKey(key)} asks for UsePreviousValue, but the stack has no previous value for it. Give a value.`
      )
    } else if (def.Default === undefined) {
      missing.push(key)
    }
  }
  if (missing.length > 0) {
    throw new InputError(
      'parameters',
      `the template requires ${missing.map(shownKey).join(', ')}: no default and no previous value. Add ${missing.length === 1 ? 'it' : 'them'} to parameters or parameters-file.`
    )
  }
  return { parameters, secrets, kept, warnings }
}

const YAML11_BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/

/**
 * The checks CloudFormation makes on a value (parameters reference, "Properties"): AllowedValues and
 * AllowedPattern on every type (each item of a list), MinLength/MaxLength on String only, MinValue/MaxValue on
 * Number only, and that a Number (or each item of a List<Number>) is a number. A NoEcho value is never shown.
 */
function checkValue(key: string, entry: GivenValue, def: TemplateParameter, warnings: string[]): void {
  const noEcho = isNoEcho(def)
  const shown = noEcho ? '(NoEcho value)' : JSON.stringify(entry.value)
  const fail = (expected: string): never => {
    throw new InputError(
      entry.input,
      `parameter ${shownKey(key)} = ${shown} is not allowed: ${def.ConstraintDescription ?? expected}.`
    )
  }
  const type = def.Type
  const items = isList(type) ? entry.value.split(',').map(item => item.trim()) : [entry.value]
  const pattern = typeof def.AllowedPattern === 'string' ? compileJavaPattern(def.AllowedPattern) : undefined
  if (pattern !== undefined && !pattern.ok) {
    warnings.push(
      `Parameter ${shownKey(key)}: AllowedPattern ${JSON.stringify(def.AllowedPattern)} is a Java regular expression that is not checked here: ${pattern.reason}. CloudFormation checks it when the change set is created.`
    )
  }
  for (const item of items) {
    if (Array.isArray(def.AllowedValues)) {
      const allowed = def.AllowedValues.map(String)
      if (!allowed.includes(item)) {
        const yaml11 =
          YAML11_BOOLEAN.test(item) && (allowed.includes('true') || allowed.includes('false'))
            ? ' (the template writes them unquoted, so CloudFormation reads Yes/No/On/Off there as true/false: give true or false)'
            : ''
        fail(`expected one of ${allowed.join(', ')}${yaml11}`)
      }
    }
    if (pattern?.ok === true && !pattern.regex.test(item)) {
      fail(`expected a value matching ${def.AllowedPattern as string}`)
    }
    if (type === 'Number' || type === 'List<Number>') {
      if (item.trim() === '' || Number.isNaN(Number(item))) fail('expected a number')
    }
    if (type === 'Number') {
      if (def.MinValue !== undefined && Number(item) < Number(def.MinValue))
        fail(`expected at least ${def.MinValue}`)
      if (def.MaxValue !== undefined && Number(item) > Number(def.MaxValue))
        fail(`expected at most ${def.MaxValue}`)
    }
    if (type === 'String') {
      if (def.MinLength !== undefined && item.length < Number(def.MinLength))
        fail(`expected at least ${def.MinLength} characters`)
      if (def.MaxLength !== undefined && item.length > Number(def.MaxLength))
        fail(`expected at most ${def.MaxLength} characters`)
    }
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
  if (Math.abs(a.length - b.length) > 3) return 4
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
