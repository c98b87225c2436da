/**
 * Drift: resources changed outside CloudFormation (an out-of-band control for tests), drift detection, and the
 * drift-aware change set.
 *
 * - DetectStackDrift / DescribeStackDriftDetectionStatus / DescribeStackResourceDrifts, as the API reference
 *   describes them: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackDrift.html,
 *   .../API_DescribeStackDriftDetectionStatus.html (DETECTION_IN_PROGRESS | DETECTION_COMPLETE | DETECTION_FAILED;
 *   StackDriftStatus DRIFTED | IN_SYNC; "results are available for resources on which drift detection completed"
 *   even when it failed for others), .../API_DescribeStackResourceDrifts.html and .../API_StackResourceDrift.html
 *   (ExpectedProperties / ActualProperties as JSON, PropertyDifferences with PropertyPath, ExpectedValue,
 *   ActualValue and DifferenceType ADD | REMOVE | NOT_EQUAL; StackResourceDriftStatus IN_SYNC | MODIFIED |
 *   DELETED | NOT_CHECKED).
 * - CreateChangeSet with DeploymentMode REVERT_DRIFT (.../API_CreateChangeSet.html): the change set also restores
 *   drifted properties; each such ResourceChange carries ResourceDriftStatus and ResourceDriftIgnoredAttributes
 *   (.../API_ResourceChange.html), and each detail's ResourceTargetDefinition carries Drift { PreviousValue,
 *   ActualValue, DriftDetectionTimestamp } and BeforeValueFrom ACTUAL_STATE | PREVIOUS_DEPLOYMENT_STATE
 *   (.../API_ResourceTargetDefinition.html, .../API_LiveResourceDrift.html).
 */
import { randomUUID } from 'node:crypto'
import { resolve as resolveValue } from '../intrinsics.js'
import { str, type QueryParams } from '../query.js'
import type { ChangeDetail, ResourceChange } from './diff.js'
import { CfnError, validation } from './errors.js'
import type { ChangeSetRecord, StackRecord } from './model.js'
import { page } from './paging.js'
import { resolveContext } from './resolve-context.js'
import type { EngineState } from './state.js'

/** A resource as it is live, changed outside CloudFormation: properties set by pointer, or deleted. */
export type LiveChange = { properties: Record<string, unknown> } | { deleted: true }

interface Detection {
  id: string
  stackId: string
  startedAt: number
  finishesAt: number | undefined
  failReason?: string
  drifts: ResourceDrift[]
}

interface ResourceDrift {
  StackId: string
  LogicalResourceId: string
  PhysicalResourceId: string
  ResourceType: string
  ExpectedProperties?: string
  ActualProperties?: string
  PropertyDifferences: {
    PropertyPath: string
    ExpectedValue: string
    ActualValue: string
    DifferenceType: string
  }[]
  StackResourceDriftStatus: 'IN_SYNC' | 'MODIFIED' | 'DELETED'
  Timestamp: Date
}

/** Test controls and the detections made, per engine. */
export class DriftScenarios {
  /** Stack id -> logical id -> the live change. */
  readonly live = new Map<string, Map<string, LiveChange>>()
  readonly detections = new Map<string, Detection>()
  /** How long a detection takes; undefined: it never finishes (for the 60 s bound). */
  detectionMs: number | undefined = 0
  /** When set, detections end DETECTION_FAILED with this reason (results still come for the checked resources). */
  failReason: string | undefined
  /** Operations answered with AccessDenied, as for a role without them. */
  readonly denied = new Set<string>()
  /** Attributes drift detection ignores, per resource type (ResourceDriftIgnoredAttribute, e.g. MANAGED_BY_AWS). */
  readonly ignored = new Map<string, { Path: string; Reason: string }[]>()

  /** Changes a deployed resource outside CloudFormation: `{ '/DBInstanceClass': 'db.t3.large' }`, or deletes it. */
  changeOutOfBand(state: EngineState, stackName: string, logicalId: string, change: LiveChange): void {
    const stack = state.requireStack(stackName)
    const byId = this.live.get(stack.stackId) ?? new Map<string, LiveChange>()
    byId.set(logicalId, change)
    this.live.set(stack.stackId, byId)
  }
}

const scenarios = new WeakMap<EngineState, DriftScenarios>()

/** The drift scenarios of an engine (tests reach them through `driftOf(emulator.cloudformation)`). */
export function driftOf(state: EngineState): DriftScenarios {
  let found = scenarios.get(state)
  if (found === undefined) {
    found = new DriftScenarios()
    scenarios.set(state, found)
  }
  return found
}

