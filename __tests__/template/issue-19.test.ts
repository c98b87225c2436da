import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { ROOT } from '../../harness/runner.js'
import { evaluate, type PolicyDocument, type Statement } from '../../harness/iam.js'
import { PARAMETER_FILES, parametersFile } from './parameter-sets.js'

/**
 * Issue 19, checked where the template says it: patched images, Batch updates in place, @parallel networking,
 * IAM scoped to this stack and complete for what Metaflow calls, a first boot that survives migrations. What only
 * a change set shows (auth flips, Batch modifies) is in emulator-update.test.ts.
 */

type Json = Record<string, unknown>
interface Resource {
  Type: string
  Condition?: string
  Properties: Json
}
const template = parseTemplateBody(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8')) as {
  Parameters: Record<string, { Default?: string | number; Type?: string }>
  Conditions: Record<string, unknown>
  Resources: Record<string, Resource>
}
const props = (id: string): Json => {
  const found = template.Resources[id]
  if (found === undefined) throw new Error(`no resource ${id}`)
  return found.Properties
}

/** `v2.5.1` or `2.5.1` as numbers, for comparing releases. */
function versionOf(image: string): number[] {
  const tag = /:v?(\d+)\.(\d+)\.(\d+)$/.exec(image)
  if (tag === null) throw new Error(`${image} is not pinned to a release tag`)
  return tag.slice(1).map(Number)
}
const atLeast = (version: number[], floor: number[]): boolean => {
  for (let i = 0; i < floor.length; i++) {
    if ((version[i] ?? 0) !== (floor[i] ?? 0)) return (version[i] ?? 0) > (floor[i] ?? 0)
  }
  return true
}

/** metaflow-service PR #467 (commit c96a178): update_row stopped building SQL from URL path values. */
const FIRST_FIXED_METADATA_SERVICE = [2, 5, 1]
/** The metaflow-ui release current when this was written (Netflix/metaflow-ui tag v1.3.14). */
const CURRENT_UI = [1, 3, 14]

describe('1. images without the known SQL injection', () => {
  it('semver comparison works on the cases that matter', () => {
    expect(atLeast([2, 4, 12], FIRST_FIXED_METADATA_SERVICE)).toBe(false)
    expect(atLeast([2, 5, 0], FIRST_FIXED_METADATA_SERVICE)).toBe(false)
    expect(atLeast([2, 5, 1], FIRST_FIXED_METADATA_SERVICE)).toBe(true)
    expect(atLeast([2, 10, 0], FIRST_FIXED_METADATA_SERVICE)).toBe(true)
    expect(atLeast([3, 0, 0], FIRST_FIXED_METADATA_SERVICE)).toBe(true)
  })

  it('defaults the metadata service (and UI backend) to a release with the fix, and the UI to the current one', () => {
    expect(
      atLeast(
        versionOf(String(template.Parameters.MetadataServiceImage?.Default)),
        FIRST_FIXED_METADATA_SERVICE
      )
    ).toBe(true)
    expect(atLeast(versionOf(String(template.Parameters.UIStaticImage?.Default)), CURRENT_UI)).toBe(true)
  })

  it.each(PARAMETER_FILES)('pins both images in params/%s.yml, at or above those releases', env => {
    const values = parametersFile(env)
    expect(atLeast(versionOf(values.MetadataServiceImage ?? ''), FIRST_FIXED_METADATA_SERVICE)).toBe(true)
    expect(atLeast(versionOf(values.UIStaticImage ?? ''), CURRENT_UI)).toBe(true)
  })
})

describe('3. Batch compute environments update in place', () => {
  it.each(['ComputeEnvironment', 'GPUComputeEnvironment'])(
    '%s follows AWS Batch’s rules for infrastructure updates',
    id => {
      const environment = props(id)
      expect(environment.ReplaceComputeEnvironment).toBe(false)
      // Running jobs get this long to finish (TerminateJobsOnUpdate is false by default).
      expect(environment.UpdatePolicy).toEqual({ JobExecutionTimeoutMinutes: expect.any(Number) as unknown })
      const resources = environment.ComputeResources as Json
      expect(resources).not.toHaveProperty('DesiredvCpus')
      const strategy = JSON.stringify(resources.AllocationStrategy)
      expect(strategy).toMatch(/BEST_FIT_PROGRESSIVE|SPOT_CAPACITY_OPTIMIZED/)
      expect(strategy).not.toMatch(/"BEST_FIT"/)
      expect(JSON.stringify(resources.UpdateToLatestImageVersion)).toContain('true')
    }
  )
})

