import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { countOutcome } from '../../src/run/outcome.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { DeployError, InputError } from '../../src/run/errors.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { eventually } from '../support/aws.js'
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
  const result = await deploy(test.ctx, await readStackRequest(test.ctx))
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

/** Waits until the emulator has received more than `count` calls of `operation`. */
const moreCalls = (operation: string, count: number) =>
  eventually(() => Promise.resolve(emulator.calls(operation).length > count ? true : undefined))

describe('deploy, by stack state', () => {
  it('absent: creates through a CREATE change set', async () => {
    const { result } = await deployWith()
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(emulator.calls('CreateChangeSet')[0]?.params.ChangeSetType).toBe('CREATE')
    expect(mutating()).toEqual(['CreateChangeSet', 'ExecuteChangeSet'])
  })

  it('stable: updates through an UPDATE change set, keeping previous values of parameters not given', async () => {
    await deployWith({ parameters: 'Env=staging' })
    const { result, log } = await deployWith({ parameters: 'Auth=false' })
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(countOutcome(result)).toMatchObject({ add: 0, modify: 0, replace: 0, remove: 1, import: 0 })
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
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(mutating()).toEqual([
      'CreateChangeSet',
      'ExecuteChangeSet',
      'DeleteStack',
      'CreateChangeSet',
      'ExecuteChangeSet'
    ])
    expect(log.text()).toMatch(/\[Deleting stack app \(ROLLBACK_COMPLETE.*\) to create it again\]/)
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

  it('REVIEW_IN_PROGRESS with no change set pending (never deployed): creates on it', async () => {
    emulator.cloudformation.setStackStatus('app', 'REVIEW_IN_PROGRESS')
    const { result } = await deployWith()
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(mutating()).toEqual(['CreateChangeSet', 'ExecuteChangeSet'])
  })

  it('in progress: says who is in the way, waits for it to settle, then continues from the new state', async () => {
    await deployWith()
    // Held in progress until the action has read the stack twice, so it is seen waiting however loaded the
    // machine is.
    const busy = emulator.cloudformation.hold('stackStatus')
    emulator.cloudformation.setStackStatus('app', 'UPDATE_IN_PROGRESS', {
      afterMs: 0,
      status: 'UPDATE_COMPLETE'
    })
    const stackReads = emulator.calls('DescribeStacks').length
    const deploying = deployWith({ parameters: 'Env=prod' })
    await moreCalls('DescribeStacks', stackReads + 1)
    expect(emulator.calls('CreateChangeSet')).toHaveLength(1)
    busy.release()
    const { result, log } = await deploying
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(log.text()).toMatch(
      /Stack app is UPDATE_IN_PROGRESS \(Set by the test\); waiting for it to finish before planning\./
    )
    const describesBeforePlan = emulator.requests
      .slice(emulator.requests.findIndex(r => r.operation === 'ExecuteChangeSet') + 1)
      .filter(r => r.operation === 'DescribeStacks')
    expect(describesBeforePlan.length).toBeGreaterThan(1)
  })

  it.each([
    [
      'UPDATE_ROLLBACK_FAILED',
      /continue-update-rollback --stack-name app`; for resources .* `--resources-to-skip/
    ],
    ['DELETE_FAILED', /delete-stack --stack-name app --deletion-mode FORCE_DELETE_STACK/],
    ['ROLLBACK_FAILED', /--retain-resources/],
    ['IMPORT_ROLLBACK_FAILED', /delete-stack --stack-name app --retain-resources/]
  ])('%s: fails with the exact recovery step and touches nothing', async (status, recovery) => {
    emulator.cloudformation.setStackStatus('app', status)
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(new RegExp(`^Stack app is ${status}, which needs a person\\.`))
    expect(error.message).toMatch(recovery)
    expect(error.message).not.toMatch(/rollback-stack/)
    if (status === 'IMPORT_ROLLBACK_FAILED')
      expect(error.message).not.toMatch(/`aws cloudformation continue-update-rollback/)
    expect(mutating()).toEqual([])
  })

  it('UPDATE_FAILED after disable-rollback: the next deploy fixes forward with an UPDATE, keeping what was preserved', async () => {
    await deployWith()
    emulator.failResource({ logicalId: 'Table', reason: 'bad key schema', during: 'update' })
    const failed = await failureOf(deployWith({ 'disable-rollback': 'true', parameters: 'Env=prod' }))
    expect(failed.message).toMatch(/UPDATE_FAILED/)
    expect(emulator.cloudformation.findStack('app')?.status).toBe('UPDATE_FAILED')
    emulator.clearFailures()
    // The fix: another value (a retry with the same inputs is issue for unchanged.ts, see the report).
    const { result } = await deployWith({ parameters: 'Env=staging' })
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    const fix = emulator.calls('CreateChangeSet').at(-1)?.params
    expect(fix?.ChangeSetType).toBe('UPDATE')
    expect(mutating()).not.toContain('DeleteStack')
  })

  it('CREATE_FAILED after disable-rollback: the next deploy updates the preserved stack instead of asking for a person', async () => {
    emulator.failResource({ logicalId: 'Table', reason: 'bad key schema', during: 'create' })
    await failureOf(deployWith({ 'disable-rollback': 'true' }))
    expect(emulator.cloudformation.findStack('app')?.status).toBe('CREATE_FAILED')
    emulator.clearFailures()
    const { result } = await deployWith({ parameters: 'Env=staging' })
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(emulator.calls('CreateChangeSet').map(r => r.params.ChangeSetType)).toEqual(['CREATE', 'UPDATE'])
    expect(mutating()).not.toContain('DeleteStack')
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
    // 450 resources (under CloudFormation's 500) with long logical ids: over 51,200 bytes.
    writeFileSync(join(workspace, 'stack.yml'), manyResources(450, `Bucket${'X'.repeat(100)}`))
    emulator.s3.createBucket('cfn-templates')
    const { result } = await deployWith({ 'template-bucket': 'cfn-templates' })
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
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
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
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
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
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

describe('deploy, failed updates and clean-up phases (issue 11, part 3)', () => {
  it('a failed update ends UPDATE_ROLLBACK_COMPLETE as a failure, and the next deploy UPDATES that stack', async () => {
    await deployWith()
    const created = emulator.cloudformation.findStack('app')
    emulator.failResource({ logicalId: 'Table', reason: 'Table limit exceeded', during: 'update' })
    const error = await failureOf(deployWith({ parameters: 'Env=prod' }))
    expect(error.message).toMatch(/UPDATE_ROLLBACK_COMPLETE/)
    expect(error.message).toMatch(/Table: Table limit exceeded/)
    expect(created?.status).toBe('UPDATE_ROLLBACK_COMPLETE')

    emulator.clearFailures()
    const { result } = await deployWith({ parameters: 'Env=prod' })
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    // The same stack, updated: never deleted and recreated as if its first create had failed.
    expect(result.stack?.StackId).toBe(created?.stackId)
    expect(emulator.calls('CreateChangeSet').map(r => r.params.ChangeSetType)).toEqual([
      'CREATE',
      'UPDATE',
      'UPDATE'
    ])
    expect(mutating()).not.toContain('DeleteStack')
  })

  it('waits through a slow UPDATE_COMPLETE_CLEANUP_IN_PROGRESS instead of reporting it as the final status', async () => {
    await deployWith()
    // The clean-up phase lasts until released: released only once the action has read the stack's events while
    // it sat in UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, so the action sees the phase however loaded the machine is.
    const cleanup = emulator.cloudformation.hold('cleanup')
    const deploying = deployWith({ parameters: 'Auth=false' })
    await cleanup.reached
    expect(emulator.cloudformation.findStack('app')?.status).toBe('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    const eventReads = emulator.calls('DescribeStackEvents').length
    await moreCalls('DescribeStackEvents', eventReads)
    cleanup.release()
    const { result } = await deploying
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    // The action read the stack only after the clean-up ended.
    const cleanupEnded = emulator.cloudformation
      .findStack('app')
      ?.statusHistory.find(h => h.status === 'UPDATE_COMPLETE')?.at
    const lastDescribe = emulator.calls('DescribeStacks').at(-1)?.time ?? 0
    expect(lastDescribe).toBeGreaterThanOrEqual(cleanupEnded ?? Infinity)
  })

  it('a stack sitting in a clean-up phase is waited for before planning, not treated as settled', async () => {
    await deployWith()
    // Held in the clean-up phase until the action has read the stack in it, so the action sees the phase however
    // loaded the machine is; until then it must not plan (no change set).
    const cleanup = emulator.cloudformation.hold('stackStatus')
    const history = emulator.cloudformation.findStack('app')?.statusHistory ?? []
    const heldAt = history.length
    emulator.cloudformation.setStackStatus('app', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', {
      afterMs: 0,
      status: 'UPDATE_COMPLETE'
    })
    const changeSets = emulator.calls('CreateChangeSet').length
    const stackReads = emulator.calls('DescribeStacks').length
    const deploying = deployWith({ parameters: 'Env=prod' })
    await moreCalls('DescribeStacks', stackReads)
    cleanup.release()
    const { result, log } = await deploying
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(log.text()).toMatch(/Stack app is UPDATE_COMPLETE_CLEANUP_IN_PROGRESS.*waiting for it to finish/)
    // Planned only after the clean-up ended: its change set was asked for after the release.
    expect(history.slice(heldAt, heldAt + 2).map(h => h.status)).toEqual([
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_COMPLETE'
    ])
    expect(emulator.calls('CreateChangeSet')[changeSets]?.time).toBeGreaterThanOrEqual(
      history[heldAt + 1]?.at ?? Infinity
    )
  })

  it('a resource that fails to delete during a successful update is reported as orphaned, not as a failure', async () => {
    await deployWith()
    emulator.failResource({ logicalId: 'ApiKey', reason: 'Key is in use', during: 'delete' })
    const { result } = await deployWith({ parameters: 'Auth=false' })
    expect(result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(result.orphaned.map(e => [e.LogicalResourceId, e.ResourceStatus, e.ResourceStatusReason])).toEqual(
      [['ApiKey', 'DELETE_FAILED', 'Key is in use']]
    )
  })
})

describe('deploy, what CreateChangeSet carries (issue 11.2, 11.11)', () => {
  it('never sends an unset notification-arns or tags as an empty list; keeps the stack tags and adds the environment tag', async () => {
    await deployWith({
      tags: 'team=ml-platform',
      'notification-arns': 'arn:aws:sns:us-east-1:123456789012:stack-events'
    })
    // Another run, another environment label source: the stack's tags are kept (the environment tag is already there).
    await deployWith({ parameters: 'Env=prod' })
    const second = emulator.calls('CreateChangeSet')[1]?.params ?? {}
    expect(second).not.toHaveProperty('NotificationARNs')
    expect(second).not.toHaveProperty('Tags')
    expect(emulator.cloudformation.findStack('app')?.notificationArns).toEqual([
      'arn:aws:sns:us-east-1:123456789012:stack-events'
    ])
  })

  it('unset tags on a stack without the environment tag: sends the existing tags plus the environment tag', async () => {
    await deployWith({ environment: '', tags: 'team=ml-platform\ncost-center=42' })
    await deployWith({ parameters: 'Env=prod' })
    expect(emulator.calls('CreateChangeSet')[1]?.params.Tags).toEqual([
      { Key: 'team', Value: 'ml-platform' },
      { Key: 'cost-center', Value: '42' },
      { Key: 'metaflow-deploy:environment', Value: 'dev' }
    ])
  })

  it('a first create with tags unset sends only the environment tag, and no Tags at all without an environment', async () => {
    await deployWith()
    expect(emulator.calls('CreateChangeSet')[0]?.params.Tags).toEqual([
      { Key: 'metaflow-deploy:environment', Value: 'dev' }
    ])
    await deployWith({ 'stack-name': 'other', environment: '' })
    expect(emulator.calls('CreateChangeSet')[1]?.params).not.toHaveProperty('Tags')
  })

  it('50 existing tags plus the environment tag: an InputError naming tags, before any call that changes anything', async () => {
    await deployWith({ environment: '' })
    const stack = emulator.cloudformation.findStack('app')
    if (stack === undefined) throw new Error('no stack')
    stack.tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }))
    const before = mutating().length
    const error = await failureOf(deployWith({ parameters: 'Env=prod' }))
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(
      /^Input 'tags': the 50 tags stack app already has plus the environment tag .* make 51; CloudFormation allows at most 50/
    )
    expect(mutating().length).toBe(before)
  })

  it('retries of one CreateChangeSet carry one ClientToken; each plan has its own', async () => {
    emulator.faults.set({ throttleNext: { CreateChangeSet: 2 } })
    await deployWith()
    await deployWith({ parameters: 'Env=prod' })
    const tokens = emulator.calls('CreateChangeSet').map(r => r.params.ClientToken)
    expect(tokens).toHaveLength(4)
    expect(tokens[0]).toMatch(/^metaflow-deploy-dev-42-1-[a-z0-9]{6}$/)
    expect(new Set(tokens.slice(0, 3)).size).toBe(1)
    expect(tokens[3]).not.toBe(tokens[0])
  })

  it('a retry after a lost response adopts the change set its first attempt created', async () => {
    // What CloudFormation sees when the response to the first attempt is lost: the same request, same token.
    const test = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
    const { createChangeSet } = await import('../../src/stack/change-set.js')
    const input = {
      StackName: 'app',
      ChangeSetName: 'metaflow-deploy-42-1-abcdef',
      ChangeSetType: 'CREATE' as const,
      TemplateBody: BASIC,
      Capabilities: ['CAPABILITY_IAM' as const]
    }
    const first = await createChangeSet(test.ctx.clients.cloudformation, input)
    const retry = await createChangeSet(test.ctx.clients.cloudformation, input)
    expect(retry).toEqual(first)
    expect(emulator.calls('CreateChangeSet').map(r => r.errorCode ?? 'ok')).toEqual(['ok', 'ok'])
  })

  it('ExecuteChangeSet carries RetainExceptOnCreate on a CREATE only', async () => {
    await deployWith()
    await deployWith({ parameters: 'Env=prod' })
    const executions = emulator.calls('ExecuteChangeSet').map(r => r.params.RetainExceptOnCreate)
    expect(executions).toEqual(['true', undefined])
  })
})

describe('deploy, failed first creates that leave resources behind (issue 11.8)', () => {
  it('names DELETE_SKIPPED leftovers of a ROLLBACK_COMPLETE stack as warnings before recreating it', async () => {
    writeFileSync(
      join(workspace, 'stack.yml'),
      'Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n  Table:\n    Type: AWS::DynamoDB::Table\n    DependsOn: Logs\n'
    )
    // A first create made without RetainExceptOnCreate (another tool, or an older version of this action).
    const test = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
    const cfn = test.ctx.clients.cloudformation
    const { CreateChangeSetCommand, ExecuteChangeSetCommand } = await import('@aws-sdk/client-cloudformation')
    emulator.failResource({ logicalId: 'Table', reason: 'boom', during: 'create' })
    const created = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'by-hand',
        ChangeSetType: 'CREATE',
        TemplateBody: readFileSync(join(workspace, 'stack.yml'), 'utf8')
      })
    )
    await eventually(() =>
      Promise.resolve(
        emulator.cloudformation.changeSets.get(created.Id ?? '')?.status === 'CREATE_COMPLETE'
          ? true
          : undefined
      )
    )
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }))
    await eventually(() =>
      Promise.resolve(
        emulator.cloudformation.findStack('app')?.status === 'ROLLBACK_COMPLETE' ? true : undefined
      )
    )
    emulator.clearFailures()

    const { result, log } = await deployWith()
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(log.warnings).toEqual([
      expect.stringMatching(
        /^Logs \(AWS::S3::Bucket, physical id \S+\) was kept by the failed first create of stack app \(DeletionPolicy: Retain\)/
      )
    ])
    // Named before the stack was deleted.
    const warned = log.lines.findIndex(l => l.startsWith('warning: Logs'))
    const deleted = log.lines.findIndex(l => /DELETE_COMPLETE +AWS::CloudFormation::Stack +app/.test(l))
    expect(warned).toBeGreaterThan(-1)
    expect(warned).toBeLessThan(deleted)
  })
})

describe('deploy, two first deploys at once (issue 12.3)', () => {
  it('the second waits for the first one’s pending change set, then updates: neither deletes the other’s stack', async () => {
    emulator.cloudformation.timing.changeSetMs = 150
    emulator.cloudformation.timing.resourceMs = 20
    const first = deployWith()
    await eventually(() =>
      Promise.resolve(
        emulator.cloudformation.findStack('app')?.status === 'REVIEW_IN_PROGRESS' ? true : undefined
      )
    )
    const second = deployWith({ parameters: 'Env=prod' })
    const [a, b] = await Promise.all([first, second])
    expect(a.result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(b.result.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(mutating()).not.toContain('DeleteStack')
    expect(emulator.calls('CreateChangeSet').map(r => r.params.ChangeSetType)).toEqual(['CREATE', 'UPDATE'])
    expect(b.log.text()).toMatch(
      /Stack app is REVIEW_IN_PROGRESS \(change set metaflow-deploy-dev-42-1-\w+ \(CREATE_(PENDING|IN_PROGRESS|COMPLETE)\) of another run's first deploy or preview is pending\)/
    )
  })
})

describe('deploy, change sets that fail (issue 11.6, 11.13)', () => {
  it('early validation: the reason lists each failure DescribeEvents gives (resource, property path, why)', async () => {
    writeFileSync(
      join(workspace, 'stack.yml'),
      'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: taken-name\n'
    )
    emulator.resourceExists({ type: 'AWS::S3::Bucket', identifier: 'taken-name' })
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(/DescribeEvents/)
    expect(error.message).toContain(
      "Data (AWS::S3::Bucket) at /Resources/Data/Properties/BucketName [NAME_CONFLICT_VALIDATION]: Resource of type 'AWS::S3::Bucket' with identifier 'taken-name' already exists."
    )
    const asked = emulator.calls('DescribeEvents')[0]?.params
    expect(asked?.ChangeSetName).toMatch(/^arn:aws:cloudformation:.*:changeSet\/metaflow-deploy-dev-42-1-/)
    expect(asked?.Filters).toEqual({ FailedEvents: 'true' })
  })

  it('a change set deleted while the run waits for it ends the wait with an error that says so', async () => {
    emulator.cloudformation.timing.changeSetMs = 10_000
    emulator.cloudformation.timing.changeSetDeleteMs = 10_000
    const test = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
    const cfn = test.ctx.clients.cloudformation
    const { CreateChangeSetCommand, DeleteChangeSetCommand } = await import('@aws-sdk/client-cloudformation')
    const { ChangeSetDeleted, waitForChangeSet } = await import('../../src/stack/change-set.js')
    const created = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'going',
        ChangeSetType: 'CREATE',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: created.Id }))
    const error = await failureOf(
      waitForChangeSet(cfn, created.Id ?? '', test.ctx.clock, test.ctx.deadline, test.ctx.signal)
    )
    expect(error).toBeInstanceOf(ChangeSetDeleted)
    expect(error.message).toMatch(/is being deleted \(DELETE_(PENDING|IN_PROGRESS)\)/)
  })
})

describe('deploy, behaviours that wait for emulator controls', () => {
  // TODO(emulator): needs `emulator.faults.set({ dropResponseNext: { CreateChangeSet: 1 } })`, a fault that handles
  // the request and then drops the connection before the answer, so the SDK retries a request CloudFormation
  // already carried out. Until then, 'a retry after a lost response adopts…' above replays the retry by hand.
  it.skip('a CreateChangeSet whose response is lost is retried with the same ClientToken and adopted', async () => {
    emulator.faults.set({ dropResponseNext: { CreateChangeSet: 1 } })
    const { result } = await deployWith()
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    const calls = emulator.calls('CreateChangeSet')
    expect(calls).toHaveLength(2)
    expect(calls[1]?.params.ClientToken).toBe(calls[0]?.params.ClientToken)
    expect(
      [...emulator.cloudformation.changeSets.values()].filter(cs => cs.stackName === 'app')
    ).toHaveLength(1)
  })

  // TODO(emulator): needs `emulator.faults.set({ denied: ['DescribeEvents'] })`, answering AccessDenied ("User: ...
  // is not authorized to perform: cloudformation:DescribeEvents") as for a role without the permission. The unit
  // test in __tests__/unit/stack-change-set.test.ts covers the fallback with a fake client meanwhile.
  it.skip('early validation without cloudformation:DescribeEvents: the status reason, naming the missing permission', async () => {
    writeFileSync(
      join(workspace, 'stack.yml'),
      'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: taken-name\n'
    )
    emulator.resourceExists({ type: 'AWS::S3::Bucket', identifier: 'taken-name' })
    emulator.faults.set({ denied: ['DescribeEvents'] } as never)
    const error = await failureOf(deployWith())
    expect(error.message).toMatch(/DescribeEvents API.*the role lacks cloudformation:DescribeEvents\.\)$/)
  })
})
