import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'

/** AWS's own linter, with current resource schemas. Required in CI; skipped with a reason elsewhere. */
const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' })
const available = version.status === 0
if (!available && process.env.CI === 'true') {
  throw new Error(
    'cfn-lint must run in CI, but it is not installed (expected cfn-lint 1.51.0 on these machines).'
  )
}
if (!available) console.warn('Skipping cfn-lint: it is not installed here (pip install cfn-lint).')

;(available ? describe : describe.skip)('cfn-lint', () => {
  it('reports nothing for the bundled template', () => {
    const result = spawnSync(
      'cfn-lint',
      ['--regions', 'us-east-1', 'us-west-2', 'eu-west-1', '--', join(ROOT, 'templates', 'metaflow.yml')],
      { encoding: 'utf8' }
    )
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  }, 120_000)
})
