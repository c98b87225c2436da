import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { BUNDLED_MAX_STACK_NAME, BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { METAFLOW_OUTPUTS } from '../../src/publish/metaflow-config.js'
import { readParametersFile, resolveParameters } from '../../src/parameters.js'
import { ROOT } from '../../harness/runner.js'
import type { TemplateParameter } from '../../src/template/load.js'

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
    expect(template.Outputs.ApiKeyId?.Condition).toBe('EnableAuth')
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

  it('fits inline (under 51,200 bytes), so no template-bucket is needed by default', () => {
    expect(Buffer.byteLength(body)).toBeLessThan(51_200)
  })

  it.each(['dev', 'staging', 'prod'])('loads templates/params/%s.yml with parameters-file', env => {
    const given = readParametersFile(`templates/params/${env}.yml`, ROOT)
    const resolved = resolveParameters(template.Parameters, given, undefined)
    expect(resolved.parameters.length).toBe(Object.keys(given).length)
    if (env === 'prod') expect(given.EnableSagemaker?.value).toBe('false')
    expect(given.APIBasicAuth?.value).toBe('true')
  })
})
