import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { actionInputs } from '../../harness/runner.js'
import { commentMarker } from '../../src/github/issue-comment.js'
import { createOctokit } from '../../src/github/octokit.js'
import { postFailedPreviewComment, postPreviewComment } from '../../src/publish/preview-comment.js'
import { parseSettings } from '../../src/settings/settings.js'
import { RecordingLogger } from '../support/context.js'
import { base } from '../unit/render-fixtures.js'

// Real Octokit, as the action builds it, against the GitHub fake over HTTP: every GitHub call ends at the run's
// deadline or cancellation, and a GitHub that fails (500, 502, 401, 422) costs a warning, never the preview.
let github: GitHubFake
const PR = 7
const env: NodeJS.ProcessEnv = {}
const savedApiUrl = process.env.GITHUB_API_URL
beforeAll(async () => {
  github = await startGitHubFake()
  process.env.GITHUB_API_URL = github.url
  const event = join(mkdtempSync(join(tmpdir(), 'mfd-gh-')), 'event.json')
  writeFileSync(event, JSON.stringify({ pull_request: { number: PR } }))
  Object.assign(env, { GITHUB_REPOSITORY: 'acme/ml-infra', GITHUB_EVENT_PATH: event })
})
beforeEach(() => github.reset())
afterAll(async () => {
  await github.close()
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
  else process.env.GITHUB_API_URL = savedApiUrl
})

const marker = commentMarker({ owner: 'acme', repo: 'ml-infra' }, 'metaflow-dev', 'dev', 'us-east-1')
const BOT = { login: 'github-actions[bot]', type: 'Bot' as const }

async function context(deadlineInMs = 60_000, signal = new AbortController().signal) {
  const inputs: Record<string, string> = {
    'stack-name': 'metaflow-dev',
    environment: 'dev',
    'github-token': 'token',
    mode: 'preview',
    // 6 s: a grace of 5% (0.3 s) after the deadline, as orchestrate.ts gives the AWS calls.
    'timeout-minutes': '0.1'
  }
  const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
  const settings = await parseSettings(name => (inputs[name] ?? defaults[name] ?? '').trim(), {
    eventName: 'pull_request'
  })
  return { settings, log: new RecordingLogger(), env, signal, deadline: Date.now() + deadlineInMs }
}

const failure = (reason: string) => ({
  stackName: 'metaflow-dev',
  environment: 'dev',
  region: 'us-east-1',
  reason,
  commitSha: base.commitSha,
  runUrl: undefined,
  secrets: []
})

describe('GitHub calls end with the run', () => {
  it('a list of comments that never answers ends at the deadline, as a warning that names the call', async () => {
    github.hangLists = true
    const ctx = await context(1_000)
    const started = Date.now()
    const url = await postPreviewComment(ctx, { ...base, hasChanges: false })
    const ms = Date.now() - started
    expect(url).toBeUndefined()
    expect(ctx.log.warnings.join('\n')).toMatch(
      /Could not write the pull-request comment: listing the pull request's comments \(GET \/repos\/acme\/ml-infra\/issues\/7\/comments\) was interrupted: timeout-minutes \(0\.1\) ran out/
    )
    // The fake saw the request given up on, not answered.
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(github.abandoned).toBe(1)
    process.stdout.write(`hung list-comments, deadline 1 s ahead (+0.3 s grace): ended after ${ms} ms\n`)
  })

  it('each attempt is capped: a read that hangs is abandoned and tried again, twice, then fails', async () => {
    github.hangLists = true
    const octokit = await createOctokit('t', { signal: new AbortController().signal, requestMs: 200 })
    await expect(
      octokit.rest.issues.listComments({ owner: 'acme', repo: 'ml-infra', issue_number: PR })
    ).rejects.toMatchObject({ status: 500 })
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(github.abandoned).toBe(3)
  })

  it('a cancelled job ends a hung call at once', async () => {
    github.hangLists = true
    const cancel = new AbortController()
    const ctx = await context(60_000, cancel.signal)
    setTimeout(() => cancel.abort(), 200)
    expect(await postPreviewComment(ctx, { ...base, hasChanges: false })).toBeUndefined()
    expect(ctx.log.warnings.join('\n')).toMatch(/comments .* was interrupted: the job was cancelled/)
  })

  it('a deadline already past makes no call at all', async () => {
    const ctx = await context(-10_000)
    expect(await postPreviewComment(ctx, { ...base, hasChanges: false })).toBeUndefined()
    expect(ctx.log.warnings.join('\n')).toMatch(/was interrupted: timeout-minutes/)
    expect(github.calls.filter(c => c.path !== '/graphql')).toEqual([])
  })
})

