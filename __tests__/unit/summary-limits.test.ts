import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { commentMarker } from '../../src/github/issue-comment.js'
import { postFailedPreviewComment } from '../../src/publish/preview-comment.js'
import { SUMMARY_LIMIT, writeSummary } from '../../src/publish/summary.js'
import { parseSettings } from '../../src/settings/settings.js'
import { actionInputs } from '../../harness/runner.js'
import { RecordingLogger } from '../support/context.js'
import { base } from './render-fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'mfd-limits-'))

describe('the job summary limit', () => {
  const saved = process.env.GITHUB_STEP_SUMMARY
  beforeEach(() => {
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md')
    writeFileSync(join(dir, 'summary.md'), '')
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
    else process.env.GITHUB_STEP_SUMMARY = saved
  })

  it('is counted in bytes: 400,000 characters of € (1.2 MB) are shed to fit 1 MB', async () => {
    const parameters = Array.from({ length: 400 }, (_, i) => ({
      key: `P${i}`,
      before: undefined,
      after: '€'.repeat(1_000)
    }))
    await writeSummary({ ...base, hasChanges: true, parameters }, new RecordingLogger())
    const written = statSync(join(dir, 'summary.md')).size
    expect(written).toBeGreaterThan(0)
    expect(written).toBeLessThanOrEqual(SUMMARY_LIMIT)
  })
})

describe('an oversized failure reason in the comment', () => {
  let github: GitHubFake
  beforeEach(async () => {
    github = await startGitHubFake()
    process.env.GITHUB_API_URL = github.url
  })
  afterEach(async () => {
    await github.close()
  })

  it('is redacted before it is cut: no part of a secret survives at the cut', async () => {
    const event = join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7 } }))
    const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
    const inputs: Record<string, string> = {
      'stack-name': 'metaflow-dev',
      environment: 'dev',
      'github-token': 't'
    }
    const settings = await parseSettings(name => (inputs[name] ?? defaults[name] ?? '').trim(), {
      eventName: 'pull_request'
    })
    const secret = 'Sup3rSecretValue-0123456789'
    // Filler, then the secret over and over: the cut falls among the secrets, inside one 26 times in 27, whether
    // it is placed on the reason as written or as redacted (which is shorter).
    const reason = `${'x'.repeat(60_000)}${`${secret} `.repeat(2_000)}`
    const ctx = {
      settings,
      log: new RecordingLogger(),
      env: { GITHUB_REPOSITORY: 'acme/ml-infra', GITHUB_EVENT_PATH: event },
      signal: new AbortController().signal,
      deadline: Date.now() + 60_000
    }
    for (const extra of [0, 7, 13]) {
      github.reset()
      await postFailedPreviewComment(ctx, {
        stackName: 'metaflow-dev',
        environment: 'dev',
        region: 'us-east-1',
        reason: 'x'.repeat(extra) + reason,
        commitSha: base.commitSha,
        runUrl: undefined,
        secrets: [secret]
      })
      const marker = commentMarker({ owner: 'acme', repo: 'ml-infra' }, 'metaflow-dev', 'dev', 'us-east-1')
      const [ours] = github.withText(7, marker)
      expect(ours?.body).toContain('cut to fit the comment')
      expect(ours?.body).not.toMatch(/Sup3r|Secret|0123/)
    }
    expect(readFileSync(event, 'utf8')).toContain('pull_request')
  })
})
