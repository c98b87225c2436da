import { existsSync, statSync } from 'node:fs'
import { InputError } from './errors.js'

export type Mode = 'deploy' | 'preview' | 'plan' | 'execute' | 'outputs'
export type Capability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND'
export type OnFailedCreate = 'recreate' | 'fail'
/** The logical ids whose replacement or removal the user accepts (`allow-data-loss`). */
export type AllowDataLoss = { all: true } | { all: false; ids: ReadonlySet<string> }

/** Where the template comes from. */
export type TemplateSource =
  { kind: 'bundled' } | { kind: 'file'; path: string } | { kind: 'url'; url: string }

/** Everything the action was asked to do, parsed and validated once. Defaults live in action.yml only. */
export interface Settings {
  /** CloudFormation stack name. */
  stackName: string
  /** The template to deploy. */
  template: TemplateSource
  /** Inline parameter overrides (raw text); parsed and checked against the template in parameters.ts. */
  parametersText: string
  /** Parameters file path relative to the workspace, or '' for none. */
  parametersFile: string
  /** Environment label (dev, staging, prod) or ''. */
  environment: string
  /** What to do, with `auto` already resolved against the triggering event. */
  mode: Mode
  /** The event that triggered the run (GITHUB_EVENT_NAME), for warnings that depend on it. */
  eventName: string
  /** For mode execute: the planned change set's ARN, or '' when the plan had nothing to change. */
  changeSetId: string
  /** Data-holding resources whose replacement or removal is accepted. */
  allowDataLoss: AllowDataLoss
  /** Capabilities acknowledged on the change set. */
  capabilities: Capability[]
  /** Stack tags, in the order given; undefined when the input is unset (the stack keeps the tags it has). */
  tags: Record<string, string> | undefined
  /** Service role CloudFormation assumes, or undefined. */
  roleArn: string | undefined
  /** Applied after every successful deploy or execute; undefined leaves the stack's setting as it is. */
  terminationProtection: boolean | undefined
  /** Passed to ExecuteChangeSet. */
  disableRollback: boolean
  /** SNS topics for stack events; undefined when unset (the stack keeps its topics). */
  notificationArns: string[] | undefined
  /** How long to wait for the stack, in milliseconds. */
  timeoutMs: number
  /** S3 bucket for templates over CloudFormation's inline limit, or undefined. */
  templateBucket: string | undefined
  /** What to do with a stack whose first create failed. */
  onFailedCreate: OnFailedCreate
  /** Fail the step when an update has no changes. */
  failOnEmptyChangeset: boolean
  /** Post or update the pull-request comment in preview and plan modes. */
  comment: boolean
  /** Token for the pull-request comment. */
  githubToken: string
  /** Export METAFLOW_* variables through GITHUB_ENV. */
  exportEnv: boolean
  /** Where to write the Metaflow config file, or '' for nowhere. */
  metaflowConfigFile: string
}

const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]*$/
const CAPABILITIES: readonly Capability[] = [
  'CAPABILITY_IAM',
  'CAPABILITY_NAMED_IAM',
  'CAPABILITY_AUTO_EXPAND'
]
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]{1,512}$/
const SNS_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const TAG_KEY_MAX = 128
const TAG_VALUE_MAX = 256
const MAX_TAGS = 50
/** The tag the action adds for `environment` (counted against CloudFormation's 50). */
export const ENVIRONMENT_TAG = 'metaflow-deploy:environment'
const CHANGE_SET_ARN =
  /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:\d{12}:changeSet\/[A-Za-z][-A-Za-z0-9]{0,127}\/[-A-Za-z0-9]+$/
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/

/**
 * What `mode: auto` does for each event (INTERFACE.md). Any other event is an error: guessing would deploy from a
 * comment or a review, or preview where nobody reads it.
 */
const AUTO_MODE: Record<string, 'preview' | 'deploy'> = {
  pull_request: 'preview',
  pull_request_target: 'preview',
  merge_group: 'preview',
  push: 'deploy',
  workflow_dispatch: 'deploy',
  schedule: 'deploy',
  release: 'deploy',
  repository_dispatch: 'deploy'
}

/** Reads one input the way the runner passes it (`INPUT_<NAME>`), trimmed. */
type InputReader = (name: string) => string

/**
 * The runner's rule for inputs, as @actions/core's getInput applies it: `INPUT_` + the name with spaces as
 * underscores, upper-cased (hyphens kept), trimmed. Read directly so that settings need not load @actions/core,
 * which stays off the start-up path (see main.ts).
 */
