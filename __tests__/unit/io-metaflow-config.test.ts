import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  chmodSync,
  closeSync,
  fstatSync,
  openSync,
  readSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeConfig } from '../../src/publish/metaflow-config.js'

// The real filesystem, in a fresh temporary folder per test.
let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mfd-config-'))
})

const modeOf = (path: string): number => statSync(path).mode & 0o777
const CONTENT = '{\n    "METAFLOW_SERVICE_AUTH_KEY": "k3y"\n}\n'

describe('writeConfig: the file that holds the API key', () => {
  it('creates missing folders 0700 and the file 0600, and leaves no temporary file behind', () => {
    const path = join(root, 'home', '.metaflowconfig', 'config_dev.json')
    writeConfig(path, CONTENT)
    expect(readFileSync(path, 'utf8')).toBe(CONTENT)
    expect(modeOf(path)).toBe(0o600)
    expect(modeOf(join(root, 'home', '.metaflowconfig'))).toBe(0o700)
    expect(modeOf(join(root, 'home'))).toBe(0o700)
    expect(readdirSync(join(root, 'home', '.metaflowconfig'))).toEqual(['config_dev.json'])
  })

  it('is 0600 from its first byte, even under a permissive umask', () => {
    const previous = process.umask(0o000)
    try {
      const path = join(root, 'config.json')
      writeConfig(path, CONTENT)
      expect(modeOf(path)).toBe(0o600)
    } finally {
      process.umask(previous)
    }
  })

  it('never widens an existing folder', () => {
    const folder = join(root, 'shared')
    mkdirSync(folder)
    chmodSync(folder, 0o711)
    writeConfig(join(folder, 'config.json'), CONTENT)
    expect(modeOf(folder)).toBe(0o711)
    const tight = join(root, 'tight')
    mkdirSync(tight)
    chmodSync(tight, 0o700)
    writeConfig(join(tight, 'config.json'), CONTENT)
    expect(modeOf(tight)).toBe(0o700)
  })

  it('replaces an existing 0644 file with a 0600 one holding the new content', () => {
    const path = join(root, 'config.json')
    writeFileSync(path, '{"old": "world-readable"}')
    chmodSync(path, 0o644)
    writeConfig(path, CONTENT)
    expect(modeOf(path)).toBe(0o600)
    expect(readFileSync(path, 'utf8')).toBe(CONTENT)
  })

  it('never puts the key into the old file: a reader who opened it while it was 0644 does not see the key', () => {
    const path = join(root, 'config.json')
    writeFileSync(path, '{"old": "world-readable"}')
    chmodSync(path, 0o644)
    const eavesdropper = openSync(path, 'r')
    try {
      writeConfig(path, CONTENT)
      const seen = Buffer.alloc(200)
      const length = readSync(eavesdropper, seen, 0, 200, 0)
      expect(seen.subarray(0, length).toString('utf8')).toBe('{"old": "world-readable"}')
      expect(fstatSync(eavesdropper).ino).not.toBe(statSync(path).ino)
    } finally {
      closeSync(eavesdropper)
    }
  })

  it('refuses to write through a symbolic link, and leaves its target alone', () => {
    const target = join(root, 'elsewhere.json')
    writeFileSync(target, 'untouched')
    chmodSync(target, 0o644)
    const link = join(root, 'config.json')
    symlinkSync(target, link)
    expect(() => writeConfig(link, CONTENT)).toThrow(/metaflow-config-file.*symbolic link/)
    expect(readFileSync(target, 'utf8')).toBe('untouched')
    expect(modeOf(target)).toBe(0o644)
    expect(readdirSync(root).sort()).toEqual(['config.json', 'elsewhere.json'])
  })

  it('refuses a dangling symbolic link too (it would create the file where the link points)', () => {
    const link = join(root, 'config.json')
    symlinkSync(join(root, 'created-by-link.json'), link)
    expect(() => writeConfig(link, CONTENT)).toThrow(/symbolic link/)
    expect(existsSync(join(root, 'created-by-link.json'))).toBe(false)
  })

  it('refuses a folder at the path', () => {
    const path = join(root, 'config.json')
    mkdirSync(path)
    expect(() => writeConfig(path, CONTENT)).toThrow(/metaflow-config-file.*not a regular file/)
  })
})
