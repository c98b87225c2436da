import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  DescribeEventsCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  GetHookResultCommand,
  ListHookResultsCommand
} from '@aws-sdk/client-cloudformation'
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { driftOf } from '../../emulator/cfn/drift.js'
import { checksOf } from '../../emulator/cfn/change-set-checks.js'
import { onDemandPrice } from '../../src/insight/cost/price-list.js'
import { eventually, errorOf, sdkClients } from '../support/aws.js'
import { cfnHelpers } from './cfn-helpers.js'

/** The emulator's Price List, drift and checks APIs, through the real SDK clients. */

const DB = (klass: string): string => `
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: ${klass}, AllocatedStorage: 20 }
  Bucket:
    Type: AWS::S3::Bucket
`

let emulator: Emulator
let clients: ReturnType<typeof sdkClients>
let pricing: PricingClient
const h = cfnHelpers(() => clients.cfn)

beforeAll(async () => {
  emulator = await startEmulator()
  clients = sdkClients(emulator)
  pricing = new PricingClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEMULATOR', secretAccessKey: 'emulator-secret' }
  })
})
afterAll(async () => emulator.close())

describe('GetProducts', () => {
  it('answers PriceList entries as JSON documents with on-demand terms, filtered by TERM_MATCH', async () => {
    const answer = await pricing.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonRDS',
        FormatVersion: 'aws_v1',
        Filters: [
          { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'db.t3.small' },
          { Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'PostgreSQL' },
          { Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Single-AZ' },
          { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }
        ]
      })
    )
    expect(answer.FormatVersion).toBe('aws_v1')
    const list = (answer.PriceList ?? []) as unknown[]
    expect(list).toHaveLength(1)
    const doc = JSON.parse(String(list[0])) as { terms: { OnDemand: object } }
    expect(Object.keys(doc.terms.OnDemand)).toHaveLength(1)
    expect(onDemandPrice(list[0])).toMatchObject({ usd: 0.036, unit: 'Hrs' })
  })

  it('pages with NextToken and refuses a denied caller', async () => {
    const first = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', MaxResults: 2 }))
    expect(first.PriceList).toHaveLength(2)
    expect(first.NextToken).toBeDefined()
    emulator.pricing.denied = true
    try {
      const err = await errorOf(pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2' })))
      expect(err.name).toBe('AccessDeniedException')
    } finally {
      emulator.pricing.denied = false
    }
  })
})

describe('drift', () => {
  it('detects a change made outside CloudFormation, property by property', async () => {
    expect(
      await h.deploy({ StackName: 'drifty', ChangeSetType: 'CREATE', TemplateBody: DB('db.t3.small') })
    ).toBe('CREATE_COMPLETE')
    driftOf(emulator.cloudformation).changeOutOfBand(emulator.cloudformation, 'drifty', 'Db', {
      properties: { '/DBInstanceClass': 'db.t3.large' }
    })
    const { StackDriftDetectionId } = await clients.cfn.send(
      new DetectStackDriftCommand({ StackName: 'drifty' })
    )
    const status = await eventually(async () => {
      const s = await clients.cfn.send(
        new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId })
      )
      return s.DetectionStatus === 'DETECTION_IN_PROGRESS' ? undefined : s
    })
    expect(status).toMatchObject({
      DetectionStatus: 'DETECTION_COMPLETE',
      StackDriftStatus: 'DRIFTED',
      DriftedStackResourceCount: 1
    })
    const drifts = await clients.cfn.send(
      new DescribeStackResourceDriftsCommand({
        StackName: 'drifty',
        StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED']
      })
    )
    expect(drifts.StackResourceDrifts).toHaveLength(1)
    expect(drifts.StackResourceDrifts?.[0]).toMatchObject({
      LogicalResourceId: 'Db',
      StackResourceDriftStatus: 'MODIFIED',
      PropertyDifferences: [
        {
          PropertyPath: '/DBInstanceClass',
          ExpectedValue: 'db.t3.small',
          ActualValue: 'db.t3.large',
          DifferenceType: 'NOT_EQUAL'
        }
      ]
    })
  })

  it('builds a REVERT_DRIFT change set with the drift fields of the API reference', async () => {
    driftOf(emulator.cloudformation).ignored.set('AWS::RDS::DBInstance', [
      { Path: '/Properties/EngineVersion', Reason: 'MANAGED_BY_AWS' }
    ])
    const cs = await h.changeSet({
      StackName: 'drifty',
      TemplateBody: DB('db.t3.small'),
      DeploymentMode: 'REVERT_DRIFT',
      IncludePropertyValues: undefined
    } as never)
    expect(cs.Status).toBe('CREATE_COMPLETE')
    const change = cs.Changes?.[0]?.ResourceChange
    expect(change).toMatchObject({
      LogicalResourceId: 'Db',
      ResourceDriftStatus: 'MODIFIED',
      ResourceDriftIgnoredAttributes: [{ Path: '/Properties/EngineVersion', Reason: 'MANAGED_BY_AWS' }]
    })
    expect(change?.Details?.[0]?.Target).toMatchObject({
      Path: '/Properties/DBInstanceClass',
      BeforeValueFrom: 'ACTUAL_STATE',
      Drift: { PreviousValue: 'db.t3.small', ActualValue: 'db.t3.large' }
    })
  })

  it('refuses a denied caller and can keep a detection running', async () => {
    const scenario = driftOf(emulator.cloudformation)
    scenario.detectionMs = undefined
    const { StackDriftDetectionId } = await clients.cfn.send(
      new DetectStackDriftCommand({ StackName: 'drifty' })
    )
    const s = await clients.cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }))
    expect(s.DetectionStatus).toBe('DETECTION_IN_PROGRESS')
    scenario.detectionMs = 0
    scenario.denied.add('DetectStackDrift')
    try {
      expect(
        (await errorOf(clients.cfn.send(new DetectStackDriftCommand({ StackName: 'drifty' })))).name
      ).toBe('AccessDenied')
    } finally {
      scenario.denied.clear()
    }
  })
})

