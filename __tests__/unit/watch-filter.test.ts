import { describe, expect, it } from '@jest/globals'
import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type StackEvent
} from '@aws-sdk/client-cloudformation'
import { watchStack } from '../../src/stack/watch.js'

// A narrow unit test of which events the watch takes as this operation's, with a stub client that answers the
// two reads the watch makes. Some backends (and CloudFormation for events a nested stack's parent writes) do not
// stamp the ClientRequestToken: for those, only events from the operation's start on are this run's.
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/1'
const SINCE = Date.parse('2026-12-04T12:00:00Z')

const event = (id: string, at: number, fields: Partial<StackEvent>): StackEvent => ({
  EventId: id,
  StackId: STACK_ID,
  StackName: 'app',
  Timestamp: new Date(at),
  ...fields
})

/** Newest first, as DescribeStackEvents answers: this run's update, then an earlier failed one, untokened. */
const EVENTS: StackEvent[] = [
  event('e4', SINCE + 3_000, {
    LogicalResourceId: 'app',
    PhysicalResourceId: STACK_ID,
    ResourceType: 'AWS::CloudFormation::Stack',
    ResourceStatus: 'UPDATE_COMPLETE'
  }),
  event('e3', SINCE + 2_000, {
    LogicalResourceId: 'Bucket',
    ResourceType: 'AWS::S3::Bucket',
    ResourceStatus: 'UPDATE_COMPLETE'
  }),
  event('e2', SINCE - 60_000, {
    LogicalResourceId: 'Bucket',
    ResourceType: 'AWS::S3::Bucket',
    ResourceStatus: 'UPDATE_FAILED',
    ResourceStatusReason: 'an earlier run failed here'
  }),
  event('e1', SINCE - 61_000, {
    LogicalResourceId: 'app',
    PhysicalResourceId: STACK_ID,
    ResourceType: 'AWS::CloudFormation::Stack',
    ResourceStatus: 'UPDATE_IN_PROGRESS'
  })
]

function stubClient(): CloudFormationClient {
  const send = (command: unknown): Promise<unknown> =>
    Promise.resolve(
      command instanceof DescribeStackEventsCommand
        ? { StackEvents: EVENTS }
        : {
            Stacks: [
              {
                StackId: STACK_ID,
                StackName: 'app',
                StackStatus: 'UPDATE_COMPLETE',
                CreationTime: new Date(0)
              }
            ]
          }
    )
  return { send } as unknown as CloudFormationClient
}

describe('the watch takes only this operation’s events', () => {
  it('untokened events from before the operation started are not this run’s, failures included', async () => {
    const shown: string[] = []
    const result = await watchStack(stubClient(), {
      stackId: STACK_ID,
      stackName: 'app',
      token: 'metaflow-deploy-this-run',
      since: SINCE,
      clock: { now: () => SINCE + 5_000, sleep: () => Promise.resolve() },
      deadline: SINCE + 600_000,
      signal: new AbortController().signal,
      onEvent: e => shown.push(e.EventId ?? '')
    })
    expect(result.stack.StackStatus).toBe('UPDATE_COMPLETE')
    expect(shown).toEqual(['e3', 'e4'])
    expect(result.failures).toEqual([])
  })
})
