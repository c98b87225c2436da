/**
 * Test hooks that stop the emulated CloudFormation at a named point of an operation until the test lets it go, so
 * that a test observes an in-between status (a change set DELETE_IN_PROGRESS, a stack in a clean-up phase) on a
 * loaded machine as surely as on an idle one, instead of racing a timer. Not an AWS behaviour: how long AWS takes
 * is modelled by `timing`; a hold only stretches one of those waits until the test releases it. Unheld, every
 * point is passed at once, so scenarios that never hold behave exactly as before.
 */

/**
 * - `changeSetBuild`: a new change set stays CREATE_IN_PROGRESS (ChangeSetStatus, DescribeChangeSet API
 *   reference) until released, then takes `timing.changeSetMs` to finish.
 * - `changeSetDelete`: a deleted change set stays DELETE_IN_PROGRESS (ChangeSetStatus, DescribeChangeSet API
 *   reference) until released, then takes `timing.changeSetDeleteMs` to go.
 * - `changeSetDeletePending`: with `timing.changeSetDeletePendingMs`, a deleted change set stays DELETE_PENDING
 *   until released, then takes that long to move on to DELETE_IN_PROGRESS.
 * - `cleanup`: a successful update stays UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, and a rolled-back one
 *   UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, after its deletions (user guide, "Stack status codes").
 * - `stackStatus`: a status set with `setStackStatus(name, status, then)` stays until released; `then` follows
 *   `then.afterMs` later.
 */
export type HoldPoint =
  'changeSetBuild' | 'changeSetDelete' | 'changeSetDeletePending' | 'cleanup' | 'stackStatus'

export interface Hold {
  /** Resolves once an operation has reached the point and waits there. */
  readonly reached: Promise<void>
  /** Lets every operation waiting at the point go on, and the point no longer holds. */
  release(): void
}

interface Held {
  waiting: (() => void)[]
  reach: () => void
}

export class Holds {
  private readonly held = new Map<HoldPoint, Held>()

  /** From now on, operations stop at `point` until the returned hold is released. */
  hold(point: HoldPoint): Hold {
    if (this.held.has(point)) throw new Error(`emulator: ${point} is already held`)
    let reach = (): void => undefined
    const reached = new Promise<void>(resolve => (reach = resolve))
    const held: Held = { waiting: [], reach }
    this.held.set(point, held)
    return { reached, release: () => this.release(point, held) }
  }

  isHeld(point: HoldPoint): boolean {
    return this.held.has(point)
  }

  /** Runs `go` now if `point` is not held (synchronously, as unheld code always did), else when it is released. */
  after(point: HoldPoint, go: () => void): void {
    const held = this.held.get(point)
    if (held === undefined) return go()
    held.waiting.push(go)
    held.reach()
  }

  /** `after`, for the executor's async steps. */
  pass(point: HoldPoint): Promise<void> {
    return new Promise(resolve => this.after(point, resolve))
  }

  /** Releases every hold (the emulator is closing: nothing may stay parked). */
  releaseAll(): void {
    for (const [point, held] of [...this.held]) this.release(point, held)
  }

  private release(point: HoldPoint, held: Held): void {
    if (this.held.get(point) !== held) return
    this.held.delete(point)
    for (const go of held.waiting.splice(0)) go()
  }
}
