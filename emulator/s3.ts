import { randomUUID } from 'node:crypto'
import { escapeXml } from './xml.js'

/**
 * Path-style S3 for template uploads: buckets, PutObject, GetObject, HeadObject, DeleteObject. Every bucket keeps
 * object versions, as a bucket with versioning enabled does (S3 user guide, "Retaining multiple versions of
 * objects with S3 Versioning"): PutObject answers `x-amz-version-id`, GetObject takes `?versionId=`.
 */
export class S3Store {
  /** The latest body of each object (tests may also put objects here directly). */
  readonly buckets = new Map<string, Map<string, Buffer>>()
  /** Every version of each object, oldest first, by `bucket/key`. */
  readonly versions = new Map<string, { versionId: string; body: Buffer }[]>()

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map())
  }

  /** Stores a new version of an object and returns its version id; the bucket is created if needed. */
  putObject(bucket: string, key: string, body: Buffer | string): string {
    this.createBucket(bucket)
    const data = typeof body === 'string' ? Buffer.from(body) : body
    this.buckets.get(bucket)?.set(key, data)
    const versionId = randomUUID().replace(/-/g, '')
    const list = this.versions.get(`${bucket}/${key}`) ?? []
    list.push({ versionId, body: data })
    this.versions.set(`${bucket}/${key}`, list)
    return versionId
  }

  /** An object's body: the latest, or the named version. */
  getObject(bucket: string, key: string, versionId?: string): Buffer | undefined {
    if (versionId === undefined) return this.buckets.get(bucket)?.get(key)
    return this.versions.get(`${bucket}/${key}`)?.find(v => v.versionId === versionId)?.body
  }

  latestVersionId(bucket: string, key: string): string | undefined {
    return this.versions.get(`${bucket}/${key}`)?.at(-1)?.versionId
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
    return this.getObject(bucket, key, parsed.searchParams.get('versionId') ?? undefined)?.toString('utf8')
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
    case 'PUT': {
      const versionId = store.putObject(bucketName, key, body)
      return {
        operation,
        reply: { status: 200, body: '', headers: { etag: '"emulator"', 'x-amz-version-id': versionId } }
      }
    }
    case 'GET':
    case 'HEAD': {
      const versionId = url.searchParams.get('versionId') ?? undefined
      const object = store.getObject(bucketName, key, versionId)
      const shownVersion = versionId ?? store.latestVersionId(bucketName, key)
      if (object === undefined)
        return {
          operation,
          reply:
            versionId === undefined
              ? s3Error(404, 'NoSuchKey', 'The specified key does not exist.', `/${path}`)
              : s3Error(404, 'NoSuchVersion', 'The specified version does not exist.', `/${path}`)
        }
      return {
        operation,
        reply: {
          status: 200,
          body: method === 'GET' ? object : '',
          headers: {
            'content-length': String(object.length),
            ...(shownVersion === undefined ? {} : { 'x-amz-version-id': shownVersion })
          }
        }
      }
    }
    case 'DELETE':
      bucket.delete(key)
      store.versions.delete(`${bucketName}/${key}`)
      return { operation, reply: { status: 204, body: '' } }
    default:
      return {
        operation,
        reply: s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed', `/${path}`)
      }
  }
}
