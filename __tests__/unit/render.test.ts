import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import {
  renderFailedPreview,
  renderFailure,
  renderReport,
  redactReport,
  type ChangeReport,
  type RenderOptions
} from '../../src/render/render-report.js'
import { ROOT } from '../../harness/runner.js'
import { assessPlan } from '../../src/guards/data-loss.js'
import {
  add,
  base,
  comment,
  DATA_LOSS_REPORT,
  HOSTILE,
  HOSTILE_REPORT,
  MIXED,
  modify,
  NESTED_REPORT,
  property,
  POLICY_CHANGE,
  RUN_URL,
  summary
} from './render-fixtures.js'
import { golden } from './render-golden.js'
import { expectExact, render, valuesOf } from './render-gfm.js'

/**
 * Golden files: each is what GitHub will show for a representative change set. Read them on GitHub (or any
 * Markdown preview) when they change; `UPDATE_GOLDEN=1` rewrites them after a deliberate change. Every case is also
 * rendered with a GFM engine, and every value it holds must read back exactly.
 */
interface Case {
  file: string
  report: ChangeReport
  options: RenderOptions
}

const CASES: Case[] = [
  {
    file: 'add-only.md',
    report: {
      ...base,
      operation: 'create',
      changes: [
        add('MetaflowS3Bucket', 'AWS::S3::Bucket'),
        add('StepFunctionsStateDDB', 'AWS::DynamoDB::Table'),
        add('JobQueue', 'AWS::Batch::JobQueue')
      ],
      parameters: [
        { key: 'MaxVCPUBatch', before: undefined, after: '32' },
        { key: 'EnableSagemaker', before: undefined, after: 'false' }
      ]
    },
    options: comment
  },
  {
    file: 'mixed-destructive.md',
    report: {
      ...base,
      changes: MIXED,
      parameters: [{ key: 'DBInstanceClass', before: 'db.t3.small', after: 'db.m6g.large' }]
    },
    options: comment
  },
  {
    file: 'noecho.md',
    report: {
      ...base,
      changes: [
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
                AfterValue: 'rotated from hunter2-correct-horse'
              },
              Evaluation: 'Static',
              ChangeSource: 'ParameterReference',
              CausingEntity: 'DbPassword'
            }
          ]
        }
      ],
      parameters: [{ key: 'DbPassword', before: '****', after: '****' }],
      secrets: ['hunter2-correct-horse']
    },
    options: comment
  },
  { file: 'empty.md', report: base, options: comment },
  {
    file: 'deploy-summary.md',
    report: {
      ...base,
      kind: 'deploy',
      status: 'UPDATE_COMPLETE',
      changes: MIXED.slice(1, 2),
      outputs: {
        ServiceUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/api/',
        ApiKeyId: 'x82qsv9b95'
      }
    },
    options: summary
  },
  { file: 'policy-added-statement.md', report: { ...base, changes: POLICY_CHANGE }, options: comment },
  {
    file: 'policy-added-statement-summary.md',
    report: { ...base, changes: POLICY_CHANGE },
    options: summary
  },
  { file: 'hostile-values.md', report: HOSTILE_REPORT, options: comment },
  { file: 'hostile-values-summary.md', report: HOSTILE_REPORT, options: summary },
  { file: 'data-loss-refusals.md', report: DATA_LOSS_REPORT, options: comment },
  { file: 'nested.md', report: NESTED_REPORT, options: comment },
  { file: 'output-only.md', report: { ...base, hasChanges: true }, options: comment }
]

describe('renderReport golden files', () => {
  it.each(CASES.map(c => [c.file, c] as const))('%s matches its golden file', (file, c) => {
    golden(join('__tests__', 'golden', file), renderReport(c.report, c.options).body)
  })

  it.each(CASES.map(c => [c.file, c] as const))(
    '%s shows every value exactly when GitHub renders it (GFM)',
    (_, c) => {
      const body = readFileSync(join(ROOT, '__tests__', 'golden', _), 'utf8')
      expectExact(body, valuesOf(redactReport(c.report)), [RUN_URL])
    }
  )

  it('has a case for every golden file, so none goes unchecked', () => {
    const files = readdirSync(join(ROOT, '__tests__', 'golden')).filter(f => f.endsWith('.md'))
    const covered = new Set([...CASES.map(c => c.file), 'failed-preview.md', 'deploy-failure.md'])
    expect(files.filter(f => !covered.has(f))).toEqual([])
  })

  it('marks data-holding removals and replacements with a caution block', () => {
    const rendered = renderReport(CASES[1]!.report, comment)
    expect(rendered.level).toBe('full')
    expect(rendered.body).toContain('> [!CAUTION]')
  })

  it('redacts a NoEcho value wherever it would appear', () => {
    const body = renderReport(CASES[2]!.report, comment).body
    expect(body).not.toContain('hunter2')
    expect(body).toContain('rotated from ****')
  })
})

