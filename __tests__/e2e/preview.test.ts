import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { decodeToken } from '../../emulator/cfn/paging.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { eventually } from '../support/aws.js'
import { runAgainst } from '../support/e2e.js'
import { BASIC, manyResources } from '../support/templates.js'

let emulator: Emulator
let github: GitHubFake
beforeEach(async () => {
  emulator = await startEmulator()
  github = await startGitHubFake()
})
afterEach(async () => {
  await emulator.close()
  await github.close()
})

const PR = 7
/** The shortest pause between two polls of a change set being built: 1 s, at the e2e time scale of 0.01. */
const POLL_MIN_MS = 1_000 * 0.01
const files = { 'infra/metaflow.yml': BASIC }
const pullRequest = {
  name: 'pull_request',
  payload: { action: 'synchronize', number: PR, pull_request: { number: PR } }
}

function previewRun(inputs: Record<string, string> = {}, extraFiles: Record<string, string> = {}) {
  return runAgainst(emulator, {
    inputs: { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', environment: 'dev', ...inputs },
    files: { ...files, ...extraFiles },
    event: pullRequest,
    env: { GITHUB_API_URL: github.url }
  })
}

async function deployed(parameters = '') {
  const result = await runAgainst(emulator, {
    // Deployed as the previews run (same environment, so the same tags): a revert previews as no change.
    inputs: {
      'stack-name': 'metaflow-dev',
      template: 'infra/metaflow.yml',
      environment: 'dev',
      mode: 'deploy',
      parameters
    },
    files
  })
  expect(result.exitCode).toBe(0)
  return emulator.cloudformation.findStack('metaflow-dev')
}

/** Everything about the stack a preview must leave as it was. */
function snapshotOf(name: string) {
  const stack = emulator.cloudformation.findStack(name)
  return stack === undefined
    ? undefined
    : {
        status: stack.status,
        parameters: { ...stack.deployed?.parameters },
        resources: [...stack.resources.values()].map(r => `${r.logicalId}:${r.physicalId}`),
        events: stack.events.length
      }
}

const ourComments = () =>
  github.comments.filter(c =>
    c.body.startsWith(
      '<!-- metaflow-deploy preview: repository=acme/ml-infra; stack=metaflow-dev; environment=dev; region=us-east-1 -->'
    )
  )

describe('pull-request preview', () => {
  it('posts the change-set diff as a comment, changes nothing, and leaves no change set behind', async () => {
    await deployed()
    const before = snapshotOf('metaflow-dev')
    const result = await previewRun({ parameters: 'Env=prod\nAuth=false' })
    expect(result.exitCode).toBe(0)
    expect(snapshotOf('metaflow-dev')).toEqual(before)
    expect(emulator.cloudformation.changeSets.size).toBe(1) // only the executed deploy change set remains
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
    expect(result.outputs).toMatchObject({
      'has-changes': 'true',
      'changes-count': '2',
      'stack-status': 'CREATE_COMPLETE'
    })
    expect(JSON.parse(result.outputs['changes-summary'] ?? '')).toEqual({
      add: 0,
      modify: 1,
      replace: 0,
      remove: 1
    })
    const [comment] = ourComments()
    expect(comment?.body).toContain('### 📋 CloudFormation preview: `metaflow-dev` · `dev` · `us-east-1`')
    expect(comment?.body).toContain('**Merging deploys:** 0 to add, 1 to modify, 0 to replace, 1 to remove.')
    expect(comment?.body).toMatch(/`ApiKey` \(`AWS::ApiGateway::ApiKey`\) is \*\*removed\*\*/)
    expect(comment?.body).toContain('| `Env` | `dev` | `prod` |')
    expect(comment?.body).toContain('commit `4f2c0d9`')
    expect(result.outputs['comment-url']).toBe(comment?.html_url)
    expect(result.summary).toContain('### 📋 CloudFormation preview')
    expect(result.summary).not.toContain('<!-- metaflow-deploy preview')
  })

  it('updates the same comment on the next push, found past 150 other comments, and never duplicates it', async () => {
    await deployed()
    for (let i = 0; i < 150; i++) github.seed(PR, `comment ${i}`)
    github.seed(
      PR,
      'an impostor <!-- metaflow-deploy preview: stack=metaflow-dev; environment=dev; region=us-east-1 -->'
    )
    expect((await previewRun({ parameters: 'Env=prod' })).exitCode).toBe(0)
    expect(ourComments().filter(c => c.user.login === 'github-actions[bot]')).toHaveLength(1)
    const first = ourComments().find(c => c.user.login === 'github-actions[bot]')
    const second = await previewRun({ parameters: 'Env=staging' })
    expect(second.exitCode).toBe(0)
    const mine = ourComments().filter(c => c.user.login === 'github-actions[bot]')
    expect(mine).toHaveLength(1)
    expect(mine[0]?.id).toBe(first?.id)
    expect(mine[0]?.body).toContain('`staging`')
    expect(
      github.calls.filter(c => c.method === 'GET' && c.path.includes('/comments')).length
    ).toBeGreaterThanOrEqual(2)
    expect(github.calls.filter(c => c.method === 'PATCH')).toHaveLength(1)
  })

  it('does not re-send an identical body', async () => {
    await deployed()
    await previewRun({ parameters: 'Env=prod' })
    const writes = github.writes().length
    const again = await previewRun({ parameters: 'Env=prod' })
    expect(again.exitCode).toBe(0)
    expect(github.writes().length).toBe(writes)
  })

  it('replaces an older diff with a short no-changes comment when the change is reverted', async () => {
    await deployed()
    await previewRun({ parameters: 'Env=prod' })
    const result = await previewRun()
    expect(result.outputs['has-changes']).toBe('false')
    expect(ourComments()).toHaveLength(1)
    expect(ourComments()[0]?.body).toContain('✅ **No changes.**')
  })

  it('previews a stack that does not exist yet, and leaves the empty REVIEW_IN_PROGRESS stack for the first deploy (previews never delete stacks)', async () => {
    const result = await previewRun()
    expect(result.exitCode).toBe(0)
    expect(result.outputs['changes-count']).toBe('4')
    expect(ourComments()[0]?.body).toContain('The stack does not exist yet: merging creates it.')
    expect(emulator.cloudformation.findStack('metaflow-dev')?.status).toBe('REVIEW_IN_PROGRESS')
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual(['CreateChangeSet', 'DeleteChangeSet'])
  })

  it('on a fork’s read-only token, warns and still writes the summary and the outputs', async () => {
    await deployed()
    github.readOnly = true
    const result = await runAgainst(emulator, {
      inputs: {
        'stack-name': 'metaflow-dev',
        template: 'infra/metaflow.yml',
        environment: 'dev',
        parameters: 'Env=prod'
      },
      files,
      event: {
        name: 'pull_request',
        payload: {
          number: PR,
          pull_request: { number: PR, head: { repo: { full_name: 'someone/ml-infra' } } }
        }
      },
      env: { GITHUB_API_URL: github.url }
    })
    expect(result.exitCode).toBe(0)
    expect(result.warnings.map(w => w.message).join('\n')).toMatch(
      /Could not write the pull-request comment .*Pull requests from forks get a read-only token/
    )
    expect(result.summary).toContain('**Merging deploys:** 0 to add, 1 to modify')
    expect(result.outputs['has-changes']).toBe('true')
    expect(result.outputs['comment-url']).toBeUndefined()
  })

  it('reads every page of a change set at CloudFormation’s 500-resource limit, within 65,536 characters', async () => {
    // 500 resources is the most one template may hold (the emulator refuses more, as CloudFormation does);
    // shedding detail at larger sizes is the renderer's, tested in __tests__/unit.
    emulator.s3.createBucket('cfn-templates')
    const describes = () =>
      emulator.calls('DescribeChangeSet').filter(r => r.params.IncludePropertyValues === 'true')
    // The change set stays CREATE_IN_PROGRESS until the action has polled it three times, so the wait's cadence
    // is seen however loaded the machine is (how many polls fit in a build is the machine's, not the action's).
    const building = emulator.cloudformation.hold('changeSetBuild')
    const running = previewRun(
      { template: 'big.yml', 'template-bucket': 'cfn-templates' },
      { 'big.yml': manyResources(500) }
    )
    await building.reached
    await eventually(() => Promise.resolve(describes().length >= 3 ? true : undefined))
    building.release()
    const result = await running
    expect(result.exitCode).toBe(0)
    // The poll that finds the change set ready is its first page (never read again); the polls before it found
    // it building and kept the wait's cadence; each further page is read once, in order.
    const polls = describes().filter(r => r.params.NextToken === undefined)
    const pages = describes().filter(r => r.params.NextToken !== undefined)
    expect(polls.length).toBeGreaterThanOrEqual(4)
    expect(polls.at(-1)?.answeredStatus).toBe('CREATE_COMPLETE')
    for (const poll of polls.slice(0, -1))
      expect(poll.answeredStatus).toMatch(/^CREATE_(PENDING|IN_PROGRESS)$/)
    expect(describes().slice(polls.length)).toEqual(pages)
    expect(pages.map(r => decodeToken(r.params.NextToken as string))).toEqual([100, 200, 300, 400])
    // waitForChangeSet sleeps at least 1 s between polls (10 ms at the e2e time scale); a timer may fire 1 ms early.
    for (let i = 1; i < polls.length; i++)
      expect((polls[i]?.time ?? 0) - (polls[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(POLL_MIN_MS - 1)
    const body = ourComments()[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain('**Merging deploys:** 500 to add, 0 to modify, 0 to replace, 0 to remove.')
    expect(result.summary).toContain('`Bucket499`')
  })

  it('with comment: false and labels: false, writes only the summary', async () => {
    await deployed()
    const result = await previewRun({ comment: 'false', labels: 'false', parameters: 'Env=prod' })
    expect(result.exitCode).toBe(0)
    expect(github.calls).toEqual([])
    expect(result.summary).toContain('CloudFormation preview')
  })

  it('is what mode auto does on a pull_request event', async () => {
    await deployed()
    const result = await previewRun({ mode: 'auto', parameters: 'Env=prod' })
    expect(result.exitCode).toBe(0)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
    expect(ourComments()).toHaveLength(1)
  })
})
