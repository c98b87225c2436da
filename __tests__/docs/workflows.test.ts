import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { parse } from 'yaml'
import { ROOT } from '../../harness/runner.js'

/**
 * actionlint (1.7, as WebAssembly) through its package's CLI: the package's ES module build cannot load under
 * jest, and its library entry needs real paths, which the CLI resolves.
 */
function actionlint(file: string): { status: number | null; output: string } {
  const cli = join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js')
  const result = spawnSync(process.execPath, [cli, file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

const folders = ['.github/workflows', 'examples/workflows']
const files = folders.flatMap(folder =>
  readdirSync(join(ROOT, folder))
    .filter(f => f.endsWith('.yml'))
    .map(f => join(folder, f))
)

interface Step {
  uses?: string
  run?: string
}
interface Workflow {
  permissions?: Record<string, string>
  jobs: Record<
    string,
    { steps: Step[]; concurrency?: { group: string; 'cancel-in-progress': boolean }; environment?: string }
  >
}

describe.each(files)('%s', file => {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const workflow = parse(text) as Workflow

  it('passes actionlint', () => {
    const result = actionlint(file)
    expect(result.output).toContain('Checking 1 workflow file(s)')
    expect(result.output).toContain('All workflow files passed lint checks')
    expect(result.status).toBe(0)
  })

  it('sets least-privilege permissions at the top', () => {
    expect(workflow.permissions).toBeDefined()
    expect(workflow.permissions?.contents).toMatch(/^(read|write)$/)
  })

  it('pins third-party actions by commit SHA with a version comment', () => {
    const uses = text.split('\n').filter(line => /^\s*(-\s+)?uses:/.test(line))
    for (const line of uses) {
      const ref = /uses:\s*(\S+)/.exec(line)?.[1] ?? ''
      if (ref.startsWith('./') || ref.startsWith('org/metaflow-deploy@')) continue
      expect({ line: line.trim(), pinned: /@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*/.test(line) }).toEqual({
        line: line.trim(),
        pinned: true
      })
    }
  })

  it('never interpolates an expression into a shell script (inputs reach run: through env:)', () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) {
        if (step.run !== undefined)
          expect({ run: step.run, interpolates: step.run.includes('${{') }).toEqual({
            run: step.run,
            interpolates: false
          })
      }
    }
  })
})

interface ExampleJob {
  needs?: string | string[]
  environment?: string | { name: string; url?: string }
  permissions?: Record<string, string>
  outputs?: Record<string, string>
  concurrency?: { group: string; 'cancel-in-progress': boolean }
  steps: (Step & { with?: Record<string, unknown> })[]
}

function exampleJobs(file: string): Record<string, ExampleJob> {
  return (parse(readFileSync(join(ROOT, file), 'utf8')) as { jobs: Record<string, ExampleJob> }).jobs
}

function modeOf(job: ExampleJob): string | undefined {
  const step = job.steps.find(s => s.uses?.startsWith('org/metaflow-deploy@') === true)
  if (step === undefined) return undefined
  const mode = step.with?.mode
  return typeof mode === 'string' ? mode : 'auto'
}

function environmentName(job: ExampleJob): string | undefined {
  return typeof job.environment === 'string' ? job.environment : job.environment?.name
}

describe('example deploy workflows', () => {
  it('are named metaflow-*.yml, the names the workflows watch for changes', () => {
    const names = readdirSync(join(ROOT, 'examples', 'workflows')).filter(f => f.endsWith('.yml'))
    expect(names.length).toBeGreaterThanOrEqual(3)
    expect(names.filter(name => !name.startsWith('metaflow-'))).toEqual([])
  })

  it('deploy when the workflows change, so a bump of the action (and the template it ships) deploys', () => {
    for (const file of ['metaflow-deploy.yml', 'metaflow-preview.yml']) {
      const on = (
        parse(readFileSync(join(ROOT, 'examples', 'workflows', file), 'utf8')) as {
          on: Record<string, { paths?: string[] } | null>
        }
      ).on
      const trigger = on.push ?? on.pull_request
      expect(trigger?.paths).toEqual(
        expect.arrayContaining(['infra/metaflow/**', '.github/workflows/metaflow-*.yml'])
      )
    }
  })

  it.each(['examples/workflows/metaflow-deploy.yml', 'examples/workflows/metaflow-promote.yml'])(
    '%s serialises the jobs that change each stack and never cancels one half-way',
    file => {
      for (const job of Object.values(exampleJobs(file))) {
        const mode = modeOf(job)
        if (mode === undefined || mode === 'outputs') continue
        expect(job.concurrency?.group).toMatch(/^metaflow-stack-/)
        expect(job.concurrency?.['cancel-in-progress']).toBe(false)
        // What changes a stack runs in its GitHub Environment (reviewers, the role's trust); a plan changes nothing.
        if (mode !== 'plan') expect(environmentName(job)).toBeDefined()
      }
    }
  )
})

