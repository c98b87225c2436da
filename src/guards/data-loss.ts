import type { Change, ResourceChange } from '@aws-sdk/client-cloudformation'
import type { AllowDataLoss } from '../settings/settings.js'
import { resourceChanges } from '../stack/changes.js'
import { destroysInPlace, propertiesOf } from './destructive-properties.js'
import { holdsNoData, removableWithoutLoss } from './no-data-types.js'

/**
 * The data-loss guard's judgement of a change set: which resources it may lose the data of, named by path.
 *
 * DATA_TYPES are the well-known data stores, with what to call one in a sentence (previews mark them "holds
 * data"; docs/previews.md lists them). The guard does not depend on this list: it refuses every type that is not
 * on the no-data list (no-data-types.ts), known here or not.
 */
export const DATA_TYPES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::S3Express::DirectoryBucket': 'bucket',
  'AWS::RDS::DBInstance': 'database',
  'AWS::RDS::DBCluster': 'database cluster',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::SecretsManager::Secret': 'secret',
  'AWS::EFS::FileSystem': 'file system',
  'AWS::Logs::LogGroup': 'log group',
  'AWS::ECR::Repository': 'image repository',
  // Deleting a key (after its waiting period) makes everything encrypted with it unreadable.
  'AWS::KMS::Key': 'encryption key',
  'AWS::EC2::Volume': 'volume',
  'AWS::Kinesis::Stream': 'stream',
  'AWS::SQS::Queue': 'queue',
  'AWS::OpenSearchService::Domain': 'search domain',
  'AWS::Elasticsearch::Domain': 'search domain',
  'AWS::ElastiCache::ReplicationGroup': 'cache',
  'AWS::ElastiCache::CacheCluster': 'cache',
  'AWS::ElastiCache::ServerlessCache': 'cache',
  'AWS::Neptune::DBCluster': 'graph database cluster',
  'AWS::DocDB::DBCluster': 'document database cluster',
  'AWS::Redshift::Cluster': 'data warehouse',
  'AWS::Backup::BackupVault': 'backup vault',
  'AWS::Cognito::UserPool': 'user pool',
  'AWS::Timestream::Database': 'time-series database',
  'AWS::Timestream::Table': 'time-series table',
  'AWS::FSx::FileSystem': 'file system',
  // A nested stack may hold any of the above: removing or replacing it removes everything in it.
  'AWS::CloudFormation::Stack': 'nested stack'
}

export function holdsData(resourceType: string | undefined): boolean {
  return Object.hasOwn(DATA_TYPES, resourceType ?? '')
}

/**
 * A resource change the data-loss guard refuses unless allow-data-loss names it: a replacement or removal of a
 * type not on the no-data list (no-data-types.ts), an in-place change that destroys data (destructive-properties.ts),
 * or a change whose effect the change set does not say (Replacement Conditional, Action Dynamic, a nested stack's
 * Modify without its nested change set).
 */
export interface DataLossVerdict {
  /** The nested stacks the resource is in, from the root: [] for the root stack, ['Inner'] inside Inner. */
  path: string[]
  logicalId: string
  resourceType: string
  change: 'replace' | 'remove' | 'modify'
  /** `possible`: the change set does not say whether the data goes (Conditional, Dynamic, unread nested stack). */
  certainty: 'certain' | 'possible'
  /**
   * What happens to its data, from the change set's PolicyAction (Delete, Retain, Snapshot, ReplaceAndDelete,
   * ReplaceAndRetain, ReplaceAndSnapshot), or InPlace / Unknown for a modify.
   */
  fate: string
  /** Why, in words, for a modify or a possible loss; '' when the fate says it all. */
  reason: string
  /** allow-data-loss names this path exactly (or is `*`). */
  allowed: boolean
}

export type { AllowDataLoss } from '../settings/settings.js'

/** The name allow-data-loss takes for a resource: its nested stacks' logical ids and its own, joined by `/`. */
export function pathOf(verdict: Pick<DataLossVerdict, 'path' | 'logicalId'>): string {
  return [...verdict.path, verdict.logicalId].join('/')
}

