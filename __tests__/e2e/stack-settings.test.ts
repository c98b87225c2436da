import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const files = { 'infra/metaflow.yml': BASIC }
const run = (extra: Record<string, string> = {}, event?: { name: string; payload: unknown }) =>
  runAgainst(emulator, {
    inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', environment: 'dev', ...extra },
    files,
    ...(event === undefined ? {} : { event })
  })
const stack = () => {
  const found = emulator.cloudformation.findStack('metaflow-dev')
  if (found === undefined) throw new Error('no stack metaflow-dev')
  return found
}
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops'

describe('settings people made outside the action stay theirs', () => {
  it('an unset termination-protection leaves protection on through a deploy with changes', async () => {
    expect((await run()).exitCode).toBe(0)
    stack().terminationProtection = true
    const result = await run({ parameters: 'Env=staging' })
    expect(result.exitCode).toBe(0)
    expect(stack().terminationProtection).toBe(true)
    expect(emulator.calls('UpdateTerminationProtection')).toHaveLength(0)
  })

  it('termination-protection: false turns it off; true turns it on even when nothing changed', async () => {
    expect((await run()).exitCode).toBe(0)
    stack().terminationProtection = true
    expect((await run({ 'termination-protection': 'false', parameters: 'Env=staging' })).exitCode).toBe(0)
    expect(stack().terminationProtection).toBe(false)
    const unchanged = await run({ 'termination-protection': 'true', parameters: 'Env=staging' })
    expect(unchanged.exitCode).toBe(0)
    expect(unchanged.outputs['has-changes']).toBe('false')
    expect(stack().terminationProtection).toBe(true)
  })

  it('unset notification-arns and tags are never sent as empty lists; the stack keeps its topics and tags', async () => {
    expect((await run({ 'notification-arns': TOPIC, tags: 'team=ml' })).exitCode).toBe(0)
    expect(stack().notificationArns).toEqual([TOPIC])
    const result = await run({ parameters: 'Env=staging' })
    expect(result.exitCode).toBe(0)
    const sent = emulator.calls('CreateChangeSet').at(-1)?.params ?? {}
    expect('NotificationARNs' in sent).toBe(false)
    expect(stack().notificationArns).toEqual([TOPIC])
    expect(stack().tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'ml' },
        { Key: 'metaflow-deploy:environment', Value: 'dev' }
      ])
    )
  })
})

describe('mode auto', () => {
  it('refuses an event it cannot classify, naming it, with no AWS call at all', async () => {
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml' },
      files,
      event: { name: 'issue_comment', payload: {} }
    })
    expect(result.exitCode).not.toBe(0)
    expect(result.errors[0]?.message).toMatch(/"issue_comment"/)
    expect(emulator.requests).toHaveLength(0)
  })
})

describe('pull_request_target', () => {
  it('previews, and warns that the job must not check out the pull request with secrets', async () => {
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', comment: 'false' },
      files,
      event: { name: 'pull_request_target', payload: { pull_request: { number: 7 } } }
    })
    expect(result.exitCode).toBe(0)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(0)
    expect(result.warnings.map(w => w.message).join('\n')).toMatch(
      /pull_request_target.*must not check out the pull request's head/s
    )
  })
})

describe('nothing to change', () => {
  it('a rerun with the deployed template and parameters builds no change set and publishes the outputs', async () => {
    expect((await run({ parameters: 'Env=staging' })).exitCode).toBe(0)
    const creates = emulator.calls('CreateChangeSet').length
    const result = await run({ parameters: 'Env=staging' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['has-changes']).toBe('false')
    expect(result.outputs['change-set-id']).toBe('')
    expect(result.outputs.DDBTableName).toMatch(/^metaflow-dev-Table-/)
    expect(emulator.calls('CreateChangeSet')).toHaveLength(creates)
    expect(emulator.calls('GetTemplate')).toHaveLength(1)
  })

  it('an output-only change previews and deploys alike: has-changes true, and the update runs', async () => {
    expect((await run()).exitCode).toBe(0)
    const withOutput = `${BASIC}  Extra:\n    Value: an-added-output\n`
    const changed = { 'infra/metaflow.yml': withOutput }
    const previewed = await runAgainst(emulator, {
      inputs: {
        'stack-name': 'metaflow-dev',
        template: 'infra/metaflow.yml',
        environment: 'dev',
        mode: 'preview'
      },
      files: changed
    })
    expect(previewed.exitCode).toBe(0)
    expect(previewed.outputs['has-changes']).toBe('true')
    expect(previewed.outputs['changes-count']).toBe('0')
    const deployed = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', environment: 'dev' },
      files: changed
    })
    expect(deployed.exitCode).toBe(0)
    expect(deployed.outputs['has-changes']).toBe('true')
    expect(deployed.outputs.Extra).toBe('an-added-output')
  })
})
