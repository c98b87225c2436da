import { describe, expect, it } from '@jest/globals'
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types'
import { REQUEST_TIMEOUTS, scaledTimeouts } from '../../src/aws/timeouts.js'
import { backoffCeiling, DEFAULT_RETRY_POLICY, isTimeout, PatientRetryStrategy } from '../../src/aws/retry.js'

const throttled: RetryErrorInfo = {
  errorType: 'THROTTLING',
  error: Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
} as RetryErrorInfo
const transient: RetryErrorInfo = {
  errorType: 'TRANSIENT',
  error: new Error('socket hang up')
} as RetryErrorInfo
const timedOut: RetryErrorInfo = {
  errorType: 'TRANSIENT',
  error: Object.assign(new Error('Connection timed out after 30000 ms'), { name: 'TimeoutError' })
} as RetryErrorInfo
const invalid: RetryErrorInfo = {
  errorType: 'CLIENT_ERROR',
  error: new Error('ValidationError')
} as RetryErrorInfo

/** Runs the strategy to exhaustion, recording every wait it asked for. */
async function schedule(info: RetryErrorInfo, random = () => 1): Promise<number[]> {
  const waits: number[] = []
  const strategy = new PatientRetryStrategy(
    DEFAULT_RETRY_POLICY,
    1,
    random,
    () => undefined,
    ms => {
      waits.push(ms)
      return Promise.resolve()
    }
  )
  let token: StandardRetryToken = await strategy.acquireInitialRetryToken()
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, info)
    } catch {
      return waits
    }
  }
}

describe('the throttling backoff schedule', () => {
  it('throttling: 10 attempts, ceilings 1, 2, 4, 8, 16, then 20 s (the cap): about 2 minutes at worst', async () => {
    const waits = await schedule(throttled)
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000, 20000])
    expect(waits.reduce((a, b) => a + b, 0)).toBe(111_000)
  })

  it('transient faults start at 200 ms', async () => {
    expect(await schedule(transient)).toEqual([200, 400, 800, 1600, 3200, 6400, 12800, 20000, 20000])
  })

  it('full jitter: each wait is random() × the ceiling', async () => {
    expect(await schedule(throttled, () => 0.25)).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000, 5000, 5000
    ])
    expect(backoffCeiling(DEFAULT_RETRY_POLICY, 'THROTTLING', 3)).toBe(4000)
  })

  it('a request that timed out gets 3 attempts, not 10', async () => {
    expect(await schedule(timedOut)).toEqual([200, 400])
  })

  it('a client error is not retried', async () => {
    expect(await schedule(invalid)).toEqual([])
  })

  it('a backoff in progress ends at once when interrupted, and the call is not retried', async () => {
    const controller = new AbortController()
    const strategy = new PatientRetryStrategy(
      DEFAULT_RETRY_POLICY,
      1,
      () => 1,
      () => controller.signal
    )
    const started = Date.now()
    const refresh = strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), {
      ...throttled
    })
    setTimeout(() => controller.abort(new Error('cancelled')), 20)
    await expect(refresh).rejects.toThrow('interrupted')
    expect(Date.now() - started).toBeLessThan(900) // the backoff asked for 1000 ms
  })
})

describe('request timeouts', () => {
  it('are 10 s to connect and 30 s per request in production, never below 5 s when scaled for tests', () => {
    expect(scaledTimeouts(REQUEST_TIMEOUTS, 1)).toEqual({ connectMs: 10_000, requestMs: 30_000 })
    expect(scaledTimeouts(REQUEST_TIMEOUTS, 0.01)).toEqual({ connectMs: 5_000, requestMs: 5_000 })
    expect(scaledTimeouts(REQUEST_TIMEOUTS, 0.5)).toEqual({ connectMs: 5_000, requestMs: 15_000 })
  })
})

describe('what counts as a hung call', () => {
  it('is a request timeout, never a connection the other side dropped (it answered at once)', () => {
    const timedOut = Object.assign(new Error('Connection timed out after 30000 ms'), { name: 'TimeoutError' })
    const hangUp = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' })
    expect(isTimeout(timedOut)).toBe(true)
    expect(isTimeout(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }))).toBe(true)
    expect(isTimeout(hangUp)).toBe(false)
    expect(isTimeout(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }))).toBe(false)
  })
})
