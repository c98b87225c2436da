import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
  type Tag
} from '@aws-sdk/client-cloudformation'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { motoAvailable, startMoto, type Moto } from '../../harness/moto.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { errorOf, eventually } from '../support/aws.js'

/**
 * moto as a second witness of the behaviours issue 11 models in the emulator, at the protocol level (the real SDK
 * against both). Where moto agrees with AWS the two must agree; where moto differs from AWS the difference is
 * pinned here, with the AWS documentation that says which one is AWS, so a moto upgrade that fixes it shows up.
 */
const availability = motoAvailable()
if (!availability.ok && process.env.CI === 'true') {
  throw new Error(`The moto suite must run in CI, but ${availability.why}.`)
}
const suite = availability.ok ? describe : describe.skip

const TEMPLATE = `
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
Outputs:
  Env: {Value: !Ref Env}
`
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts'

interface Backend {
  name: string
  url: string
  cfn: CloudFormationClient
  s3: S3Client
}

function backend(name: string, url: string, key: string): Backend {
  const config = {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: key, secretAccessKey: key }
  }
  return {
    name,
    url,
    cfn: new CloudFormationClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' })
  }
}

/** moto checks that notification topics exist; SNS has no SDK client here, so a raw query call makes one. */
async function createTopicInMoto(url: string): Promise<void> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0'
    },
    body: 'Action=CreateTopic&Name=alerts&Version=2010-03-31'
  })
  if (!response.ok) throw new Error(`moto CreateTopic answered ${response.status}`)
}

async function changeSetDeploy(
  b: Backend,
  stack: string,
  name: string,
  extra: { Tags?: Tag[]; NotificationARNs?: string[]; env: string; type: 'CREATE' | 'UPDATE' }
): Promise<void> {
  const { env, type, ...lists } = extra
  const created = await b.cfn.send(
    new CreateChangeSetCommand({
      StackName: stack,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: TEMPLATE,
      Parameters: [{ ParameterKey: 'Env', ParameterValue: env }],
      ...lists
    })
  )
  await eventually(async () => {
    const status = (await b.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }))).Status
    return status === 'CREATE_COMPLETE' ? true : undefined
  })
  await b.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }))
  await eventually(async () => {
    const status = (await b.cfn.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]
      ?.StackStatus
    return status !== undefined && !status.endsWith('_IN_PROGRESS') ? true : undefined
  })
}

async function tagsAndTopics(b: Backend, stack: string) {
  const s = (await b.cfn.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]
  return { tags: s?.Tags ?? [], topics: s?.NotificationARNs ?? [] }
}

