import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * What the emulator knows about resource types: the name properties CloudFormation honours, which properties
 * force a replacement when they change, what Ref and GetAtt return, and the shape of generated ids. Only what
 * the action and its tests depend on; anything else falls back to a plausible, deterministic value.
 */

export type Recreation = 'Always' | 'Conditionally' | 'Never'

const REPLACEMENT: Record<string, Record<string, Recreation>> = {
  'AWS::S3::Bucket': { BucketName: 'Always', ObjectLockEnabled: 'Always' },
  'AWS::RDS::DBInstance': {
    DBInstanceIdentifier: 'Always',
    DBName: 'Always',
    Engine: 'Conditionally',
    StorageEncrypted: 'Always',
    KmsKeyId: 'Always',
    MasterUsername: 'Always',
    DBSubnetGroupName: 'Conditionally',
    AvailabilityZone: 'Conditionally',
    CharacterSetName: 'Always',
    DBSnapshotIdentifier: 'Always'
  },
  'AWS::DynamoDB::Table': { TableName: 'Always', KeySchema: 'Always', LocalSecondaryIndexes: 'Always' },
  'AWS::EC2::VPC': { CidrBlock: 'Always', InstanceTenancy: 'Conditionally' },
  'AWS::EC2::Subnet': { CidrBlock: 'Always', AvailabilityZone: 'Always', VpcId: 'Always' },
  'AWS::EC2::SecurityGroup': { GroupDescription: 'Always', GroupName: 'Always', VpcId: 'Always' },
  'AWS::EC2::SecurityGroupIngress': {
    GroupId: 'Always',
    IpProtocol: 'Always',
    FromPort: 'Always',
    ToPort: 'Always',
    CidrIp: 'Always',
    SourceSecurityGroupId: 'Always'
  },
  'AWS::EC2::RouteTable': { VpcId: 'Always' },
  'AWS::EC2::Route': { RouteTableId: 'Always', DestinationCidrBlock: 'Always' },
  'AWS::IAM::Role': { RoleName: 'Always', Path: 'Always' },
  'AWS::IAM::InstanceProfile': { InstanceProfileName: 'Always', Path: 'Always' },
  'AWS::Lambda::Function': { FunctionName: 'Always', PackageType: 'Always' },
  'AWS::Batch::ComputeEnvironment': {
    ComputeEnvironmentName: 'Always',
    Type: 'Always',
    ComputeResources: 'Conditionally'
  },
  'AWS::Batch::JobQueue': { JobQueueName: 'Always' },
  'AWS::ECS::Cluster': { ClusterName: 'Always' },
  'AWS::ECS::TaskDefinition': {
    ContainerDefinitions: 'Always',
    Cpu: 'Always',
    Memory: 'Always',
    Family: 'Always',
    ExecutionRoleArn: 'Always',
    TaskRoleArn: 'Always',
    NetworkMode: 'Always',
    RequiresCompatibilities: 'Always'
  },
  'AWS::ECS::Service': { ServiceName: 'Always', LaunchType: 'Always', Cluster: 'Always' },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { Name: 'Always', Scheme: 'Always', Type: 'Always' },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    Name: 'Always',
    Port: 'Always',
    Protocol: 'Always',
    TargetType: 'Always',
    VpcId: 'Always'
  },
  'AWS::Logs::LogGroup': { LogGroupName: 'Always' },
  'AWS::SecretsManager::Secret': { Name: 'Always' },
  'AWS::ApiGateway::ApiKey': { Value: 'Always', Name: 'Always' },
  'AWS::ApiGateway::Deployment': { RestApiId: 'Always', StageName: 'Always' },
  'AWS::ApiGateway::Resource': { ParentId: 'Always', PathPart: 'Always', RestApiId: 'Always' },
  'AWS::SageMaker::NotebookInstance': {
    NotebookInstanceName: 'Always',
    SubnetId: 'Always',
    SecurityGroupIds: 'Always',
    KmsKeyId: 'Always'
  }
}

/**
 * Replacement rules for every AWS type, derived from the resource provider schemas that cfn-lint ships
 * (createOnlyProperties) by scripts/create-only-properties.py.
 */
const SCHEMA_RULES = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'data', 'replacement-rules.json'), 'utf8')
) as Record<string, Record<string, Recreation>>

/** A resource's properties before and after an update, resolved, for rules that depend on the values. */
export interface PropertyChange {
  before: Record<string, unknown>
  after: Record<string, unknown>
}

/** The keys of two objects whose values differ. */
function changedKeys(before: unknown, after: unknown): string[] {
  const asObject = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const [b, a] = [asObject(before), asObject(after)]
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    key => JSON.stringify(b[key]) !== JSON.stringify(a[key])
  )
}

/** Changes to a managed compute environment that only scale it (AWS Batch: a "scaling update"). */
const BATCH_SCALING_ONLY = new Set(['MaxvCpus', 'MinvCpus', 'DesiredvCpus'])