/** Answers AccessDenied for an operation a test denied, as for a role without it. */
export function refuse(state: EngineState, operation: string): void {
  if (driftOf(state).denied.has(operation))
    throw new CfnError(
      'AccessDenied',
      `User: arn:aws:sts::123456789012:assumed-role/metaflow-preview/runner is not authorized to perform: cloudformation:${operation}`,
      403
    )
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value))

function at(node: unknown, pointer: string): unknown {
  for (const step of pointer.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[step]
  }
  return node
}

function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const steps = pointer.split('/').slice(1)
  let node: Record<string, unknown> = root
  for (const step of steps.slice(0, -1)) {
    const next = node[step]
    node[step] = typeof next === 'object' && next !== null ? { ...next } : {}
    node = node[step] as Record<string, unknown>
  }
  const last = steps.at(-1)
  if (last === undefined) return
  if (value === undefined) delete node[last]
  else node[last] = value
}

/** The deployed properties of each resource, resolved as CloudFormation expects them. */
function expectedProperties(state: EngineState, stack: StackRecord): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  const deployed = stack.deployed
  if (deployed === undefined) return out
  const ctx = resolveContext(state, stack, deployed.template, deployed.parameters)
  for (const id of stack.resources.keys()) {
    const def = deployed.template.Resources[id]
    if (def === undefined) continue
    out.set(id, (resolveValue(def.Properties ?? {}, ctx) ?? {}) as Record<string, unknown>)
  }
  return out
}

function driftsOf(state: EngineState, stack: StackRecord): ResourceDrift[] {
  const live = driftOf(state).live.get(stack.stackId) ?? new Map<string, LiveChange>()
  const expected = expectedProperties(state, stack)
  const now = new Date()
  return [...stack.resources.values()].map(record => {
    const props = expected.get(record.logicalId) ?? {}
    const change = live.get(record.logicalId)
    const base = {
      StackId: stack.stackId,
      LogicalResourceId: record.logicalId,
      PhysicalResourceId: record.physicalId,
      ResourceType: record.type,
      Timestamp: now
    }
    if (change !== undefined && 'deleted' in change)
      return {
        ...base,
        ExpectedProperties: JSON.stringify(props),
        PropertyDifferences: [],
        StackResourceDriftStatus: 'DELETED'
      }
    const actual = JSON.parse(JSON.stringify(props)) as Record<string, unknown>
    const differences: ResourceDrift['PropertyDifferences'] = []
    for (const [pointer, value] of Object.entries(change?.properties ?? {})) {
      const before = at(props, pointer)
      setAt(actual, pointer, value)
      differences.push({
        PropertyPath: pointer,
        ExpectedValue: before === undefined ? '' : text(before),
        ActualValue: value === undefined ? '' : text(value),
        DifferenceType: before === undefined ? 'ADD' : value === undefined ? 'REMOVE' : 'NOT_EQUAL'
      })
    }
    return {
      ...base,
      ExpectedProperties: JSON.stringify(props),
      ActualProperties: JSON.stringify(actual),
      PropertyDifferences: differences,
      StackResourceDriftStatus: differences.length > 0 ? 'MODIFIED' : 'IN_SYNC'
    }
  })
}

export function detectStackDrift(state: EngineState, params: QueryParams): unknown {
  refuse(state, 'DetectStackDrift')
  const stack = state.requireStack(str(params, 'StackName'))
  if (/_IN_PROGRESS$/.test(stack.status))
    throw validation(`Drift detection is not supported on stack ${stack.stackName} in ${stack.status} state`)
  const scenario = driftOf(state)
  const id = randomUUID()
  const now = Date.now()
  const detection: Detection = {
    id,
    stackId: stack.stackId,
    startedAt: now,
    finishesAt: scenario.detectionMs === undefined ? undefined : now + scenario.detectionMs,
    drifts: driftsOf(state, stack)
  }
  if (scenario.failReason !== undefined) detection.failReason = scenario.failReason
  scenario.detections.set(id, detection)
  return { StackDriftDetectionId: id }
}

