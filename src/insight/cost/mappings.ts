import { isResourceRef, type TemplateResource } from './resolve-template.js'
import { HOURS_PER_MONTH, type PriceQuery, type UnitPrice } from './price-query.js'

/**
 * What each resource type costs at rest, as Price List queries and quantities from its properties: the one place
 * that knows AWS's pricing dimensions per resource type. Parts paid by use (requests, GB stored or transferred,
 * LCUs, instances while jobs run) are named in `usage`, never estimated.
 */

/** One priced part of a resource: a unit price times a quantity, per hour or per month. */
export interface CostPart {
  /** What the part is, for the report: `db.t3.small instance`, `20 GB gp3 storage`. */
  label: string
  query: PriceQuery
  /** How many units are paid each hour (hourly prices) or each month (monthly prices). */
  quantity: number | ((price: UnitPrice) => number | undefined)
  per: 'hour' | 'month'
}

export interface ResourcePricing {
  /** The resource's cost-relevant shape in a few words: `db.t3.small, Single-AZ, 20 GB`. */
  shape: string
  parts: CostPart[]
  /** Usage-priced parts, named and never guessed. */
  usage: string[]
  /** Parts at rest that cannot be priced from the properties (why, in a few words). */
  unpriced: string[]
}

export type Pricing =
  | { kind: 'priced'; pricing: ResourcePricing }
  | { kind: 'usage'; usage: string[] }
  | { kind: 'free' }
  | { kind: 'unknown' }

/** The resources of the stack a resource's price may depend on (an ECS service's task definition). */
export interface Neighbours {
  find(reference: unknown): TemplateResource | undefined
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
const num = (value: unknown): number | undefined => {
  const s = str(value)
  if (s === undefined || s.trim() === '' || !Number.isFinite(Number(s))) return undefined
  return Number(s)
}
const bool = (value: unknown): boolean => value === true || str(value)?.toLowerCase() === 'true'
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}

/** Types with no charge of their own (their cost, if any, is priced on another resource). */
const FREE = new Set([
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::LaunchTemplate',
  'AWS::S3::BucketPolicy',
  'AWS::Batch::JobQueue',
  'AWS::ECS::Cluster',
  'AWS::ECS::TaskDefinition',
  'AWS::RDS::DBSubnetGroup',
  'AWS::SecretsManager::SecretTargetAttachment',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::VpcLink',
  'AWS::SageMaker::NotebookInstanceLifecycleConfig',
  'AWS::Cognito::UserPoolDomain',
  'AWS::Cognito::UserPoolClient',
  'AWS::Lambda::Permission',
  'AWS::Events::Rule',
  'AWS::CloudFormation::WaitConditionHandle'
])
const isFree = (type: string): boolean => FREE.has(type) || type.startsWith('AWS::IAM::')

/** Types that cost only by use. */
const USAGE: Record<string, string[]> = {
  'AWS::S3::Bucket': ['GB stored', 'requests', 'data transfer'],
  'AWS::DynamoDB::Table': ['read and write requests (on demand)', 'GB stored'],
  'AWS::Logs::LogGroup': ['GB ingested', 'GB stored'],
  'AWS::Lambda::Function': ['requests', 'GB-seconds of compute'],
  'AWS::ApiGateway::RestApi': ['API requests', 'data transfer'],
  'AWS::Cognito::UserPool': ['monthly active users'],
  'AWS::StepFunctions::StateMachine': ['state transitions']
}

const ipv4 = (count: number, label: string): CostPart => ({
  label,
  query: {
    serviceCode: 'AmazonVPC',
    filters: { productFamily: 'VPC Public IPv4 Address' },
    usageTypeEndsWith: 'PublicIPv4:InUseAddress'
  },
  quantity: count,
  per: 'hour'
})

/** RDS engine names as the Price List's `databaseEngine` attribute spells them. */
const RDS_ENGINE: Record<string, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB'
}

/** RDS storage types as the Price List's `volumeType` attribute spells them. */
const RDS_VOLUME: Record<string, string> = {
  gp3: 'General Purpose-GP3',
  gp2: 'General Purpose',
  io1: 'Provisioned IOPS',
  standard: 'Magnetic'
}