describe('checks', () => {
  it('shows a WARN validation in DescribeEvents and a Hook result with annotations', async () => {
    const checks = checksOf(emulator.cloudformation)
    checks.validations = [
      {
        name: 'BUCKET_NOT_EMPTY',
        mode: 'WARN',
        reason: 'Bucket holds 3 objects',
        logicalId: 'Bucket',
        path: '/Resources/Bucket'
      }
    ]
    checks.hooks = [
      {
        typeName: 'Org::Security::Guard',
        failureMode: 'WARN',
        status: 'HOOK_COMPLETE_FAILED',
        statusReason: 'one rule failed',
        annotations: [
          {
            AnnotationName: 'db-encrypted',
            Status: 'FAILED',
            StatusMessage: 'StorageEncrypted is false',
            RemediationMessage: 'Set StorageEncrypted: true',
            SeverityLevel: 'HIGH'
          }
        ]
      }
    ]
    try {
      const cs = await h.changeSet({ StackName: 'drifty', TemplateBody: DB('db.t3.medium') })
      expect(cs.Status).toBe('CREATE_COMPLETE')
      const events = await clients.cfn.send(new DescribeEventsCommand({ ChangeSetName: cs.ChangeSetId }))
      expect(events.OperationEvents?.find(e => e.ValidationName === 'BUCKET_NOT_EMPTY')).toMatchObject({
        ValidationFailureMode: 'WARN',
        ValidationStatusReason: 'Bucket holds 3 objects',
        ValidationPath: '/Resources/Bucket'
      })
      const list = await clients.cfn.send(
        new ListHookResultsCommand({ TargetType: 'CHANGE_SET', TargetId: cs.ChangeSetId })
      )
      expect(list.HookResults).toHaveLength(1)
      const result = await clients.cfn.send(
        new GetHookResultCommand({ HookResultId: list.HookResults?.[0]?.HookResultId })
      )
      expect(result.Annotations?.[0]).toMatchObject({
        AnnotationName: 'db-encrypted',
        Status: 'FAILED',
        SeverityLevel: 'HIGH'
      })
    } finally {
      checks.validations = []
      checks.hooks = []
    }
  })

  it('fails the change set for a FAIL validation or a failing Hook in FAIL mode', async () => {
    const checks = checksOf(emulator.cloudformation)
    checks.hooks = [
      {
        typeName: 'Org::Cost::Guard',
        failureMode: 'FAIL',
        status: 'HOOK_COMPLETE_FAILED',
        statusReason: 'too big',
        annotations: []
      }
    ]
    try {
      const cs = await h.changeSet({ StackName: 'drifty', TemplateBody: DB('db.m6g.large') })
      expect(cs).toMatchObject({
        Status: 'FAILED',
        StatusReason: 'The following hook(s)/validation failed: [Org::Cost::Guard]'
      })
    } finally {
      checks.hooks = []
    }
  })
})
