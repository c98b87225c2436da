import { readFileSync } from 'node:fs'
import { messageOf } from '../run/errors.js'
import type { Logger } from '../run/log.js'
import { GitHubInterrupted, type Octokit } from './octokit.js'

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

/**
 * The hidden line that identifies our comment for one repository, stack, environment and region. It must START
 * the body (listOurs): a comment that merely quotes it (another workflow's bot echoing ours, a reply) is not ours.
 * The repository makes it ours among bot comments that other repositories' workflows write on the same pull
 * request (a cross-repository deploy, a fork's base).
 */
export function commentMarker(
  pr: Pick<PullRequest, 'owner' | 'repo'>,
  stackName: string,
  environment: string,
  region: string
): string {
  return `<!-- metaflow-deploy preview: repository=${pr.owner}/${pr.repo}; stack=${stackName}; environment=${environment || '-'}; region=${region} -->`
}

export type CommentOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; url: string }
  | { kind: 'forbidden'; reason: string }
  /** GitHub's rate limit (primary or secondary) is spent: not a permissions problem, and not retried now. */
  | { kind: 'rate-limited'; reason: string; url?: undefined }
  | { kind: 'too-long' }

/** Who our comments are written by: a login, or (when the token's identity is unknown) any bot. */
type Author = { login: string } | { anyBot: true }

/**
 * The login behind the token. The default GITHUB_TOKEN cannot read /user, but GraphQL's viewer works. When even
 * that fails (some fine-grained and app tokens), our comments are recognised by the marker on comments written by
 * a bot: the default token and GitHub Apps write as bots, a person's comment is never taken over, and a person's
 * token (a PAT) can always read its viewer. Guessing `github-actions[bot]` instead would, for an app token, miss
 * the comment every run and add a new one each time.
 */
async function author(octokit: Octokit, log: Logger): Promise<Author> {
  try {
    const result = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    return { login: result.viewer.login }
  } catch (err) {
    log.debug(
      `GraphQL viewer query failed (${messageOf(err)}); taking the preview comment to be the one a bot wrote with this stack's marker.`
    )
    return { anyBot: true }
  }
}

function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
    ? err.status
    : undefined
}

/** True for an error that carries no HTTP response: the request may or may not have reached GitHub. */
function responseLost(err: unknown): boolean {
  return typeof err === 'object' && err !== null && !('response' in err && err.response !== undefined)
}

function headerOf(err: unknown, name: string): string | undefined {
  const headers = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers
  const value = headers?.[name]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
}

/**
 * A spent rate limit: 429, or a 403 with x-ratelimit-remaining 0 (primary) or a "secondary rate limit" message
 * (docs.github.com, "Rate limits for the REST API": both answer 403 or 429).
 */
export function rateLimitOf(err: unknown): string | undefined {
  const status = statusOf(err)
  if (status !== 403 && status !== 429) return undefined
  const message = messageOf(err)
  const remaining = headerOf(err, 'x-ratelimit-remaining')
  if (status === 429 || remaining === '0' || /rate limit/i.test(message)) {
    const reset = Number(headerOf(err, 'x-ratelimit-reset'))
    const when =
      Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : ''
    const retryAfter = headerOf(err, 'retry-after')
    const wait = retryAfter === undefined ? '' : ` GitHub asks to wait ${retryAfter} s.`
    return `GitHub's API rate limit is spent (${status}: ${message.split('\n')[0] ?? ''}).${when}${wait}`
  }
  return undefined
}

interface IssueComment {
  id: number
  body?: string | undefined
  html_url: string
  user?: { login: string; type?: string } | null
}

/** No automatic retry: a write is retried here only after a fresh look at what is already there. */
const NO_RETRY = { request: { retries: 0 } }

/**
 * The pull request's ONE comment for this stack, environment and region, made current: found among all the
 * comments (paginated, 100 a page) by its marker and author, updated in place, created when missing, and left
 * alone when its body is already right. It stays one when runs overlap or GitHub misbehaves:
 * - a create whose response was lost (the connection dropped after GitHub acted) is not sent again blind: the
 *   comments are listed again, and one that appeared is adopted;
 * - after a create, the comments are listed again; if another run created one too, the oldest is kept and
 *   updated, and the others (ours included) are deleted;
 * - an update that finds the comment deleted meanwhile (404) creates it again;
 * - a spent rate limit is reported as such; 403, 404 and 422 are never retried.
 */
