import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { runAction } from '../../harness/runner.js'
import { BASIC } from '../support/templates.js'

// The bundled action on a fresh runner: no configure-aws-credentials step before it. The harness passes only
// the runner's own variables (no AWS_*), so the SDK finds neither a region nor credentials.
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const inputs = {
  'stack-name': 'metaflow-dev',
  environment: 'dev',
  mode: 'deploy',
  template: 'infra/metaflow.yml'
}
const files = { 'infra/metaflow.yml': BASIC }
// Instance metadata would be tried last and time out slowly on a machine that is not EC2.
const noImds = { AWS_EC2_METADATA_DISABLED: 'true', METAFLOW_DEPLOY_TIME_SCALE: '0.01' }

function expectHelp(message: string): void {
  expect(message).toContain('aws-actions/configure-aws-credentials@v5')
  expect(message).toContain('role-to-assume:')
  expect(message).toContain('aws-region:')
  expect(message).toContain('id-token: write')
  expect(message).toMatch(/https:\/\/github\.com\/acme\/metaflow-deploy#aws-credentials/)
}

describe('first run without AWS configured', () => {
  it('no region: says which step to add, with the OIDC permission and the README link', async () => {
    const result = await runAction({
      inputs,
      files,
      env: {
        ...noImds,
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'x',
        GITHUB_ACTION_REPOSITORY: 'acme/metaflow-deploy'
      }
    })
    expect(result.exitCode).toBe(1)
    const failure = result.errors.at(-1)?.message ?? ''
    expect(failure).toMatch(/^No AWS region is set \(the AWS SDK says: "Region is missing"\)/)
    expectHelp(failure)
    expect(emulator.requests).toEqual([])
  }, 60_000)

  it('no credentials: says which step to add, with the OIDC permission and the README link', async () => {
    const result = await runAction({
      inputs,
      files,
      env: {
        ...noImds,
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: emulator.url,
        GITHUB_ACTION_REPOSITORY: 'acme/metaflow-deploy'
      }
    })
    expect(result.exitCode).toBe(1)
    const failure = result.errors.at(-1)?.message ?? ''
    expect(failure).toMatch(
      /^No AWS credentials were found \(the AWS SDK says: "Could not load credentials from any providers"\)/
    )
    expectHelp(failure)
    expect(emulator.requests).toEqual([])
  }, 60_000)
})
