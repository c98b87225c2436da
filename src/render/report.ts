import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { kindOf, type ChangeKind } from '../stack/changes.js'
import { pathOf, type DataLossVerdict } from '../guards/data-loss.js'
import { code } from './markdown.js'
import type { Insight } from '../insight/insight.js'

/** The report a preview or a deploy renders, and the resource changes in it located in their (nested) stack. */

/** A parameter whose value changes (values as CloudFormation shows them: NoEcho ones are ****). */
export interface ParameterChange {
  key: string
  before: string | undefined
  after: string | undefined
}

/** The changes inside one nested stack. */
export interface NestedChanges {
  /** Logical ids from the root stack down to the nested stack. */
  path: string[]
  changes: ResourceChange[]
}

/** What a preview or a deploy did, ready to render. */
export interface ChangeReport {
  /** preview: what merging would do (the change set deleted); plan: a change set kept for execute; deploy: done. */
  kind: 'preview' | 'plan' | 'deploy'
  stackName: string
  environment: string
  region: string
  /** create: the stack is new; recreate: a failed first create is replaced; update: it exists. */
  operation: 'create' | 'recreate' | 'update'
  changes: ResourceChange[]
  parameters: ParameterChange[]
  commitSha: string
  runUrl: string | undefined
  /** The change set built (kept by a plan, executed by a deploy, deleted by a preview); '' or unset when none. */
  changeSetId?: string | undefined
  /** Preview: the change set could not be deleted afterwards (the run's log names it). */
  changeSetLeft?: boolean | undefined
  /** Preview and plan: the step fails on a refused data loss (fail-on-data-loss), so the report says so. */
  failOnDataLoss?: boolean | undefined
  /** Deploy only: the final stack status and its outputs (never a secret: the key's value is not an output). */
  status?: string
  outputs?: Record<string, string>
  /** Values that must never appear (NoEcho values given by the user, the API key). */
  secrets: readonly string[]
  /** Resources holding data that the change set replaces or removes, and whether allow-data-loss accepts each. */
  dataLoss?: DataLossVerdict[] | undefined
  /** The changes inside nested stacks (change sets created with IncludeNestedStacks). */
  nested?: NestedChanges[] | undefined
  /**
   * Whether the change set changes anything. True with no resource changes means the update changes only the
   * stack's outputs, parameters or tags. Unset: inferred from the changes and parameters.
   */
  hasChanges?: boolean | undefined
  /** Service image upgrades the change brings, one line each (plain text), e.g. what runs after deploy. */
  upgrades?: readonly string[] | undefined
  /** Cost, drift and AWS's checks, rendered by src/insight/render.ts. */
  insight?: Insight | undefined
}

export const ICON: Record<ChangeKind, string> = { add: '🟢', modify: '🔵', replace: '🟠', remove: '🔴' }
export const ACTION: Record<ChangeKind, string> = {
  add: 'Add',
  modify: 'Modify',
  replace: 'Replace',
  remove: 'Remove'
}

/** A resource change, with the nested stack it is in (empty path: the root stack). */
export interface Located {
  path: string[]
  change: ResourceChange
}

export const isDestructive = (change: ResourceChange): boolean =>
  kindOf(change) === 'replace' || kindOf(change) === 'remove'

/** A logical id with the nested stacks it is in: `Network › Vpc`. */
export function who(located: Located): string {
  return [...located.path, located.change.LogicalResourceId ?? ''].map(code).join(' › ')
}

/** Where a verdict's resource is, `Nested/Id`: the form allow-data-loss takes. */
export const verdictPath = (verdict: DataLossVerdict): string => pathOf(verdict)

/** The data-loss verdict of a resource change: the same path of nested stacks, logical id and type. */
export function verdictFor(report: ChangeReport, located: Located): DataLossVerdict | undefined {
  return report.dataLoss?.find(
    v =>
      v.logicalId === (located.change.LogicalResourceId ?? '') &&
      v.path.join('/') === located.path.join('/') &&
      v.resourceType === (located.change.ResourceType ?? '')
  )
}

/** A verdict's change as CloudFormation names the action (`Replace`, `Remove`; `Modify` for a loss in place). */
export function actionWord(change: string): string {
  return change === '' ? '' : `${change.charAt(0).toUpperCase()}${change.slice(1)}`
}

/** The verdicts a deploy or an execute refuses (allow-data-loss does not list them). */
export function refusedVerdicts(report: Pick<ChangeReport, 'dataLoss'>): DataLossVerdict[] {
  return (report.dataLoss ?? []).filter(v => !v.allowed)
}