export async function upsertComment(
  octokit: Octokit,
  pr: PullRequest,
  marker: string,
  body: string,
  log: Logger
): Promise<CommentOutcome> {
  try {
    const by = await author(octokit, log)
    const ours = await listOurs(octokit, pr, marker, by)
    const oldest = ours[0]
    if (oldest !== undefined) {
      await removeDuplicates(octokit, pr, ours.slice(1), log)
      return await update(octokit, pr, marker, by, oldest, body, log)
    }
    return await create(octokit, pr, marker, by, body, log)
  } catch (err) {
    const limited = rateLimitOf(err)
    if (limited !== undefined) {
      log.warning(`Could not write the pull-request comment: ${limited} The preview is in the job summary.`)
      return { kind: 'rate-limited', reason: limited }
    }
    const status = statusOf(err)
    if (status === 403 || status === 404) return { kind: 'forbidden', reason: messageOf(err) }
    if (status === 422 && /too long/i.test(messageOf(err))) return { kind: 'too-long' }
    throw err
  }
}

/** Our comments with this marker, oldest first. */
async function listOurs(
  octokit: Octokit,
  pr: PullRequest,
  marker: string,
  by: Author
): Promise<IssueComment[]> {
  const comments: IssueComment[] = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100
  })
  const mine = (c: IssueComment): boolean =>
    'login' in by ? c.user?.login === by.login : c.user?.type === 'Bot'
  return comments.filter(c => mine(c) && (c.body ?? '').startsWith(marker)).sort((a, b) => a.id - b.id)
}

async function update(
  octokit: Octokit,
  pr: PullRequest,
  marker: string,
  by: Author,
  comment: IssueComment,
  body: string,
  log: Logger
): Promise<CommentOutcome> {
  if (comment.body === body) return { kind: 'unchanged', url: comment.html_url }
  try {
    const updated = await octokit.rest.issues.updateComment({
      owner: pr.owner,
      repo: pr.repo,
      comment_id: comment.id,
      body,
      ...NO_RETRY
    })
    return { kind: 'updated', url: updated.data.html_url }
  } catch (err) {
    if (statusOf(err) !== 404) throw err
    log.info(`The preview comment ${comment.id} was deleted meanwhile; writing it again.`)
    return create(octokit, pr, marker, by, body, log)
  }
}

async function create(
  octokit: Octokit,
  pr: PullRequest,
  marker: string,
  by: Author,
  body: string,
  log: Logger
): Promise<CommentOutcome> {
  let created: IssueComment | undefined
  try {
    created = await createOnce(octokit, pr, body)
  } catch (err) {
    if (err instanceof GitHubInterrupted) throw err
    if (!responseLost(err) && (statusOf(err) ?? 0) < 500) throw err
    log.info(
      `Creating the preview comment got no answer (${messageOf(err)}); checking whether GitHub made it.`
    )
    const appeared = await listOurs(octokit, pr, marker, by)
    const first = appeared[0]
    if (first === undefined) {
      // Not made: one more try, still without automatic retries.
      created = await createOnce(octokit, pr, body)
    } else {
      await removeDuplicates(octokit, pr, appeared.slice(1), log)
      const outcome = await updateOnce(octokit, pr, first, body)
      return outcome.kind === 'unchanged' ? { kind: 'created', url: outcome.url } : outcome
    }
  }
  // Another run may have created its comment at the same moment: keep the oldest, and only it.
  const ours = await listOurs(octokit, pr, marker, by)
  const keep = ours[0]
  if (keep === undefined || keep.id === created.id) {
    await removeDuplicates(octokit, pr, ours.slice(1), log)
    return { kind: 'created', url: created.html_url }
  }
  await removeDuplicates(
    octokit,
    pr,
    ours.filter(c => c.id !== keep.id),
    log
  )
  return updateOnce(octokit, pr, keep, body)
}

/** Updates without the 404 fallback (used after a create, where a second create could loop). */
/** One CreateComment call, never retried by Octokit: a retry after a lost answer could post the comment twice. */
async function createOnce(octokit: Octokit, pr: PullRequest, body: string): Promise<IssueComment> {
  const response = await octokit.rest.issues.createComment({
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    body,
    ...NO_RETRY
  })
  return response.data
}

async function updateOnce(
  octokit: Octokit,
  pr: PullRequest,
  comment: IssueComment,
  body: string
): Promise<CommentOutcome> {
  if (comment.body === body) return { kind: 'unchanged', url: comment.html_url }
  const updated = await octokit.rest.issues.updateComment({
    owner: pr.owner,
    repo: pr.repo,
    comment_id: comment.id,
    body,
    ...NO_RETRY
  })
  return { kind: 'updated', url: updated.data.html_url }
}

/** Deletes duplicate preview comments; one already deleted by the other run (404) is fine. */
async function removeDuplicates(
  octokit: Octokit,
  pr: PullRequest,
  duplicates: IssueComment[],
  log: Logger
): Promise<void> {
  for (const duplicate of duplicates) {
    try {
      await octokit.rest.issues.deleteComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: duplicate.id,
        ...NO_RETRY
      })
      log.info(`Deleted duplicate preview comment ${duplicate.id} (two runs wrote at once).`)
    } catch (err) {
      if (statusOf(err) !== 404) throw err
    }
  }
}