describe('4. @parallel jobs reach each other', () => {
  it('admits every protocol from the workload security group to itself, as a separate rule', () => {
    const rules = Object.values(template.Resources).filter(
      r =>
        r.Type === 'AWS::EC2::SecurityGroupIngress' &&
        JSON.stringify(r.Properties.GroupId) === '{"Ref":"WorkloadSecurityGroup"}'
    )
    expect(rules.map(r => r.Properties)).toContainEqual(
      expect.objectContaining({ IpProtocol: '-1', SourceSecurityGroupId: { Ref: 'WorkloadSecurityGroup' } })
    )
  })
})

describe('6. the first boot survives migrations on an empty database', () => {
  it('gives the metadata service a health-check grace period of several minutes, with the circuit breaker on', () => {
    const service = props('ECSFargateService')
    expect(service.HealthCheckGracePeriodSeconds).toBeGreaterThanOrEqual(300)
    expect(service.DeploymentConfiguration).toMatchObject({
      DeploymentCircuitBreaker: { Enable: true, Rollback: true }
    })
  })
})

// ---- 5. IAM: what Metaflow's clients call, evaluated with the harness's IAM evaluator ----

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const STACK = 'mf-prod'
const FLOW = `${STACK}_TrainFlow`

/** Concrete ARNs for what the policies name, as CloudFormation would resolve them for stack STACK. */
const ATTRIBUTES: Record<string, string> = {
  'MetaflowS3Bucket.Arn': 'arn:aws:s3:::mf-prod-bucket',
  'StepFunctionsStateDDB.Arn': `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/mf-prod-table`
}
const REFS: Record<string, string> = {
  JobQueue: `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/job-queue-${STACK}`,
  GPUJobQueue: `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/gpu-job-queue-${STACK}`,
  DBSecret: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db`,
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::StackName': STACK,
  'AWS::StackId': `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK}/1`
}
const roleArn = (id: string): string => `arn:aws:iam::${ACCOUNT}:role/${STACK}-${id}`
const attribute = (name: string): string => {
  const [id, att] = name.split('.') as [string, string]
  if (ATTRIBUTES[name] !== undefined) return ATTRIBUTES[name]
  if (att === 'Arn' && template.Resources[id]?.Type === 'AWS::IAM::Role') return roleArn(id)
  throw new Error(`no value for ${name}`)
}

/** Resolves the intrinsics of a policy document, with every optional feature on. */
function resolved(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolved).filter(v => v !== NO_VALUE)
  if (typeof node !== 'object' || node === null) return node
  const [key, arg] = Object.entries(node as Json)[0] ?? []
  if (key === 'Ref') {
    if (arg === 'AWS::NoValue') return NO_VALUE
    const value = REFS[arg as string]
    if (value === undefined) throw new Error(`no value for Ref ${String(arg)}`)
    return value
  }
  if (key === 'Fn::GetAtt') return attribute((arg as string[]).join('.'))
  if (key === 'Fn::Sub')
    return (arg as string).replace(/\$\{([^}]+)\}/g, (_, name: string) =>
      name.includes('.') && !name.startsWith('AWS::') ? attribute(name) : String(resolved({ Ref: name }))
    )
  if (key === 'Fn::If') return resolved((arg as unknown[])[1])
  return Object.fromEntries(Object.entries(node as Json).map(([k, v]) => [k, resolved(v)]))
}
const NO_VALUE = Symbol('AWS::NoValue')

/** The identity policy of a role: its inline policies and the template's managed policies it attaches. */
function policyOf(roleId: string): PolicyDocument {
  const role = props(roleId)
  const inline = (
    (role.Policies as { PolicyDocument: { Statement: unknown[] } }[] | undefined) ?? []
  ).flatMap(p => p.PolicyDocument.Statement)
  const managed = ((role.ManagedPolicyArns as { Ref?: string }[] | undefined) ?? []).flatMap(arn =>
    arn.Ref !== undefined && template.Resources[arn.Ref]?.Type === 'AWS::IAM::ManagedPolicy'
      ? (props(arn.Ref).PolicyDocument as { Statement: unknown[] }).Statement
      : []
  )
  return { Version: '2012-10-17', Statement: [...inline, ...managed].map(s => resolved(s) as Statement) }
}
const decide = (roleId: string, action: string, resource: string): string =>
  evaluate(policyOf(roleId), { action, resource, context: {} })

const stateMachine = (name: string): string => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`
const execution = (name: string): string => `arn:aws:states:${REGION}:${ACCOUNT}:execution:${name}:sfn-1234`
const rule = (name: string): string => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${name}`

/**
 * What Metaflow calls for `step-functions create/trigger/delete/list-runs/terminate` and @batch steps, with the
 * resource IAM checks each call against (Netflix/metaflow: plugins/aws/step_functions/step_functions_client.py,
 * event_bridge_client.py, dynamo_db_client.py; plugins/aws/batch/batch_client.py, which tags jobs it submits).
 */
const METAFLOW_CALLS: [string, string][] = [
  ['states:ListStateMachines', '*'],
  ['states:CreateStateMachine', stateMachine(FLOW)],
  ['states:UpdateStateMachine', stateMachine(FLOW)],
  ['states:DescribeStateMachine', stateMachine(FLOW)],
  ['states:DeleteStateMachine', stateMachine(FLOW)],
  ['states:StartExecution', stateMachine(FLOW)],
  ['states:ListExecutions', stateMachine(FLOW)],
  ['states:DescribeExecution', execution(FLOW)],
  ['states:StopExecution', execution(FLOW)],
  ['events:PutRule', rule(FLOW)],
  ['events:PutTargets', rule(FLOW)],
  ['events:DescribeRule', rule(FLOW)],
  ['events:DisableRule', rule(FLOW)],
  ['events:RemoveTargets', rule(FLOW)],
  ['events:DeleteRule', rule(FLOW)],
  ['iam:PassRole', roleArn('StepFunctionsRole')],
  ['iam:PassRole', roleArn('EventBridgeRole')],
  ['iam:PassRole', roleArn('BatchS3TaskRole')],
  ['batch:SubmitJob', REFS.JobQueue as string],
  ['batch:SubmitJob', REFS.GPUJobQueue as string],
  ['batch:SubmitJob', `arn:aws:batch:${REGION}:${ACCOUNT}:job-definition/metaflow-abc:3`],
  ['batch:TagResource', `arn:aws:batch:${REGION}:${ACCOUNT}:job/0f1e2d3c`],
  ['batch:RegisterJobDefinition', '*'],
  ['batch:DescribeJobs', '*'],
  ['batch:ListJobs', '*'],
  ['batch:TerminateJob', '*'],
  ['batch:DescribeJobQueues', '*'],
  ['batch:DescribeComputeEnvironments', '*'],
  ['dynamodb:PutItem', ATTRIBUTES['StepFunctionsStateDDB.Arn'] as string],
  ['dynamodb:UpdateItem', ATTRIBUTES['StepFunctionsStateDDB.Arn'] as string],
  ['dynamodb:GetItem', ATTRIBUTES['StepFunctionsStateDDB.Arn'] as string]
]

describe('5. Metaflow’s client role and EventBridge’s role, scoped to this stack', () => {
  it.each(METAFLOW_CALLS)('MetaflowUserRole may call %s on %s', (action, resource) => {
    expect(decide('MetaflowUserRole', action, resource)).toBe('allowed')
  })

  it.each([
    ['states:CreateStateMachine', stateMachine('other-stack_TrainFlow')],
    ['states:UpdateStateMachine', stateMachine('TrainFlow')],
    ['states:DeleteStateMachine', stateMachine('other-stack_TrainFlow')],
    ['states:StartExecution', stateMachine('other-stack_TrainFlow')],
    ['states:StopExecution', execution('other-stack_TrainFlow')],
    ['events:PutRule', rule('other-stack_TrainFlow')],
    ['events:PutTargets', rule('AutoScalingManagedRule')],
    ['events:DeleteRule', rule('other-stack_TrainFlow')],
    ['events:RemoveTargets', rule('other-stack_TrainFlow')],
    ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/Admin`]
  ])('MetaflowUserRole may not call %s on %s, outside this stack', (action, resource) => {
    expect(decide('MetaflowUserRole', action, resource)).toBe('implicit-deny')
  })

  it('EventBridge starts this stack’s state machines only', () => {
    expect(decide('EventBridgeRole', 'states:StartExecution', stateMachine(FLOW))).toBe('allowed')
    expect(decide('EventBridgeRole', 'states:StartExecution', stateMachine('other-stack_TrainFlow'))).toBe(
      'implicit-deny'
    )
  })

  it('Step Functions may tag the Batch jobs it submits (Metaflow passes tags to submitJob.sync)', () => {
    expect(
      decide('StepFunctionsRole', 'batch:TagResource', `arn:aws:batch:${REGION}:${ACCOUNT}:job/0f1e2d3c`)
    ).toBe('allowed')
  })
})

