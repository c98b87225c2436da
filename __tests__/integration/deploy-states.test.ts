import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy, readInputs } from '../../src/deploy.js'
import { DeployError, InputError } from '../../src/errors.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext } from '../support/context.js'
import { leftoverChangeSets } from '../support/e2e.js'
import { BASIC, manyResources } from '../support/templates.js'

let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-int-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

async function deployWith(inputs: Record<string, string> = {}) {
  const test = await testContext(
    emulator,
    { 'stack-name': 'app', template: 'stack.yml', environment: 'dev', ...inputs },
    workspace
  )
  const result = await deploy(test.ctx, await readInputs(test.ctx))
  return { ...test, result }
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a failure')
}

const mutating = () => emulator.mutatingCalls().map(r => r.operation)

describe('deploy, by stack state', () => {
  it('absent: creates through a CREATE change set', async () => {
    const { result } = await deployWith()
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    expect(emulator.calls('CreateChangeSet')[0]?.params.ChangeSetType).toBe('CREATE')
    expect(mutating()).toEqual(['CreateChangeSet', 'ExecuteChangeSet'])
  })

  it('stable: updates through an UPDATE change set, keeping previous values of parameters not given', async () => {
    await deployWith({ parameters: 'Env=staging' })
    const { result, log } = await deployWith({ parameters: 'Auth=false' })
    expect(result.stack.StackStatus).toBe('UPDATE_COMPLETE')
    expect(result.counts).toEqual({ add: 0, modify: 0, replace: 0, remove: 1 })
    expect(emulator.calls('CreateChangeSet')[1]?.params).toMatchObject({
      ChangeSetType: 'UPDATE',
      Parameters: expect.arrayContaining([{ ParameterKey: 'Env', UsePreviousValue: 'true' }])
    })
    expect(log.text()).toContain('Keeping the previous values of 2 parameters not given: Env, DbPassword.')
  })

  it('ROLLBACK_COMPLETE with on-failed-create recreate: deletes, waits for DELETE_COMPLETE, creates again', async () => {
    emulator.failResource({ logicalId: 'Table', reason: 'boom' })
    await failureOf(deployWith())
    expect(emulator.cloudformation.findStack('app')?.status).toBe('ROLLBACK_COMPLETE')
    emulator.clearFailures()
    const { result, log } = await deployWith()
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    expect(mutating()).toEqual([
      'CreateChangeSet',
      'ExecuteChangeSet',
      'DeleteStack',
      'CreateChangeSet',
      'ExecuteChangeSet'
    ])
    expect(log.text()).toMatch(
      /\[Deleting stack app \(ROLLBACK_COMPLETE, holds no resources\) to create it again\]/
    )
    expect(log.text()).toMatch(/DELETE_COMPLETE +AWS::CloudFormation::Stack +app/)
  })

  it('ROLLBACK_COMPLETE with on-failed-create fail: stops with instructions and changes nothing', async () => {
    emulator.cloudformation.setStackStatus('app', 'ROLLBACK_COMPLETE')
    const error = await failureOf(deployWith({ 'on-failed-create': 'fail' }))
    expect(error).toBeInstanceOf(DeployError)
    expect(error.message).toMatch(
      /Stack app is ROLLBACK_COMPLETE: its first create failed and was rolled back, so it holds no resources\. Delete it \(`aws cloudformation delete-stack --stack-name app`\)/
    )
    expect(mutating()).toEqual([])
  })

  it('REVIEW_IN_PROGRESS (never deployed): deletes the empty stack, then creates', async () => {
    emulator.cloudformation.setStackStatus('app', 'REVIEW_IN_PROGRESS')
    const { result } = await deployWith()
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    expect(mutating()).toEqual(['DeleteStack', 'CreateChangeSet', 'ExecuteChangeSet'])
  })

  it('in progress: says who is in the way, waits for it to settle, then continues from the new state', async () => {
    await deployWith()
    emulator.cloudformation.setStackStatus('app', 'UPDATE_IN_PROGRESS', {
      afterMs: 150,
      status: 'UPDATE_COMPLETE'
    })
    const { result, log } = await deployWith({ parameters: 'Env=prod' })
    expect(result.stack.StackStatus).toBe('UPDATE_COMPLETE')
    expect(log.text()).toMatch(
      /Stack app is UPDATE_IN_PROGRESS \(Set by the test\); waiting for it to finish before planning\./
    )
    const describesBeforePlan = emulator.requests
      .slice(emulator.requests.findIndex(r => r.operation === 'ExecuteChangeSet') + 1)
      .filter(r => r.operation === 'DescribeStacks')
    expect(describesBeforePlan.length).toBeGreaterThan(1)
  })

  it.each([
    ['UPDATE_ROLLBACK_FAILED', /continue-update-rollback --stack-name app/],
    ['DELETE_FAILED', /aws cloudformation delete-stack --stack-name app/],
    ['ROLLBACK_FAILED', /--retain-resources/],
    ['UPDATE_FAILED', /rollback-stack --stack-name app/]
  ])('%s: fails with the exact recovery step and touches nothing', async (status, recovery) => {
    emulator.cloudformation.setStackStatus('app', status)
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(new RegExp(`^Stack app is ${status}, which needs a person\\.`))
    expect(error.message).toMatch(recovery)
    expect(mutating()).toEqual([])
  })
})

