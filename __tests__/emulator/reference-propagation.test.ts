import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeChangeSetCommand,
  type CloudFormationClient,
  type ResourceChange
} from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { ROOT } from '../../harness/runner.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { compactTemplate } from '../../src/template/compact.js'
import { allFeaturesOn } from '../template/parameter-sets.js'
import { sdkClients } from '../support/aws.js'
import { cfnHelpers } from './cfn-helpers.js'

/**
 * A change to one resource reaches the resources that refer to it (ResourceChangeDetail API reference,
 * ChangeSource and Evaluation; user guide, "Example change sets"): a modified resource's Fn::GetAtt values
 * are unknown until it is updated, a possibly replaced resource's Ref too, so whatever uses them is a Modify
 * with a Dynamic detail, and so on down the chain.
 */
let emulator: Emulator
let cfn: CloudFormationClient
const h = cfnHelpers(() => cfn)

beforeEach(async () => {
  emulator = await startEmulator()
  cfn = sdkClients(emulator).cfn
})
afterEach(async () => {
  await emulator.close()
})

const asParameters = (values: Record<string, string>) =>
  Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))

/** The change set's resource changes by logical id, after creating it and waiting for it to settle. */
async function changesOf(StackName: string, TemplateBody: string, values: Record<string, string> = {}) {
  const set = await h.changeSet({ StackName, TemplateBody, Parameters: asParameters(values) })
  expect({ status: set.Status, reason: set.StatusReason }).toEqual({
    status: 'CREATE_COMPLETE',
    reason: undefined
  })
  const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: set.ChangeSetId }))
  return Object.fromEntries(
    (described.Changes ?? []).flatMap(c =>
      c.ResourceChange === undefined ? [] : [[c.ResourceChange.LogicalResourceId ?? '', c.ResourceChange]]
    )
  ) as Record<string, ResourceChange>
}

