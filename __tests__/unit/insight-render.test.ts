import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { ROOT } from '../../harness/runner.js'
import { renderReport, type ChangeReport } from '../../src/render/render-report.js'
import { estimateCost, type CostEstimate } from '../../src/insight/cost/estimate.js'
import { snapshotPrices } from '../../src/insight/cost/price-source.js'
import { resolveResources } from '../../src/insight/cost/resolve-template.js'
import { stackSides } from '../../src/insight/cost/sides.js'
import { driftAgainstChanges } from '../../src/insight/drift.js'
import { insightOutputs, notReadyReason } from '../../src/insight/gather.js'
import type { Insight } from '../../src/insight/insight.js'
import { revertDriftChanges } from '../../src/insight/revert-drift.js'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { base, comment, modify, property, RUN_URL } from './render-fixtures.js'
import { golden } from './render-golden.js'
import { expectExact } from './render-gfm.js'

/**
 * Golden previews with cost, drift and checks: what a reviewer reads on the pull request. Costs come from the
 * real pricing code and the bundled snapshot, applied to the bundled template.
 */

const TEMPLATE = parseTemplateBody(readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8'))
const UI = {
  EnableUI: 'true',
  UICertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0',
  UIDomainName: 'metaflow.example.com'
}

async function costOf(before: Record<string, string>, after: Record<string, string>): Promise<CostEstimate> {
  return estimateCost(
    { before: resolveResources(TEMPLATE, before), after: resolveResources(TEMPLATE, after) },
    'us-east-1',
    snapshotPrices(undefined, 'pricing:GetProducts was denied')
  )
}
const viaApi = (cost: CostEstimate): CostEstimate => ({ ...cost, origin: { kind: 'api' } })

const DB_CHANGE: ResourceChange = modify('RDSMasterInstance', 'AWS::RDS::DBInstance', [
  property('/Properties/DBInstanceClass', 'db.t3.small', 'db.m6g.large')
])

function report(
  changes: ResourceChange[],
  insight: Insight,
  parameters: ChangeReport['parameters'] = []
): ChangeReport {
  return { ...base, changes, parameters, insight }
}

const render = (r: ChangeReport): string => renderReport(r, comment).body

describe('golden previews with cost, drift and checks', () => {
  it('a database class change, priced from the Price List API, within the limit', async () => {
    const cost = viaApi(await costOf({}, { DBInstanceClass: 'db.m6g.large' }))
    const body = render(
      report([DB_CHANGE], { cost, maxMonthlyIncrease: 100, checks: { findings: [], notes: [] } }, [
        { key: 'DBInstanceClass', before: 'db.t3.small', after: 'db.m6g.large' }
      ])
    )
    expect(body).toContain(
      '**+$89.79/mo**: `RDSMasterInstance` `db.t3.small, Single-AZ, 20 GB` → `db.m6g.large, Single-AZ, 20 GB`'
    )
    golden('__tests__/golden/insight/db-class-change.md', body)
  })

  it('a GPU queue switched on: nothing at rest, the instances named as usage-priced', async () => {
    const cost = viaApi(await costOf({}, { EnableGPU: 'true' }))
    const changes = [
      {
        Action: 'Add',
        LogicalResourceId: 'GPUComputeEnvironment',
        ResourceType: 'AWS::Batch::ComputeEnvironment'
      },
      { Action: 'Add', LogicalResourceId: 'GPUJobQueue', ResourceType: 'AWS::Batch::JobQueue' }
    ] as ResourceChange[]
    const body = render(report(changes, { cost }, [{ key: 'EnableGPU', before: 'false', after: 'true' }]))
    expect(body).toContain('**$0.00**')
    expect(body).toContain('instances while jobs run')
    golden('__tests__/golden/insight/gpu-queue-on.md', body)
  })

  it('the UI switched off, priced from the snapshot after the API was denied', async () => {
    const cost = await costOf(UI, {})
    const removed = ['UILoadBalancer', 'UIBackendService', 'UIStaticService'].map(id => ({
      Action: 'Remove',
      LogicalResourceId: id,
      ResourceType:
        id === 'UILoadBalancer' ? 'AWS::ElasticLoadBalancingV2::LoadBalancer' : 'AWS::ECS::Service',
      PolicyAction: 'Delete'
    })) as ResourceChange[]
    const body = render(
      report(removed, { cost, maxMonthlyIncrease: 0 }, [{ key: 'EnableUI', before: 'true', after: 'false' }])
    )
    expect(body).toContain('**-$151.05**')
    expect(body).toContain('Prices from the snapshot bundled with the action, dated')
    golden('__tests__/golden/insight/ui-off.md', body)
  })

  it('a drifted resource: deployed, live and after the merge, with a warning for the overwritten live change', () => {
    const drift = driftAgainstChanges(
      [
        {
          logicalId: 'RDSMasterInstance',
          type: 'AWS::RDS::DBInstance',
          status: 'MODIFIED',
          differences: [
            { path: '/DBInstanceClass', deployed: 'db.t3.small', live: 'db.t3.large' },
            { path: '/BackupRetentionPeriod', deployed: '7', live: '3' }
          ]
        },
        {
          logicalId: 'MetaflowS3Bucket',
          type: 'AWS::S3::Bucket',
          status: 'MODIFIED',
          differences: [{ path: '/Tags/0/Value', deployed: 'metaflow', live: 'hand-edited `x` | <b>' }]
        }
      ],
      [
        {
          ...DB_CHANGE,
          AfterContext: JSON.stringify({
            Properties: { DBInstanceClass: 'db.m6g.large', BackupRetentionPeriod: '7' }
          })
        }
      ]
    )
    const body = render(report([DB_CHANGE], { drift: { kind: 'checked', resources: drift } }))
    expect(drift[0]?.properties.map(p => [p.afterMerge, p.overwritten])).toEqual([
      ['db.m6g.large', true],
      ['3', false]
    ])
    expect(body).toContain('> [!WARNING]')
    expectExact(body, ['hand-edited `x` | <b>'], [RUN_URL])
    golden('__tests__/golden/insight/drifted-resource.md', body)
  })

  it('a FAIL check fails the preview after the report', () => {
    const insight: Insight = {
      checks: {
        findings: [
          {
            source: 'hook',
            level: 'FAIL',
            name: 'Org::Security::Guard: db-encrypted',
            reason: 'StorageEncrypted is false',
            logicalId: 'RDSMasterInstance',
            severity: 'HIGH',
            remediation: 'Set StorageEncrypted: true',
            link: 'https://example.com/encrypt'
          }
        ],
        notes: []
      }
    }
    golden('__tests__/golden/insight/check-fail.md', render(report([DB_CHANGE], insight)))
    expect(notReadyReason(insight)).toMatch(/^This change is not ready to merge: /)
  })

  it('a WARN check is shown and does not fail; what could not be read is a note', () => {
    const insight: Insight = {
      checks: {
        findings: [
          {
            source: 'validation',
            level: 'WARN',
            name: 'BUCKET_NOT_EMPTY',
            reason: 'Bucket metaflow-dev-bucket holds 1,204 objects; deleting it fails',
            logicalId: 'MetaflowS3Bucket',
            path: '/Resources/MetaflowS3Bucket'
          }
        ],
        notes: [
          {
            note: 'Hook results were not read: the role lacks cloudformation:ListHookResults and GetHookResult.'
          }
        ]
      },
      drift: { kind: 'unavailable', note: 'Drift detection did not finish within 60 s; drift is not shown.' }
    }
    golden('__tests__/golden/insight/check-warn.md', render(report([DB_CHANGE], insight)))
    expect(notReadyReason(insight)).toBeUndefined()
  })

  it('a drift-aware change set (revert-drift) shows its drift fields', () => {
    const change = {
      ...modify('RDSMasterInstance', 'AWS::RDS::DBInstance', [
        property('/Properties/DBInstanceClass', 'db.t3.large', 'db.t3.small')
      ]),
      ResourceDriftStatus: 'MODIFIED',
      ResourceDriftIgnoredAttributes: [{ Path: '/Properties/EngineVersion', Reason: 'MANAGED_BY_AWS' }]
    } as ResourceChange
    const detail = change.Details?.[0]
    if (detail !== undefined)
      detail.Target = {
        Attribute: 'Properties',
        Name: 'DBInstanceClass',
        Path: '/Properties/DBInstanceClass',
        RequiresRecreation: 'Never',
        BeforeValue: 'db.t3.large',
        AfterValue: 'db.t3.small',
        BeforeValueFrom: 'ACTUAL_STATE',
        Drift: { PreviousValue: 'db.t3.small', ActualValue: 'db.t3.large' }
      }
    const body = render(report([change], { revertDrift: revertDriftChanges([change]) }))
    expect(body).toContain('ACTUAL_STATE')
    expect(body).toContain('MANAGED_BY_AWS')
    golden('__tests__/golden/insight/revert-drift.md', body)
  })
})

describe('outputs and verdicts', () => {
  it('the cost outputs carry two decimals and the sign of the delta', async () => {
    const cost = await costOf(UI, {})
    expect(insightOutputs({ cost, drift: { kind: 'checked', resources: [] } })).toEqual({
      'cost-monthly-before': cost.before.toFixed(2),
      'cost-monthly-after': cost.after.toFixed(2),
      'cost-monthly-delta': '-151.05',
      'drifted-count': '0'
    })
  })

  it('fails only over the limit', async () => {
    const cost = await costOf({}, { DBInstanceClass: 'db.m6g.large' })
    expect(notReadyReason({ cost, maxMonthlyIncrease: 89.78 })).toMatch(
      /over max-monthly-increase \(\$89.78\)/
    )
    expect(notReadyReason({ cost, maxMonthlyIncrease: 89.8 })).toBeUndefined()
    const cheaper = await costOf({ DBInstanceClass: 'db.m6g.large' }, {})
    expect(notReadyReason({ cost: cheaper, maxMonthlyIncrease: 0 })).toBeUndefined()
  })

  it('a removed task definition is found by its physical id when no template reference is left', () => {
    const sides = stackSides(
      [],
      [
        {
          Action: 'Remove',
          LogicalResourceId: 'Svc',
          ResourceType: 'AWS::ECS::Service',
          BeforeContext: JSON.stringify({ Properties: { TaskDefinition: 'arn:td' } })
        },
        {
          Action: 'Remove',
          LogicalResourceId: 'Td',
          ResourceType: 'AWS::ECS::TaskDefinition',
          PhysicalResourceId: 'arn:td',
          BeforeContext: '{"Properties":{"Cpu":"256","Memory":"512"}}'
        }
      ]
    )
    expect(sides.after).toEqual([])
    expect(sides.before.map(b => b.logicalId)).toEqual(['Svc', 'Td'])
  })
})
