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

describe('example deploy workflows', () => {
  it.each(['examples/workflows/deploy.yml', 'examples/workflows/promote.yml'])(
    '%s serialises deploys of each stack and never cancels one half-way',
    file => {
      const workflow = parse(readFileSync(join(ROOT, file), 'utf8')) as Workflow
      for (const job of Object.values(workflow.jobs)) {
        if (
          !job.steps.some(
            s => s.uses?.startsWith('org/metaflow-deploy') === true && !JSON.stringify(s).includes('outputs')
          )
        )
          continue
        expect(job.concurrency?.group).toMatch(/^metaflow-stack-/)
        expect(job.concurrency?.['cancel-in-progress']).toBe(false)
        expect(job.environment).toBeDefined()
      }
    }
  )
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