// ---- 7, 8, 10: the network shapes and the hardening, evaluated for given parameter values ----

/** The template's conditions for a set of parameter values (defaults for the rest), as CloudFormation evaluates them. */
function conditionsFor(values: Record<string, string>): Record<string, boolean> {
  const param = (name: string): string => values[name] ?? String(template.Parameters[name]?.Default ?? '')
  const value = (node: unknown): string => {
    if (typeof node !== 'object' || node === null) return String(node)
    const { Ref: ref, 'Fn::Join': join } = node as { Ref?: string; 'Fn::Join'?: [string, { Ref: string }] }
    if (ref !== undefined) return param(ref)
    if (join !== undefined) return param(join[1].Ref).split(',').join(join[0])
    throw new Error(`cannot evaluate ${JSON.stringify(node)}`)
  }
  const results: Record<string, boolean> = {}
  const evaluate = (node: unknown): boolean => {
    const [fn, args] = Object.entries(node as Json)[0] as [string, unknown]
    const list = args as unknown[]
    if (fn === 'Condition') return (results[args as string] ??= evaluate(template.Conditions[args as string]))
    if (fn === 'Fn::Equals') return value(list[0]) === value(list[1])
    if (fn === 'Fn::Not') return !evaluate(list[0])
    if (fn === 'Fn::And') return list.every(evaluate)
    if (fn === 'Fn::Or') return list.some(evaluate)
    throw new Error(`condition function ${fn} not handled`)
  }
  for (const [name, node] of Object.entries(template.Conditions)) results[name] ??= evaluate(node)
  return results
}