describe('exact values', () => {
  it.each([
    ['comment', comment],
    ['job summary', summary]
  ])('shows every hostile value exactly in the %s', (_, options) => {
    const shown = expectExact(renderReport(HOSTILE_REPORT, options).body, valuesOf(HOSTILE_REPORT), [RUN_URL])
    // Nothing Markdown would make of the values: no emphasis but the renderer's own words.
    for (const text of shown.emphasis)
      expect(HOSTILE.some(v => v.includes(text) && text.length > 3)).toBe(false)
  })

  it('shows hostile logical ids and types exactly in the caution list, the table and the details summary', () => {
    const ids = ['Bucket_one_', '@octocat', '*star*', 'a`b', 'x&amp;y']
    const changes: ResourceChange[] = ids.map(id => ({
      ...MIXED[4]!,
      LogicalResourceId: id,
      Details: [
        {
          Target: {
            Attribute: 'Properties',
            Path: '/Properties/RetentionInDays',
            BeforeValue: '7',
            AfterValue: '30'
          },
          Evaluation: 'Static',
          ChangeSource: 'DirectModification'
        }
      ]
    }))
    const shown = expectExact(renderReport({ ...base, changes }, comment).body, ids, [RUN_URL])
    // Each id is shown three times: the caution list, the resource table and the details' summary.
    for (const id of ids) expect(shown.codes.filter(c => c === id)).toHaveLength(3)
  })

  it('keeps a value that ends in a backslash from swallowing the cell after it', () => {
    const body = renderReport(
      { ...base, parameters: [{ key: 'Path', before: 'C:\\', after: 'D:\\' }] },
      comment
    ).body
    const cells = render(body).html.match(/<td>[\s\S]*?<\/td>/g) ?? []
    expect(cells).toEqual([
      '<td><code>Path</code></td>',
      '<td><code>C:\\</code></td>',
      '<td><code>D:\\</code></td>'
    ])
  })
})

describe('whole changes', () => {
  it('shows a policy statement added in the middle as + lines of a diff', () => {
    const body = renderReport({ ...base, changes: POLICY_CHANGE }, comment).body
    const diff = render(body).blocks.find(b => b.lang === 'diff' && b.text.includes('DeleteEverything'))
    expect(diff).toBeDefined()
    const added = (diff?.text ?? '').split('\n').filter(line => line.startsWith('+'))
    expect(added).toEqual([
      '+    {',
      '+      "Sid": "DeleteEverything",',
      '+      "Effect": "Allow",',
      '+      "Action": "s3:*",',
      '+      "Resource": "*"',
      '+    },'
    ])
    expect((diff?.text ?? '').split('\n').filter(line => line.startsWith('-'))).toEqual([])
  })

  it('names each property by its path, its kind of change, and why', () => {
    const body = renderReport({ ...base, changes: MIXED }, comment).body
    expect(body).toContain(
      '| `DBInstanceClass` | Modify | Conditionally | parameter `DBInstanceClass` | `db.t3.small` | `db.m6g.large` |'
    )
  })

  it('folds property changes in the comment and opens them in the job summary', () => {
    expect(renderReport({ ...base, changes: POLICY_CHANGE }, comment).body).toContain('<details>\n<summary>')
    expect(renderReport({ ...base, changes: POLICY_CHANGE }, summary).body).toContain(
      '<details open>\n<summary>'
    )
  })
})

