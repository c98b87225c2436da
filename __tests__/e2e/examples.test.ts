import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { ROOT } from '../../harness/runner.js'
import { runAgainst } from '../support/e2e.js'

/**
 * A newcomer's path, proven: the metaflow-deploy steps of examples/workflows/*.yml, exactly as written there,
 * with their expressions filled in the way GitHub would, run against the emulator and the GitHub fake.
 */
interface Step {
  uses?: string
  with?: Record<string, string | boolean>
}
interface Job {
  steps: Step[]
}

const VARS: Record<string, string> = {
  'vars.METAFLOW_CFN_ROLE_ARN': 'arn:aws:iam::123456789012:role/metaflow-cloudformation',
  'vars.METAFLOW_DEPLOY_ROLE_ARN': 'arn:aws:iam::123456789012:role/metaflow-deploy',
  'vars.METAFLOW_PREVIEW_ROLE_ARN': 'arn:aws:iam::123456789012:role/metaflow-deploy'
}

function actionSteps(file: string, job: string, context: Record<string, string>): Record<string, string>[] {
  const workflow = parse(readFileSync(join(ROOT, 'examples', 'workflows', file), 'utf8')) as {
    jobs: Record<string, Job>
  }
  return (workflow.jobs[job]?.steps ?? [])
    .filter(step => step.uses?.startsWith('org/metaflow-deploy@') === true)
    .map(step =>
      Object.fromEntries(
        Object.entries(step.with ?? {}).map(([key, value]) => [
          key,
          String(value).replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
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
beforeEach(async () => {
  emulator = await startEmulator()
  github = await startGitHubFake()
})
afterEach(async () => {
  await emulator.close()
  await github.close()
})

describe('the example workflows, step by step', () => {
  it('preview.yml posts one comment per environment on a pull request, and deploys nothing', async () => {
    for (const environment of ['dev', 'staging', 'prod']) {
      const [step] = actionSteps('preview.yml', 'preview', { 'matrix.environment': environment })
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
  })

  it('deploy.yml deploys dev and writes the Metaflow config; promote.yml takes the same template to staging and prod', async () => {
    const [deploy] = actionSteps('deploy.yml', 'deploy', {})
    const dev = await runAgainst(emulator, { inputs: deploy ?? {}, files })
    expect(dev.errors).toEqual([])
    expect(dev.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(dev.env.METAFLOW_SERVICE_URL).toMatch(/^https:\/\//)
    expect(emulator.calls('CreateChangeSet')[0]?.params.RoleARN).toBe(VARS['vars.METAFLOW_CFN_ROLE_ARN'])

    for (const [job, verify] of [
      ['staging', 'verify-staging'],
      ['prod', 'verify-prod']
    ] as const) {
      const [step] = actionSteps('promote.yml', job, {})
      const deployed = await runAgainst(emulator, { inputs: step ?? {}, files })
      expect(deployed.errors).toEqual([])
      const [check] = actionSteps('promote.yml', verify, {})
      const later = await runAgainst(emulator, { inputs: check ?? {}, files })
      expect(later.errors).toEqual([])
      expect(later.env.METAFLOW_SERVICE_AUTH_KEY).toBe(deployed.outputs['api-key'])
    }
    expect(emulator.cloudformation.findStack('metaflow-prod')?.terminationProtection).toBe(true)
    expect(emulator.cloudformation.findStack('metaflow-prod')?.deployed?.parameters.DBMultiAZ).toBe('true')
  })
})
