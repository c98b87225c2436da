import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { countOutcome } from '../../src/run/outcome.js'
import { planChangeSet, discardPlan } from '../../src/stack/plan.js'
import { readStackRequest, checkParameters } from '../../src/template/stack-request.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext } from '../support/context.js'

/** A root template with one nested stack (two resources inside) and one resource of its own. */
const NETWORK = `
Resources:
  Subnet:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
`

let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-nested-'))
  const { url } = emulator.putTemplate('nested-templates', 'network.yml', NETWORK)
  writeFileSync(
    join(workspace, 'stack.yml'),
    `Resources:\n  Network:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${url}\n  Data:\n    Type: AWS::S3::Bucket\n`
  )
})
afterEach(async () => {
  await emulator.close()
})

async function contextFor(inputs: Record<string, string> = {}) {
  return testContext(emulator, { 'stack-name': 'app', template: 'stack.yml', ...inputs }, workspace)
}

describe('nested stacks (issue 11.7)', () => {
  it('plans with IncludeNestedStacks and reads every nested change set, by path, into the counts', async () => {
    const { ctx } = await contextFor()
    const request = await readStackRequest(ctx)
    const resolved = checkParameters(ctx, request, { kind: 'absent' })
    const plan = await planChangeSet(ctx, {
      stackName: 'app',
      type: 'CREATE',
      name: 'nested-plan',
      template: request.template,
      parameters: resolved,
      createsStack: true
    })
    try {
      expect(emulator.calls('CreateChangeSet')[0]?.params.IncludeNestedStacks).toBe('true')
      expect(plan.outcome.kind).toBe('ready')
      expect(plan.resources.map(r => r.LogicalResourceId).sort()).toEqual(['Data', 'Network'])
      expect(plan.nested).toHaveLength(1)
      expect(plan.nested[0]?.path).toEqual(['Network'])
      expect(plan.nested[0]?.changeSetId).toBe(
        plan.resources.find(r => r.LogicalResourceId === 'Network')?.ChangeSetId
      )
      expect(plan.nested[0]?.changes.map(c => [c.Action, c.LogicalResourceId]).sort()).toEqual([
        ['Add', 'Queue'],
        ['Add', 'Subnet']
      ])
      expect(plan.rootCounts.add).toBe(2)
      expect(plan.counts.add).toBe(4)
    } finally {
      await discardPlan(ctx, plan.handle, true)
    }
  })

  it('a template without nested stacks is planned without IncludeNestedStacks', async () => {
    writeFileSync(join(workspace, 'stack.yml'), 'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n')
    const { ctx } = await contextFor()
    await deploy(ctx, await readStackRequest(ctx))
    expect(emulator.calls('CreateChangeSet')[0]?.params).not.toHaveProperty('IncludeNestedStacks')
  })

  it('deploys, following the nested stack’s events under its path', async () => {
    const { ctx, log } = await contextFor()
    const result = await deploy(ctx, await readStackRequest(ctx))
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(countOutcome(result).add).toBe(4)
    expect(log.text()).toMatch(/CREATE_COMPLETE +AWS::S3::Bucket +Network\/Subnet/)
  })

  it('a nested resource that fails is named with its nested stack path, before the parent’s "Embedded stack" summary', async () => {
    emulator.failResource({
      logicalId: 'Subnet',
      reason: 'Bucket quota reached',
      inNestedStack: 'Network',
      during: 'create'
    })
    const { ctx, log } = await contextFor()
    const error = await deploy(ctx, await readStackRequest(ctx)).then(
      () => new Error('expected a failure'),
      (err: unknown) => err as Error
    )
    expect(error.message).toMatch(/ROLLBACK_COMPLETE/)
    expect(error.message).toMatch(/Failed: Network\/Subnet: Bucket quota reached; Network: Embedded stack/)
    expect(log.errors[0]?.message).toMatch(/^Network\/Subnet \(AWS::S3::Bucket\): Bucket quota reached/)
  })
})