export function inputFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** The event that triggered the run, which decides what `mode: auto` means. */
export interface Trigger {
  eventName: string
}

/** Parses every input into Settings, or throws an InputError naming the first bad input. */
export async function parseSettings(
  read: InputReader = name => inputFromEnv(name),
  trigger: Trigger = { eventName: process.env.GITHUB_EVENT_NAME ?? '' }
): Promise<Settings> {
  const stackName = read('stack-name')
  if (stackName === '') {
    throw new InputError(
      'stack-name',
      'is required. Set it to the CloudFormation stack name, e.g. metaflow-dev.'
    )
  }
  if (stackName.length > 128 || !STACK_NAME.test(stackName)) {
    throw new InputError(
      'stack-name',
      `"${stackName}" is not a valid stack name: expected a letter followed by letters, digits and hyphens, at most 128 characters.`
    )
  }

  const environment = parseEnvironment(read('environment'))
  const mode = parseMode(read('mode'), trigger.eventName)
  return {
    stackName,
    template: parseTemplateSource(read('template')),
    parametersText: read('parameters'),
    parametersFile: read('parameters-file'),
    environment,
    mode,
    eventName: trigger.eventName,
    changeSetId: parseChangeSetId(read('change-set-id'), mode),
    allowDataLoss: parseAllowDataLoss(read('allow-data-loss')),
    capabilities: parseCapabilities(read('capabilities')),
    tags: await parseTags(read('tags'), environment),
    roleArn: optionalMatching(
      'role-arn',
      read('role-arn'),
      ROLE_ARN,
      'an IAM role ARN like arn:aws:iam::123456789012:role/cfn-deploy'
    ),
    terminationProtection: parseOptionalBoolean('termination-protection', read('termination-protection')),
    disableRollback: parseBoolean('disable-rollback', read('disable-rollback')),
    notificationArns: parseNotificationArns(read('notification-arns')),
    timeoutMs: parseTimeoutMinutes(read('timeout-minutes')) * 60_000,
    templateBucket: optionalMatching(
      'template-bucket',
      read('template-bucket'),
      BUCKET,
      'an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens), without s3://'
    ),
    onFailedCreate: parseEnum('on-failed-create', read('on-failed-create'), ['recreate', 'fail'] as const),
    failOnEmptyChangeset: parseBoolean('fail-on-empty-changeset', read('fail-on-empty-changeset')),
    comment: parseBoolean('comment', read('comment')),
    githubToken: read('github-token'),
    exportEnv: parseBoolean('export-env', read('export-env')),
    metaflowConfigFile: parseConfigPath(read('metaflow-config-file'))
  }
}

function parseTemplateSource(value: string): TemplateSource {
  if (value === '') return { kind: 'bundled' }
  if (/^https?:\/\//i.test(value) || /^s3:\/\//i.test(value)) {
    if (/^http:\/\//i.test(value)) {
      throw new InputError(
        'template',
        `"${value}" uses http://; CloudFormation reads templates over https:// or from s3://.`
      )
    }
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new InputError(
        'template',
        `"${value}" is not a valid URL: expected https://… or s3://bucket/key.`
      )
    }
    if (url.protocol === 's3:' && (url.hostname === '' || url.pathname.length <= 1)) {
      throw new InputError('template', `"${value}" names no object: expected s3://bucket/key.`)
    }
    return { kind: 'url', url: value }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new InputError(
      'template',
      `"${value}" is not supported: give a workspace path, an https:// URL or s3://bucket/key.`
    )
  }
  return { kind: 'file', path: value }
}

/** The config file path must be a file to write, not a folder: checked here, before anything changes. */
function parseConfigPath(value: string): string {
  if (value === '') return value
  if (value.endsWith('/') || (existsSync(value) && statSync(value).isDirectory())) {
    throw new InputError(
      'metaflow-config-file',
      `"${value}" is a folder; give the path of the file to write, such as ~/.metaflowconfig/config_dev.json.`
    )
  }
  if (!value.endsWith('.json')) {
    throw new InputError(
      'metaflow-config-file',
      `"${value}" does not end in .json; Metaflow reads config.json or config_<profile>.json.`
    )
  }
  return value
}

function parseEnvironment(value: string): string {
  if (value !== '' && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(value)) {
    throw new InputError(
      'environment',
      `"${value}" is not a valid label: expected up to 64 letters, digits, '-', '_' or '.', such as dev, staging or prod.`
    )
  }
  return value
}

