import { afterAll, describe, expect, it } from '@jest/globals'
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readParametersFile } from '../../src/template/parameters.js'
import { readRegularFile, workspacePath } from '../../src/template/workspace-file.js'

// A hard link in the workspace to a file outside it looks like any file of the checkout, but its content is the
// outside file's: it is refused like a symlink that leads out.
const root = mkdtempSync(join(tmpdir(), 'mfd-links-'))
const workspace = join(root, 'workspace')
const outside = join(root, 'credentials')
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('hard links', () => {
  it('a file with two links is refused, naming the input, before it is read', () => {
    rmSync(workspace, { recursive: true, force: true })
    mkdirSync(workspace)
    writeFileSync(outside, 'AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI\n')
    linkSync(outside, join(workspace, 'params.yml'))
    expect(() => readParametersFile('params.yml', workspace)).toThrow(
      /'parameters-file': "params.yml" has 2 hard links, so its content may be a file outside the workspace/
    )
    const path = workspacePath('template', 'params.yml', workspace)
    expect(() => readRegularFile('template', 'params.yml', path, { bytes: 1000, rule: '' })).toThrow(
      /hard links/
    )
  })

  it('a file with one link is read', () => {
    writeFileSync(join(workspace, 'own.yml'), 'Env: dev\n')
    expect(readParametersFile('own.yml', workspace).Env?.value).toBe('dev')
  })
})
