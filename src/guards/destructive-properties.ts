import type { ResourceChange } from '@aws-sdk/client-cloudformation'

/**
 * Changes that destroy data in place: the resource stays (a Modify, no replacement), yet what it holds is deleted
 * or made unreadable by the new setting. Each rule reads the resource's properties before and after and returns
 * why the change destroys data, or undefined. The data-loss guard treats a match like a removal.
 *
 * Values come from the change set's BeforeContext/AfterContext (whole property documents, with
 * IncludePropertyValues) and, where those are missing, from each detail's Target.Path with its
 * BeforeValue/AfterValue (ResourceChangeDetail and ResourceTargetDefinition in the API reference). A value that is
 * not known before executing (a reference to a resource being replaced) is not a number, and counts as lowered:
 * the guard cannot prove it is not.
 */

type Properties = Record<string, unknown>
type Rule = (before: Properties, after: Properties) => string | undefined

/** A number from a template or change-set value (CloudFormation shows numbers as strings too). */
function numberOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  return Number(value)
}

/** "lowered" when after is set and is lower than before (before unset means `unset`, the service default). */
function lowered(before: unknown, after: unknown, unset: number): [number, number] | undefined {
  const was = numberOf(before) ?? unset
  const now = numberOf(after)
  if (now === undefined) return undefined
  return Number.isNaN(now) || now < was ? [was, now] : undefined
}

const days = (n: number): string => (Number.isFinite(n) ? `${n} days` : 'forever')

/** The shortest time after which an enabled lifecycle rule deletes objects (or old versions), in days. */
function shortestExpiry(configuration: unknown): number {
  const rules = (configuration as { Rules?: unknown } | undefined)?.Rules
  if (!Array.isArray(rules)) return Infinity
  let shortest = Infinity
  for (const rule of rules as Record<string, unknown>[]) {
    if (rule.Status !== 'Enabled') continue
    const noncurrent = rule.NoncurrentVersionExpiration as Record<string, unknown> | undefined
    const candidates = [
      rule.ExpirationInDays,
      rule.NoncurrentVersionExpirationInDays,
      noncurrent?.NoncurrentDays,
      // A fixed date expires everything at once, from that day on.
      rule.ExpirationDate === undefined ? undefined : 0
    ]
    for (const value of candidates) {
      const n = numberOf(value)
      if (n !== undefined) shortest = Math.min(shortest, Number.isNaN(n) ? 0 : n)
    }
  }
  return shortest
}

const ttlOn = (spec: unknown): boolean => {
  const enabled = (spec as Record<string, unknown> | undefined)?.Enabled
  return enabled === true || enabled === 'true'
}

/**
 * The rule table: resource type -> rules. Defaults are the services' own (CloudWatch Logs: no RetentionInDays
 * keeps events forever; RDS: BackupRetentionPeriod 1 day; SQS: MessageRetentionPeriod 345,600 s; KMS:
 * PendingWindowInDays 30), each from the resource's page in the CloudFormation template reference.
 */
