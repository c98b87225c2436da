import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { attachMetaflowService, type MetaflowServiceStandIn } from '../../harness/metaflow-service.js'
import { ROOT } from '../../harness/runner.js'
import { runAgainst } from '../support/e2e.js'

/**
 * What a run downloads: `uses: org/metaflow-deploy@v1` makes the runner fetch GitHub's tarball of the ref, which
 * `git archive` builds and which leaves out the paths .gitattributes marks export-ignore. The archive of this
 * commit (with this worktree's .gitattributes) must hold everything a run loads and nothing for development, and
 * the action must deploy, migrate and verify from it alone.
 */

const python = spawnSync('python3', ['--version']).status === 0
const openssl = spawnSync('openssl', ['version']).status === 0
const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).status === 0
if ((!python || !openssl || !git) && process.env.CI === 'true')
  throw new Error('python3, openssl and a git checkout are needed in CI for the download test.')

let shipped: string
let files: string[]
beforeAll(() => {
  shipped = mkdtempSync(join(tmpdir(), 'mfd-download-'))
  if (!git) return
  const archive = execFileSync('git', ['archive', '--worktree-attributes', 'HEAD'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024
  })
  execFileSync('tar', ['-x', '-C', shipped], { input: archive })
  files = execFileSync('tar', ['-t'], { input: archive }).toString().trim().split('\n')
})

const maybe = git ? describe : describe.skip

maybe('the archive a run downloads', () => {
  it('holds action.yml, dist/, templates/, README, LICENSE and CHANGELOG, and nothing for development', () => {
    const top = [...new Set(files.map(f => f.split('/')[0]))].sort()
    expect(top).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'action.yml', 'dist', 'templates'])
    expect(files).toEqual(expect.arrayContaining(['templates/metaflow.yml', 'templates/params/dev.yml']))
  })

  it('holds every chunk the bundle can load: each file dist/ names is in it', () => {
    const dist = join(shipped, 'dist')
    const code = readdirSync(dist).filter(f => f.endsWith('.js'))
    // ncc loads a chunk as <its require function>.e(<id>) (an /* import() */ comment before the id, unless
    // minified) and names its file `<id>.index.js`.
    const named = new Set(
      code.flatMap(f =>
        [
          ...readFileSync(join(dist, f), 'utf8').matchAll(
            /\b__\w+_require__\d*\.e\((?:\/\* import\(\) \*\/ )?(\d+)\)/g
          )
        ].map(m => `${m[1]}.index.js`)
      )
    )
    expect(named.size).toBeGreaterThan(5)
    for (const chunk of named) expect(existsSync(join(dist, chunk))).toBe(true)
    // The archive's dist/ is the committed one: every chunk the working tree's build has is in it too.
    expect(code.sort()).toEqual(
      readdirSync(join(ROOT, 'dist'))
        .filter(f => f.endsWith('.js'))
        .sort()
    )
  })
})

const withService = git && python && openssl ? describe : describe.skip

withService('a run from the archive alone', () => {
  let emulator: Emulator
  let service: MetaflowServiceStandIn
  beforeAll(async () => {
    emulator = await startEmulator()
    service = await attachMetaflowService(emulator)
  })
  afterAll(async () => {
    await emulator.close()
    await service.close()
  })

  it('deploys the bundled template, migrates and verifies the service', async () => {
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: '', environment: 'dev', 'timeout-minutes': '2' },
      script: join(shipped, 'dist', 'index.js'),
      timeoutMs: 120_000
    })
    expect(result.errors.map(e => e.message)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(result.outputs.migration).toBe('ran')
    expect(result.outputs['metaflow-service-version']).not.toBe('')
  })
})
