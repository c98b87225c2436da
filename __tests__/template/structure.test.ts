import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { BUNDLED_MAX_STACK_NAME, BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { METAFLOW_OUTPUTS } from '../../src/publish/metaflow-config.js'
import { readParametersFile, resolveParameters } from '../../src/template/parameters.js'
import { ROOT } from '../../harness/runner.js'
import type { TemplateParameter } from '../../src/template/load.js'
import { allFeaturesOn } from './parameter-sets.js'

interface Template {
  Parameters: Record<string, TemplateParameter>
  Conditions: Record<string, unknown>
  Resources: Record<
    string,
    { Type: string; Condition?: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] }
  >
  Outputs: Record<string, { Value: unknown; Condition?: string }>
}

const body = readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8')
const template = parseTemplateBody(body) as Template
const PSEUDO = new Set([
  'AWS::Region',
  'AWS::AccountId',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::NoValue'
])

/** Every Ref, GetAtt (including `${A.B}` in Sub) and Condition use in the template. */
function usages() {
  const refs = new Set<string>()
  const atts = new Set<string>()
  const conditions = new Set<string>()
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (typeof value !== 'object' || value === null) return
    for (const [key, arg] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Ref') refs.add(arg as string)
      else if (key === 'Fn::GetAtt') atts.add((arg as string[])[0] as string)
      else if (key === 'Fn::If') conditions.add((arg as string[])[0] as string)
      else if (key === 'Condition' && typeof arg === 'string') conditions.add(arg)
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(arg) ? (arg[0] as string) : (arg as string)
        for (const m of text.matchAll(/\$\{([^}!]+)\}/g)) {
          const name = m[1] as string
          if (name.includes('.') && !name.startsWith('AWS::')) atts.add(name.split('.')[0] as string)
          else refs.add(name)
        }
        walk(arg)
        continue
      }
      walk(arg)
    }
  }
  walk(template.Resources)
  walk(template.Outputs)
  walk(template.Conditions)
  for (const resource of Object.values(template.Resources)) {
    for (const dep of [resource.DependsOn ?? []].flat()) refs.add(dep)
  }
  return { refs, atts, conditions }
}

