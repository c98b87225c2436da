import { describe, expect, it } from '@jest/globals'
import {
  DescribeChangeSetCommand,
  DescribeEventsCommand,
  ListChangeSetsCommand,
  type CloudFormationClient,
  type DescribeChangeSetOutput,
  type Stack
} from '@aws-sdk/client-cloudformation'
import { describeFailedEvent, describeNestedChangeSets, explainFailure } from '../../src/stack/change-set.js'
import { classifyReviewStack } from '../../src/stack/state.js'

/** A CloudFormation client that answers each command with `answer`, recording what it was asked. */
function fakeClient(answer: (command: unknown) => unknown): { cfn: CloudFormationClient; sent: unknown[] } {
  const sent: unknown[] = []
  const cfn = {
    send: (command: unknown) => {
      sent.push(command)
      try {
        return Promise.resolve(answer(command))
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)))
      }
    }
  } as unknown as CloudFormationClient
  return { cfn, sent }
}

const EARLY =
  'The following hook(s)/validation failed: [AWS::EarlyValidation::ResourceExistenceCheck]. To troubleshoot Early Validation errors, use the DescribeEvents API for detailed failure information.'
const failed: DescribeChangeSetOutput = {
  ChangeSetId: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/cs/1',
  Status: 'FAILED',
  StatusReason: EARLY
}

describe('explainFailure (issue 11.6)', () => {
  it('asks DescribeEvents for the change set’s failed events, every page, and lists each failure', async () => {
    const { cfn, sent } = fakeClient(command => {
      if (!(command instanceof DescribeEventsCommand)) throw new Error('unexpected call')
      return command.input.NextToken === undefined
        ? {
            OperationEvents: [
              {
                LogicalResourceId: 'Data',
                ResourceType: 'AWS::S3::Bucket',
                ValidationName: 'NAME_CONFLICT_VALIDATION',
                ValidationPath: '/Resources/Data/Properties/BucketName',
                ValidationStatusReason:
                  "Resource of type 'AWS::S3::Bucket' with identifier 'x' already exists."
              }
            ],
            NextToken: 'page-2'
          }
        : { OperationEvents: [{ LogicalResourceId: 'Role', ResourceStatusReason: 'Policy is malformed' }] }
    })
    const reason = await explainFailure(cfn, failed, EARLY)
    expect(reason).toBe(
      `${EARLY} Data (AWS::S3::Bucket) at /Resources/Data/Properties/BucketName [NAME_CONFLICT_VALIDATION]: Resource of type 'AWS::S3::Bucket' with identifier 'x' already exists.; Role: Policy is malformed`
    )
    expect(sent.map(c => (c as DescribeEventsCommand).input)).toEqual([
      { ChangeSetName: failed.ChangeSetId, Filters: { FailedEvents: true }, NextToken: undefined },
      { ChangeSetName: failed.ChangeSetId, Filters: { FailedEvents: true }, NextToken: 'page-2' }
    ])
  })

  it('without the permission: the status reason stands, and names cloudformation:DescribeEvents', async () => {
    const denied = Object.assign(
      new Error('User is not authorized to perform: cloudformation:DescribeEvents'),
      {
        name: 'AccessDenied'
      }
    )
    const { cfn } = fakeClient(() => {
      throw denied
    })
    await expect(explainFailure(cfn, failed, EARLY)).resolves.toBe(
      `${EARLY} (The validation details could not be read: the role lacks cloudformation:DescribeEvents.)`
    )
  })

  it('no failed events: the status reason alone', async () => {
    const { cfn } = fakeClient(() => ({ OperationEvents: [] }))
    await expect(explainFailure(cfn, failed, 'Template error: x')).resolves.toBe('Template error: x')
  })

  it('an event with neither resource nor reason adds nothing', () => {
    expect(describeFailedEvent({})).toBe('')
  })
})

