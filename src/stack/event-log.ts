import type { StackEvent } from '@aws-sdk/client-cloudformation'

/** The stack's own events carry this type, whatever the change set holds. */
const STACK_TYPE = 'AWS::CloudFormation::Stack'
/** CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS: the width every operation's log needs from its first line. */
const SHORTEST_STATUS_WIDTH = 'UPDATE_IN_PROGRESS'.length

/**
 * One readable log line per stack event (time, status, type, logical id, reason), in columns as wide as the
 * run needs: the type column fits the longest resource type of the change set being executed, so a stack of
 * S3 buckets is not padded to 44 characters and `AWS::SageMaker::NotebookInstanceLifecycleConfig` does not push
 * its line out of line. A status or type longer than any seen so far (a rollback's cleanup status, a type only
 * a nested stack's events name) widens the column from that line on; it never narrows, so later lines stay in
 * line with each other.
 */
export class EventLog {
  private statusWidth = SHORTEST_STATUS_WIDTH
  private typeWidth: number

  /** `resourceTypes`: the types the operation touches (the change set's, nested stacks' included). */
  constructor(resourceTypes: Iterable<string> = []) {
    this.typeWidth = Math.max(STACK_TYPE.length, ...[...resourceTypes].map(t => t.length))
  }

  line(event: StackEvent): string {
    const status = event.ResourceStatus ?? ''
    const type = event.ResourceType ?? ''
    this.statusWidth = Math.max(this.statusWidth, status.length)
    this.typeWidth = Math.max(this.typeWidth, type.length)
    const time = (event.Timestamp ?? new Date()).toISOString().slice(11, 19)
    const reason =
      event.ResourceStatusReason === undefined || event.ResourceStatusReason === ''
        ? ''
        : `  ${event.ResourceStatusReason}`
    return `${time}  ${status.padEnd(this.statusWidth)}  ${type.padEnd(this.typeWidth)}  ${event.LogicalResourceId ?? ''}${reason}`
  }
}
