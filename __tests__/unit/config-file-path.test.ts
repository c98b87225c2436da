import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  chmodSync,
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
import { openExclusive, temporaryPath, writeConfig } from '../../src/publish/metaflow-config.js'

// The real file system, in a fresh folder per test: where the API key's file may be written.
let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mfd-config-path-'))
})
const modeOf = (path: string): number => statSync(path).mode & 0o777
const KEY = '{"METAFLOW_SERVICE_AUTH_KEY": "k3y"}\n'

describe('the config file path', () => {
  it('a symlinked folder anywhere in the path is refused, and nothing is written where it points', () => {
    const elsewhere = join(root, 'elsewhere')
    mkdirSync(elsewhere, { mode: 0o700 })
    symlinkSync(elsewhere, join(root, 'linked'))
    for (const path of [join(root, 'linked', 'config.json'), join(root, 'linked', 'deeper', 'config.json')]) {
      expect(() => writeConfig(path, KEY)).toThrow(
        /'metaflow-config-file'.*linked is a symbolic link; the action never writes the API key through a link anywhere in the path/
      )
    }
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it.each([
    [0o777, 'every user'],
    [0o775, 'its group'],
    [0o1777, 'every user']
  ])('a folder of mode %s is refused, naming who can write it', (mode, who) => {
    const open = join(root, 'open')
    mkdirSync(open)
    chmodSync(open, mode)
    expect(() => writeConfig(join(open, 'config.json'), KEY)).toThrow(
      new RegExp(`'metaflow-config-file'.*open is writable by ${who}`)
    )
    expect(readdirSync(open)).toEqual([])
  })

  it('a folder above that others can write is refused, unless it is sticky like /tmp', () => {
    const shared = join(root, 'shared')
    mkdirSync(join(shared, 'mine'), { recursive: true })
    chmodSync(join(shared, 'mine'), 0o700)
    chmodSync(shared, 0o777)
    expect(() => writeConfig(join(shared, 'mine', 'config.json'), KEY)).toThrow(
      /shared is writable by every user/
    )
    chmodSync(shared, 0o1777)
    writeConfig(join(shared, 'mine', 'config.json'), KEY)
    expect(readFileSync(join(shared, 'mine', 'config.json'), 'utf8')).toBe(KEY)
  })

  it('missing folders are made 0700 one by one', () => {
    const path = join(root, 'a', 'b', 'config.json')
    writeConfig(path, KEY)
    expect([modeOf(join(root, 'a')), modeOf(join(root, 'a', 'b')), modeOf(path)]).toEqual([
      0o700, 0o700, 0o600
    ])
  })

  it('a file where a folder should be is a clear error naming the input, not a raw ENOTDIR or EEXIST', () => {
    writeFileSync(join(root, 'file'), '')
    for (const path of [join(root, 'file', 'config.json'), join(root, 'file', 'x', 'config.json')]) {
      expect(() => writeConfig(path, KEY)).toThrow(
        /^Input 'metaflow-config-file': .*file is a file, not a folder/
      )
    }
  })

  it('any other failure names the input and says what happened in words', () => {
    const path = join(root, `${'n'.repeat(240)}.json`)
    writeFileSync(path, '{}')
    // The temporary file's name (the target's, plus 30 characters) is longer than the file system takes.
    expect(() => writeConfig(path, KEY)).toThrow(
      /^Input 'metaflow-config-file': could not write .*: the file's name is too long for the file system \(ENAMETOOLONG\)/
    )
  })

  it('an existing 0644 file is made 0600 before a write that then fails', () => {
    const path = join(root, `${'n'.repeat(240)}.json`)
    writeFileSync(path, '{"old": "content"}')
    chmodSync(path, 0o644)
    expect(() => writeConfig(path, KEY)).toThrow(/ENAMETOOLONG/)
    expect(modeOf(path)).toBe(0o600)
  })
})

describe('the temporary file', () => {
  it('has a name no one can guess: 96 random bits, a new one each time', () => {
    const path = join(root, 'config.json')
    const names = Array.from({ length: 20 }, () => temporaryPath(path))
    expect(new Set(names).size).toBe(20)
    for (const name of names) {
      expect(name).toMatch(/\/\.config\.json\.[0-9a-f]{24}\.tmp$/)
      expect(name).not.toContain(String(process.pid))
    }
  })

  it('is opened O_EXCL: a link planted at its name is never followed', () => {
    const target = join(root, 'target')
    writeFileSync(target, 'untouched')
    const planted = join(root, '.config.json.planted.tmp')
    symlinkSync(target, planted)
    expect(() => openExclusive(planted)).toThrow(/EEXIST/)
    expect(readFileSync(target, 'utf8')).toBe('untouched')
  })
})
