import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  type Stats
} from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { InputError } from '../run/errors.js'

/**
 * Where a path input points, checked to be inside the workspace: `../../etc/passwd`, an absolute path elsewhere,
 * or a symlink whose target is elsewhere would let a workflow (or a pull request that edits one) read any file
 * of the runner and send it to AWS as a template or parameter values.
 */
export function workspacePath(input: string, path: string, workspace: string): string {
  const root = resolve(workspace)
  const full = isAbsolute(path) ? resolve(path) : resolve(root, path)
  if (!inside(root, full)) {
    throw new InputError(
      input,
      `"${path}" is outside the workspace (${root}). Give a path inside the repository checkout, relative to the workspace.`
    )
  }
  let real: string
  try {
    real = realpathSync(full)
  } catch {
    throw new InputError(
      input,
      `file "${path}" was not found (looked at ${full}). Check out the repository first (actions/checkout) or fix the path, which is relative to the workspace.`
    )
  }
  let realRoot = root
  try {
    realRoot = realpathSync(root)
  } catch {
    // A workspace that does not exist holds nothing: the lexical check above already placed the path in it.
  }
  if (!inside(realRoot, real)) {
    throw new InputError(
      input,
      `"${path}" is a symlink to ${real}, outside the workspace. Point it at a file inside the repository checkout.`
    )
  }
  return real
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

/**
 * Reads a regular file with one link, of at most `limit.bytes` bytes (`limit.rule` says whose limit, for the
 * message). The kind, the links and the size are checked with stat BEFORE the file is
 * opened (opening a FIFO for reading blocks until a writer comes; reading a device may never end), and again on
 * the open descriptor, opened non-blocking, so a file swapped in between cannot slip through.
 */
export function readRegularFile(
  input: string,
  shown: string,
  path: string,
  limit: { bytes: number; rule: string }
): Buffer {
  const check = (stats: Stats): void => {
    if (!stats.isFile()) {
      throw new InputError(input, `"${shown}" is ${kindOf(stats)}; give the path of a regular file.`)
    }
    // A hard link shares the file of another name, possibly outside the workspace (a runner's credentials file
    // linked in by an earlier step or an archive): nothing in the path says where its content came from.
    if (stats.nlink > 1) {
      throw new InputError(
        input,
        `"${shown}" has ${stats.nlink} hard links, so its content may be a file outside the workspace. Give a file with one link (copy it: cp --no-preserve=links).`
      )
    }
    if (stats.size > limit.bytes) {
      throw new InputError(input, `"${shown}" is ${stats.size} bytes; ${limit.rule}`)
    }
  }
  check(statSync(path))
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const stats = fstatSync(fd)
    check(stats)
    // Room for one byte past the size seen, so a file that grew since the stat is caught rather than cut short.
    const buffer = Buffer.alloc(stats.size + 1)
    let length = 0
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length > stats.size) {
        throw new InputError(input, `"${shown}" changed while it was being read; run again.`)
      }
    }
    return buffer.subarray(0, length)
  } finally {
    closeSync(fd)
  }
}
