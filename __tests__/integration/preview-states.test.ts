import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { countOutcome } from '../../src/run/outcome.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { deploy } from '../../src/modes/deploy.js'
import { preview } from '../../src/modes/preview.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { eventually } from '../support/aws.js'
import { testContext } from '../support/context.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-preview-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

async function previewOf(stackName: string) {
  const { ctx } = await testContext(
    emulator,
    { 'stack-name': stackName, template: 'stack.yml', mode: 'preview' },
    workspace
  )
  return preview(ctx, await readStackRequest(ctx), false)
}

describe('preview, by stack state', () => {
  it('ROLLBACK_COMPLETE: shows the create the deploy would do, through a stand-in stack it keeps empty and reuses, and leaves the failed stack alone', async () => {
    const failed = emulator.cloudformation.setStackStatus('app', 'ROLLBACK_COMPLETE')
    const result = await previewOf('app')
    expect(result.operation).toBe('recreate')
    expect(countOutcome(result).add).toBe(4)
    const created = emulator.calls('CreateChangeSet')[0]?.params
    expect(created).toMatchObject({ ChangeSetType: 'CREATE', StackName: 'app-preview-stand-in' })
    expect(emulator.cloudformation.findStack('app-preview-stand-in')?.status).toBe('REVIEW_IN_PROGRESS')
    // A second preview plans on the same stand-in; no preview deletes a stack.
    expect(countOutcome(await previewOf('app')).add).toBe(4)
    expect(emulator.calls('CreateChangeSet')[1]?.params.StackName).toBe('app-preview-stand-in')
    expect(emulator.calls('DeleteStack')).toEqual([])
    expect(emulator.cloudformation.findStack('app')).toBe(failed)
    expect(failed.status).toBe('ROLLBACK_COMPLETE')
  })

  it('an empty REVIEW_IN_PROGRESS stack that was there before: previews on it, and leaves it as it was', async () => {
    const empty = emulator.cloudformation.setStackStatus('app', 'REVIEW_IN_PROGRESS')
    const result = await previewOf('app')
    expect(result.operation).toBe('create')
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual(['CreateChangeSet', 'DeleteChangeSet'])
    expect(emulator.cloudformation.findStack('app')).toBe(empty)
    expect(empty.status).toBe('REVIEW_IN_PROGRESS')
  })

  it('a stack that needs a person: the preview fails with the recovery step and creates nothing', async () => {
    emulator.cloudformation.setStackStatus('app', 'UPDATE_ROLLBACK_FAILED')
    await expect(previewOf('app')).rejects.toThrow(
      /no deploy can run until a person fixes it\. .*continue-update-rollback --stack-name app/
    )
    expect(emulator.mutatingCalls()).toEqual([])
  })

  it('UPDATE_FAILED after disable-rollback: previews the UPDATE the next deploy makes (fix forward)', async () => {
    const { ctx } = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
    await deploy(ctx, await readStackRequest(ctx))
    emulator.failResource({ logicalId: 'Table', reason: 'bad key schema', during: 'update' })
    const failing = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'stack.yml', 'disable-rollback': 'true', parameters: 'Env=prod' },
      workspace
    )
    await expect(deploy(failing.ctx, await readStackRequest(failing.ctx))).rejects.toThrow(/UPDATE_FAILED/)
    emulator.clearFailures()
    const result = await previewOf('app')
    expect(result.operation).toBe('update')
    expect(emulator.calls('CreateChangeSet').at(-1)?.params.ChangeSetType).toBe('UPDATE')
  })

  it('a REVIEW_IN_PROGRESS stack with another run’s change set pending: the preview waits for that run, then previews an update', async () => {
    emulator.cloudformation.timing.changeSetMs = 150
    const { ctx } = await testContext(emulator, { 'stack-name': 'app', template: 'stack.yml' }, workspace)
    const firstDeploy = deploy(ctx, await readStackRequest(ctx))
    await eventually(() =>
      Promise.resolve(
        emulator.cloudformation.findStack('app')?.status === 'REVIEW_IN_PROGRESS' ? true : undefined
      )
    )
    const result = await previewOf('app')
    await firstDeploy
    // It previewed against the created stack (an update, here with nothing to change), never a second create.
    expect(result.operation).toBe('update')
    expect(emulator.calls('CreateChangeSet').filter(r => r.params.ChangeSetType === 'CREATE')).toHaveLength(1)
    expect(emulator.mutatingCalls().map(r => r.operation)).not.toContain('DeleteStack')
  })
})
