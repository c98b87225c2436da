import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { outputsOf } from '../../src/publish/outputs.js'
import { deployedStack } from '../support/outcome.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext } from '../support/context.js'
import { leftoverChangeSets } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator({ seed: 2026 })
  workspace = mkdtempSync(join(tmpdir(), 'mfd-chaos-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

describe('under throttling and dropped connections', () => {
  it('50 consecutive deploys succeed with correct outputs and leave no change set behind', async () => {
    emulator.faults.set({ throttleRate: 0.3, dropRate: 0.05 })
    const environments = ['dev', 'staging', 'prod']
    for (let i = 0; i < 50; i++) {
      const env = environments[i % 3] as string
      const { ctx } = await testContext(
        emulator,
        { 'stack-name': 'chaos', template: 'stack.yml', parameters: `Env=${env}` },
        workspace
      )
      const result = await deploy(ctx, await readStackRequest(ctx))
      expect({ i, status: result.stack?.StackStatus }).toEqual({
        i,
        status: i === 0 ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE'
      })
      const stack = emulator.cloudformation.findStack('chaos')
      expect(stack?.deployed?.parameters.Env).toBe(env)
      const expected = Object.fromEntries((stack?.outputs ?? []).map(o => [o.OutputKey, o.OutputValue]))
      expect(outputsOf(deployedStack(result))).toEqual(expected)
      expect(outputsOf(deployedStack(result)).Joined).toBe(`${env}/us-east-1a`)
      expect(leftoverChangeSets(emulator, 'chaos')).toEqual([])
    }
    const faults = emulator.requests.filter(r => r.fault !== undefined)
    expect(faults.filter(r => r.fault === 'throttle').length).toBeGreaterThan(100)
    expect(faults.filter(r => r.fault === 'drop').length).toBeGreaterThan(10)
  }, 120_000)
})