export function describeStackDriftDetectionStatus(state: EngineState, params: QueryParams): unknown {
  refuse(state, 'DescribeStackDriftDetectionStatus')
  const detection = driftOf(state).detections.get(str(params, 'StackDriftDetectionId') ?? '')
  if (detection === undefined) throw validation('StackDriftDetectionId does not exist')
  const done = detection.finishesAt !== undefined && Date.now() >= detection.finishesAt
  const drifted = detection.drifts.filter(d => d.StackResourceDriftStatus !== 'IN_SYNC').length
  return {
    StackId: detection.stackId,
    StackDriftDetectionId: detection.id,
    StackDriftStatus: done ? (drifted > 0 ? 'DRIFTED' : 'IN_SYNC') : undefined,
    DetectionStatus: !done
      ? 'DETECTION_IN_PROGRESS'
      : detection.failReason === undefined
        ? 'DETECTION_COMPLETE'
        : 'DETECTION_FAILED',
    DetectionStatusReason: done ? detection.failReason : undefined,
    DriftedStackResourceCount: done ? drifted : undefined,
    Timestamp: new Date(detection.startedAt)
  }
}

export function describeStackResourceDrifts(state: EngineState, params: QueryParams): unknown {
  refuse(state, 'DescribeStackResourceDrifts')
  const stack = state.requireStack(str(params, 'StackName'))
  const latest = [...driftOf(state).detections.values()]
    .filter(d => d.stackId === stack.stackId && d.finishesAt !== undefined && Date.now() >= d.finishesAt)
    .at(-1)
  const filters = params.StackResourceDriftStatusFilters
  const wanted = Array.isArray(filters) ? filters.map(String) : []
  const drifts = (latest?.drifts ?? []).filter(
    d => wanted.length === 0 || wanted.includes(d.StackResourceDriftStatus)
  )
  const max = Number(str(params, 'MaxResults') ?? '100')
  const { items, next } = page(drifts, str(params, 'NextToken'), Math.min(Math.max(max, 1), 100))
  return { StackResourceDrifts: items, NextToken: next }
}

/**
 * A REVERT_DRIFT change set: each drifted property becomes a change from the live value (BeforeValueFrom
 * ACTUAL_STATE) back to the template's, with its Drift values; the resource's ResourceDriftStatus is set on
 * every change of the change set (IN_SYNC where nothing drifted).
 */
export function revertDrift(state: EngineState, stack: StackRecord, changeSet: ChangeSetRecord): void {
  const drifts = new Map(driftsOf(state, stack).map(d => [d.LogicalResourceId, d]))
  const now = new Date()
  const byId = new Map(changeSet.changes.map(c => [c.LogicalResourceId, c]))
  for (const drift of drifts.values()) {
    if (
      drift.StackResourceDriftStatus !== 'MODIFIED' ||
      !changeSet.template.Resources[drift.LogicalResourceId]
    )
      continue
    let change = byId.get(drift.LogicalResourceId)
    if (change === undefined) {
      change = {
        Action: 'Modify',
        LogicalResourceId: drift.LogicalResourceId,
        PhysicalResourceId: drift.PhysicalResourceId,
        ResourceType: drift.ResourceType,
        Replacement: 'False',
        Scope: ['Properties'],
        Details: []
      }
      changeSet.changes.push(change)
      byId.set(change.LogicalResourceId, change)
    }
    for (const difference of drift.PropertyDifferences) {
      const path = `/Properties${difference.PropertyPath}`
      const existing = change.Details.find(d => d.Target.Path === path)
      const target = {
        Drift: {
          PreviousValue: difference.ExpectedValue,
          ActualValue: difference.ActualValue,
          DriftDetectionTimestamp: now
        },
        BeforeValueFrom: 'ACTUAL_STATE' as const,
        BeforeValue: difference.ActualValue
      }
      if (existing !== undefined) Object.assign(existing.Target, target)
      else {
        const detail: ChangeDetail = {
          Target: {
            Attribute: 'Properties',
            Name: difference.PropertyPath.split('/')[1] ?? '',
            RequiresRecreation: 'Never',
            Path: path,
            AfterValue: difference.ExpectedValue,
            AttributeChangeType: 'Modify',
            ...target
          },
          Evaluation: 'Static',
          ChangeSource: 'DirectModification'
        }
        change.Details.push(detail)
      }
    }
  }
  for (const change of changeSet.changes as (ResourceChange & Record<string, unknown>)[]) {
    const drift = drifts.get(change.LogicalResourceId)
    if (change.Action === 'Add' || drift === undefined) continue
    change.ResourceDriftStatus = drift.StackResourceDriftStatus
    const ignored = driftOf(state).ignored.get(change.ResourceType)
    if (ignored !== undefined) change.ResourceDriftIgnoredAttributes = ignored
  }
}
