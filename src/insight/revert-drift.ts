import type { ResourceChange } from '@aws-sdk/client-cloudformation'

/**
 * The drift fields of a drift-aware change set (CreateChangeSet with DeploymentMode REVERT_DRIFT): per resource
 * its ResourceDriftStatus and ResourceDriftIgnoredAttributes, per property the ResourceTargetDefinition's
 * Drift.PreviousValue / Drift.ActualValue and BeforeValueFrom (ResourceChange and ResourceTargetDefinition API
 * references), read from DescribeChangeSet as the plan already has it.
 */

export interface RevertDriftProperty {
  path: string
  previous: string | undefined
  actual: string | undefined
  after: string | undefined
  /** ACTUAL_STATE: the change starts from the live value; PREVIOUS_DEPLOYMENT_STATE: from the template's. */
  beforeValueFrom: string | undefined
}

export interface RevertDriftChange {
  logicalId: string
  type: string
  driftStatus: string
  properties: RevertDriftProperty[]
  ignored: { path: string; reason: string }[]
}

export function revertDriftChanges(changes: readonly ResourceChange[]): RevertDriftChange[] {
  const out: RevertDriftChange[] = []
  for (const change of changes) {
    const properties = (change.Details ?? [])
      .filter(d => d.Target?.Drift !== undefined || d.Target?.BeforeValueFrom !== undefined)
      .map(d => ({
        path: d.Target?.Path ?? d.Target?.Name ?? '',
        previous: d.Target?.Drift?.PreviousValue,
        actual: d.Target?.Drift?.ActualValue,
        after: d.Target?.AfterValue,
        beforeValueFrom: d.Target?.BeforeValueFrom
      }))
    const ignored = (change.ResourceDriftIgnoredAttributes ?? []).map(a => ({
      path: a.Path ?? '',
      reason: a.Reason ?? ''
    }))
    if (change.ResourceDriftStatus === undefined && properties.length === 0 && ignored.length === 0) continue
    out.push({
      logicalId: change.LogicalResourceId ?? '',
      type: change.ResourceType ?? '',
      driftStatus: change.ResourceDriftStatus ?? '',
      properties,
      ignored
    })
  }
  return out
}
