import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PricingClient } from '@aws-sdk/client-pricing'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { ROOT } from '../../harness/runner.js'
import { handlePricing, PricingStore } from '../../emulator/pricing.js'
import { pickPrice } from '../../src/insight/cost/price-list.js'
import { dollars, estimateCost } from '../../src/insight/cost/estimate.js'
import { monthlyCost, pricingOf, type Pricing } from '../../src/insight/cost/mappings.js'
import { HOURS_PER_MONTH } from '../../src/insight/cost/price-query.js'
import { RunPriceSource, snapshotPrices, type PriceLookup } from '../../src/insight/cost/price-source.js'
import { pricingEndpointRegion } from '../../src/insight/cost/pricing-region.js'
import { resolveResources, type TemplateResource } from '../../src/insight/cost/resolve-template.js'
import { neighboursOn, stackSides } from '../../src/insight/cost/sides.js'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'

/**
 * The price mappings, one resource type at a time, priced from the emulator's recorded GetProducts answers
 * (in-process: the same filters, the same product reading); the estimate with the bundled snapshot.
 */

const store = new PricingStore()
const recorded: PriceLookup = {
  price: (query, at) => {
    const filters = Object.entries({ ...query.filters, regionCode: at }).map(([Field, Value]) => ({
      Type: 'TERM_MATCH',
      Field,
      Value
    }))
    const reply = handlePricing(
      store,
      'AWSPriceListService.GetProducts',
      JSON.stringify({ ServiceCode: query.serviceCode, Filters: filters })
    )
    return Promise.resolve(
      pickPrice((reply.body as { PriceList: string[] }).PriceList, query.usageTypeEndsWith)
    )
  },
  origin: () => ({ kind: 'api' })
}
const prices = snapshotPrices()
const region = 'us-east-1'

async function monthly(
  resource: TemplateResource,
  others: TemplateResource[] = []
): Promise<{ usd: number; pricing: Pricing }> {
  const pricing = pricingOf(resource, neighboursOn([resource, ...others]))
  let usd = 0
  if (pricing.kind === 'priced')
    for (const part of pricing.pricing.parts) {
      const price = await recorded.price(part.query, region)
      if (price === undefined) throw new Error(`no price for ${part.label}`)
      usd += monthlyCost(part, price) ?? Number.NaN
    }
  return { usd: Number(dollars(usd)), pricing }
}

const r = (type: string, properties: Record<string, unknown>, logicalId = 'R'): TemplateResource => ({
  logicalId,
  type,
  properties
})
const H = HOURS_PER_MONTH