suite('moto as a second witness', () => {
  let moto: Moto
  let emulator: Emulator
  let both: Backend[]
  beforeAll(async () => {
    moto = await startMoto()
    emulator = await startEmulator()
    await createTopicInMoto(moto.url)
    both = [backend('emulator', emulator.url, 'AKIAEMULATOR'), backend('moto', moto.url, 'testing')]
  }, 60_000)
  afterAll(async () => {
    await emulator?.close()
    await moto?.stop()
  })

  it('keeps tags and topics when an update leaves them out (both agree)', async () => {
    for (const b of both) {
      await changeSetDeploy(b, 'keep', 'c1', {
        type: 'CREATE',
        env: 'dev',
        Tags: [{ Key: 'team', Value: 'data' }],
        NotificationARNs: [TOPIC]
      })
      await changeSetDeploy(b, 'keep', 'c2', { type: 'UPDATE', env: 'prod' })
      expect([b.name, await tagsAndTopics(b, 'keep')]).toEqual([
        b.name,
        { tags: [{ Key: 'team', Value: 'data' }], topics: [TOPIC] }
      ])
    }
  })

  it('clears them when an update sends empty lists (AWS; moto 5.2.1 keeps them)', async () => {
    const results: Record<string, unknown> = {}
    for (const b of both) {
      await changeSetDeploy(b, 'clear', 'c1', {
        type: 'CREATE',
        env: 'dev',
        Tags: [{ Key: 'team', Value: 'data' }],
        NotificationARNs: [TOPIC]
      })
      await changeSetDeploy(b, 'clear', 'c2', { type: 'UPDATE', env: 'prod', Tags: [], NotificationARNs: [] })
      results[b.name] = await tagsAndTopics(b, 'clear')
    }
    // AWS: "To remove all associated notification topics, specify an empty list" (CreateChangeSet API reference);
    // "If you specify an empty value, CloudFormation removes all associated tags" (UpdateStack API reference).
    expect(results.emulator).toEqual({ tags: [], topics: [] })
    // moto applies neither tags nor topics from an UPDATE change set, so it cannot show the clearing.
    expect(results.moto).toEqual({ tags: [{ Key: 'team', Value: 'data' }], topics: [TOPIC] })
  })

  it('reads TemplateURL in every S3 https form (both agree), and differs on s3:// and http:// (moto accepts)', async () => {
    const accepted = [
      'https://tpl.s3.amazonaws.com/dir/t.yml',
      'https://tpl.s3.us-west-2.amazonaws.com/dir/t.yml',
      'https://s3.us-west-2.amazonaws.com/tpl/dir/t.yml',
      'https://s3-us-west-2.amazonaws.com/tpl/dir/t.yml'
    ]
    const refusedByAws = ['s3://tpl/dir/t.yml', 'http://tpl.s3.amazonaws.com/dir/t.yml']
    const outcome: Record<string, Record<string, string>> = {}
    for (const b of both) {
      await b.s3.send(new CreateBucketCommand({ Bucket: 'tpl' }))
      await b.s3.send(new PutObjectCommand({ Bucket: 'tpl', Key: 'dir/t.yml', Body: TEMPLATE }))
      outcome[b.name] = {}
      for (const url of [...accepted, ...refusedByAws]) {
        try {
          const v = await b.cfn.send(new ValidateTemplateCommand({ TemplateURL: url }))
          // moto's ValidateTemplate lists no parameters, so only success is compared.
          outcome[b.name]![url] = v.$metadata.httpStatusCode === 200 ? 'ok' : 'unexpected'
        } catch (err) {
          outcome[b.name]![url] = `${(err as Error).name}: ${(err as Error).message}`
        }
      }
    }
    for (const url of accepted)
      expect([url, outcome.emulator?.[url], outcome.moto?.[url]]).toEqual([url, 'ok', 'ok'])
    // AWS refuses anything but an S3 https URL ("TemplateURL must be a supported URL."; CreateChangeSet API
    // reference: "The URL must point to a template … located in an Amazon S3 bucket"); moto reads s3:// and http://.
    for (const url of refusedByAws) {
      expect([url, outcome.emulator?.[url]]).toEqual([
        url,
        'ValidationError: TemplateURL must be a supported URL.'
      ])
      expect([url, outcome.moto?.[url]]).toEqual([url, 'ok'])
    }
  }, 90_000) // moto takes seconds per TemplateURL read

  it('termination protection: both show it on DescribeStacks; moto neither updates it nor refuses a delete (AWS does)', async () => {
    const [emulatorBackend, motoBackend] = both as [Backend, Backend]
    // The emulator implements change sets, not CreateStack: protection is set with UpdateTerminationProtection.
    await changeSetDeploy(emulatorBackend, 'guarded', 'c1', { type: 'CREATE', env: 'dev' })
    await emulatorBackend.cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: 'guarded', EnableTerminationProtection: true })
    )
    await motoBackend.cfn.send(
      new CreateStackCommand({
        StackName: 'guarded',
        TemplateBody: TEMPLATE,
        EnableTerminationProtection: true
      })
    )
    for (const b of both) {
      const s = (await b.cfn.send(new DescribeStacksCommand({ StackName: 'guarded' }))).Stacks?.[0]
      expect([b.name, s?.EnableTerminationProtection]).toEqual([b.name, true])
    }
    // AWS: a protected stack cannot be deleted (user guide, "Protect CloudFormation stacks from being deleted").
    const refused = await errorOf(emulatorBackend.cfn.send(new DeleteStackCommand({ StackName: 'guarded' })))
    expect(refused.message).toBe('Stack [guarded] cannot be deleted while TerminationProtection is enabled')
    // moto 5.2.1 has no UpdateTerminationProtection (it answers 500) and deletes a protected stack.
    const unsupported = await errorOf(
      motoBackend.cfn.send(
        new UpdateTerminationProtectionCommand({ StackName: 'guarded', EnableTerminationProtection: false })
      )
    )
    expect(unsupported.$metadata?.httpStatusCode).toBe(500)
    await motoBackend.cfn.send(new DeleteStackCommand({ StackName: 'guarded' }))
    const gone = await errorOf(motoBackend.cfn.send(new DescribeStacksCommand({ StackName: 'guarded' })))
    expect(gone.message).toBe('Stack with id guarded does not exist')
  })
})
