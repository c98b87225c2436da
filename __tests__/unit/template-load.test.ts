import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AwsClients } from '../../src/aws/clients.js'
import { InputError } from '../../src/run/errors.js'
import {
  checkTemplateSize,
  loadTemplate,
  objectUrl,
  parseS3Url,
  TEMPLATE_BODY_LIMIT,
  type LoadedTemplate
} from '../../src/template/load.js'

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
    ['s3://templates/metaflow/stack.yml', { bucket: 'templates', key: 'metaflow/stack.yml' }],
    [
      'https://templates.s3.us-west-2.amazonaws.com/metaflow/stack.yml',
      { bucket: 'templates', key: 'metaflow/stack.yml', region: 'us-west-2' }
    ],
    [
      'https://templates.s3.amazonaws.com/stack.yml',
      { bucket: 'templates', key: 'stack.yml', region: 'us-east-1' }
    ],
    [
      'https://s3.amazonaws.com/templates/stack.yml',
      { bucket: 'templates', key: 'stack.yml', region: 'us-east-1' }
    ],
    [
      'https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/a/b.yml',
      { bucket: 'my.dotted.bucket', key: 'a/b.yml', region: 'eu-west-1' }
    ],
    [
      'https://my.dotted.bucket.s3.eu-west-1.amazonaws.com/a/b.yml',
      { bucket: 'my.dotted.bucket', key: 'a/b.yml', region: 'eu-west-1' }
    ],
    [
      'https://templates.s3-us-gov-west-1.amazonaws.com/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'us-gov-west-1' }
    ],
    [
      'https://s3-eu-central-1.amazonaws.com/templates/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'eu-central-1' }
    ],
    [
      'https://templates.s3.dualstack.ap-south-1.amazonaws.com/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'ap-south-1' }
    ],
    [
      'https://templates.s3-fips.us-gov-east-1.amazonaws.com/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'us-gov-east-1' }
    ],
    [
      'https://templates.s3-external-1.amazonaws.com/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'us-east-1' }
    ],
    [
      'https://templates.s3.cn-north-1.amazonaws.com.cn/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'cn-north-1' }
    ],
    [
      'https://s3.cn-northwest-1.amazonaws.com.cn/templates/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'cn-northwest-1' }
    ],
    [
      'https://templates.s3.us-iso-east-1.c2s.ic.gov/t.yml',
      { bucket: 'templates', key: 't.yml', region: 'us-iso-east-1' }
    ],
    [
      'https://templates.s3.eu-west-1.amazonaws.com/dir/my%20t.yml?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
      {
        bucket: 'templates',
        key: 'dir/my t.yml',
        region: 'eu-west-1',
        versionId: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY'
      }
    ],
    [
      'https://templates.s3.eu-west-1.amazonaws.com/t.yml?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc',
      { bucket: 'templates', key: 't.yml', region: 'eu-west-1' }
    ]
  ])('reads %s', (url, expected) => {
    expect(parseS3Url(url)).toEqual(expected)
  })

  it.each([
    'https://raw.githubusercontent.com/acme/x/main/t.yml',
    'https://templates.s3.amazonaws.com.evil.example/t.yml',
    'https://s3.amazonaws.com/bucket-only',
    'http://templates.s3.amazonaws.com/t.yml'
  ])('names the template input for %s, which is not an S3 object URL', url => {
    expect(() => parseS3Url(url)).toThrow(InputError)
  })
})

