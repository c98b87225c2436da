import { afterEach, describe, expect, it } from '@jest/globals'
import type { AwsClients } from '../../src/aws/clients.js'
import { InputError } from '../../src/errors.js'
import { checkTemplateSize, objectUrl, parseS3Url, type LoadedTemplate } from '../../src/template/load.js'

const clients = (region: string) => ({ region: () => Promise.resolve(region) }) as unknown as AwsClients
const saved = { all: process.env.AWS_ENDPOINT_URL, s3: process.env.AWS_ENDPOINT_URL_S3 }
afterEach(() => {
  for (const [name, value] of [
    ['AWS_ENDPOINT_URL', saved.all],
    ['AWS_ENDPOINT_URL_S3', saved.s3]
  ] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})
function withoutEndpoints(): void {
  delete process.env.AWS_ENDPOINT_URL
  delete process.env.AWS_ENDPOINT_URL_S3
}

describe('parseS3Url', () => {
  it.each([
    ['s3://templates/metaflow/stack.yml', 'templates', 'metaflow/stack.yml'],
    ['https://templates.s3.us-west-2.amazonaws.com/metaflow/stack.yml', 'templates', 'metaflow/stack.yml'],
    ['https://templates.s3.amazonaws.com/stack.yml', 'templates', 'stack.yml'],
    ['https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/a/b.yml', 'my.dotted.bucket', 'a/b.yml'],
    ['https://templates.s3-us-gov-west-1.amazonaws.com/t.yml', 'templates', 't.yml']
  ])('reads %s', (url, bucket, key) => {
    expect(parseS3Url(url)).toEqual({ bucket, key })
  })

  it('names the template input for a URL that is not S3', () => {
    expect(() => parseS3Url('https://raw.githubusercontent.com/acme/x/main/t.yml')).toThrow(InputError)
  })
})

describe('objectUrl', () => {
  it('is virtual-hosted in the client’s region', async () => {
    withoutEndpoints()
    expect(await objectUrl(clients('eu-west-1'), 'templates', 'metaflow-deploy/run 1/t.yml')).toBe(
      'https://templates.s3.eu-west-1.amazonaws.com/metaflow-deploy/run%201/t.yml'
    )
  })

  it('is path-style for a dotted bucket name, whose virtual host would not match S3’s certificate', async () => {
    withoutEndpoints()
    expect(await objectUrl(clients('us-east-1'), 'acme.cfn.templates', 't.yml')).toBe(
      'https://s3.us-east-1.amazonaws.com/acme.cfn.templates/t.yml'
    )
  })

  it('follows an endpoint override (an emulator or a VPC endpoint)', async () => {
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:4566/'
    expect(await objectUrl(clients('us-east-1'), 'templates', 't.yml')).toBe(
      'http://127.0.0.1:4566/templates/t.yml'
    )
  })
})

describe('checkTemplateSize', () => {
  const template = (bytes: number, url?: string): LoadedTemplate => ({
    origin: 't.yml',
    body: '',
    bytes,
    parameters: {},
    resourceCount: 1,
    ...(url === undefined ? {} : { url })
  })

  it('asks for template-bucket only when an inline template would be too large', () => {
    expect(() => checkTemplateSize(template(51_200), undefined)).not.toThrow()
    expect(() => checkTemplateSize(template(51_201), undefined)).toThrow(
      /^Input 'template-bucket': is required: t\.yml is 51201 bytes/
    )
    expect(() => checkTemplateSize(template(51_201), 'bucket')).not.toThrow()
    expect(() => checkTemplateSize(template(60_000, 's3://b/t.yml'), undefined)).not.toThrow()
  })
})