describe('describeNestedChangeSets (issue 11.7)', () => {
  it('follows ChangeSetId depth first, every page, with the path of logical ids', async () => {
    const pages: Record<string, DescribeChangeSetOutput[]> = {
      'cs-network': [
        {
          Changes: [
            {
              ResourceChange: {
                Action: 'Modify',
                LogicalResourceId: 'Subnets',
                ResourceType: 'AWS::CloudFormation::Stack',
                ChangeSetId: 'cs-subnets'
              }
            }
          ],
          NextToken: 't2'
        },
        { Changes: [{ ResourceChange: { Action: 'Add', LogicalResourceId: 'Vpc' } }] }
      ],
      'cs-subnets': [{ Changes: [{ ResourceChange: { Action: 'Remove', LogicalResourceId: 'Old' } }] }]
    }
    const { cfn, sent } = fakeClient(command => {
      if (!(command instanceof DescribeChangeSetCommand)) throw new Error('unexpected call')
      const { ChangeSetName, NextToken } = command.input
      return pages[ChangeSetName ?? '']?.[NextToken === undefined ? 0 : 1]
    })
    const nested = await describeNestedChangeSets(cfn, [
      { ResourceChange: { Action: 'Modify', LogicalResourceId: 'Network', ChangeSetId: 'cs-network' } },
      { ResourceChange: { Action: 'Add', LogicalResourceId: 'Data' } }
    ])
    expect(
      nested.map(n => [n.path.join('/'), n.changeSetId, n.changes.map(c => c.LogicalResourceId)])
    ).toEqual([
      ['Network', 'cs-network', ['Subnets', 'Vpc']],
      ['Network/Subnets', 'cs-subnets', ['Old']]
    ])
    expect(sent.every(c => (c as DescribeChangeSetCommand).input.IncludePropertyValues === true)).toBe(true)
  })
})

describe('classifyReviewStack (issue 12.3)', () => {
  const review: Stack = {
    StackName: 'app',
    StackId: 'arn:stack/app',
    StackStatus: 'REVIEW_IN_PROGRESS' as const,
    CreationTime: new Date(0)
  }
  const now = Date.parse('2026-11-30T00:00:00Z')
  const answer = (summaries: object[]) =>
    fakeClient(command => {
      if (!(command instanceof ListChangeSetsCommand)) throw new Error('unexpected call')
      return { Summaries: summaries }
    }).cfn

  it('another run’s change set being built: in progress, named', async () => {
    const cfn = answer([{ ChangeSetName: 'metaflow-deploy-7-1-abc', Status: 'CREATE_IN_PROGRESS' }])
    await expect(classifyReviewStack(cfn, review, now)).resolves.toMatchObject({
      kind: 'in-progress',
      pendingChangeSet: 'metaflow-deploy-7-1-abc (CREATE_IN_PROGRESS)'
    })
  })

  it('a ready change set from minutes ago: another run is about to execute it, so wait', async () => {
    const cfn = answer([
      {
        ChangeSetName: 'x',
        Status: 'CREATE_COMPLETE',
        ExecutionStatus: 'AVAILABLE',
        CreationTime: new Date(now - 60_000)
      }
    ])
    await expect(classifyReviewStack(cfn, review, now)).resolves.toMatchObject({ kind: 'in-progress' })
  })

  it('no change set, only failed ones, or a ready one left for hours: a failed create', async () => {
    await expect(classifyReviewStack(answer([]), review, now)).resolves.toMatchObject({
      kind: 'failed-create'
    })
    await expect(
      classifyReviewStack(answer([{ ChangeSetName: 'x', Status: 'FAILED' }]), review, now)
    ).resolves.toMatchObject({ kind: 'failed-create' })
    await expect(
      classifyReviewStack(
        answer([
          {
            ChangeSetName: 'x',
            Status: 'CREATE_COMPLETE',
            ExecutionStatus: 'AVAILABLE',
            CreationTime: new Date(now - 3 * 60 * 60_000)
          }
        ]),
        review,
        now
      )
    ).resolves.toMatchObject({ kind: 'failed-create' })
  })
})
