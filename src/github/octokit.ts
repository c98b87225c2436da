import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

/** Answers that a retry cannot change: 403 (permissions, or a spent rate limit), 404, 422 (validation), … */
export const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451]

/**
 * How long GitHub calls may take. GitHub answers in well under a second; without a cap, a call that never answers
 * waits for undici's 300 s and is then retried, and a run with `timeout-minutes: 1` lives for 15 minutes.
 */
export interface GitHubLimits {
  /** Aborted when the run must stop: the job is cancelled or timeout-minutes has run out. */
  signal: AbortSignal
  /** One attempt's longest wait for an answer. */
  requestMs: number
}

/** A read that hangs this long is abandoned and tried again (reads only; writes are never retried blind). */
export const GITHUB_REQUEST_MS = 20_000
/**
 * Retries of a 5xx, 429 or dropped connection, and the first wait (then 4x, 9x: the plugin squares the count).
 * Two, from 0.5 s: a comment is worth 2.5 s of waiting, not the minute three retries from 1 s took per call.
 */
const RETRIES = 2
const RETRY_BASE_MS = 500

/** A GitHub call ended because the run had to stop (deadline or cancellation), not because GitHub answered. */
export class GitHubInterrupted extends Error {
  constructor(
    readonly call: string,
    reason: string
  ) {
    super(`${call} was interrupted: ${reason}`)
    this.name = 'GitHubInterrupted'
  }
}

/** What a GitHub call does, in words, from its method and path: how warnings and errors name it. */
export function callName(method: string, url: string): string {
  const path = url.replace(/[?#].*$/, '').replace(/^https?:\/\/[^/]+/, '')
  const kinds: [RegExp, string][] = [
    [/^GET .*\/issues\/\d+\/comments/, "listing the pull request's comments"],
    [/^POST .*\/issues\/\d+\/comments/, 'creating the preview comment'],
    [/^PATCH .*\/issues\/comments\/\d+/, 'updating the preview comment'],
    [/^DELETE .*\/issues\/comments\/\d+/, 'deleting a duplicate preview comment'],
    [/^POST .*\/graphql$/, 'asking GitHub who the token is'],
    [/^(GET|POST|PUT) .*\/issues\/\d+\/labels/, "setting the pull request's labels"],
    [/^DELETE .*\/issues\/\d+\/labels/, "removing a pull request's label"]
  ]
  const call = `${method} ${path}`
  const kind = kinds.find(([pattern]) => pattern.test(call))?.[1]
  return kind === undefined ? call : `${kind} (${call})`
}

/** The call an error came from, when Octokit made it: `listing the pull request's comments (GET /repos/…)`. */
export function callOf(err: unknown): string | undefined {
  if (err instanceof GitHubInterrupted) return err.call
  const request = (err as { request?: { method?: unknown; url?: unknown } } | null)?.request
  return typeof request?.method === 'string' && typeof request.url === 'string'
    ? callName(request.method, request.url)
    : undefined
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>

/**
 * The one place that builds the GitHub client: the token, GITHUB_API_URL (GitHub Enterprise, or the tests' fake),
 * the runner's proxy (HTTPS_PROXY / NO_PROXY, which @actions/github applies through @actions/http-client), and
 * up to 2 retries of 5xx, 429 and dropped connections, never of DO_NOT_RETRY. Writes turn the retries off and
 * look before trying again (github/issue-comment.ts). Every attempt is capped at `limits.requestMs`, and every
 * call, its retries and their waits included, ends at once when `limits.signal` aborts. Loaded only when a run
 * posts a comment.
 */
export async function createOctokit(token: string, limits?: GitHubLimits): Promise<Octokit> {
  const [{ getOctokit: build }, { retry }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry')
  ])
  // `retries` belongs in the plugin's options: set as a request default (`request: { retries: 3 }`), every failed
  // request carries it, and the plugin's scheduler then retries ANY error, 403/404/422 included.
  const octokit = build(
    token,
    { retry: { retries: RETRIES, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: RETRY_BASE_MS } },
    retry
  )
  if (limits === undefined) return octokit
  // Registered last, so it wraps the retry plugin: one race against the run's end for the call and its retries,
  // and a fetch that caps each attempt on its own.
  octokit.hook.wrap('request', async (request, options) => {
    const call = callName(options.method, expand(options.url, options))
    const interrupted = (): GitHubInterrupted => new GitHubInterrupted(call, reasonOf(limits.signal))
    if (limits.signal.aborted) throw interrupted()
    const fetch = (options.request.fetch as Fetch | undefined) ?? globalThis.fetch
    const capped: Fetch = (url, init) =>
      fetch(url, {
        ...init,
        signal: AbortSignal.any([
          limits.signal,
          AbortSignal.timeout(limits.requestMs),
          ...(init?.signal ? [init.signal] : [])
        ])
      })
    let onAbort = (): void => undefined
    const ended = new Promise<never>((_, reject) => {
      onAbort = () => reject(interrupted())
      limits.signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      // In place: before-after-hook binds every inner hook to this same options object, and ignores arguments.
      options.request.fetch = capped
      return await Promise.race([request(options), ended])
    } catch (err) {
      throw limits.signal.aborted ? interrupted() : err
    } finally {
      limits.signal.removeEventListener('abort', onAbort)
    }
  })
  return octokit
}

/** A route template filled in: `/repos/{owner}/{repo}/issues/{issue_number}/comments` → `/repos/acme/…/7/…`. */
function expand(url: string, parameters: Record<string, unknown>): string {
  return url.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = parameters[name]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole
  })
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason
  return reason instanceof Error
    ? reason.message
    : typeof reason === 'string'
      ? reason
      : 'the run was stopped'
}
