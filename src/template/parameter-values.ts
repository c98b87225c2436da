import { InputError } from '../run/errors.js'
import { readRegularFile, workspacePath } from './workspace-file.js'
import { readYaml, YamlSyntaxError, type ScalarPolicy } from './yaml-data.js'

// The parameter values a user gives, read from `parameters-file` and `parameters` into strings by key, exactly as
// written. Checking them against the template is the job of src/template/parameters.ts.

/** The input a value came from. */
export type ParameterInput = 'parameters' | 'parameters-file'

/** A parameter value and the input it came from, so that errors can name the right one. */
export interface GivenValue {
  value: string
  input: ParameterInput
  usePrevious?: boolean
}

/** Given values by key, in a map without a prototype: `__proto__` or `constructor` is just an (unknown) key. */
export type GivenValues = Record<string, GivenValue>

/** A parameters file larger than this is refused before it is read (200 parameters of 4,096 bytes fit). */
export const PARAMETERS_FILE_LIMIT = 1_000_000

/**
 * Values as written. A parameter value reaches CloudFormation as a string, and the CLI and the console pass the
 * text the user typed; so an unquoted scalar here is its text: `1.10` stays `1.10` (not 1.1), `012345678901`
 * keeps its zero, `1e3` and `0x1F` stay as written. That includes `yes`/`no`/`on`/`off`: read as YAML 1.1
 * booleans (as CloudFormation reads its templates) they would become `true`/`false`, a value the user never
 * wrote and that a parameter with `AllowedValues: ['yes', 'no']` refuses; when the template's own unquoted
 * `[Yes, No]` means true/false, the check in parameters.ts says so and asks for `true`/`false`. Only an empty value, `~`
 * and `null` mean "empty" (`Key:` sets an empty value, like `Key=`).
 */
const AS_WRITTEN: ScalarPolicy = {
  plain: source => (/^(?:~|null|Null|NULL|)$/.test(source) ? null : source),
  standard: (type, source) => (type === 'null' ? null : source)
}

const EMPTY = (): GivenValues => Object.create(null) as GivenValues

/** Key text for messages: quoted, control characters escaped, long keys cut (a key is never a secret). */
export function shownKey(key: string): string {
  const quoted = JSON.stringify(key)
  return quoted.length > 80 ? `${quoted.slice(0, 76)}…"` : quoted
}

/**
 * Reads `parameters-file`: a {Key: Value} map, CloudFormation's native [{ParameterKey, ParameterValue}] array,
 * or a CodePipeline template configuration {Parameters: {…}} (the official deploy action's users have these).
 * The file must be a regular file inside the workspace.
 */
export function readParametersFile(path: string, workspace: string): GivenValues {
  if (path === '') return EMPTY()
  const input = 'parameters-file'
  const full = workspacePath(input, path, workspace)
  const text = readRegularFile(input, path, full, {
    bytes: PARAMETERS_FILE_LIMIT,
    rule: `a parameters file may have at most ${PARAMETERS_FILE_LIMIT} bytes (200 values of 4,096 bytes fit).`
  }).toString('utf8')
  return interpret(input, `"${path}"`, parse(input, `"${path}" is not valid YAML or JSON`, text))
}

/** parseInlineParameters as a promise, for callers written when the YAML library loaded lazily. */
export function readInlineParameters(text: string): Promise<GivenValues> {
  try {
    return Promise.resolve(parseInlineParameters(text))
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)))
  }
}

/**
 * Reads `parameters`: `Key=Value` lines, an inline YAML/JSON map (or native array), or the official action's
 * `parameter-overrides` comma form.
 */
