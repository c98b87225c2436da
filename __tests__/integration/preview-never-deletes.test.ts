import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readStackRequest } from '../../src/template/stack-request.js'
import { deploy } from '../../src/modes/deploy.js'
import { preview } from '../../src/modes/preview.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { eventually } from '../support/aws.js'
import { testContext } from '../support/context.js'
import { BASIC } from '../support/templates.js'

/**
 * Previews and plans never delete a stack (issue 23.1-2): the empty REVIEW_IN_PROGRESS stack a preview of a new
 * stack leaves stays, costs nothing, and the first deploy takes it over.
 */
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-never-deletes-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

async function run(mode: 'preview' | 'deploy', extra: Record<string, string> = {}) {
  const { ctx } = await testContext(
    emulator,
    { 'stack-name': 'metaflow-dev', template: 'stack.yml', mode, ...extra },
    workspace
  )
  const request = await readStackRequest(ctx)
  return mode === 'deploy' ? deploy(ctx, request) : preview(ctx, request, false)
}

describe('a preview of a new stack', () => {
  it('leaves the empty REVIEW_IN_PROGRESS stack, deletes only its change set, and the first deploy takes the stack over', async () => {
    await run('preview')
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual(['CreateChangeSet', 'DeleteChangeSet'])
    const empty = emulator.cloudformation.findStack('metaflow-dev')
    expect(empty?.status).toBe('REVIEW_IN_PROGRESS')
    // Another preview plans on the same empty stack, and says the merge creates it.
    expect((await run('preview')).operation).toBe('create')
    expect(emulator.calls('DeleteStack')).toEqual([])
    const deployed = await run('deploy')
    expect(deployed.operation).toBe('create')
    expect(deployed.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(deployed.stack?.StackId).toBe(empty?.stackId)
    expect(emulator.calls('DeleteStack')).toEqual([])
  })

  it('a failed preview change set leaves the stack too', async () => {
    writeFileSync(
      join(workspace, 'stack.yml'),
      'Resources:\n  Taken:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: taken\n'
    )
    emulator.resourceExists({ type: 'AWS::S3::Bucket', identifier: 'taken' })
    await expect(run('preview')).rejects.toThrow(/failed/)
    expect(emulator.calls('DeleteStack')).toEqual([])
    expect(emulator.calls('DeleteChangeSet')).toHaveLength(1)
  })

  it('a preview cancelled while its change set is being built leaves the stack too', async () => {
    emulator.cloudformation.timing.changeSetMs = 60_000
    const { ctx, cancel } = await testContext(
      emulator,
      { 'stack-name': 'metaflow-dev', template: 'stack.yml', mode: 'preview' },
      workspace
    )
    const running = preview(ctx, await readStackRequest(ctx), false)
    await eventually(() => Promise.resolve(emulator.calls('DescribeChangeSet').length > 0 ? true : undefined))
    cancel.abort()
    await expect(running).rejects.toThrow()
    expect(emulator.calls('DeleteStack')).toEqual([])
  })
})
