import { describe, expect, it } from '@jest/globals'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  assessDataLoss,
  assessPlan,
  DATA_TYPES,
  describeVerdict,
  refusalMessage,
  type AllowDataLoss
} from '../../src/guards/data-loss.js'
import { NO_DATA_TYPES, REMOVABLE_NETWORK_TYPES } from '../../src/guards/no-data-types.js'
import { ROOT } from '../../harness/runner.js'

const none: AllowDataLoss = { all: false, paths: new Set() }
const allowing = (...paths: string[]): AllowDataLoss => ({ all: false, paths: new Set(paths) })

const change = (
  action: 'Add' | 'Modify' | 'Remove' | 'Dynamic',
  type: string,
  extra: Partial<ResourceChange> = {}
): ResourceChange => ({
  Action: action,
  LogicalResourceId: 'Store',
  ResourceType: type,
  ...extra
})

/** The red team's 28 types that went through the old list-of-data-types guard unrefused (issue 23.4). */
const RED_TEAM_TYPES = [
  'AWS::SageMaker::NotebookInstance',
  'AWS::SageMaker::Domain',
  'AWS::SSM::Parameter',
  'AWS::EC2::Instance',
  'AWS::MemoryDB::Cluster',
  'AWS::MSK::Cluster',
  'AWS::MSK::ServerlessCluster',
  'AWS::Cassandra::Keyspace',
  'AWS::Cassandra::Table',
  'AWS::Glue::Table',
  'AWS::Glue::Database',
  'AWS::QLDB::Ledger',
  'AWS::FSx::Volume',
  'AWS::CodeCommit::Repository',
  'AWS::OpenSearchServerless::Collection',
  'AWS::EMR::Cluster',
  'AWS::CloudTrail::EventDataStore',
  'AWS::Events::Archive',
  'AWS::AmazonMQ::Broker',
  'AWS::CodeArtifact::Repository',
  'AWS::NeptuneGraph::Graph',
  'AWS::KMS::ReplicaKey',
  'AWS::SageMaker::FeatureGroup',
  'AWS::RedshiftServerless::Namespace',
  'AWS::DocDBElastic::Cluster',
  'AWS::Lightsail::Database',
  'AWS::Timestream::InfluxDBInstance',
  'AWS::S3Tables::TableBucket'
]

describe('deny by default (issue 23.4)', () => {
  it.each(RED_TEAM_TYPES)('refuses removing or replacing %s', type => {
    const verdicts = assessDataLoss(
      [
        change('Remove', type, { LogicalResourceId: 'Gone' }),
        change('Modify', type, { LogicalResourceId: 'New', Replacement: 'True' })
      ],
      none
    )
    expect(verdicts.map(v => [v.logicalId, v.change, v.certainty, v.allowed])).toEqual([
      ['Gone', 'remove', 'certain', false],
      ['New', 'replace', 'certain', false]
    ])
  })

  it('has 28 distinct red-team types, none on the no-data list', () => {
    expect(new Set(RED_TEAM_TYPES).size).toBe(28)
    for (const type of RED_TEAM_TYPES) expect(Object.keys(NO_DATA_TYPES)).not.toContain(type)
  })

  it('refuses a type nobody has heard of, and custom resources', () => {
    for (const type of ['AWS::NewService::Store', 'Custom::Migration', 'AWS::CloudFormation::CustomResource'])
      expect(assessDataLoss([change('Remove', type)], none)).toHaveLength(1)
  })

  it('lets the no-data types be replaced or removed, each with a reason', () => {
    for (const [type, why] of Object.entries(NO_DATA_TYPES)) {
      expect(why.length).toBeGreaterThan(5)
      expect(
        assessDataLoss([change('Remove', type), change('Modify', type, { Replacement: 'True' })], none)
      ).toEqual([])
    }
  })

  it('lets a network be removed but not replaced (what runs in it may be replaced while executing)', () => {
    for (const type of Object.keys(REMOVABLE_NETWORK_TYPES)) {
      expect(assessDataLoss([change('Remove', type)], none)).toEqual([])
      expect(assessDataLoss([change('Modify', type, { Replacement: 'True' })], none)).toHaveLength(1)
    }
  })

  it('does not flag a removal the template retains (DeletionPolicy: Retain), nor additions and plain modifies', () => {
    expect(
      assessDataLoss(
        [
          change('Remove', 'AWS::RDS::DBInstance', { PolicyAction: 'Retain' }),
          change('Add', 'AWS::S3::Bucket'),
          change('Modify', 'AWS::S3::Bucket', { Replacement: 'False' })
        ],
        none
      )
    ).toEqual([])
  })

  it('counts Replacement Conditional and Action Dynamic as possible losses, and says so', () => {
    const verdicts = assessDataLoss(
      [
        change('Modify', 'AWS::EFS::FileSystem', { Replacement: 'Conditional', LogicalResourceId: 'B' }),
        change('Dynamic', 'AWS::SSM::Parameter', { LogicalResourceId: 'C' }),
        change('Dynamic', 'AWS::IAM::Role', { LogicalResourceId: 'Role' })
      ],
      none
    )
    expect(verdicts.map(v => [v.logicalId, v.change, v.certainty])).toEqual([
      ['B', 'replace', 'possible'],
      ['C', 'modify', 'possible']
    ])
    for (const verdict of verdicts) expect(describeVerdict(verdict)).toMatch(/Counted as a possible loss\./)
    expect(describeVerdict(verdicts[0]!)).toMatch(/B \(AWS::EFS::FileSystem\) may be replaced/)
  })

  it('a replacement counts whatever its policy', () => {
    const verdicts = assessDataLoss(
      [change('Modify', 'AWS::Logs::LogGroup', { Replacement: 'True', PolicyAction: 'ReplaceAndRetain' })],
      none
    )
    expect(verdicts.map(v => v.fate)).toEqual(['ReplaceAndRetain'])
  })
})

