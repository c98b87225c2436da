import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { actionInputs } from '../../harness/runner.js'
import { createClients } from '../../src/aws/clients.js'
import { runMode } from '../../src/orchestrate.js'
import { parseSettings } from '../../src/settings/settings.js'
import { describeStack } from '../../src/stack/state.js'

// The whole run in process (orchestrate.ts, as main.ts starts it) against the emulator and the GitHub fake: what
// the job summary, the pull-request comment and the log hold, and that a GitHub failure never fails a preview.
const SECRET = 'hunter2-but-longer'
const ECHOED = 'Hunter2ButLonger'
const TEMPLATE = `
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
Resources:
  Datastore:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: password, Value: !Ref DbPassword}]
Outputs:
  # CloudFormation does not mask an output that echoes a NoEcho parameter: the deploy's summary must.
  Echo:
    Value: !Ref DbPassword
`
let emulator: Emulator
let github: GitHubFake
let dir: string
let written: string[]
const saved = { ...process.env }
const PR = 7

beforeAll(async () => {
  github = await startGitHubFake()
  process.env.GITHUB_API_URL = github.url
})
afterAll(async () => {
  await github.close()
})
beforeEach(async () => {
  emulator = await startEmulator()
  github.reset()
  dir = mkdtempSync(join(tmpdir(), 'mfd-orch-'))
  writeFileSync(join(dir, 'stack.yml'), TEMPLATE)
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: PR } }))
  writeFileSync(join(dir, 'summary.md'), '')
  writeFileSync(join(dir, 'output'), '')
  Object.assign(process.env, emulator.env(), {
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/ml-infra',
    GITHUB_SHA: '4f2c0d9e1b7a3c5d6e8f9a0b1c2d3e4f5a6b7c8d'
  })
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})
afterEach(async () => {
  jest.restoreAllMocks()
  process.exitCode = 0
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved, { GITHUB_API_URL: github.url })
  await emulator.close()
})

async function run(
  inputs: Record<string, string>
): Promise<{ summary: string; log: string; failed: boolean }> {
  const all: Record<string, string> = {
    'stack-name': 'metaflow-dev',
    template: 'stack.yml',
    environment: 'dev',
    'github-token': 'ghs_test',
    ...inputs
  }
  const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
  const settings = await parseSettings(name => (all[name] ?? defaults[name] ?? '').trim(), {
    eventName: 'pull_request'
  })
  const clients = createClients({ timeScale: 0.01 })
  const firstLook = describeStack(clients.cloudformation, settings.stackName)
  firstLook.catch(() => undefined)
  process.exitCode = 0
  await runMode({ settings, clients, firstLook, scale: 0.01 }, process.env)
  const failed = process.exitCode === 1
  process.exitCode = 0
  return { summary: readFileSync(join(dir, 'summary.md'), 'utf8'), log: written.join(''), failed }
}

const ours = () =>
  github.comments.filter(c => c.body.startsWith('<!-- metaflow-deploy preview: repository=acme/ml-infra;'))

describe('a preview, through the orchestration', () => {
  it('redacts a NoEcho value from the summary and the comment', async () => {
    const deployed = await run({ mode: 'deploy', parameters: 'DbPassword=first-secret-value' })
    expect(deployed.failed).toBe(false)
    expect(deployed.summary).toContain('Echo')
    expect(deployed.summary).not.toContain('first-secret-value')
    const { summary, failed } = await run({ mode: 'preview', parameters: `DbPassword=${SECRET}` })
    expect(failed).toBe(false)
    expect(summary).toContain('CloudFormation')
    expect(ours()).toHaveLength(1)
    for (const text of [summary, ours()[0]?.body ?? '']) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain('first-secret-value')
    }
  })

  it('a GitHub that answers 502 leaves the preview green, in the summary, with a warning naming the call', async () => {
    github.failNext('GET', 502)
    const { summary, log, failed } = await run({ mode: 'preview', parameters: `DbPassword=${SECRET}` })
    expect(failed).toBe(false)
    expect(summary).toContain('CloudFormation')
    expect(log).toMatch(
      /::warning::Could not write the pull-request comment: GitHub answered 502 to listing the pull request's comments/
    )
  })

  it('a failed preview replaces the comment with the failure, redacted', async () => {
    github.seed(
      PR,
      '<!-- metaflow-deploy preview: repository=acme/ml-infra; stack=metaflow-dev; environment=dev; region=us-east-1 -->\nold green preview',
      { login: 'github-actions[bot]', type: 'Bot' }
    )
    writeFileSync(
      join(dir, 'stack.yml'),
      // The reason names the missing resource, which is spelled like the secret: AWS text echoing a value.
      TEMPLATE.replace(
        'Outputs:',
        `  Broken:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref ${ECHOED}\nOutputs:`
      )
    )
    const { summary, failed, log } = await run({ mode: 'preview', parameters: `DbPassword=${ECHOED}` })
    expect(failed).toBe(true)
    expect(log).toContain('Unresolved resource dependencies')
    expect(summary).not.toContain(ECHOED)
    expect(ours()[0]?.body).not.toContain(ECHOED)
    expect(summary).toContain('CloudFormation preview failed')
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.body).toContain('CloudFormation preview failed')
    expect(ours()[0]?.body).not.toContain('old green preview')
  })
})
