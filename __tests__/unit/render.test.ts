import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { differenceWindow, renderReport, type ChangeReport } from '../../src/render/change-set.js'
import { ROOT } from '../../harness/runner.js'

/**
 * Golden files: each is what GitHub will show for a representative change set. Read them on GitHub (or any
 * Markdown preview) when they change; `UPDATE_GOLDEN=1 npm test` rewrites them after a deliberate change.
 */
function golden(name: string, body: string): void {
  const path = join(ROOT, '__tests__', 'golden', name)
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, body)
  expect(body).toBe(readFileSync(path, 'utf8'))
}

const base: ChangeReport = {
  kind: 'preview',
  stackName: 'metaflow-dev',
  environment: 'dev',
  region: 'us-east-1',
  operation: 'update',
  changes: [],
  parameters: [],
  commitSha: '4f2c0d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  runUrl: 'https://github.com/acme/ml-infra/actions/runs/7001',
  secrets: []
}

const add = (id: string, type: string): ResourceChange => ({
  Action: 'Add',
  LogicalResourceId: id,
  ResourceType: type,
  Scope: [],
  Details: []
})

const comment = {
  limit: 65_536,
  unit: 'chars' as const,
  header: '<!-- metaflow-deploy preview: stack=metaflow-dev; environment=dev; region=us-east-1 -->',
  fullDetailIn: 'The job summary has the full detail.'
}

const MIXED: ResourceChange[] = [
  add('NotebookInstance', 'AWS::SageMaker::NotebookInstance'),
  {
    Action: 'Modify',
    LogicalResourceId: 'StepFunctionsStateDDB',
    PhysicalResourceId: 'metaflow-dev-StepFunctionsStateDDB-T59RW2L4SE2A',
    ResourceType: 'AWS::DynamoDB::Table',
    Replacement: 'False',
    Scope: ['Properties'],
    Details: [
      {
        Target: {
          Attribute: 'Properties',
          Name: 'BillingMode',
          RequiresRecreation: 'Never',
          BeforeValue: 'PAY_PER_REQUEST',
          AfterValue: 'PROVISIONED',
          AttributeChangeType: 'Modify'
        },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification'
      }
    ]
  },
  {
    Action: 'Modify',
    LogicalResourceId: 'RDSMasterInstance',
    PhysicalResourceId: 'metaflow-dev-rdsmasterinstance-0pq3v5',
    ResourceType: 'AWS::RDS::DBInstance',
    Replacement: 'True',
    PolicyAction: 'ReplaceAndSnapshot',
    Scope: ['Properties'],
    Details: [
      {
        Target: {
          Attribute: 'Properties',
          Name: 'DBInstanceClass',
          RequiresRecreation: 'Conditionally',
          BeforeValue: 'db.t3.small',
          AfterValue: 'db.m6g.large',
          AttributeChangeType: 'Modify'
        },
        Evaluation: 'Static',
        ChangeSource: 'ParameterReference',
        CausingEntity: 'DBInstanceClass'
      },
      {
        Target: {
          Attribute: 'Properties',
          Name: 'StorageEncrypted',
          RequiresRecreation: 'Always',
          BeforeValue: 'false',
          AfterValue: 'true',
          AttributeChangeType: 'Modify'
        },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification'
      }
    ]
  },
  {
    Action: 'Modify',
    LogicalResourceId: 'TaskDefinition',
    ResourceType: 'AWS::ECS::TaskDefinition',
    Replacement: 'Conditional',
    PolicyAction: 'ReplaceAndDelete',
    Scope: ['Properties'],
    Details: [
      {
        Target: { Attribute: 'Properties', Name: 'ContainerDefinitions', RequiresRecreation: 'Always' },
        Evaluation: 'Dynamic',
        ChangeSource: 'ResourceAttribute',
        CausingEntity: 'RDSMasterInstance.Endpoint.Address'
      }
    ]
  },
  {
    Action: 'Remove',
    LogicalResourceId: 'LegacyLogs',
    PhysicalResourceId: '/ecs/metaflow-dev-legacy',
    ResourceType: 'AWS::Logs::LogGroup',
    PolicyAction: 'Delete',
    Scope: [],
    Details: []
  },
  {
    Action: 'Remove',
    LogicalResourceId: 'ArchiveBucket',
    PhysicalResourceId: 'metaflow-dev-archive-x1',
    ResourceType: 'AWS::S3::Bucket',
    PolicyAction: 'Retain',
    Scope: [],
    Details: []
  },
  {
    Action: 'Remove',
    LogicalResourceId: 'ECSRole',
    PhysicalResourceId: 'metaflow-dev-ECSRole-9K2',
    ResourceType: 'AWS::IAM::Role',
    PolicyAction: 'Delete',
    Scope: [],
    Details: []
  }
]