function parseMode(value: string, eventName: string): Mode {
  const mode = parseEnum('mode', value, ['auto', 'deploy', 'preview', 'plan', 'execute', 'outputs'] as const)
  if (mode !== 'auto') return mode
  const resolved = AUTO_MODE[eventName]
  if (resolved === undefined) {
    throw new InputError(
      'mode',
      `is auto, but the event ${eventName === '' ? '(none: GITHUB_EVENT_NAME is not set)' : `"${eventName}"`} has no default: auto means preview on ${eventsFor('preview')} and deploy on ${eventsFor('deploy')}. Set mode explicitly (deploy, preview, plan, execute or outputs).`
    )
  }
  return resolved
}

function eventsFor(mode: 'preview' | 'deploy'): string {
  return Object.keys(AUTO_MODE)
    .filter(event => AUTO_MODE[event] === mode)
    .join(', ')
}

/** The plan's change set, for execute only; checked against stack-name and AWS before executing (execute.ts). */
function parseChangeSetId(value: string, mode: Mode): string {
  if (value === '') return ''
  if (mode !== 'execute') {
    throw new InputError(
      'change-set-id',
      `is only read by mode: execute, but mode is ${mode}. Remove change-set-id, or set mode: execute to run that change set.`
    )
  }
  if (!CHANGE_SET_ARN.test(value)) {
    throw new InputError(
      'change-set-id',
      `"${value}" is not a change set ARN: expected the change-set-id output of a plan run, like arn:aws:cloudformation:us-east-1:123456789012:changeSet/NAME/ID.`
    )
  }
  return value
}

function parseAllowDataLoss(value: string): AllowDataLoss {
  const items = splitList(value)
  if (items.includes('*')) {
    if (items.length > 1) {
      throw new InputError('allow-data-loss', 'mixes * with logical ids: give * alone, or only logical ids.')
    }
    return { all: true }
  }
  for (const id of items) {
    if (!LOGICAL_ID.test(id)) {
      throw new InputError(
        'allow-data-loss',
        `"${id}" is not a logical id: expected the template's resource names (letters and digits), comma or newline separated, or * for all.`
      )
    }
  }
  return { all: false, ids: new Set(items) }
}

function parseOptionalBoolean(input: string, value: string): boolean | undefined {
  return value === '' ? undefined : parseBoolean(input, value)
}

/** `true` or `false` in any case, as YAML 1.2 core reads them; anything else names the input. */
export function parseBoolean(input: string, value: string): boolean {
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw new InputError(input, `"${value}" is not a boolean: expected true or false.`)
}

function parseEnum<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find(option => option === value.toLowerCase())
  if (match === undefined) {
    throw new InputError(input, `"${value}" is not one of: ${allowed.join(', ')}.`)
  }
  return match
}

/** Splits a comma- or newline-separated list, dropping blanks. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(item => item !== '')
}

function parseCapabilities(value: string): Capability[] {
  const items = splitList(value)
  const result: Capability[] = []
  for (const item of items) {
    const capability = CAPABILITIES.find(known => known === item.toUpperCase())
    if (capability === undefined) {
      throw new InputError(
        'capabilities',
        `"${item}" is not a capability: expected any of ${CAPABILITIES.join(', ')}.`
      )
    }
    if (!result.includes(capability)) result.push(capability)
  }
  return result
}

function parseNotificationArns(value: string): string[] | undefined {
  if (value === '') return undefined
  const arns = splitList(value)
  for (const arn of arns) {
    if (!SNS_ARN.test(arn)) {
      throw new InputError(
        'notification-arns',
        `"${arn}" is not an SNS topic ARN: expected arn:aws:sns:REGION:ACCOUNT:TOPIC.`
      )
    }
  }
  if (arns.length > 5) {
    throw new InputError(
      'notification-arns',
      `${arns.length} topics given; CloudFormation accepts at most 5.`
    )
  }
  return arns
}

function parseTimeoutMinutes(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new InputError(
      'timeout-minutes',
      `"${value}" is not a number of minutes: expected a positive number such as 60.`
    )
  }
  const minutes = Number(value)
  if (minutes <= 0 || minutes > 360) {
    throw new InputError(
      'timeout-minutes',
      `${value} is out of range: expected more than 0 and at most 360 (a job's own limit).`
    )
  }
  return minutes
}

function optionalMatching(
  input: string,
  value: string,
  pattern: RegExp,
  expected: string
): string | undefined {
  if (value === '') return undefined
  if (!pattern.test(value)) throw new InputError(input, `"${value}" is not valid: expected ${expected}.`)
  return value
}

async function parseTags(value: string, environment: string): Promise<Record<string, string> | undefined> {
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

function messageLine(err: unknown): string {
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
