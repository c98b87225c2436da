import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CreateApiKeyCommand, GetApiKeyCommand } from '@aws-sdk/client-api-gateway'
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { errorOf, sdkClients } from '../support/aws.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

describe('API Gateway', () => {
  it('creates a key and returns its value only with includeValue', async () => {
    const { apiGateway } = sdkClients(emulator)
    const created = await apiGateway.send(new CreateApiKeyCommand({ name: 'k', enabled: true }))
    expect(created.value).toHaveLength(40)
    const withValue = await apiGateway.send(new GetApiKeyCommand({ apiKey: created.id, includeValue: true }))
    expect(withValue).toMatchObject({ id: created.id, name: 'k', enabled: true, value: created.value })
    expect(withValue.createdDate).toBeInstanceOf(Date)
    const withoutValue = await apiGateway.send(new GetApiKeyCommand({ apiKey: created.id }))
    expect(withoutValue.value).toBeUndefined()
  })

  it('names NotFoundException and AccessDeniedException', async () => {
    const { apiGateway } = sdkClients(emulator)
    expect((await errorOf(apiGateway.send(new GetApiKeyCommand({ apiKey: 'missing' })))).name).toBe(
      'NotFoundException'
    )
    emulator.apiGateway.denyGetApiKey = true
    const denied = await errorOf(
      apiGateway.send(new GetApiKeyCommand({ apiKey: 'missing', includeValue: true }))
    )
    expect(denied.name).toBe('AccessDeniedException')
    expect(denied.message).toMatch(/apigateway:GET/)
  })

  it('answers throttled calls with 429 TooManyRequestsException, which the SDK retries', async () => {
    const { apiGateway } = sdkClients(emulator)
    const key = emulator.apiGateway.create('abc123', 'k', undefined)
    emulator.faults.set({ throttleRate: 0.5 })
    for (let i = 0; i < 10; i++) {
      expect(
        (await apiGateway.send(new GetApiKeyCommand({ apiKey: 'abc123', includeValue: true }))).value
      ).toBe(key.value)
    }
    expect(emulator.requests.some(r => r.errorCode === 'TooManyRequestsException')).toBe(true)
  })
})

describe('S3', () => {
  it('stores and returns objects path-style, and names a missing bucket', async () => {
    const { s3 } = sdkClients(emulator)
    const missing = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: 'nope', Key: 'a', Body: Buffer.from('x') }))
    )
    expect(missing.name).toBe('NoSuchBucket')
    await s3.send(new CreateBucketCommand({ Bucket: 'templates' }))
    await s3.send(
      new PutObjectCommand({ Bucket: 'templates', Key: 'a/b.yml', Body: Buffer.from('Resources: {}') })
    )
    const object = await s3.send(new GetObjectCommand({ Bucket: 'templates', Key: 'a/b.yml' }))
    expect(await object.Body?.transformToString()).toBe('Resources: {}')
    expect((await errorOf(s3.send(new GetObjectCommand({ Bucket: 'templates', Key: 'none' })))).name).toBe(
      'NoSuchKey'
    )
    expect(emulator.s3.read(`${emulator.url}/templates/a/b.yml`)).toBe('Resources: {}')
    expect(emulator.s3.read('https://templates.s3.us-east-1.amazonaws.com/a/b.yml')).toBe('Resources: {}')
    expect(emulator.s3.read('s3://templates/a/b.yml')).toBe('Resources: {}')
  })
})
