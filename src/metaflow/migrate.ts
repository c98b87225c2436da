import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda'
import { DeployError, messageOf } from '../run/errors.js'

/**
 * Runs the stack's migration function and reads its answer: the migration service's `db_schema_status` before and
 * after its `PATCH /upgrade` (Netflix/metaflow-service, services/migration_service/api/admin.py).
 */

/** The migration service's GET /db_schema_status, the fields the action reads. */
export interface SchemaStatus {
  isUpToDate: boolean | undefined
  currentVersion: string | undefined
  unappliedMigrations: string[]
}

export interface MigrationResult {
  before: SchemaStatus | undefined
  after: SchemaStatus | undefined
  /** The service's own words for the upgrade (`upgrade success`). */
  upgrade: string
}

/** A migration the function reported as failed: its own error, and what the user does next. */
export class MigrationFailed extends DeployError {}

export async function invokeMigration(
  lambda: LambdaClient,
  functionName: string,
  signal: AbortSignal
): Promise<MigrationResult> {
  let answer
  try {
    answer = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: Buffer.from('{}')
      }),
      { abortSignal: signal }
    )
  } catch (err) {
    throw new MigrationFailed(`Could not invoke the migration function ${functionName}: ${messageOf(err)}`)
  }
  const payload = answer.Payload === undefined ? '' : Buffer.from(answer.Payload).toString('utf8')
  // Invoke answers 200 even when the function raised: FunctionError says so, and the payload holds the error
  // (Invoke API reference, "FunctionError").
  if (answer.FunctionError !== undefined && answer.FunctionError !== '')
    throw new MigrationFailed(
      `The migration function ${functionName} failed (${answer.FunctionError}): ${functionError(payload)}`
    )
  return parseAnswer(payload, functionName)
}

/** `{"errorMessage": …, "errorType": …}` as one line; anything else as it came, cut to a readable length. */
export function functionError(payload: string): string {
  try {
    const error = JSON.parse(payload) as { errorMessage?: unknown; errorType?: unknown }
    if (typeof error.errorMessage === 'string')
      return `${typeof error.errorType === 'string' ? `${error.errorType}: ` : ''}${error.errorMessage}`.slice(
        0,
        2000
      )
  } catch {
    // Not JSON: the raw text below.
  }
  return payload.slice(0, 2000) || '(no error text)'
}

function parseAnswer(payload: string, functionName: string): MigrationResult {
  let body: unknown
  try {
    body = JSON.parse(payload)
  } catch {
    throw new MigrationFailed(
      `The migration function ${functionName} answered something that is not JSON: ${payload.slice(0, 500)}`
    )
  }
  const record = (body ?? {}) as { before?: unknown; after?: unknown; upgrade?: unknown; upgraded?: unknown }
  const result = {
    before: schemaStatus(record.before),
    after: schemaStatus(record.after),
    upgrade: typeof record.upgrade === 'string' ? record.upgrade : JSON.stringify(record.upgrade ?? null)
  }
  // The function raises when the schema is still behind; an answer that says so anyway is a failure too.
  // `upgraded: false` alone is no failure: the schema was already up to date, so there was nothing to apply.
  if (result.after?.isUpToDate === false)
    throw new MigrationFailed(
      `The migration function ${functionName} finished but the schema is still not up to date (version ${result.after?.currentVersion ?? 'unknown'}; unapplied: ${result.after?.unappliedMigrations.join(', ') || 'unknown'}).`
    )
  return result
}

/** The schema status fields, whatever JSON type the service gave the version (goose prints it; it is a string). */
export function schemaStatus(value: unknown): SchemaStatus | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const v = value as Record<string, unknown>
  const version = v.current_version
  return {
    isUpToDate: typeof v.is_up_to_date === 'boolean' ? v.is_up_to_date : undefined,
    currentVersion: typeof version === 'string' || typeof version === 'number' ? String(version) : undefined,
    unappliedMigrations: Array.isArray(v.unapplied_migrations) ? v.unapplied_migrations.map(String) : []
  }
}
