import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'

/** docs/template.md's cost-at-rest table is the output of the code that prices previews, so the two never disagree. */
describe('the cost-at-rest table in docs/template.md', () => {
  it('is what scripts/cost-table.ts prints today', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
    const result = spawnSync(tsx, ['scripts/cost-table.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
    expect(result.stderr).toBe('')
    const docs = readFileSync(join(ROOT, 'docs', 'template.md'), 'utf8')
    const table = /<!-- cost-table: [^>]*-->\n([\s\S]*?)\n<!-- \/cost-table -->/.exec(docs)?.[1]
    expect(table).toBe(result.stdout.trim())
  }, 60_000)
})
