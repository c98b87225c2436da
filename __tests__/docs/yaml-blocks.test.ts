import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { ROOT } from '../../harness/runner.js'

/**
 * Every YAML block a user may copy from the README or docs/ parses, and, once placed in a workflow the way its
 * shape says (a whole workflow, a jobs map, a job body, a list of steps), passes actionlint. A block of YAML that
 * does not parse (`${{ }}` inside a flow mapping) cost a newcomer their first day.
 */
interface Block {
  file: string
  line: number
  text: string
}

function yamlBlocks(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
  const blocks: Block[] = []
  let start = -1
  lines.forEach((line, index) => {
    if (start < 0 && /^\s*```ya?ml\s*$/.test(line)) start = index
    else if (start >= 0 && /^\s*```\s*$/.test(line)) {
      blocks.push({ file, line: start + 1, text: lines.slice(start + 1, index).join('\n') })
      start = -1
    }
  })
  return blocks
}

const docs = readdirSync(join(ROOT, 'docs'))
  .filter(f => f.endsWith('.md') && f !== 'INTERFACE.md') // INTERFACE.md is the steering repository's copy
  .map(f => `docs/${f}`)
const blocks = ['README.md', ...docs].flatMap(yamlBlocks)

/** The block inside a whole workflow, by its shape; undefined when it is no part of a workflow (a parameters file). */
function asWorkflow(data: unknown): Record<string, unknown> | undefined {
  const job = (body: Record<string, unknown>): Record<string, unknown> => ({
    'runs-on': 'ubuntu-latest',
    ...body
  })
  const workflow = (jobs: Record<string, unknown>): Record<string, unknown> => ({
    on: { push: { branches: ['main'] } },
    permissions: { contents: 'read' },
    jobs
  })
  if (Array.isArray(data)) return workflow({ job: job({ steps: data }) })
  if (typeof data !== 'object' || data === null) return undefined
  const map = data as Record<string, unknown>
  if ('on' in map && 'jobs' in map) return map
  if ('jobs' in map) return { ...workflow(map.jobs as Record<string, unknown>), ...map }
  if ('steps' in map) return workflow({ job: job(map) })
  return undefined
}

function actionlint(pattern: string): { status: number | null; output: string } {
  const cli = join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js')
  const result = spawnSync(process.execPath, [cli, pattern], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

describe('YAML a user copies from the docs', () => {
  it('finds the blocks (the README and docs/ have several)', () => {
    expect(blocks.filter(b => b.file === 'README.md').length).toBeGreaterThanOrEqual(2)
    expect(blocks.length).toBeGreaterThanOrEqual(5)
  })

  it.each(blocks.map(b => [`${b.file}:${b.line}`, b] as const))('%s parses as YAML', (_where, block) => {
    expect(() => void parse(block.text)).not.toThrow()
  })

  it('passes actionlint once placed in a workflow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-blocks-'))
    try {
      const files: string[] = []
      for (const block of blocks) {
        let data: unknown
        try {
          data = parse(block.text)
        } catch {
          continue // the test above names it
        }
        const workflow = asWorkflow(data)
        if (workflow === undefined) continue
        const file = join(dir, `${block.file.replace(/\W/g, '-')}-line-${block.line}.yml`)
        writeFileSync(file, stringify(workflow))
        files.push(file)
      }
      // One actionlint run for all of them (its CLI takes a glob): each finding names its file, the block's place.
      const result = actionlint(join(dir, '*.yml'))
      expect(result.output).toContain(`Checking ${files.length} workflow file(s)`)
      expect(result.status === 0 ? '' : result.output).toBe('')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
