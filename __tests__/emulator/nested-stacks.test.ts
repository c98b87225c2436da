import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
  type CloudFormationClient
} from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { eventually, sdkClients } from '../support/aws.js'
import { cfnHelpers } from './cfn-helpers.js'

/**
 * Nested stacks (AWS::CloudFormation::Stack) whose templates live in the emulator's S3, change sets with
 * IncludeNestedStacks, and nested stacks' own events and failures.
 */
let emulator: Emulator
let cfn: CloudFormationClient
const h = cfnHelpers(() => cfn)

const CHILD_URL = 'https://tpl.s3.us-east-1.amazonaws.com/child.yml'
const PARENT = `
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  Shared: {Type: AWS::S3::Bucket}
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ${CHILD_URL}
      Parameters: {Env: !Ref Env, Bucket: !Ref Shared}
Outputs:
  ChildTable: {Value: !GetAtt Child.Outputs.TableName}
`
const CHILD = `
Parameters:
  Env: {Type: String}
  Bucket: {Type: String}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      Tags: [{Key: env, Value: !Ref Env}]
Outputs:
  TableName: {Value: !Ref Table}
`

beforeEach(async () => {
  emulator = await startEmulator()
  cfn = sdkClients(emulator).cfn
  emulator.putTemplate('tpl', 'child.yml', CHILD)
})
afterEach(async () => {
  await emulator.close()
})

function nestedStackId(parent: string): string {
  return emulator.cloudformation.findStack(parent)?.resources.get('Child')?.physicalId ?? ''
}

async function eventsOf(stack: string) {
  return (await cfn.send(new DescribeStackEventsCommand({ StackName: stack }))).StackEvents ?? []
}

describe('IncludeNestedStacks change sets', () => {
  it('make a nested change set per nested stack, linked to the root, and run it with its own events', async () => {
    const root = await h.changeSet({
      StackName: 'app',
      ChangeSetType: 'CREATE',
      TemplateBody: PARENT,
      IncludeNestedStacks: true
    })
    expect(root.Status).toBe('CREATE_COMPLETE')
    expect(root.IncludeNestedStacks).toBe(true)
    const child = root.Changes?.find(c => c.ResourceChange?.LogicalResourceId === 'Child')?.ResourceChange
    expect(child?.Action).toBe('Add')
    expect(child?.ChangeSetId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:changeSet\//)
    const nested = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: child?.ChangeSetId }))
    expect(nested).toMatchObject({
      ParentChangeSetId: root.ChangeSetId,
      RootChangeSetId: root.ChangeSetId,
      Status: 'CREATE_COMPLETE',
      IncludeNestedStacks: true
    })
    expect(nested.StackName).toMatch(/^app-Child-[A-Z0-9]{12}$/)
    expect(nested.Changes?.map(c => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual(
      [['Add', 'Table']]
    )
    expect(nested.Parameters?.find(p => p.ParameterKey === 'Env')?.ParameterValue).toBe('dev')

    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: root.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('CREATE_COMPLETE')
    const nestedId = nestedStackId('app')
    expect(nestedId).toBe(nested.StackId)
    const nestedStack = (await cfn.send(new DescribeStacksCommand({ StackName: nestedId }))).Stacks?.[0]
    expect(nestedStack).toMatchObject({
      StackStatus: 'CREATE_COMPLETE',
      ParentId: root.StackId,
      RootId: root.StackId
    })
    // Events in both stacks: the parent's for the nested stack resource, the nested stack's for its own.
    const parentEvents = (await eventsOf('app')).filter(e => e.LogicalResourceId === 'Child')
    expect(parentEvents.map(e => [e.ResourceStatus, e.PhysicalResourceId])).toEqual([
      ['CREATE_COMPLETE', nestedId],
      ['CREATE_IN_PROGRESS', expect.any(String)]
    ])
    const nestedEvents = await eventsOf(nestedId)
    expect(nestedEvents.filter(e => e.LogicalResourceId === 'Table').map(e => e.ResourceStatus)).toEqual([
      'CREATE_COMPLETE',
      'CREATE_IN_PROGRESS'
    ])
    expect(nestedEvents.every(e => e.StackId === nestedId)).toBe(true)
    const tableName = emulator.cloudformation.findStack(nestedId)?.resources.get('Table')?.physicalId
    expect((await h.stack('app'))?.Outputs?.[0]).toMatchObject({
      OutputKey: 'ChildTable',
      OutputValue: tableName
    })
  })

  it('show a nested stack’s own changes on update, through the parent’s ChangeSetId', async () => {
    expect(await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: PARENT })).toBe(
      'CREATE_COMPLETE'
    )
    const nestedId = nestedStackId('app')
    const root = await h.changeSet({
      StackName: 'app',
      TemplateBody: PARENT,
      Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }],
      IncludeNestedStacks: true
    })
    const child = root.Changes?.find(c => c.ResourceChange?.LogicalResourceId === 'Child')?.ResourceChange
    expect(child?.Action).toBe('Modify')
    const nested = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: child?.ChangeSetId }))
    expect(nested.StackId).toBe(nestedId)
    expect(nested.Changes?.map(c => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual(
      [['Modify', 'Table']]
    )
    // The nested change set belongs to the nested stack.
    const listed = await cfn.send(new ListChangeSetsCommand({ StackName: nestedId }))
    expect(listed.Summaries?.[0]).toMatchObject({
      ParentChangeSetId: root.ChangeSetId,
      RootChangeSetId: root.ChangeSetId
    })
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: root.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
    expect(
      (await cfn.send(new DescribeStacksCommand({ StackName: nestedId }))).Stacks?.[0]?.StackStatus
    ).toBe('UPDATE_COMPLETE')
  })

  it('without IncludeNestedStacks, show a kept nested stack as an Automatic Modify', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: PARENT })
    emulator.putTemplate('tpl', 'child.yml', CHILD + '  Extra: {Value: x}\n')
    const cs = await h.changeSet({ StackName: 'app', TemplateBody: PARENT })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    expect(cs.Changes?.map(c => c.ResourceChange)).toEqual([
      expect.objectContaining({
        Action: 'Modify',
        LogicalResourceId: 'Child',
        Details: [expect.objectContaining({ ChangeSource: 'Automatic', Evaluation: 'Dynamic' })]
      })
    ])
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
    const nestedId = nestedStackId('app')
    expect(
      emulator.cloudformation
        .findStack(nestedId)
        ?.outputs.map(o => o.OutputKey)
        .sort()
    ).toEqual(['Extra', 'TableName'])
  })
})

