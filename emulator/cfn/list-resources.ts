import type { QueryParams } from '../query.js'
import type { StackRecord } from './model.js'

/**
 * ListStackResources: "Returns descriptions of all resources of the specified stack", one page at a time with
 * NextToken (ListStackResources API reference; StackResourceSummary: LogicalResourceId, PhysicalResourceId,
 * ResourceType, LastUpdatedTimestamp, ResourceStatus).
 */
const PAGE = 100

export function listStackResources(stack: StackRecord, params: QueryParams): unknown {
  const start = typeof params.NextToken === 'string' ? Number(params.NextToken) || 0 : 0
  const all = [...stack.resources.values()]
  const page = all.slice(start, start + PAGE)
  return {
    StackResourceSummaries: page.map(r => ({
      LogicalResourceId: r.logicalId,
      PhysicalResourceId: r.physicalId,
      ResourceType: r.type,
      LastUpdatedTimestamp: stack.lastUpdatedTime ?? stack.creationTime,
      ResourceStatus: r.status
    })),
    NextToken: start + PAGE < all.length ? String(start + PAGE) : undefined
  }
}
