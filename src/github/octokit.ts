import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

/** Answers that a retry cannot change: 403 (permissions, or a spent rate limit), 404, 422 (validation), … */
export const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451]

/**
 * The one place that builds the GitHub client: the token, GITHUB_API_URL (GitHub Enterprise, or the tests' fake),
 * the runner's proxy (HTTPS_PROXY / NO_PROXY, which @actions/github applies through @actions/http-client), and
 * up to 3 retries of 5xx, 429 and dropped connections, never of DO_NOT_RETRY. Writes turn the retries off and
 * look before trying again (github/issue-comment.ts). Loaded only when a run posts a comment.
 */
export async function createOctokit(token: string): Promise<Octokit> {
  const [{ getOctokit: build }, { retry }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry')
  ])
  // `retries` belongs in the plugin's options: set as a request default (`request: { retries: 3 }`), every failed
  // request carries it, and the plugin's scheduler then retries ANY error, 403/404/422 included.
  return build(token, { retry: { retries: 3, doNotRetry: DO_NOT_RETRY } }, retry)
}