/**
 * What CloudFormation does when the change set gives no PolicyAction: the default DeletionPolicy, which is Delete
 * except for AWS::RDS::DBCluster and an AWS::RDS::DBInstance outside a cluster (no DBClusterIdentifier), where it
 * is Snapshot (user guide, "DeletionPolicy attribute"). A replacement's default UpdateReplacePolicy is Delete for
 * every type ("UpdateReplacePolicy attribute": "By default, CloudFormation then deletes the old resource").
 */
function policyOf(change: ResourceChange, kind: 'replace' | 'remove'): string {
  if (change.PolicyAction !== undefined) return change.PolicyAction
  if (kind === 'replace') return 'ReplaceAndDelete'
  const type = change.ResourceType
  const inCluster = propertiesOf(change, 'before').DBClusterIdentifier !== undefined
  return type === 'AWS::RDS::DBCluster' || (type === 'AWS::RDS::DBInstance' && !inCluster)
    ? 'Snapshot'
    : 'Delete'
}

const NESTED_STACK = 'AWS::CloudFormation::Stack'

type Finding = Pick<DataLossVerdict, 'change' | 'certainty' | 'fate' | 'reason'>

/** What one resource change may lose, or undefined when it loses nothing. */
function findingOf(change: ResourceChange, nestedRead: boolean): Finding | undefined {
  const type = change.ResourceType
  if (change.Action === 'Remove') {
    const fate = policyOf(change, 'remove')
    // Retained: the resource stays, with its data, outside the stack.
    if (fate === 'Retain' || removableWithoutLoss(type)) return undefined
    return { change: 'remove', certainty: 'certain', fate, reason: '' }
  }
  if (change.Action !== 'Modify' && change.Action !== 'Dynamic') return undefined
  if (type === NESTED_STACK && change.Replacement !== 'True') {
    // Its own change set was read: the resources inside are judged one by one, by their paths.
    if (nestedRead) return undefined
    return {
      change: 'modify',
      certainty: 'possible',
      fate: 'Unknown',
      reason:
        'what changes inside this nested stack is unknown: its nested change set was not read (include-nested-stacks is false, or CloudFormation gave none)'
    }
  }
  if (change.Action === 'Dynamic' && !holdsNoData(type)) {
    return {
      change: 'modify',
      certainty: 'possible',
      fate: 'Unknown',
      reason:
        'CloudFormation decides this change only while executing (Action Dynamic): it may replace the resource'
    }
  }
  if (change.Replacement === 'True' || change.Replacement === 'Conditional') {
    if (holdsNoData(type)) return undefined
    const conditional = change.Replacement === 'Conditional'
    return {
      change: 'replace',
      certainty: conditional ? 'possible' : 'certain',
      fate: policyOf(change, 'replace'),
      reason: conditional
        ? 'CloudFormation decides while executing whether it is replaced (Replacement Conditional)'
        : ''
    }
  }
  const destroyed = destroysInPlace(change)
  return destroyed === undefined
    ? undefined
    : { change: 'modify', certainty: 'certain', fate: 'InPlace', reason: destroyed }
}

/**
 * The resources of one stack (at `path`) that this change set may lose data of, each with what happens to it and
 * whether allow-data-loss accepts it. Deny by default: every removal or replacement counts unless its type is on
 * the no-data list or a Retain policy keeps a removed resource. A replacement counts whatever its policy: the
 * stack moves to a new, empty resource, and the old one (retained or snapshotted at best) is no longer the one
 * the application uses. `nestedRead` holds the logical ids of nested stacks whose own change sets were read.
 */
export function assessDataLoss(
  changes: readonly ResourceChange[],
  allow: AllowDataLoss,
  path: readonly string[] = [],
  nestedRead: ReadonlySet<string> = new Set()
): DataLossVerdict[] {
  const verdicts: DataLossVerdict[] = []
  for (const change of changes) {
    const logicalId = change.LogicalResourceId ?? ''
    const finding = findingOf(change, nestedRead.has(logicalId))
    if (finding === undefined) continue
    const verdict = { path: [...path], logicalId, resourceType: change.ResourceType ?? '', ...finding }
    verdicts.push({ ...verdict, allowed: allow.all || allow.paths.has(pathOf(verdict)) })
  }
  return verdicts
}

/** Every stack of a plan: the root's changes and each nested stack's, by path. */
export interface PlannedChanges {
  changes: readonly Change[]
  nested: readonly { path: string[]; changes: ResourceChange[] }[]
}

