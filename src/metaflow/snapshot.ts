import { CreateDBSnapshotCommand, DescribeDBSnapshotsCommand, type RDSClient } from '@aws-sdk/client-rds'
import { AdaptiveDelay } from '../run/clock.js'
import type { ServiceWait } from './wait.js'
import { DeployError, messageOf } from '../run/errors.js'

/**
 * The manual snapshot taken before a migration changes an existing database: named for the stack and the run,
 * tagged so that people can tell why it exists, and waited for until RDS says it is available.
 */

/**
 * `metaflow-deploy-<stack>-<run id>-<attempt>`, within RDS's rules for DBSnapshotIdentifier (CreateDBSnapshot API
 * reference): 1-255 letters, digits and hyphens, a letter first, no two hyphens in a row, none at the end.
 */
export function snapshotIdentifier(stackName: string, runId: string, attempt: string): string {
  const raw = `metaflow-deploy-${stackName}-${runId}-${attempt}`.toLowerCase()
  return raw
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, 255)
    .replace(/-+$/, '')
}

const WAIT_MIN_MS = 5_000
const WAIT_MAX_MS = 30_000

/** CreateDBSnapshot, then DescribeDBSnapshots until `available`; returns the snapshot's id. */
export async function snapshotDatabase(
  rds: RDSClient,
  dbInstance: string,
  snapshotId: string,
  tags: Record<string, string>,
  wait: ServiceWait
): Promise<string> {
  const call = { abortSignal: wait.signal }
  try {
    await rds.send(
      new CreateDBSnapshotCommand({
        DBInstanceIdentifier: dbInstance,
        DBSnapshotIdentifier: snapshotId,
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
      }),
      call
    )
  } catch (err) {
    // A retried run attempt that already took it (the id holds the run and its attempt) finds it there.
    if ((err as { name?: string }).name !== 'DBSnapshotAlreadyExistsFault')
      throw new DeployError(
        `Could not snapshot the database ${dbInstance} before migrating it: ${messageOf(err)}. Nothing was migrated. Fix the cause, or set db-snapshot-before-migrate: false to migrate without a snapshot.`
      )
  }
  wait.log(`Snapshot ${snapshotId} of ${dbInstance} requested; waiting until it is available.`)
  const delay = new AdaptiveDelay(WAIT_MIN_MS, WAIT_MAX_MS)
  let status = 'creating'
  for (;;) {
    const described = await rds.send(
      new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: snapshotId }),
      call
    )
    const snapshot = described.DBSnapshots?.[0]
    const next = snapshot?.Status ?? 'creating'
    if (next === 'available') return snapshotId
    if (next === 'failed' || next === 'error' || next === 'deleted' || next === 'deleting')
      throw new DeployError(
        `The snapshot ${snapshotId} of ${dbInstance} ended ${next}. Nothing was migrated; see the RDS console's events for the instance.`
      )
    const progressed = next !== status
    status = next
    const pause = delay.next(progressed)
    if (wait.clock.now() + pause > wait.deadline)
      throw new DeployError(
        `timeout-minutes ran out while the snapshot ${snapshotId} of ${dbInstance} was ${status}${snapshot?.PercentProgress === undefined ? '' : ` (${snapshot.PercentProgress}%)`}. Nothing was migrated; the snapshot goes on in RDS. Raise timeout-minutes and run again.`
      )
    await wait.clock.sleep(pause, wait.signal)
  }
}