describe('examples/workflows/metaflow-promote.yml', () => {
  const jobs = exampleJobs('examples/workflows/metaflow-promote.yml')

  it.each(['staging', 'prod'])('plans %s outside its environment, then executes that plan inside it', env => {
    const plan = jobs[`plan-${env}`]
    const execute = jobs[env]
    expect(modeOf(plan as ExampleJob)).toBe('plan')
    // No environment on the plan: the approval is asked for after the plan exists, not before.
    expect(plan?.environment).toBeUndefined()
    expect(plan?.outputs?.['change-set-id']).toBe('${{ steps.plan.outputs.change-set-id }}')
    expect(modeOf(execute as ExampleJob)).toBe('execute')
    expect(environmentName(execute as ExampleJob)).toBe(env)
    expect(execute?.needs).toEqual(['resolve', `plan-${env}`])
    const step = execute?.steps.find(s => s.uses?.startsWith('org/metaflow-deploy@') === true)
    expect(step?.with?.['change-set-id']).toBe(`\${{ needs.plan-${env}.outputs.change-set-id }}`)
    // The reviewers' link: the run page, where the plan job's summary is.
    expect(typeof execute?.environment === 'object' ? execute.environment.url : '').toContain(
      '/actions/runs/${{ github.run_id }}'
    )
    // The execute job reads the plan's commit and the plan's inputs, which execute compares with the change set.
    const checkout = (job: ExampleJob | undefined) =>
      job?.steps.find(s => s.uses?.startsWith('actions/checkout@') === true)?.with?.ref
    expect(checkout(execute)).toBe('${{ needs.resolve.outputs.sha }}')
    expect(checkout(execute)).toBe(checkout(plan))
    const planStep = plan?.steps.find(s => s.uses?.startsWith('org/metaflow-deploy@') === true)
    for (const input of ['template', 'parameters', 'parameters-file', 'stack-name'])
      expect({ input, value: step?.with?.[input] }).toEqual({ input, value: planStep?.with?.[input] })
  })

  it('turns termination protection on for every environment it deploys or executes', () => {
    const all = { ...exampleJobs('examples/workflows/metaflow-deploy.yml'), ...jobs }
    for (const [name, job] of Object.entries(all)) {
      const mode = modeOf(job)
      if (mode !== 'deploy' && mode !== 'execute') continue
      const step = job.steps.find(s => s.uses?.startsWith('org/metaflow-deploy@') === true)
      expect({ name, protection: step?.with?.['termination-protection'] }).toEqual({ name, protection: true })
    }
  })

  it('plans prod only after staging is verified, and every job that reaches AWS asks for OIDC itself', () => {
    expect(jobs['plan-prod']?.needs).toEqual(expect.arrayContaining(['verify-staging']))
    for (const [name, job] of Object.entries(jobs)) {
      const usesAws = job.steps.some(
        s => s.uses?.startsWith('aws-actions/configure-aws-credentials@') === true
      )
      expect({ name, idToken: job.permissions?.['id-token'] }).toEqual({
        name,
        idToken: usesAws ? 'write' : undefined
      })
    }
  })
})

describe('pinned actions are the Node 24 majors', () => {
  it.each(files)('%s pins checkout v5+ and configure-aws-credentials v5+', file => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const [, action, major] of text.matchAll(/uses:\s*([\w-]+\/[\w-]+)@[0-9a-f]{40}\s+#\s*v(\d+)/g)) {
      if (action === 'actions/checkout' || action === 'aws-actions/configure-aws-credentials')
        expect({ action, major: Number(major) >= 5 }).toEqual({ action, major: true })
    }
  })
})

describe('release hygiene', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string
    license: string
  }

  it("package.json's version is CHANGELOG.md's newest release, and release.yml refuses any other tag", () => {
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')
    const released = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map(m => m[1])
    expect(changelog).toMatch(/^## \[Unreleased\]/m)
    expect(released[0]).toBe(pkg.version)
    // A release users can install: at least 1.0.0, and its section is dated.
    expect(Number(pkg.version.split('.')[0])).toBeGreaterThanOrEqual(1)
    expect(changelog).toMatch(
      new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm')
    )
    const release = readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')
    expect(release).toContain('require("./package.json").version')
    expect(release).toContain('if [ "$TAG" != "v$version" ]')
  })

  it('the LICENSE is the Apache-2.0 text package.json names', () => {
    expect(pkg.license).toBe('Apache-2.0')
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8')
    expect(license).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/)
    expect(license).toContain('END OF TERMS AND CONDITIONS')
  })

  it('Dependabot updates the pinned actions and npm weekly, grouped', () => {
    const config = parse(readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; schedule: { interval: string }; groups?: object }[]
    }
    expect(config.updates.map(u => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const update of config.updates) {
      expect(update.schedule.interval).toBe('weekly')
      expect(update.groups).toBeDefined()
    }
  })
})

describe('the actionlint check itself', () => {
  it('fails a workflow with a mistake in it', () => {
    const dir = join(ROOT, '.tmp', 'actionlint-probe')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'bad.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [missing]\n    steps:\n      - run: echo hi\n'
    )
    const result = actionlint('.tmp/actionlint-probe/bad.yml')
    expect(result.status).toBe(1)
    expect(result.output).toMatch(/needs job "missing" which does not exist/)
  })
})