describe("AWS's defaults in the guard's words (issue 23.8)", () => {
  it('RDS instances outside clusters and clusters are snapshotted on removal by default', () => {
    const [instance, cluster, member] = assessDataLoss(
      [
        change('Remove', 'AWS::RDS::DBInstance', {
          LogicalResourceId: 'Db',
          BeforeContext: JSON.stringify({ Properties: { Engine: 'postgres' } })
        }),
        change('Remove', 'AWS::RDS::DBCluster', { LogicalResourceId: 'Cluster' }),
        change('Remove', 'AWS::RDS::DBInstance', {
          LogicalResourceId: 'Member',
          BeforeContext: JSON.stringify({ Properties: { DBClusterIdentifier: 'c' } })
        })
      ],
      none
    )
    expect([instance?.fate, cluster?.fate, member?.fate]).toEqual(['Snapshot', 'Snapshot', 'Delete'])
    expect(describeVerdict(instance!)).toMatch(/a final snapshot is taken, then it is deleted \(Snapshot\)/)
  })

  it('a KMS key is scheduled for deletion, 7-30 days, cancellable', () => {
    const [key] = assessDataLoss([change('Remove', 'AWS::KMS::Key')], none)
    expect(describeVerdict(key!)).toMatch(
      /scheduled for deletion after a waiting period of 7-30 days \(cancellable/
    )
  })
})

describe('destroying data in place (issue 23.5)', () => {
  /** A Modify as DescribeChangeSet gives it with IncludePropertyValues: details with before and after values. */
  const modify = (type: string, name: string, before: unknown, after: unknown): ResourceChange => ({
    Action: 'Modify',
    LogicalResourceId: 'Store',
    ResourceType: type,
    Replacement: 'False',
    Details: [
      {
        Target: {
          Attribute: 'Properties',
          Name: name,
          Path: `/Properties/${name}`,
          RequiresRecreation: 'Never',
          ...(before === undefined
            ? {}
            : { BeforeValue: typeof before === 'string' ? before : JSON.stringify(before) }),
          ...(after === undefined
            ? {}
            : { AfterValue: typeof after === 'string' ? after : JSON.stringify(after) })
        }
      }
    ]
  })

  const SIX: [string, ResourceChange, RegExp][] = [
    [
      'log retention 3653 -> 1 day',
      modify('AWS::Logs::LogGroup', 'RetentionInDays', '3653', '1'),
      /retention is lowered from 3653 days to 1 days/
    ],
    [
      'an S3 lifecycle rule expiring objects after a day',
      modify('AWS::S3::Bucket', 'LifecycleConfiguration', undefined, {
        Rules: [{ Id: 'x', Status: 'Enabled', ExpirationInDays: 1 }]
      }),
      /expires objects after 1 days \(before: forever\)/
    ],
    [
      'RDS BackupRetentionPeriod 0',
      modify('AWS::RDS::DBInstance', 'BackupRetentionPeriod', '7', '0'),
      /automated backups are turned off/
    ],
    [
      'DynamoDB TTL switched on',
      modify('AWS::DynamoDB::Table', 'TimeToLiveSpecification', undefined, {
        AttributeName: 'ttl',
        Enabled: true
      }),
      /time to live is switched on/
    ],
    [
      'SQS retention 60 s',
      modify('AWS::SQS::Queue', 'MessageRetentionPeriod', undefined, '60'),
      /lowered from 345600 s to 60 s/
    ],
    ['a KMS key disabled', modify('AWS::KMS::Key', 'Enabled', 'true', 'false'), /the key is disabled/]
  ]

  it.each(SIX)('refuses %s like a removal, and says why', (_, destructive, why) => {
    const verdicts = assessDataLoss([destructive], none)
    expect(verdicts.map(v => [v.change, v.fate, v.allowed])).toEqual([['modify', 'InPlace', false]])
    expect(describeVerdict(verdicts[0]!)).toMatch(why)
    expect(assessDataLoss([destructive], allowing('Store'))[0]?.allowed).toBe(true)
  })

  it('reads whole property documents from BeforeContext/AfterContext too, and nested detail paths', () => {
    const fromContext: ResourceChange = {
      Action: 'Modify',
      LogicalResourceId: 'Store',
      ResourceType: 'AWS::S3::Bucket',
      Replacement: 'False',
      BeforeContext: JSON.stringify({
        Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 90 }] } }
      }),
      AfterContext: JSON.stringify({
        Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 30 }] } }
      })
    }
    expect(assessDataLoss([fromContext], none)).toHaveLength(1)
    const deepPath: ResourceChange = {
      Action: 'Modify',
      LogicalResourceId: 'Store',
      ResourceType: 'AWS::S3::Bucket',
      Details: [
        {
          Target: {
            Attribute: 'Properties',
            Path: '/Properties/LifecycleConfiguration/Rules/0/ExpirationInDays',
            BeforeValue: '90',
            AfterValue: '30'
          }
        },
        {
          Target: {
            Attribute: 'Properties',
            Path: '/Properties/LifecycleConfiguration/Rules/0/Status',
            BeforeValue: 'Enabled',
            AfterValue: 'Enabled'
          }
        }
      ]
    }
    expect(assessDataLoss([deepPath], none)).toHaveLength(1)
  })

  it('lets the safe direction through: retention raised, TTL already on, a key enabled', () => {
    expect(
      assessDataLoss(
        [
          modify('AWS::Logs::LogGroup', 'RetentionInDays', '1', '3653'),
          modify('AWS::Logs::LogGroup', 'RetentionInDays', '14', undefined),
          modify('AWS::KMS::Key', 'Enabled', 'false', 'true'),
          modify('AWS::SQS::Queue', 'MessageRetentionPeriod', '60', '1209600'),
          modify('AWS::RDS::DBCluster', 'BackupRetentionPeriod', '1', '7')
        ],
        none
      )
    ).toEqual([])
  })
})

