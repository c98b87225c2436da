import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../harness/runner.js'

interface Job {
  if?: string
  steps: { uses?: string; with?: Record<string, unknown> }[]
}
const jobsOf = (file: string): Record<string, Job> =>
  (parse(readFileSync(join(ROOT, '.github/workflows', file), 'utf8')) as { jobs: Record<string, Job> }).jobs

describe('workflows that need no token after checkout keep none', () => {
  it.each(['check-dist.yml', 'e2e.yml'])('%s checks out with persist-credentials: false', file => {
    const checkouts = Object.values(jobsOf(file)).flatMap(job =>
      job.steps.filter(step => step.uses?.startsWith('actions/checkout@') === true)
    )
    expect(checkouts.length).toBeGreaterThan(0)
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false)
  })
})

describe('e2e.yml', () => {
  it('assumes its AWS role only from the default branch, and says what the role must trust', () => {
    for (const job of Object.values(jobsOf('e2e.yml'))) {
      expect(job.if).toBe("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)")
    }
    const text = readFileSync(join(ROOT, '.github/workflows/e2e.yml'), 'utf8')
    expect(text).toContain('"token.actions.githubusercontent.com:sub": "repo:OWNER/REPO:ref:refs/heads/main"')
  })
})
