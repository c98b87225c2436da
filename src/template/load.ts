import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AwsClients } from '../aws/clients.js'
import { customS3Endpoint } from '../aws/clients.js'
import { InputError, messageOf } from '../errors.js'
import type { TemplateSource } from '../settings.js'
import { BUNDLED_TEMPLATE_PATH } from './bundled.js'
import { parseTemplateBody, TemplateSyntaxError } from './cfn-yaml.js'

/** CloudFormation's limit for an inline TemplateBody. */
export const TEMPLATE_BODY_LIMIT = 51_200
/** CloudFormation's limit for a template in S3. */
export const TEMPLATE_URL_LIMIT = 1_000_000

/** A declared template parameter, as far as validation needs it. */
export interface TemplateParameter {
  Type: string
  Default?: unknown
  NoEcho?: unknown
  AllowedValues?: unknown[]
  AllowedPattern?: string
  MinValue?: number | string
  MaxValue?: number | string
  MinLength?: number | string
  MaxLength?: number | string
  ConstraintDescription?: string
  Description?: string
}

export interface LoadedTemplate {
  /** Where it came from, for messages. */
  origin: string
  body: string
  bytes: number
  parameters: Record<string, TemplateParameter>
  resourceCount: number
  /** Set when the template already lives in S3. */
  url?: string
}

/** How the template reaches CloudFormation. */
export type TemplateLocation = { TemplateBody: string } | { TemplateURL: string }

const BUNDLED = BUNDLED_TEMPLATE_PATH

/** The action's own folder: the nearest one above this module (dist/ in the bundle) holding action.yml. */
function actionRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let up = 0; up < 4; up++) {
    if (existsSync(join(dir, 'action.yml'))) return dir
    dir = dirname(dir)
  }
  throw new Error("The action's own folder (with action.yml and templates/) was not found next to its code.")
}

/** Reads the template from the workspace, the action itself, or S3, and checks that it is a template. */
export async function loadTemplate(
  source: TemplateSource,
  clients: AwsClients,
  workspace: string
): Promise<LoadedTemplate> {
  switch (source.kind) {
    case 'bundled':
      return fromBody(readFileSync(join(actionRoot(), BUNDLED), 'utf8'), `the bundled ${BUNDLED}`)
    case 'file': {
      const path = isAbsolute(source.path) ? source.path : resolve(workspace, source.path)
      if (!existsSync(path) || !statSync(path).isFile()) {
        throw new InputError(
          'template',
          `file "${source.path}" was not found (looked at ${path}). Check out the repository first (actions/checkout) or fix the path, which is relative to the workspace.`
        )
      }
      return fromBody(readFileSync(path, 'utf8'), source.path)
    }
    case 'url': {
      const { bucket, key } = parseS3Url(source.url)
      const s3 = await clients.s3()
      const { GetObjectCommand } = await import('@aws-sdk/client-s3')
      let body: string
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        body = (await object.Body?.transformToString('utf8')) ?? ''
      } catch (err) {
        throw new InputError(
          'template',
          `could not read ${source.url}: ${messageOf(err)}. Check the URL and that the role may s3:GetObject on it.`
        )
      }
      return { ...fromBody(body, source.url), url: await objectUrl(clients, bucket, key) }
    }
  }
}

function fromBody(body: string, origin: string): LoadedTemplate {
  let data: unknown
  try {
    data = parseTemplateBody(body)
  } catch (err) {
    if (err instanceof TemplateSyntaxError)
      throw new InputError('template', `${origin} is not a valid template: ${err.message}`)
    throw err
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(
      'template',
      `${origin} is not a CloudFormation template: expected a map with a Resources section.`
    )
  }
  const template = data as { Resources?: unknown; Parameters?: unknown }
  if (
    typeof template.Resources !== 'object' ||
    template.Resources === null ||
    Object.keys(template.Resources).length === 0
  ) {
    throw new InputError(
      'template',
      `${origin} has no Resources: CloudFormation needs at least one resource.`
    )
  }
  const bytes = Buffer.byteLength(body, 'utf8')
  if (bytes > TEMPLATE_URL_LIMIT) {
    throw new InputError(
      'template',
      `${origin} is ${bytes} bytes; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes even from S3.`
    )
  }
  return {
    origin,
    body,
    bytes,
    parameters: (template.Parameters ?? {}) as Record<string, TemplateParameter>,
    resourceCount: Object.keys(template.Resources).length
  }
}