/** What a value becomes under those conditions: Fn::If taken, AWS::NoValue dropped, parameters substituted. */
function under(values: Record<string, string>, node: unknown): unknown {
  const conditions = conditionsFor(values)
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk).filter(v => v !== NO_VALUE)
    if (typeof value !== 'object' || value === null) return value
    const [key, arg] = Object.entries(value as Json)[0] ?? []
    if (key === 'Fn::If') {
      const [name, yes, no] = arg as [string, unknown, unknown]
      return walk(conditions[name] === true ? yes : no)
    }
    if (key === 'Ref' && arg === 'AWS::NoValue') return NO_VALUE
    if (key === 'Ref' && typeof arg === 'string' && arg in template.Parameters) {
      const given = values[arg] ?? String(template.Parameters[arg]?.Default ?? '')
      return (template.Parameters[arg] as { Type?: string }).Type === 'CommaDelimitedList'
        ? given.split(',')
        : given
    }
    if (key === 'Fn::Select') {
      const [index, list] = arg as [number, unknown]
      return (walk(list) as unknown[])[index]
    }
    return Object.fromEntries(
      Object.entries(value as Json)
        .map(([k, v]) => [k, walk(v)])
        .filter(([, v]) => v !== NO_VALUE)
    )
  }
  return walk(node)
}
const createdWith = (values: Record<string, string>): [string, Resource][] => {
  const conditions = conditionsFor(values)
  return Object.entries(template.Resources).filter(
    ([, r]) => r.Condition === undefined || conditions[r.Condition]
  )
}
const outputs = (template as unknown as { Outputs: Record<string, { Value: unknown; Condition?: string }> })
  .Outputs
