import { escapeXml } from './xml.js'
import type { StackView } from './stack-view.js'

/**
 * Amazon RDS, the manual snapshots the action takes before a migration, over RDS's query protocol (Version
 * 2014-10-31, XML answers whose list members are named for their type: `<DBSnapshots><DBSnapshot>`):
 * - CreateDBSnapshot: "Creates a snapshot of a DB instance. The source DB instance must be in the available or
 *   storage-optimization state." Answers the snapshot with Status `creating`; an identifier already taken is
 *   DBSnapshotAlreadyExists, an unknown instance DBInstanceNotFound (CreateDBSnapshot API reference). Tags given
 *   with it are stored on the snapshot (and need rds:AddTagsToResource, "Tagging Amazon RDS resources").
 * - DescribeDBSnapshots by DBSnapshotIdentifier: the snapshot, `creating` with PercentProgress, then `available`;
 *   an unknown identifier is DBSnapshotNotFound (DescribeDBSnapshots API reference).
 * DB instances are the stacks' AWS::RDS::DBInstance resources, seen read-only through the StackView.
 */

export interface Snapshot {
  id: string
  instance: string
  status: 'creating' | 'available' | 'failed'
  progress: number
  created: Date
  tags: { Key: string; Value: string }[]
  /** Describe calls left before it is available. */
  pollsLeft: number
}

export interface QueryReply {
  status: number
  body: string
  errorCode?: string
}

const ACCOUNT = '123456789012'
const NS = 'http://rds.amazonaws.com/doc/2014-10-31/'

export class RdsStore {
  readonly snapshots = new Map<string, Snapshot>()
  /** Describe calls before a new snapshot is available (minutes in AWS). */
  snapshotPolls = 1
  /** When set, new snapshots end `failed` (a test knob). */
  failSnapshots = false

  constructor(private readonly view: StackView) {}

  handle(operation: string, form: URLSearchParams, region: string, requestId: string): QueryReply {
    switch (operation) {
      case 'CreateDBSnapshot':
        return this.create(form, region, requestId)
      case 'DescribeDBSnapshots':
        return this.describe(form, region, requestId)
      default:
        return fault(
          400,
          'InvalidAction',
          `Could not find operation ${operation} for version 2014-10-31`,
          requestId
        )
    }
  }

  private create(form: URLSearchParams, region: string, requestId: string): QueryReply {
    const instance = form.get('DBInstanceIdentifier') ?? ''
    const id = form.get('DBSnapshotIdentifier') ?? ''
    if (!this.view.ofType('AWS::RDS::DBInstance').some(r => r.physicalId === instance))
      return fault(404, 'DBInstanceNotFound', `DBInstance ${instance} not found.`, requestId)
    if (!/^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}$/.test(id) || id.endsWith('-'))
      return fault(
        400,
        'InvalidParameterValue',
        `The parameter DBSnapshotIdentifier is not a valid identifier.`,
        requestId
      )
    if (this.snapshots.has(id))
      return fault(
        400,
        'DBSnapshotAlreadyExists',
        `Cannot create the snapshot because a snapshot with the identifier ${id} already exists.`,
        requestId
      )
    const tags: Snapshot['tags'] = []
    for (const [key, value] of form) {
      const match = /^Tags\.(?:Tag|member)\.(\d+)\.Key$/.exec(key)
      if (match !== null)
        tags.push({
          Key: value,
          Value: form.get(`Tags.${key.split('.')[1] ?? 'Tag'}.${match[1] ?? ''}.Value`) ?? ''
        })
    }
    const snapshot: Snapshot = {
      id,
      instance,
      status: 'creating',
      progress: 0,
      created: new Date(),
      tags,
      pollsLeft: this.snapshotPolls
    }
    this.snapshots.set(id, snapshot)
    return ok('CreateDBSnapshot', `<DBSnapshot>${snapshotXml(snapshot, region)}</DBSnapshot>`, requestId)
  }

  private describe(form: URLSearchParams, region: string, requestId: string): QueryReply {
    const id = form.get('DBSnapshotIdentifier')
    const found =
      id === null ? [...this.snapshots.values()] : [this.snapshots.get(id)].filter(s => s !== undefined)
    if (id !== null && found.length === 0)
      return fault(404, 'DBSnapshotNotFound', `DBSnapshot ${id} not found.`, requestId)
    for (const snapshot of found) {
      if (snapshot.status !== 'creating') continue
      if (snapshot.pollsLeft > 0) {
        snapshot.pollsLeft -= 1
        snapshot.progress = 50
      } else {
        snapshot.status = this.failSnapshots ? 'failed' : 'available'
        snapshot.progress = 100
      }
    }
    const members = found.map(s => `<DBSnapshot>${snapshotXml(s, region)}</DBSnapshot>`).join('')
    return ok('DescribeDBSnapshots', `<DBSnapshots>${members}</DBSnapshots>`, requestId)
  }
}

function snapshotXml(s: Snapshot, region: string): string {
  const tags = s.tags
    .map(t => `<Tag><Key>${escapeXml(t.Key)}</Key><Value>${escapeXml(t.Value)}</Value></Tag>`)
    .join('')
  return (
    `<DBSnapshotIdentifier>${escapeXml(s.id)}</DBSnapshotIdentifier><DBInstanceIdentifier>${escapeXml(s.instance)}</DBInstanceIdentifier>` +
    `<SnapshotCreateTime>${s.created.toISOString()}</SnapshotCreateTime><Engine>postgres</Engine><Status>${s.status}</Status>` +
    `<PercentProgress>${s.progress}</PercentProgress><SnapshotType>manual</SnapshotType>` +
    `<DBSnapshotArn>arn:aws:rds:${region}:${ACCOUNT}:snapshot:${escapeXml(s.id)}</DBSnapshotArn><TagList>${tags}</TagList>`
  )
}

function ok(action: string, result: string, requestId: string): QueryReply {
  return {
    status: 200,
    body: `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  }
}

function fault(status: number, code: string, message: string, requestId: string): QueryReply {
  return {
    status,
    errorCode: code,
    body: `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  }
}
