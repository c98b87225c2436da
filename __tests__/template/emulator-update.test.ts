import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CloudFormationClient,
  type ResourceChange
} from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { ROOT } from '../../harness/runner.js'
import { eventually, sdkClients } from '../support/aws.js'
import { EXISTING_NETWORK, allFeaturesOn, existingVpcAllFeatures } from './parameter-sets.js'

/**
 * Updates of a live stack (issue 19), previewed with the real SDK against the emulator: what the change set says
 * CloudFormation will do to the API's stage when APIBasicAuth flips, and to the Batch compute environments when
 * their instances must change.
 */

// Sent compact, as the action sends the bundled template: the readable YAML is over the 51,200-byte inline limit.
const body = JSON.stringify(parseTemplateBody(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8')))
let emulator: Emulator
let cfn: CloudFormationClient
let sets = 0
beforeAll(async () => {
  emulator = await startEmulator()
  cfn = sdkClients(emulator).cfn
})
afterAll(async () => {
  await emulator.close()
})

async function changeSet(
  stack: string,
  values: Record<string, string>,
  type: 'CREATE' | 'UPDATE',
  templateBody = body
) {
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: stack,
      ChangeSetName: `set-${++sets}`,
      ChangeSetType: type,
      TemplateBody: templateBody,
      Parameters: Object.entries(values).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue
      })),
      Capabilities: ['CAPABILITY_IAM']
    })
  )
  const set = await eventually(async () => {
    const found = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }))
    return found.Status === 'CREATE_COMPLETE' || found.Status === 'FAILED' ? found : undefined
  }, 30_000)
  expect({ status: set.Status, reason: set.StatusReason }).toEqual({
    status: 'CREATE_COMPLETE',
    reason: set.StatusReason
  })
  return set
}

async function deploy(
  stack: string,
  values: Record<string, string>,
  type: 'CREATE' | 'UPDATE',
  templateBody = body
): Promise<Record<string, string>> {
  const set = await changeSet(stack, values, type, templateBody)
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: set.ChangeSetId }))
  const done = await eventually(async () => {
    const found = (await cfn.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]
    return found?.StackStatus?.endsWith('_IN_PROGRESS') === false ? found : undefined
  }, 60_000)
  expect(done.StackStatus).toMatch(/^(CREATE|UPDATE)_COMPLETE$/)
  return Object.fromEntries((done.Outputs ?? []).map(o => [o.OutputKey ?? '', o.OutputValue ?? '']))
}

async function preview(
  stack: string,
  values: Record<string, string>
): Promise<Record<string, ResourceChange>> {
  const set = await changeSet(stack, values, 'UPDATE')
  return Object.fromEntries(
    (set.Changes ?? []).flatMap(c =>
      c.ResourceChange ? [[c.ResourceChange.LogicalResourceId ?? '', c.ResourceChange]] : []
    )
  )
}

describe('2. APIBasicAuth changed on a live stack reaches the API', () => {
  const values = { ...allFeaturesOn('ec2'), APIBasicAuth: 'true' }

  beforeAll(async () => {
    await deploy('metaflow-auth', values, 'CREATE')
  }, 120_000)

  it('turning auth off moves the stage to a new deployment of the open methods', async () => {
    const changes = await preview('metaflow-auth', { ...values, APIBasicAuth: 'false' })
    const stage = changes.ApiStage
    expect(stage?.Action).toBe('Modify')
    expect(stage?.Details?.map(d => d.Target?.Name)).toContain('DeploymentId')
    // The new snapshot is taken after the methods stop requiring a key; the old one goes with the key.
    expect(changes.ProxyMethod?.Action).toBe('Modify')
    const added = Object.values(changes)
      .filter(c => c.Action === 'Add')
      .map(c => c.ResourceType)
    const removed = Object.values(changes)
      .filter(c => c.Action === 'Remove')
      .map(c => c.LogicalResourceId)
    expect(added).toContain('AWS::ApiGateway::Deployment')
    expect(removed).toEqual(expect.arrayContaining(['ApiKey', 'ApiUsagePlan', 'ApiUsagePlanKey']))
  }, 120_000)

  it('and turning it back on does the same the other way', async () => {
    await deploy('metaflow-auth', { ...values, APIBasicAuth: 'false' }, 'UPDATE')
    const changes = await preview('metaflow-auth', values)
    expect(changes.ApiStage?.Details?.map(d => d.Target?.Name)).toContain('DeploymentId')
    expect(changes.ApiKey?.Action).toBe('Add')
  }, 120_000)
})

