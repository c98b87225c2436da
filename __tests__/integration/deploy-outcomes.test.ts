import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NO_CHANGES_REASON } from '../../emulator/cfn/model.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { deploy } from '../../src/modes/deploy.js'
import { preview } from '../../src/modes/preview.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { testContext } from '../support/context.js'
import { leftoverChangeSets } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

// Outcomes of the deploy path that planted one-line bugs left green (issue 25): each test names the plant it
// turns red.
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-outcomes-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

async function contextWith(inputs: Record<string, string> = {}) {
  return testContext(
    emulator,
    { 'stack-name': 'app', template: 'stack.yml', environment: 'dev', ...inputs },
    workspace
  )
}

async function deployWith(inputs: Record<string, string> = {}) {
  const test = await contextWith(inputs)
  const result = await deploy(test.ctx, await readStackRequest(test.ctx))
  return { ...test, result }
}

const mutating = (): string[] => emulator.mutatingCalls().map(r => r.operation)

/**
 * AWS has two wordings for a change set with nothing in it; the emulator gives the first. This makes it give the
 * other, "No updates are to be performed." (the text UpdateStack, and some change sets, answer with).
 */
function wordNoChangesAsNoUpdates(): void {
  const engine = emulator.cloudformation
  const handle = engine.handle.bind(engine)
  engine.handle = (action, params, region) => {
    const answer = handle(action, params, region)
    if (action !== 'DescribeChangeSet') return answer
    const described = answer as { StatusReason?: string }
    return described.StatusReason === NO_CHANGES_REASON
      ? { ...described, StatusReason: 'No updates are to be performed.' }
      : answer
  }
}

describe('an empty change set worded "No updates are to be performed."', () => {
  // A NoEcho value given by the run is described as ****, so the no-change shortcut cannot decide: the second run
  // builds a change set, which comes back empty.
  const inputs = { parameters: 'DbPassword=the-same-secret' }

  it('deploy: no changes, not a failed change set; the empty change set is deleted and nothing executed', async () => {
    await deployWith(inputs)
    wordNoChangesAsNoUpdates()
    const { result, log } = await deployWith(inputs)
    expect(result.hasChanges).toBe(false)
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(log.text()).toMatch(/No changes: stack app already matches \(the change set holds no changes\)/)
    expect(mutating()).toEqual(['CreateChangeSet', 'ExecuteChangeSet', 'CreateChangeSet', 'DeleteChangeSet'])
    expect(leftoverChangeSets(emulator, 'app')).toEqual([])
  })

  it('preview: reports no changes instead of failing', async () => {
    await deployWith(inputs)
    wordNoChangesAsNoUpdates()
    const { ctx, log } = await contextWith(inputs)
    const result = await preview(ctx, await readStackRequest(ctx), false)
    expect(result.hasChanges).toBe(false)
    expect(log.text()).toContain('No changes: stack app already matches the template and parameters.')
    expect(leftoverChangeSets(emulator, 'app')).toEqual([])
  })
})
