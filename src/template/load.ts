import type { S3Client } from '@aws-sdk/client-s3'
import { readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AwsClients } from '../aws/clients.js'
import { customS3Endpoint } from '../aws/clients.js'
import { InputError, messageOf } from '../run/errors.js'
import type { TemplateSource } from '../settings/settings.js'
import { BUNDLED_TEMPLATE_PATH } from './bundled.js'
import { parseTemplateBody, TemplateSyntaxError } from './cfn-yaml.js'
import { compactTemplate } from './compact.js'
import { parseS3Url, s3ObjectUrl, type S3Object } from './s3-url.js'
import { readRegularFile, workspacePath } from './workspace-file.js'

export { parseS3Url } from './s3-url.js'

/** CloudFormation's limit for an inline TemplateBody, in bytes (UTF-8), not characters. */
export const TEMPLATE_BODY_LIMIT = 51_200
/** CloudFormation's limit for a template in S3, in bytes. */
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
  /** Size of the body in UTF-8 bytes, the unit of CloudFormation's limits. */
  bytes: number
  /** Declared parameters, in a map without a prototype (a parameter may be called `constructor`). */
  parameters: Record<string, TemplateParameter>
  resourceCount: number
  /** Set when the template already lives in S3: the URL CloudFormation gets, exactly as the user gave it. */
  url?: string
}

/** How the template reaches CloudFormation. */
export type TemplateLocation = { TemplateBody: string } | { TemplateURL: string }

/** A template the action put in `template-bucket`, to be removed once the run is over. */
export interface UploadedTemplate {
  bucket: string
  key: string
  /** The version S3 gave the upload, in a versioned bucket. */
  versionId?: string
}

/** Where the template goes, and what was uploaded to get it there (undefined when nothing was). */
export interface PlacedTemplate {
  location: TemplateLocation
  uploaded?: UploadedTemplate
}

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
      return fromBody(
        compactTemplate(readFileSync(join(actionRoot(), BUNDLED), 'utf8')),
        `the bundled ${BUNDLED}`
      )
    case 'file': {
      const path = workspacePath('template', source.path, workspace)
      const bytes = readRegularFile('template', source.path, path, {
        bytes: TEMPLATE_URL_LIMIT,
        rule: `CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes even from S3.`
      })
      return fromBody(bytes.toString('utf8'), source.path)
    }
    case 'url':
      return fromUrl(source.url, clients)
  }
}

/**
 * Reads a template in S3 for the parameter checks. CloudFormation gets the URL exactly as given (its version,
 * its region, a presigned query); only an s3:// URL, which CloudFormation refuses ("TemplateURL must be a
 * supported URL"), becomes the https URL of the same object in this run's region and partition.
 */
async function fromUrl(url: string, clients: AwsClients): Promise<LoadedTemplate> {
  const object = parseS3Url(url)
  const runRegion = await clients.region()
  const s3 = await s3ClientFor(clients, object.region ?? runRegion, runRegion)
  const { GetObjectCommand } = await import('@aws-sdk/client-s3')
  let body: string
  try {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        ...(object.versionId === undefined ? {} : { VersionId: object.versionId })
      })
    )
    if ((response.ContentLength ?? 0) > TEMPLATE_URL_LIMIT) {
      throw new InputError(
        'template',
        `${url} is ${response.ContentLength} bytes; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes from S3.`
      )
    }
    body = (await response.Body?.transformToString('utf8')) ?? ''
  } catch (err) {
    if (err instanceof InputError) throw err
    throw new InputError(
      'template',
      `could not read ${describe(object)}: ${messageOf(err)}. Check the URL and that the role may s3:GetObject${object.versionId === undefined ? '' : ' and s3:GetObjectVersion'} on it.`
    )
  }
  const given = url.startsWith('s3:')
    ? s3ObjectUrl(runRegion, object.bucket, object.key, customS3Endpoint(), object.versionId)
    : url
  return { ...fromBody(body, url), url: given }
}

function describe(object: S3Object): string {
  return `s3://${object.bucket}/${object.key}${object.versionId === undefined ? '' : ` (version ${object.versionId})`}${object.region === undefined ? '' : ` in ${object.region}`}`
}

/**
 * An S3 client for the region a URL names: the run's own client when it is the same region, otherwise one built
 * like it (credentials, retries, HTTP handler, user agent) for that region, following S3's region redirects for
 * a global host whose bucket lives elsewhere.
 */
