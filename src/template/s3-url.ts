import { InputError } from '../run/errors.js'

/**
 * AWS partitions: the region pattern and the DNS suffix of each, as the AWS SDK's endpoint rules list them
 * (@aws-sdk/core, util-endpoints `partitions.js`). GovCloud shares amazonaws.com with the commercial partition;
 * China, the European Sovereign Cloud and the ISO partitions have their own. `implicitGlobalRegion` is where a
 * global (region-less) host such as s3.amazonaws.com signs its requests.
 */
interface Partition {
  id: string
  regions: RegExp
  dnsSuffix: string
  implicitGlobalRegion: string
}

const PARTITIONS: readonly Partition[] = [
  {
    id: 'aws-cn',
    regions: /^cn-\w+-\d+$/,
    dnsSuffix: 'amazonaws.com.cn',
    implicitGlobalRegion: 'cn-northwest-1'
  },
  {
    id: 'aws-us-gov',
    regions: /^us-gov-\w+-\d+$/,
    dnsSuffix: 'amazonaws.com',
    implicitGlobalRegion: 'us-gov-west-1'
  },
  {
    id: 'aws-iso',
    regions: /^us-iso-\w+-\d+$/,
    dnsSuffix: 'c2s.ic.gov',
    implicitGlobalRegion: 'us-iso-east-1'
  },
  {
    id: 'aws-iso-b',
    regions: /^us-isob-\w+-\d+$/,
    dnsSuffix: 'sc2s.sgov.gov',
    implicitGlobalRegion: 'us-isob-east-1'
  },
  {
    id: 'aws-iso-e',
    regions: /^eu-isoe-\w+-\d+$/,
    dnsSuffix: 'cloud.adc-e.uk',
    implicitGlobalRegion: 'eu-isoe-west-1'
  },
  {
    id: 'aws-iso-f',
    regions: /^us-isof-\w+-\d+$/,
    dnsSuffix: 'csp.hci.ic.gov',
    implicitGlobalRegion: 'us-isof-south-1'
  },
  {
    id: 'aws-eusc',
    regions: /^eusc-de-\w+-\d+$/,
    dnsSuffix: 'amazonaws.eu',
    implicitGlobalRegion: 'eusc-de-east-1'
  }
]
const AWS: Partition = {
  id: 'aws',
  regions: /^(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/,
  dnsSuffix: 'amazonaws.com',
  implicitGlobalRegion: 'us-east-1'
}

/** The partition a region belongs to (the commercial one for anything unknown, as the SDK does). */
export function partitionOf(region: string): Partition {
  return PARTITIONS.find(p => p.regions.test(region)) ?? AWS
}

/** An S3 object as a template URL names it. */
export interface S3Object {
  bucket: string
  key: string
  /** The region the host names (or the partition's global region for a global host); undefined for s3://. */
  region?: string
  versionId?: string
}

const SUFFIXES = [...new Set([...PARTITIONS, AWS].map(p => p.dnsSuffix))]
  .sort((a, b) => b.length - a.length)
  .map(s => s.replace(/\./g, '\\.'))
  .join('|')
/**
 * S3 hosts (S3 user guide, "Virtual-hosted-style and path-style requests", "Legacy: regional endpoints with a
 * dash", "Dual-stack endpoints", "FIPS endpoints"): s3, s3.REGION, s3-REGION, s3.dualstack.REGION,
 * s3-fips.REGION, s3-fips.dualstack.REGION, s3-external-1; each optionally preceded by `BUCKET.` (virtual-hosted)
 * and followed by a partition's DNS suffix. The bucket part is greedy: a dotted bucket name keeps its dots.
 */
const S3_HOST = new RegExp(
  `^(?:(?<bucket>.+)\\.)?(?<endpoint>s3-external-1|s3(?:-fips)?(?:[.-](?:dualstack\\.)?(?<region>[a-z]{2,}(?:-[a-z]+)+-\\d+))?|s3(?:-fips)?\\.dualstack)\\.(?<suffix>${SUFFIXES})$`
)

function notS3(url: string): InputError {
  return new InputError(
    'template',
    `"${url}" is not an S3 object URL. CloudFormation reads templates only from S3: use https://BUCKET.s3.REGION.amazonaws.com/KEY (or s3://BUCKET/KEY), or a path in the workspace.`
  )
}

/**
 * Reads bucket, key, region and version out of a template URL, in every form S3 serves objects from, in every
 * partition. The URL itself goes to CloudFormation unchanged; this is only for reading the template here.
 */
export function parseS3Url(url: string): S3Object {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw notS3(url)
  }
  const versionId = parsed.searchParams.get('versionId') ?? undefined
  const withVersion = (object: S3Object): S3Object =>
    versionId === undefined ? object : { ...object, versionId }
  const path = decodePath(parsed.pathname, url)
  if (parsed.protocol === 's3:') {
    if (parsed.hostname === '' || path === '') throw notS3(url)
    return withVersion({ bucket: parsed.hostname, key: path })
  }
  const host = S3_HOST.exec(parsed.hostname)?.groups
  if (parsed.protocol !== 'https:' || host === undefined) throw notS3(url)
  const suffix = host.suffix as string
  const region =
    host.region ??
    (host.endpoint === 's3-external-1'
      ? 'us-east-1'
      : // GovCloud shares amazonaws.com, but a global host there is the commercial partition's.
        ([AWS, ...PARTITIONS].find(p => p.dnsSuffix === suffix) ?? AWS).implicitGlobalRegion)
  if (host.bucket !== undefined) {
    if (path === '') throw notS3(url)
    return withVersion({ bucket: host.bucket, key: path, region })
  }
  const slash = path.indexOf('/')
  if (slash <= 0 || slash === path.length - 1) throw notS3(url)
  return withVersion({ bucket: path.slice(0, slash), key: path.slice(slash + 1), region })
}

function decodePath(pathname: string, url: string): string {
  try {
    return decodeURIComponent(pathname.replace(/^\//, ''))
  } catch {
    throw notS3(url)
  }
}

/**
 * The https URL of an object in `region`'s partition: virtual-hosted, or path-style for a dotted bucket name
 * (whose virtual host would not match S3's wildcard certificate). With an endpoint override (an emulator or a
 * VPC endpoint) the override's path-style URL.
 */
export function s3ObjectUrl(
  region: string,
  bucket: string,
  key: string,
  endpoint?: string,
  versionId?: string
): string {
  const encodedKey = key.split('/').map(encodeURIComponent).join('/')
  const query = versionId === undefined ? '' : `?versionId=${encodeURIComponent(versionId)}`
  if (endpoint !== undefined) return `${endpoint}/${bucket}/${encodedKey}${query}`
  const host = `s3.${region}.${partitionOf(region).dnsSuffix}`
  return bucket.includes('.')
    ? `https://${host}/${bucket}/${encodedKey}${query}`
    : `https://${bucket}.${host}/${encodedKey}${query}`
}
