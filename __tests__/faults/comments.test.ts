import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { commentMarker, upsertComment, type PullRequest } from '../../src/github/issue-comment.js'
import { createOctokit } from '../../src/github/octokit.js'
import { RecordingLogger } from '../support/context.js'

// Real Octokit (with the retry plugin, as the action builds it) against the GitHub fake over HTTP. One fake for
// the file: @actions/github reads GITHUB_API_URL once, when first loaded.
let github: GitHubFake
const savedApiUrl = process.env.GITHUB_API_URL
beforeAll(async () => {
  github = await startGitHubFake()
  process.env.GITHUB_API_URL = github.url
})
beforeEach(() => github.reset())
afterAll(async () => {
  await github.close()
  if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
  else process.env.GITHUB_API_URL = savedApiUrl
})

const pr: PullRequest = { owner: 'acme', repo: 'ml-infra', number: 7 }
const marker = commentMarker(pr, 'metaflow-dev', 'dev', 'us-east-1')
const body = (text: string): string => `${marker}\n${text}`

async function upsert(text: string, log = new RecordingLogger()) {
  return upsertComment(await createOctokit('ghs_test'), pr, marker, body(text), log)
}

const posts = () => github.calls.filter(c => c.method === 'POST' && c.path !== '/graphql')

describe('the preview comment stays single and current', () => {
  it('two overlapping previews leave one comment, the oldest, with a preview body', async () => {
    github.listBarrier = 2 // both runs list before either creates: both see no comment
    const [a, b] = await Promise.all([upsert('run A'), upsert('run B')])
    expect([a.kind, b.kind].every(kind => ['created', 'updated', 'unchanged'].includes(kind))).toBe(true)
    const left = github.withText(7, marker)
    expect(left).toHaveLength(1)
    expect(left[0]?.id).toBe(1000) // the oldest is the one kept
    expect(['run A', 'run B'].some(text => left[0]?.body === body(text))).toBe(true)
    expect(posts()).toHaveLength(2)
    expect(github.calls.filter(c => c.method === 'DELETE').length).toBeGreaterThanOrEqual(1)
    // A later run adopts that one comment.
    expect((await upsert('run C')).kind).toBe('updated')
    expect(github.withText(7, marker).map(c => c.body)).toEqual([body('run C')])
  })

  it('adopts, and deletes, duplicates an earlier race left behind', async () => {
    const bot = { login: 'github-actions[bot]', type: 'Bot' as const }
    const first = github.seed(7, body('old 1'), bot)
    github.seed(7, body('old 2'), bot)
    expect((await upsert('new')).kind).toBe('updated')
    expect(github.withText(7, marker)).toEqual([expect.objectContaining({ id: first.id, body: body('new') })])
  })

  it('a create whose response was lost is not sent twice', async () => {
    github.dropCreateResponses = 1
    const log = new RecordingLogger()
    const outcome = await upsert('lost answer', log)
    expect(outcome.kind).toBe('created')
    expect(github.withText(7, marker)).toHaveLength(1)
    expect(posts()).toHaveLength(1)
    expect(log.text()).toMatch(/got no answer .*checking whether GitHub made it/)
  })

  it('when the token will not tell its identity, updates the bot comment with the marker and never a person’s', async () => {
    github.viewerFails = true
    github.viewer = { login: 'metaflow-deployer[bot]', type: 'Bot' }
    const person = github.seed(7, body('quoted by a person'), { login: 'octocat', type: 'User' })
    const ours = github.seed(7, body('old'), { login: 'metaflow-deployer[bot]', type: 'Bot' })
    expect((await upsert('fresh')).kind).toBe('updated')
    expect(github.comments.find(c => c.id === ours.id)?.body).toBe(body('fresh'))
    expect(github.comments.find(c => c.id === person.id)?.body).toBe(body('quoted by a person'))
    expect(posts()).toHaveLength(0)
    // A second run with the same unknown identity still finds it: no duplicate.
    expect((await upsert('fresher')).kind).toBe('updated')
    expect(github.withText(7, marker).filter(c => c.user.type === 'Bot')).toHaveLength(1)
  })

  it('a comment deleted between list and update is created again', async () => {
    github.seed(7, body('old'), { login: 'github-actions[bot]', type: 'Bot' })
    github.deleteBeforeUpdate = 1
    const outcome = await upsert('after delete')
    expect(outcome.kind).toBe('created')
    expect(github.withText(7, marker).map(c => c.body)).toEqual([body('after delete')])
  })

  it.each(['primary', 'secondary'] as const)(
    'a spent %s rate limit is reported as a rate limit, once, not as a read-only token',
    async limit => {
      github.rateLimit = limit
      const log = new RecordingLogger()
      const outcome = await upsert('limited', log)
      expect(outcome.kind).toBe('rate-limited')
      if (outcome.kind === 'rate-limited') expect(outcome.reason).toMatch(/rate limit is spent \(403/)
      expect(log.warnings.join('\n')).toMatch(/rate limit/)
      expect(log.warnings.join('\n')).not.toMatch(/read-only|fork/)
      expect(posts()).toHaveLength(1)
    }
  )

  it('403 (read-only token), 404 and 422 are not retried', async () => {
    github.readOnly = true
    expect((await upsert('x')).kind).toBe('forbidden')
    expect(posts()).toHaveLength(1)
    github.readOnly = false
    expect(
      (
        await upsertComment(
          await createOctokit('ghs_test'),
          pr,
          marker,
          'y'.repeat(70_000),
          new RecordingLogger()
        )
      ).kind
    ).toBe('too-long')
    expect(posts()).toHaveLength(2)
    const missing = await upsertComment(
      await createOctokit('ghs_test'),
      { ...pr, number: -1 },
      marker,
      body('z'),
      new RecordingLogger()
    )
    expect(missing.kind).toBe('forbidden')
    expect(github.calls.filter(c => c.status === 404)).toHaveLength(1)
  })
})