describe('price mappings', () => {
  it('RDS: the instance by class, engine and Multi-AZ, and its storage by the GB-month', async () => {
    const single = await monthly(
      r('AWS::RDS::DBInstance', {
        Engine: 'postgres',
        DBInstanceClass: 'db.t3.small',
        AllocatedStorage: 20,
        StorageType: 'gp3'
      })
    )
    expect(single.usd).toBe(Number(dollars(0.036 * H + 20 * 0.115)))
    const multi = await monthly(
      r('AWS::RDS::DBInstance', {
        Engine: 'postgres',
        DBInstanceClass: 'db.t3.small',
        AllocatedStorage: 20,
        StorageType: 'gp3',
        MultiAZ: 'true'
      })
    )
    expect(multi.usd).toBe(Number(dollars(0.072 * H + 20 * 0.23)))
    expect(single.pricing.kind === 'priced' && single.pricing.pricing.usage).toContain(
      'backup storage beyond the database size'
    )
  })

  it('Batch on EC2: nothing at rest with MinvCpus 0; the smallest listed size for a minimum; Fargate by use only', async () => {
    const idle = await monthly(
      r('AWS::Batch::ComputeEnvironment', {
        ComputeResources: { Type: 'EC2', MinvCpus: 0, InstanceTypes: ['g5'] }
      })
    )
    expect(idle.usd).toBe(0)
    const warm = await monthly(
      r('AWS::Batch::ComputeEnvironment', {
        ComputeResources: { Type: 'EC2', MinvCpus: 6, InstanceTypes: ['c5.xlarge', 'c5.large'] }
      })
    )
    // 6 vCPUs on 4-vCPU c5.xlarge instances: 2 instances.
    expect(warm.usd).toBe(Number(dollars(2 * 0.17 * H)))
    const families = pricingOf(
      r('AWS::Batch::ComputeEnvironment', { ComputeResources: { MinvCpus: 4, InstanceTypes: ['g5'] } }),
      neighboursOn([])
    )
    expect(families.kind === 'priced' && families.pricing.unpriced[0]).toMatch(/instance families only/)
    expect(
      pricingOf(
        r('AWS::Batch::ComputeEnvironment', { ComputeResources: { Type: 'FARGATE' } }),
        neighboursOn([])
      ).kind
    ).toBe('usage')
  })

  it('ECS on Fargate: task size from the task definition it references, times the count, plus public IPv4', async () => {
    const task = r('AWS::ECS::TaskDefinition', { Cpu: '512', Memory: '1024' }, 'Task')
    const service = await monthly(
      r('AWS::ECS::Service', {
        LaunchType: 'FARGATE',
        DesiredCount: 2,
        TaskDefinition: { ref: 'Task' },
        NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } }
      }),
      [task]
    )
    expect(service.usd).toBe(Number(dollars(2 * (0.5 * 0.04048 + 1 * 0.004445 + 0.005) * H)))
    const unknown = pricingOf(
      r('AWS::ECS::Service', { LaunchType: 'FARGATE', TaskDefinition: 'arn:elsewhere' }),
      neighboursOn([])
    )
    expect(unknown.kind === 'priced' && unknown.pricing.unpriced).toEqual([
      'Fargate tasks (task size unknown)'
    ])
  })

  it('load balancers: hourly, plus one public IPv4 address per zone when internet-facing; LCUs by use', async () => {
    expect(
      (
        await monthly(
          r('AWS::ElasticLoadBalancingV2::LoadBalancer', {
            Type: 'network',
            Scheme: 'internal',
            Subnets: ['a', 'b']
          })
        )
      ).usd
    ).toBe(Number(dollars(0.0225 * H)))
    expect(
      (
        await monthly(
          r('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing', Subnets: ['a', 'b'] })
        )
      ).usd
    ).toBe(Number(dollars((0.0225 + 2 * 0.005) * H)))
  })

  it('the SageMaker notebook, a NAT gateway, a secret and an Elastic IP', async () => {
    expect((await monthly(r('AWS::SageMaker::NotebookInstance', { InstanceType: 'ml.t3.large' }))).usd).toBe(
      Number(dollars(0.1 * H))
    )
    expect((await monthly(r('AWS::EC2::NatGateway', {}))).usd).toBe(Number(dollars(0.045 * H)))
    expect((await monthly(r('AWS::SecretsManager::Secret', {}))).usd).toBe(0.4)
    expect((await monthly(r('AWS::EC2::EIP', {}))).usd).toBe(Number(dollars(0.005 * H)))
  })

  it('usage-priced, free and unknown types are never given a price', () => {
    expect(pricingOf(r('AWS::S3::Bucket', {}), neighboursOn([]))).toEqual({
      kind: 'usage',
      usage: ['GB stored', 'requests', 'data transfer']
    })
    expect(pricingOf(r('AWS::IAM::Role', {}), neighboursOn([])).kind).toBe('free')
    expect(pricingOf(r('AWS::Kinesis::Stream', {}), neighboursOn([])).kind).toBe('unknown')
  })
})

