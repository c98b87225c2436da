import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import {
  EXISTING_NETWORK,
  PARAMETER_FILES,
  allFeaturesOn,
  cfnLintParameterFile,
  existingVpcAllFeatures,
  parametersFile
} from './parameter-sets.js'

/** AWS's own linter, with current resource schemas. Required in CI; skipped with a reason elsewhere. */
const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' })
const available = version.status === 0
if (!available && process.env.CI === 'true') {
  throw new Error(
    'cfn-lint must run in CI, but it is not installed (expected cfn-lint 1.51.0 on these machines).'
  )
}
if (!available) console.warn('Skipping cfn-lint: it is not installed here (pip install cfn-lint).')

const TEMPLATE = join(ROOT, 'templates', 'metaflow.yml')
/** Every rule: errors, warnings, the informational ones (-c I) and the experimental ones (-e). */
const ALL_RULES = ['--include-checks', 'I', '--include-experimental']
const REGIONS = ['--regions', 'us-east-1', 'us-west-2', 'eu-west-1']

function lint(args: string[]): { output: string; status: number | null } {
  const result = spawnSync('cfn-lint', [...REGIONS, ...ALL_RULES, ...args, '--', TEMPLATE], {
    encoding: 'utf8'
  })
  return { output: result.stdout + result.stderr, status: result.status }
}

/** The parameter sets, each written where cfn-lint can read it; the name of the file says which set it is. */
const SETS: Record<string, Record<string, string>> = {
  ...Object.fromEntries(PARAMETER_FILES.map(env => [`params-${env}`, parametersFile(env)])),
  'all-features-ec2': allFeaturesOn('ec2'),
  'all-features-fargate': allFeaturesOn('fargate'),
  'public-subnets-all-features': { ...allFeaturesOn('ec2'), PrivateSubnets: 'false', APIAllowedCidrs: '' },
  'existing-vpc-private-all-features': existingVpcAllFeatures(),
  'existing-vpc-public-defaults': { ...EXISTING_NETWORK }
}
let dir: string
const fileOf = (name: string): string => join(dir, `${name}.json`)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfn-lint-params-'))
  for (const [name, values] of Object.entries(SETS)) writeFileSync(fileOf(name), cfnLintParameterFile(values))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

;(available ? describe : describe.skip)('cfn-lint, every rule', () => {
  it('reports nothing for the bundled template with its defaults', () => {
    expect(lint([])).toEqual({ output: '', status: 0 })
  }, 180_000)

  it(`reports nothing for any parameter set: ${Object.keys(SETS).join(', ')}`, () => {
    // One run checks the template once per file (cfn-lint names the file in anything it reports).
    expect(lint(['--parameter-files', ...Object.keys(SETS).map(fileOf)])).toEqual({ output: '', status: 0 })
  }, 180_000)

  it('does read the parameter sets: a value the template does not allow is reported with its file', () => {
    // (cfn-lint 1.51 lets any word through where AllowedValues are 'true'/'false', so the bad value is BatchType's.)
    writeFileSync(fileOf('bad'), cfnLintParameterFile({ ...allFeaturesOn('ec2'), BatchType: 'gpu' }))
    const { output, status } = lint(['--parameter-files', fileOf('bad')])
    expect(status).not.toBe(0)
    expect(output).toContain('E2900')
    expect(output).toContain("'gpu' is not one of ['ec2', 'fargate']")
    expect(output).toContain('bad.json')
  }, 180_000)
})

/**
 * Regions where the optional notebook (SageMaker notebook instances) or the UI (Cognito user pools) do not exist,
 * as cfn-lint's region data says (issue 19, item 10). With those features off the stack creates no such resource;
 * cfn-lint still reports the types (E3006 does not evaluate parameter-based conditions, cfn-lint issue #3495), so
 * the check is that nothing else is reported and every type it names belongs only to resources behind a condition
 * that is false by default.
 */
const NO_NOTEBOOK_REGIONS = [
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'mx-central-1',
  'us-gov-east-1'
]
const NO_COGNITO_REGIONS = ['cn-north-1', 'cn-northwest-1']
const OFF_BY_DEFAULT: Record<string, string> = {
  'AWS::SageMaker::NotebookInstance': 'NotebookOn',
  'AWS::SageMaker::NotebookInstanceLifecycleConfig': 'NotebookOn',
  'AWS::Cognito::UserPool': 'UIOn',
  'AWS::Cognito::UserPoolClient': 'UIOn',
  'AWS::Cognito::UserPoolDomain': 'UIOn'
}

;(available ? describe : describe.skip)('cfn-lint, regions without the notebook or the UI', () => {
  it(`reports only the types of switched-off features in ${[...NO_NOTEBOOK_REGIONS, ...NO_COGNITO_REGIONS].join(', ')}`, () => {
    const result = spawnSync(
      'cfn-lint',
      ['--regions', ...NO_NOTEBOOK_REGIONS, ...NO_COGNITO_REGIONS, ...ALL_RULES, '--', TEMPLATE],
      { encoding: 'utf8' }
    )
    const findings = result.stdout.split('\n').filter(line => /^[EWI]\d{4} /.test(line))
    const other = findings.filter(line => !line.startsWith('E3006 '))
    expect(other).toEqual([])
    const template = parseTemplateBody(readFileSync(TEMPLATE, 'utf8')) as {
      Parameters: Record<string, { Default?: string }>
      Resources: Record<string, { Type: string; Condition?: string }>
    }
    const reported = new Set(findings.map(line => /Resource type '([^']+)'/.exec(line)?.[1] ?? line))
    expect([...reported].sort()).toEqual(Object.keys(OFF_BY_DEFAULT).sort())
    for (const [id, resource] of Object.entries(template.Resources)) {
      const gate = OFF_BY_DEFAULT[resource.Type]
      if (gate !== undefined) expect({ id, condition: resource.Condition }).toEqual({ id, condition: gate })
    }
    expect([template.Parameters.EnableSagemaker?.Default, template.Parameters.EnableUI?.Default]).toEqual([
      'false',
      'false'
    ])
  }, 180_000)
})
