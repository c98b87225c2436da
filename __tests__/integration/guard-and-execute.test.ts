import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { executePlanned } from '../../src/modes/execute.js'
import { preview } from '../../src/modes/preview.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext } from '../support/context.js'
import { leftoverChangeSets } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'
import { ROOT } from '../../harness/runner.js'

/** In process, with the real SDK against the emulator: the paths that could lose data or run the wrong thing. */
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-guard-'))
})
afterEach(async () => {
  await emulator.close()
})

const bucket = (name: string) =>
  `Resources:\n  Datastore:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: ${name}\n`

async function run(body: string, inputs: Record<string, string> = {}) {
  writeFileSync(join(workspace, 'stack.yml'), body)
  const { ctx, log } = await testContext(
    emulator,
    { 'stack-name': 'data', template: 'stack.yml', ...inputs },
    workspace
  )
  return { ctx, log }
}

const errorOf = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a failure')
}

describe('the data-loss guard, in process', () => {
  it('refuses before ExecuteChangeSet, deletes the change set, and leaves the stack as it was', async () => {
    const first = await run(bucket('one'))
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const second = await run(bucket('two'))
    const err = await errorOf(deploy(second.ctx, await readStackRequest(second.ctx)))
    expect(err.message).toMatch(/Refused to deploy stack data/)
    expect(err.message).toMatch(/Datastore \(AWS::S3::Bucket\) is replaced/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
    expect(leftoverChangeSets(emulator, 'data')).toEqual([])
    expect(emulator.cloudformation.findStack('data')?.deployed?.body).toContain('BucketName: one')
  })

  it('lets an allowed loss through, and a preview reports the verdict without refusing', async () => {
    const first = await run(bucket('one'))
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const previewed = await run(bucket('two'))
    const outcome = await preview(previewed.ctx, await readStackRequest(previewed.ctx), false)
    expect(outcome.dataLoss.map(v => [v.logicalId, v.allowed])).toEqual([['Datastore', false]])
    const allowed = await run(bucket('two'), { 'allow-data-loss': 'Datastore' })
    const done = await deploy(allowed.ctx, await readStackRequest(allowed.ctx))
    expect(done.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(done.dataLoss.map(v => [v.logicalId, v.allowed])).toEqual([['Datastore', true]])
  })
})

describe('execute, in process', () => {
  it('executes exactly the planned change set and no other', async () => {
    writeFileSync(join(workspace, 'basic.yml'), BASIC)
    const planned = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'basic.yml', mode: 'plan' },
      workspace
    )
    const plan = await preview(planned.ctx, await readStackRequest(planned.ctx), true)
    expect(plan.changeSetId).not.toBe('')
    const executing = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'basic.yml', mode: 'execute', 'change-set-id': plan.changeSetId },
      workspace
    )
    const outcome = await executePlanned(executing.ctx)
    expect(outcome.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(emulator.calls('CreateChangeSet')).toHaveLength(1)
    expect(emulator.calls('ExecuteChangeSet').map(c => c.params.ChangeSetName)).toEqual([plan.changeSetId])
  })

  it('refuses a plan of another stack with no ExecuteChangeSet', async () => {
    writeFileSync(join(workspace, 'basic.yml'), BASIC)
    const planned = await testContext(
      emulator,
      { 'stack-name': 'other', template: 'basic.yml', mode: 'plan' },
      workspace
    )
    const plan = await preview(planned.ctx, await readStackRequest(planned.ctx), true)
    const executing = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'basic.yml', mode: 'execute', 'change-set-id': plan.changeSetId },
      workspace
    )
    const err = await errorOf(executePlanned(executing.ctx))
    expect(err.message).toMatch(/belongs to stack other, not to stack-name app/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(0)
  })
})

describe('termination protection, in process', () => {
  it('is left alone when unset, and set when asked even with nothing to change', async () => {
    const first = await run(bucket('one'))
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const stack = emulator.cloudformation.findStack('data')
    if (stack === undefined) throw new Error('no stack')
    stack.terminationProtection = true
    const unset = await run(bucket('one'), { 'allow-data-loss': '*' })
    await deploy(unset.ctx, await readStackRequest(unset.ctx))
    expect(stack.terminationProtection).toBe(true)
    const off = await run(bucket('one'), { 'termination-protection': 'false' })
    const outcome = await deploy(off.ctx, await readStackRequest(off.ctx))
    expect(outcome.hasChanges).toBe(false)
    expect(stack.terminationProtection).toBe(false)
  })
})