export const DESTRUCTIVE_RULES: Readonly<Record<string, readonly Rule[]>> = {
  'AWS::Logs::LogGroup': [
    (b, a) => {
      const change = lowered(b.RetentionInDays, a.RetentionInDays, Infinity)
      return (
        change &&
        `its retention is lowered from ${days(change[0])} to ${days(change[1])}: older events are deleted`
      )
    }
  ],
  'AWS::S3::Bucket': [
    (b, a) => {
      const was = shortestExpiry(b.LifecycleConfiguration)
      const now = shortestExpiry(a.LifecycleConfiguration)
      return now < was
        ? `a lifecycle rule now expires objects after ${days(now)} (before: ${days(was)}): older objects are deleted`
        : undefined
    }
  ],
  'AWS::RDS::DBInstance': [backupRetention],
  'AWS::RDS::DBCluster': [backupRetention],
  'AWS::DynamoDB::Table': [
    (b, a) => {
      const before = b.TimeToLiveSpecification as Record<string, unknown> | undefined
      const after = a.TimeToLiveSpecification as Record<string, unknown> | undefined
      if (!ttlOn(after)) return undefined
      if (ttlOn(before) && before?.AttributeName === after?.AttributeName) return undefined
      return `time to live is switched on (attribute ${String(after?.AttributeName)}): items whose time has passed are deleted`
    }
  ],
  'AWS::SQS::Queue': [
    (b, a) => {
      const change = lowered(b.MessageRetentionPeriod, a.MessageRetentionPeriod, 345_600)
      return (
        change &&
        `its message retention is lowered from ${change[0]} s to ${change[1]} s: older messages are deleted`
      )
    }
  ],
  'AWS::KMS::Key': [
    (b, a) => {
      const was = b.Enabled === undefined || b.Enabled === true || b.Enabled === 'true'
      const now = a.Enabled === undefined || a.Enabled === true || a.Enabled === 'true'
      return was && !now
        ? 'the key is disabled: nothing encrypted with it can be read until it is enabled'
        : undefined
    },
    (b, a) => {
      const change = lowered(b.PendingWindowInDays, a.PendingWindowInDays, 30)
      return (
        change && `its deletion waiting period is shortened from ${days(change[0])} to ${days(change[1])}`
      )
    }
  ]
}

function backupRetention(b: Properties, a: Properties): string | undefined {
  const change = lowered(b.BackupRetentionPeriod, a.BackupRetentionPeriod, 1)
  if (change === undefined) return undefined
  return change[1] === 0
    ? 'automated backups are turned off: the existing automated backups are deleted'
    : `its backup retention is lowered from ${days(change[0])} to ${days(change[1])}: older automated backups are deleted`
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** Sets a value at a detail's path (`/Properties/A/0/B`) in a property document. */
function setAt(target: Properties, path: string[], value: unknown): void {
  // Keys come from AWS: never let one reach an object's prototype.
  if (path.some(key => key === '__proto__' || key === 'constructor' || key === 'prototype')) return
  let node: Record<string, unknown> = target
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      node[key] = value
      return
    }
    const next = node[key]
    if (typeof next !== 'object' || next === null) node[key] = /^\d+$/.test(path[i + 1] ?? '') ? [] : {}
    node = node[key] as Record<string, unknown>
  }
}

/** The resource's properties on one side of the change, from its context or else from its details. */
export function propertiesOf(change: ResourceChange, side: 'before' | 'after'): Properties {
  const context = parsed(side === 'before' ? change.BeforeContext : change.AfterContext) as
    { Properties?: Properties } | undefined
  if (typeof context === 'object' && context !== null && context.Properties !== undefined)
    return context.Properties
  const properties: Properties = Object.create(null) as Properties
  for (const detail of change.Details ?? []) {
    const target = detail.Target
    const path = (target?.Path ?? (target?.Name === undefined ? '' : `/Properties/${target.Name}`))
      .split('/')
      .slice(1)
    if (path[0] !== 'Properties' || path.length < 2) continue
    const value = side === 'before' ? target?.BeforeValue : target?.AfterValue
    if (value !== undefined) setAt(properties, path.slice(1), parsed(value))
  }
  return properties
}

/** Why this in-place change destroys data, or undefined when no rule says it does. */
export function destroysInPlace(change: ResourceChange): string | undefined {
  const rules = DESTRUCTIVE_RULES[change.ResourceType ?? '']
  if (rules === undefined || !Object.hasOwn(DESTRUCTIVE_RULES, change.ResourceType ?? '')) return undefined
  const before = propertiesOf(change, 'before')
  const after = propertiesOf(change, 'after')
  const reasons = rules.map(rule => rule(before, after)).filter((r): r is string => r !== undefined)
  return reasons.length === 0 ? undefined : reasons.join('; ')
}