describe('the bundled template', () => {
  const { refs, atts, conditions } = usages()

  it('refers only to resources, parameters and pseudo parameters that exist', () => {
    const known = new Set([
      ...Object.keys(template.Resources),
      ...Object.keys(template.Parameters),
      ...PSEUDO
    ])
    expect([...refs].filter(name => !known.has(name))).toEqual([])
    expect([...atts].filter(name => !(name in template.Resources))).toEqual([])
    expect([...conditions].filter(name => !(name in template.Conditions))).toEqual([])
  })

  it('uses every parameter and every condition it declares', () => {
    expect(Object.keys(template.Parameters).filter(name => !refs.has(name))).toEqual([])
    expect(Object.keys(template.Conditions).filter(name => !conditions.has(name))).toEqual([])
  })

  it('has every output the Metaflow configuration needs, under the reference’s names', () => {
    const needed = [...METAFLOW_OUTPUTS.map(([, output]) => output), 'ApiKeyId', 'MigrationFunctionName']
    expect(needed.filter(name => !(name in template.Outputs))).toEqual([])
    expect(template.Outputs.ApiKeyId?.Condition).toBe('Auth')
  })

  it('keeps generated names within AWS limits for the longest stack name allowed', () => {
    const stackName = `m${'x'.repeat(BUNDLED_MAX_STACK_NAME - 1)}`
    const limits: Record<string, [string, number]> = {
      'AWS::Lambda::Function': ['FunctionName', 64],
      'AWS::Batch::JobQueue': ['JobQueueName', 128],
      'AWS::Logs::LogGroup': ['LogGroupName', 512],
      'AWS::ECS::TaskDefinition': ['Family', 255],
      'AWS::ApiGateway::RestApi': ['Name', 128],
      'AWS::ApiGateway::VpcLink': ['Name', 128],
      'AWS::ApiGateway::ApiKey': ['Name', 128],
      'AWS::ApiGateway::UsagePlan': ['UsagePlanName', 128]
    }
    const checked: string[] = []
    for (const [id, resource] of Object.entries(template.Resources)) {
      const limit = limits[resource.Type]
      if (limit === undefined) continue
      const value = resource.Properties?.[limit[0]] as { 'Fn::Sub'?: string } | undefined
      // Without the property CloudFormation generates a name, always within the limit.
      if (value === undefined) continue
      const text = (value?.['Fn::Sub'] ?? '').replace(/\$\{AWS::StackName\}/g, stackName)
      expect({ id, length: text.length, ok: text.length > 0 && text.length <= limit[1] }).toEqual({
        id,
        length: text.length,
        ok: true
      })
      checked.push(id)
    }
    expect(checked).toContain('ExecuteDBMigration')
    const fn = (template.Resources.ExecuteDBMigration?.Properties?.FunctionName as { 'Fn::Sub': string })[
      'Fn::Sub'
    ]
    expect(fn.replace('${AWS::StackName}', `${stackName}x`).length).toBe(65)
  })

  it('needs only CAPABILITY_IAM: no resource sets an IAM name', () => {
    const named = Object.entries(template.Resources).filter(
      ([, r]) =>
        r.Type.startsWith('AWS::IAM::') &&
        ['RoleName', 'InstanceProfileName', 'ManagedPolicyName'].some(p => r.Properties?.[p] !== undefined)
    )
    expect(named).toEqual([])
  })

  it('keeps data deliberately: the datastore is retained, the database snapshotted', () => {
    const raw = parseTemplateBody(body) as {
      Resources: Record<string, { DeletionPolicy?: string; UpdateReplacePolicy?: string }>
    }
    expect(raw.Resources.MetaflowS3Bucket).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain'
    })
    expect(raw.Resources.RDSMasterInstance).toMatchObject({
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot'
    })
    expect(template.Resources.RDSMasterInstance?.Properties).toMatchObject({
      StorageEncrypted: true,
      PubliclyAccessible: false
    })
  })

  it('passes the database password to the service through ECS Secrets, never as plain environment', () => {
    const container = (
      template.Resources.TaskDefinition?.Properties?.ContainerDefinitions as {
        Environment: { Name: string }[]
        Secrets: { Name: string }[]
      }[]
    )[0]
    expect(container?.Environment.map(e => e.Name)).not.toContain('MF_METADATA_DB_PSWD')
    expect(container?.Secrets.map(s => s.Name)).toEqual(['MF_METADATA_DB_USER', 'MF_METADATA_DB_PSWD'])
  })

  it('fits inline once compacted (under 51,200 bytes as JSON, the form the action sends), so no template-bucket is needed', () => {
    // The readable YAML may outgrow the limit; its data, written as compact JSON, must not (issue 19, item 11).
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(51_200)
  })

  it.each(['dev', 'staging', 'prod'])('loads templates/params/%s.yml with parameters-file', env => {
    const given = readParametersFile(`templates/params/${env}.yml`, ROOT)
    const resolved = resolveParameters(template.Parameters, given, undefined)
    expect(resolved.parameters.length).toBe(Object.keys(given).length)
    if (env === 'prod') expect(given.EnableSagemaker?.value).toBe('false')
    expect(given.APIBasicAuth?.value).toBe('true')
  })
})

// ---- Issue 15: defects and ML features, each checked where the template says it ----

type Json = Record<string, unknown>
interface Statement {
  Effect: string
  Action: string | string[]
  Resource: unknown
}
const raw = parseTemplateBody(body) as {
  Parameters: Record<string, { Default?: unknown; Description?: string }>
  Rules?: Record<string, { RuleCondition?: unknown; Assertions: { Assert: unknown }[] }>
  Resources: Record<
    string,
    {
      Type: string
      Condition?: string
      DeletionPolicy?: string
      UpdateReplacePolicy?: string
      DependsOn?: string | string[]
      Properties: Json
    }
  >
  Outputs: Record<string, { Value: unknown; Condition?: string }>
}
const resource = (id: string): (typeof raw.Resources)[string] => {
  const found = raw.Resources[id]
  if (found === undefined) throw new Error(`no resource ${id}`)
  return found
}
const props = (id: string): Json => resource(id).Properties
const actionsOf = (s: Statement): string[] => [s.Action].flat()

