import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { ROOT } from '../../harness/runner.js'
import { runAgainst } from '../support/e2e.js'
import { attachMetaflowService, type MetaflowServiceStandIn } from '../../harness/metaflow-service.js'

/**
 * A newcomer's path, proven: the metaflow-deploy steps of examples/workflows/*.yml, exactly as written there,
 * with their expressions filled in the way GitHub would, run against the emulator and the GitHub fake.
 */
interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string | boolean>
}
interface Job {
  needs?: string | string[]
  environment?: string | { name: string; url?: string }
  outputs?: Record<string, string>
  steps: Step[]
}

function workflowJobs(file: string): Record<string, Job> {
  return (
    parse(readFileSync(join(ROOT, 'examples', 'workflows', file), 'utf8')) as { jobs: Record<string, Job> }
  ).jobs
}

const VARS: Record<string, string> = {
  'vars.METAFLOW_CFN_ROLE_ARN': 'arn:aws:iam::123456789012:role/metaflow-cloudformation',
  'vars.METAFLOW_DEPLOY_ROLE_ARN': 'arn:aws:iam::123456789012:role/metaflow-deploy',
  'vars.METAFLOW_PREVIEW_ROLE_ARN': 'arn:aws:iam::123456789012:role/metaflow-preview'
}

function actionSteps(file: string, job: string, context: Record<string, string>): Record<string, string>[] {
  return (workflowJobs(file)[job]?.steps ?? [])
    .filter(step => step.uses?.startsWith('org/metaflow-deploy@') === true)
    .map(step =>
      Object.fromEntries(
        Object.entries(step.with ?? {}).map(([key, value]) => [
          key,
          String(value).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
            const resolved = context[name] ?? VARS[name]
            if (resolved === undefined) throw new Error(`${file}: no value for \${{ ${name} }}`)
            return resolved
          })
        ])
      )
    )
}

// The user's repository: the parameter files copied from this one, as the quick start says.
const files = Object.fromEntries(
  ['dev', 'staging', 'prod'].map(env => [
    `infra/metaflow/${env}.yml`,
    readFileSync(join(ROOT, 'templates', 'params', `${env}.yml`), 'utf8')
  ])
)

let emulator: Emulator
let github: GitHubFake
/** The deploys migrate and verify the bundled template's Metaflow service: a stand-in answers for it. */
let service: MetaflowServiceStandIn
beforeEach(async () => {
  emulator = await startEmulator()
  github = await startGitHubFake()
  service = await attachMetaflowService(emulator)
})
afterEach(async () => {
  await emulator.close()
  await github.close()
  await service.close()
})

