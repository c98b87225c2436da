import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Change, Parameter } from '@aws-sdk/client-cloudformation'
import type { ChangeCounts } from '../stack/changes.js'
import type { DataLossVerdict } from '../guards/data-loss.js'
import type { NestedChanges } from '../run/outcome.js'
import { redactor } from '../render/redact.js'
import type { ParameterChange } from '../render/render-report.js'

/** The `changes-file` document: the change set exactly as read, for artifacts and later steps. */
export interface ChangesDocument {
  stackName: string
  environment: string
  region: string
  mode: string
  /** create, recreate or update. */
  operation: string
  /** The change set's ARN; '' when nothing was built or kept. */
  changeSetId: string
  hasChanges: boolean
  counts: ChangeCounts
  /** Parameters whose value changes, NoEcho ones as ****. */
  parameterChanges: ParameterChange[]
  /** Every parameter as the change set holds it, NoEcho ones as ****. */
  parameters: Parameter[]
  /** Every change of the root change set, with its property details, as DescribeChangeSet returned it. */
  changes: Change[]
  /** Nested stacks' changes, by the path of logical ids from the root stack. */
  nested: NestedChanges[]
  dataLoss: DataLossVerdict[]
}

/**
 * Writes the document under RUNNER_TEMP (which the runner empties after the job) and returns its path. Secrets
 * are removed from the data itself before it is serialised, so no encoding of them reaches the file.
 */
export function writeChangesFile(
  env: NodeJS.ProcessEnv,
  document: ChangesDocument,
  secrets: readonly string[]
): string {
  const dir = join(env.RUNNER_TEMP ?? tmpdir(), 'metaflow-deploy')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const label = [document.stackName, document.environment, document.mode].filter(p => p !== '').join('-')
  const path = join(dir, `changes-${label}.json`)
  writeFileSync(path, `${JSON.stringify(redactDeep(document, secrets), null, 2)}\n`, { mode: 0o600 })
  return path
}

/**
 * Every string in the value (keys too) with each secret replaced by ****: the renderers' redactor, applied to the
 * data, so the file is redacted the same way as the comment and the summary.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.every(secret => secret === '')) return value
  const clean = redactor(secrets)
  const scrub = (item: unknown): unknown => {
    if (typeof item === 'string') return clean(item)
    if (Array.isArray(item)) return item.map(scrub)
    if (item instanceof Date) return item
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [clean(key), scrub(inner)]))
    }
    return item
  }
  return scrub(value) as T
}
