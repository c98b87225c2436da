/** Time, made injectable so that waits and backoff can be tested without real delays. */
export interface Clock {
  now(): number
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/**
 * The real clock. `scale` shrinks every wait; the tests and the benchmark set it through
 * METAFLOW_DEPLOY_TIME_SCALE so that a poll cadence tuned for AWS runs at emulator speed.
 */
export function systemClock(scale = 1): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise(resolve => {
        if (signal?.aborted === true) return resolve()
        const timer = setTimeout(done, Math.max(0, ms * scale))
        function done(): void {
          clearTimeout(timer)
          signal?.removeEventListener('abort', done)
          resolve()
        }
        signal?.addEventListener('abort', done, { once: true })
      })
  }
}

/** The time scale for waits: 1 in production; a test knob only. */
export function timeScaleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.METAFLOW_DEPLOY_TIME_SCALE
  if (raw === undefined || raw === '') return 1
  const scale = Number(raw)
  return Number.isFinite(scale) && scale > 0 && scale <= 1 ? scale : 1
}

/**
 * Delays for a poll loop that adapts: quick while things change, slower while idle, never past `maxMs`.
 */
export class AdaptiveDelay {
  private current: number

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly growth = 1.5
  ) {
    this.current = minMs
  }

  /** The delay before the next poll, given whether the last poll saw something new. */
  next(sawProgress: boolean): number {
    this.current = sawProgress
      ? Math.max(this.minMs, this.current / 2)
      : Math.min(this.maxMs, this.current * this.growth)
    return this.current
  }

  peek(): number {
    return this.current
  }
}
