import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

/**
 * The one place that builds the GitHub client: the token, GITHUB_API_URL (GitHub Enterprise, or the tests' fake),
 * and retries of 5xx and rate-limited calls. Loaded only when a run posts a comment.
 */
export async function createOctokit(token: string): Promise<Octokit> {
  const [{ getOctokit: build }, { retry }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry')
  ])
  return build(token, { request: { retries: 3 } }, retry)
}
