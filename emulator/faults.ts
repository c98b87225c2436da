/**
 * Faults a test can inject: a share of calls throttled, answered with 5xx, or cut off mid-connection, and
 * operations slowed down. Draws come from a seeded generator so a failing run can be replayed.
 */
export interface FaultSettings {
  /** Share (0-1) of calls answered `Throttling: Rate exceeded`. */
  throttleRate: number
  /** Share of calls answered 500/503. */
  serverErrorRate: number
  /** Share of connections destroyed before an answer. */
  dropRate: number
  /** Extra latency per operation name, in milliseconds. */
  delayMs: Record<string, number>
  /** Limit the random faults to these operations (empty: all). */
  operations: string[]
  /** Deterministic: throttle the next N calls of each named operation. */
  throttleNext: Record<string, number>
  /**
   * Deterministic: carry out the next N calls of each named operation, then cut the connection before the answer
   * (a response lost on the way back: the change happened, the client does not know). For retries with
   * CreateChangeSet's ClientToken.
   */
  dropResponseNext: Record<string, number>
}

export const NO_FAULTS: FaultSettings = {
  throttleRate: 0,
  serverErrorRate: 0,
  dropRate: 0,
  delayMs: {},
  operations: [],
  throttleNext: {},
  dropResponseNext: {}
}

export type FaultDecision = 'none' | 'throttle' | 'server-error' | 'drop'

export class Faults {
  settings: FaultSettings = {
    ...NO_FAULTS,
    delayMs: {},
    operations: [],
    throttleNext: {},
    dropResponseNext: {}
  }
  private state: number

  constructor(seed = 42) {
    this.state = seed >>> 0
  }

  set(partial: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...partial }
  }

  reset(): void {
    this.settings = { ...NO_FAULTS, delayMs: {}, operations: [], throttleNext: {}, dropResponseNext: {} }
  }

  /** Whether this call's answer is to be lost after the call was carried out (see dropResponseNext). */
  dropsResponse(operation: string): boolean {
    const pending = this.settings.dropResponseNext[operation] ?? 0
    if (pending <= 0) return false
    this.settings.dropResponseNext[operation] = pending - 1
    return true
  }

  /** mulberry32: small, fast and good enough to spread faults evenly. */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  decide(operation: string): FaultDecision {
    const s = this.settings
    const pending = s.throttleNext[operation] ?? 0
    if (pending > 0) {
      s.throttleNext[operation] = pending - 1
      return 'throttle'
    }
    if (s.operations.length > 0 && !s.operations.includes(operation)) return 'none'
    const roll = this.random()
    if (roll < s.dropRate) return 'drop'
    if (roll < s.dropRate + s.throttleRate) return 'throttle'
    if (roll < s.dropRate + s.throttleRate + s.serverErrorRate) return 'server-error'
    return 'none'
  }

  delayFor(operation: string): number {
    return this.settings.delayMs[operation] ?? 0
  }
}