function rdsInstance(p: Record<string, unknown>): Pricing {
  const klass = str(p.DBInstanceClass)
  const engine = RDS_ENGINE[str(p.Engine)?.toLowerCase() ?? '']
  const multiAz = bool(p.MultiAZ)
  const deploymentOption = multiAz ? 'Multi-AZ' : 'Single-AZ'
  const storage = num(p.AllocatedStorage)
  const volumeType = RDS_VOLUME[str(p.StorageType) ?? 'gp2']
  const parts: CostPart[] = []
  const unpriced: string[] = []
  if (klass === undefined || engine === undefined)
    unpriced.push(`instance (${klass ?? 'class unknown'}, engine ${str(p.Engine) ?? 'unknown'})`)
  else
    parts.push({
      label: `${klass} ${deploymentOption} instance`,
      query: {
        serviceCode: 'AmazonRDS',
        filters: {
          productFamily: 'Database Instance',
          instanceType: klass,
          databaseEngine: engine,
          deploymentOption
        }
      },
      quantity: 1,
      per: 'hour'
    })
  if (storage === undefined || volumeType === undefined) unpriced.push('allocated storage')
  else
    parts.push({
      label: `${storage} GB ${str(p.StorageType) ?? 'gp2'} storage`,
      query: {
        serviceCode: 'AmazonRDS',
        filters: {
          productFamily: 'Database Storage',
          volumeType,
          databaseEngine: engine ?? 'PostgreSQL',
          deploymentOption
        }
      },
      quantity: storage,
      per: 'month'
    })
  const usage = ['backup storage beyond the database size', 'storage autoscaling growth', 'data transfer']
  return {
    kind: 'priced',
    pricing: {
      shape: [klass ?? '?', deploymentOption, `${storage ?? '?'} GB`].join(', '),
      parts,
      usage,
      unpriced
    }
  }
}

const ec2Instance = (instanceType: string): PriceQuery => ({
  serviceCode: 'AmazonEC2',
  filters: {
    productFamily: 'Compute Instance',
    instanceType,
    operatingSystem: 'Linux',
    tenancy: 'Shared',
    preInstalledSw: 'NA',
    capacitystatus: 'Used'
  }
})

function batchEnvironment(p: Record<string, unknown>): Pricing {
  const resources = obj(p.ComputeResources)
  const type = str(resources.Type) ?? 'EC2'
  if (/FARGATE/.test(type)) return { kind: 'usage', usage: ['Fargate tasks while jobs run'] }
  const min = num(resources.MinvCpus) ?? 0
  const types = Array.isArray(resources.InstanceTypes) ? resources.InstanceTypes.map(t => str(t) ?? '') : []
  const usage = ['instances while jobs run (up to MaxvCpus)', 'EBS volumes of running instances']
  const shape = `${types.join(',') || 'optimal'}, min ${min} vCPU, max ${str(resources.MaxvCpus) ?? '?'} vCPU`
  if (min === 0) return { kind: 'priced', pricing: { shape, parts: [], usage, unpriced: [] } }
  // Batch keeps at least MinvCpus running; the smallest listed size is what BEST_FIT keeps warm.
  const first = types.find(t => t.includes('.'))
  if (first === undefined)
    return {
      kind: 'priced',
      pricing: {
        shape,
        parts: [],
        usage,
        unpriced: [`${min} vCPUs always on (instance families only, no size to price)`]
      }
    }
  return {
    kind: 'priced',
    pricing: {
      shape,
      parts: [
        {
          label: `${min} vCPUs always on as ${first}`,
          query: ec2Instance(first),
          quantity: price => {
            const vcpu = Number(price.attributes.vcpu)
            return Number.isFinite(vcpu) && vcpu > 0 ? Math.ceil(min / vcpu) : undefined
          },
          per: 'hour'
        }
      ],
      usage,
      unpriced: []
    }
  }
}

function fargateService(p: Record<string, unknown>, neighbours: Neighbours): Pricing {
  const count = num(p.DesiredCount) ?? 1
  const task = neighbours.find(p.TaskDefinition)
  const cpu = num(task?.properties.Cpu)
  const memory = num(task?.properties.Memory)
  const publicIp = str(obj(obj(p.NetworkConfiguration).AwsvpcConfiguration).AssignPublicIp) === 'ENABLED'
  const usage = ['data transfer']
  const shape = `${count} × ${cpu === undefined ? '?' : cpu / 1024} vCPU / ${memory === undefined ? '?' : memory / 1024} GB${publicIp ? ', public IPv4' : ''}`
  if (cpu === undefined || memory === undefined)
    return {
      kind: 'priced',
      pricing: { shape, parts: [], usage, unpriced: ['Fargate tasks (task size unknown)'] }
    }
  const parts: CostPart[] = [
    {
      label: `${count} × ${cpu / 1024} vCPU`,
      query: {
        serviceCode: 'AmazonECS',
        filters: { productFamily: 'Compute', cputype: 'perCPU' },
        usageTypeEndsWith: 'Fargate-vCPU-Hours:perCPU'
      },
      quantity: (count * cpu) / 1024,
      per: 'hour'
    },
    {
      label: `${count} × ${memory / 1024} GB`,
      query: {
        serviceCode: 'AmazonECS',
        filters: { productFamily: 'Compute', memorytype: 'perGB' },
        usageTypeEndsWith: 'Fargate-GB-Hours'
      },
      quantity: (count * memory) / 1024,
      per: 'hour'
    }
  ]
  if (publicIp) parts.push(ipv4(count, `${count} public IPv4 ${count === 1 ? 'address' : 'addresses'}`))
  return { kind: 'priced', pricing: { shape, parts, usage, unpriced: [] } }
}

