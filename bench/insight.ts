/**
 * Cost, drift and checks in a preview: the wall time of an update preview of the bundled template (dev
 * parameters, a database class change) with `cost` and `drift` on against the same preview with both off, on
 * the emulator, alternating runs; and the AWS calls the insight adds, by operation. AWS's checks have no switch,
 * so both sides read them: their two calls (DescribeEvents, ListHookResults) are counted apart. Part of
 * `npm run bench`; alone: `npx tsx bench/insight.ts`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/server.js'
import { ROOT, runAction } from '../harness/runner.js'
import { median } from './stats.js'

const INSIGHT_CALLS = new Set([
  'GetProducts',
  'DetectStackDrift',
  'DescribeStackDriftDetectionStatus',
  'DescribeStackResourceDrifts',
  'DescribeEvents',
  'ListHookResults',
  'GetHookResult'
])

interface Preview {
  wall: number
  calls: Record<string, number>
}

async function preview(emulator: Emulator, workspace: string, on: boolean): Promise<Preview> {
  const from = emulator.requests.length
  const started = Date.now()
  const result = await runAction({
    inputs: {
      'stack-name': 'bench-insight',
      'parameters-file': 'dev.yml',
      parameters: 'DBInstanceClass=db.m6g.large',
      mode: 'preview',
      comment: 'false',
      cost: String(on),
      drift: String(on)
    },
    workspace,
    env: emulator.env()
  })
  const wall = Date.now() - started
  if (result.exitCode !== 0)
    throw new Error(`preview failed: ${result.errors.map(e => e.message).join('; ')}`)
  const calls: Record<string, number> = {}
  for (const r of emulator.requests.slice(from).filter(r => r.fromAction && INSIGHT_CALLS.has(r.operation)))
    calls[r.operation] = (calls[r.operation] ?? 0) + 1
  return { wall, calls }
}

/** The bench's rows: wall time on and off, their ratio, and the calls the insight adds. */
export async function insightRows(runs: number, log: (text: string) => void): Promise<string[][]> {
  const emulator = await startEmulator()
  const workspace = mkdtempSync(join(tmpdir(), 'mfd-bench-insight-'))
  writeFileSync(join(workspace, 'dev.yml'), readFileSync(join(ROOT, 'templates', 'params', 'dev.yml')))
  try {
    const deployed = await runAction({
      // Previews are what is measured: the Metaflow service step (migrate, verify) has no service to reach here.
      inputs: {
        'stack-name': 'bench-insight',
        'parameters-file': 'dev.yml',
        mode: 'deploy',
        cost: 'false',
        migrate: 'never',
        verify: 'false'
      },
      workspace,
      env: emulator.env()
    })
    if (deployed.exitCode !== 0) throw new Error('the bench stack did not deploy')
    const on: Preview[] = []
    const off: Preview[] = []
    for (let i = 0; i < runs; i++) {
      log(`insight run ${i + 1}/${runs}`)
      if (i % 2 === 0) {
        on.push(await preview(emulator, workspace, true))
        off.push(await preview(emulator, workspace, false))
      } else {
        off.push(await preview(emulator, workspace, false))
        on.push(await preview(emulator, workspace, true))
      }
    }
    const wallOn = median(on.map(p => p.wall))
    const wallOff = median(off.map(p => p.wall))
    const count = (p: Preview | undefined): string =>
      Object.entries(p?.calls ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([op, n]) => `${op} ${n}`)
        .join(', ') || 'none'
    return [
      [
        'Preview with cost, drift and checks vs cost and drift off (bundled template, dev)',
        `${Math.round(wallOn)} ms`,
        `${Math.round(wallOff)} ms`,
        `${(wallOn / wallOff).toFixed(2)}×`
      ],
      ['Insight calls per preview (on / off)', count(on[0]), count(off[0]), '']
    ]
  } finally {
    await emulator.close()
  }
}

if (process.argv[1]?.endsWith('insight.ts') === true) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
  const rows = await insightRows(
    Number(process.env.BENCH_RUNS ?? 5),
    text => void process.stderr.write(`${text}\n`)
  )
  console.log(
    [
      '| measure (median) | on | off | ratio |',
      '|---|---|---|---|',
      ...rows.map(r => `| ${r.join(' | ')} |`)
    ].join('\n')
  )
}
