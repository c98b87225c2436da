import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeEventsCommand,
  DescribeStackEventsCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
  type CloudFormationClient
} from '@aws-sdk/client-cloudformation'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { EARLY_VALIDATION_REASON } from '../../emulator/cfn/early-validation.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { errorOf, eventually, sdkClients } from '../support/aws.js'
import { BUCKET_ONLY, cfnHelpers } from './cfn-helpers.js'

/**
 * CloudFormation behaviours the emulator models from AWS documentation (each names its source in the emulator's
 * code), exercised through the real AWS SDK over HTTP.
 */
let emulator: Emulator
let cfn: CloudFormationClient
let s3: S3Client
const h = cfnHelpers(() => cfn)

beforeEach(async () => {
  emulator = await startEmulator()
  ;({ cfn, s3 } = sdkClients(emulator))
})
afterEach(async () => {
  await emulator.close()
})

const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set."

const WITH_PARAMETER = `
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
Outputs:
  Env: {Value: !Ref Env}
`

async function events(stackName: string) {
  return (await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }))).StackEvents ?? []
}

describe('NotificationARNs and Tags', () => {
  const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts'

  it('keeps them when the request leaves them out, and clears them when it sends an empty list', async () => {
    await h.deploy({
      StackName: 'app',
      ChangeSetType: 'CREATE',
      TemplateBody: WITH_PARAMETER,
      Tags: [{ Key: 'team', Value: 'data' }],
      NotificationARNs: [TOPIC]
    })
    await h.deploy({
      StackName: 'app',
      TemplateBody: WITH_PARAMETER,
      Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }]
    })
    // The SDK leaves absent lists out of the request entirely.
    expect(emulator.lastCall('CreateChangeSet')).not.toHaveProperty('Tags')
    expect(emulator.lastCall('CreateChangeSet')).not.toHaveProperty('NotificationARNs')
    let stack = await h.stack('app')
    expect(stack?.Tags).toEqual([{ Key: 'team', Value: 'data' }])
    expect(stack?.NotificationARNs).toEqual([TOPIC])

    // Nothing but the two empty lists: still a change, and an executable change set with no resource changes.
    const cs = await h.changeSet({
      StackName: 'app',
      TemplateBody: WITH_PARAMETER,
      Parameters: [{ ParameterKey: 'Env', UsePreviousValue: true }],
      Tags: [],
      NotificationARNs: []
    })
    // The SDK sends `Tags=` and `NotificationARNs=`; the request log shows them as empty lists.
    expect(emulator.lastCall('CreateChangeSet')).toMatchObject({ Tags: [], NotificationARNs: [] })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    expect(cs.Changes).toEqual([])
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
    stack = await h.stack('app')
    expect(stack?.Tags ?? []).toEqual([])
    expect(stack?.NotificationARNs ?? []).toEqual([])
  })

  it('refuses more than 50 tags', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    const error = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'app',
          ChangeSetName: 'a',
          ChangeSetType: 'CREATE',
          TemplateBody: BUCKET_ONLY,
          Tags: tags
        })
      )
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toMatch(
      /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50/
    )
    const fifty = await h.changeSet({
      StackName: 'app',
      ChangeSetType: 'CREATE',
      TemplateBody: BUCKET_ONLY,
      Tags: tags.slice(0, 50)
    })
    expect(fifty.Status).toBe('CREATE_COMPLETE')
  })
})

describe('termination protection', () => {
  it('is stack state that DescribeStacks shows and DeleteStack obeys', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: BUCKET_ONLY })
    expect((await h.stack('app'))?.EnableTerminationProtection).toBe(false)
    await cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: 'app', EnableTerminationProtection: true })
    )
    expect((await h.stack('app'))?.EnableTerminationProtection).toBe(true)
    // An update leaves it as it is.
    await h.deploy({ StackName: 'app', TemplateBody: BUCKET_ONLY + '  Extra: {Value: x}\n' })
    expect((await h.stack('app'))?.EnableTerminationProtection).toBe(true)
    const refused = await errorOf(cfn.send(new DeleteStackCommand({ StackName: 'app' })))
    expect(refused.message).toBe('Stack [app] cannot be deleted while TerminationProtection is enabled')
    expect((await h.stack('app'))?.StackStatus).toBe('UPDATE_COMPLETE')
    await cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: 'app', EnableTerminationProtection: false })
    )
    expect((await h.stack('app'))?.EnableTerminationProtection).toBe(false)
    await cfn.send(new DeleteStackCommand({ StackName: 'app' }))
    await eventually(() =>
      Promise.resolve(emulator.cloudformation.findStack('app') === undefined ? true : undefined)
    )
  })
})

