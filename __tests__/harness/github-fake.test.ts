import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'

let github: GitHubFake
beforeEach(async () => {
  github = await startGitHubFake()
})
afterEach(async () => {
  await github.close()
})

const octokit = () => getOctokit('ghs_test', { baseUrl: github.url })

describe('the GitHub REST fake, driven by real Octokit', () => {
  it('pages comments 30 at a time with a Link header, as GitHub does', async () => {
    for (let i = 0; i < 65; i++) github.seed(3, `c${i}`)
    const first = await octokit().rest.issues.listComments({
      owner: 'acme',
      repo: 'ml-infra',
      issue_number: 3
    })
    expect(first.data).toHaveLength(30)
    expect(first.headers.link).toMatch(/rel="next"/)
    const all = await octokit().paginate(octokit().rest.issues.listComments, {
      owner: 'acme',
      repo: 'ml-infra',
      issue_number: 3,
      per_page: 100
    })
    expect(all.map(c => c.body)).toEqual(Array.from({ length: 65 }, (_, i) => `c${i}`))
  })

  it('creates and updates comments as the token’s bot user, and records every call', async () => {
    const created = await octokit().rest.issues.createComment({
      owner: 'acme',
      repo: 'ml-infra',
      issue_number: 3,
      body: 'hello'
    })
    expect(created.data.user?.login).toBe('github-actions[bot]')
    await octokit().rest.issues.updateComment({
      owner: 'acme',
      repo: 'ml-infra',
      comment_id: created.data.id,
      body: 'bye'
    })
    expect(github.comments[0]?.body).toBe('bye')
    expect(github.writes().map(c => c.method)).toEqual(['POST', 'PATCH'])
    const viewer = await octokit().graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    expect(viewer.viewer.login).toBe('github-actions[bot]')
  })

  it('answers 403 to writes with a read-only token, and 422 to bodies over 65,536 characters', async () => {
    await expect(
      octokit().rest.issues.createComment({
        owner: 'a',
        repo: 'b',
        issue_number: 1,
        body: 'x'.repeat(65_537)
      })
    ).rejects.toMatchObject({ status: 422 })
    github.readOnly = true
    await expect(
      octokit().rest.issues.createComment({ owner: 'a', repo: 'b', issue_number: 1, body: 'x' })
    ).rejects.toMatchObject({ status: 403 })
    await expect(octokit().rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 })
  })

  it('deletes comments, and plays a spent rate limit the way GitHub answers it', async () => {
    const comment = github.seed(3, 'to delete')
    await octokit().rest.issues.deleteComment({ owner: 'acme', repo: 'ml-infra', comment_id: comment.id })
    expect(github.comments).toEqual([])
    await expect(
      octokit().rest.issues.deleteComment({ owner: 'acme', repo: 'ml-infra', comment_id: comment.id })
    ).rejects.toMatchObject({ status: 404 })
    github.rateLimit = 'primary'
    await expect(
      octokit().rest.issues.createComment({ owner: 'a', repo: 'b', issue_number: 1, body: 'x' })
    ).rejects.toMatchObject({
      status: 403,
      response: { headers: { 'x-ratelimit-remaining': '0' } }
    })
    github.rateLimit = 'secondary'
    await expect(
      octokit().rest.issues.createComment({ owner: 'a', repo: 'b', issue_number: 1, body: 'x' })
    ).rejects.toThrow(/secondary rate limit/)
  })

  it('can lose a create response after making the comment, and fail the viewer query', async () => {
    github.dropCreateResponses = 1
    await expect(
      octokit().rest.issues.createComment({ owner: 'a', repo: 'b', issue_number: 4, body: 'made' })
    ).rejects.toThrow()
    expect(github.withText(4, 'made')).toHaveLength(1)
    github.viewerFails = true
    await expect(octokit().graphql('query { viewer { login } }')).rejects.toThrow()
  })
})

describe('the GitHub fake’s issue labels, driven by real Octokit', () => {
  const issue = { owner: 'acme', repo: 'ml-infra', issue_number: 5 }

  it('adds labels (creating them in the repository), lists them, and removes one by name', async () => {
    const added = await octokit().rest.issues.addLabels({
      ...issue,
      labels: ['metaflow:dev:changes', 'a b/c']
    })
    expect(added.data.map(l => l.name)).toEqual(['metaflow:dev:changes', 'a b/c'])
    expect([...github.repositoryLabels]).toEqual(['metaflow:dev:changes', 'a b/c'])
    const listed = await octokit().rest.issues.listLabelsOnIssue(issue)
    expect(listed.data.map(l => l.name)).toEqual(['metaflow:dev:changes', 'a b/c'])
    await octokit().rest.issues.removeLabel({ ...issue, name: 'a b/c' })
    expect(github.labelsOn(5)).toEqual(['metaflow:dev:changes'])
    expect(github.labelWrites().map(c => c.method)).toEqual(['POST', 'DELETE'])
    expect(github.writes()).toEqual([])
  })

  it('answers 404 when removing a label the issue does not have, and 403 to a read-only token', async () => {
    await expect(octokit().rest.issues.removeLabel({ ...issue, name: 'nope' })).rejects.toMatchObject({
      status: 404
    })
    github.readOnly = true
    await expect(octokit().rest.issues.addLabels({ ...issue, labels: ['x'] })).rejects.toMatchObject({
      status: 403
    })
    expect(github.labelsOn(5)).toEqual([])
  })
})
