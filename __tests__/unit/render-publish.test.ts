import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { actionInputs } from '../../harness/runner.js'
import { commentMarker } from '../../src/github/issue-comment.js'
import { postFailedPreviewComment, postPreviewComment } from '../../src/publish/preview-comment.js'
import { appendSummary, writeFailedPreviewSummary } from '../../src/publish/summary.js'
import { parseSettings } from '../../src/settings/settings.js'
import { RecordingLogger } from '../support/context.js'
import { base, RUN_URL } from './render-fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'mfd-publish-'))

describe('appendSummary: the one writer of the job summary', () => {
  it('appends to the file the runner names', async () => {
    const path = join(dir, 'summary.md')
    writeFileSync(path, 'earlier step\n')
    const log = new RecordingLogger()
    expect(await appendSummary('# one', log, { GITHUB_STEP_SUMMARY: path })).toBe(true)
    expect(await appendSummary('# two\n', log, { GITHUB_STEP_SUMMARY: path })).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe('earlier step\n# one\n# two\n')
  })

  it('notes, without failing or warning, a runner that offers no summary', async () => {
    const log = new RecordingLogger()
    expect(await appendSummary('# x', log, {})).toBe(false)
    expect(await appendSummary('# x', log, { GITHUB_STEP_SUMMARY: join(dir, 'missing', 'summary.md') })).toBe(
      false
    )
    expect(log.warnings).toEqual([])
    expect(log.lines).toHaveLength(2)
  })

  it('writes a failed preview to the summary', async () => {
    const path = join(dir, 'failed.md')
    writeFileSync(path, '')
    const previous = process.env.GITHUB_STEP_SUMMARY
    process.env.GITHUB_STEP_SUMMARY = path
    try {
      await writeFailedPreviewSummary(
        {
          stackName: 'metaflow-dev',
          environment: 'dev',
          region: 'us-east-1',
          reason: 'Template format error: Unresolved resource dependencies [Bucket]',
          commitSha: base.commitSha,
          runUrl: RUN_URL,
          secrets: []
        },
        new RecordingLogger()
      )
    } finally {
      if (previous === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = previous
    }
    const text = readFileSync(path, 'utf8')
    expect(text).toContain('CloudFormation preview failed')
    expect(text).toContain('Unresolved resource dependencies [Bucket]')
  })
})

describe('postFailedPreviewComment', () => {
  let github: GitHubFake
  const PR = 7
  const env: NodeJS.ProcessEnv = {}

  beforeAll(async () => {
    github = await startGitHubFake()
    // @actions/github reads the API URL when it is first loaded, which happens on the first comment.
    process.env.GITHUB_API_URL = github.url
    const event = join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ pull_request: { number: PR } }))
    Object.assign(env, { GITHUB_REPOSITORY: 'acme/ml-infra', GITHUB_EVENT_PATH: event })
  })
  afterAll(async () => {
    await github.close()
  })

  async function context(): Promise<{
    settings: Awaited<ReturnType<typeof parseSettings>>
    log: RecordingLogger
    env: NodeJS.ProcessEnv
    signal: AbortSignal
    deadline: number
  }> {
    const inputs: Record<string, string> = {
      'stack-name': 'metaflow-dev',
      environment: 'dev',
      'github-token': 'token',
      mode: 'preview'
    }
    const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
    const settings = await parseSettings(name => (inputs[name] ?? defaults[name] ?? '').trim(), {
      eventName: 'pull_request'
    })
    return {
      settings,
      log: new RecordingLogger(),
      env,
      signal: new AbortController().signal,
      deadline: Date.now() + 60_000
    }
  }

  it('replaces an earlier green preview in the same comment with the failure, its reason, commit and run', async () => {
    const ctx = await context()
    const url = await postPreviewComment(ctx, { ...base, hasChanges: false })
    expect(url).toBeDefined()
    const marker = commentMarker({ owner: 'acme', repo: 'ml-infra' }, 'metaflow-dev', 'dev', 'us-east-1')
    expect(github.withText(PR, marker)).toHaveLength(1)
    expect(github.withText(PR, marker)[0]?.body).toContain('No changes.')

    const failedUrl = await postFailedPreviewComment(ctx, {
      stackName: 'metaflow-dev',
      environment: 'dev',
      region: 'us-east-1',
      reason: 'The change set for stack metaflow-dev failed: Property Foo is not allowed',
      commitSha: base.commitSha,
      runUrl: RUN_URL,
      secrets: []
    })
    expect(failedUrl).toBe(url)
    const ours = github.withText(PR, marker)
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body).toContain('CloudFormation preview failed')
    expect(ours[0]?.body).toContain('Property Foo is not allowed')
    expect(ours[0]?.body).toContain('`4f2c0d9`')
    expect(ours[0]?.body).toContain(RUN_URL)
    expect(ours[0]?.body).not.toContain('No changes.')
  })

  it('cuts an absurdly long reason to fit the comment, after redacting it', async () => {
    const ctx = await context()
    await postFailedPreviewComment(ctx, {
      stackName: 'metaflow-dev',
      environment: 'dev',
      region: 'us-east-1',
      reason: `secret-value ${'x'.repeat(100_000)}`,
      commitSha: base.commitSha,
      runUrl: RUN_URL,
      secrets: ['secret-value']
    })
    const [ours] = github.withText(
      PR,
      commentMarker({ owner: 'acme', repo: 'ml-infra' }, 'metaflow-dev', 'dev', 'us-east-1')
    )
    expect(ours?.body.length).toBeLessThanOrEqual(65_536)
    expect(ours?.body).toContain('cut to fit the comment')
    expect(ours?.body).not.toContain('secret-value')
  })
})
