import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './runner.js'

/**
 * Our docs' IAM policies, evaluated the way IAM evaluates them, against the calls the action really made.
 *
 * Each call the emulator logged becomes the authorizations AWS would check for it: the IAM action, the resource
 * ARN it is checked against and the condition keys the request carries (Service Authorization Reference,
 * "Actions, resources, and condition keys for AWS CloudFormation" / "... Amazon S3" / "... Amazon API Gateway
 * Management"). A policy then allows, explicitly denies or implicitly denies each one ("Policy evaluation logic",
 * IAM User Guide: an explicit Deny wins, then any Allow, otherwise denied).
 */

/** The IAM action each emulator operation needs (API Gateway authorizes by HTTP verb, S3 HEAD by GetObject). */
export function iamActionFor(service: string, operation: string): string {
  if (service === 'apigateway') {
    if (operation.startsWith('Get')) return 'apigateway:GET'
    if (operation.startsWith('Create')) return 'apigateway:POST'
    if (operation.startsWith('Delete')) return 'apigateway:DELETE'
    return `apigateway:${operation}`
  }
  if (service === 's3') {
    if (operation === 'HeadObject') return 's3:GetObject'
    if (operation === 'ListObjects') return 's3:ListBucket'
    return `s3:${operation}`
  }
  if (service === 'lambda' && operation === 'Invoke') return 'lambda:InvokeFunction'
  return `${service}:${operation}`
}

type ConditionValues = string | string[]
type ConditionBlock = Record<string, Record<string, ConditionValues>>

export interface Statement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: ConditionBlock
}

export interface PolicyDocument {
  Version: string
  Statement: Statement[]
}

/** One request AWS authorizes: an action on a resource, with the condition keys the request supplies. */
export interface Authorization {
  action: string
  resource: string
  context: Record<string, string>
}

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny'

/** A call as the emulator logs it (`emulator.requests`, or a line of the suite's call log). */
export interface LoggedCall {
  service: string
  operation: string
  params: Record<string, unknown>
  /** The signing region, when known; the emulator's default otherwise. */
  region?: string
}

export interface Scope {
  partition: string
  region: string
  account: string
  /** The stack (name or ARN) a change set belongs to, for calls that name only the change set's ARN. */
  stackOfChangeSet?: (changeSetArn: string) => string | undefined
}

/** The emulator's account and region (emulator/cfn/engine.ts), which its ARNs carry. */
export const EMULATOR_SCOPE: Scope = { partition: 'aws', region: 'us-east-1', account: '123456789012' }

/**
 * IAM checks an action on a stack named in a request against the stack's ARN, whose last part is the stack id,
 * unknown until CloudFormation assigns it; this stands in for it so `stack/NAME/*` patterns are exercised.
 */
const UNKNOWN_STACK_ID = '00000000-0000-4000-8000-000000000000'

export function loadPolicy(file: string): PolicyDocument {
  return JSON.parse(readFileSync(join(ROOT, 'docs', file), 'utf8')) as PolicyDocument
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function stackArn(nameOrArn: string, scope: Scope): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn
  return `arn:${scope.partition}:cloudformation:${scope.region}:${scope.account}:stack/${nameOrArn}/${UNKNOWN_STACK_ID}`
}

/** The stack a change-set call is authorized against: its StackName, or the stack that holds the change set. */
function changeSetStack(params: Record<string, unknown>, scope: Scope): string | undefined {
  const stack = text(params.StackName)
  if (stack !== undefined) return stackArn(stack, scope)
  const changeSet = text(params.ChangeSetName)
  if (changeSet === undefined) return undefined
  const owner = scope.stackOfChangeSet?.(changeSet)
  return owner === undefined ? undefined : stackArn(owner, scope)
}

/** `s3://bucket/key`, `https://bucket.s3.REGION.amazonaws.com/key`, or a path-style URL, as bucket and key. */
export function s3ObjectOf(url: string): { bucket: string; key: string } | undefined {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(url)
  if (s3 !== null) return { bucket: s3[1] as string, key: s3[2] as string }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  const path = decodeURIComponent(parsed.pathname).replace(/^\//, '')
  const virtual = /^([^.]+(?:\.[^.]+)*?)\.s3[.-]/.exec(parsed.hostname)
  if (virtual !== null && !parsed.hostname.startsWith('s3.'))
    return { bucket: virtual[1] as string, key: path }
  const slash = path.indexOf('/')
  if (slash <= 0) return undefined
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) }
}