const TEMPLATE = parseTemplateBody(readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8'))

describe('estimate', () => {
  it('a database class change: delta after - before, positive, on one line', async () => {
    const sides = {
      before: resolveResources(TEMPLATE, {}),
      after: resolveResources(TEMPLATE, { DBInstanceClass: 'db.m6g.large' })
    }
    const cost = await estimateCost(sides, region, prices)
    expect(cost.lines.map(l => [l.logicalId, dollars(l.delta)])).toEqual([['RDSMasterInstance', '89.79']])
    expect(dollars(cost.delta)).toBe('89.79')
    expect(cost.after).toBeGreaterThan(cost.before)
    const back = await estimateCost({ before: sides.after, after: sides.before }, region, prices)
    expect(dollars(back.delta)).toBe('-89.79')
  })

  it('lists what it cannot price instead of guessing (a region without prices)', async () => {
    const cost = await estimateCost(
      { before: [], after: resolveResources(TEMPLATE, {}) },
      'ap-south-1',
      prices
    )
    expect(cost.after).toBe(0)
    expect(cost.unpriced.map(u => u.logicalId)).toContain('RDSMasterInstance')
    expect(cost.unpriced.find(u => u.logicalId === 'RDSMasterInstance')?.what).toMatch(
      /no price found for ap-south-1/
    )
    expect(cost.usage.find(u => u.type === 'AWS::S3::Bucket')?.parts).toEqual([
      'GB stored',
      'requests',
      'data transfer'
    ])
  })

  it('takes touched resources from the change set and finds a removed service its removed task definition by physical id', async () => {
    const ui = {
      EnableUI: 'true',
      UICertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0',
      UIDomainName: 'x.example.com'
    }
    const deployed = resolveResources(TEMPLATE, ui)
    const removed: ResourceChange[] = deployed
      .filter(d => !resolveResources(TEMPLATE, {}).some(n => n.logicalId === d.logicalId))
      .map(d => ({
        Action: 'Remove',
        LogicalResourceId: d.logicalId,
        ResourceType: d.type,
        PhysicalResourceId: `arn:aws:x:${d.logicalId}`,
        BeforeContext: JSON.stringify({
          Properties: Object.fromEntries(
            Object.entries(d.properties).map(([k, v]) => [
              k,
              typeof v === 'object' && v !== null && 'ref' in v
                ? `arn:aws:x:${(v as { ref: string }).ref}`
                : v
            ])
          )
        })
      }))
    const sides = stackSides(resolveResources(TEMPLATE, {}), removed)
    const cost = await estimateCost(sides, region, prices)
    expect(cost.lines.every(l => l.delta < 0)).toBe(true)
    expect(cost.lines.map(l => l.logicalId).sort()).toEqual([
      'UIBackendService',
      'UILoadBalancer',
      'UIStaticService'
    ])
    expect(dollars(cost.delta)).toBe('-151.05')
  })
})

describe('resolveResources', () => {
  it('drops resources whose condition is false and AWS::NoValue properties', () => {
    const fargate = resolveResources(TEMPLATE, { BatchType: 'fargate' }).find(
      x => x.logicalId === 'ComputeEnvironment'
    )
    expect(fargate?.properties.ComputeResources).not.toHaveProperty('MinvCpus')
    expect(resolveResources(TEMPLATE, {}).some(x => x.logicalId === 'GPUComputeEnvironment')).toBe(false)
    expect(
      resolveResources(TEMPLATE, { EnableGPU: 'true' }).some(x => x.logicalId === 'GPUComputeEnvironment')
    ).toBe(true)
  })
})

describe('the price source', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startEmulator()
  })
  afterAll(async () => emulator.close())
  const source = (): RunPriceSource =>
    new RunPriceSource(() =>
      Promise.resolve(
        new PricingClient({
          endpoint: emulator.url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'A', secretAccessKey: 'B' }
        })
      )
    )
  const fargateCpu = {
    serviceCode: 'AmazonECS',
    filters: { productFamily: 'Compute', cputype: 'perCPU' },
    usageTypeEndsWith: 'Fargate-vCPU-Hours:perCPU'
  }

  it('asks GetProducts once per query and run, and picks the product by usage type', async () => {
    const prices: PriceLookup = source()
    const before = emulator.calls('GetProducts').length
    const [a, b] = await Promise.all([prices.price(fargateCpu, region), prices.price(fargateCpu, region)])
    expect(a?.usd).toBe(0.04048)
    expect(b).toBe(a)
    expect(emulator.calls('GetProducts').length - before).toBe(1)
    expect(emulator.lastCall('GetProducts')).toEqual({ ServiceCode: 'AmazonECS' })
    expect(prices.origin()).toEqual({ kind: 'api' })
  })

  it('falls back to the bundled snapshot, with its date, when GetProducts is denied', async () => {
    emulator.pricing.denied = true
    try {
      const prices = source()
      expect((await prices.price(fargateCpu, region))?.usd).toBe(0.04048)
      expect(prices.origin()).toMatchObject({
        kind: 'snapshot',
        reason: 'pricing:GetProducts was denied',
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)
      })
    } finally {
      emulator.pricing.denied = false
    }
  })

  it('asks the Price List endpoint nearest the stack', () => {
    expect(
      ['us-west-2', 'eu-west-1', 'ap-northeast-1', 'cn-north-1', 'sa-east-1'].map(pricingEndpointRegion)
    ).toEqual(['us-east-1', 'eu-central-1', 'ap-south-1', 'cn-northwest-1', 'us-east-1'])
  })
})
