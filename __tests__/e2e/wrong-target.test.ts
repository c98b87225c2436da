import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAgainst } from '../support/e2e.js'

/** Runs aimed at the wrong target are refused before any AWS call that changes anything, naming what to fix. */

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const QUEUE = 'Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: 0\n'
const NAMED_ROLE =
  'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: metaflow-batch\n      AssumeRolePolicyDocument: {}\n'

const run = (inputs: Record<string, string>, body = QUEUE) =>
  runAgainst(emulator, {
    inputs: { 'stack-name': 'metaflow-dev', template: 'stack.yml', mode: 'deploy', ...inputs },
    files: { 'stack.yml': body }
  })

const errorsOf = (result: { errors: { message: string }[] }): string =>
  result.errors.map(e => e.message).join('\n')

describe('a run aimed at the wrong target', () => {
  it('refuses environment prod on a stack tagged for dev, naming both, before any change', async () => {
    expect((await run({ environment: 'dev' })).exitCode).toBe(0)
    const before = emulator.mutatingCalls().length
    for (const mode of ['deploy', 'preview', 'plan']) {
      const result = await run({ environment: 'prod', mode })
      expect(result.exitCode).not.toBe(0)
      expect(errorsOf(result)).toContain(
        'Input \'environment\': is "prod", but stack metaflow-dev is tagged metaflow-deploy:environment=dev'
      )
    }
    expect(emulator.mutatingCalls()).toHaveLength(before)
  })

  it('lets the tags input move the stack to another environment on purpose', async () => {
    expect((await run({ environment: 'dev' })).exitCode).toBe(0)
    const result = await run({ environment: 'prod', tags: 'metaflow-deploy:environment=prod' })
    expect(result.exitCode).toBe(0)
  })

  it('refuses a stack name too long for the bundled template, as an error before any change', async () => {
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': `metaflow-${'x'.repeat(50)}`, mode: 'preview' }
    })
    expect(result.exitCode).not.toBe(0)
    expect(errorsOf(result)).toMatch(/^Input 'stack-name': .* has 59 characters; .*53 characters or fewer/)
    expect(emulator.mutatingCalls()).toEqual([])
  })

  it('refuses a template whose IAM resources need a capability not given, naming the value to set', async () => {
    const result = await run({}, NAMED_ROLE)
    expect(result.exitCode).not.toBe(0)
    expect(errorsOf(result)).toContain(
      'which needs CAPABILITY_NAMED_IAM; capabilities is "CAPABILITY_IAM". Set capabilities: CAPABILITY_NAMED_IAM.'
    )
    expect(emulator.mutatingCalls()).toEqual([])
    expect((await run({ capabilities: 'CAPABILITY_NAMED_IAM' }, NAMED_ROLE)).exitCode).toBe(0)
  })
})

describe('the run log and annotations', () => {
  it('sizes the plan log’s type column to the longest resource type in the run', async () => {
    const result = await run({ mode: 'preview' })
    expect(result.exitCode).toBe(0)
    expect(result.lines).toContain('+ AWS::SQS::Queue Jobs')
  })

  it('annotates a parameters-file error with the file and the line', async () => {
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'stack.yml', 'parameters-file': 'deploy/dev.yml' },
      files: { 'stack.yml': QUEUE, 'deploy/dev.yml': 'Env: dev\nOther: [unclosed\n' }
    })
    expect(result.exitCode).not.toBe(0)
    const [error] = result.errors
    expect(error?.message).toMatch(/^Input 'parameters-file': .* at line \d+, column \d+/)
    expect(error?.properties).toMatchObject({ file: 'deploy/dev.yml', line: expect.stringMatching(/^[23]$/) })
  })
})