describe('data-loss verdicts', () => {
  it('marks refused rows and says how to allow them; allowed ones as allowed', () => {
    const body = renderReport(DATA_LOSS_REPORT, comment).body
    expect(body).toContain(
      '| 🟠 | `RDSMasterInstance` | `AWS::RDS::DBInstance` | Replace | **Yes** | ⛔ refused without `allow-data-loss` |'
    )
    expect(body).toContain(
      '| 🔴 | `LegacyLogs` | `AWS::Logs::LogGroup` | Remove |  | ✅ allowed by `allow-data-loss` |'
    )
    expect(body).toContain('| 🔴 | `ArchiveBucket` | `AWS::S3::Bucket` | Remove |  | 💾 kept (Retain) |')
    expect(body).toContain('set `allow-data-loss: RDSMasterInstance`')
  })

  it('marks a refused resource inside a nested stack, in its own table and in the caution list', () => {
    const dataLoss = assessPlan(
      {
        changes: NESTED_REPORT.changes.map(c => ({ Type: 'Resource' as const, ResourceChange: c })),
        nested: NESTED_REPORT.nested ?? []
      },
      { all: false, paths: new Set() }
    )
    const body = renderReport({ ...NESTED_REPORT, dataLoss }, comment).body
    expect(body).toContain(
      '| 🟠 | `RDSMasterInstance` | `AWS::RDS::DBInstance` | Replace | **Yes** | ⛔ refused without `allow-data-loss` |'
    )
    expect(body).toMatch(
      /- 🟠 `DatabaseStack` › `RDSMasterInstance` .*⛔ \*\*The deploy after merging refuses this\*\*/
    )
    expect(body).toContain('set `allow-data-loss: DatabaseStack/RDSMasterInstance`')
  })

  it('adds no data column when the report carries no verdicts', () => {
    expect(renderReport({ ...base, changes: MIXED }, comment).body).not.toContain('| Data |')
    expect(renderReport({ ...base, changes: MIXED, dataLoss: [] }, comment).body).not.toContain('| Data |')
  })
})

describe('nested stacks and output-only updates', () => {
  it('counts nested changes and shows each nested stack in its own section', () => {
    const body = renderReport(NESTED_REPORT, comment).body
    expect(body).toContain('**Merging deploys:** 2 to add, 1 to modify, 1 to replace, 0 to remove.')
    expect(body).toContain('#### Nested stack `DatabaseStack` › `Monitoring`')
    expect(body).toContain(
      '- 🟠 `DatabaseStack` › `RDSMasterInstance` (`AWS::RDS::DBInstance`) is **replaced**'
    )
  })

  it('says an update with no resource changes still changes the stack', () => {
    const body = renderReport({ ...base, hasChanges: true }, comment).body
    expect(body).toContain(
      "No resource changes: merging updates only the stack's outputs, parameters or tags."
    )
    expect(body).not.toContain('No changes.')
  })
})

describe('failure renderers', () => {
  const reason =
    'Parameter validation failed: parameter value *s3:* for @octocat does not match [a-z]+ | see #123\nwww.example.com `x` \\'

  it('renders a failed preview with its reason exactly, the commit and the run', () => {
    const body = renderFailedPreview({
      stackName: 'metaflow-dev',
      environment: 'dev',
      region: 'us-east-1',
      reason,
      commitSha: base.commitSha,
      runUrl: RUN_URL,
      secrets: [],
      header: comment.header
    })
    golden(join('__tests__', 'golden', 'failed-preview.md'), body)
    expect(body.startsWith(`${comment.header ?? ''}\n`)).toBe(true)
    expect(body).toContain('failed')
    const shown = expectExact(body, [reason, 'metaflow-dev', '4f2c0d9'], [RUN_URL])
    expect(shown.blocks.map(b => b.text)).toContain(`${reason}\n`)
  })

  it('renders a failed deploy with every reason exactly', () => {
    const failure = {
      stackName: 'metaflow-dev',
      environment: 'dev',
      region: 'us-east-1',
      status: 'UPDATE_ROLLBACK_COMPLETE',
      failures: [
        { logicalId: 'Bucket', type: 'AWS::S3::Bucket', status: 'UPDATE_FAILED', reason },
        {
          logicalId: 'Role',
          type: 'AWS::IAM::Role',
          status: 'UPDATE_FAILED',
          reason:
            'Resource handler returned message: "Policy *s3:* is invalid" (HandlerErrorCode: InvalidRequest)'
        }
      ],
      commitSha: base.commitSha,
      runUrl: RUN_URL,
      secrets: []
    }
    const body = renderFailure(failure)
    golden(join('__tests__', 'golden', 'deploy-failure.md'), body)
    expectExact(
      body,
      failure.failures.flatMap(f => [f.logicalId, f.type, f.status, f.reason]),
      [RUN_URL]
    )
  })
})