const NETWORK_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::NatGateway',
  'AWS::EC2::EIP',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::VPCGatewayAttachment'
]
const EXISTING = {
  ExistingVpcId: 'vpc-0a1b2c3d4e5f60718',
  ExistingSubnetIds: 'subnet-0a1b2c3d4e5f60719,subnet-0a1b2c3d4e5f6071a',
  VPCCidr: '172.31.0.0/16'
}
const UI_ON = {
  EnableUI: 'true',
  UICertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f7e2a9c-1b3d-4e5f-8a6b-7c8d9e0f1a2b',
  UIDomainName: 'metaflow.example.com',
  EnableSagemaker: 'true'
}
/** Every property of the template that names subnets for a workload, with the resource it belongs to. */
function subnetsOf(values: Record<string, string>): Record<string, unknown> {
  const found: Record<string, unknown> = {}
  for (const [id, r] of createdWith(values)) {
    const p = under(values, r.Properties ?? {}) as Json
    const network = (p.NetworkConfiguration as { AwsvpcConfiguration?: Json } | undefined)
      ?.AwsvpcConfiguration
    const computeResources = p.ComputeResources as Json | undefined
    const vpcConfig = p.VpcConfig as Json | undefined
    const value =
      network?.Subnets ??
      computeResources?.Subnets ??
      vpcConfig?.SubnetIds ??
      p.SubnetIds ??
      p.Subnets ??
      p.SubnetId
    if (
      value !== undefined &&
      r.Type !== 'AWS::EC2::SubnetRouteTableAssociation' &&
      r.Type !== 'AWS::EC2::NatGateway'
    )
      found[id] = value
  }
  return found
}

describe('7. an existing VPC and subnets', () => {
  it('creates no network of its own there, and puts every workload in the given subnets', () => {
    const values = { ...EXISTING, ...UI_ON }
    expect(
      createdWith(values)
        .filter(([, r]) => NETWORK_TYPES.includes(r.Type))
        .map(([id]) => id)
    ).toEqual([])
    const subnets = subnetsOf(values)
    expect(Object.keys(subnets).sort()).toEqual(
      [
        'ComputeEnvironment',
        'DBSubnetGroup',
        'ECSFargateService',
        'ExecuteDBMigration',
        'NLB',
        'NotebookInstance',
        'UIBackendService',
        'UILoadBalancer',
        'UIStaticService'
      ].sort()
    )
    const given = EXISTING.ExistingSubnetIds.split(',')
    for (const [id, value] of Object.entries(subnets)) {
      expect({ id, value }).toEqual({ id, value: id === 'NotebookInstance' ? given[0] : given })
    }
  })

  it('reports the VPC and subnets it uses in every shape', () => {
    const shapes: Record<string, string>[] = [
      {},
      { PrivateSubnets: 'true' },
      EXISTING,
      { ...EXISTING, PrivateSubnets: 'true' }
    ]
    for (const values of shapes) {
      const shown = Object.fromEntries(
        ['VPCId', 'Subnet1Id', 'Subnet2Id'].map(o => [o, under(values, outputs[o]?.Value)])
      )
      if ('ExistingVpcId' in values)
        expect(shown).toEqual({
          VPCId: EXISTING.ExistingVpcId,
          Subnet1Id: 'subnet-0a1b2c3d4e5f60719',
          Subnet2Id: 'subnet-0a1b2c3d4e5f6071a'
        })
      else
        expect(shown).toEqual({
          VPCId: { Ref: 'VPC' },
          Subnet1Id: { Ref: 'Subnet1' },
          Subnet2Id: { Ref: 'Subnet2' }
        })
    }
  })

  it('puts the UI load balancer in the given public subnets when the workload subnets are private', () => {
    const values = {
      ...EXISTING,
      ...UI_ON,
      PrivateSubnets: 'true',
      ExistingPublicSubnetIds: 'subnet-0b,subnet-0c'
    }
    expect(subnetsOf(values).UILoadBalancer).toEqual(['subnet-0b', 'subnet-0c'])
  })

  it('refuses a VPC without subnets, or subnets without their VPC, before creating anything', () => {
    const rules = JSON.stringify((template as unknown as { Rules: unknown }).Rules)
    expect(rules).toContain('ExistingVpcId needs ExistingSubnetIds')
    expect(rules).toContain('ExistingSubnetIds needs ExistingVpcId')
  })
})

