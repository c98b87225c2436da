import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import type { AllowDataLoss } from '../settings/settings.js'
import { kindOf } from '../stack/changes.js'

/**
 * Resource types that hold data, with what to call one in a sentence. Replacing or removing one loses what it
 * holds unless a policy keeps it, so deploy refuses such a change set unless `allow-data-loss` accepts it, and
 * previews mark it. The README's list (docs/previews.md) is this one.
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

/**
 * The network a data store lives in. Replacing one moves what runs in it to a new network: a database whose
 * subnet group changes VPC is replaced (AWS::RDS::DBInstance, DBSubnetGroupName: "Update requires: Replacement"),
 * even where the change set lists only the network (the database's own change is decided while executing). So
 * a replacement of these counts as a loss; a removal does not (the data stores in it would be removed too, and
 * are judged themselves).
 */
export const DATA_NETWORK_TYPES: Readonly<Record<string, string>> = {
  'AWS::EC2::VPC': 'network (VPC) of the stack',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::RDS::DBSubnetGroup': 'database subnet group'
}

export function holdsData(resourceType: string | undefined): boolean {
  return Object.hasOwn(DATA_TYPES, resourceType ?? '')
}

/** A resource that holds data and that a change set replaces or removes. */
export interface DataLossVerdict {
  logicalId: string
  resourceType: string
  change: 'replace' | 'remove'
  /**
   * What happens to its data, from the change set's PolicyAction: Delete, Retain, Snapshot, ReplaceAndDelete,
   * ReplaceAndRetain, ReplaceAndSnapshot.
   */
  fate: string
  /** Listed in allow-data-loss (or allow-data-loss is `*`). */
  allowed: boolean
}

export type { AllowDataLoss } from '../settings/settings.js'

/** What CloudFormation does when the change set gives no PolicyAction: the default DeletionPolicy, Delete. */
function policyOf(change: ResourceChange, kind: 'replace' | 'remove'): string {
  return change.PolicyAction ?? (kind === 'remove' ? 'Delete' : 'ReplaceAndDelete')
}

/**
 * The resources that hold data and that this change set replaces (surely, or possibly: Replacement
 * `Conditional`) or removes, each with what happens to its data and whether allow-data-loss accepts it.
 *
 * A removal the template retains (DeletionPolicy Retain, PolicyAction `Retain`) loses nothing: the resource stays,
 * outside the stack. A replacement always counts, whatever its policy: the stack moves to a new, empty resource,
 * and the old one (retained or snapshotted at best) is no longer the one the application uses.
 */
export function assessDataLoss(changes: readonly ResourceChange[], allow: AllowDataLoss): DataLossVerdict[] {
  const verdicts: DataLossVerdict[] = []
  for (const change of changes) {
    const kind = kindOf(change)
    if (kind !== 'replace' && kind !== 'remove') continue
    const underData = kind === 'replace' && Object.hasOwn(DATA_NETWORK_TYPES, change.ResourceType ?? '')
    if (!holdsData(change.ResourceType) && !underData) continue
    const fate = policyOf(change, kind)
    if (kind === 'remove' && fate === 'Retain') continue
    const logicalId = change.LogicalResourceId ?? ''
    verdicts.push({
      logicalId,
      resourceType: change.ResourceType ?? '',
      change: kind,
      fate,
      allowed: allow.all || allow.paths.has(logicalId)
    })
  }
  return verdicts
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
    default:
      return `CloudFormation's policy is ${fate}`
  }
}

/**
 * Why deploy refused the change set: each refused resource, what would happen to its data, and how to allow it.
 * Plain text for the log and the error (logical ids and types are CloudFormation names, never a secret).
 */
export function refusalMessage(stackName: string, verdicts: readonly DataLossVerdict[]): string {
  const refused = verdicts.filter(v => !v.allowed)
  if (refused.length === 0) return ''
  const count =
    refused.length === 1 ? '1 resource that holds data' : `${refused.length} resources that hold data`
  const lines = refused.map(
    v =>
      `  - ${v.logicalId} (${v.resourceType}) is ${v.change === 'replace' ? 'replaced' : 'removed'}: ${describeFate(v.fate)} (${v.fate}).`
  )
  const ids = refused.map(v => v.logicalId).join(',')
  return [
    `Refused to deploy stack ${stackName}: the change set would replace or remove ${count}, and allow-data-loss does not list ${refused.length === 1 ? 'it' : 'them'}. Nothing was changed; the change set was deleted.`,
    ...lines,
    `If losing this data is intended, set \`allow-data-loss: ${ids}\` (or \`*\` for any resource) and run again. To keep a resource's data when it is removed, give it \`DeletionPolicy: Retain\` in the template. If the stack is not the one you meant, check stack-name and the region.`
  ].join('\n')
}
