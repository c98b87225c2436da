import { ListStackResourcesCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation'

/**
 * The stack's own Metaflow service resources, found by type in its resource list rather than by logical id, so a
 * template of one's own with other names works too: the ECS services (and their cluster), the RDS instance.
 */
export interface ServiceResources {
  /** ECS services as cluster and service ARN (or name), as UpdateService and DescribeServices take them. */
  services: EcsService[]
  /** The DBInstanceIdentifier of the stack's (first) RDS instance, if any. */
  dbInstance: string | undefined
}

export interface EcsService {
  logicalId: string
  cluster: string
  service: string
}

const ECS_SERVICE = 'AWS::ECS::Service'
const ECS_CLUSTER = 'AWS::ECS::Cluster'
const DB_INSTANCE = 'AWS::RDS::DBInstance'

/** Every page of ListStackResources, reduced to what the migration and the diagnosis need. */
export async function findServiceResources(
  cfn: CloudFormationClient,
  stackName: string,
  signal?: AbortSignal
): Promise<ServiceResources> {
  const found: { logicalId: string; type: string; physicalId: string }[] = []
  let token: string | undefined
  do {
    const page = await cfn.send(
      new ListStackResourcesCommand({ StackName: stackName, NextToken: token }),
      signal === undefined ? {} : { abortSignal: signal }
    )
    for (const r of page.StackResourceSummaries ?? []) {
      if (r.ResourceStatus?.startsWith('DELETE') === true) continue
      found.push({
        logicalId: r.LogicalResourceId ?? '',
        type: r.ResourceType ?? '',
        physicalId: r.PhysicalResourceId ?? ''
      })
    }
    token = page.NextToken
  } while (token !== undefined && token !== '')
  const clusters = found.filter(r => r.type === ECS_CLUSTER).map(r => r.physicalId)
  const services = found
    .filter(r => r.type === ECS_SERVICE && r.physicalId !== '')
    .map(r => ({
      logicalId: r.logicalId,
      cluster: clusterOf(r.physicalId) ?? clusters[0] ?? 'default',
      service: r.physicalId
    }))
  return { services, dbInstance: found.find(r => r.type === DB_INSTANCE && r.physicalId !== '')?.physicalId }
}

/**
 * The cluster named in a service ARN of the long format, `arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE`
 * (ECS developer guide, "Amazon Resource Names (ARNs) and IDs"); undefined for the old format without it.
 */
export function clusterOf(serviceArn: string): string | undefined {
  const match = /^arn:[^:]+:ecs:[^:]*:\d*:service\/([^/]+)\/[^/]+$/.exec(serviceArn)
  return match?.[1]
}