/** The policy statements a role ends up with: inline policies and the managed policies of this template it attaches. */
function statementsOf(roleId: string): Statement[] {
  const role = props(roleId)
  const inline = (
    (role.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []
  ).flatMap(p => p.PolicyDocument.Statement)
  const attached = ((role.ManagedPolicyArns as unknown[] | undefined) ?? []).flatMap(arn => {
    const id = (arn as { Ref?: string }).Ref
    if (id === undefined || raw.Resources[id]?.Type !== 'AWS::IAM::ManagedPolicy') return []
    return (props(id).PolicyDocument as { Statement: Statement[] }).Statement
  })
  return [...inline, ...attached]
}
const allows = (roleId: string, action: string): Statement[] =>
  statementsOf(roleId).filter(s => s.Effect === 'Allow' && actionsOf(s).includes(action))

/** Evaluates the template's Conditions for a set of parameter values (defaults for the rest). */
function conditionsFor(values: Record<string, string>): Record<string, boolean> {
  const param = (name: string): string => {
    const fallback = raw.Parameters[name]?.Default
    return (
      values[name] ?? (typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback) : '')
    )
  }
  const value = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node
    const ref = (node as { Ref?: string }).Ref
    return ref !== undefined ? param(ref) : node
  }
  const results: Record<string, boolean> = {}
  const evaluate = (node: unknown): boolean => {
    const [fn, args] = Object.entries(node as Json)[0] as [string, unknown[] | string]
    if (fn === 'Condition') return (results[args as string] ??= evaluate(template.Conditions[args as string]))
    const list = args as unknown[]
    if (fn === 'Fn::Equals') return String(value(list[0])) === String(value(list[1]))
    if (fn === 'Fn::Not') return !evaluate(list[0])
    if (fn === 'Fn::And') return list.every(evaluate)
    if (fn === 'Fn::Or') return list.some(evaluate)
    throw new Error(`condition function ${fn} not handled`)
  }
  for (const [name, node] of Object.entries(template.Conditions)) results[name] ??= evaluate(node)
  return results
}
const created = (values: Record<string, string>): string[] => {
  const conditions = conditionsFor(values)
  return Object.entries(raw.Resources)
    .filter(([, r]) => r.Condition === undefined || conditions[r.Condition] === true)
    .map(([id]) => id)
}
const ALL_ON = allFeaturesOn('ec2')

describe('issue 15: the defects', () => {
  it('1. the migration function is inline Python (its behaviour: migration-function.test.ts)', () => {
    expect(props('ExecuteDBMigration').Runtime).toMatch(/^python3\.\d+$/)
    expect((props('ExecuteDBMigration').Code as { ZipFile: string }).ZipFile).toContain('/upgrade')
  })

  it('2. the notebook can submit Batch jobs as Metaflow does, on Fargate too, and knows the execution role', () => {
    for (const action of [
      'batch:SubmitJob',
      'batch:DescribeComputeEnvironments',
      'batch:DescribeJobQueues',
      'batch:DescribeJobDefinitions',
      'batch:RegisterJobDefinition',
      'batch:DescribeJobs',
      'batch:TerminateJob'
    ]) {
      expect({ action, granted: allows('SageMakerExecutionRole', action).length > 0 }).toEqual({
        action,
        granted: true
      })
    }
    const passable = allows('SageMakerExecutionRole', 'iam:PassRole').flatMap(s => [s.Resource].flat())
    expect(passable).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': ['BatchS3TaskRole', 'Arn'] },
        { 'Fn::GetAtt': ['BatchFargateExecutionRole', 'Arn'] }
      ])
    )
    const script = JSON.stringify(props('NotebookLifecycleConfig').OnCreate)
    expect(script).toContain('export METAFLOW_ECS_FARGATE_EXECUTION_ROLE=${BatchFargateExecutionRole.Arn}')
    expect(script).toContain('export METAFLOW_SFN_STATE_MACHINE_PREFIX=${AWS::StackName}')
  })

  it('3. the user role may list state machines on "*", which `step-functions create` needs', () => {
    const listing = allows('MetaflowUserRole', 'states:ListStateMachines')
    expect(listing.map(s => s.Resource)).toContain('*')
  })

  it('4. the state-machine prefix is an output holding the stack name, for every stack', () => {
    expect(raw.Outputs.SFNStateMachinePrefix).toEqual({
      Description: expect.stringContaining('METAFLOW_SFN_STATE_MACHINE_PREFIX'),
      Value: { Ref: 'AWS::StackName' }
    })
  })

  it('5. the metadata service rolls back a failing deployment, runs a chosen number of tasks, across zones', () => {
    const service = props('ECSFargateService')
    expect(service.DesiredCount).toEqual({ Ref: 'MetadataServiceTaskCount' })
    expect(service.DeploymentConfiguration).toMatchObject({
      DeploymentCircuitBreaker: { Enable: true, Rollback: true }
    })
    expect(props('NLB').LoadBalancerAttributes).toContainEqual({
      Key: 'load_balancing.cross_zone.enabled',
      Value: 'true'
    })
  })

  it('6. the database upgrades across majors, grows its storage, keeps chosen backups, and its secret outlives the stack', () => {
    expect(props('RDSMasterInstance')).toMatchObject({
      AllowMajorVersionUpgrade: true,
      MaxAllocatedStorage: { Ref: 'DBMaxAllocatedStorage' },
      BackupRetentionPeriod: { Ref: 'DBBackupRetentionDays' }
    })
    expect(resource('DBSecret')).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })
  })

  it.each(['VPCCidr', 'Subnet1Cidr', 'Subnet2Cidr'])(
    '7. %s says that changing it replaces the network under the database',
    name => {
      expect(raw.Parameters[name]?.Description).toMatch(/REPLACES .*database/s)
    }
  )
})