describe('fix forward', () => {
  const TWO = `
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  Table:
    Type: AWS::DynamoDB::Table
    DependsOn: Bucket
    Properties: {BillingMode: PAY_PER_REQUEST}
`

  it('updates a CREATE_FAILED stack, keeping what succeeded and creating what failed', async () => {
    emulator.failResource({ logicalId: 'Table', reason: 'Table limit exceeded', during: 'create' })
    expect(
      await h.deploy(
        { StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: TWO },
        { DisableRollback: true }
      )
    ).toBe('CREATE_FAILED')
    const bucket = emulator.cloudformation.findStack('app')?.resources.get('Bucket')?.physicalId
    expect(bucket).toBeTruthy()
    emulator.clearFailures()
    const cs = await h.changeSet({ StackName: 'app', TemplateBody: TWO })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    expect(cs.Changes?.map(c => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual([
      ['Add', 'Table']
    ])
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
    const stack = emulator.cloudformation.findStack('app')
    expect(stack?.resources.get('Bucket')?.physicalId).toBe(bucket)
    expect(stack?.resources.get('Table')?.status).toBe('CREATE_COMPLETE')
  })

  it('updates an UPDATE_FAILED stack', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: TWO })
    emulator.failResource({ logicalId: 'Table', reason: 'Throughput exceeded', during: 'update' })
    const changed = TWO.replace('PAY_PER_REQUEST', 'PROVISIONED')
    expect(await h.deploy({ StackName: 'app', TemplateBody: changed }, { DisableRollback: true })).toBe(
      'UPDATE_FAILED'
    )
    emulator.clearFailures()
    const cs = await h.changeSet({ StackName: 'app', TemplateBody: changed })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
  })
})

describe('early validation', () => {
  const NAMED = `
Resources:
  Logs: {Type: AWS::S3::Bucket, Properties: {BucketName: taken-bucket}}
  Other: {Type: AWS::S3::Bucket}
`

  it('fails a change set that would create an existing resource, and DescribeEvents gives the details', async () => {
    emulator.resourceExists({ type: 'AWS::S3::Bucket', identifier: 'taken-bucket' })
    const cs = await h.changeSet({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: NAMED })
    expect(cs.Status).toBe('FAILED')
    expect(cs.StatusReason).toBe(EARLY_VALIDATION_REASON)
    expect(cs.StatusReason).toMatch(/use the DescribeEvents API/)
    expect(cs.ExecutionStatus).toBe('UNAVAILABLE')

    const byChangeSet = await cfn.send(
      new DescribeEventsCommand({ ChangeSetName: cs.ChangeSetId, Filters: { FailedEvents: true } })
    )
    expect(byChangeSet.OperationEvents).toHaveLength(1)
    const event = byChangeSet.OperationEvents?.[0]
    expect(event).toMatchObject({
      StackId: cs.StackId,
      OperationType: 'CREATE_CHANGESET',
      OperationStatus: 'FAILED',
      EventType: 'VALIDATION_ERROR',
      LogicalResourceId: 'Logs',
      ResourceType: 'AWS::S3::Bucket',
      ValidationName: 'NAME_CONFLICT_VALIDATION',
      ValidationStatus: 'FAILED',
      ValidationStatusReason:
        "Resource of type 'AWS::S3::Bucket' with identifier 'taken-bucket' already exists."
    })
    const byOperation = await cfn.send(new DescribeEventsCommand({ OperationId: event?.OperationId }))
    expect(byOperation.OperationEvents?.map(e => e.EventId)).toEqual([event?.EventId])
    const byName = await cfn.send(
      new DescribeEventsCommand({
        StackName: 'app',
        ChangeSetName: cs.ChangeSetName ?? '',
        Filters: { FailedEvents: true }
      })
    )
    expect(byName.OperationEvents?.[0]?.ValidationName).toBe('NAME_CONFLICT_VALIDATION')
    const none = await errorOf(cfn.send(new DescribeEventsCommand({})))
    expect(none.message).toBe('One of ChangeSetName, OperationId or StackName must be specified')
  })

  it('passes a template that names no existing resource', async () => {
    emulator.resourceExists({ type: 'AWS::S3::Bucket', identifier: 'someone-elses' })
    const cs = await h.changeSet({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: NAMED })
    expect(cs.Status).toBe('CREATE_COMPLETE')
    const found = await cfn.send(
      new DescribeEventsCommand({ ChangeSetName: cs.ChangeSetId, Filters: { FailedEvents: true } })
    )
    expect(found.OperationEvents ?? []).toEqual([])
  })
})