describe('the example workflows, step by step', () => {
  it('metaflow-preview.yml posts one comment per environment on a pull request, and deploys nothing', async () => {
    for (const environment of ['dev', 'staging', 'prod']) {
      const [step] = actionSteps('metaflow-preview.yml', 'preview', { 'matrix.environment': environment })
      const result = await runAgainst(emulator, {
        inputs: step ?? {},
        files,
        event: { name: 'pull_request', payload: { pull_request: { number: 12 } } },
        env: { GITHUB_API_URL: github.url }
      })
      expect(result.errors).toEqual([])
    }
    const comments = github.comments.filter(c => c.body.includes('<!-- metaflow-deploy preview'))
    expect(comments.map(c => /stack=([\w-]+)/.exec(c.body)?.[1])).toEqual([
      'metaflow-dev',
      'metaflow-staging',
      'metaflow-prod'
    ])
    expect(emulator.calls('ExecuteChangeSet')).toEqual([])
  }, 120_000) // three runs of the action, one after another, on a shared machine

  it('metaflow-deploy.yml deploys dev; metaflow-promote.yml plans staging and prod, then executes exactly the planned change sets', async () => {
    const [deploy] = actionSteps('metaflow-deploy.yml', 'deploy', {})
    const dev = await runAgainst(emulator, { inputs: deploy ?? {}, files })
    expect(dev.errors).toEqual([])
    expect(dev.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(dev.env.METAFLOW_SERVICE_URL).toMatch(/^https:\/\//)
    expect(emulator.calls('CreateChangeSet')[0]?.params.RoleARN).toBe(VARS['vars.METAFLOW_CFN_ROLE_ARN'])

    const dispatch = { name: 'workflow_dispatch', payload: { inputs: { ref: 'main' } } }
    for (const environment of ['staging', 'prod']) {
      const [plan] = actionSteps('metaflow-promote.yml', `plan-${environment}`, {})
      const planned = await runAgainst(emulator, { inputs: plan ?? {}, files, event: dispatch })
      expect(planned.errors).toEqual([])
      const changeSetId = planned.outputs['change-set-id'] ?? ''
      expect(changeSetId).toMatch(/:changeSet\/metaflow-plan-/)
      // The plan is kept for the approver, shown in the plan job's summary, and nothing has run yet.
      expect(emulator.cloudformation.changeSets.get(changeSetId)?.executionStatus).toBe('AVAILABLE')
      expect(planned.summary).toContain(`metaflow-${environment}`)
      expect(emulator.calls('ExecuteChangeSet').map(c => c.params.ChangeSetName)).not.toContain(changeSetId)

      const creates = emulator.calls('CreateChangeSet').length
      const [execute] = actionSteps('metaflow-promote.yml', environment, {
        [`needs.plan-${environment}.outputs.change-set-id`]: changeSetId
      })
      const executed = await runAgainst(emulator, { inputs: execute ?? {}, files, event: dispatch })
      expect({
        errors: executed.errors,
        status: executed.outputs['stack-status'],
        log: executed.lines
      }).toMatchObject({
        errors: [],
        status: 'CREATE_COMPLETE'
      })
      // Exactly the reviewed change set ran; the execute job built none of its own.
      expect(emulator.calls('CreateChangeSet')).toHaveLength(creates)
      expect(emulator.calls('ExecuteChangeSet').at(-1)?.params.ChangeSetName).toBe(changeSetId)

      const [check] = actionSteps('metaflow-promote.yml', `verify-${environment}`, {})
      const later = await runAgainst(emulator, { inputs: check ?? {}, files })
      expect(later.errors).toEqual([])
      expect(later.env.METAFLOW_SERVICE_AUTH_KEY).toBe(executed.outputs['api-key'])
    }
    expect(emulator.cloudformation.findStack('metaflow-prod')?.terminationProtection).toBe(true)
    expect(emulator.cloudformation.findStack('metaflow-prod')?.deployed?.parameters.DBMultiAZ).toBe('true')
  }, 180_000) // seven runs of the action, one after another, on a shared machine
})

/**
 * metaflow-promote.yml's first job, run as GitHub would run it (bash, inputs through env:) in a repository whose default
 * branch is main and which has a feature branch: only commits of the default branch are promoted.
 */
describe("metaflow-promote.yml's ref check", () => {
  const resolve = workflowJobs('metaflow-promote.yml').resolve
  const step = resolve?.steps.find(s => s.id === 'check')
  let repo: string
  const git = (...args: string[]): string =>
    spawnSync('git', args, { cwd: repo, encoding: 'utf8' }).stdout.trim()

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'promote-ref-'))
    const commit = (message: string): void => {
      writeFileSync(join(repo, 'file.txt'), message)
      git('add', 'file.txt')
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', message)
    }
    git('init', '-q', '-b', 'main')
    commit('first on main')
    commit('second on main')
    git('checkout', '-q', '-b', 'feature')
    commit('only on feature')
    git('checkout', '-q', 'main')
    // What actions/checkout with fetch-depth 0 leaves: the remote's branches as origin/*.
    git('update-ref', 'refs/remotes/origin/main', 'main')
    git('update-ref', 'refs/remotes/origin/feature', 'feature')
  })
  afterEach(() => rmSync(repo, { recursive: true, force: true }))

  function check(
    ref: string,
    dispatchedFrom = 'refs/heads/main'
  ): { status: number | null; stdout: string; output: string } {
    const output = join(repo, '.github-output')
    writeFileSync(output, '')
    const result = spawnSync('bash', ['-e', '-c', step?.run ?? 'exit 99'], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        REF: ref,
        DEFAULT_BRANCH: 'main',
        DISPATCHED_FROM: dispatchedFrom,
        GITHUB_OUTPUT: output
      }
    })
    return { status: result.status, stdout: result.stdout, output: readFileSync(output, 'utf8') }
  }

  it('takes the inputs through env:, never through an expression in the script', () => {
    expect(step?.env).toEqual({
      REF: '${{ inputs.ref }}',
      DEFAULT_BRANCH: '${{ github.event.repository.default_branch }}',
      DISPATCHED_FROM: '${{ github.ref }}'
    })
    expect(step?.run).not.toContain('${{')
  })

  it('promotes a commit of the default branch, named by SHA or by the branch', () => {
    const older = git('rev-parse', 'main~1')
    expect(check(older)).toMatchObject({ status: 0, output: `sha=${older}\n` })
    expect(check('main')).toMatchObject({ status: 0, output: `sha=${git('rev-parse', 'main')}\n` })
  })

  it('refuses a commit that is only on another branch, by SHA or by name', () => {
    for (const ref of [git('rev-parse', 'feature'), 'feature']) {
      const result = check(ref)
      expect(result.status).toBe(1)
      expect(result.stdout).toMatch(/^::error::Commit [0-9a-f]{40} is not on the default branch \(main\)/m)
      expect(result.output).toBe('')
    }
  })

  it("refuses to run from another branch's copy of the workflow, even for a commit of the default branch", () => {
    const result = check('main', 'refs/heads/feature')
    expect(result).toMatchObject({ status: 1, output: '' })
    expect(result.stdout).toContain('::error::Run this workflow from the default branch (main)')
  })

  it('refuses a ref that names nothing, an option, or smuggles a second line', () => {
    expect(check('no-such-branch')).toMatchObject({ status: 1, output: '' })
    expect(check('no-such-branch').stdout).toContain('names no commit')
    for (const ref of ['--output=/tmp/x', 'main\n::warning::injected', 'main;id', '']) {
      const result = check(ref)
      expect(result).toMatchObject({ status: 1, output: '' })
      expect(result.stdout).toContain('must be a commit SHA, branch or tag name')
      expect(result.stdout).not.toContain('injected')
    }
  })
})
