import * as core from '@actions/core'
import type { DataLossVerdict } from '../guards/data-loss.js'
import { totalChanges, type ChangeCounts } from '../stack/changes.js'
import { actionWord, verdictPath } from '../render/report.js'

/** The action's own outputs, gathered in one place and set together. */
export interface ActionOutputs {
  'stack-id'?: string
  'stack-status'?: string
  'change-set-id'?: string
  'has-changes'?: string
  'changes-count'?: string
  'changes-summary'?: string
  'comment-url'?: string
  'changes-file'?: string
  'api-key'?: string
  'metaflow-config-file'?: string
  'data-loss'?: string
  'changes-markdown'?: string
  migration?: string
  'db-snapshot-id'?: string
  'metaflow-service-version'?: string
  'cost-monthly-before'?: string
  'cost-monthly-after'?: string
  'cost-monthly-delta'?: string
  'drifted-count'?: string
}

export const ACTION_OUTPUT_NAMES: readonly (keyof ActionOutputs)[] = [
  'stack-id',
  'stack-status',
  'change-set-id',
  'has-changes',
  'changes-count',
  'changes-summary',
  'comment-url',
  'changes-file',
  'api-key',
  'metaflow-config-file',
  'data-loss',
  'changes-markdown',
  'migration',
  'db-snapshot-id',
  'metaflow-service-version',
  'cost-monthly-before',
  'cost-monthly-after',
  'cost-monthly-delta',
  'drifted-count'
]

/**
 * Whether a stack output's key may become a step output: CloudFormation requires an output's logical ID to be
 * alphanumeric (A-Za-z0-9), at most 255 characters (CloudFormation User Guide, "Outputs"). A key outside that
 * (from another backend, a proxy, or an emulator) is not written: in GITHUB_OUTPUT a name with a line break or
 * `<<` could set other outputs.
 */
export function isStackOutputKey(key: string): boolean {
  return /^[A-Za-z0-9]{1,255}$/.test(key)
}

export function changeOutputs(counts: ChangeCounts, hasChanges: boolean): ActionOutputs {
  // The four documented kinds always; Import, Dynamic and SyncWithActual only when the change set has them, so
  // the usual summary stays the documented {"add","modify","replace","remove"}.
  const { add, modify, replace, remove, ...rarer } = counts
  const present = Object.fromEntries(Object.entries(rarer).filter(([, count]) => count > 0))
  return {
    'has-changes': String(hasChanges),
    'changes-count': String(totalChanges(counts)),
    'changes-summary': JSON.stringify({ add, modify, replace, remove, ...present })
  }
}

/**
 * The `data-loss` output: the changes deploy or execute refuses (or refused), as `{"path","type","action"}`, `[]`
 * when none. Accepted losses (allow-data-loss) are not listed: nothing refuses them.
 */
export function dataLossOutput(verdicts: readonly DataLossVerdict[]): string {
  return JSON.stringify(
    verdicts
      .filter(v => !v.allowed)
      .map(v => ({
        path: verdictPath(v),
        type: v.resourceType,
        action: actionWord(v.change)
      }))
  )
}

export function setOutputs(outputs: ActionOutputs): void {
  for (const name of ACTION_OUTPUT_NAMES) {
    const value = outputs[name]
    if (value !== undefined) core.setOutput(name, value)
  }
}
