/**
 * The limits every GitHub call of a run obeys: it ends when the job is cancelled or when timeout-minutes runs out
 * (with the same short grace the AWS calls get, orchestrate.ts), and each attempt waits at most
 * GITHUB_REQUEST_MS for an answer.
 */
import type { RunContext } from '../run/context.js'
import { GITHUB_REQUEST_MS, type GitHubLimits } from './octokit.js'

export function githubLimits(ctx: Pick<RunContext, 'signal' | 'deadline' | 'settings'>): GitHubLimits {
  const { timeoutMs } = ctx.settings
  const grace = Math.ceil(Math.min(5_000, timeoutMs * 0.05))
  const expired = new AbortController()
  const left = Math.max(0, ctx.deadline + grace - Date.now())
  const expire = (): void =>
    expired.abort(new Error(`timeout-minutes (${Math.round(timeoutMs / 600) / 100}) ran out`))
  // Already past: no call may start. Otherwise the timer only bounds calls in flight, and must not keep a finished
  // run alive.
  if (left === 0) expire()
  else setTimeout(expire, left).unref()
  const cancelled = new AbortController()
  const onCancel = (): void => cancelled.abort(new Error('the job was cancelled'))
  if (ctx.signal.aborted) onCancel()
  else ctx.signal.addEventListener('abort', onCancel, { once: true })
  return { signal: AbortSignal.any([cancelled.signal, expired.signal]), requestMs: GITHUB_REQUEST_MS }
}