describe('7. private subnets', () => {
  const values = { ...UI_ON, PrivateSubnets: 'true' }

  it('a new VPC routes the workload subnets through a NAT gateway in two public subnets, which hold the UI', () => {
    const created = createdWith(values).map(([id]) => id)
    expect(created).toEqual(
      expect.arrayContaining(['NatGateway', 'NatAddress', 'EdgeSubnet1', 'EdgeSubnet2', 'EdgeDefaultRoute'])
    )
    expect(under(values, props('DefaultRoute'))).toMatchObject({ NatGatewayId: { Ref: 'NatGateway' } })
    expect(under(values, props('DefaultRoute'))).not.toHaveProperty('GatewayId')
    expect(under(values, props('Subnet1'))).toMatchObject({ MapPublicIpOnLaunch: false })
    expect(subnetsOf(values).UILoadBalancer).toEqual([{ Ref: 'EdgeSubnet1' }, { Ref: 'EdgeSubnet2' }])
    expect(createdWith({}).map(([id]) => id)).not.toContain('NatGateway')
  })

  it('gives no service a public IP and no notebook direct internet access; the notebook requires IMDSv2', () => {
    for (const id of ['ECSFargateService', 'UIBackendService', 'UIStaticService']) {
      const network = (under(values, props(id)) as { NetworkConfiguration: { AwsvpcConfiguration: Json } })
        .NetworkConfiguration
      expect({ id, ip: network.AwsvpcConfiguration.AssignPublicIp }).toEqual({ id, ip: 'DISABLED' })
    }
    expect(under(values, props('NotebookInstance'))).toMatchObject({
      DirectInternetAccess: 'Disabled',
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' }
    })
  })
})

describe('8. hardening', () => {
  it('turns APIAllowedCidrs into the API’s resource policy, and leaves the API open without it', () => {
    const cidrs = '203.0.113.0/24,198.51.100.7/32'
    const policy = (under({ APIAllowedCidrs: cidrs }, props('Api')) as { Policy: PolicyDocument }).Policy
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { NotIpAddress: { 'aws:SourceIp': cidrs.split(',') } }
      })
    )
    // Anyone else is denied; those inside the ranges are allowed (a resource policy must allow explicitly).
    expect(policy.Statement).toContainEqual({
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*'
    })
    expect(under({}, props('Api'))).not.toHaveProperty('Policy')
  })

  it('keeps stage access logs, S3 object versions for a while, and VPC flow logs when asked', () => {
    expect(under({ APIAccessLogs: 'true' }, props('ApiStage'))).toMatchObject({
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': ['ApiAccessLogGroup', 'Arn'] } }
    })
    expect(props('MetaflowS3Bucket')).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [
          expect.objectContaining({
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: expect.any(Number) as unknown }
          })
        ]
      }
    })
    expect(under(EXISTING, props('FlowLog'))).toMatchObject({
      ResourceType: 'VPC',
      ResourceId: EXISTING.ExistingVpcId
    })
    expect(createdWith({ EnableFlowLogs: 'true' }).map(([id]) => id)).toContain('FlowLog')
    expect(createdWith({}).map(([id]) => id)).not.toContain('FlowLog')
  })
})

describe('9. sizes and the shipped parameter files', () => {
  it('sizes the UI backend as terraform-aws-metaflow does (2 vCPU, 16 GiB)', () => {
    expect(props('UIBackendTaskDefinition')).toMatchObject({ Cpu: '2048', Memory: '16384' })
  })

  it('dev.yml is cheap: no notebook, no NAT gateway, no GPU, a micro database in one zone', () => {
    const dev = parametersFile('dev')
    expect(dev).toMatchObject({
      EnableSagemaker: 'false',
      DBInstanceClass: 'db.t3.micro',
      DBMultiAZ: 'false'
    })
    expect(dev.PrivateSubnets ?? 'false').toBe('false')
    expect(dev.EnableGPU ?? 'false').toBe('false')
    expect(dev.EnableUI ?? 'false').toBe('false')
  })

  it('staging.yml has production’s shape: every switch the same, only sizes and retention smaller', () => {
    const [staging, prod] = [parametersFile('staging'), parametersFile('prod')]
    const SIZES = [
      'MaxVCPUBatch',
      'BatchRootVolumeSize',
      'MaxVCPUGPU',
      'DBInstanceClass',
      'DBMaxAllocatedStorage',
      'DBBackupRetentionDays',
      'LogRetentionDays'
    ]
    const shape = (values: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(values).filter(([key]) => !SIZES.includes(key)))
    expect(shape(staging)).toEqual(shape(prod))
    expect(Object.keys(staging).sort()).toEqual(Object.keys(prod).sort())
  })
})