/**
 * The verdicts of a whole plan: the root stack and every nested stack read, each resource named by its path,
 * so `allow-data-loss: Inner/Store` allows the nested one and `Store` the root one only.
 */
export function assessPlan(plan: PlannedChanges, allow: AllowDataLoss): DataLossVerdict[] {
  const read = (path: readonly string[]): Set<string> =>
    new Set(
      plan.nested
        .filter(n => n.path.length === path.length + 1 && path.every((id, i) => n.path[i] === id))
        .map(n => n.path[path.length] ?? '')
    )
  return [
    ...assessDataLoss(resourceChanges([...plan.changes]), allow, [], read([])),
    ...plan.nested.flatMap(n => assessDataLoss(n.changes, allow, n.path, read(n.path)))
  ]
}

/** What a policy does to the data, in words. */
export function describeFate(fate: string): string {
  switch (fate) {
    case 'Delete':
      return 'it is deleted with its data'
    case 'Snapshot':
      return 'a final snapshot is taken, then it is deleted'
    case 'Retain':
      return 'it is kept, with its data, outside the stack'
    case 'ReplaceAndDelete':
      return 'a new, empty one replaces it and the old one is deleted with its data'
    case 'ReplaceAndSnapshot':
      return 'a new, empty one replaces it; a final snapshot of the old one is taken, then it is deleted'
    case 'ReplaceAndRetain':
      return 'a new, empty one replaces it; the old one is kept, with its data, outside the stack'
    case 'InPlace':
      return 'it stays, but the change deletes some of what it holds'
    case 'Unknown':
      return 'the change set does not say what happens to it'
    default:
      return `CloudFormation's policy is ${fate}`
  }
}

/**
 * What happens to a resource's data, in words: the fate, what AWS does by default for the type (KMS schedules a
 * key's deletion: KMS developer guide, "Deleting AWS KMS keys"; RDS snapshots on removal: "DeletionPolicy
 * attribute"), and whether the change set is sure.
 */
export function describeVerdict(verdict: DataLossVerdict): string {
  const what =
    verdict.change === 'replace'
      ? verdict.certainty === 'possible'
        ? 'may be replaced'
        : 'is replaced'
      : verdict.change === 'remove'
        ? 'is removed'
        : verdict.certainty === 'possible'
          ? 'may lose data'
          : 'loses data in place'
  const key =
    verdict.resourceType === 'AWS::KMS::Key' && /Delete$/.test(verdict.fate)
      ? '; a key is scheduled for deletion after a waiting period of 7-30 days (cancellable until then), then everything encrypted with it is unreadable'
      : ''
  const reason = verdict.reason === '' ? '' : ` (${verdict.reason})`
  const possible = verdict.certainty === 'possible' ? ' Counted as a possible loss.' : ''
  return `${pathOf(verdict)} (${verdict.resourceType}) ${what}${reason}: ${describeFate(verdict.fate)}${key} (${verdict.fate}).${possible}`
}

/**
 * Why deploy refused the change set: each refused resource, what would happen to its data, and how to allow it.
 * Plain text for the log and the error (logical ids and types are CloudFormation names, never a secret).
 */
export function refusalMessage(stackName: string, verdicts: readonly DataLossVerdict[]): string {
  const refused = verdicts.filter(v => !v.allowed)
  if (refused.length === 0) return ''
  const count = refused.length === 1 ? '1 resource' : `${refused.length} resources`
  const lines = refused.map(v => `  - ${describeVerdict(v)}`)
  const ids = refused.map(pathOf).join(',')
  return [
    `Refused to deploy stack ${stackName}: the change set would or may lose the data of ${count}, and allow-data-loss does not list ${refused.length === 1 ? 'it' : 'them'}. Nothing was changed: the change set never ran.`,
    ...lines,
    `If losing this data is intended, set \`allow-data-loss: ${ids}\` (a resource inside a nested stack is named by its path, Nested/Id; \`*\` allows any) and run again. To keep a resource's data when it is removed, give it \`DeletionPolicy: Retain\` in the template. Only types that hold no data are replaced or removed without asking (docs/data-loss.md lists them). If the stack is not the one you meant, check stack-name and the region.`
  ].join('\n')
}