describe('a GitHub that fails costs a warning, not the preview', () => {
  it.each([
    [
      'GET',
      500,
      "GitHub answered 500 to listing the pull request's comments (GET /repos/acme/ml-infra/issues/7/comments)"
    ],
    ['GET', 502, "GitHub answered 502 to listing the pull request's comments"],
    ['GET', 401, "GitHub answered 401 to listing the pull request's comments"],
    [
      'POST',
      500,
      'GitHub answered 500 to creating the preview comment (POST /repos/acme/ml-infra/issues/7/comments)'
    ],
    ['POST', 401, 'GitHub answered 401 to creating the preview comment'],
    ['POST', 422, 'GitHub answered 422 to creating the preview comment']
  ])('%s answering %i', async (method, status, named) => {
    github.failNext(method, status)
    const ctx = await context()
    expect(await postPreviewComment(ctx, { ...base, hasChanges: false })).toBeUndefined()
    expect(ctx.log.warnings).toHaveLength(1)
    expect(ctx.log.warnings[0]).toContain(`Could not write the pull-request comment: ${named}`)
    expect(ctx.log.warnings[0]).toContain('The job summary has the detail.')
    // Reads are retried twice at most; 4xx never; a create that got a 5xx is sent once more only after a look
    // at the comments shows it was not made.
    const tries = github.calls.filter(c => c.method === method && c.path !== '/graphql').length
    expect(tries).toBe(status < 500 ? 1 : method === 'GET' ? 3 : 2)
  })

  it('an update GitHub refuses (502) is a warning too', async () => {
    github.seed(PR, `${marker}\nold`, BOT)
    github.failNext('PATCH', 502)
    const ctx = await context()
    expect(await postPreviewComment(ctx, { ...base, hasChanges: false })).toBeUndefined()
    expect(ctx.log.warnings[0]).toMatch(/GitHub answered 502 to updating the preview comment \(PATCH /)
  })

  it('after a 422 "too long", the second try sends a body half the size', async () => {
    github.maxBody = 40_000 // GitHub counting differently from us
    const ctx = await context()
    const url = await postFailedPreviewComment(ctx, failure(`x ${'y'.repeat(60_000)}`))
    expect(url).toBeDefined()
    const posts = github.calls.filter(c => c.method === 'POST' && c.path !== '/graphql')
    expect(posts.map(c => c.status)).toEqual([422, 201])
    const [ours] = github.withText(PR, marker)
    expect(ours?.body.length).toBeLessThanOrEqual(65_536 / 2)
    expect(ours?.body).toContain('cut to fit the comment')
  })
})

describe('the marker', () => {
  it('starts our comment, and a bot comment that only quotes it is not taken over', async () => {
    const quoting = github.seed(PR, `> ${marker}\n> quoted by another workflow`, BOT)
    const inCode = github.seed(PR, `Look at this:\n${marker}`, BOT)
    const ctx = await context()
    await postPreviewComment(ctx, { ...base, hasChanges: false })
    const ours = github.comments.filter(c => c.body.startsWith(marker))
    expect(ours).toHaveLength(1)
    expect(github.comments.find(c => c.id === quoting.id)?.body).toBe(
      `> ${marker}\n> quoted by another workflow`
    )
    expect(github.comments.find(c => c.id === inCode.id)?.body).toBe(`Look at this:\n${marker}`)
  })

  it("carries the repository: another repository's comment for the same stack is not ours", async () => {
    const other = commentMarker({ owner: 'acme', repo: 'other-infra' }, 'metaflow-dev', 'dev', 'us-east-1')
    expect(other).not.toBe(marker)
    const theirs = github.seed(PR, `${other}\ntheirs`, BOT)
    await postPreviewComment(await context(), { ...base, hasChanges: false })
    expect(github.comments.find(c => c.id === theirs.id)?.body).toBe(`${other}\ntheirs`)
    expect(github.comments.filter(c => c.body.startsWith(marker))).toHaveLength(1)
  })
})
