import { validation } from './errors.js'

/** Where a TemplateURL points in S3. */
export interface S3Location {
  bucket: string
  key: string
  versionId?: string
}

/**
 * The S3 URL forms CloudFormation reads a template from (CreateChangeSet API reference, TemplateURL: "The URL must
 * point to a template that's located in an Amazon S3 bucket"; S3 user guide, "Virtual-hosted-style and path-style
 * requests" and "Legacy: regional endpoints with a dash"):
 *   https://BUCKET.s3.amazonaws.com/KEY               https://s3.amazonaws.com/BUCKET/KEY
 *   https://BUCKET.s3.REGION.amazonaws.com/KEY        https://s3.REGION.amazonaws.com/BUCKET/KEY
 *   https://BUCKET.s3-REGION.amazonaws.com/KEY        https://s3-REGION.amazonaws.com/BUCKET/KEY
 * (also `s3.dualstack.REGION`, and `.amazonaws.com.cn` in China), with an optional `?versionId=`. Real AWS host
 * names map onto the emulator's own S3 store. The emulator's own endpoint (http://127.0.0.1:PORT/BUCKET/KEY) is
 * accepted too, as a test convenience that real AWS does not have.
 */
const S3_HOST = /^s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/
const VIRTUAL_HOST = /^(.+?)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/
const OWN_HOST = /^(?:127\.0\.0\.1|localhost)$/

/**
 * Wording of the refusal for a URL that is not an S3 https URL (s3://, another host); quoted in public issue
 * threads (mlnrt/incident-response-and-forensic #1, aws-cli #3200 for nested stacks).
 */
export const UNSUPPORTED_URL = 'TemplateURL must be a supported URL.'

export function parseTemplateUrl(url: string): S3Location {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw validation(UNSUPPORTED_URL)
  }
  const own = parsed.protocol === 'http:' && OWN_HOST.test(parsed.hostname)
  if (parsed.protocol !== 'https:' && !own) throw validation(UNSUPPORTED_URL)
  const path = decodeURIComponent(parsed.pathname).replace(/^\//, '')
  const versionId = parsed.searchParams.get('versionId') ?? undefined
  const withVersion = (location: S3Location): S3Location =>
    versionId === undefined ? location : { ...location, versionId }
  const virtual = VIRTUAL_HOST.exec(parsed.hostname)
  if (virtual !== null && !S3_HOST.test(parsed.hostname)) {
    return withVersion({ bucket: virtual[1] as string, key: path })
  }
  if (S3_HOST.test(parsed.hostname) || own) {
    const slash = path.indexOf('/')
    if (slash <= 0) throw validation(UNSUPPORTED_URL)
    return withVersion({ bucket: path.slice(0, slash), key: path.slice(slash + 1) })
  }
  throw validation(UNSUPPORTED_URL)
}
