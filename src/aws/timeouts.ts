/**
 * Per-request timeouts for every AWS call: how long to connect and how long a request may stay silent. Apart from
 * the client factory so that the call middleware (calls.ts) and the factory (clients.ts) both read them without
 * importing each other.
 */
export interface RequestTimeouts {
  /** To open the TCP (and TLS) connection. */
  connectMs: number
  /** With no byte received on an open request: a request that hangs ends here and is retried (at most 3 attempts). */
  requestMs: number
}

/**
 * CloudFormation answers in well under a second; 30 s of silence is a hung connection, not a slow API. Without
 * these the SDK waits forever and `timeout-minutes` cannot hold.
 */
export const REQUEST_TIMEOUTS: RequestTimeouts = { connectMs: 10_000, requestMs: 30_000 }

/**
 * Scaled timeouts never go below this: at the tests' scale (0.01) a loaded machine must not turn a slow answer
 * into a timeout and a retried CreateChangeSet.
 */
const MIN_SCALED_TIMEOUT_MS = 5_000

export function scaledTimeouts(timeouts: RequestTimeouts, scale: number): RequestTimeouts {
  if (scale >= 1) return timeouts
  const shrink = (ms: number): number => Math.min(ms, Math.max(MIN_SCALED_TIMEOUT_MS, Math.round(ms * scale)))
  return { connectMs: shrink(timeouts.connectMs), requestMs: shrink(timeouts.requestMs) }
}
