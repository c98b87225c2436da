import { describe, expect, it } from '@jest/globals'
import type { StackEvent } from '@aws-sdk/client-cloudformation'
import { EventLog } from '../../src/stack/event-log.js'

const at = new Date('2026-12-04T10:11:12Z')
const event = (status: string, type: string, id: string, reason?: string): StackEvent => ({
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/metaflow/1',
  StackName: 'metaflow',
  EventId: `${id}-${status}`,
  Timestamp: at,
  ResourceStatus: status as StackEvent['ResourceStatus'],
  ResourceType: type,
  LogicalResourceId: id,
  ...(reason === undefined ? {} : { ResourceStatusReason: reason })
})
/** Where the logical id starts on a line. */
const idColumn = (line: string): number => /^\S+ {2}\S+ +\S+ +/.exec(line)?.[0].length ?? -1

describe('EventLog: the stack-event lines of a run', () => {
  it("sizes the type column to the change set's longest type", () => {
    const type = 'AWS::SageMaker::NotebookInstanceLifecycleConfig'
    const log = new EventLog(['AWS::S3::Bucket', type])
    const line = log.line(event('CREATE_IN_PROGRESS', 'AWS::S3::Bucket', 'Datastore'))
    expect(line).toBe(`10:11:12  CREATE_IN_PROGRESS  ${'AWS::S3::Bucket'.padEnd(type.length)}  Datastore`)
    expect(idColumn(log.line(event('CREATE_COMPLETE', type, 'Lifecycle')))).toBe(idColumn(line))
  })

  it('never narrower than the stack’s own type, and no wider than it when the change set is all short types', () => {
    const log = new EventLog(['AWS::S3::Bucket'])
    expect(log.line(event('UPDATE_IN_PROGRESS', 'AWS::CloudFormation::Stack', 'metaflow'))).toBe(
      '10:11:12  UPDATE_IN_PROGRESS  AWS::CloudFormation::Stack  metaflow'
    )
  })

  it('widens from the line that brings a longer status or type, never narrows, and keeps the reason after the id', () => {
    const log = new EventLog([])
    const first = log.line(event('UPDATE_IN_PROGRESS', 'AWS::S3::Bucket', 'A'))
    const cleanup = log.line(
      event('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'AWS::CloudFormation::Stack', 'metaflow', 'Update done')
    )
    const after = log.line(event('DELETE_COMPLETE', 'AWS::S3::Bucket', 'B'))
    expect(idColumn(cleanup)).toBeGreaterThan(idColumn(first))
    expect(idColumn(after)).toBe(idColumn(cleanup))
    expect(cleanup.endsWith('  metaflow  Update done')).toBe(true)
  })
})