async function s3ClientFor(clients: AwsClients, region: string, runRegion: string): Promise<S3Client> {
  const base = await clients.s3()
  if (region === runRegion) return base
  const { S3Client: Client } = await import('@aws-sdk/client-s3')
  const { customUserAgent } = base.config
  return new Client({
    region,
    credentials: base.config.credentials,
    retryStrategy: await base.config.retryStrategy(),
    requestHandler: base.config.requestHandler,
    ...(customUserAgent === undefined ? {} : { customUserAgent }),
    forcePathStyle: customS3Endpoint() !== undefined,
    followRegionRedirects: true
  })
}

function fromBody(body: string, origin: string): LoadedTemplate {
  // Bytes, not characters: CloudFormation's limits count UTF-8 bytes, and a template of 51,200 characters with
  // some non-ASCII text is over the inline limit.
  const bytes = Buffer.byteLength(body, 'utf8')
  if (bytes > TEMPLATE_URL_LIMIT) {
    throw new InputError(
      'template',
      `${origin} is ${bytes} bytes; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes even from S3.`
    )
  }
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
  const parameters = template.Parameters
  if (
    parameters !== undefined &&
    (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))
  ) {
    throw new InputError('template', `${origin} has a Parameters section that is not a map.`)
  }
  return {
    origin,
    body,
    bytes,
    parameters: (parameters ?? Object.create(null)) as Record<string, TemplateParameter>,
    resourceCount: Object.keys(template.Resources).length
  }
}

/** The URL CloudFormation should read an S3 object from: this run's region and partition, or the endpoint override. */
export async function objectUrl(clients: AwsClients, bucket: string, key: string): Promise<string> {
  return s3ObjectUrl(await clients.region(), bucket, key, customS3Endpoint())
}

/**
 * Decides how CloudFormation gets the template: inline up to 51,200 bytes, otherwise from S3 (uploaded to
 * `template-bucket` under a key unique to this run), and says what it uploaded so the run can remove it
 * (removeUploadedTemplate). Call only after every input has been validated: the upload is the first write.
 */
export async function placeTemplate(
  template: LoadedTemplate,
  bucket: string | undefined,
  uniqueKey: string,
  clients: AwsClients
): Promise<PlacedTemplate> {
  if (template.url !== undefined) return { location: { TemplateURL: template.url } }
  if (template.bytes <= TEMPLATE_BODY_LIMIT) return { location: { TemplateBody: template.body } }
  if (bucket === undefined) {
    throw new InputError('template-bucket', templateTooLargeMessage(template))
  }
  const key = `metaflow-deploy/${uniqueKey}/${basename(template.origin).replace(/[^\w.-]/g, '_') || 'template.yml'}`
  const s3 = await clients.s3()
  const { PutObjectCommand } = await import('@aws-sdk/client-s3')
  let versionId: string | undefined
  try {
    const response = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: Buffer.from(template.body, 'utf8'),
        ContentType: 'application/x-yaml'
      })
    )
    versionId = response.VersionId
  } catch (err) {
    throw new InputError(
      'template-bucket',
      `uploading the template to s3://${bucket}/${key} failed: ${messageOf(err)}. Check that the bucket exists in this region and that the role may s3:PutObject.`
    )
  }
  return {
    location: { TemplateURL: await objectUrl(clients, bucket, key) },
    uploaded: { bucket, key, ...(versionId === undefined ? {} : { versionId }) }
  }
}

/**
 * Removes a template the run uploaded. CloudFormation copies the template into the change set when it creates
 * it, so nothing reads the object afterwards, in any mode (a kept plan executes from its own copy). Deletes the
 * key, not the version: that needs only s3:DeleteObject; in a versioned bucket the old version stays until a
 * lifecycle rule expires it (the README says so). Warns, never throws: clean-up must not hide the real outcome.
 */
export async function removeUploadedTemplate(
  clients: AwsClients,
  uploaded: UploadedTemplate | undefined,
  warn: (message: string) => void
): Promise<void> {
  if (uploaded === undefined) return
  try {
    const s3 = await clients.s3()
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3')
    await s3.send(new DeleteObjectCommand({ Bucket: uploaded.bucket, Key: uploaded.key }))
  } catch (err) {
    warn(
      `Could not remove the uploaded template s3://${uploaded.bucket}/${uploaded.key}: ${messageOf(err)}. Delete it by hand, or give template-bucket a lifecycle rule; the role needs s3:DeleteObject on it.`
    )
  }
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