/**
 * Rules that depend on the resource's values, not only on which property changed.
 *
 * AWS::Batch::ComputeEnvironment: `ReplaceComputeEnvironment` (default true) "specifies whether the compute
 * environment is replaced if an update is made that requires replacing the instances in the compute environment"
 * (CloudFormation template reference, AWS::Batch::ComputeEnvironment). With it false, changes to ComputeResources
 * that need new instances (instance types, launch template version, image, subnets, ...) are carried out in place
 * as an infrastructure update (AWS Batch User Guide, "Updating compute environments",
 * https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html); with it true, they
 * replace the environment. Scaling changes never replace it; SpotIamFleetRole is create-only either way (schema).
 */
const VALUE_RULES: Record<string, (property: string, change: PropertyChange) => Recreation | undefined> = {
  'AWS::Batch::ComputeEnvironment': (property, { before, after }) => {
    if (property !== 'ComputeResources') return undefined
    const changed = changedKeys(before.ComputeResources, after.ComputeResources)
    if (changed.includes('SpotIamFleetRole')) return 'Always'
    const replaceable =
      after.ReplaceComputeEnvironment !== false && after.ReplaceComputeEnvironment !== 'false'
    return replaceable && changed.some(key => !BATCH_SCALING_ONLY.has(key)) ? 'Always' : 'Never'
  }
}

/**
 * How a change to `property` of a `type` resource is carried out: a create-only property always replaces; the
 * table above adds what the schemas leave to the handlers (a DynamoDB KeySchema, an RDS Engine); a create-only
 * path inside a property makes it "Conditionally", unless the values say more (VALUE_RULES).
 */
export function recreationOf(type: string, property: string, change?: PropertyChange): Recreation {
  const byValue = change === undefined ? undefined : VALUE_RULES[type]?.(property, change)
  if (byValue !== undefined) return byValue
  const schema = SCHEMA_RULES[type]?.[property]
  if (schema === 'Always') return 'Always'
  return REPLACEMENT[type]?.[property] ?? schema ?? 'Never'
}

/** Properties that set a resource's physical name (a custom name also makes IAM resources "named"). */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::Batch::JobQueue': 'JobQueueName',
  'AWS::Batch::ComputeEnvironment': 'ComputeEnvironmentName',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::ECS::Service': 'ServiceName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SageMaker::NotebookInstance': 'NotebookInstanceName',
  'AWS::ApiGateway::Stage': 'StageName',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Name',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'Name'
}

/** The property that names a resource of this type, if the emulator knows one. */
export function nameProperty(type: string): string | undefined {
  return NAME_PROPERTY[type]
}

export const IAM_TYPES = new Set([
  'AWS::IAM::AccessKey',
  'AWS::IAM::Group',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::UserToGroupAddition'
])

export function isNamedIam(type: string, properties: Record<string, unknown>): boolean {
  const nameProperty = NAME_PROPERTY[type]
  return IAM_TYPES.has(type) && nameProperty !== undefined && properties[nameProperty] !== undefined
}

export function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex')
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** A deterministic id of `length` characters from `seed`. */
export function fakeId(seed: string, length: number, alphabet = ALNUM): string {
  const bytes = createHash('sha256').update(seed).digest()
  let out = ''
  for (let i = 0; out.length < length; i++) {
    out += alphabet[((bytes[i % bytes.length] as number) + i * 7) % alphabet.length]
  }
  return out
}

const HEX = '0123456789abcdef'
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** The physical id CloudFormation would give a new resource: its name property, or a generated one. */
export function physicalIdFor(
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
  stackName: string,
  seed: string
): string {
  const nameProperty = NAME_PROPERTY[type]
  const given = nameProperty === undefined ? undefined : properties[nameProperty]
  if (typeof given === 'string' && given !== '') return given
  const suffix = fakeId(seed, 12)
  switch (type) {
    case 'AWS::EC2::VPC':
      return `vpc-${fakeId(seed, 17, HEX)}`
    case 'AWS::EC2::Subnet':
      return `subnet-${fakeId(seed, 17, HEX)}`
    case 'AWS::EC2::SecurityGroup':
      return `sg-${fakeId(seed, 17, HEX)}`
    case 'AWS::EC2::InternetGateway':
      return `igw-${fakeId(seed, 17, HEX)}`
    case 'AWS::EC2::RouteTable':
      return `rtb-${fakeId(seed, 17, HEX)}`
    case 'AWS::EC2::SecurityGroupIngress':
      return `sgr-${fakeId(seed, 17, HEX)}`
    case 'AWS::ApiGateway::RestApi':
    case 'AWS::ApiGateway::ApiKey':
    case 'AWS::ApiGateway::VpcLink':
    case 'AWS::ApiGateway::Deployment':
    case 'AWS::ApiGateway::UsagePlan':
      return fakeId(seed, 10, LOWER)
    case 'AWS::ApiGateway::Resource':
      return fakeId(seed, 6, LOWER)
    case 'AWS::S3::Bucket':
    case 'AWS::RDS::DBInstance':
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return `${stackName}-${logicalId}`.toLowerCase().slice(0, 63 - 13) + `-${suffix.toLowerCase()}`
    default:
      return `${stackName}-${logicalId}-${suffix}`.slice(0, 64)
  }
}

export interface ArnContext {
  partition: string
  region: string
  accountId: string
}