describe('nested stacks and scoped allowances (issues 23.6, 23.7)', () => {
  const store = change('Remove', 'AWS::S3::Bucket')
  const plan = {
    changes: [
      { Type: 'Resource' as const, ResourceChange: store },
      {
        Type: 'Resource' as const,
        ResourceChange: change('Modify', 'AWS::CloudFormation::Stack', {
          LogicalResourceId: 'Inner',
          ChangeSetId: 'cs'
        })
      }
    ],
    nested: [{ path: ['Inner'], changes: [store] }]
  }

  it('names each verdict by its path, and a bare id allows the root resource only', () => {
    const verdicts = assessPlan(plan, allowing('Store'))
    expect(verdicts.map(v => [[...v.path, v.logicalId].join('/'), v.allowed])).toEqual([
      ['Store', true],
      ['Inner/Store', false]
    ])
    expect(refusalMessage('app', verdicts)).toContain('`allow-data-loss: Inner/Store`')
  })

  it('matches exactly: no prefix of an id or a path allows anything', () => {
    for (const allowed of ['Stor', 'Inner', 'Inner/Stor', 'Inner/', '/Store', 'inner/store', 'Inner/Store/x'])
      expect(assessPlan(plan, allowing(allowed)).filter(v => v.allowed)).toEqual([])
    expect(assessPlan(plan, allowing('Inner/Store', 'Store')).every(v => v.allowed)).toBe(true)
  })

  it('refuses a nested stack Modify whose change set was not read, unless its path is allowed', () => {
    const unread = { changes: plan.changes, nested: [] }
    const verdicts = assessPlan(unread, allowing('Store'))
    expect(verdicts.map(v => [v.logicalId, v.change, v.certainty, v.fate, v.allowed])).toEqual([
      ['Store', 'remove', 'certain', 'Delete', true],
      ['Inner', 'modify', 'possible', 'Unknown', false]
    ])
    expect(describeVerdict(verdicts[1]!)).toMatch(/what changes inside this nested stack is unknown/)
    expect(assessPlan(unread, allowing('Store', 'Inner')).every(v => v.allowed)).toBe(true)
  })

  it('removing or replacing a nested stack removes everything in it', () => {
    expect(assessDataLoss([change('Remove', 'AWS::CloudFormation::Stack')], none)).toHaveLength(1)
    expect(
      assessDataLoss(
        [change('Modify', 'AWS::CloudFormation::Stack', { Replacement: 'True' })],
        none,
        [],
        new Set(['Store'])
      )
    ).toHaveLength(1)
  })

  it('`*` allows everything', () => {
    expect(assessPlan(plan, { all: true }).every(v => v.allowed)).toBe(true)
  })
})