function loadBalancer(p: Record<string, unknown>): Pricing {
  const network = str(p.Type) === 'network'
  const internetFacing = str(p.Scheme) !== 'internal'
  const zones = Array.isArray(p.Subnets)
    ? p.Subnets.length
    : Array.isArray(p.SubnetMappings)
      ? p.SubnetMappings.length
      : 2
  const parts: CostPart[] = [
    {
      label: `${network ? 'network' : 'application'} load balancer`,
      query: {
        serviceCode: 'AWSELB',
        filters: { productFamily: network ? 'Load Balancer-Network' : 'Load Balancer-Application' },
        usageTypeEndsWith: 'LoadBalancerUsage'
      },
      quantity: 1,
      per: 'hour'
    }
  ]
  // An internet-facing load balancer holds one public IPv4 address per zone (VPC pricing, public IPv4).
  if (internetFacing) parts.push(ipv4(zones, `${zones} public IPv4 addresses`))
  return {
    kind: 'priced',
    pricing: {
      shape: `${network ? 'network' : 'application'}, ${internetFacing ? 'internet-facing' : 'internal'}`,
      parts,
      usage: [
        network ? 'NLCUs (connections and bytes processed)' : 'LCUs (requests, connections, bytes processed)'
      ],
      unpriced: []
    }
  }
}

function notebook(p: Record<string, unknown>): Pricing {
  const instance = str(p.InstanceType)
  const volume = num(p.VolumeSizeInGB) ?? 5
  if (instance === undefined)
    return {
      kind: 'priced',
      pricing: { shape: '?', parts: [], usage: [], unpriced: ['notebook instance (type unknown)'] }
    }
  return {
    kind: 'priced',
    pricing: {
      shape: `${instance}, ${volume} GB`,
      parts: [
        {
          label: `${instance} notebook`,
          query: {
            serviceCode: 'AmazonSageMaker',
            filters: { productFamily: 'ML Instance', instanceName: instance, component: 'Notebook' }
          },
          quantity: 1,
          per: 'hour'
        }
      ],
      usage: ['data processed'],
      unpriced: [`${volume} GB notebook volume`]
    }
  }
}

function natGateway(): Pricing {
  return {
    kind: 'priced',
    pricing: {
      shape: 'NAT gateway',
      parts: [
        {
          label: 'NAT gateway',
          query: {
            serviceCode: 'AmazonEC2',
            filters: { productFamily: 'NAT Gateway' },
            usageTypeEndsWith: 'NatGateway-Hours'
          },
          quantity: 1,
          per: 'hour'
        }
      ],
      usage: ['GB processed'],
      unpriced: []
    }
  }
}

function secret(): Pricing {
  return {
    kind: 'priced',
    pricing: {
      shape: 'secret',
      parts: [
        {
          label: 'secret',
          query: {
            serviceCode: 'AWSSecretsManager',
            filters: { productFamily: 'Secret' },
            usageTypeEndsWith: 'AWSSecretsManager-Secrets'
          },
          quantity: 1,
          per: 'month'
        }
      ],
      usage: ['API calls'],
      unpriced: []
    }
  }
}

/** How a resource is priced, from its type and properties. */
export function pricingOf(resource: TemplateResource, neighbours: Neighbours): Pricing {
  const p = resource.properties
  switch (resource.type) {
    case 'AWS::RDS::DBInstance':
      return rdsInstance(p)
    case 'AWS::Batch::ComputeEnvironment':
      return batchEnvironment(p)
    case 'AWS::ECS::Service':
      return str(p.LaunchType) === 'FARGATE' || p.LaunchType === undefined
        ? fargateService(p, neighbours)
        : { kind: 'usage', usage: ['EC2 container instances'] }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return loadBalancer(p)
    case 'AWS::SageMaker::NotebookInstance':
      return notebook(p)
    case 'AWS::EC2::NatGateway':
      return natGateway()
    case 'AWS::SecretsManager::Secret':
      return secret()
    case 'AWS::EC2::EIP':
      return {
        kind: 'priced',
        pricing: { shape: 'Elastic IP', parts: [ipv4(1, 'public IPv4 address')], usage: [], unpriced: [] }
      }
  }
  if (isFree(resource.type)) return { kind: 'free' }
  const usage = USAGE[resource.type]
  return usage === undefined ? { kind: 'unknown' } : { kind: 'usage', usage }
}

/** A part's monthly cost for its unit price, or undefined when the quantity depends on an attribute it lacks. */
export function monthlyCost(part: CostPart, price: UnitPrice): number | undefined {
  const quantity = typeof part.quantity === 'number' ? part.quantity : part.quantity(price)
  if (quantity === undefined) return undefined
  return price.usd * quantity * (part.per === 'hour' ? HOURS_PER_MONTH : 1)
}

export { isResourceRef }