/** The `Transform` names a template declares (a string or a list; JSON or YAML top level). */
export function transformsOf(templateBody: string): string[] {
  try {
    const json = JSON.parse(templateBody) as { Transform?: unknown }
    const t = json.Transform
    if (typeof t === 'string') return [t]
    if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string')
    return []
  } catch {
    // YAML: a top-level `Transform:` line, its value inline or as a following list.
  }
  const lines = templateBody.split(/\r?\n/)
  const at = lines.findIndex(line => /^Transform\s*:/.test(line))
  if (at < 0) return []
  const inline = (lines[at] ?? '')
    .replace(/^Transform\s*:\s*/, '')
    .replace(/\s+#.*$/, '')
    .trim()
  const unquote = (s: string): string => s.trim().replace(/^['"]|['"]$/g, '')
  if (inline.startsWith('[')) return inline.slice(1, -1).split(',').map(unquote).filter(Boolean)
  if (inline !== '') return [unquote(inline)]
  const names: string[] = []
  for (const line of lines.slice(at + 1)) {
    const item = /^\s+-\s*(.+?)\s*$/.exec(line)
    if (item === null) break
    names.push(unquote(item[1] as string))
  }
  return names
}

/**
 * The authorizations AWS checks for one call. Calls whose resource cannot be known (a change set named only by
 * an ARN whose stack is unknown) are returned with resource `?`, which no pattern but `*` matches.
 */
export function authorizationsFor(call: LoggedCall, base: Scope = EMULATOR_SCOPE): Authorization[] {
  const scope: Scope = { ...base, region: call.region ?? base.region }
  const action = iamActionFor(call.service, call.operation)
  const p = call.params
  const arn = (service: string, resource: string, region = scope.region, account = scope.account): string =>
    `arn:${scope.partition}:${service}:${region}:${account}:${resource}`

  if (call.service === 's3') {
    const path = decodeURIComponent(text(p.path) ?? '/').replace(/^\//, '')
    return [{ action, resource: `arn:${scope.partition}:s3:::${path}`, context: {} }]
  }
  if (call.service === 'apigateway') {
    const path = (text(p.path) ?? '/').replace(/\/$/, '')
    return [{ action, resource: `arn:${scope.partition}:apigateway:${scope.region}::${path}`, context: {} }]
  }

  if (call.service === 'lambda' || call.service === 'ecs' || call.service === 'rds')
    return serviceAuthorizations(call, action, scope)

  const context: Record<string, string> = {}
  const changeSetName = text(p.ChangeSetName)
  if (changeSetName !== undefined) context['cloudformation:ChangeSetName'] = changeSetName
  const roleArn = text(p.RoleARN)
  if (roleArn !== undefined) context['cloudformation:RoleArn'] = roleArn
  const templateUrl = text(p.TemplateURL)
  if (templateUrl !== undefined) context['cloudformation:TemplateUrl'] = templateUrl

  switch (call.operation) {
    case 'CreateChangeSet': {
      const stack = stackArn(text(p.StackName) ?? '?', scope)
      const checks: Authorization[] = [{ action, resource: stack, context }]
      // A template's transforms are authorized as resources of CreateChangeSet (the AWS-owned transform ARN).
      for (const transform of transformsOf(text(p.TemplateBody) ?? ''))
        checks.push({
          action,
          resource: arn('cloudformation', `transform/${transform}`, scope.region, 'aws'),
          context
        })
      // CloudFormation reads a TemplateURL with the caller's permissions (forward access session).
      const object = templateUrl === undefined ? undefined : s3ObjectOf(templateUrl)
      if (object !== undefined)
        checks.push({
          action: 's3:GetObject',
          resource: `arn:${scope.partition}:s3:::${object.bucket}/${object.key}`,
          context: {}
        })
      // Passing a service role is iam:PassRole on it, to CloudFormation.
      if (roleArn !== undefined)
        checks.push({
          action: 'iam:PassRole',
          resource: roleArn,
          context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' }
        })
      return checks
    }
    case 'DescribeChangeSet':
    case 'DeleteChangeSet':
    case 'ExecuteChangeSet':
      return [{ action, resource: changeSetStack(p, scope) ?? '?', context }]
    case 'DescribeEvents': {
      // Events of an operation are authorized on its stack; of a change set named by ARN, on that change set.
      const stack = changeSetStack(p, scope)
      const changeSet = text(p.ChangeSetName)
      const resource = stack ?? (changeSet?.startsWith('arn:') === true ? changeSet : '*')
      return [{ action, resource, context }]
    }
    case 'ValidateTemplate':
      return [{ action, resource: '*', context }]
    case 'GetTemplateSummary':
    case 'DescribeStacks': {
      const stack = text(p.StackName)
      return [{ action, resource: stack === undefined ? '*' : stackArn(stack, scope), context }]
    }
    default: {
      const stack = text(p.StackName)
      return [{ action, resource: stack === undefined ? '*' : stackArn(stack, scope), context }]
    }
  }
}

/**
 * The Metaflow service calls after a deploy ("Actions, resources, and condition keys for AWS Lambda / Amazon ECS /
 * Amazon RDS"): Invoke on the function; UpdateService and DescribeServices on the service
 * (`service/CLUSTER/SERVICE`); ListTasks on the cluster's container instances; DescribeTasks on each task;
 * CreateDBSnapshot on the instance and on the snapshot, and, as it carries tags, rds:AddTagsToResource on the
 * snapshot; DescribeDBSnapshots on the snapshot.
 */
function serviceAuthorizations(call: LoggedCall, action: string, scope: Scope): Authorization[] {
  const p = call.params
  const arn = (service: string, resource: string): string =>
    `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`
  const last = (value: unknown): string => (text(value) ?? '?').split(/[/:]/).pop() ?? '?'
  const auth = (resource: string, name = action): Authorization => ({ action: name, resource, context: {} })
  switch (call.operation) {
    case 'Invoke':
      return [auth(arn('lambda', `function:${last(p.FunctionName)}`))]
    case 'UpdateService':
      return [auth(arn('ecs', `service/${last(p.cluster)}/${last(p.service)}`))]
    case 'DescribeServices': {
      const services = Array.isArray(p.services) ? p.services : []
      return services.map(service => auth(arn('ecs', `service/${last(p.cluster)}/${last(service)}`)))
    }
    case 'ListTasks':
      return [auth(arn('ecs', `container-instance/${last(p.cluster)}/*`))]
    case 'DescribeTasks': {
      const tasks = Array.isArray(p.tasks) ? p.tasks : []
      return tasks.map(task => auth(arn('ecs', `task/${last(p.cluster)}/${last(task)}`)))
    }
    case 'CreateDBSnapshot': {
      const snapshot = arn('rds', `snapshot:${text(p.DBSnapshotIdentifier) ?? '?'}`)
      const checks = [auth(arn('rds', `db:${text(p.DBInstanceIdentifier) ?? '?'}`)), auth(snapshot)]
      if (p.Tags !== undefined) checks.push(auth(snapshot, 'rds:AddTagsToResource'))
      return checks
    }
    case 'DescribeDBSnapshots':
      return [auth(arn('rds', `snapshot:${text(p.DBSnapshotIdentifier) ?? '*'}`))]
    default:
      return [auth('*')]
  }
}

/**
 * Who owns a change set named by ARN, from the calls that created it: change-set names are unique per run, and
 * a change set may be deleted before its calls are checked. Returns a resolver for `Scope.stackOfChangeSet`.
 */
export function changeSetOwners(
  calls: Iterable<{ operation: string; params: Record<string, unknown> }>
): (changeSetArn: string) => string | undefined {
  const owners = new Map<string, string>()
  for (const call of calls) {
    const name = text(call.params.ChangeSetName)
    const stack = text(call.params.StackName)
    if (call.operation === 'CreateChangeSet' && name !== undefined && stack !== undefined)
      owners.set(name, stack)
  }
  return arn => owners.get(/:changeSet\/([^/]+)\//.exec(arn)?.[1] ?? arn)
}

// ---- IAM's matching rules ----

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/** IAM's wildcards: `*` any run of characters, `?` one character; everything else literal. */
function glob(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .split('')
    .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value)
}

/** Actions are case-insensitive (`cloudformation:describe*` matches DescribeStacks). */
function actionMatches(pattern: string, action: string): boolean {
  return glob(pattern, action, true)
}

/**
 * A Resource pattern against an ARN: the first five colon-separated parts (arn, partition, service, region,
 * account) match part by part, so a wildcard never spans them; the resource part may itself hold colons.
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true
  const split = (arn: string): string[] => {
    const parts = arn.split(':')
    return [...parts.slice(0, 5), parts.slice(5).join(':')]
  }
  const p = split(pattern)
  const r = split(resource)
  if (p.length !== 6 || r.length !== 6) return false
  return p.every((part, i) => glob(part, r[i] as string))
}

const OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringNotEquals: (p, v) => p !== v,
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  StringLike: (p, v) => glob(p, v),
  StringNotLike: (p, v) => !glob(p, v),
  ArnEquals: (p, v) => p === v,
  ArnLike: (p, v) => resourceMatches(p, v),
  ArnNotLike: (p, v) => !resourceMatches(p, v),
  Bool: (p, v) => p.toLowerCase() === v.toLowerCase()
}

/**
 * One condition operator over its keys: every key must hold (AND), any listed value may match (OR); negated
 * operators need no value to match. A key the request does not carry fails the condition unless the operator
 * ends in IfExists, or is a negation; `Null` tests presence. An operator we do not model fails, so a statement
 * we cannot evaluate never grants anything here.
 */
function conditionHolds(
  operator: string,
  keys: Record<string, ConditionValues>,
  context: Record<string, string>
): boolean {
  const ifExists = operator.endsWith('IfExists')
  const name = ifExists ? operator.slice(0, -'IfExists'.length) : operator
  return Object.entries(keys).every(([key, values]) => {
    const value = context[key]
    if (name === 'Null') return list(values).some(v => (v === 'true') === (value === undefined))
    const test = OPERATORS[name]
    if (test === undefined) return false
    const negated = name.includes('Not')
    if (value === undefined) return ifExists || negated
    return negated ? list(values).every(v => test(v, value)) : list(values).some(v => test(v, value))
  })
}

function statementApplies(s: Statement, auth: Authorization): boolean {
  const actionOk =
    s.Action !== undefined
      ? list(s.Action).some(a => actionMatches(a, auth.action))
      : !list(s.NotAction).some(a => actionMatches(a, auth.action))
  if (!actionOk) return false
  const resourceOk =
    s.Resource !== undefined
      ? list(s.Resource).some(r => resourceMatches(r, auth.resource))
      : !list(s.NotResource).some(r => resourceMatches(r, auth.resource))
  if (!resourceOk) return false
  return Object.entries(s.Condition ?? {}).every(([op, keys]) => conditionHolds(op, keys, auth.context))
}

/** IAM's decision for one authorization under one identity policy. */
export function evaluate(policy: PolicyDocument, auth: Authorization): Decision {
  if (policy.Statement.some(s => s.Effect === 'Deny' && statementApplies(s, auth))) return 'explicit-deny'
  if (policy.Statement.some(s => s.Effect === 'Allow' && statementApplies(s, auth))) return 'allowed'
  return 'implicit-deny'
}

/** A readable line for a report: `cloudformation:CreateChangeSet on arn:... (cloudformation:ChangeSetName=...)`. */
export function describeAuthorization(auth: Authorization): string {
  const context = Object.entries(auth.context)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')
  return `${auth.action} on ${auth.resource}${context === '' ? '' : ` (${context})`}`
}

/**
 * The policy with its documented placeholders opened up, for checking calls made against any stack or bucket
 * name (the test suite names stacks freely): stack-name prefixes, the template bucket and the service role name
 * become wildcards; everything else (services, resource types, key prefixes, conditions) stays as written.
 */
export function withPlaceholdersOpen(policy: PolicyDocument): PolicyDocument {
  const open = (arn: string): string =>
    arn
      .replace(/:stack\/[^/*]*\*\//, ':stack/*/')
      .replace(/:::YOUR-TEMPLATE-BUCKET\//, ':::*/')
      .replace(/:role\/metaflow-cloudformation$/, ':role/*')
      // The stack's own function, services, cluster and database are named after the stack.
      .replace(/:function:metaflow-\*/, ':function:*')
      .replace(/:(service|task|container-instance)\/metaflow-\*\//, ':$1/*/')
      .replace(/:db:metaflow-\*$/, ':db:*')
      .replace(/:snapshot:metaflow-deploy-metaflow-\*$/, ':snapshot:metaflow-deploy-*')
  return {
    ...policy,
    Statement: policy.Statement.map(s => ({
      ...s,
      ...(s.Resource === undefined ? {} : { Resource: list(s.Resource).map(open) })
    }))
  }
}

/** Every action docs/iam-policy.json allows (kept for callers that only compare action names). */
export function allowedActions(file = 'iam-policy.json'): Set<string> {
  return new Set(
    loadPolicy(file)
      .Statement.filter(s => s.Effect === 'Allow')
      .flatMap(s => list(s.Action))
  )
}
