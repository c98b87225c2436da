import { describe, expect, it } from '@jest/globals'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assessDataLoss, DATA_TYPES, refusalMessage, type AllowDataLoss } from '../../src/guards/data-loss.js'
import { ROOT } from '../../harness/runner.js'

const none: AllowDataLoss = { all: false, paths: new Set() }

const change = (
  action: 'Add' | 'Modify' | 'Remove',
  type: string,
  extra: Partial<ResourceChange> = {}
): ResourceChange => ({
  Action: action,
  LogicalResourceId: 'Store',
  ResourceType: type,
  ...extra
})

describe('assessDataLoss', () => {
  it('flags the removal of a resource that holds data, deleted by default', () => {
    expect(assessDataLoss([change('Remove', 'AWS::S3::Bucket')], none)).toEqual([
      {
        logicalId: 'Store',
        resourceType: 'AWS::S3::Bucket',
        change: 'remove',
        fate: 'Delete',
        allowed: false
      }
    ])
  })

  it('does not flag a removal the template retains (DeletionPolicy: Retain)', () => {
    expect(
      assessDataLoss([change('Remove', 'AWS::RDS::DBInstance', { PolicyAction: 'Retain' })], none)
    ).toEqual([])
  })

  it('flags a removal that only snapshots the data', () => {
    const [verdict] = assessDataLoss(
      [change('Remove', 'AWS::RDS::DBCluster', { PolicyAction: 'Snapshot' })],
      none
    )
    expect(verdict?.fate).toBe('Snapshot')
  })

  it('flags a replacement, certain or conditional, whatever its policy', () => {
    const verdicts = assessDataLoss(
      [
        change('Modify', 'AWS::DynamoDB::Table', {
          Replacement: 'True',
          PolicyAction: 'ReplaceAndDelete',
          LogicalResourceId: 'A'
        }),
        change('Modify', 'AWS::EFS::FileSystem', { Replacement: 'Conditional', LogicalResourceId: 'B' }),
        change('Modify', 'AWS::Logs::LogGroup', {
          Replacement: 'True',
          PolicyAction: 'ReplaceAndRetain',
          LogicalResourceId: 'C'
        })
      ],
      none
    )
    expect(verdicts.map(v => [v.logicalId, v.change, v.fate])).toEqual([
      ['A', 'replace', 'ReplaceAndDelete'],
      ['B', 'replace', 'ReplaceAndDelete'],
      ['C', 'replace', 'ReplaceAndRetain']
    ])
  })

  it('ignores additions, in-place modifications and resources that hold no data', () => {
    expect(
      assessDataLoss(
        [
          change('Add', 'AWS::S3::Bucket'),
          change('Modify', 'AWS::S3::Bucket', { Replacement: 'False' }),
          change('Remove', 'AWS::IAM::Role'),
          change('Modify', 'AWS::Lambda::Function', { Replacement: 'True' })
        ],
        none
      )
    ).toEqual([])
  })

  it('covers nested stacks: removing one removes everything in it', () => {
    expect(assessDataLoss([change('Remove', 'AWS::CloudFormation::Stack')], none)).toHaveLength(1)
  })

  it('marks the ids allow-data-loss lists as allowed, and all of them for *', () => {
    const changes = [
      change('Remove', 'AWS::S3::Bucket', { LogicalResourceId: 'Keep' }),
      change('Remove', 'AWS::S3::Bucket', { LogicalResourceId: 'Drop' })
    ]
    expect(
      assessDataLoss(changes, { all: false, paths: new Set(['Drop']) }).map(v => [v.logicalId, v.allowed])
    ).toEqual([
      ['Keep', false],
      ['Drop', true]
    ])
    expect(assessDataLoss(changes, { all: true }).every(v => v.allowed)).toBe(true)
  })

  it('knows the data stores the issue names', () => {
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBCluster',
      'AWS::DynamoDB::Table',
      'AWS::SecretsManager::Secret',
      'AWS::EFS::FileSystem',
      'AWS::Logs::LogGroup',
      'AWS::ECR::Repository',
      'AWS::KMS::Key'
    ])
      expect(Object.keys(DATA_TYPES)).toContain(type)
  })

  it('is the list docs/previews.md gives', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'previews.md'), 'utf8')
    for (const type of Object.keys(DATA_TYPES)) expect(docs).toContain(`\`${type}\``)
  })
})

describe('refusalMessage', () => {
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
    { all: false, paths: new Set(['Allowed']) }
  )

  it('names each refused resource, what happens to its data, and how to allow it', () => {
    const message = refusalMessage('metaflow-prod', verdicts)
    expect(message).toContain('metaflow-prod')
    expect(message).toContain(
      'RDSMasterInstance (AWS::RDS::DBInstance) is replaced: a new, empty one replaces it; a final snapshot of the old one is taken, then it is deleted (ReplaceAndSnapshot).'
    )
    expect(message).toContain(
      'MetaflowS3Bucket (AWS::S3::Bucket) is removed: it is deleted with its data (Delete).'
    )
    expect(message).toContain('`allow-data-loss: RDSMasterInstance,MetaflowS3Bucket`')
    expect(message).toContain('`*`')
    expect(message).not.toContain('Allowed (')
  })

  it('never starts a line the runner would read as a workflow command', () => {
    expect(
      refusalMessage('s', verdicts)
        .split('\n')
        .some(line => line.trimStart().startsWith('::'))
    ).toBe(false)
  })

  it('is empty when everything is allowed', () => {
    expect(
      refusalMessage(
        's',
        verdicts.filter(v => v.allowed)
      )
    ).toBe('')
  })
})

describe('the network under the data', () => {
  const replaced = (type: string, id: string) => ({
    Action: 'Modify' as const,
    Replacement: 'True' as const,
    ResourceType: type,
    LogicalResourceId: id
  })
  it('counts replacing a VPC, subnet or DB subnet group, but not removing one', () => {
    const none = { all: false as const, paths: new Set<string>() }
    const verdicts = assessDataLoss(
      [
        replaced('AWS::EC2::VPC', 'VPC'),
        replaced('AWS::EC2::Subnet', 'Subnet1'),
        replaced('AWS::RDS::DBSubnetGroup', 'DBSubnetGroup'),
        { Action: 'Remove', ResourceType: 'AWS::EC2::Subnet', LogicalResourceId: 'Old' },
        replaced('AWS::EC2::SecurityGroup', 'SG')
      ],
      none
    )
    expect(verdicts.map(v => [v.logicalId, v.change, v.allowed])).toEqual([
      ['VPC', 'replace', false],
      ['Subnet1', 'replace', false],
      ['DBSubnetGroup', 'replace', false]
    ])
  })
})
