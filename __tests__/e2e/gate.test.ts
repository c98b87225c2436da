import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { leftoverChangeSets, runAgainst } from '../support/e2e.js'

/**
 * A preview that can block the merge (fail-on-data-loss), the data-loss and changes-markdown outputs, a refused
 * deploy's summary, the pull request's state label and the permission hint, through the bundle.
 */

let emulator: Emulator
let github: GitHubFake
beforeAll(async () => {
  github = await startGitHubFake()
})
afterAll(async () => {
  await github.close()
})
beforeEach(async () => {
  emulator = await startEmulator()
  github.reset()
})
afterEach(async () => {
  await emulator.close()
})

const PR = 12
const MARKER =
  '<!-- metaflow-deploy preview: repository=acme/ml-infra; stack=metaflow-dev; environment=dev; region=us-east-1 -->'

/** A datastore bucket and a queue; changing `bucketName` replaces the bucket, `queueDelay` modifies the queue. */
function template(bucketName: string, queueDelay = 0): string {
  return [
    'Resources:',
    '  Datastore:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    `      BucketName: ${bucketName}`,
    '  Jobs:',
    '    Type: AWS::SQS::Queue',
    '    Properties:',
    `      DelaySeconds: ${queueDelay}`
  ].join('\n')
}

function pullRequest(headRepo = 'acme/ml-infra') {
  return {
    name: 'pull_request',
    payload: { number: PR, pull_request: { number: PR, head: { repo: { full_name: headRepo } } } }
  }
}

function run(body: string, inputs: Record<string, string> = {}, headRepo?: string) {
  const mode = inputs.mode ?? 'preview'
  return runAgainst(emulator, {
    inputs: { 'stack-name': 'metaflow-dev', template: 'stack.yml', environment: 'dev', ...inputs },
    files: { 'stack.yml': body },
    ...(mode === 'deploy' || mode === 'execute' ? {} : { event: pullRequest(headRepo) }),
    env: { GITHUB_API_URL: github.url }
  })
}

const deploy = async (body: string): Promise<void> => {
  expect((await run(body, { mode: 'deploy' })).exitCode).toBe(0)
}

const ourComment = () => github.comments.find(c => c.body.includes(MARKER))

describe('fail-on-data-loss', () => {
  it('fails a preview that a deploy would refuse, after the comment, the summary and the outputs are written', async () => {
    await deploy(template('metaflow-data-1'))
    const result = await run(template('metaflow-data-2'))
    expect(result.exitCode).not.toBe(0)
    const error = result.errors.map(e => e.message).join('\n')
    expect(error).toMatch(/^fail-on-data-loss: .*Datastore \(AWS::S3::Bucket\)/)
    expect(error).toContain('allow-data-loss: Datastore')
    // The comment is the preview itself, not a "preview failed" comment.
    const body = ourComment()?.body ?? ''
    expect(body).toContain('### 📋 CloudFormation preview')
    expect(body).toContain('> [!CAUTION]')
    expect(body).toContain('This check fails until then (`fail-on-data-loss`).')
    expect(body).not.toContain('preview failed')
    expect(result.summary).toContain('### 📋 CloudFormation preview')
    expect(result.outputs['comment-url']).toBe(ourComment()?.html_url)
    expect(JSON.parse(result.outputs['data-loss'] ?? '')).toEqual([
      { path: 'Datastore', type: 'AWS::S3::Bucket', action: 'Replace' }
    ])
    expect(result.outputs['has-changes']).toBe('true')
    expect(github.labelsOn(PR)).toEqual(['metaflow:dev:data-loss'])
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
  })

  it('only reports with fail-on-data-loss: false, and passes once allow-data-loss accepts the loss', async () => {
    await deploy(template('metaflow-data-1'))
    const reported = await run(template('metaflow-data-2'), { 'fail-on-data-loss': 'false' })
    expect(reported.exitCode).toBe(0)
    expect(JSON.parse(reported.outputs['data-loss'] ?? '')).toHaveLength(1)
    expect(ourComment()?.body).not.toContain('This check fails')
    const allowed = await run(template('metaflow-data-2'), { 'allow-data-loss': 'Datastore' })
    expect(allowed.exitCode).toBe(0)
    expect(allowed.outputs['data-loss']).toBe('[]')
  })

  it('fails a plan too, whose summary says the change set was kept and that execute refuses it', async () => {
    await deploy(template('metaflow-data-1'))
    const result = await run(template('metaflow-data-2'), { mode: 'plan' })
    expect(result.exitCode).not.toBe(0)
    const id = result.outputs['change-set-id'] ?? ''
    expect(id).toMatch(/^arn:aws:cloudformation:/)
    expect(result.summary).toContain('### 📋 CloudFormation plan')
    expect(result.summary).toContain(`The change set was **kept** as \`${id}\``)
    expect(result.summary).toContain('Executing this change set is **refused**')
    expect(result.summary).not.toMatch(/change set was deleted/)
    expect(result.errors.map(e => e.message).join('\n')).toMatch(/execute refuses/)
  })

  it('gives a refused deploy a job summary and the data-loss output; nothing runs', async () => {
    await deploy(template('metaflow-data-1'))
    const result = await run(template('metaflow-data-2'), { mode: 'deploy' })
    expect(result.exitCode).not.toBe(0)
    expect(result.summary).toContain('### ⛔ CloudFormation deploy refused: `metaflow-dev`')
    expect(result.summary).toContain('| `Datastore` | `AWS::S3::Bucket` | Replace |')
    expect(JSON.parse(result.outputs['data-loss'] ?? '')).toEqual([
      { path: 'Datastore', type: 'AWS::S3::Bucket', action: 'Replace' }
    ])
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
  })
})

