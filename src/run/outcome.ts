import type { Change, Parameter, ResourceChange, Stack, StackEvent } from '@aws-sdk/client-cloudformation'
import { countChanges, resourceChanges, type ChangeCounts } from '../stack/changes.js'
import type { DataLossVerdict } from '../guards/data-loss.js'
import type { ParameterChange } from '../render/render-report.js'
import type { Insight } from '../insight/insight.js'

/** A nested stack's change set, by the path of logical ids from the root stack. */
export interface NestedChanges {
  path: string[]
  changeSetId: string
  changes: ResourceChange[]
}

/**
 * What a run of any mode found or did to the stack, in one shape, so that outputs, the changes file, the job
 * summary and the comment are published the same way for deploy, execute, plan and preview.
 */
export interface StackOutcome {
  /** The stack after the run (deploy, execute) or as it stands (preview, plan); undefined if it does not exist. */
  stack: Stack | undefined
  /** The change set built: executed, kept or deleted according to the mode; '' when none was built or kept. */
  changeSetId: string
  operation: 'create' | 'recreate' | 'update'
  /** Every change of the root change set, as read (with property values). */
  changes: Change[]
  nested: NestedChanges[]
  /** The parameters as the change set holds them (NoEcho as ****). */
  parameters: Parameter[]
  parameterChanges: ParameterChange[]
  /** True when executing would change the stack (resources, or only outputs, parameters or tags). */
  hasChanges: boolean
  dataLoss: DataLossVerdict[]
  /** NoEcho values the user gave: masked in the log, and redacted from anything written. */
  secrets: string[]
  /** Resources a successful update could not delete (deploy, execute). */
  orphaned: StackEvent[]
  /** Preview: its change set could not be deleted (a warning names it), so the comment must not say it was. */
  changeSetLeft?: boolean
  /** Cost, drift and AWS's checks of the change set, as far as the run looked. */
  insight?: Insight | undefined
}

/** The root stack's resource changes followed by every nested stack's. */
export function allResourceChanges(outcome: Pick<StackOutcome, 'changes' | 'nested'>): ResourceChange[] {
  return [...resourceChanges(outcome.changes), ...outcome.nested.flatMap(n => n.changes)]
}

export function countOutcome(outcome: Pick<StackOutcome, 'changes' | 'nested'>): ChangeCounts {
  return countChanges(allResourceChanges(outcome))
}

/** An outcome with nothing to change. */
export function unchangedOutcome(
  stack: Stack | undefined,
  operation: StackOutcome['operation'],
  secrets: string[]
): StackOutcome {
  return {
    stack,
    changeSetId: '',
    operation,
    changes: [],
    nested: [],
    parameters: [],
    parameterChanges: [],
    hasChanges: false,
    dataLoss: [],
    secrets,
    orphaned: []
  }
}
