/**
 * What the CloudFormation emulator remembers between requests (stacks, change sets, scenarios) and the lookups
 * and clock every operation uses. The operation modules take it as their first argument.
 */
import { CfnError, validation } from './errors.js'
import type { ExecutionHost } from './executor.js'
import { Holds, type Hold, type HoldPoint } from './holds.js'
import type { ChangeSetRecord, LeftResource, OperationEvent, OperationType, StackRecord } from './model.js'
import type { ExistingResource, PageSize, ResourceFailure, Services, Timing } from './types.js'

export class EngineState {
  readonly stacks: StackRecord[] = []
  readonly changeSets = new Map<string, ChangeSetRecord>()
  readonly failures: ResourceFailure[] = []
  /** Resources that exist outside any stack (see ExistingResource). */
  readonly existingResources: ExistingResource[] = []
  /** Resources CloudFormation left in the account: retained, or failed to delete during clean-up. */
  readonly leftInAccount: LeftResource[] = []
  /** Change sets (by name or ARN) whose deletion ends DELETE_FAILED. */
  readonly failChangeSetDeletes = new Set<string>()
  /**
   * When true, a deleted change set stays describable by its ARN as DELETE_COMPLETE (no longer listed, its name
   * free); by default it disappears (ChangeSetNotFound), as the DeleteChangeSet reference implies.
   */
  keepDeletedChangeSets = false
  /** Events of CREATE_CHANGESET operations (early validation), for DescribeEvents. */
  readonly changeSetEvents: OperationEvent[] = []
  /** Operation types by operation id, for DescribeEvents. */
  readonly operationTypes = new Map<string, OperationType>()
  /** Points where a test has stopped operations until it releases them (see holds.ts). */
  readonly holds = new Holds()
  private closed = false
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    public timing: Timing,
    readonly services: Services,
    public pageSize: PageSize = { changes: 100, events: 100, stacks: 100, changeSets: 100 }
  ) {}

  close(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.holds.releaseAll()
  }

  /** Test hook: operations stop at `point` until the test releases the hold (see holds.ts). */
  hold(point: HoldPoint): Hold {
    return this.holds.hold(point)
  }

  /** Resolves at once unless a test holds `point`; then when it is released. */
  passHold(point: HoldPoint): Promise<void> {
    return this.holds.pass(point)
  }

  /** The live stack with this name, or the stack (live or deleted) with this id. */
  findStack(nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks.find(s => s.stackId === nameOrId)
    return this.stacks.find(s => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE')
  }

  requireStack(nameOrId: string | undefined): StackRecord {
    const stack = nameOrId === undefined ? undefined : this.findStack(nameOrId)
    if (stack === undefined) throw validation(`Stack with id ${nameOrId ?? ''} does not exist`)
    return stack
  }

  findChangeSet(nameOrArn: string | undefined, stackName: string | undefined): ChangeSetRecord {
    let found: ChangeSetRecord | undefined
    if (nameOrArn?.startsWith('arn:') === true) found = this.changeSets.get(nameOrArn)
    else if (nameOrArn !== undefined && stackName !== undefined) {
      const stack = this.findStack(stackName)
      // By name, the live change set wins: an executed one keeps its ARN but frees its name.
      const named = [...this.changeSets.values()].filter(
        cs => cs.name === nameOrArn && cs.stackId === stack?.stackId
      )
      found = named.find(cs => !isExecuted(cs)) ?? named.at(-1)
    } else if (nameOrArn !== undefined) {
      throw validation('StackName must be specified if ChangeSetName is not specified as an ARN.')
    }
    if (found === undefined)
      throw new CfnError('ChangeSetNotFound', `ChangeSet [${nameOrArn ?? ''}] does not exist`, 404)
    return found
  }

  later(ms: number, fn: () => void): void {
    if (this.closed) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.closed) fn()
    }, ms)
    this.timers.add(timer)
  }

  sleep(ms: number): Promise<void> {
    return new Promise(resolveSleep => {
      if (this.closed) return resolveSleep()
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolveSleep()
      }, ms)
      this.timers.add(timer)
    })
  }

  /** Runs an operation in the background; an emulator bug is logged rather than crashing the server. */
  async run(work: () => Promise<void>): Promise<void> {
    try {
      await work()
    } catch (err) {
      console.error('emulator: background operation failed', err)
    }
  }
}

/** The engine as the operation modules see it: its state, plus what the executor asks of it. */
export type Engine = EngineState & ExecutionHost

/**
 * After execution CloudFormation keeps a change set describable by its ARN (Status stays CREATE_COMPLETE), but
 * frees its name for the next change set and no longer lists it: tools that reuse one name for every deploy (the
 * CDK's, the official action's `<stack>-CS`) rely on that.
 */
export function isExecuted(cs: ChangeSetRecord): boolean {
  // A deleted change set kept as DELETE_COMPLETE (keepDeletedChangeSets) has freed its name too.
  return (
    cs.executionStatus === 'EXECUTE_COMPLETE' ||
    cs.executionStatus === 'EXECUTE_FAILED' ||
    cs.status === 'DELETE_COMPLETE'
  )
}
