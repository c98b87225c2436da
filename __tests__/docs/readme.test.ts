import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'

// The README is what a newcomer reads first: the best action READMEs are 8-28 KB, with a contents list. What
// does not fit goes to docs/. These keep it that way as features land.
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')

describe('the README', () => {
  it('stays within 28 KB', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(28_000)
  })

  it('has a contents list that links every section, and nothing else', () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map(m => anchor(m[1] as string))
    const contents = /^\*\*Contents:\*\*([\s\S]*?)\n\n/m.exec(readme)?.[1] ?? ''
    const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map(m => m[1])
    expect(links).toEqual(sections)
  })

  it('gives the two commands that do everything on a fresh machine', () => {
    expect(readme).toMatch(/^npm ci && npm run demo\b/m)
    expect(readme).toMatch(/^npm test\b/m)
  })
})