describe('3. Batch changes that need new instances are made in place', () => {
  const values = allFeaturesOn('ec2')

  beforeAll(async () => {
    await deploy('metaflow-batch', values, 'CREATE')
  }, 120_000)

  it.each([
    ['ComputeEnvironment', { ComputeEnvInstanceTypes: 'm6i.large,m6i.xlarge' }],
    ['GPUComputeEnvironment', { GPUInstanceTypes: 'g6' }]
  ])(
    'an instance-type change of %s is a Modify, not a replacement',
    async (id, change) => {
      const changes = await preview('metaflow-batch', { ...values, ...change })
      expect(changes[id]).toMatchObject({ Action: 'Modify', Replacement: 'False' })
      expect(changes[id]?.Details?.map(d => [d.Target?.Name, d.Target?.RequiresRecreation])).toEqual([
        ['ComputeResources', 'Never']
      ])
      // The queues keep their environment: nothing downstream is replaced.
      expect(
        Object.values(changes)
          .filter(c => c.Replacement !== 'False')
          .map(c => c.LogicalResourceId)
      ).toEqual([])
    },
    120_000
  )
})

describe('7. network shapes on a live stack', () => {
  it('deploys every feature into an existing VPC, creating no network, and reports the given ids', async () => {
    const outputs = await deploy('metaflow-existing', existingVpcAllFeatures(), 'CREATE')
    const [subnet1, subnet2] = EXISTING_NETWORK.ExistingSubnetIds.split(',')
    expect(outputs).toMatchObject({
      VPCId: EXISTING_NETWORK.ExistingVpcId,
      Subnet1Id: subnet1,
      Subnet2Id: subnet2
    })
    expect(outputs.UIServiceUrl).toBe('https://metaflow.example.com/')
  }, 120_000)

  it('turning PrivateSubnets on replaces no subnet, association or database (only the notebook): the route moves to a NAT gateway', async () => {
    const values = { ...allFeaturesOn('ec2'), PrivateSubnets: 'false' }
    const outputs = await deploy('metaflow-private', values, 'CREATE')
    expect(outputs.VPCId).toMatch(/^vpc-/)
    const changes = await preview('metaflow-private', { ...values, PrivateSubnets: 'true' })
    expect(
      Object.values(changes)
        .filter(c => c.Replacement === 'True')
        .map(c => c.LogicalResourceId)
    ).toEqual(['NotebookInstance']) // DirectInternetAccess is create-only: docs/template.md warns (its volume goes)
    expect(changes.NatGateway?.Action).toBe('Add')
    expect(changes.DefaultRoute).toMatchObject({ Action: 'Modify', Replacement: 'False' })
    expect(changes.Subnet1).toMatchObject({ Action: 'Modify', Replacement: 'False' })
    expect(changes.RDSMasterInstance).toBeUndefined()
  }, 120_000)

  it('restricting the API to CIDRs moves the stage to a deployment that carries the resource policy', async () => {
    const values = { ...allFeaturesOn('ec2'), APIAllowedCidrs: '' }
    await deploy('metaflow-cidrs', values, 'CREATE')
    const changes = await preview('metaflow-cidrs', { ...values, APIAllowedCidrs: '203.0.113.0/24' })
    expect(changes.Api?.Details?.map(d => d.Target?.Name)).toContain('Policy')
    expect(changes.ApiStage?.Details?.map(d => d.Target?.Name)).toContain('DeploymentId')
    expect(changes.ApiDeploymentKeyCidr?.Action).toBe('Add')
    expect(changes.ApiDeploymentKey?.Action).toBe('Remove')
  }, 120_000)
})

describe('upgrading a stack made with the previous template (its defaults, GPU, UI and notebook on)', () => {
  // templates/metaflow.yml as it was before issue 19 (commit 8fe6c1d), compact.
  const previous = readFileSync(
    join(ROOT, '__tests__/template/fixtures/metaflow-before-issue-19.json'),
    'utf8'
  )
  const { GPUInstanceTypes: _gpu, ...shared } = allFeaturesOn('ec2')
  const values = {
    ...Object.fromEntries(
      Object.entries(shared).filter(([key]) =>
        ['EnableGPU', 'EnableUI', 'UICertificateArn', 'UIDomainName', 'EnableSagemaker'].includes(key)
      )
    )
  }

  it('replaces only the task definitions (new images and sizes) and the client policy; no data, network or Batch environment', async () => {
    await deploy('metaflow-upgrade', values, 'CREATE', previous)
    const changes = await preview('metaflow-upgrade', values)
    const replaced = Object.values(changes)
      .filter(c => c.Replacement !== 'False' && c.Action === 'Modify')
      .map(c => c.LogicalResourceId)
      .sort()
    expect(replaced).toEqual([
      'MetaflowClientPolicy',
      'TaskDefinition',
      'UIBackendTaskDefinition',
      'UIStaticTaskDefinition'
    ])
    expect(changes.ApiStage?.Details?.map(d => d.Target?.Name)).toEqual(['DeploymentId'])
    expect(changes.ApiDeployment?.Action).toBe('Remove')
    expect(changes.ApiDeploymentKey?.Action).toBe('Add')
    expect(changes.WorkloadSelfIngress?.Action).toBe('Add')
    for (const id of ['ComputeEnvironment', 'GPUComputeEnvironment'])
      expect(changes[id]?.Replacement).toBe('False')
  }, 120_000)
})
