import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DescribeChangeSetCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { ROOT } from '../../harness/runner.js'
import { assessDataLoss } from '../../src/guards/data-loss.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { compactTemplate } from '../../src/template/compact.js'
import { cfnHelpers } from '../emulator/cfn-helpers.js'
import { sdkClients } from '../support/aws.js'
import { golden } from '../unit/render-golden.js'
import { allFeaturesOn } from './parameter-sets.js'

/**
 * What a deploy refuses, for every one-parameter change of the bundled template on five live stacks (every feature
 * on with EC2 and with Fargate, the defaults, prod.yml and dev.yml), pinned in a golden file: the guard's verdicts
 * (resource, change, certainty) on the change set the emulator builds. A change to the guard, the no-data list, the
 * template or the emulator's change sets that makes a harmless change refused, or a loss allowed, shows here as a
 * diff to read. Reviewed by hand when written: what is refused is a new network (VPCCidr: the VPC replaced, its
 * subnets and what runs in them possibly), a removed NAT address, log group, GPU environment or notebook, and a
 * notebook replaced when its subnet goes private. Every database setting is an in-place change. Not modelled by the
 * emulator (so pinned here as allowed): BatchType between ec2 and fargate, which AWS Batch cannot update in place
 * ("Updating compute environments": a Fargate environment updates only its subnets, security groups and vCPUs).
 */

let emulator: Emulator
let cfn: CloudFormationClient
const helpers = cfnHelpers(() => cfn)
beforeAll(async () => {
  emulator = await startEmulator()
  cfn = sdkClients(emulator).cfn
})
afterAll(async () => {
  await emulator.close()
})

const asParameters = (values: Record<string, string>) =>
  Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))
const FLIP = 'flip'
/** One other value per parameter: `flip` turns a true/false (or Batch's ec2/fargate) the other way. */
const OTHER_VALUE: Record<string, string> = {
  VPCCidr: '10.30.0.0/16',
  PrivateSubnets: FLIP,
  EnableFlowLogs: FLIP,
  APIAllowedCidrs: '198.51.100.0/24',
  APIAccessLogs: FLIP,
  BatchType: FLIP,
  MaxVCPUBatch: '128',
  MinVCPUBatch: '2',
  ComputeEnvInstanceTypes: 'm6i.large',
  BatchRootVolumeSize: '300',
  EnableGPU: FLIP,
  GPUInstanceTypes: 'g6',
  MaxVCPUGPU: '128',
  CustomRole: FLIP,
  APIBasicAuth: FLIP,
  EnableSagemaker: FLIP,
  SagemakerInstance: 'ml.t3.xlarge',
  DBInstanceClass: 'db.t3.large',
  DBEngineVersion: '17',
  DBAllocatedStorage: '40',
  DBMaxAllocatedStorage: '600',
  DBBackupRetentionDays: '3',
  DBMultiAZ: FLIP,
  DBDeletionProtection: FLIP,
  LogRetentionDays: '90',
  MetadataServiceImage: 'netflixoss/metaflow_metadata_service:v2.5.2',
  MetadataServiceTaskCount: '3',
  UIStaticImage: 'public.ecr.aws/outerbounds/metaflow_ui:v1.3.15',
  AdditionalWorkerPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess'
}

function otherValue(key: string, current: string | undefined): string {
  const other = OTHER_VALUE[key] as string
  if (other !== FLIP) return other
  if (key === 'BatchType') return current === 'fargate' ? 'ec2' : 'fargate'
  return current === 'true' ? 'false' : 'true'
}

const parameterFile = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(
      parse(readFileSync(join(ROOT, 'templates', 'params', name), 'utf8')) as Record<string, unknown>
    ).map(([k, v]) => [k, String(v)])
  )

describe('the data-loss guard on every one-parameter change of the bundled template', () => {
  it('refuses what the golden file lists, and nothing else', async () => {
    const body = compactTemplate(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8'))
    const stacks: Record<string, Record<string, string>> = {
      'all-features-ec2': allFeaturesOn('ec2'),
      'all-features-fargate': allFeaturesOn('fargate'),
      defaults: {},
      prod: parameterFile('prod.yml'),
      dev: parameterFile('dev.yml')
    }
    const defaults = JSON.parse(body) as { Parameters: Record<string, { Default?: unknown }> }
    const current = (base: Record<string, string>, key: string): string | undefined =>
      base[key] ?? (defaults.Parameters[key]?.Default as string | undefined)
    const lines: string[] = []
    for (const [stack, base] of Object.entries(stacks)) {
      await helpers.deploy({
        StackName: stack,
        ChangeSetType: 'CREATE',
        TemplateBody: body,
        Parameters: asParameters(base)
      })
      for (const key of Object.keys(OTHER_VALUE)) {
        const values = { ...base, [key]: otherValue(key, current(base, key)) }
        const set = await helpers.changeSet({
          StackName: stack,
          TemplateBody: body,
          Parameters: asParameters(values)
        })
        expect(`${stack} ${key}: ${set.Status ?? ''} ${set.StatusReason ?? ''}`.trim()).toBe(
          `${stack} ${key}: CREATE_COMPLETE`
        )
        const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: set.ChangeSetId }))
        const changes = (described.Changes ?? []).flatMap(c => (c.ResourceChange ? [c.ResourceChange] : []))
        const refused = assessDataLoss(changes, { all: false, paths: new Set() })
          .map(v => `${v.logicalId} (${v.change}, ${v.certainty})`)
          .sort()
        lines.push(`${stack} ${key}: ${refused.length === 0 ? 'allowed' : refused.join(', ')}`)
      }
    }
    golden('__tests__/golden/bundled-guard-verdicts.txt', `${lines.join('\n')}\n`)
  }, 600_000)
})
