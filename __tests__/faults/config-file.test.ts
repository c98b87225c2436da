import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

// Through the bundled action: the Metaflow config file that holds the API key.
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-ws-config-'))
  mkdirSync(join(workspace, 'infra'))
  writeFileSync(join(workspace, 'infra', 'metaflow.yml'), BASIC)
  mkdirSync(join(workspace, 'metaflow'), { mode: 0o755 })
  chmodSync(join(workspace, 'metaflow'), 0o755)
})
afterEach(async () => {
  await emulator.close()
})

const run = () =>
  runAgainst(emulator, {
    inputs: {
      'stack-name': 'metaflow-dev',
      template: 'infra/metaflow.yml',
      environment: 'dev',
      'metaflow-config-file': 'metaflow/config_dev.json'
    },
    workspace
  })

describe('metaflow-config-file', () => {
  it('an existing 0644 file ends 0600 with the key, replaced rather than rewritten, in a folder whose mode is kept', async () => {
    const path = join(workspace, 'metaflow', 'config_dev.json')
    writeFileSync(path, '{}')
    chmodSync(path, 0o644)
    const before = statSync(path).ino
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(statSync(path).ino).not.toBe(before)
    const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
    expect(config.METAFLOW_SERVICE_AUTH_KEY).toBe(result.outputs['api-key'])
    expect(result.masks).toContain(config.METAFLOW_SERVICE_AUTH_KEY)
    expect(statSync(join(workspace, 'metaflow')).mode & 0o777).toBe(0o755)
  }, 60_000)

  it('a symbolic link at the path is refused, and the file it points to never gets the key', async () => {
    const target = join(workspace, 'somewhere-public.json')
    writeFileSync(target, 'untouched')
    symlinkSync(target, join(workspace, 'metaflow', 'config_dev.json'))
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(/^Input 'metaflow-config-file': .*is a symbolic link/)
    expect(readFileSync(target, 'utf8')).toBe('untouched')
  }, 60_000)
})