describe('renderReport golden files', () => {
  it('renders an add-only change set (a new stack)', () => {
    const changes = [
      add('MetaflowS3Bucket', 'AWS::S3::Bucket'),
      add('StepFunctionsStateDDB', 'AWS::DynamoDB::Table'),
      add('JobQueue', 'AWS::Batch::JobQueue')
    ]
    const parameters = [
      { key: 'MaxVCPUBatch', before: undefined, after: '32' },
      { key: 'EnableSagemaker', before: undefined, after: 'false' }
    ]
    golden('add-only.md', renderReport({ ...base, operation: 'create', changes, parameters }, comment).body)
  })

  it('renders replacements and removals of data-holding resources with a caution block', () => {
    const parameters = [{ key: 'DBInstanceClass', before: 'db.t3.small', after: 'db.m6g.large' }]
    const rendered = renderReport({ ...base, changes: MIXED, parameters }, comment)
    expect(rendered.level).toBe('full')
    expect(rendered.body).toContain('> [!CAUTION]')
    golden('mixed-destructive.md', rendered.body)
  })

  it('shows NoEcho parameters as **** and redacts a known secret wherever it would appear', () => {
    const secret = 'hunter2-correct-horse'
    const changes: ResourceChange[] = [
      {
        Action: 'Modify',
        LogicalResourceId: 'DBSecret',
        ResourceType: 'AWS::SecretsManager::Secret',
        Replacement: 'False',
        Scope: ['Properties'],
        Details: [
          {
            Target: {
              Attribute: 'Properties',
              Name: 'Description',
              RequiresRecreation: 'Never',
              BeforeValue: 'old',
              AfterValue: `rotated from ${secret}`
            },
            Evaluation: 'Static',
            ChangeSource: 'ParameterReference',
            CausingEntity: 'DbPassword'
          }
        ]
      }
    ]
    const parameters = [{ key: 'DbPassword', before: '****', after: '****' }]
    const body = renderReport({ ...base, changes, parameters, secrets: [secret] }, comment).body
    expect(body).not.toContain(secret)
    golden('noecho.md', body)
  })

  it('renders an empty change set as a short no-changes comment', () => {
    golden('empty.md', renderReport(base, comment).body)
  })

  it('renders a deploy summary with its outputs', () => {
    golden(
      'deploy-summary.md',
      renderReport(
        {
          ...base,
          kind: 'deploy',
          status: 'UPDATE_COMPLETE',
          changes: MIXED.slice(1, 2),
          outputs: {
            ServiceUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/api/',
            ApiKeyId: 'x82qsv9b95'
          }
        },
        { limit: 1_000_000, unit: 'bytes', fullDetailIn: 'The run log lists every change.' }
      ).body
    )
  })
})

describe('renderReport size budget', () => {
  const many = (n: number): ResourceChange[] =>
    Array.from({ length: n }, (_, i) => ({
      Action: 'Modify' as const,
      LogicalResourceId: `Bucket${i}`,
      ResourceType: i % 3 === 0 ? 'AWS::S3::Bucket' : 'AWS::SQS::Queue',
      Replacement: i % 10 === 0 ? ('True' as const) : ('False' as const),
      Scope: ['Properties'],
      Details: [
        {
          Target: {
            Attribute: 'Properties',
            Name: 'Tags',
            RequiresRecreation: 'Never' as const,
            BeforeValue: 'a'.repeat(50),
            AfterValue: 'b'.repeat(50)
          },
          Evaluation: 'Static' as const,
          ChangeSource: 'DirectModification' as const
        }
      ]
    }))

  it.each([
    [50, 'full'],
    [300, 'no-details'],
    [2000, 'counts'],
    [10000, 'counts']
  ])('keeps %i changes under 65,536 characters (%s)', (n, level) => {
    const rendered = renderReport({ ...base, changes: many(n) }, comment)
    expect(rendered.body.length).toBeLessThanOrEqual(65_536)
    expect(rendered.level).toBe(level)
    const replaced = Math.ceil(n / 10)
    expect(rendered.body).toContain(
      `**Plan:** 0 to add, ${n - replaced} to modify, ${replaced} to replace, 0 to remove.`
    )
    if (level !== 'full') expect(rendered.body).toContain('The job summary has the full detail.')
  })

  it('keeps a step summary under 1 MiB in bytes, counting multi-byte characters', () => {
    const rendered = renderReport(
      { ...base, changes: many(10000) },
      { limit: 1_000_000, unit: 'bytes', fullDetailIn: 'x' }
    )
    expect(Buffer.byteLength(rendered.body)).toBeLessThanOrEqual(1_000_000)
  })
})

describe('differenceWindow', () => {
  it('leaves short values alone', () => {
    expect(differenceWindow('a', 'b')).toEqual(['a', 'b'])
  })

  it('shows long values around their first difference, so they do not look alike', () => {
    const before = `${'x'.repeat(500)}OLD${'y'.repeat(500)}`
    const after = `${'x'.repeat(500)}NEW${'y'.repeat(500)}`
    const [b, a] = differenceWindow(before, after, 100)
    expect(b).toContain('OLD')
    expect(a).toContain('NEW')
    expect(b.startsWith('…')).toBe(true)
    expect(b.length).toBeLessThanOrEqual(100)
  })
})
