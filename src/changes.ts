import type { Change, ResourceChange } from '@aws-sdk/client-cloudformation'

/** Counts of a change set's resource changes, as `changes-summary` reports them. */
export interface ChangeCounts {
  add: number
  modify: number
  /** Modifications that will (Replacement True) or may (Conditional) replace the resource. */
  replace: number
  remove: number
}

export type ChangeKind = 'add' | 'modify' | 'replace' | 'remove'

export function resourceChanges(changes: Change[]): ResourceChange[] {
  return changes.flatMap(change => (change.ResourceChange === undefined ? [] : [change.ResourceChange]))
}

export function kindOf(change: ResourceChange): ChangeKind {
  switch (change.Action) {
    case 'Add':
      return 'add'
    case 'Remove':
      return 'remove'
    default:
      return change.Replacement === 'True' || change.Replacement === 'Conditional' ? 'replace' : 'modify'
  }
}

export function countChanges(changes: ResourceChange[]): ChangeCounts {
  const counts: ChangeCounts = { add: 0, modify: 0, replace: 0, remove: 0 }
  for (const change of changes) counts[kindOf(change)]++
  return counts
}

export function describeCounts(counts: ChangeCounts): string {
  return `${counts.add} to add, ${counts.modify} to modify, ${counts.replace} to replace, ${counts.remove} to remove`
}

/** One log line per change, like a plan: `+ AWS::S3::Bucket  Datastore`. */
export function formatChange(change: ResourceChange): string {
  const marks: Record<ChangeKind, string> = { add: '+', modify: '~', replace: '±', remove: '-' }
  const kind = kindOf(change)
  const note =
    kind === 'replace'
      ? change.Replacement === 'True'
        ? '  (replaced)'
        : '  (may be replaced)'
      : kind === 'remove' && change.PolicyAction === 'Retain'
        ? '  (retained)'
        : ''
  return `${marks[kind]} ${(change.ResourceType ?? '').padEnd(44)} ${change.LogicalResourceId ?? ''}${note}`
}
