/**
 * Where a request's template comes from (TemplateBody or TemplateURL) and the size limits CloudFormation puts on
 * each, with its error texts.
 */
import { str, type QueryParams } from '../query.js'
import { validation } from './errors.js'
import { parseTemplateUrl } from './template-url.js'
import type { Services } from './types.js'

/** TemplateBody: "Minimum length of 1. Maximum length of 51200" (CreateChangeSet API reference), in bytes. */
const TEMPLATE_BODY_MAX = 51_200
/** "Template body size in an Amazon S3 object: 1 MB" (user guide, "CloudFormation quotas"). */
const TEMPLATE_URL_MAX = 1_000_000

export function templateBodyFrom(services: Services, params: QueryParams): string {
  const body = str(params, 'TemplateBody')
  const url = str(params, 'TemplateURL')
  if (body !== undefined && url !== undefined)
    throw validation('Specify exactly one of TemplateBody or TemplateUrl.')
  if (body !== undefined) {
    if (Buffer.byteLength(body) > TEMPLATE_BODY_MAX) {
      throw validation(
        `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_MAX}`
      )
    }
    return body
  }
  if (url !== undefined) return templateAt(services, url)
  throw validation('Either Template URL or Template Body must be specified.')
}

/** Reads a template from the emulator's S3, whatever S3 host name the URL uses (see template-url.ts). */
export function templateAt(services: Services, url: string): string {
  const location = parseTemplateUrl(url)
  const object = services.readObject(location.bucket, location.key, location.versionId)
  // Wording quoted in public issue threads (F5Networks/f5-aws-cloudformation #16).
  if (object === undefined)
    throw validation('TemplateURL must reference a valid S3 object to which you have access.')
  if (Buffer.byteLength(object) > TEMPLATE_URL_MAX)
    throw validation(`Template may not exceed ${TEMPLATE_URL_MAX} bytes in size.`)
  return object
}
