import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { ROOT } from '../../harness/runner.js'
import { assessDataLoss } from '../../src/guards/data-loss.js'
import { renderRefusedDeploy, renderReport, type ChangeReport } from '../../src/render/render-report.js'
import { add, base, comment, MIXED, property, summary, RUN_URL } from './render-fixtures.js'
import { golden } from './render-golden.js'
import { dataLossOutput } from '../../src/publish/step-outputs.js'
import type { DataLossVerdict } from '../../src/guards/data-loss.js'
import { expectExact } from './render-gfm.js'

/**
 * Each mode's own words, pinned per mode and path: a preview says what merging does and that its change set was
 * deleted; a plan that its change set was KEPT (as which id) and what executing it does; a deploy what it did, and
 * never that the stack "does not exist yet". Footers claim only what happened.
 */

const PLAN_ID = 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/metaflow-plan-dev-7001/9a8b7c6d'
const CREATED: ResourceChange[] = [
  add('MetaflowS3Bucket', 'AWS::S3::Bucket'),
  add('StepFunctionsStateDDB', 'AWS::DynamoDB::Table'),
  add('JobQueue', 'AWS::Batch::JobQueue')
]

/** A VPC replaced: the subnets, the database subnet group and the database follow it (their CausingEntity). */
const replaced = (id: string, type: string, cause: string, name: string): ResourceChange => ({
  Action: 'Modify',
  LogicalResourceId: id,
  ResourceType: type,
  Replacement: 'True',
  Scope: ['Properties'],
  Details: [
    property(`/Properties/${name}`, undefined, undefined, {
      Target: { Attribute: 'Properties', Name: name, RequiresRecreation: 'Always' },
      ChangeSource: 'ResourceReference',
      Evaluation: 'Dynamic',
      CausingEntity: cause
    })
  ]
})
const NETWORK: ResourceChange[] = [
  {
    ...replaced('VPC', 'AWS::EC2::VPC', '', 'CidrBlock'),
    Details: [property('/Properties/CidrBlock', '10.20.0.0/16', '10.30.0.0/16', {})].map(d => ({
      ...d,
      Target: { ...d.Target, RequiresRecreation: 'Always' as const }
    }))
  },
  replaced('Subnet1', 'AWS::EC2::Subnet', 'VPC', 'VpcId'),
  replaced('Subnet2', 'AWS::EC2::Subnet', 'VPC', 'VpcId'),
  replaced('DBSubnetGroup', 'AWS::RDS::DBSubnetGroup', 'Subnet1', 'SubnetIds'),
  {
    ...replaced('RDSMasterInstance', 'AWS::RDS::DBInstance', 'DBSubnetGroup', 'DBSubnetGroupName'),
    Replacement: 'Conditional'
  },
  replaced('ComputeEnvironment', 'AWS::Batch::ComputeEnvironment', 'Subnet2.SubnetId', 'ComputeResources')
]
const none = { all: false as const, paths: new Set<string>() }