describe('the guard inside nested stacks (issues 23.6, 23.7)', () => {
  /** A root stack (JSON, its nested type written with an escape) whose nested stack holds a bucket. */
  function nestedTemplate(bucketName: string): string {
    const { url } = emulator.putTemplate(
      'nested-templates',
      `inner-${bucketName}.yml`,
      `Resources:\n  Store:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: ${bucketName}\n`
    )
    return `{"Resources": {"Network": {"Type": "AWS::CloudFormation::St\\u0061ck", "Properties": {"TemplateURL": "${url}"}}, "Store": {"Type": "AWS::SQS::Queue"}}}`
  }

  async function deployed(): Promise<void> {
    const first = await run(nestedTemplate('one'))
    await deploy(first.ctx, await readStackRequest(first.ctx))
  }

  it('detects the escaped nested type, judges the nested database by its path, and a bare id allows the root only', async () => {
    await deployed()
    expect(emulator.calls('CreateChangeSet')[0]?.params.IncludeNestedStacks).toBe('true')
    const bare = await run(nestedTemplate('two'), { 'allow-data-loss': 'Store' })
    const err = await errorOf(deploy(bare.ctx, await readStackRequest(bare.ctx)))
    expect(err.message).toMatch(/Network\/Store \(AWS::S3::Bucket\) is replaced/)
    expect(err.message).toContain('`allow-data-loss: Network/Store`')
    expect(leftoverChangeSets(emulator, 'data')).toEqual([])
    const scoped = await run(nestedTemplate('two'), { 'allow-data-loss': 'Network/Store' })
    const done = await deploy(scoped.ctx, await readStackRequest(scoped.ctx))
    expect(done.dataLoss.map(v => [[...v.path, v.logicalId].join('/'), v.allowed])).toEqual([
      ['Network/Store', true]
    ])
  })

  it('include-nested-stacks: false sends no IncludeNestedStacks, and the nested stack’s unknown change is refused unless allowed', async () => {
    await deployed()
    const off = await run(nestedTemplate('two'), { 'include-nested-stacks': 'false' })
    const err = await errorOf(deploy(off.ctx, await readStackRequest(off.ctx)))
    expect(emulator.calls('CreateChangeSet').at(-1)?.params).not.toHaveProperty('IncludeNestedStacks')
    expect(err.message).toMatch(
      /Network \(AWS::CloudFormation::Stack\) may lose data \(what changes inside this nested stack is unknown/
    )
    const allowed = await run(nestedTemplate('two'), {
      'include-nested-stacks': 'false',
      'allow-data-loss': 'Network'
    })
    expect((await deploy(allowed.ctx, await readStackRequest(allowed.ctx))).stack?.StackStatus).toBe(
      'UPDATE_COMPLETE'
    )
  })

  it('execute guards the nested stacks too, and deletes the refused plan so nothing runs it later', async () => {
    await deployed()
    const planned = await run(nestedTemplate('two'), { mode: 'plan' })
    const plan = await preview(planned.ctx, await readStackRequest(planned.ctx), true)
    const executing = await run(nestedTemplate('two'), { mode: 'execute', 'change-set-id': plan.changeSetId })
    const err = await errorOf(executePlanned(executing.ctx))
    expect(err.message).toMatch(/Network\/Store \(AWS::S3::Bucket\) is replaced/)
    expect(
      emulator.calls('ExecuteChangeSet').filter(c => c.params.ChangeSetName === plan.changeSetId)
    ).toEqual([])
    expect(emulator.calls('DeleteChangeSet').map(c => c.params.ChangeSetName)).toContain(plan.changeSetId)
    expect(emulator.cloudformation.findStack('data')?.status).toBe('CREATE_COMPLETE')
  })
})

describe("AWS's removal defaults in the emulator and the guard's words (issue 23.8)", () => {
  it('a database outside a cluster is snapshotted on removal by default, and the refusal says so', async () => {
    const first = await run(
      'Resources:\n  Database:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n  Queue:\n    Type: AWS::SQS::Queue\n'
    )
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const removing = await run('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n')
    const err = await errorOf(deploy(removing.ctx, await readStackRequest(removing.ctx)))
    expect(err.message).toContain(
      'Database (AWS::RDS::DBInstance) is removed: a final snapshot is taken, then it is deleted (Snapshot).'
    )
  })
})

describe('deny by default on the bundled template (issue 23.4)', () => {
  it('EnableSagemaker=false would delete the notebook and its volume: refused until allow-data-loss names it', async () => {
    const inputs = {
      'stack-name': 'metaflow-dev',
      'parameters-file': 'templates/params/dev.yml',
      environment: 'dev'
    }
    // dev.yml runs no notebook: this stack starts with one.
    const first = await testContext(emulator, { ...inputs, parameters: 'EnableSagemaker=true' }, ROOT)
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const off = await testContext(emulator, { ...inputs, parameters: 'EnableSagemaker=false' }, ROOT)
    const err = await errorOf(deploy(off.ctx, await readStackRequest(off.ctx)))
    expect(err.message).toMatch(
      /\(AWS::SageMaker::NotebookInstance\) is removed: it is deleted with its data \(Delete\)/
    )
    expect(emulator.cloudformation.findStack('metaflow-dev')?.status).toBe('CREATE_COMPLETE')
  }, 60_000)
})

describe('destroying data in place, through the emulator (issue 23.5)', () => {
  const resource = (type: string, properties: string): string =>
    `Resources:\n  Store:\n    Type: ${type}\n    Properties:\n${properties}`
  const SIX: [string, string, string, string, RegExp][] = [
    [
      'log retention 3653 -> 1 day',
      'AWS::Logs::LogGroup',
      '      RetentionInDays: 3653\n',
      '      RetentionInDays: 1\n',
      /retention is lowered from 3653 days to 1 days/
    ],
    [
      'an S3 lifecycle rule expiring objects after a day',
      'AWS::S3::Bucket',
      '      BucketName: kept\n',
      '      BucketName: kept\n      LifecycleConfiguration:\n        Rules:\n          - Status: Enabled\n            ExpirationInDays: 1\n',
      /expires objects after 1 days/
    ],
    [
      'RDS BackupRetentionPeriod 0',
      'AWS::RDS::DBInstance',
      '      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      BackupRetentionPeriod: 7\n',
      '      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      BackupRetentionPeriod: 0\n',
      /automated backups are turned off/
    ],
    [
      'DynamoDB TTL switched on',
      'AWS::DynamoDB::Table',
      '      BillingMode: PAY_PER_REQUEST\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n',
      '      BillingMode: PAY_PER_REQUEST\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      TimeToLiveSpecification: {AttributeName: expires, Enabled: true}\n',
      /time to live is switched on/
    ],
    [
      'SQS retention 60 s',
      'AWS::SQS::Queue',
      '      DelaySeconds: 0\n',
      '      DelaySeconds: 0\n      MessageRetentionPeriod: 60\n',
      /lowered from 345600 s to 60 s/
    ],
    [
      'a KMS key disabled',
      'AWS::KMS::Key',
      '      Enabled: true\n',
      '      Enabled: false\n',
      /the key is disabled/
    ]
  ]

  it.each(SIX)('%s: refused at deploy, and marked in a preview', async (_, type, before, after, why) => {
    const first = await run(resource(type, before))
    await deploy(first.ctx, await readStackRequest(first.ctx))
    const previewed = await run(resource(type, after))
    const outcome = await preview(previewed.ctx, await readStackRequest(previewed.ctx), false)
    expect(outcome.dataLoss.map(v => [v.logicalId, v.change, v.allowed])).toEqual([
      ['Store', 'modify', false]
    ])
    const again = await run(resource(type, after))
    const err = await errorOf(deploy(again.ctx, await readStackRequest(again.ctx)))
    expect(err.message).toMatch(why)
    const allowed = await run(resource(type, after), { 'allow-data-loss': 'Store' })
    expect((await deploy(allowed.ctx, await readStackRequest(allowed.ctx))).stack?.StackStatus).toBe(
      'UPDATE_COMPLETE'
    )
  })
})