/** Accepts s3://bucket/key and the https forms of S3 object URLs. */
export function parseS3Url(url: string): { bucket: string; key: string } {
  const parsed = new URL(url)
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  if (parsed.protocol === 's3:') return { bucket: parsed.hostname, key: path }
  const virtual = /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(parsed.hostname)
  if (virtual !== null) return { bucket: virtual[1] as string, key: path }
  if (/^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(parsed.hostname)) {
    const slash = path.indexOf('/')
    if (slash > 0) return { bucket: path.slice(0, slash), key: path.slice(slash + 1) }
  }
  throw new InputError(
    'template',
    `"${url}" is not an S3 object URL. CloudFormation reads templates only from S3: use s3://bucket/key or https://bucket.s3.REGION.amazonaws.com/key, or a workspace path.`
  )
}

/** The URL CloudFormation should read an S3 object from (the endpoint override's, when one is set). */
export async function objectUrl(clients: AwsClients, bucket: string, key: string): Promise<string> {
  const encodedKey = key.split('/').map(encodeURIComponent).join('/')
  const endpoint = customS3Endpoint()
  if (endpoint !== undefined) return `${endpoint}/${bucket}/${encodedKey}`
  const region = await clients.region()
  const host = `s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`
  // A dotted bucket name breaks the TLS name of a virtual-hosted URL (*.s3.REGION.amazonaws.com): use the path.
  return bucket.includes('.')
    ? `https://${host}/${bucket}/${encodedKey}`
    : `https://${bucket}.${host}/${encodedKey}`
}

/**
 * Decides how CloudFormation gets the template: inline up to 51,200 bytes, otherwise from S3 (uploaded to
 * `template-bucket` under a key unique to this run). Call only after every input has been validated: the upload
 * is the first write.
 */
export async function templateLocation(
  template: LoadedTemplate,
  bucket: string | undefined,
  uniqueKey: string,
  clients: AwsClients
): Promise<TemplateLocation> {
  if (template.url !== undefined) return { TemplateURL: template.url }
  if (template.bytes <= TEMPLATE_BODY_LIMIT) return { TemplateBody: template.body }
  if (bucket === undefined) {
    throw new InputError('template-bucket', templateTooLargeMessage(template))
  }
  const key = `metaflow-deploy/${uniqueKey}/${basename(template.origin).replace(/[^\w.-]/g, '_') || 'template.yml'}`
  const s3 = await clients.s3()
  const { PutObjectCommand } = await import('@aws-sdk/client-s3')
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: Buffer.from(template.body, 'utf8'),
        ContentType: 'application/x-yaml'
      })
    )
  } catch (err) {
    throw new InputError(
      'template-bucket',
      `uploading the template to s3://${bucket}/${key} failed: ${messageOf(err)}. Check that the bucket exists in this region and that the role may s3:PutObject.`
    )
  }
  return { TemplateURL: await objectUrl(clients, bucket, key) }
}

/** Fails early, before anything changes, when a large template has nowhere to go. */
export function checkTemplateSize(template: LoadedTemplate, bucket: string | undefined): void {
  if (template.url === undefined && template.bytes > TEMPLATE_BODY_LIMIT && bucket === undefined) {
    throw new InputError('template-bucket', templateTooLargeMessage(template))
  }
}

function templateTooLargeMessage(template: LoadedTemplate): string {
  return `is required: ${template.origin} is ${template.bytes} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT}-byte limit for an inline template. Set template-bucket to an S3 bucket in this region that the role can write to; each run uploads the template there under a unique key.`
}
