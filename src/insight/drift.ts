import {
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  type ResourceChange,
  type StackResourceDrift
} from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import { awsErrorName, messageOf } from '../run/errors.js'

/**
 * Drift beside the change: DetectStackDrift on the existing stack while the change set is built, bounded in time,
 * then each drifted property as deployed (the template's value CloudFormation expects), as it is live, and as it
 * will be after the merge (DetectStackDrift, DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts API
 * references). Drift never fails a run: whatever goes wrong becomes a note.
 */

export interface DriftedProperty {
  /** JSON pointer into the resource's properties, as DescribeStackResourceDrifts gives it: `/DBInstanceClass`. */
  path: string
  deployed: string | undefined
  live: string | undefined
  /** The value the merge leaves: the change set's for a property it sets, else the live one (the drift stays). */
  afterMerge: string | undefined
  /** True when the merge overwrites a live change. */
  overwritten: boolean
}

export interface DriftedResource {
  logicalId: string
  type: string
  status: 'MODIFIED' | 'DELETED'
  /** What the merge does to the resource: leaves it, updates it, replaces it or removes it. */
  fate: 'untouched' | 'updated' | 'replaced' | 'removed'
  properties: DriftedProperty[]
}

export type DriftResult =
  | { kind: 'checked'; resources: DriftedResource[]; partial?: string }
  | { kind: 'unavailable'; note: string; detail?: string }

/** How long drift may take: past it, a note and no drift section (INTERFACE.md, `drift`). */
export const DRIFT_BUDGET_MS = 60_000

interface RawDrift {
  logicalId: string
  type: string
  status: 'MODIFIED' | 'DELETED'
  differences: { path: string; deployed: string | undefined; live: string | undefined }[]
}

/**
 * Detects drift on the stack and reads the drifted resources. Never throws: a denied call, a failed detection or
 * the budget running out is a note. `budgetMs` counts the waits between polls on the run's clock.
 */
export async function detectDrift(
  ctx: RunContext,
  stackName: string,
  budgetMs = DRIFT_BUDGET_MS
): Promise<
  { kind: 'raw'; drifts: RawDrift[]; partial?: string } | Extract<DriftResult, { kind: 'unavailable' }>
> {
  const cfn = ctx.clients.cloudformation
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(budgetMs + 5_000)])
  try {
    const started = await cfn.send(new DetectStackDriftCommand({ StackName: stackName }), {
      abortSignal: signal
    })
    const id = started.StackDriftDetectionId ?? ''
    let waited = 0
    let partial: string | undefined
    for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
      const status = await cfn.send(
        new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id }),
        {
          abortSignal: signal
        }
      )
      if (status.DetectionStatus === 'DETECTION_COMPLETE') break
      // Failed for some resources (often one the role may not read): results still come for the others
      // (DescribeStackDriftDetectionStatus API reference, DETECTION_FAILED).
      if (status.DetectionStatus === 'DETECTION_FAILED') {
        partial = status.DetectionStatusReason ?? 'no reason given'
        break
      }
      if (waited >= budgetMs)
        return {
          kind: 'unavailable',
          note: `Drift detection did not finish within ${Math.round(budgetMs / 1000)} s; drift is not shown.`
        }
      await ctx.clock.sleep(delay, signal)
      waited += delay
    }
    const drifts: StackResourceDrift[] = []
    let NextToken: string | undefined
    do {
      const page = await cfn.send(
        new DescribeStackResourceDriftsCommand({
          StackName: stackName,
          StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
          MaxResults: 100,
          ...(NextToken === undefined ? {} : { NextToken })
        }),
        { abortSignal: signal }
      )
      drifts.push(...(page.StackResourceDrifts ?? []))
      NextToken = page.NextToken
    } while (NextToken !== undefined && NextToken !== '')
    return {
      kind: 'raw',
      ...(partial === undefined ? {} : { partial }),
      drifts: drifts.map(d => ({
        logicalId: d.LogicalResourceId ?? '',
        type: d.ResourceType ?? '',
        status: d.StackResourceDriftStatus === 'DELETED' ? 'DELETED' : 'MODIFIED',
        differences: (d.PropertyDifferences ?? []).map(p => ({
          path: p.PropertyPath ?? '',
          deployed: p.ExpectedValue,
          live: p.ActualValue
        }))
      }))
    }
  } catch (err) {
    const name = awsErrorName(err)
    if (/AccessDenied|UnauthorizedOperation/.test(name))
      return {
        kind: 'unavailable',
        note: `Drift was not checked: ${name} (the role needs cloudformation:DetectStackDrift, DescribeStackDriftDetectionStatus and DescribeStackResourceDrifts).`
      }
    if (signal.aborted && !ctx.signal.aborted)
      return {
        kind: 'unavailable',
        note: `Drift detection did not finish within ${Math.round(budgetMs / 1000)} s; drift is not shown.`
      }
    return { kind: 'unavailable', note: 'Drift was not checked.', detail: messageOf(err).slice(0, 300) }
  }
}

/** The value at a JSON pointer (`/A/0/B`) in a change set's context properties, as text. */
function valueAt(context: string | undefined, pointer: string): string | undefined {
  if (context === undefined) return undefined
  let node: unknown
  try {
    node = (JSON.parse(context) as { Properties?: unknown }).Properties
  } catch {
    return undefined
  }
  for (const step of pointer.split('/').slice(1)) {
    const key = step.replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  if (node === undefined) return undefined
  return typeof node === 'string' ? node : JSON.stringify(node)
}

/** Whether a change set detail sets this property (or a part of it, or a property that holds it). */
function touches(change: ResourceChange, pointer: string): boolean {
  const full = `/Properties${pointer}`
  return (change.Details ?? []).some(d => {
    const path = d.Target?.Path
    if (path === undefined)
      return d.Target?.Attribute === 'Properties' && d.Target.Name === pointer.split('/')[1]
    return full === path || full.startsWith(`${path}/`) || path.startsWith(`${full}/`)
  })
}

/** Drift read against the change set: what the merge does to each drifted property. */
export function driftAgainstChanges(
  drifts: readonly RawDrift[],
  changes: readonly ResourceChange[]
): DriftedResource[] {
  const byId = new Map(changes.map(c => [c.LogicalResourceId ?? '', c]))
  return drifts.map(drift => {
    const change = byId.get(drift.logicalId)
    const fate: DriftedResource['fate'] =
      change === undefined
        ? 'untouched'
        : change.Action === 'Remove'
          ? 'removed'
          : change.Replacement === 'True'
            ? 'replaced'
            : 'updated'
    const properties = drift.differences.map(d => {
      if (fate === 'removed') return { ...d, afterMerge: undefined, overwritten: true }
      const set = change !== undefined && (fate === 'replaced' || touches(change, d.path))
      return set
        ? { ...d, afterMerge: valueAt(change.AfterContext, d.path), overwritten: true }
        : { ...d, afterMerge: d.live, overwritten: false }
    })
    return { logicalId: drift.logicalId, type: drift.type, status: drift.status, fate, properties }
  })
}
