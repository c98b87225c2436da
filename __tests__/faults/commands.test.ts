import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import type { RunResult } from '../../harness/runner.js'
import { logText, runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

// Through the bundled action (ACTION_DIST): AWS text that tries to speak to the runner.
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

interface RunnerCommand {
  command: string
  data: string
  line: string
}

/**
 * What the runner would execute, read as actions/runner reads it (ActionCommand.TryParseV2, then TryParse): a
 * line (ended by \n, \r or \r\n) that starts with `::name` after TrimStart(), or holds the legacy `##[name` anywhere.
 */
function runnerCommands(result: RunResult): RunnerCommand[] {
  const commands: RunnerCommand[] = []
  for (const line of `${result.stdout}\n${result.stderr}`.split(/\r\n|\r|\n/)) {
    const modern = /^[\s\u0085]*::([A-Za-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (modern !== null) {
      commands.push({ command: modern[1] as string, data: modern[2] as string, line })
      continue
    }
    const legacy = /##\[([A-Za-z-]+)[^\]]*\](.*)$/.exec(line)
    if (legacy !== null) commands.push({ command: legacy[1] as string, data: legacy[2] as string, line })
  }
  return commands
}

const INJECTION = [
  'Bucket policy rejected',
  '::add-mask::x',
  '::stop-commands::tok',
  '  ::warning::x',
  'and ##[set-output name=api-key;]stolen'
]

const NOTE_TEMPLATE = `
Parameters:
  Note:
    Type: String
Resources:
  Datastore:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: note, Value: !Ref Note}]
Outputs:
  Note:
    Value: !Ref Note
`

function expectNoInjectedCommand(result: RunResult): void {
  const commands = runnerCommands(result)
  expect(commands.filter(c => c.command === 'stop-commands')).toEqual([])
  expect(commands.filter(c => c.command === 'set-output')).toEqual([])
  expect(commands.filter(c => c.command === 'add-mask' && c.data === 'x')).toEqual([])
  expect(commands.filter(c => c.command === 'warning' && c.data === 'x')).toEqual([])
}

describe('AWS text never reaches the runner as a workflow command', () => {
  // Today no log line prints these values (they go to step outputs, the summary and the comment); this guards the
  // day one does.
  it('parameter, property and output values with commands are inert, in deploy and preview alike', async () => {
    const files = {
      'infra/note.yml': NOTE_TEMPLATE,
      'infra/dev.json': JSON.stringify({ Note: INJECTION.join('\n') })
    }
    const inputs = { 'stack-name': 'notes', template: 'infra/note.yml', 'parameters-file': 'infra/dev.json' }
    const deployed = await runAgainst(emulator, { inputs, files })
    expect(deployed.exitCode).toBe(0)
    expect(deployed.outputs.Note).toBe(INJECTION.join('\n'))
    expectNoInjectedCommand(deployed)
    const changed = JSON.stringify({ Note: INJECTION.join('\r') })
    const previewed = await runAgainst(emulator, {
      inputs: { ...inputs, mode: 'preview', comment: 'false' },
      files: { ...files, 'infra/dev.json': changed }
    })
    expect(previewed.exitCode).toBe(0)
    expectNoInjectedCommand(previewed)
  }, 60_000)

  it('event and status reasons with ::add-mask::, ::stop-commands::, ::warning:: and ##[ are inert', async () => {
    emulator.failResource({ logicalId: 'Datastore', reason: INJECTION.join('\n') })
    emulator.failResource({ logicalId: 'Table', reason: INJECTION.join('\r') })
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', environment: 'dev' },
      files: { 'infra/metaflow.yml': BASIC }
    })
    expect(result.exitCode).toBe(1)
    // The reasons were printed (the run is not quiet about the failure) ...
    const text = logText(result).replace(/\u200b/g, '')
    expect(text).toContain('Bucket policy rejected')
    expect(text).toContain('::stop-commands::tok')
    // ... yet the runner would execute none of them.
    const commands = runnerCommands(result)
    expect(commands.filter(c => c.command === 'stop-commands')).toEqual([])
    expect(commands.filter(c => c.command === 'set-output')).toEqual([])
    expect(commands.filter(c => c.command === 'add-mask' && c.data === 'x')).toEqual([])
    expect(commands.filter(c => c.command === 'warning' && c.data === 'x')).toEqual([])
    // Every command is one the action meant: @actions/core's annotations, groups, masks and debug lines.
    expect(
      [...new Set(commands.map(c => c.command))].every(c =>
        ['error', 'warning', 'group', 'endgroup', 'add-mask', 'debug', 'notice'].includes(c)
      )
    ).toBe(true)
  }, 60_000)
})
