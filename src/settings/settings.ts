import { existsSync, statSync } from 'node:fs'
import { InputError } from '../run/errors.js'
import { splitList } from './key-values.js'
import { parseTags } from './tags.js'

export { ENVIRONMENT_TAG } from './tags.js'
export { parseKeyValues, splitList } from './key-values.js'

export type Mode = 'deploy' | 'preview' | 'plan' | 'execute' | 'outputs'
export type Capability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND'
export type OnFailedCreate = 'recreate' | 'fail'
/**
 * The resources whose replacement or removal the user accepts (`allow-data-loss`), by path: `Id` is a resource of
 * the root stack, `Nested/Id` one inside the nested stack `Nested`.
 */
export type AllowDataLoss = { all: true } | { all: false; paths: ReadonlySet<string> }

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
  /** Preview and plan fail (after reporting) when the change set holds a change deploy would refuse. */
  failOnDataLoss: boolean
  /** Send IncludeNestedStacks on CreateChangeSet. */
  includeNestedStacks: boolean
  /** Keep one state label per environment on the pull request. */
  labels: boolean
  /** When to run the database migration after a successful deploy or execute. */
  migrate: MigrateWhen
  /** Snapshot an existing database before migrating it. */
  dbSnapshotBeforeMigrate: boolean
  /** Call the metadata service after deploy, execute and outputs until it answers. */
  verify: boolean
  /** `express` sends DeploymentConfig.Mode EXPRESS on the change set. */
  deploymentSpeed: DeploymentSpeed
  /** Price the change at rest. */
  cost: boolean
  /** US dollars a month; undefined means no limit. */
  maxMonthlyIncrease: number | undefined
  /** Detect drift on the existing stack in preview and plan. */
  drift: boolean
  /** `revert-drift` builds a drift-aware change set; undefined an ordinary one. */
  deploymentMode: DeploymentMode | undefined
}

export type MigrateWhen = 'auto' | 'always' | 'never'
export type DeploymentSpeed = 'standard' | 'express'
export type DeploymentMode = 'revert-drift'

const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]*$/
const CAPABILITIES: readonly Capability[] = [
  'CAPABILITY_IAM',
  'CAPABILITY_NAMED_IAM',
  'CAPABILITY_AUTO_EXPAND'
]
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]{1,512}$/
const SNS_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
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
  refuseOfficialInputNames(read)
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
    // Whole milliseconds: timers and AbortSignal.timeout refuse fractions (4.1 minutes is 245,999.99… ms).
    timeoutMs: Math.ceil(timeoutMinutes(read('timeout-minutes'), read('timeout-in-minutes')) * 60_000),
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
    metaflowConfigFile: parseConfigPath(read('metaflow-config-file')),
    failOnDataLoss: parseBoolean('fail-on-data-loss', read('fail-on-data-loss')),
    includeNestedStacks: parseBoolean('include-nested-stacks', read('include-nested-stacks')),
    labels: parseBoolean('labels', read('labels')),
    migrate: parseEnum('migrate', read('migrate'), ['auto', 'always', 'never'] as const),
    dbSnapshotBeforeMigrate: parseBoolean('db-snapshot-before-migrate', read('db-snapshot-before-migrate')),
    verify: parseBoolean('verify', read('verify')),
    deploymentSpeed: parseEnum('deployment-speed', read('deployment-speed'), [
      'standard',
      'express'
    ] as const),
    cost: parseBoolean('cost', read('cost')),
    maxMonthlyIncrease: parseDollars('max-monthly-increase', read('max-monthly-increase')),
    drift: parseBoolean('drift', read('drift')),
    deploymentMode: parseDeploymentMode(read('deployment-mode'))
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
  for (const path of items) {
    if (!path.split('/').every(id => LOGICAL_ID.test(id))) {
      throw new InputError(
        'allow-data-loss',
        `"${path}" is not a logical id or path: expected the template's resource names (letters and digits), a nested stack's resource as NestedStackId/LogicalId, comma or newline separated, or * for all.`
      )
    }
  }
  return { all: false, paths: new Set(items) }
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

/**
 * `timeout-minutes`, or the official action's `timeout-in-minutes` read as its alias. The runner fills in
 * timeout-minutes' default (60) when the workflow leaves it out, so the alias wins over that default; two different
 * values that were both written are an error.
 */
function timeoutMinutes(value: string, alias: string): number {
  if (alias === '') return parseTimeoutMinutes('timeout-minutes', value)
  const minutes = parseTimeoutMinutes('timeout-in-minutes', alias)
  if (value !== '' && value !== DEFAULT_TIMEOUT_MINUTES && Number(value) !== minutes) {
    throw new InputError(
      'timeout-in-minutes',
      `is ${alias} but timeout-minutes is ${value}: they are the same setting (timeout-in-minutes is the official action's name for it). Keep one.`
    )
  }
  return minutes
}

/** action.yml's default for timeout-minutes, which the runner passes when the workflow sets none. */
const DEFAULT_TIMEOUT_MINUTES = '60'

function parseTimeoutMinutes(input: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new InputError(
      input,
      `"${value}" is not a number of minutes: expected a positive number such as 60.`
    )
  }
  const minutes = Number(value)
  if (minutes <= 0 || minutes > 360) {
    throw new InputError(
      input,
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

/** A dollar amount a month, such as 50 or 12.5; empty means no limit. */
function parseDollars(input: string, value: string): number | undefined {
  if (value === '') return undefined
  const plain = value.replace(/^\$/, '')
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) {
    throw new InputError(
      input,
      `"${value}" is not an amount of US dollars: expected a number such as 50 or 12.50.`
    )
  }
  return Number(plain)
}

function parseDeploymentMode(value: string): DeploymentMode | undefined {
  if (value === '') return undefined
  return parseEnum('deployment-mode', value, ['revert-drift'] as const)
}

/**
 * Inputs of aws-actions/aws-cloudformation-github-deploy that this action names differently or does not need.
 * The runner only warns "Unexpected input" and passes them on, so a workflow moved over would silently lose them
 * (a stack name!); each is refused with what to write instead.
 */
const OFFICIAL_INPUTS: Readonly<Record<string, string>> = {
  name: 'write stack-name instead',
  'parameter-overrides':
    'write parameters instead (the same Key=Value,Key=Value form is read), or parameters-file for a file:// path',
  'no-fail-on-empty-changeset':
    'remove it: an update with no changes already succeeds (fail-on-empty-changeset: true makes it fail)',
  'no-execute-changeset':
    'write mode: preview (or mode: plan, then mode: execute with change-set-id) instead',
  'no-delete-failed-changeset':
    'remove it: a failed or empty change set is always deleted, and its reason is in the error',
  'change-set-name': 'remove it: change sets are named by the action; plan mode outputs change-set-id',
  's3-bucket': 'write template-bucket instead',
  's3-prefix': 'remove it: template-bucket uploads under a unique key per run',
  'include-nested-stacks-change-set': 'write include-nested-stacks instead',
  'http-proxy': 'set the HTTPS_PROXY environment variable instead',
  'change-set-description': 'remove it: the action writes its own description, which execute checks'
}

function refuseOfficialInputNames(read: InputReader): void {
  for (const [name, instead] of Object.entries(OFFICIAL_INPUTS)) {
    if (read(name) !== '') {
      throw new InputError(
        name,
        `is an input of aws-actions/aws-cloudformation-github-deploy, not of this action: ${instead}. The README's "coming from the official action" table maps every input.`
      )
    }
  }
}
