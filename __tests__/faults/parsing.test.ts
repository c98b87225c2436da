import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

/**
 * Hostile and unlucky inputs to the template and parameter readers, through the bundled action: files that are
 * not files, paths that leave the workspace, keys that would pollute a prototype, secrets that must not be
 * echoed, and a template large enough to expose a parser that is not linear. Each fails at once, naming the
 * input, before any call that changes anything.
 */
let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
})

describe('parsing faults, through the bundled action', () => {
  type Refusal = [string, Record<string, string>, (workspace: string) => void, RegExp]
  const refusals: Refusal[] = [
    [
      'a parameters-file that is a named pipe',
      { 'parameters-file': 'p.fifo' },
      ws => execFileSync('mkfifo', [join(ws, 'p.fifo')]),
      /^Input 'parameters-file': "p\.fifo" is a named pipe/
    ],
    [
      'a template that is a named pipe',
      { template: 't.fifo' },
      ws => execFileSync('mkfifo', [join(ws, 't.fifo')]),
      /^Input 'template': "t\.fifo" is a named pipe/
    ],
    [
      'a template outside the workspace',
      { template: '../../../etc/passwd' },
      () => undefined,
      /^Input 'template': .*outside the workspace/
    ],
    [
      'a parameters-file symlinked out of the workspace',
      { 'parameters-file': 'p.yml' },
      ws => symlinkSync('/etc/hostname', join(ws, 'p.yml')),
      /^Input 'parameters-file': "p\.yml" is a symlink to .*outside the workspace/
    ],
    [
      'a parameter named __proto__',
      { parameters: '__proto__: polluted' },
      () => undefined,
      /^Input 'parameters': unknown parameter "__proto__"/
    ],
    [
      'a Tags section in a parameters file',
      { 'parameters-file': 'p.json' },
      ws => writeFileSync(join(ws, 'p.json'), '{"Parameters": {"Env": "dev"}, "Tags": {"team": "ml"}}'),
      /^Input 'parameters-file': [\s\S]*tags: \|\n {4}team=ml/
    ],
    [
      'the file:// form in parameters',
      { parameters: 'file://params.json' },
      () => undefined,
      /^Input 'parameters': [\s\S]*parameters-file: params\.json/
    ]
  ]

  it.each(refusals)(
    'refuses %s at once, naming the input, with no change made',
    async (_, inputs, prepare, message) => {
      const workspace = mkdtempSync(join(tmpdir(), 'mfd-parse-ws-'))
      writeFileSync(join(workspace, 't.yml'), BASIC)
      prepare(workspace)
      const before = emulator.mutatingCalls().length
      const result = await runAgainst(emulator, {
        inputs: { 'stack-name': 'parse-refusals', template: 't.yml', mode: 'deploy', ...inputs },
        workspace,
        timeoutMs: 20_000
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors.at(-1)?.message).toMatch(message)
      expect(emulator.mutatingCalls().length).toBe(before)
    }
  )

  it('never prints a NoEcho value that fails its AllowedPattern, or a mistyped key’s value', async () => {
    const template = `${BASIC.replace('Default: change-me-please', "Default: change-me-please\n    AllowedPattern: '[a-z-]+'")}`
    for (const parameters of ['DbPassword=HUNTER2-NOECHO', 'DbPasword=HUNTER2-NOECHO']) {
      const result = await runAgainst(emulator, {
        inputs: { 'stack-name': 'parse-secrets', template: 't.yml', mode: 'deploy', parameters },
        files: { 't.yml': template }
      })
      expect(result.exitCode).toBe(1)
      expect(result.stdout + result.stderr + result.summary).not.toContain('HUNTER2')
    }
  })

  it('reads a template with 40,000 keys in seconds, not minutes', async () => {
    // Before the fix the yaml package compared each key with every earlier one: 25,000 keys took 6 s and
    // 50,000 took 53 s on this machine; 40,000 would take about half a minute.
    const lines = ['Mappings:', '  Big:']
    for (let i = 0; i < 40_000; i++) lines.push(`    k${i}: {v: ${i % 10}}`)
    const body = `${lines.join('\n')}\nResources:\n  Bucket: {Type: AWS::S3::Bucket}\n`
    expect(Buffer.byteLength(body)).toBeLessThan(1_000_000)
    const started = Date.now()
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'parse-keys', template: 'keys.yml', mode: 'deploy' },
      files: { 'keys.yml': body },
      timeoutMs: 60_000
    })
    expect(result.errors.at(-1)?.message).toMatch(
      /^Input 'template-bucket': is required: keys\.yml is \d+ bytes/
    )
    expect(Date.now() - started).toBeLessThan(30_000)
  }, 90_000)
})
