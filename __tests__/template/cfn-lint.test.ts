import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'
import { PARAMETER_FILES, allFeaturesOn, cfnLintParameterFile, parametersFile } from './parameter-sets.js'

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
  'all-features-fargate': allFeaturesOn('fargate')
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
