import { escapeXml } from './xml.js'

/** Path-style S3 for template uploads: buckets, PutObject, GetObject, HeadObject, DeleteObject. */
export class S3Store {
  readonly buckets = new Map<string, Map<string, Buffer>>()

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map())
  }

  /** Finds an object from any URL form CloudFormation accepts for TemplateURL, or the emulator's own. */
  read(url: string): string | undefined {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return undefined
    }
    const path = decodeURIComponent(parsed.pathname).replace(/^\//, '')
    const virtualHost = /^([^.]+(?:\.[^.]+)*?)\.s3[.-]/.exec(parsed.hostname)
    let bucket: string
    let key: string
    if (parsed.protocol === 's3:') {
      bucket = parsed.hostname
      key = path
    } else if (virtualHost !== null && !parsed.hostname.startsWith('s3.')) {
      bucket = virtualHost[1] as string
      key = path
    } else {
      const slash = path.indexOf('/')
      bucket = path.slice(0, slash)
      key = path.slice(slash + 1)
    }
    return this.buckets.get(bucket)?.get(key)?.toString('utf8')
  }
}

export interface S3Reply {
  status: number
  body: string | Buffer
  headers?: Record<string, string>
}

function s3Error(status: number, code: string, message: string, resource: string): S3Reply {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><Resource>${escapeXml(resource)}</Resource><RequestId>emulator</RequestId></Error>`
  }
}

export function handleS3(
  store: S3Store,
  method: string,
  url: URL,
  body: Buffer
): { operation: string; reply: S3Reply } {
  const path = decodeURIComponent(url.pathname).replace(/^\//, '')
  const slash = path.indexOf('/')
  const bucketName = slash < 0 ? path : path.slice(0, slash)
  const key = slash < 0 ? '' : path.slice(slash + 1)
  if (key === '' && method === 'PUT') {
    store.createBucket(bucketName)
    return { operation: 'CreateBucket', reply: { status: 200, body: '' } }
  }
  const bucket = store.buckets.get(bucketName)
  const operation =
    { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' }[method] ?? 'Unknown'
  if (bucket === undefined) {
    return {
      operation,
      reply: s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', `/${bucketName}`)
    }
  }
  switch (method) {
    case 'PUT':
      bucket.set(key, body)
      return { operation, reply: { status: 200, body: '', headers: { etag: '"emulator"' } } }
    case 'GET':
    case 'HEAD': {
      const object = bucket.get(key)
      if (object === undefined)
        return {
          operation,
          reply: s3Error(404, 'NoSuchKey', 'The specified key does not exist.', `/${path}`)
        }
      return {
        operation,
        reply: {
          status: 200,
          body: method === 'GET' ? object : '',
          headers: { 'content-length': String(object.length) }
        }
      }
    }
    case 'DELETE':
      bucket.delete(key)
      return { operation, reply: { status: 204, body: '' } }
    default:
      return {
        operation,
        reply: s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed', `/${path}`)
      }
  }
}