describe('CreateChangeSet ClientToken and name clashes', () => {
  const create = (token: string | undefined, body = BUCKET_ONLY) =>
    cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'deploy',
        ChangeSetType: 'CREATE',
        TemplateBody: body,
        ...(token === undefined ? {} : { ClientToken: token })
      })
    )

  it('returns the same change set to a retry with the same token', async () => {
    const first = await create('token-1')
    const retry = await create('token-1')
    expect(retry.Id).toBe(first.Id)
    expect([...emulator.cloudformation.changeSets.values()].filter(cs => cs.name === 'deploy')).toHaveLength(
      1
    )
  })

  it('answers a clash with AWS’s AlreadyExistsException wording', async () => {
    await create('token-1')
    const otherToken = await errorOf(create('token-2'))
    expect(otherToken.name).toBe('AlreadyExistsException')
    expect(otherToken.message).toBe(
      'ChangeSet deploy cannot be created due to a mismatch with existing attribute ClientToken'
    )
    expect((await errorOf(create(undefined))).message).toMatch(
      /mismatch with existing attribute ClientToken$/
    )
  })

  it('names the attribute that differs when neither request has a token', async () => {
    await create(undefined)
    const template = await errorOf(create(undefined, BUCKET_ONLY + '  More: {Value: x}\n'))
    expect(template.message).toBe(
      'ChangeSet deploy cannot be created due to a mismatch with existing attribute Template'
    )
    const same = await errorOf(create(undefined))
    expect(same.message).toBe('ChangeSet [deploy] already exists')
  })
})

describe('capabilities', () => {
  it('does not demand CAPABILITY_AUTO_EXPAND for a template with a Transform', async () => {
    const cs = await h.changeSet({
      StackName: 'app',
      ChangeSetType: 'CREATE',
      Capabilities: [],
      TemplateBody: `Transform: AWS::Serverless-2016-10-31\n${BUCKET_ONLY}`
    })
    expect(cs.Status).toBe('CREATE_COMPLETE')
  })
})

