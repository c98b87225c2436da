import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CloudFormationClient,
  type CreateChangeSetCommandInput
} from '@aws-sdk/client-cloudformation'
import { eventually } from '../support/aws.js'

/** Helpers for emulator tests that drive CloudFormation through the real SDK client. */
export function cfnHelpers(cfn: () => CloudFormationClient) {
  let counter = 0
  const changeSetStatus = async (id: string) => {
    const described = await cfn().send(new DescribeChangeSetCommand({ ChangeSetName: id }))
    return described
  }
  /** Waits until the change set settles (CREATE_COMPLETE or FAILED) and returns its description. */
  const settledChangeSet = (id: string) =>
    eventually(async () => {
      const described = await changeSetStatus(id)
      return /^(CREATE_COMPLETE|FAILED)$/.test(described.Status ?? '') ? described : undefined
    }, 10_000)
  const stack = async (name: string) =>
    (await cfn().send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]
  /** Waits until the stack leaves every *_IN_PROGRESS status, and returns its final status. */
  const settledStack = (name: string) =>
    eventually(async () => {
      const status = (await stack(name))?.StackStatus ?? ''
      return status.endsWith('_IN_PROGRESS') ? undefined : status
    }, 15_000)
  /** Creates a change set and waits for it to settle. */
  const changeSet = async (
    input: Omit<CreateChangeSetCommandInput, 'ChangeSetName'> & { ChangeSetName?: string }
  ) => {
    counter += 1
    const created = await cfn().send(
      new CreateChangeSetCommand({
        ChangeSetName: `cs${counter}`,
        Capabilities: ['CAPABILITY_IAM'],
        ...input
      })
    )
    return settledChangeSet(created.Id ?? '')
  }
  /** Creates and executes a change set; returns the stack's final status. */
  const deploy = async (
    input: Omit<CreateChangeSetCommandInput, 'ChangeSetName'> & { ChangeSetName?: string },
    execute: { DisableRollback?: boolean; RetainExceptOnCreate?: boolean } = {}
  ) => {
    const cs = await changeSet(input)
    if (cs.Status !== 'CREATE_COMPLETE') throw new Error(`change set ${cs.Status}: ${cs.StatusReason}`)
    await cfn().send(new ExecuteChangeSetCommand({ ChangeSetName: cs.ChangeSetId, ...execute }))
    return settledStack(input.StackName ?? '')
  }
  /** A change's AfterContext properties, as DescribeChangeSet with IncludePropertyValues shows them. */
  const afterProperties = async (changeSetId: string, logicalId: string) => {
    const described = await cfn().send(
      new DescribeChangeSetCommand({ ChangeSetName: changeSetId, IncludePropertyValues: true })
    )
    const change = described.Changes?.find(c => c.ResourceChange?.LogicalResourceId === logicalId)
    return (
      JSON.parse(change?.ResourceChange?.AfterContext ?? '{}') as { Properties: Record<string, unknown> }
    ).Properties
  }
  return { changeSetStatus, settledChangeSet, stack, settledStack, changeSet, deploy, afterProperties }
}

export const BUCKET_ONLY = `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
Outputs:
  Name: {Value: !Ref Bucket}
`
