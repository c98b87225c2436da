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
}

/**
 * Ten attempts with full jitter: a burst of "Rate exceeded" while many stacks deploy at once clears long before
 * this gives up (about 2 minutes at worst), where the SDK's default 3 attempts fail a deploy within seconds.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseMs: 200,
  throttlingBaseMs: 1000,
  capMs: 20_000
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

/**
 * The SDK's retry hook with our policy: retries throttling, transient and server errors with exponential
 * backoff and full jitter, and has no shared capacity bucket that a throttling storm could drain.
 */
export class PatientRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard'

  constructor(
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly scale = 1,
    private readonly random: () => number = Math.random
  ) {}

  acquireInitialRetryToken(): Promise<StandardRetryToken> {
    return Promise.resolve(new Token(0, 0))
  }

  refreshRetryTokenForRetry(token: StandardRetryToken, info: RetryErrorInfo): Promise<StandardRetryToken> {
    const retryable =
      info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT' || info.errorType === 'SERVER_ERROR'
    const next = token.getRetryCount() + 1
    if (!retryable || next >= this.policy.maxAttempts) return Promise.reject(new Error('not retrying'))
    const base = info.errorType === 'THROTTLING' ? this.policy.throttlingBaseMs : this.policy.baseMs
    const ceiling = Math.min(this.policy.capMs, base * 2 ** (next - 1))
    return Promise.resolve(new Token(next, Math.round(this.random() * ceiling * this.scale)))
  }

  recordSuccess(): void {}
}
