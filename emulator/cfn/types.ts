/**
 * Types and constants the CloudFormation emulator's modules share: the scenario knobs tests set (timing, failures,
 * resources that already exist) and the hooks to the other emulated services. Kept apart so that the executor and
 * the engine both depend on it rather than on each other.
 */

/** How long simulated work takes. Tests use a few milliseconds; the demo uses values that look real. */
export interface Timing {
  /** Each of a change set's two creation phases (PENDING, IN_PROGRESS). */
  changeSetMs: number
  /** Each resource operation (create, update, delete). */
  resourceMs: number
  /**
   * How long a deleted change set stays in DELETE_IN_PROGRESS. AWS deletes at once (0, the default); a delay lets
   * tests check that the action waits for a delete to finish.
   */
  changeSetDeleteMs: number
  /** How long a deleted change set shows DELETE_PENDING before DELETE_IN_PROGRESS (0, the default: not at all). */
  changeSetDeletePendingMs?: number
  /**
   * How long a stack sits in UPDATE_COMPLETE_CLEANUP_IN_PROGRESS / UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS
   * beyond its deletions. Unset: one resource step, so the phase is observable at the tests' time scale.
   */
  cleanupMs?: number
}

/** A scenario: make an operation on a named resource fail with a reason. */
export interface ResourceFailure {
  logicalId: string
  reason: string
  stackName?: string
  during?: 'create' | 'update' | 'delete' | 'any'
  /** The rollback fails too, leaving UPDATE_ROLLBACK_FAILED / ROLLBACK_FAILED. */
  rollbackFails?: boolean
  /** Only inside the nested stack that its parent declares under this logical id. */
  inNestedStack?: string
}

/** A resource that already exists outside any stack, so a change set that would create it fails early validation. */
export interface ExistingResource {
  type: string
  /** Its name (the type's name property, e.g. BucketName). */
  identifier: string
}

/** Hooks the engine uses to reach the other emulated services. */
export interface Services {
  /** Registers an API key created by a stack's AWS::ApiGateway::ApiKey, so GetApiKey can return it. */
  createApiKey(id: string, name: string, value: string | undefined, stackName: string): void
  deleteApiKey(id: string): void
  /** Reads an object of the emulated S3 (the latest, or the given version). */
  readObject(bucket: string, key: string, versionId?: string): string | undefined
}

/** How many items one page of each paged answer holds. */
export interface PageSize {
  changes: number
  events: number
  stacks: number
  changeSets: number
}

export const ACCOUNT_ID = '123456789012'
export const NESTED_STACK = 'AWS::CloudFormation::Stack'
export const IN_PROGRESS = /_IN_PROGRESS$/