const CASES: { file: string; report: ChangeReport; options: typeof comment }[] = [
  {
    file: 'plan-kept-summary.md',
    report: {
      ...base,
      kind: 'plan',
      changeSetId: PLAN_ID,
      changes: MIXED,
      dataLoss: assessDataLoss(MIXED, { all: false, paths: new Set(['LegacyLogs']) }),
      failOnDataLoss: true
    },
    options: summary
  },
  {
    file: 'plan-create.md',
    report: { ...base, kind: 'plan', operation: 'create', changeSetId: PLAN_ID, changes: CREATED },
    options: comment
  },
  { file: 'plan-no-changes.md', report: { ...base, kind: 'plan', changeSetId: '' }, options: summary },
  { file: 'preview-no-change-set.md', report: { ...base, changeSetId: '' }, options: comment },
  {
    file: 'preview-network.md',
    report: { ...base, changes: NETWORK, dataLoss: assessDataLoss(NETWORK, none), failOnDataLoss: true },
    options: comment
  },
  {
    file: 'deploy-created-summary.md',
    report: {
      ...base,
      kind: 'deploy',
      operation: 'create',
      status: 'CREATE_COMPLETE',
      changeSetId: PLAN_ID,
      changes: CREATED,
      outputs: { ServiceUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/api/' }
    },
    options: summary
  },
  {
    file: 'deploy-no-changes-summary.md',
    report: { ...base, kind: 'deploy', status: 'UPDATE_COMPLETE', changeSetId: '' },
    options: summary
  },
  {
    file: 'large-folded.md',
    report: {
      ...base,
      changes: Array.from({ length: 25 }, (_, i) => add(`Queue${i}`, 'AWS::SQS::Queue'))
    },
    options: comment
  }
]

describe('words per mode (golden files in __tests__/golden/modes)', () => {
  it.each(CASES.map(c => [c.file, c] as const))('%s matches its golden file', (file, c) => {
    golden(join('__tests__', 'golden', 'modes', file), renderReport(c.report, c.options).body)
  })

  it('renders a refused deploy and a refused execute, naming each resource and the fix', () => {
    const verdicts = assessDataLoss(MIXED, { all: false, paths: new Set(['LegacyLogs']) })
    for (const mode of ['deploy', 'execute'] as const) {
      const body = renderRefusedDeploy({
        stackName: 'metaflow-dev',
        environment: 'dev',
        region: 'us-east-1',
        mode,
        verdicts,
        commitSha: base.commitSha,
        runUrl: RUN_URL
      })
      golden(join('__tests__', 'golden', 'modes', `refused-${mode}.md`), body)
      expectExact(body, ['RDSMasterInstance', 'AWS::RDS::DBInstance', 'metaflow-dev'], [RUN_URL])
    }
  })

  it('has a case for every golden file in the folder', () => {
    const files = readdirSync(join(ROOT, '__tests__', 'golden', 'modes'))
    const covered = new Set([...CASES.map(c => c.file), 'refused-deploy.md', 'refused-execute.md'])
    expect(files.filter(f => !covered.has(f))).toEqual([])
  })

  it('a plan never says its change set was deleted, and names the one it kept', () => {
    const body = renderReport(CASES[0]!.report, summary).body
    expect(body).not.toMatch(/deleted; |change set was deleted|merging/i)
    expect(body).toContain(`The change set was **kept** as \`${PLAN_ID}\``)
    expect(body).toContain('### 📋 CloudFormation plan:')
    expect(body).toContain('Executing this change set is **refused**')
  })

  it('a deploy that created the stack never says it does not exist yet, nor that nothing was deployed', () => {
    const body = renderReport(CASES.find(c => c.file === 'deploy-created-summary.md')!.report, summary).body
    expect(body).not.toMatch(/does not exist yet|nothing was deployed|merging/)
    expect(body).toContain('This deploy created the stack.')
    expect(body).toContain('**Applied:** 3 added, 0 modified, 0 replaced, 0 removed.')
  })

  it('a preview claims a deleted change set only when it built one', () => {
    expect(renderReport({ ...base, changes: CREATED }, comment).body).toContain(
      'nothing was deployed; the change set was deleted</sub>'
    )
    expect(renderReport({ ...base, changeSetId: '' }, comment).body).toMatch(/nothing was deployed<\/sub>/)
  })

  it('names the database a network replacement takes down, in a CAUTION alert that says the check fails', () => {
    const body = renderReport(CASES.find(c => c.file === 'preview-network.md')!.report, comment).body
    expect(body).toContain('> [!CAUTION]')
    expect(body).toMatch(
      /`VPC` \(`AWS::EC2::VPC`\) is \*\*replaced\*\*: .* 🗄️ It takes down the database `RDSMasterInstance`/
    )
    expect(body).toContain('This check fails until then (`fail-on-data-loss`).')
  })

  it('folds a table of more than 20 rows in a comment, not in the job summary', () => {
    const report = CASES.find(c => c.file === 'large-folded.md')!.report
    expect(renderReport(report, comment).body).toContain('<summary>25 resource changes</summary>')
    expect(renderReport(report, summary).body).not.toContain('<summary>25 resource changes</summary>')
    const twenty = { ...report, changes: report.changes.slice(0, 20) }
    expect(renderReport(twenty, comment).body).not.toContain('<details>')
  })

  it('drops the Replacement column on a create, and keeps it when a row has one', () => {
    expect(renderReport(CASES[1]!.report, comment).body).toContain('|  | Resource | Type | Action |\n')
    expect(renderReport({ ...base, changes: MIXED }, comment).body).toContain(
      '|  | Resource | Type | Action | Replacement |\n'
    )
  })
})

describe('a change set too big for the tables (counts level)', () => {
  const many = (secretAt: number): ResourceChange[] =>
    Array.from({ length: 10_000 }, (_, i) => ({
      Action: 'Modify',
      LogicalResourceId: i === secretAt ? 'Queuehunter2horse' : `Queue${i}`,
      ResourceType: i === secretAt + 1 ? 'Custom::hunter2horse' : 'AWS::SQS::Queue',
      Replacement: i % 10 === 0 ? 'True' : 'False',
      Scope: ['Properties'],
      Details: []
    }))

  it('still redacts what it shows: the replaced resources listed and the type names counted', () => {
    const body = renderReport({ ...base, changes: many(0), secrets: ['hunter2horse'] }, comment)
    expect(body.level).toBe('counts')
    expect(body.body).toContain('`Queue****`')
    expect(body.body).toContain('`Custom::****`')
    expect(body.body).not.toContain('hunter2horse')
  })
})

describe('a loss in place (a verdict whose change is modify)', () => {
  // The guard may judge a Modify that deletes data in place; its verdict says so with a reason.
  const inPlace = {
    path: [],
    logicalId: 'Table',
    resourceType: 'AWS::DynamoDB::Table',
    change: 'modify',
    fate: 'InPlace',
    reason: 'a global secondary index is removed',
    allowed: false
  } as unknown as DataLossVerdict

  it('is a Modify in the data-loss output and in a refused deploy’s summary, with the guard’s reason', () => {
    expect(JSON.parse(dataLossOutput([inPlace]))).toEqual([
      { path: 'Table', type: 'AWS::DynamoDB::Table', action: 'Modify' }
    ])
    const body = renderRefusedDeploy({
      stackName: 'metaflow-dev',
      environment: '',
      region: 'us-east-1',
      mode: 'deploy',
      verdicts: [inPlace],
      commitSha: '',
      runUrl: undefined
    })
    expect(body).toContain('| `Table` | `AWS::DynamoDB::Table` | Modify |')
    expect(body).toContain('(InPlace): `a global secondary index is removed` |')
  })
})
