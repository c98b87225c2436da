import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { checkParameters, readStackRequest } from '../../src/template/stack-request.js'
import { matchesDeployedStack } from '../../src/stack/unchanged.js'
import { describeStack } from '../../src/stack/state.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { testContext } from '../support/context.js'
import { BASIC } from '../support/templates.js'

/**
 * The no-change shortcut (unchanged.ts) skips the change set only when nothing a change set could see differs
 * (issues 24.13, 25). Each test deploys, then deploys again and counts the change sets built.
 */
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-shortcut-'))
  writeFileSync(join(workspace, 'stack.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

async function deployWith(inputs: Record<string, string> = {}) {
  const { ctx } = await testContext(
    emulator,
    { 'stack-name': 'app', template: 'stack.yml', environment: 'dev', ...inputs },
    workspace
  )
  return deploy(ctx, await readStackRequest(ctx))
}

const changeSets = (): number => emulator.calls('CreateChangeSet').length

describe('the no-change shortcut', () => {
  it('takes the same template, parameters and settings as unchanged, without a change set', async () => {
    await deployWith()
    await deployWith()
    expect(changeSets()).toBe(1)
  })

  it.each([
    ['tags', { tags: 'team=ml' }],
    ['role-arn', { 'role-arn': 'arn:aws:iam::123456789012:role/cfn-exec' }],
    ['notification-arns', { 'notification-arns': 'arn:aws:sns:us-east-1:123456789012:events' }]
  ])('builds a change set when only %s changes', async (_, changed) => {
    await deployWith()
    await deployWith(changed)
    expect(changeSets()).toBe(2)
  })

  it.each(['update', 'create'] as const)(
    'a retry with the same inputs after a failed %s (disable-rollback) builds a change set',
    async during => {
      if (during === 'update') await deployWith()
      emulator.failResource({ logicalId: 'Table', reason: 'bad key schema', during })
      await expect(
        deployWith({ 'disable-rollback': 'true', ...(during === 'update' ? { parameters: 'Env=prod' } : {}) })
      ).rejects.toThrow(/_FAILED/)
      emulator.clearFailures()
      const before = changeSets()
      const retried = await deployWith({
        'disable-rollback': 'true',
        ...(during === 'update' ? { parameters: 'Env=prod' } : {})
      })
      expect(changeSets()).toBe(before + 1)
      expect(retried.stack?.StackStatus).toBe('UPDATE_COMPLETE')
    }
  )

  it('never takes a template with nested stacks, even with the type written with a JSON escape', async () => {
    const { url } = emulator.putTemplate(
      'nested',
      'inner.json',
      '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}'
    )
    writeFileSync(
      join(workspace, 'stack.yml'),
      `{"Resources": {"Inner": {"Type": "AWS::CloudFormation::St\\u0061ck", "Properties": {"TemplateURL": "${url}"}}}}`
    )
    await deployWith()
    await deployWith()
    expect(changeSets()).toBe(2)
  })

  it('tests the Transform key, not the word: a resource named TransformFunction takes the shortcut', async () => {
    writeFileSync(
      join(workspace, 'stack.yml'),
      'Resources:\n  TransformFunction:\n    Type: AWS::SQS::Queue\n'
    )
    await deployWith()
    await deployWith()
    expect(changeSets()).toBe(1)
  })

  it.each([
    ['a registry module', 'Resources:\n  Network:\n    Type: Org::Network::Vpc::MODULE\n'],
    [
      'Fn::GetStackOutput',
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\nOutputs:\n  Peer:\n    Value:\n      Fn::GetStackOutput:\n        StackName: other\n        OutputName: Vpc\n'
    ],
    [
      'a top-level Transform',
      'Transform: AWS::LanguageExtensions\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n'
    ]
  ])('never takes a template with %s (AWS resolves it anew at every update)', async (_, body) => {
    await deployWith()
    // The stack as AWS would hold it after deploying that template: the same text, byte for byte.
    const stack = emulator.cloudformation.findStack('app')
    if (stack?.deployed === undefined) throw new Error('no stack')
    stack.deployed.body = body
    writeFileSync(join(workspace, 'stack.yml'), body)
    const { ctx } = await testContext(
      emulator,
      { 'stack-name': 'app', template: 'stack.yml', environment: 'dev' },
      workspace
    )
    const request = await readStackRequest(ctx)
    const deployed = await describeStack(ctx.clients.cloudformation, 'app')
    if (deployed === undefined) throw new Error('no stack')
    const resolved = checkParameters(ctx, request, { kind: 'stable', stack: { ...deployed, Parameters: [] } })
    expect(await matchesDeployedStack(ctx, request, resolved, { ...deployed, Parameters: [] })).toBe(false)
  })
})
