import type { Clock } from '../run/clock.js'
import type { RunContext } from '../run/context.js'

/** What every wait of the service step shares: the clock, the run's deadline and cancellation, a log line. */
export interface ServiceWait {
  clock: Clock
  deadline: number
  signal: AbortSignal
  log: (line: string) => void
}

export function serviceWait(ctx: RunContext): ServiceWait {
  return { clock: ctx.clock, deadline: ctx.deadline, signal: ctx.signal, log: line => ctx.log.info(line) }
}