describe('template URLs', () => {
  it('reads every S3 https form, regional hosts included, from the emulator’s S3', async () => {
    emulator.s3.putObject('tpl', 'dir/t.yml', BUCKET_ONLY)
    emulator.s3.putObject('my.dotted.bucket', 't.yml', BUCKET_ONLY)
    for (const url of [
      'https://tpl.s3.amazonaws.com/dir/t.yml',
      'https://tpl.s3.us-west-2.amazonaws.com/dir/t.yml',
      'https://tpl.s3-us-west-2.amazonaws.com/dir/t.yml',
      'https://tpl.s3.dualstack.eu-central-1.amazonaws.com/dir/t.yml',
      'https://s3.amazonaws.com/tpl/dir/t.yml',
      'https://s3.us-west-2.amazonaws.com/tpl/dir/t.yml',
      'https://s3-us-west-2.amazonaws.com/tpl/dir/t.yml',
      'https://s3.cn-north-1.amazonaws.com.cn/tpl/dir/t.yml',
      'https://s3.us-east-1.amazonaws.com/my.dotted.bucket/t.yml'
    ]) {
      const validated = await cfn.send(new ValidateTemplateCommand({ TemplateURL: url }))
      expect(validated.Parameters).toEqual([])
    }
  })

  it('reads the version a versionId names', async () => {
    emulator.s3.createBucket('tpl')
    const first = await s3.send(new PutObjectCommand({ Bucket: 'tpl', Key: 't.yml', Body: BUCKET_ONLY }))
    expect(first.VersionId).toBeTruthy()
    const second = await s3.send(
      new PutObjectCommand({ Bucket: 'tpl', Key: 't.yml', Body: BUCKET_ONLY + '  Second: {Value: two}\n' })
    )
    expect(second.VersionId).not.toBe(first.VersionId)
    const url = 'https://tpl.s3.us-west-2.amazonaws.com/t.yml'
    const old = await h.changeSet({
      StackName: 'app',
      ChangeSetType: 'CREATE',
      TemplateURL: `${url}?versionId=${first.VersionId}`
    })
    const body = (await cfn.send(new GetTemplateCommand({ ChangeSetName: old.ChangeSetId }))).TemplateBody
    expect(body).toBe(BUCKET_ONLY)
    const latest = await h.changeSet({ StackName: 'app2', ChangeSetType: 'CREATE', TemplateURL: url })
    expect(
      (await cfn.send(new GetTemplateCommand({ ChangeSetName: latest.ChangeSetId }))).TemplateBody
    ).toContain('Second')
  })

  it('refuses s3://, http:// and other hosts with AWS’s wording, and names a missing object', async () => {
    emulator.s3.putObject('tpl', 't.yml', BUCKET_ONLY)
    for (const url of [
      's3://tpl/t.yml',
      'http://tpl.s3.amazonaws.com/t.yml',
      'https://example.com/tpl/t.yml'
    ]) {
      const error = await errorOf(cfn.send(new ValidateTemplateCommand({ TemplateURL: url })))
      expect([url, error.name, error.message]).toEqual([
        url,
        'ValidationError',
        'TemplateURL must be a supported URL.'
      ])
    }
    const missing = await errorOf(
      cfn.send(new ValidateTemplateCommand({ TemplateURL: 'https://tpl.s3.amazonaws.com/none.yml' }))
    )
    expect(missing.message).toBe('TemplateURL must reference a valid S3 object to which you have access.')
    const oldVersion = await errorOf(
      cfn.send(
        new ValidateTemplateCommand({ TemplateURL: 'https://tpl.s3.amazonaws.com/t.yml?versionId=nope' })
      )
    )
    expect(oldVersion.message).toBe('TemplateURL must reference a valid S3 object to which you have access.')
  })
})

describe('an update whose old resource fails to delete', () => {
  const TWO = `
Resources:
  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: first-name}}
  Old: {Type: AWS::SNS::Topic}
`

  it('ends UPDATE_COMPLETE, with DELETE_FAILED events during UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: TWO })
    const oldId = emulator.cloudformation.findStack('app')?.resources.get('Old')?.physicalId
    emulator.failResource({ logicalId: 'Old', reason: 'Access denied', during: 'delete' })
    emulator.failResource({ logicalId: 'Bucket', reason: 'The bucket is not empty', during: 'delete' })
    // Removes Old, and replaces Bucket (a new BucketName): both old resources fail to delete.
    const next = `
Resources:
  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: second-name}}
`
    expect(await h.deploy({ StackName: 'app', TemplateBody: next })).toBe('UPDATE_COMPLETE')
    const newestFirst = await events('app')
    const stackStatuses = newestFirst.filter(e => e.LogicalResourceId === 'app').map(e => e.ResourceStatus)
    expect(stackStatuses.slice(0, 2)).toEqual(['UPDATE_COMPLETE', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'])
    const cleanup = newestFirst.slice(
      0,
      newestFirst.findIndex(e => String(e.ResourceStatus) === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    )
    const failedDeletes = cleanup.filter(e => e.ResourceStatus === 'DELETE_FAILED')
    expect(
      failedDeletes.map(e => [e.LogicalResourceId, e.PhysicalResourceId, e.ResourceStatusReason]).sort()
    ).toEqual([
      ['Bucket', 'first-name', 'The bucket is not empty'],
      ['Old', oldId, 'Access denied']
    ])
    expect(emulator.cloudformation.leftInAccount.map(r => [r.logicalId, r.physicalId, r.why]).sort()).toEqual(
      [
        ['Bucket', 'first-name', 'DELETE_FAILED'],
        ['Old', oldId, 'DELETE_FAILED']
      ]
    )
    const stack = emulator.cloudformation.findStack('app')
    expect([...(stack?.resources.keys() ?? [])]).toEqual(['Bucket'])
    expect(stack?.resources.get('Bucket')?.physicalId).toBe('second-name')
  })
})

describe('changes that touch no resource', () => {
  it('make executable change sets for an output-only or parameter-only change', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: WITH_PARAMETER })
    const outputOnly = await h.changeSet({
      StackName: 'app',
      TemplateBody: WITH_PARAMETER + '  Added: {Value: new}\n'
    })
    expect([outputOnly.Status, outputOnly.ExecutionStatus, outputOnly.Changes]).toEqual([
      'CREATE_COMPLETE',
      'AVAILABLE',
      []
    ])
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: outputOnly.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
    expect((await h.stack('app'))?.Outputs?.map(o => o.OutputKey).sort()).toEqual(['Added', 'Env'])

    const body = WITH_PARAMETER + '  Added: {Value: new}\n'
    const parameterOnly = await h.changeSet({
      StackName: 'app',
      TemplateBody: body,
      Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }]
    })
    expect([parameterOnly.Status, parameterOnly.Changes]).toEqual(['CREATE_COMPLETE', []])
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: parameterOnly.ChangeSetId }))
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
    expect((await h.stack('app'))?.Outputs?.find(o => o.OutputKey === 'Env')?.OutputValue).toBe('prod')

    const nothing = await h.changeSet({
      StackName: 'app',
      TemplateBody: body,
      Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }]
    })
    expect([nothing.Status, nothing.StatusReason]).toEqual(['FAILED', NO_CHANGES])
  })
})

