import { readFileSync } from 'node:fs'
import { messageOf } from '../errors.js'
import type { Logger } from '../log.js'
import type { Octokit } from './octokit.js'

/** The pull request a comment goes on. */
export interface PullRequest {
  owner: string
  repo: string
  number: number
}

/** The pull request of this run, from the event payload; undefined when the run is not for one. */
export function pullRequestOf(env: NodeJS.ProcessEnv): PullRequest | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (owner === undefined || repo === undefined || env.GITHUB_EVENT_PATH === undefined) return undefined
  let payload: { pull_request?: { number?: number }; issue?: { number?: number; pull_request?: unknown } }
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload
  } catch {
    return undefined
  }
  const number =
    payload.pull_request?.number ??
    (payload.issue?.pull_request !== undefined ? payload.issue.number : undefined)
  return number === undefined ? undefined : { owner, repo, number }
}

/** The hidden line that identifies our comment for one stack, environment and region. */
export function commentMarker(stackName: string, environment: string, region: string): string {
  return `<!-- metaflow-deploy preview: stack=${stackName}; environment=${environment || '-'}; region=${region} -->`
}

export type CommentOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; url: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'too-long' }

/** The login behind the token. The default GITHUB_TOKEN cannot read /user, but GraphQL's viewer works. */
async function viewerLogin(octokit: Octokit, log: Logger): Promise<string> {
  try {
    const result = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    return result.viewer.login
  } catch (err) {
    log.debug(`GraphQL viewer query failed (${messageOf(err)}); assuming github-actions[bot].`)
    return 'github-actions[bot]'
  }
}

function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
    ? err.status
    : undefined
}

/**
 * Finds our comment among ALL the pull request's comments (paginated, 100 a page) by its marker and author,
 * updates it in place (or creates it), and sends nothing when the body is unchanged.
 */
export async function upsertComment(
  octokit: Octokit,
  pr: PullRequest,
  marker: string,
  body: string,
  log: Logger
): Promise<CommentOutcome> {
  try {
    const login = await viewerLogin(octokit, log)
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100
    })
    const ours = comments.find(c => c.user?.login === login && (c.body ?? '').includes(marker))
    if (ours !== undefined) {
      if (ours.body === body) return { kind: 'unchanged', url: ours.html_url }
      const updated = await octokit.rest.issues.updateComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: ours.id,
        body
      })
      return { kind: 'updated', url: updated.data.html_url }
    }
    const created = await octokit.rest.issues.createComment({
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      body
    })
    return { kind: 'created', url: created.data.html_url }
  } catch (err) {
    const status = statusOf(err)
    if (status === 403 || status === 404) return { kind: 'forbidden', reason: messageOf(err) }
    if (status === 422 && /too long/i.test(messageOf(err))) return { kind: 'too-long' }
    throw err
  }
}