describe('objectUrl', () => {
  it.each([
    [
      'eu-west-1',
      'templates',
      'metaflow-deploy/run 1/t.yml',
      'https://templates.s3.eu-west-1.amazonaws.com/metaflow-deploy/run%201/t.yml'
    ],
    [
      'us-east-1',
      'acme.cfn.templates',
      't.yml',
      'https://s3.us-east-1.amazonaws.com/acme.cfn.templates/t.yml'
    ],
    ['cn-north-1', 'templates', 't.yml', 'https://templates.s3.cn-north-1.amazonaws.com.cn/t.yml'],
    ['cn-northwest-1', 'a.b', 't.yml', 'https://s3.cn-northwest-1.amazonaws.com.cn/a.b/t.yml'],
    ['us-gov-west-1', 'templates', 't.yml', 'https://templates.s3.us-gov-west-1.amazonaws.com/t.yml'],
    ['us-iso-east-1', 'templates', 't.yml', 'https://templates.s3.us-iso-east-1.c2s.ic.gov/t.yml'],
    ['us-isob-east-1', 'templates', 't.yml', 'https://templates.s3.us-isob-east-1.sc2s.sgov.gov/t.yml']
  ])('in %s, for bucket %s, is %s… in the region’s partition', async (region, bucket, key, url) => {
    withoutEndpoints()
    expect(await objectUrl(clients(region), bucket, key)).toBe(url)
    // What the action builds, it can read back.
    expect(parseS3Url(url)).toMatchObject({ bucket, key, region })
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

describe('loadTemplate from the workspace', () => {
  let workspace: string
  let outside: string
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'mfd-tpl-ws-'))
    outside = mkdtempSync(join(tmpdir(), 'mfd-tpl-out-'))
  })
  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  })
  const load = (path: string): Promise<LoadedTemplate> =>
    loadTemplate({ kind: 'file', path }, clients('us-east-1'), workspace)
  async function inputError(path: string): Promise<InputError> {
    const err = await load(path).catch((e: unknown) => e)
    if (err instanceof InputError) return err
    throw new Error(`expected an InputError, got ${String(err)}`)
  }

  it('counts the size in UTF-8 bytes: under 51,200 characters can be over 51,200 bytes', async () => {
    // 30,000 two-byte characters: 30,000 characters in a JavaScript string, 60,000 bytes on the wire.
    const description = 'é'.repeat(30_000)
    writeFileSync(join(workspace, 'accents.yml'), `Description: ${description}\nResources:\n  R: {Type: X}\n`)
    const template = await load('accents.yml')
    expect(template.body.length).toBeLessThan(TEMPLATE_BODY_LIMIT)
    expect(template.bytes).toBe(Buffer.byteLength(template.body))
    expect(template.bytes).toBeGreaterThan(TEMPLATE_BODY_LIMIT)
    expect(() => checkTemplateSize(template, undefined)).toThrow(/is required: accents\.yml is 60\d{3} bytes/)
  })

  it('refuses a named pipe without blocking, and a folder', async () => {
    execFileSync('mkfifo', [join(workspace, 't.fifo')])
    expect((await inputError('t.fifo')).message).toMatch(/^Input 'template': "t\.fifo" is a named pipe/)
    expect((await inputError('.')).message).toMatch(/is a folder/)
  })

  it('refuses paths and symlinks that lead outside the workspace', async () => {
    writeFileSync(join(outside, 't.yml'), 'Resources: {R: {Type: X}}\n')
    symlinkSync(join(outside, 't.yml'), join(workspace, 'link.yml'))
    for (const path of ['../../etc/passwd', '/etc/passwd', join(outside, 't.yml'), 'link.yml']) {
      const error = await inputError(path)
      expect(error.input).toBe('template')
      expect(error.message).toMatch(/outside the workspace/)
    }
  })

  it('refuses a template over 1,000,000 bytes from its size, before parsing it', async () => {
    writeFileSync(join(workspace, 'huge.yml'), `# ${'x'.repeat(1_000_000)}\nResources: [`)
    expect((await inputError('huge.yml')).message).toMatch(
      /"huge\.yml" is 1000015 bytes; CloudFormation accepts at most 1000000 bytes/
    )
  })

  it('reads the bundled template from the action itself, not the workspace', async () => {
    const template = await loadTemplate({ kind: 'bundled' }, clients('us-east-1'), workspace)
    expect(template.resourceCount).toBeGreaterThan(10)
  })
})