describe('limits', () => {
  const resources = (n: number) =>
    'Resources:\n' + Array.from({ length: n }, (_, i) => `  B${i}: {Type: AWS::S3::Bucket}\n`).join('')

  it('refuses more than 500 resources, 200 parameters or 200 outputs', async () => {
    emulator.s3.putObject('tpl', 'big.yml', resources(501))
    const tooMany = await errorOf(
      cfn.send(new ValidateTemplateCommand({ TemplateURL: 'https://tpl.s3.amazonaws.com/big.yml' }))
    )
    expect(tooMany.message).toBe(
      'Template format error: Number of resources, 501, is greater than maximum allowed, 500'
    )
    emulator.s3.putObject('tpl', 'ok.yml', resources(500))
    await cfn.send(new ValidateTemplateCommand({ TemplateURL: 'https://tpl.s3.amazonaws.com/ok.yml' }))

    const params = (n: number) =>
      'Parameters:\n' + Array.from({ length: n }, (_, i) => `  P${i}: {Type: String, Default: x}\n`).join('')
    const outputs = (n: number) =>
      'Outputs:\n' + Array.from({ length: n }, (_, i) => `  O${i}: {Value: x}\n`).join('')
    expect(
      (await errorOf(cfn.send(new ValidateTemplateCommand({ TemplateBody: params(201) + resources(1) }))))
        .message
    ).toBe('Template format error: Parameters count 201 is greater than max allowed 200')
    expect(
      (await errorOf(cfn.send(new ValidateTemplateCommand({ TemplateBody: outputs(201) + resources(1) }))))
        .message
    ).toBe('Template format error: Outputs count 201 is greater than max allowed 200')
    await cfn.send(new ValidateTemplateCommand({ TemplateBody: params(200) + outputs(200) + resources(1) }))
  })

  it('counts 51,200 inline bytes, not characters, and allows 1 MB by URL', async () => {
    const base = resources(1) + 'Description: '
    // 'é' is two bytes in UTF-8: fewer than 51,200 characters but more than 51,200 bytes.
    const padded = base + 'é'.repeat((51_201 - Buffer.byteLength(base)) / 2 + 1)
    expect(padded.length).toBeLessThan(51_200)
    const error = await errorOf(cfn.send(new ValidateTemplateCommand({ TemplateBody: padded })))
    expect(error.message).toMatch(
      /'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200/
    )
    const exact = base + 'x'.repeat(51_200 - Buffer.byteLength(base))
    await cfn.send(new ValidateTemplateCommand({ TemplateBody: exact }))

    emulator.s3.putObject('tpl', 'large.yml', base + 'x'.repeat(900_000))
    await cfn.send(new ValidateTemplateCommand({ TemplateURL: 'https://tpl.s3.amazonaws.com/large.yml' }))
    emulator.s3.putObject('tpl', 'huge.yml', base + 'x'.repeat(1_000_001))
    const huge = await errorOf(
      cfn.send(new ValidateTemplateCommand({ TemplateURL: 'https://tpl.s3.amazonaws.com/huge.yml' }))
    )
    expect(huge.name).toBe('ValidationError')
  })
})