export function parseInlineParameters(text: string): GivenValues {
  const input = 'parameters'
  const trimmed = text.trim()
  if (trimmed === '') return EMPTY()
  if (/^file:\/\//i.test(trimmed)) {
    throw new InputError(
      input,
      `"file://…" is the official CloudFormation action's way to name a parameters file. Here, give the file as its own input, with a path relative to the workspace:\n  parameters-file: ${workspaceRelative(trimmed)}`
    )
  }
  if (/^[{[]/.test(trimmed) || /^[A-Za-z0-9_.:/@+-]+\s*:(?:\s|$)/.test(firstLine(trimmed))) {
    return interpret(input, 'the value', parse(input, 'is not a valid YAML/JSON map', trimmed))
  }
  return keyValueLines(trimmed)
}

/** The path of an official-action `file://` value, made relative to the workspace when it points into it. */
function workspaceRelative(fileUrl: string): string {
  const path = (fileUrl.split('\n')[0] ?? '').replace(/^file:\/\//i, '')
  const workspace = process.env.GITHUB_WORKSPACE
  for (const root of [workspace, '/github/workspace'].filter(r => r !== undefined && r !== '')) {
    const prefix = `${(root as string).replace(/\/+$/, '')}/`
    if (path.startsWith(prefix)) return path.slice(prefix.length)
  }
  return path.replace(/^\.\//, '') || 'path/to/params.json'
}

function firstLine(text: string): string {
  return text.split('\n').find(line => line.trim() !== '' && !line.trim().startsWith('#')) ?? ''
}

function parse(input: ParameterInput, what: string, text: string): unknown {
  try {
    return readYaml(text, AS_WRITTEN)
  } catch (err) {
    // The reader's messages name a line and column, never the text there (which may be a secret).
    if (err instanceof YamlSyntaxError) throw new InputError(input, `${what}: ${err.message}.`)
    throw err
  }
}

const CONFIGURATION_SECTIONS = new Set(['Parameters', 'Tags', 'StackPolicy'])

/** Turns parsed YAML/JSON into given values: a map, a native array, or a template configuration. */
function interpret(input: ParameterInput, where: string, data: unknown): GivenValues {
  if (data === null || data === undefined) return EMPTY()
  if (Array.isArray(data)) return nativeArray(input, where, data)
  if (typeof data !== 'object') {
    throw new InputError(
      input,
      `${where} is not a map of Key: Value (nor a [{ParameterKey, ParameterValue}] list).`
    )
  }
  const map = data as Record<string, unknown>
  const keys = Object.keys(map)
  const parameters = map.Parameters
  if (
    keys.length > 0 &&
    keys.every(key => CONFIGURATION_SECTIONS.has(key)) &&
    typeof parameters === 'object' &&
    parameters !== null &&
    !Array.isArray(parameters)
  ) {
    refuseConfigurationExtras(input, where, map)
    return plainMap(input, parameters as Record<string, unknown>)
  }
  return plainMap(input, map)
}

/**
 * A CodePipeline template configuration file may also carry Tags and a StackPolicy. Tags belong to the `tags`
 * input here (one place decides the stack's tags); the message shows the equivalent, tag values included (tags
 * are not secret). A stack policy is not something this action sets.
 */
function refuseConfigurationExtras(input: ParameterInput, where: string, map: Record<string, unknown>): void {
  if (map.Tags !== undefined) {
    const tags = map.Tags
    const lines =
      typeof tags === 'object' && tags !== null && !Array.isArray(tags)
        ? Object.entries(tags as Record<string, unknown>).map(
            ([key, value]) => `    ${key}=${typeof value === 'string' ? value : value === null ? '' : '…'}`
          )
        : ['    Key=Value']
    throw new InputError(
      input,
      `${where} has a Tags section; stack tags are set with the tags input here, not in a parameters file. Remove Tags from the file and add to the step:\n  tags: |\n${lines.join('\n')}`
    )
  }
  if (map.StackPolicy !== undefined) {
    throw new InputError(
      input,
      `${where} has a StackPolicy section, which this action does not set. Remove it from the file and set the policy with \`aws cloudformation set-stack-policy\`.`
    )
  }
}

function plainMap(input: ParameterInput, map: Record<string, unknown>): GivenValues {
  const result = EMPTY()
  for (const key of Object.keys(map)) result[key] = { value: valueOf(input, key, map[key]), input }
  return result
}

/** CloudFormation's native form, as `aws cloudformation create-stack --parameters file://…` reads it. */
function nativeArray(input: ParameterInput, where: string, entries: unknown[]): GivenValues {
  const result = EMPTY()
  entries.forEach((entry, index) => {
    const item = entry as Record<string, unknown> | null
    const expected = `entry ${index + 1} of ${where}: expected {ParameterKey: …, ParameterValue: …}`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new InputError(input, `${expected}, got ${Array.isArray(item) ? 'a list' : 'a single value'}.`)
    }
    // Name the misspelt field, never a value: with `ParamterKey` the value beside it may be a secret.
    const unknownField = Object.keys(item).find(
      field => !['ParameterKey', 'ParameterValue', 'UsePreviousValue', 'ResolvedValue'].includes(field)
    )
    if (unknownField !== undefined) {
      throw new InputError(input, `${expected}; it has a field ${shownKey(unknownField)}.`)
    }
    const key = item.ParameterKey
    if (typeof key !== 'string' || key === '')
      throw new InputError(input, `${expected}; ParameterKey is missing.`)
    if (key in result) throw new InputError(input, `${shownKey(key)} is given twice in ${where}.`)
    const usePrevious =
      typeof item.UsePreviousValue === 'string' && item.UsePreviousValue.toLowerCase() === 'true'
    result[key] = { value: valueOf(input, key, item.ParameterValue), input, usePrevious }
  })
  return result
}

/** A value as CloudFormation takes it: a string; a list becomes comma-joined (CommaDelimitedList). */
function valueOf(input: ParameterInput, key: string, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every(item => item === null || typeof item === 'string')) {
    return value.map(item => (item === null ? '' : (item as string))).join(',')
  }
  throw new InputError(
    input,
    // Values may be secrets: the message names the key and the kind of value, never the value.
    `the value of ${shownKey(key)} must be a string, number, boolean or list of those, got ${Array.isArray(value) ? 'a list holding a map or list' : 'a map'}.`
  )
}

const KEY_START = /^\s*[A-Za-z0-9]+\s*=/

/**
 * `Key=Value` lines. A line that is wholly a comma list of `Key=…` pairs (`A=1,B=2`, `A="x,y",B=2`) is the
 * official action's `parameter-overrides` form and is read as several pairs; any other line is one pair whose
 * value keeps its commas, so `Subnets=subnet-1,subnet-2` stays one CommaDelimitedList value. Quotes around a
 * value are removed, and protect commas inside them.
 */
function keyValueLines(text: string): GivenValues {
  const input = 'parameters'
  const result = EMPTY()
  const lines = text.split('\n')
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const segments = splitOutsideQuotes(line)
    const pairs = segments.length > 1 && segments.every(s => KEY_START.test(s)) ? segments : [line]
    for (const pair of pairs) {
      const eq = pair.indexOf('=')
      if (eq <= 0) {
        // The line may be a secret typed without its key: name the line, never echo it.
        throw new InputError(
          input,
          `line ${index + 1}: expected Key=Value, and the line has no "=" after a key.`
        )
      }
      const key = pair.slice(0, eq).trim()
      if (!/^[A-Za-z0-9]+$/.test(key)) {
        throw new InputError(
          input,
          `line ${index + 1}: the text before "=" is not a parameter key (CloudFormation keys are letters and digits).`
        )
      }
      if (key in result) {
        throw new InputError(
          input,
          `line ${index + 1}: ${shownKey(key)} is given twice. For a list value write ${key}="a,b" on one line.`
        )
      }
      result[key] = { value: unquote(pair.slice(eq + 1).trim()), input }
    }
  })
  return result
}

function splitOutsideQuotes(line: string): string[] {
  const segments: string[] = []
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote !== undefined) {
      if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === ',') {
      segments.push(line.slice(start, i).trim())
      start = i + 1
    }
  }
  segments.push(line.slice(start).trim())
  return segments
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    return value.slice(1, -1)
  }
  return value
}
