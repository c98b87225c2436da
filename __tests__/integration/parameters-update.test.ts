import { afterEach, beforeEach, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext } from '../support/context.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-params-'))
  writeFileSync(join(workspace, 't.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

const deployWith = async (parameters: string) => {
  const { ctx } = await testContext(
    emulator,
    { 'stack-name': 'app', template: 't.yml', parameters },
    workspace
  )
  return deploy(ctx, await readStackRequest(ctx))
}

it('`Key=` on an update sets an empty value; a key not given keeps its previous value', async () => {
  await deployWith('Auth=false\nEnv=staging')
  await deployWith('Auth=')
  const sent = emulator.calls('CreateChangeSet').at(-1)?.params.Parameters
  expect(sent).toEqual(
    expect.arrayContaining([
      { ParameterKey: 'Auth', ParameterValue: '' },
      { ParameterKey: 'Env', UsePreviousValue: 'true' }
    ])
  )
  expect(emulator.cloudformation.findStack('app')?.deployed?.parameters).toMatchObject({
    Auth: '',
    Env: 'staging'
  })
})