describe('a failed first create with retained resources', () => {
  const RETAINED = `
Resources:
  Kept:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
  Plain: {Type: AWS::SNS::Topic}
  Broken:
    Type: AWS::DynamoDB::Table
    DependsOn: [Kept, Plain]
`

  it('skips the delete of DeletionPolicy Retain resources on rollback, leaving them in the account', async () => {
    emulator.failResource({ logicalId: 'Broken', reason: 'Invalid KeySchema', during: 'create' })
    expect(await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: RETAINED })).toBe(
      'ROLLBACK_COMPLETE'
    )
    const byResource = (await events('app')).filter(e => /^DELETE_/.test(e.ResourceStatus ?? ''))
    expect(byResource.filter(e => e.LogicalResourceId === 'Kept').map(e => e.ResourceStatus)).toEqual([
      'DELETE_SKIPPED'
    ])
    expect(byResource.filter(e => e.LogicalResourceId === 'Plain').map(e => e.ResourceStatus)).toEqual([
      'DELETE_COMPLETE',
      'DELETE_IN_PROGRESS'
    ])
    expect(emulator.cloudformation.leftInAccount.map(r => [r.logicalId, r.why])).toEqual([
      ['Kept', 'DELETE_SKIPPED']
    ])
  })

  it('deletes them too when ExecuteChangeSet asks for RetainExceptOnCreate', async () => {
    emulator.failResource({ logicalId: 'Broken', reason: 'Invalid KeySchema', during: 'create' })
    expect(
      await h.deploy(
        { StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: RETAINED },
        { RetainExceptOnCreate: true }
      )
    ).toBe('ROLLBACK_COMPLETE')
    expect(emulator.lastCall('ExecuteChangeSet')).toMatchObject({ RetainExceptOnCreate: 'true' })
    const kept = (await events('app')).filter(e => e.LogicalResourceId === 'Kept').map(e => e.ResourceStatus)
    expect(kept.slice(0, 2)).toEqual(['DELETE_COMPLETE', 'DELETE_IN_PROGRESS'])
    expect(emulator.cloudformation.leftInAccount).toEqual([])
  })
})

describe('change set deletion', () => {
  it('goes through DELETE_IN_PROGRESS, and ends DELETE_FAILED when told to', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: BUCKET_ONLY })
    const cs = await h.changeSet({ StackName: 'app', TemplateBody: BUCKET_ONLY + '  X: {Value: x}\n' })
    emulator.failChangeSetDelete(cs.ChangeSetName ?? '')
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))
    const seen = new Set<string>()
    await eventually(async () => {
      const status =
        (await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))).Status ?? ''
      seen.add(status)
      return status === 'DELETE_FAILED' ? true : undefined
    })
    expect([...seen]).toContain('DELETE_FAILED')
  })
})

describe('clean-up phases', () => {
  it('last as long as a resource step by default, so a client can see them', async () => {
    emulator.cloudformation.timing.resourceMs = 60
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: BUCKET_ONLY })
    await h.deploy({ StackName: 'app', TemplateBody: BUCKET_ONLY + '  X: {Value: x}\n' })
    emulator.failResource({ logicalId: 'Bucket', reason: 'denied', during: 'update' })
    expect(
      await h.deploy({
        StackName: 'app',
        TemplateBody: BUCKET_ONLY.replace(
          'Type: AWS::S3::Bucket',
          'Type: AWS::S3::Bucket\n    Properties: {BucketName: other}'
        )
      })
    ).toBe('UPDATE_ROLLBACK_COMPLETE')
    const history = emulator.cloudformation.findStack('app')?.statusHistory ?? []
    const lasted = (status: string) => {
      const i = history.findIndex(e => e.status === status)
      return (history[i + 1]?.at ?? 0) - (history[i]?.at ?? 0)
    }
    expect(lasted('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')).toBeGreaterThanOrEqual(55)
    expect(lasted('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')).toBeGreaterThanOrEqual(55)
  })

  it('can be made longer with timing.cleanupMs, and a poller sees them', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: BUCKET_ONLY })
    emulator.cloudformation.timing.cleanupMs = 400
    // Held in the phase until the poller has seen it, so it is seen however loaded the machine is.
    const cleanup = emulator.cloudformation.hold('cleanup')
    const cs = await h.changeSet({ StackName: 'app', TemplateBody: BUCKET_ONLY + '  X: {Value: x}\n' })
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))
    await cleanup.reached
    expect((await h.stack('app'))?.StackStatus).toBe('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    const releasedAt = Date.now()
    cleanup.release()
    expect(await h.settledStack('app')).toBe('UPDATE_COMPLETE')
    // After the release, the phase still lasts timing.cleanupMs (a timer may fire 1 ms early).
    const ended = emulator.cloudformation.findStack('app')?.statusHistory.at(-1)?.at ?? 0
    expect(ended - releasedAt).toBeGreaterThanOrEqual(400 - 1)
  })
})

