import type { Change, ResourceChange } from '@aws-sdk/client-cloudformation'

/**
 * Counts of a change set's resource changes, as `changes-summary` reports them. Import, Dynamic and
 * SyncWithActual are counted as what they are (ResourceChange.Action in the API reference), never as modifies.
 */
export interface ChangeCounts {
  add: number
  modify: number
  /** Modifications that will (Replacement True) or may (Conditional) replace the resource. */
  replace: number
  remove: number
  /** Existing resources brought under the stack (Action Import). */
  import: number
  /** Changes CloudFormation decides only while executing, such as a nested stack's (Action Dynamic). */
  dynamic: number
  /** Drift brought back to the template's values (Action SyncWithActual). */
  syncWithActual: number
}

/** The four kinds the rendering shows today; `actionOf` adds the rarer ones. */
export type ChangeKind = 'add' | 'modify' | 'replace' | 'remove'

/** Every kind of resource change, each counted under its own name. */
export type ChangeAction = ChangeKind | 'import' | 'dynamic' | 'syncWithActual'

export const NO_CHANGES: Readonly<ChangeCounts> = Object.freeze({
  add: 0,
  modify: 0,
  replace: 0,
  remove: 0,
  import: 0,
  dynamic: 0,
  syncWithActual: 0
})

export function resourceChanges(changes: Change[]): ResourceChange[] {
  return changes.flatMap(change => (change.ResourceChange === undefined ? [] : [change.ResourceChange]))
}

/** What a resource change does, with Import, Dynamic and SyncWithActual as themselves. */
export function actionOf(change: ResourceChange): ChangeAction {
  switch (change.Action) {
    case 'Add':
      return 'add'
    case 'Remove':
      return 'remove'
    case 'Import':
      return 'import'
    case 'Dynamic':
      return 'dynamic'
    case 'SyncWithActual':
      return 'syncWithActual'
    default:
      return change.Replacement === 'True' || change.Replacement === 'Conditional' ? 'replace' : 'modify'
  }
}

/**
 * The kind shown by renderers that know only four: an import adds the resource to the stack, the others change
 * it in place. Prefer `actionOf`.
 */
export function kindOf(change: ResourceChange): ChangeKind {
  const action = actionOf(change)
  if (action === 'import') return 'add'
  if (action === 'dynamic' || action === 'syncWithActual') return 'modify'
  return action
}

export function countChanges(changes: ResourceChange[]): ChangeCounts {
  const counts: ChangeCounts = { ...NO_CHANGES }
  for (const change of changes) counts[actionOf(change)]++
  return counts
}

/** Every change counted, whatever its kind (the `changes-count` output). */
export function totalChanges(counts: ChangeCounts): number {
  return (
    counts.add +
    counts.modify +
    counts.replace +
    counts.remove +
    counts.import +
    counts.dynamic +
    counts.syncWithActual
  )
}

/** `1 to add, 0 to modify, 0 to replace, 2 to remove`, plus the rarer kinds only when present. */
export function describeCounts(counts: ChangeCounts): string {
  const rare = [
    counts.import > 0 ? `${counts.import} to import` : '',
    counts.dynamic > 0 ? `${counts.dynamic} decided during execution` : '',
    counts.syncWithActual > 0 ? `${counts.syncWithActual} to sync with actual` : ''
  ].filter(part => part !== '')
  return [
    `${counts.add} to add, ${counts.modify} to modify, ${counts.replace} to replace, ${counts.remove} to remove`,
    ...rare
  ].join(', ')
}

/**
 * One log line per change, like a plan: `+ AWS::S3::Bucket  Datastore`. `typeWidth` is the longest resource type in
 * the run, so the logical ids line up without a column wider than the run needs.
 */
export function formatChange(change: ResourceChange, typeWidth = 44): string {
  const marks: Record<ChangeAction, string> = {
    add: '+',
    modify: '~',
    replace: '±',
    remove: '-',
    import: '→',
    dynamic: '?',
    syncWithActual: '≈'
  }
  const action = actionOf(change)
  const note =
    action === 'replace'
      ? change.Replacement === 'True'
        ? '  (replaced)'
        : '  (may be replaced)'
      : action === 'remove' && change.PolicyAction === 'Retain'
        ? '  (retained)'
        : action === 'import'
          ? '  (imported)'
          : action === 'dynamic'
            ? '  (decided during execution)'
            : action === 'syncWithActual'
              ? '  (synced with actual)'
              : ''
  return `${marks[action]} ${(change.ResourceType ?? '').padEnd(typeWidth)} ${change.LogicalResourceId ?? ''}${note}`
}