describe('nested stack failures', () => {
  it('fail the parent’s create with a reason naming the nested stack, and delete it in the rollback', async () => {
    emulator.failResource({
      logicalId: 'Table',
      reason: 'Table limit exceeded',
      during: 'create',
      inNestedStack: 'Child'
    })
    expect(await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: PARENT })).toBe(
      'ROLLBACK_COMPLETE'
    )
    const failed = (await eventsOf('app')).find(
      e => e.LogicalResourceId === 'Child' && e.ResourceStatus === 'CREATE_FAILED'
    )
    const nestedId = failed?.PhysicalResourceId ?? ''
    expect(nestedId).toMatch(/:stack\/app-Child-[A-Z0-9]{12}\//)
    expect(failed?.ResourceStatusReason).toBe(
      `Embedded stack ${nestedId} was not successfully created: The following resource(s) failed to create: [Table]. `
    )
    const nestedEvents = await eventsOf(nestedId)
    expect(
      nestedEvents.find(e => e.LogicalResourceId === 'Table' && e.ResourceStatus === 'CREATE_FAILED')
        ?.ResourceStatusReason
    ).toBe('Table limit exceeded')
    expect(nestedEvents[0]?.ResourceStatus).toBe('DELETE_COMPLETE')
  })

  it('fail the parent’s update, which rolls back', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: PARENT })
    emulator.failResource({
      logicalId: 'Table',
      reason: 'Throughput exceeded',
      during: 'update',
      inNestedStack: 'Child'
    })
    expect(
      await h.deploy({
        StackName: 'app',
        TemplateBody: PARENT,
        Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }]
      })
    ).toBe('UPDATE_ROLLBACK_COMPLETE')
    const nestedId = nestedStackId('app')
    const failed = (await eventsOf('app')).find(
      e => e.LogicalResourceId === 'Child' && e.ResourceStatus === 'UPDATE_FAILED'
    )
    expect(failed?.ResourceStatusReason).toBe(
      `Embedded stack ${nestedId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Table]. `
    )
    expect(
      (await cfn.send(new DescribeStacksCommand({ StackName: nestedId }))).Stacks?.[0]?.StackStatus
    ).toBe('UPDATE_ROLLBACK_COMPLETE')
  })

  it('are deleted with their parent', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: PARENT })
    const nestedId = nestedStackId('app')
    await cfn.send(new DeleteStackCommand({ StackName: 'app' }))
    await eventually(() =>
      Promise.resolve(emulator.cloudformation.findStack('app') === undefined ? true : undefined)
    )
    expect(emulator.cloudformation.findStack(nestedId)?.status).toBe('DELETE_COMPLETE')
  })
})