describe('the bundled template: a root-volume size change reaches the Batch compute environments', () => {
  // Compact, as the action sends it: the commented YAML is over the inline limit.
  const body = compactTemplate(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8'))
  const values = { ...allFeaturesOn('ec2'), BatchRootVolumeSize: '100' }

  it('lists the launch template and both environments as Modify, the environments updated in place', async () => {
    await h.deploy({
      StackName: 'metaflow',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
      Parameters: asParameters(values)
    })
    const changes = await changesOf('metaflow', body, { ...values, BatchRootVolumeSize: '200' })

    // Nothing else: the environments keep their ids, so the job queues (which Ref them) are untouched.
    expect(Object.keys(changes).sort()).toEqual([
      'BatchLaunchTemplate',
      'ComputeEnvironment',
      'GPUComputeEnvironment'
    ])
    expect(changes.BatchLaunchTemplate).toMatchObject({ Action: 'Modify', Replacement: 'False' })
    expect(changes.BatchLaunchTemplate?.Details).toEqual([
      expect.objectContaining({
        Evaluation: 'Static',
        ChangeSource: 'ParameterReference',
        CausingEntity: 'BatchRootVolumeSize'
      })
    ])
    for (const id of ['ComputeEnvironment', 'GPUComputeEnvironment']) {
      // ReplaceComputeEnvironment false: a new launch template version is an infrastructure update in place.
      expect(changes[id]).toMatchObject({ Action: 'Modify', Replacement: 'False', Scope: ['Properties'] })
      expect(changes[id]?.PhysicalResourceId).toMatch(/^metaflow-/)
      expect(changes[id]?.Details).toEqual([
        {
          Target: {
            Attribute: 'Properties',
            Name: 'ComputeResources',
            RequiresRecreation: 'Never',
            Path: '/Properties/ComputeResources'
          },
          Evaluation: 'Dynamic',
          ChangeSource: 'ResourceAttribute',
          CausingEntity: 'BatchLaunchTemplate.LatestVersionNumber'
        }
      ])
    }
  })
})

/** A launch template, an environment that uses its latest version, and a queue on that environment. */
const batch = (opts: { replaceEnvironment: boolean; groupDescription: string; volume: number }) => `
Resources:
  WorkerSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ${opts.groupDescription}
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        SecurityGroupIds: [!Ref WorkerSecurityGroup]
        BlockDeviceMappings: [{DeviceName: /dev/xvda, Ebs: {VolumeSize: ${opts.volume}}}]
  Environment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ReplaceComputeEnvironment: ${opts.replaceEnvironment}
      ComputeResources:
        Type: EC2
        MaxvCpus: 16
        Subnets: [subnet-1]
        InstanceRole: ecsInstanceRole
        LaunchTemplate: {LaunchTemplateId: !Ref LaunchTemplate, Version: !GetAtt LaunchTemplate.LatestVersionNumber}
  Queue:
    Type: AWS::Batch::JobQueue
    Properties:
      Priority: 1
      ComputeEnvironmentOrder: [{Order: 1, ComputeEnvironment: !Ref Environment}]
`

describe('propagation through Ref and Fn::GetAtt', () => {
  it('an environment that replaces itself for new instances may be replaced; its queue follows its Ref', async () => {
    const before = batch({ replaceEnvironment: true, groupDescription: 'workers', volume: 50 })
    await h.deploy({ StackName: 'chain', ChangeSetType: 'CREATE', TemplateBody: before })
    const changes = await changesOf(
      'chain',
      batch({ replaceEnvironment: true, groupDescription: 'workers', volume: 80 })
    )

    expect(changes.LaunchTemplate).toMatchObject({ Action: 'Modify', Replacement: 'False' })
    // RequiresRecreation is the property's update behaviour (Always with ReplaceComputeEnvironment true); the
    // evaluation is Dynamic, so the replacement is Conditional, not True (ResourceChange API reference).
    expect(changes.Environment).toMatchObject({ Action: 'Modify', Replacement: 'Conditional' })
    expect(changes.Environment?.Details).toEqual([
      expect.objectContaining({
        Target: expect.objectContaining({ Name: 'ComputeResources', RequiresRecreation: 'Always' }),
        Evaluation: 'Dynamic',
        ChangeSource: 'ResourceAttribute',
        CausingEntity: 'LaunchTemplate.LatestVersionNumber'
      })
    ])
    // One level further: the environment may get a new ARN, which the queue refers to.
    expect(changes.Queue).toMatchObject({ Action: 'Modify', Replacement: 'False' })
    expect(changes.Queue?.Details).toEqual([
      expect.objectContaining({
        Target: expect.objectContaining({ Name: 'ComputeEnvironmentOrder', RequiresRecreation: 'Never' }),
        Evaluation: 'Dynamic',
        ChangeSource: 'ResourceReference',
        CausingEntity: 'Environment'
      })
    ])
    expect(changes.WorkerSecurityGroup).toBeUndefined()
  })

  it('a replaced resource’s new Ref reaches what refers to it, and from there what uses its attributes', async () => {
    await h.deploy({
      StackName: 'sg',
      ChangeSetType: 'CREATE',
      TemplateBody: batch({ replaceEnvironment: false, groupDescription: 'workers', volume: 50 })
    })
    // GroupDescription is create-only: the security group is replaced and gets a new id.
    const changes = await changesOf(
      'sg',
      batch({ replaceEnvironment: false, groupDescription: 'batch workers', volume: 50 })
    )

    expect(changes.WorkerSecurityGroup).toMatchObject({ Action: 'Modify', Replacement: 'True' })
    expect(changes.LaunchTemplate).toMatchObject({ Action: 'Modify', Replacement: 'False' })
    expect(changes.LaunchTemplate?.Details).toEqual([
      expect.objectContaining({
        Target: expect.objectContaining({ Name: 'LaunchTemplateData', RequiresRecreation: 'Never' }),
        Evaluation: 'Dynamic',
        ChangeSource: 'ResourceReference',
        CausingEntity: 'WorkerSecurityGroup'
      })
    ])
    // The launch template is not replaced, so its Ref (its id) stays and only its version moves.
    expect(changes.Environment).toMatchObject({ Action: 'Modify', Replacement: 'False' })
    expect(changes.Environment?.Details?.map(d => [d.ChangeSource, d.CausingEntity, d.Evaluation])).toEqual([
      ['ResourceAttribute', 'LaunchTemplate.LatestVersionNumber', 'Dynamic']
    ])
    expect(changes.Queue).toBeUndefined()
  })
})
