import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
  type Stats
} from 'node:fs'
import { homedir } from 'node:os'
import { InputError } from '../run/errors.js'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'

/** Metaflow's configuration variables and the stack outputs they come from (INTERFACE.md). */
export const METAFLOW_OUTPUTS: readonly (readonly [variable: string, output: string])[] = [
  ['METAFLOW_DATASTORE_SYSROOT_S3', 'MetaflowDataStoreS3Url'],
  ['METAFLOW_DATATOOLS_S3ROOT', 'MetaflowDataToolsS3Url'],
  ['METAFLOW_BATCH_JOB_QUEUE', 'BatchJobQueueArn'],
  ['METAFLOW_ECS_S3_ACCESS_IAM_ROLE', 'ECSJobRoleForBatchJobs'],
  ['METAFLOW_SERVICE_URL', 'ServiceUrl'],
  ['METAFLOW_SERVICE_INTERNAL_URL', 'InternalServiceUrl'],
  ['METAFLOW_SFN_IAM_ROLE', 'StepFunctionsRoleArn'],
  ['METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE', 'EventBridgeRoleArn'],
  ['METAFLOW_SFN_DYNAMO_DB_TABLE', 'DDBTableName'],
  // Our template's stack name: two environments in one account keep their state machines and rules apart.
  ['METAFLOW_SFN_STATE_MACHINE_PREFIX', 'SFNStateMachinePrefix'],
  ['METAFLOW_ECS_FARGATE_EXECUTION_ROLE', 'ECSFargateExecutionRoleArn'],
  // Only when the stack runs the UI (EnableUI): `metaflow` prints links to runs there.
  ['METAFLOW_UI_URL', 'UIServiceUrl']
]

export const AUTH_KEY_VARIABLE = 'METAFLOW_SERVICE_AUTH_KEY'

/**
 * The Metaflow variables for a stack: the two backend choices, every variable whose source output exists, and
 * the API key when there is one.
 */
export function metaflowVariables(
  outputs: Record<string, string>,
  apiKey: string | undefined
): Record<string, string> {
  const variables: Record<string, string> = {
    METAFLOW_DEFAULT_DATASTORE: 's3',
    METAFLOW_DEFAULT_METADATA: 'service'
  }
  for (const [variable, output] of METAFLOW_OUTPUTS) {
    const value = outputs[output]
    if (value !== undefined) variables[variable] = value
  }
  if (apiKey !== undefined) variables[AUTH_KEY_VARIABLE] = apiKey
  return variables
}

/**
 * The config file as `metaflow configure` writes it: a flat JSON object, keys sorted, indented by 4, empty values
 * left out.
 */
export function renderConfig(variables: Record<string, string>): string {
  const entries = Object.entries(variables)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `${JSON.stringify(Object.fromEntries(entries), null, 4)}\n`
}

/** `~` is the runner's home; a relative path is relative to the workspace. */
export function resolveConfigPath(path: string, workspace: string, home = homedir()): string {
  const expanded = path === '~' ? home : path.startsWith('~/') ? `${home}${path.slice(1)}` : path
  return isAbsolute(expanded) ? expanded : resolve(workspace, expanded)
}

/**
 * Writes the file readable by its owner only (it holds the API key), atomically: the content goes into a new file
 * in the same folder, created 0600 from its first byte (`wx`: it must not exist), flushed to disk, then renamed
 * over the target, so a reader sees the old file or the whole new one, and no other user ever can read the key.
 * Missing folders are created 0700; an existing folder keeps its mode. A symlink at the path is refused: writing
 * through it would put the key wherever it points. An existing file is chmod 0600 before the key goes anywhere
 * near it, in case the rename fails and leaves it in place.
 */
export function writeConfig(path: string, content: string): void {
  const folder = dirname(path)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const existing = lstatOrUndefined(path)
  if (existing?.isSymbolicLink() === true) {
    throw new InputError(
      'metaflow-config-file',
      `${path} is a symbolic link; the action does not write the API key through a link. Give the path of the real file, or remove the link.`
    )
  }
  if (existing !== undefined && !existing.isFile()) {
    throw new InputError(
      'metaflow-config-file',
      `${path} exists and is not a regular file; give the path of a file to write.`
    )
  }
  if (existing !== undefined && (existing.mode & 0o777) !== 0o600) chmodSync(path, 0o600)
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  const fd = openSync(temporary, 'wx', 0o600)
  try {
    // The umask cannot widen 0600, but a umask like 0177 is not the only one: make it exact.
    fchmodSync(fd, 0o600)
    writeSync(fd, content)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(temporary, { force: true })
    throw err
  }
  closeSync(fd)
  try {
    renameSync(temporary, path)
  } catch (err) {
    rmSync(temporary, { force: true })
    throw err
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}