describe('outputs of every change-set mode', () => {
  it('sets data-loss to [] and changes-markdown to the comment as written, without its marker', async () => {
    await deploy(template('metaflow-data-1'))
    const result = await run(template('metaflow-data-1', 5))
    expect(result.exitCode).toBe(0)
    expect(result.outputs['data-loss']).toBe('[]')
    const markdown = result.outputs['changes-markdown'] ?? ''
    expect(markdown).toContain('**Merging deploys:** 0 to add, 1 to modify, 0 to replace, 0 to remove.')
    expect(`${MARKER}\n\n${markdown}`).toBe(ourComment()?.body)
  })

  it('sets them on a deploy, in the deploy’s words', async () => {
    await deploy(template('metaflow-data-1'))
    const result = await run(template('metaflow-data-1', 5), { mode: 'deploy' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['data-loss']).toBe('[]')
    expect(result.outputs['changes-markdown']).toContain(
      '**Applied:** 0 added, 1 modified, 0 replaced, 0 removed.'
    )
  })
})

describe('the pull request’s state label', () => {
  it('replaces the previous state’s label, leaving other labels and environments alone', async () => {
    await deploy(template('metaflow-data-1'))
    github.labels.set(PR, ['bug', 'metaflow:prod:changes'])
    expect((await run(template('metaflow-data-1', 5))).exitCode).toBe(0)
    expect(github.labelsOn(PR)).toEqual(['bug', 'metaflow:prod:changes', 'metaflow:dev:changes'])
    expect((await run(template('metaflow-data-1'))).exitCode).toBe(0)
    expect(github.labelsOn(PR)).toEqual(['bug', 'metaflow:prod:changes', 'metaflow:dev:no-changes'])
  })

  it('is metaflow:<state> without an environment, and not set with labels: false', async () => {
    const first = await runAgainst(emulator, {
      inputs: { 'stack-name': 'metaflow-dev', template: 'stack.yml' },
      files: { 'stack.yml': template('b1') },
      event: pullRequest(),
      env: { GITHUB_API_URL: github.url }
    })
    expect(first.exitCode).toBe(0)
    expect(github.labelsOn(PR)).toEqual(['metaflow:changes'])
    github.labels.clear()
    expect((await run(template('b1'), { labels: 'false' })).exitCode).toBe(0)
    expect(github.labelsOn(PR)).toEqual([])
  })

  it('takes this environment’s state label off when the preview fails (its state is not known)', async () => {
    await deploy(template('metaflow-data-1'))
    expect((await run(template('metaflow-data-1', 5))).exitCode).toBe(0)
    expect(github.labelsOn(PR)).toEqual(['metaflow:dev:changes'])
    const failed = await run('Resources: {}\n')
    expect(failed.exitCode).not.toBe(0)
    expect(github.labelsOn(PR)).toEqual([])
  })

  it('warns, naming the permission, when the token may not label a same-repository pull request', async () => {
    await deploy(template('metaflow-data-1'))
    github.readOnly = true
    const result = await run(template('metaflow-data-1', 5))
    expect(result.exitCode).toBe(0)
    const warnings = result.warnings.map(w => w.message).join('\n')
    expect(warnings).toMatch(
      /Could not write the pull-request comment .*Add `pull-requests: write` to the job's `permissions:`/
    )
    expect(warnings).toMatch(/Could not set the pull request's label .*Add `pull-requests: write`/)
    expect(warnings).not.toMatch(/fork/)
  })
})