describe('change set deletion statuses', () => {
  it('show DELETE_PENDING, DELETE_IN_PROGRESS and, when kept, DELETE_COMPLETE', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: BUCKET_ONLY })
    const cs = await h.changeSet({ StackName: 'app', TemplateBody: BUCKET_ONLY + '  X: {Value: x}\n' })
    emulator.cloudformation.timing.changeSetDeletePendingMs = 150
    emulator.cloudformation.timing.changeSetDeleteMs = 150
    emulator.cloudformation.keepDeletedChangeSets = true
    // Each phase is held until it has been read, so each is seen however loaded the machine is.
    const pending = emulator.cloudformation.hold('changeSetDeletePending')
    const deleting = emulator.cloudformation.hold('changeSetDelete')
    const status = async () =>
      (await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))).Status ?? ''
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: cs.ChangeSetId }))
    await pending.reached
    const seen = [await status()]
    pending.release()
    await deleting.reached
    seen.push(await status())
    deleting.release()
    await eventually(async () => ((await status()) === 'DELETE_COMPLETE' ? true : undefined))
    expect(seen).toEqual(['DELETE_PENDING', 'DELETE_IN_PROGRESS'])
    // Its name is free again.
    const again = await h.changeSet({
      StackName: 'app',
      ChangeSetName: cs.ChangeSetName ?? '',
      TemplateBody: BUCKET_ONLY + '  X: {Value: x}\n'
    })
    expect(again.ChangeSetId).not.toBe(cs.ChangeSetId)
  })
})

describe('lost responses', () => {
  it('carry out the call and cut the answer, so a ClientToken retry adopts the change set', async () => {
    emulator.faults.set({ dropResponseNext: { CreateChangeSet: 1 } })
    // The SDK retries the cut connection with the same ClientToken.
    const created = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'deploy',
        ChangeSetType: 'CREATE',
        TemplateBody: BUCKET_ONLY,
        ClientToken: 'retry-token'
      })
    )
    const attempts = emulator.calls('CreateChangeSet')
    expect(attempts.map(a => a.fault ?? 'answered')).toEqual(['drop-response', 'answered'])
    expect([...emulator.cloudformation.changeSets.values()].map(c => c.id)).toEqual([created.Id])
  })
})

describe('DescribeEvents for stack operations', () => {
  it('returns a failed update’s provisioning errors under the operation DescribeStacks names', async () => {
    await h.deploy({ StackName: 'app', ChangeSetType: 'CREATE', TemplateBody: WITH_PARAMETER })
    emulator.failResource({ logicalId: 'Bucket', reason: 'Access Denied', during: 'update' })
    const replaced = WITH_PARAMETER.replace(
      'Bucket: {Type: AWS::S3::Bucket}',
      'Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: renamed}}'
    )
    expect(await h.deploy({ StackName: 'app', TemplateBody: replaced })).toBe('UPDATE_ROLLBACK_COMPLETE')
    const operation = (await h.stack('app'))?.LastOperations?.[0]
    expect(operation?.OperationType).toBe('UPDATE_STACK')
    const failed = await cfn.send(
      new DescribeEventsCommand({ OperationId: operation?.OperationId, Filters: { FailedEvents: true } })
    )
    expect(
      failed.OperationEvents?.map(e => [e.EventType, e.LogicalResourceId, e.ResourceStatusReason])
    ).toEqual([['PROVISIONING_ERROR', 'Bucket', 'Access Denied']])
  })
})