describe('deploy, change sets', () => {
  it('names change sets uniquely per run, so two in a row never collide', async () => {
    await deployWith()
    await deployWith({ parameters: 'Env=prod' })
    const names = emulator.calls('CreateChangeSet').map(r => r.params.ChangeSetName as string)
    expect(names[0]).toMatch(/^metaflow-deploy-dev-42-1-[a-z0-9]{6}$/)
    expect(new Set(names).size).toBe(2)
  })

  it('deletes a FAILED change set (awaited) and a CREATE’s empty stack, and reports the reason', async () => {
    writeFileSync(
      join(workspace, 'stack.yml'),
      'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Select [5, [a]]\n'
    )
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(
      /^The change set for stack app failed: Template error: Fn::Select cannot select nonexistent value at index 5/
    )
    expect(mutating()).toEqual(['CreateChangeSet', 'DeleteChangeSet', 'DeleteStack'])
    expect(emulator.cloudformation.findStack('app')).toBeUndefined()
  })

  it('passes disable-rollback, role-arn, tags and notification ARNs through', async () => {
    await deployWith({
      'disable-rollback': 'true',
      'role-arn': 'arn:aws:iam::123456789012:role/cfn-exec',
      tags: 'team=ml-platform',
      'notification-arns': 'arn:aws:sns:us-east-1:123456789012:stack-events'
    })
    expect(emulator.calls('CreateChangeSet')[0]?.params).toMatchObject({
      RoleARN: 'arn:aws:iam::123456789012:role/cfn-exec',
      NotificationARNs: ['arn:aws:sns:us-east-1:123456789012:stack-events'],
      Tags: [
        { Key: 'team', Value: 'ml-platform' },
        { Key: 'metaflow-deploy:environment', Value: 'dev' }
      ]
    })
    expect(emulator.calls('ExecuteChangeSet')[0]?.params.DisableRollback).toBe('true')
  })

  it('applies termination protection after a successful deploy', async () => {
    await deployWith({ 'termination-protection': 'true' })
    expect(mutating().at(-1)).toBe('UpdateTerminationProtection')
    expect(emulator.cloudformation.findStack('app')?.terminationProtection).toBe(true)
  })

  it('uploads a template over 51,200 bytes to template-bucket under a unique key and passes TemplateURL', async () => {
    writeFileSync(join(workspace, 'stack.yml'), manyResources(2000))
    emulator.s3.createBucket('cfn-templates')
    const { result } = await deployWith({ 'template-bucket': 'cfn-templates' })
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    const url = emulator.calls('CreateChangeSet')[0]?.params.TemplateURL as string
    expect(url).toMatch(
      new RegExp(
        `^${emulator.url}/cfn-templates/metaflow-deploy/metaflow-deploy-dev-42-1-[a-z0-9]{6}/stack\\.yml$`
      )
    )
    expect(emulator.calls('CreateChangeSet')[0]?.params.TemplateBody).toBeUndefined()
  })

  it('rejects a large template without template-bucket before any call that changes anything', async () => {
    writeFileSync(join(workspace, 'stack.yml'), manyResources(2000))
    const error = await failureOf(deployWith())
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(
      /^Input 'template-bucket': is required: stack\.yml is \d+ bytes, over CloudFormation's 51200-byte limit/
    )
    expect(mutating()).toEqual([])
  })

  it('reads a template from s3:// and hands CloudFormation its URL', async () => {
    emulator.s3.createBucket('shared')
    emulator.s3.buckets.get('shared')?.set('metaflow/stack.yml', Buffer.from(BASIC))
    const { result } = await deployWith({ template: 's3://shared/metaflow/stack.yml' })
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    expect(emulator.calls('CreateChangeSet')[0]?.params.TemplateURL).toBe(
      `${emulator.url}/shared/metaflow/stack.yml`
    )
  })

  it('masks NoEcho values the user gives before anything prints', async () => {
    const { log } = await deployWith({ parameters: 'DbPassword=s3cr3t-value-123' })
    expect(log.secrets).toEqual(['s3cr3t-value-123'])
    expect(log.text()).not.toContain('s3cr3t-value-123')
  })
})

describe('deploy, under faults', () => {
  it('retries throttling on every call, beyond the SDK’s 3 attempts', async () => {
    emulator.faults.set({ throttleNext: { CreateChangeSet: 5, ExecuteChangeSet: 4 } })
    const { result } = await deployWith()
    expect(result.stack.StackStatus).toBe('CREATE_COMPLETE')
    // Six attempts of one CreateChangeSet, five of one ExecuteChangeSet: the SDK's default 3 would have failed.
    expect(emulator.calls('CreateChangeSet').map(r => r.errorCode ?? 'ok')).toEqual([
      ...Array<string>(5).fill('Throttling'),
      'ok'
    ])
    expect(emulator.calls('ExecuteChangeSet').map(r => r.errorCode ?? 'ok')).toEqual([
      ...Array<string>(4).fill('Throttling'),
      'ok'
    ])
  })

  it('two runs on one stack at once: the second waits for the first, then succeeds', async () => {
    emulator.cloudformation.timing.resourceMs = 40
    await deployWith()
    const [first, second] = await Promise.allSettled([
      deployWith({ parameters: 'Env=staging' }),
      deployWith({ parameters: 'Env=prod' })
    ])
    expect(first.status).toBe('fulfilled')
    expect(second.status).toBe('fulfilled')
    const stack = emulator.cloudformation.findStack('app')
    expect(stack?.status).toBe('UPDATE_COMPLETE')
    expect(leftoverChangeSets(emulator, 'app')).toEqual([])
  })
})
