import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { APIGatewayClient, CreateApiKeyCommand } from '@aws-sdk/client-api-gateway'
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListChangeSetsCommand
} from '@aws-sdk/client-cloudformation'
import { motoAvailable, startMoto, type Moto } from '../../harness/moto.js'
import { runAction } from '../../harness/runner.js'

/**
 * The same action against moto, an independent implementation of the AWS APIs: a cross-check of the wire
 * protocol and of the create/update path (moto is not faithful on timing, events or failures; see harness/moto_launcher.py).
 */
const availability = motoAvailable()
if (!availability.ok && process.env.CI === 'true') {
  throw new Error(
    `The moto suite must run in CI, but ${availability.why}. moto 5.2.1 (moto_server) is expected on these machines.`
  )
}
if (!availability.ok)
  console.warn(`Skipping the moto suite: ${availability.why}. Install moto[server] to run it.`)
const suite = availability.ok ? describe : describe.skip

const TEMPLATE = `
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  Datastore: {Type: AWS::S3::Bucket}
  StepFunctionsStateDDB:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pathspec, AttributeType: S}]
      KeySchema: [{AttributeName: pathspec, KeyType: HASH}]
      Tags: [{Key: env, Value: !Ref Env}]
Outputs:
  MetaflowDataStoreS3Url: {Value: !Sub "s3://\${Datastore}/metaflow"}
  DDBTableName: {Value: !Ref StepFunctionsStateDDB}
  Environment: {Value: !Ref Env}
`

suite('against moto', () => {
  let moto: Moto
  beforeAll(async () => {
    moto = await startMoto()
  }, 60_000)
  afterAll(async () => {
    await moto?.stop()
  })

  const run = (parameters: string) =>
    runAction({
      inputs: { 'stack-name': 'metaflow-moto', template: 't.yml', parameters },
      files: { 't.yml': TEMPLATE },
      env: { ...moto.env(), METAFLOW_DEPLOY_TIME_SCALE: '0.05' }
    })

  it('creates, updates, and treats an unchanged rerun as a no-op', async () => {
    const created = await run('Env=dev')
    expect(created.errors).toEqual([])
    expect(created.outputs['stack-status']).toBe('CREATE_COMPLETE')
    const cfn = new CloudFormationClient({
      endpoint: moto.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
    })
    const outputs = async () =>
      Object.fromEntries(
        (
          (await cfn.send(new DescribeStacksCommand({ StackName: 'metaflow-moto' }))).Stacks?.[0]?.Outputs ??
          []
        ).map(o => [o.OutputKey ?? '', o.OutputValue ?? ''] as const)
      )
    expect((await outputs()).Environment).toBe('dev')

    const updated = await run('Env=prod')
    expect(updated.errors).toEqual([])
    expect(updated.outputs['stack-status']).toBe('UPDATE_COMPLETE')
    expect(updated.outputs['has-changes']).toBe('true')
    expect((await outputs()).Environment).toBe('prod')

    const unchanged = await run('Env=prod')
    expect(unchanged.errors).toEqual([])
    expect(unchanged.outputs['has-changes']).toBe('false')
    const left = await cfn.send(new ListChangeSetsCommand({ StackName: 'metaflow-moto' }))
    expect((left.Summaries ?? []).filter(s => s.ExecutionStatus === 'AVAILABLE')).toEqual([])
  }, 60_000)

  it('fetches a key created in moto’s API Gateway and exports it masked', async () => {
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
    const apiGateway = new APIGatewayClient({ endpoint: moto.url, region: 'us-east-1', credentials })
    const key = await apiGateway.send(new CreateApiKeyCommand({ name: 'metaflow-moto-key', enabled: true }))
    // moto cannot create AWS::ApiGateway::ApiKey inside a template, so the key id comes in as a parameter.
    const template = `
Parameters:
  KeyId: {Type: String}
Resources:
  Datastore: {Type: AWS::S3::Bucket}
Outputs:
  MetaflowDataStoreS3Url: {Value: !Sub "s3://\${Datastore}/metaflow"}
  ApiKeyId: {Value: !Ref KeyId}
`
    const result = await runAction({
      inputs: { 'stack-name': 'metaflow-moto-key', template: 't.yml', parameters: `KeyId=${key.id ?? ''}` },
      files: { 't.yml': template },
      env: { ...moto.env(), METAFLOW_DEPLOY_TIME_SCALE: '0.05' }
    })
    expect(result.errors).toEqual([])
    expect(key.value).toBeTruthy()
    expect(result.env.METAFLOW_SERVICE_AUTH_KEY).toBe(key.value)
    expect(result.masks).toContain(key.value)
    expect(result.stdout.split(key.value ?? '').length - 1).toBe(1)
  }, 60_000)

  it('plans, then executes exactly the planned change set; another stack’s plan is refused', async () => {
    const runMode = (mode: string, extra: Record<string, string> = {}) =>
      runAction({
        inputs: { 'stack-name': 'metaflow-moto-plan', template: 't.yml', mode, ...extra },
        files: { 't.yml': TEMPLATE },
        env: { ...moto.env(), METAFLOW_DEPLOY_TIME_SCALE: '0.05' }
      })
    const planned = await runMode('plan', { parameters: 'Env=dev' })
    expect(planned.errors).toEqual([])
    const id = planned.outputs['change-set-id'] ?? ''
    expect(id).toMatch(/:changeSet\/metaflow-plan-/)
    const executed = await runMode('execute', { 'change-set-id': id })
    expect(executed.errors).toEqual([])
    expect(executed.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(executed.outputs['change-set-id']).toBe(id)
    expect(executed.outputs.Environment).toBe('dev')

    // Another stack's plan is refused before any execute. (A plan made stale by a later deploy is refused on AWS,
    // which deletes a stack's other change sets when one executes, and in the emulator; moto keeps them
    // executable and reports neither the change set's CreationTime nor the stack's LastUpdatedTime, so neither
    // AWS's rule nor the action's own freshness check can show there.)
    const other = await runAction({
      inputs: { 'stack-name': 'metaflow-moto-other', template: 't.yml', mode: 'plan' },
      files: { 't.yml': TEMPLATE },
      env: { ...moto.env(), METAFLOW_DEPLOY_TIME_SCALE: '0.05' }
    })
    const otherId = other.outputs['change-set-id'] ?? ''
    expect(otherId).not.toBe('')
    const refused = await runMode('execute', { 'change-set-id': otherId })
    expect(refused.exitCode).not.toBe(0)
    expect(refused.errors.map(e => e.message).join('\n')).toMatch(
      /belongs to stack metaflow-moto-other, not to stack-name metaflow-moto-plan/
    )
  }, 90_000)
})