/** The ARN of a resource, built the way each service spells it. */
export function arnOf(type: string, physicalId: string, ctx: ArnContext): string {
  const { partition: p, region: r, accountId: a } = ctx
  const [, service = 'unknown', kind = 'resource'] = type.split('::')
  switch (type) {
    case 'AWS::S3::Bucket':
      return `arn:${p}:s3:::${physicalId}`
    case 'AWS::IAM::Role':
      return `arn:${p}:iam::${a}:role/${physicalId}`
    case 'AWS::IAM::InstanceProfile':
      return `arn:${p}:iam::${a}:instance-profile/${physicalId}`
    case 'AWS::IAM::ManagedPolicy':
      return `arn:${p}:iam::${a}:policy/${physicalId}`
    case 'AWS::Batch::JobQueue':
      return `arn:${p}:batch:${r}:${a}:job-queue/${physicalId}`
    case 'AWS::Batch::ComputeEnvironment':
      return `arn:${p}:batch:${r}:${a}:compute-environment/${physicalId}`
    case 'AWS::DynamoDB::Table':
      return `arn:${p}:dynamodb:${r}:${a}:table/${physicalId}`
    case 'AWS::Lambda::Function':
      return `arn:${p}:lambda:${r}:${a}:function:${physicalId}`
    case 'AWS::Logs::LogGroup':
      return `arn:${p}:logs:${r}:${a}:log-group:${physicalId}:*`
    case 'AWS::SecretsManager::Secret':
      return `arn:${p}:secretsmanager:${r}:${a}:secret:${physicalId}-${fakeId(physicalId, 6)}`
    case 'AWS::ECS::Cluster':
      return `arn:${p}:ecs:${r}:${a}:cluster/${physicalId}`
    case 'AWS::ECS::TaskDefinition':
      return `arn:${p}:ecs:${r}:${a}:task-definition/${physicalId}:1`
    case 'AWS::ECS::Service':
      return `arn:${p}:ecs:${r}:${a}:service/${physicalId}`
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return `arn:${p}:elasticloadbalancing:${r}:${a}:loadbalancer/net/${physicalId}/${fakeId(physicalId, 16, HEX)}`
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return `arn:${p}:elasticloadbalancing:${r}:${a}:targetgroup/${physicalId}/${fakeId(physicalId, 16, HEX)}`
    case 'AWS::RDS::DBInstance':
      return `arn:${p}:rds:${r}:${a}:db:${physicalId}`
    case 'AWS::SNS::Topic':
      return `arn:${p}:sns:${r}:${a}:${physicalId}`
    case 'AWS::SageMaker::NotebookInstance':
      return `arn:${p}:sagemaker:${r}:${a}:notebook-instance/${physicalId.toLowerCase()}`
    default:
      return `arn:${p}:${service.toLowerCase()}:${r}:${a}:${kind.toLowerCase()}/${physicalId}`
  }
}

/** Types whose Ref is an ARN rather than a name or id. */
const REF_IS_ARN = new Set([
  'AWS::Batch::JobQueue',
  'AWS::Batch::ComputeEnvironment',
  'AWS::SNS::Topic',
  'AWS::ECS::TaskDefinition',
  'AWS::ECS::Service',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::SecretsManager::Secret',
  'AWS::IAM::ManagedPolicy'
])

export function refOf(type: string, physicalId: string, ctx: ArnContext): string {
  return REF_IS_ARN.has(type) ? arnOf(type, physicalId, ctx) : physicalId
}

/** `Fn::GetAtt` values: the common attributes precisely, anything else as a stable derived string. */
export function attributeOf(type: string, physicalId: string, attribute: string, ctx: ArnContext): string {
  const { region } = ctx
  if (attribute === 'Arn') return arnOf(type, physicalId, ctx)
  switch (`${type}.${attribute}`) {
    case 'AWS::RDS::DBInstance.Endpoint.Address':
      return `${physicalId}.${fakeId(physicalId, 12, LOWER)}.${region}.rds.amazonaws.com`
    case 'AWS::RDS::DBInstance.Endpoint.Port':
      return '5432'
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer.DNSName':
      return `${physicalId}.elb.${region}.amazonaws.com`
    case 'AWS::EC2::VPC.DefaultSecurityGroup':
      return `sg-${fakeId(physicalId + 'default', 17, HEX)}`
    case 'AWS::EC2::VPC.CidrBlock':
      return '10.20.0.0/16'
    case 'AWS::ApiGateway::RestApi.RootResourceId':
      return fakeId(physicalId + 'root', 10, LOWER)
    case 'AWS::S3::Bucket.DomainName':
      return `${physicalId}.s3.amazonaws.com`
    case 'AWS::S3::Bucket.RegionalDomainName':
      return `${physicalId}.s3.${region}.amazonaws.com`
    case 'AWS::SageMaker::NotebookInstance.NotebookInstanceName':
      return physicalId
    case 'AWS::SecretsManager::Secret.Id':
      return arnOf(type, physicalId, ctx)
    default:
      return `${physicalId}-${attribute.replace(/\W/g, '-').toLowerCase()}`
  }
}
