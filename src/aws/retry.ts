import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types'

/** How hard to retry throttled and transient AWS calls. */
export interface RetryPolicy {
  /** Total attempts per call, the first included. */
  maxAttempts: number
  /** Base of the exponential backoff for transient errors (5xx, dropped connections). */
  baseMs: number
  /** Base for throttling, which needs more room than a transient fault. */
  throttlingBaseMs: number
  /** Ceiling of one backoff. */
  capMs: number
  /**
   * Attempts for a call that got no answer within the request timeout: a hung endpoint rarely answers the tenth
   * time, and ten waits of the timeout would outlast any `timeout-minutes`.
   */
  maxTimeoutAttempts: number
}

/**
 * Ten attempts with full jitter: a burst of "Rate exceeded" while many stacks deploy at once clears long before
 * this gives up (about 2 minutes at worst), where the SDK's default 3 attempts fail a deploy within seconds.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseMs: 200,
  throttlingBaseMs: 1000,
  capMs: 20_000,
  maxTimeoutAttempts: 3
}

class Token implements StandardRetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number
  ) {}
  getRetryCount(): number {
    return this.count
  }
  getRetryDelay(): number {
    return this.delay
  }
  getRetryCost(): number {
    return 0
  }
  hasRetryTokens(): boolean {
    return true
  }
  getRetryTokenCount(): number {
    return 0
  }
  releaseRetryTokens(): void {}
}

/** The backoff ceiling before retry `retry` (1 = the first retry): exponential from `base`, capped. */
export function backoffCeiling(
  policy: RetryPolicy,
  errorType: RetryErrorInfo['errorType'],
  retry: number
): number {
  const base = errorType === 'THROTTLING' ? policy.throttlingBaseMs : policy.baseMs
  return Math.min(policy.capMs, base * 2 ** (retry - 1))
}

/**
 * Errors the request timeout raises (NodeHttpHandler's `TimeoutError`, a socket's ETIMEDOUT). A connection the
 * other side dropped ("socket hang up", ECONNRESET, EPIPE) is not one, though the SDK names it TimeoutError too:
 * it answered at once, so it gets the full retries of any transient error.
 */
export function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown }
  const text = typeof message === 'string' ? message : ''
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(text)) return false
  return name === 'TimeoutError' || code === 'ETIMEDOUT'
}

/**
 * The SDK's retry hook with our policy: retries throttling, transient and server errors with exponential
 * backoff and full jitter, and has no shared capacity bucket that a throttling storm could drain. The strategy
 * waits out the backoff itself, on a sleep that `interrupt` ends at once (cancellation, the run's deadline),
 * and hands the SDK a token with no further delay.
 */
export class PatientRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard'

  constructor(
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly scale = 1,
    private readonly random: () => number = Math.random,
    /** Aborts every backoff in progress; a fresh signal is taken for each wait. */
    private readonly interrupt: () => AbortSignal | undefined = () => undefined,
    private readonly wait: (ms: number, signal: AbortSignal | undefined) => Promise<void> = abortableSleep
  ) {}

  acquireInitialRetryToken(): Promise<StandardRetryToken> {
    return Promise.resolve(new Token(0, 0))
  }

  /** The delay before the next attempt, or undefined when the call should not be retried. */
  delayFor(retryCount: number, info: RetryErrorInfo): number | undefined {
    const retryable =
      info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT' || info.errorType === 'SERVER_ERROR'
    const next = retryCount + 1
    const limit = isTimeout(info.error) ? this.policy.maxTimeoutAttempts : this.policy.maxAttempts
    if (!retryable || next >= limit) return undefined
    return Math.round(this.random() * backoffCeiling(this.policy, info.errorType, next) * this.scale)
  }

  async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    info: RetryErrorInfo
  ): Promise<StandardRetryToken> {
    const delay = this.delayFor(token.getRetryCount(), info)
    if (delay === undefined) throw new Error('not retrying')
    const signal = this.interrupt()
    await this.wait(delay, signal)
    // Rejecting makes the SDK throw the call's last error; the caller's middleware says it was interrupted.
    if (signal?.aborted === true) throw new Error('interrupted')
    return new Token(token.getRetryCount() + 1, 0)
  }

  recordSuccess(): void {}
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise(resolve => {
    if (signal?.aborted === true || ms <= 0) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
