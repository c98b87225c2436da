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
import { basename, dirname, isAbsolute, join, parse, resolve, sep } from 'node:path'

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

const INPUT = 'metaflow-config-file'

/**
 * Writes the file readable by its owner only (it holds the API key), atomically: the content goes into a new file
 * in the same folder, created 0600 from its first byte with O_EXCL under a name no one can guess, flushed to
 * disk, then renamed over the target, so a reader sees the old file or the whole new one, and no other user ever
 * can read the key. The path is checked folder by folder first (safeFolder). A symlink at the path is refused:
 * writing through it would put the key wherever it points. An existing file is chmod 0600 before the key goes
 * anywhere near it, in case the rename fails and leaves it in place. Every failure names the input.
 */
export function writeConfig(path: string, content: string): void {
  try {
    safeFolder(dirname(path))
    const existing = lstatOrUndefined(path)
    if (existing?.isSymbolicLink() === true) {
      throw new InputError(
        INPUT,
        `${path} is a symbolic link; the action does not write the API key through a link. Give the path of the real file, or remove the link.`
      )
    }
    if (existing !== undefined && !existing.isFile()) {
      throw new InputError(
        INPUT,
        `${path} exists and is not a regular file; give the path of a file to write.`
      )
    }
    if (existing !== undefined && (existing.mode & 0o777) !== 0o600) chmodSync(path, 0o600)
    const temporary = temporaryPath(path)
    const fd = openExclusive(temporary)
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
  } catch (err) {
    if (err instanceof InputError) throw err
    throw new InputError(INPUT, `could not write ${path}: ${explain(err)}`)
  }
}

/**
 * The temporary file's path: beside the target (a rename never crosses file systems), under a name with 96 random
 * bits, so no one can plant a link there first.
 */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`)
}

/** Opens a new file 0600 for writing with O_CREAT | O_EXCL: anything already there, a symlink included, fails. */
export function openExclusive(path: string): number {
  return openSync(path, 'wx', 0o600)
}

/**
 * Checks the folder the file goes in, and every folder above it, component by component from the root: none may
 * be a symbolic link (the key would land where the link points, and links can be swapped), none may be writable
 * by others unless it is sticky (/tmp: others cannot rename or remove our entries), and the folder itself may not
 * be writable by group or others even when sticky (they could create names in it). Missing folders are created
 * 0700, one at a time; an existing folder keeps its mode.
 */
export function safeFolder(folder: string): void {
  const absolute = resolve(folder)
  const root = parse(absolute).root
  const parts = absolute
    .slice(root.length)
    .split(sep)
    .filter(part => part !== '')
  let current = root
  for (const [index, part] of parts.entries()) {
    current = join(current, part)
    let stats = lstatOrUndefined(current)
    if (stats === undefined) {
      mkdirSync(current, { mode: 0o700 })
      stats = lstatSync(current)
    }
    if (stats.isSymbolicLink()) {
      throw new InputError(
        INPUT,
        `${current} is a symbolic link; the action never writes the API key through a link anywhere in the path. Give a path of real folders.`
      )
    }
    if (!stats.isDirectory()) {
      throw new InputError(
        INPUT,
        `${current} is a file, not a folder; give a path whose folders are folders.`
      )
    }
    const last = index === parts.length - 1
    const sticky = (stats.mode & 0o1000) !== 0
    if ((last && (stats.mode & 0o022) !== 0) || (!sticky && (stats.mode & 0o002) !== 0)) {
      throw new InputError(
        INPUT,
        `${current} is writable by ${last && (stats.mode & 0o002) === 0 ? 'its group' : 'every user'} (mode ${(stats.mode & 0o7777).toString(8)}); the API key is not written where others could replace it. Give a folder only you can write (chmod go-w), such as one under the workspace or ~/.metaflowconfig.`
      )
    }
  }
}

/** A file-system error in words, with its code. */
function explain(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code
  const words: Record<string, string> = {
    ENOENT: 'a folder in the path disappeared while the file was written',
    EEXIST: 'a file appeared at the temporary path (another process writing the same file?)',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'the path is a folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENAMETOOLONG: "the file's name is too long for the file system",
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full'
  }
  const text = code === undefined ? undefined : words[code]
  return text === undefined ? (err instanceof Error ? err.message : String(err)) : `${text} (${code})`
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}
