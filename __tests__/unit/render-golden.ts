import { expect } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'

/**
 * Compares a rendered body with its golden file (a path from the repository root). `UPDATE_GOLDEN=1` rewrites it
 * after a deliberate change; otherwise a missing golden file FAILS, so a run (in CI above all) can never pass by
 * writing the file it was meant to check.
 */
export function golden(path: string, body: string): void {
  const full = join(ROOT, path)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(full, body)
  if (!existsSync(full)) {
    throw new Error(
      `Golden file ${path} is missing${process.env.CI === 'true' ? ' (CI)' : ''}. Run the test with UPDATE_GOLDEN=1 to write it, read it, and commit it.`
    )
  }
  expect(body).toBe(readFileSync(full, 'utf8'))
}
