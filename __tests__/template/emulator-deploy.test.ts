import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CloudFormationClient,
  type Parameter,
  type ResourceChange
} from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { ROOT } from '../../harness/runner.js'
import { eventually, sdkClients } from '../support/aws.js'
import { allFeaturesOn } from './parameter-sets.js'

/**
 * The bundled template deployed with the real AWS SDK against the emulator, with every optional feature on: the
 * emulator must accept each resource type the template uses, and the outputs the action maps to Metaflow's
 * variables must come back. Then a VPCCidr change is previewed, to show what it replaces.
 */

// Sent compact, as the action sends the bundled template: the readable YAML is over the 51,200-byte inline limit.
const body = JSON.stringify(parseTemplateBody(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8')))
const asParameters = (values: Record<string, string>): Parameter[] =>
  Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))

let emulator: Emulator
let cfn: CloudFormationClient
beforeEach(async () => {
  emulator = await startEmulator()
  cfn = sdkClients(emulator).cfn
})
afterEach(async () => {
  await emulator.close()
})

/** A change set that is ready, or a test failure that says why not. */
async function changeSet(name: string, values: Record<string, string>, type: 'CREATE' | 'UPDATE') {
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: name,
      ChangeSetName: `${type.toLowerCase()}-1`,
      ChangeSetType: type,
      TemplateBody: body,
      Parameters: asParameters(values),
      Capabilities: ['CAPABILITY_IAM']
    })
  )
  const described = await eventually(async () => {
    const set = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }))
    return set.Status === 'CREATE_COMPLETE' || set.Status === 'FAILED' ? set : undefined
  }, 30_000)
  expect({ status: described.Status, reason: described.StatusReason }).toEqual({
    status: 'CREATE_COMPLETE',
    reason: described.StatusReason
  })
  return described
}

/** Creates the stack the way the action does (a CREATE change set, executed) and returns its outputs. */
async function createStack(name: string, values: Record<string, string>): Promise<Record<string, string>> {
  const set = await changeSet(name, values, 'CREATE')
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: set.ChangeSetId }))
  const stack = await eventually(async () => {
    const found = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]
    return found?.StackStatus?.endsWith('_IN_PROGRESS') === false ? found : undefined
  }, 60_000)
  expect({ status: stack.StackStatus, reason: stack.StackStatusReason }).toEqual({
    status: 'CREATE_COMPLETE',
    reason: stack.StackStatusReason
  })
  return Object.fromEntries((stack.Outputs ?? []).map(o => [o.OutputKey ?? '', o.OutputValue ?? '']))
}

async function previewChange(name: string, values: Record<string, string>): Promise<ResourceChange[]> {
  const set = await changeSet(name, values, 'UPDATE')
  return (set.Changes ?? []).flatMap(change => (change.ResourceChange ? [change.ResourceChange] : []))
}

describe('the bundled template with every optional feature on, in the emulator', () => {
  it.each(['ec2', 'fargate'] as const)(
    'creates the stack with BatchType=%s and the ML outputs',
    async type => {
      const outputs = await createStack(`metaflow-all-${type}`, allFeaturesOn(type))
      expect(outputs.BatchGPUJobQueueArn).toBe(
        `arn:aws:batch:us-east-1:123456789012:job-queue/gpu-job-queue-metaflow-all-${type}`
      )
      expect(outputs.SFNStateMachinePrefix).toBe(`metaflow-all-${type}`)
      expect(outputs.ECSFargateExecutionRoleArn).toMatch(/^arn:aws:iam::123456789012:role\//)
      expect(outputs.UIServiceUrl).toBe('https://metaflow.example.com/')
      expect(outputs.LoadBalancerUIDNSName).not.toBe('')
      expect(outputs.UIUserPoolId).not.toBe('')
    },
    120_000
  )

  it('previews a VPCCidr change as replacing the network under the database', async () => {
    const values = allFeaturesOn('ec2')
    await createStack('metaflow-network', values)
    const changes = await previewChange('metaflow-network', { ...values, VPCCidr: '10.30.0.0/16' })
    const replacement: Record<string, string | undefined> = Object.fromEntries(
      changes.map(c => [c.LogicalResourceId ?? '', c.Replacement as string | undefined])
    )
    expect(replacement).toMatchObject({
      VPC: 'True',
      Subnet1: 'Conditional',
      Subnet2: 'Conditional',
      RDSSecurityGroup: 'Conditional',
      FargateSecurityGroup: 'Conditional'
    })
    // A conditionally replaced resource's Ref may change (ResourceChangeDetail, Evaluation Dynamic), so what refers
    // to the network is listed too: the database through its security group, updated in place (VPCSecurityGroups:
    // Never). The replaced network under it is what the preview's caution names.
    expect(changes.find(c => c.LogicalResourceId === 'RDSMasterInstance')).toMatchObject({
      Action: 'Modify',
      Replacement: 'False'
    })
  }, 120_000)
})