describe('the words', () => {
  it('docs/previews.md names every well-known data store', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'previews.md'), 'utf8')
    for (const type of Object.keys(DATA_TYPES)) expect(docs).toContain(`\`${type}\``)
  })

  const verdicts = assessDataLoss(
    [
      change('Modify', 'AWS::RDS::DBInstance', {
        Replacement: 'True',
        PolicyAction: 'ReplaceAndSnapshot',
        LogicalResourceId: 'RDSMasterInstance'
      }),
      change('Remove', 'AWS::S3::Bucket', { LogicalResourceId: 'MetaflowS3Bucket' }),
      change('Remove', 'AWS::Logs::LogGroup', { LogicalResourceId: 'Allowed' })
    ],
    allowing('Allowed')
  )

  it('the refusal names each refused resource, what happens to its data, and how to allow it', () => {
    const message = refusalMessage('metaflow-prod', verdicts)
    expect(message).toContain('metaflow-prod')
    expect(message).toContain(
      'RDSMasterInstance (AWS::RDS::DBInstance) is replaced: a new, empty one replaces it; a final snapshot of the old one is taken, then it is deleted (ReplaceAndSnapshot).'
    )
    expect(message).toContain(
      'MetaflowS3Bucket (AWS::S3::Bucket) is removed: it is deleted with its data (Delete).'
    )
    expect(message).toContain('`allow-data-loss: RDSMasterInstance,MetaflowS3Bucket`')
    expect(message).not.toContain('Allowed (')
    expect(message.split('\n').some(line => line.trimStart().startsWith('::'))).toBe(false)
    expect(
      refusalMessage(
        's',
        verdicts.filter(v => v.allowed)
      )
    ).toBe('')
  })
})

describe('docs/data-loss.md', () => {
  it('lists every type the guard lets go, every remove-only network type and every in-place rule', async () => {
    const { NO_DATA_TYPES, REMOVABLE_NETWORK_TYPES } = await import('../../src/guards/no-data-types.js')
    const { DESTRUCTIVE_RULES } = await import('../../src/guards/destructive-properties.js')
    const docs = readFileSync(join(ROOT, 'docs', 'data-loss.md'), 'utf8')
    const listed = (section: string): string[] =>
      [...(docs.split(section)[1] ?? '').matchAll(/^\| `(AWS::[\w:]+)` \|/gm)].map(m => m[1] as string)
    expect(listed('## Types that hold no data')).toEqual([
      ...Object.keys(NO_DATA_TYPES),
      ...Object.keys(REMOVABLE_NETWORK_TYPES)
    ])
    for (const type of Object.keys(DESTRUCTIVE_RULES)) expect(docs).toContain(`\`${type}\``)
  })
})