describe('issue 15: what ML teams expect', () => {
  it('8. GPU steps have a GPU compute environment on the ECS NVIDIA image, off by default, with its own queue', () => {
    expect(raw.Parameters.EnableGPU?.Default).toBe('false')
    const gpu = resource('GPUComputeEnvironment')
    expect(gpu.Condition).toBe('GPUOn')
    expect(gpu.Properties.ComputeResources).toMatchObject({
      Type: 'EC2',
      MinvCpus: 0,
      MaxvCpus: { Ref: 'MaxVCPUGPU' },
      InstanceTypes: { Ref: 'GPUInstanceTypes' },
      Ec2Configuration: [{ ImageType: expect.stringMatching(/^ECS_AL(2|2023)_NVIDIA$/) }]
    })
    expect(resource('GPUJobQueue')).toMatchObject({
      Condition: 'GPUOn',
      Properties: {
        ComputeEnvironmentOrder: [{ Order: 1, ComputeEnvironment: { Ref: 'GPUComputeEnvironment' } }]
      }
    })
    expect(raw.Outputs.BatchGPUJobQueueArn).toMatchObject({
      Condition: 'GPUOn',
      Value: { Ref: 'GPUJobQueue' }
    })
    // Whoever submits to the CPU queue may submit to the GPU queue: Step Functions and Metaflow's users.
    for (const role of ['StepFunctionsRole', 'MetaflowUserRole', 'SageMakerExecutionRole']) {
      const resources = JSON.stringify(allows(role, 'batch:SubmitJob').map(s => s.Resource))
      expect({ role, gpu: resources.includes('{"Ref":"GPUJobQueue"}') }).toEqual({ role, gpu: true })
    }
    expect(created({})).not.toContain('GPUComputeEnvironment')
    expect(created({ EnableGPU: 'true' })).toEqual(
      expect.arrayContaining(['GPUComputeEnvironment', 'GPUJobQueue'])
    )
  })

  it('9. Batch EC2 instances launch with an encrypted root volume of a chosen size and require IMDSv2', () => {
    const data = props('BatchLaunchTemplate').LaunchTemplateData as Json
    expect(data.MetadataOptions).toMatchObject({ HttpTokens: 'required' })
    expect(data.BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: expect.objectContaining({ Encrypted: true, VolumeSize: { Ref: 'BatchRootVolumeSize' } })
      }
    ])
    const launchTemplate = {
      LaunchTemplateId: { Ref: 'BatchLaunchTemplate' },
      Version: { 'Fn::GetAtt': ['BatchLaunchTemplate', 'LatestVersionNumber'] }
    }
    expect((props('GPUComputeEnvironment').ComputeResources as Json).LaunchTemplate).toEqual(launchTemplate)
    // The CPU environment uses it on EC2; Fargate has no instances to launch.
    expect((props('ComputeEnvironment').ComputeResources as Json).LaunchTemplate).toEqual({
      'Fn::If': ['Fargate', { Ref: 'AWS::NoValue' }, launchTemplate]
    })
    // On the Amazon Linux 2023 ECS image, whose root device the launch template sizes (AL2 is out of support).
    expect((props('ComputeEnvironment').ComputeResources as Json).Ec2Configuration).toEqual({
      'Fn::If': ['Fargate', { Ref: 'AWS::NoValue' }, [{ ImageType: 'ECS_AL2023' }]]
    })
  })

  describe('10. the UI', () => {
    const uiResources = Object.entries(raw.Resources).filter(
      ([id]) => id.startsWith('UI') || id === 'RDSIngressFromUI'
    )

    it('is off by default and exists only with a certificate and a domain, which a rule demands', () => {
      expect(raw.Parameters.EnableUI?.Default).toBe('false')
      expect(uiResources.length).toBeGreaterThanOrEqual(15)
      expect(uiResources.filter(([, r]) => r.Condition !== 'UIOn').map(([id]) => id)).toEqual([])
      expect(created({}).filter(id => id.startsWith('UI'))).toEqual([])
      expect(created({ EnableUI: 'true' }).filter(id => id.startsWith('UI'))).toEqual([])
      expect(created(ALL_ON)).toEqual(expect.arrayContaining(uiResources.map(([id]) => id)))
      const asserted = JSON.stringify(raw.Rules?.UINeedsCertificateAndDomain)
      expect(asserted).toContain('{"Fn::Not":[{"Fn::Equals":[{"Ref":"UICertificateArn"},""]}]}')
      expect(asserted).toContain('{"Fn::Not":[{"Fn::Equals":[{"Ref":"UIDomainName"},""]}]}')
    })

    it('listens on HTTPS only, with the given certificate, and admits HTTPS only', () => {
      const listeners = Object.entries(raw.Resources).filter(
        ([, r]) =>
          r.Type === 'AWS::ElasticLoadBalancingV2::Listener' &&
          JSON.stringify(r.Properties.LoadBalancerArn) === '{"Ref":"UILoadBalancer"}'
      )
      expect(listeners.map(([id]) => id)).toEqual(['UIListener'])
      expect(props('UIListener')).toMatchObject({
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: { Ref: 'UICertificateArn' } }],
        SslPolicy: expect.stringMatching(/^ELBSecurityPolicy-TLS13-/)
      })
      expect(props('UILoadBalancerSecurityGroup').SecurityGroupIngress).toEqual([
        expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 })
      ])
    })

    it('forwards nothing before a Cognito login, on the default action and on every rule', () => {
      const actionLists: [string, { Type: string; Order: number; AuthenticateCognitoConfig?: Json }[]][] = [
        ['UIListener', props('UIListener').DefaultActions as never],
        ...Object.entries(raw.Resources)
          .filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule')
          .map(([id, r]) => [id, r.Properties.Actions] as [string, never])
      ]
      expect(actionLists.map(([id]) => id)).toEqual(['UIListener', 'UIBackendListenerRule'])
      for (const [id, actions] of actionLists) {
        const ordered = [...actions].sort((a, b) => a.Order - b.Order).map(a => a.Type)
        expect({ id, ordered }).toEqual({ id, ordered: ['authenticate-cognito', 'forward'] })
        expect(actions[0]?.AuthenticateCognitoConfig).toEqual({
          UserPoolArn: { 'Fn::GetAtt': ['UIUserPool', 'Arn'] },
          UserPoolClientId: { Ref: 'UIUserPoolClient' },
          UserPoolDomain: { Ref: 'UIUserPoolDomain' }
        })
      }
      expect(props('UIUserPool')).toMatchObject({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } })
      expect(props('UIUserPoolClient')).toMatchObject({
        AllowedOAuthFlows: ['code'],
        CallbackURLs: [{ 'Fn::Sub': 'https://${UIDomainName}/oauth2/idpresponse' }]
      })
    })

    it('runs the UI backend from the metadata service image and the front end from its own, both rolled back on failure', () => {
      const container = (id: string): Json => (props(id).ContainerDefinitions as Json[])[0] as Json
      expect(container('UIBackendTaskDefinition')).toMatchObject({
        Image: { Ref: 'MetadataServiceImage' },
        Command: ['/opt/latest/bin/python3', '-m', 'services.ui_backend_service.ui_server'],
        PortMappings: [{ ContainerPort: 8083 }]
      })
      expect(JSON.stringify(container('UIBackendTaskDefinition').Environment)).not.toContain('PSWD')
      expect(container('UIStaticTaskDefinition')).toMatchObject({ Image: { Ref: 'UIStaticImage' } })
      for (const id of ['UIBackendService', 'UIStaticService']) {
        expect(props(id).DeploymentConfiguration).toMatchObject({
          DeploymentCircuitBreaker: { Enable: true, Rollback: true }
        })
      }
    })
  })

  it('11. every service image is a parameter', () => {
    const images = Object.values(raw.Resources)
      .filter(r => r.Type === 'AWS::ECS::TaskDefinition')
      .flatMap(r => (r.Properties.ContainerDefinitions as { Image: unknown }[]).map(c => c.Image))
    const parameters = images.map(image => (image as { Ref?: string }).Ref)
    expect(new Set(parameters)).toEqual(new Set(['MetadataServiceImage', 'UIStaticImage']))
    for (const name of parameters) expect(Object.keys(raw.Parameters)).toContain(name)
  })
})
