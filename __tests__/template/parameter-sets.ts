import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { readParametersFile } from '../../src/template/parameters.js'
import { ROOT } from '../../harness/runner.js'

/** The parameter sets the template is checked with: the shipped files and every optional feature on. */

export const PARAMETER_FILES = ['dev', 'staging', 'prod'] as const

/** A well-formed ACM certificate ARN and domain: the UI needs both (the template's Rules refuse it otherwise). */
export const UI_CERTIFICATE =
  'arn:aws:acm:us-east-1:123456789012:certificate/0f7e2a9c-1b3d-4e5f-8a6b-7c8d9e0f1a2b'
export const UI_DOMAIN = 'metaflow.example.com'

/** Every optional feature on, with the Batch compute type given separately (EC2 and Fargate differ). */
export function allFeaturesOn(batchType: 'ec2' | 'fargate'): Record<string, string> {
  return {
    BatchType: batchType,
    EnableGPU: 'true',
    GPUInstanceTypes: 'g4dn,g5,g6,p4d',
    EnableUI: 'true',
    UICertificateArn: UI_CERTIFICATE,
    UIDomainName: UI_DOMAIN,
    EnableSagemaker: 'true',
    CustomRole: 'true',
    APIBasicAuth: 'true',
    AdditionalWorkerPolicyArn: 'arn:aws:iam::aws:policy/AmazonSageMakerReadOnly',
    DBMultiAZ: 'true',
    DBDeletionProtection: 'true',
    MetadataServiceTaskCount: '2',
    PrivateSubnets: 'true',
    EnableFlowLogs: 'true',
    APIAllowedCidrs: '203.0.113.0/24,198.51.100.7/32',
    APIAccessLogs: 'true'
  }
}

/** Subnets and a VPC that exist before the stack (issue 19): the stack creates no network then. */
export const EXISTING_NETWORK = {
  ExistingVpcId: 'vpc-0a1b2c3d4e5f60718',
  ExistingSubnetIds: 'subnet-0a1b2c3d4e5f60719,subnet-0a1b2c3d4e5f6071a',
  VPCCidr: '172.31.0.0/16'
}

/** Every feature on, in an existing VPC whose workload subnets are private, with public ones for the UI. */
export function existingVpcAllFeatures(): Record<string, string> {
  return {
    ...allFeaturesOn('ec2'),
    ...EXISTING_NETWORK,
    ExistingPublicSubnetIds: 'subnet-0a1b2c3d4e5f6071b,subnet-0a1b2c3d4e5f6071c'
  }
}

/** A shipped parameters file as a plain map, read the way the action reads `parameters-file`. */
export function parametersFile(env: string): Record<string, string> {
  const given = readParametersFile(`templates/params/${env}.yml`, ROOT)
  return Object.fromEntries(Object.entries(given).map(([key, entry]) => [key, entry.value]))
}

const declared = (
  parseTemplateBody(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8')) as {
    Parameters: Record<string, { Type: string }>
  }
).Parameters

/**
 * A parameter set in the file format cfn-lint reads (`--parameter-files`): CloudFormation's own
 * `[{ParameterKey, ParameterValue}]`, with list parameters as arrays, as CloudFormation splits them.
 */
export function cfnLintParameterFile(values: Record<string, string>): string {
  const entries = Object.entries(values).map(([key, value]) => ({
    ParameterKey: key,
    ParameterValue: declared[key]?.Type.includes('List') === true ? value.split(',') : value
  }))
  return `${JSON.stringify(entries, null, 2)}\n`
}