describe('renderReport size budget', () => {
  const many = (n: number, details = true): ResourceChange[] =>
    Array.from({ length: n }, (_, i) => ({
      Action: 'Modify' as const,
      LogicalResourceId: `Bucket${i}`,
      ResourceType: i % 3 === 0 ? 'AWS::S3::Bucket' : 'AWS::SQS::Queue',
      Replacement: i % 10 === 0 ? ('True' as const) : ('False' as const),
      Scope: ['Properties'],
      Details: details
        ? [
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
        : []
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
      `**Merging deploys:** 0 to add, ${n - replaced} to modify, ${replaced} to replace, 0 to remove.`
    )
    if (level !== 'full') expect(rendered.body).toContain('The job summary has the full detail.')
  })

  it('keeps a step summary under 1 MiB in bytes, counting multi-byte characters', () => {
    const rendered = renderReport({ ...base, changes: many(10000) }, summary)
    expect(Buffer.byteLength(rendered.body)).toBeLessThanOrEqual(1_000_000)
  })

  it('leaves out long diffs before property tables, and the cells say where the values are', () => {
    const doc = (tag: string): string =>
      JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ Name: `VAR_${i}`, Value: `${tag}-${i}` })))
    const changes = Array.from({ length: 5 }, (_, i) =>
      modify(`Task${i}`, 'AWS::ECS::TaskDefinition', [
        property('/Properties/ContainerDefinitions', doc('old'), doc('new'))
      ])
    )
    const { body, level } = renderReport({ ...base, changes }, comment)
    expect(level).toBe('no-diffs')
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain('#### Property changes')
    expect(body).not.toContain('```diff')
    expect(body).not.toContain('_(below)_')
    expect(body).toContain('_(left out to fit; see the job summary)_')
    expect(body).toContain('Long values and their diffs are left out')
    // The job summary has room: every diff, whole.
    const full = renderReport({ ...base, changes }, summary)
    expect(full.level).toBe('full')
    expect(full.body.match(/```diff/g)).toHaveLength(5)
  })

  it('cuts an absurd report at a line, closing a code block the cut falls in, and says so', () => {
    const multiline = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n')
    const parameters = Array.from({ length: 300 }, (_, i) => ({
      key: `P${i}`,
      before: undefined,
      after: multiline
    }))
    const { body, level } = renderReport({ ...base, parameters }, comment)
    expect(level).toBe('truncated')
    expect(body.length).toBeLessThanOrEqual(65_536)
    const shown = render(body)
    // The note and the footer are still Markdown, not swallowed by an open code block.
    expect(shown.prose).toContain('Cut to fit the size limit.')
    expect(shown.links).toEqual([`<a href="${RUN_URL}">`])
  })

  /** The smallest number of changes whose comment no longer has room for the per-resource table. */
  function tableBoundary(): number {
    let low = 1
    let high = 4000
    while (low < high) {
      const mid = Math.floor((low + high) / 2)
      if (renderReport({ ...base, changes: many(mid, false) }, comment).level === 'counts') high = mid
      else low = mid + 1
    }
    return low
  }

  it('caps the list of replaced and removed resources only together with the table, at the boundary', () => {
    const boundary = tableBoundary()
    for (const n of [boundary - 1, boundary]) {
      const { body, level } = renderReport({ ...base, changes: many(n, false) }, comment)
      const listed = body.split('\n').filter(line => line.startsWith('> - 🟠')).length
      const hasTable = body.includes('#### Resources\n')
      expect(level === 'counts').toBe(n >= boundary)
      expect(hasTable).toBe(n < boundary)
      // With the table, every replaced resource is listed; without it, the cap points at the job summary.
      expect(listed).toBe(hasTable ? Math.ceil(n / 10) : 50)
      expect(body).not.toContain('see the table')
      if (!hasTable) expect(body).toContain(`more. The job summary has the full detail.`)
      expect(body.length).toBeLessThanOrEqual(65_536)
    }
  })
})
