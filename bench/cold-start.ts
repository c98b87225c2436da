/**
 * Start-up measured three ways in one run, against the same emulator:
 *  - ours: `node dist/index.js` to the first AWS request;
 *  - the floor: an SDK client and one request, bundled with ncc like dist/;
 *  - a previous bundle: dist/ as committed at BENCH_START_REF (the start of the round by default), taken from git,
 *    so "within 1.1x of before" is a ratio measured beside today's bundle, never a number remembered from a
 *    different day's machine.
 *
 * `npx tsx bench/cold-start.ts` runs these rows alone (about a minute); `npm run bench` includes them.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../emulator/server.js'
import { actionInputs, DIST, ROOT } from '../harness/runner.js'
import { median } from './stats.js'

/**
 * The last commit of the second round: its dist/ is the start-up that issue 20 ("within 1.1x of today's") is
 * measured against. A clone without that history skips the row rather than failing the bench.
 */
export const START_REF = process.env.BENCH_START_REF ?? '644f376'

/** Bundles an entry point under bench/ as dist/ is built (ncc, then minified), into a fresh folder. */
export function bundle(entry: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  execFileSync(process.execPath, [
    join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
    'build',
    join(ROOT, 'bench', entry),
    '-o',
    dir,
    '--quiet'
  ])
  // Minified as dist/ is (scripts/minify-dist.ts), so that the floor and the baseline are bundled alike.
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'minify-dist.ts'), dir],
    {
      stdio: 'ignore'
    }
  )
  return dir
}

/** dist/ as committed at `ref`, unpacked into a fresh folder; undefined when this clone lacks the commit. */
export function committedBundle(ref: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'mfd-start-ref-'))
  try {
    execFileSync('sh', ['-c', `git archive "${ref}" dist | tar -x -C "${dir}"`], {
      cwd: ROOT,
      stdio: 'ignore'
    })
    return join(dir, 'dist', 'index.js')
  } catch {
    return undefined
  }
}

/** Time from spawning `node <script>` to the emulator receiving its first request. */
export async function coldStart(emulator: Emulator, script = DIST): Promise<number> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: tmpdir(),
    ...emulator.env(),
    GITHUB_EVENT_NAME: 'push'
  }
  for (const [name, spec] of Object.entries(actionInputs()))
    env[`INPUT_${name.toUpperCase()}`] = spec.default ?? ''
  Object.assign(env, { 'INPUT_STACK-NAME': 'cold-start', INPUT_MODE: 'outputs', 'INPUT_GITHUB-TOKEN': 'x' })
  const from = emulator.requests.length
  const start = Date.now()
  const child = spawn(process.execPath, [script], { env, stdio: 'ignore' })
  await new Promise(resolve => child.on('close', resolve))
  const first = emulator.requests[from]
  if (first === undefined) throw new Error(`${script} made no request`)
  return first.time - start
}

export async function nodeStart(): Promise<number> {
  const start = Date.now()
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise(resolve => child.on('close', resolve))
  return Date.now() - start
}

export interface ColdStartSamples {
  ours: number[]
  floor: number[]
  bare: number[]
  /** Undefined when the clone lacks START_REF. */
  before?: number[]
}

/** Interleaves the scripts run by run, so that a busy moment on the machine lands on all of them alike. */
export async function coldStartSamples(emulator: Emulator, runs: number, floorScript: string) {
  const beforeScript = committedBundle(START_REF)
  const samples: ColdStartSamples = { ours: [], floor: [], bare: [] }
  if (beforeScript !== undefined) samples.before = []
  for (let i = 0; i < runs; i++) {
    samples.ours.push(await coldStart(emulator))
    samples.floor.push(await coldStart(emulator, floorScript))
    if (beforeScript !== undefined) samples.before?.push(await coldStart(emulator, beforeScript))
    samples.bare.push(await nodeStart())
  }
  return samples
}

if (process.argv[1]?.endsWith('cold-start.ts')) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
  const runs = Number(process.env.BENCH_RUNS ?? 15)
  const floorDir = bundle(join('floor', 'index.ts'), 'mfd-floor-')
  const emulator = await startEmulator({})
  const s = await coldStartSamples(emulator, runs, join(floorDir, 'index.js'))
  await emulator.close()
  const row = (name: string, list: number[] | undefined) =>
    list === undefined
      ? `${name}: not measured (no ${START_REF} in this clone)`
      : `${name}: ${Math.round(median(list))} ms  (${(median(list) / median(s.floor)).toFixed(2)}× the floor)`
  console.log(
    [
      row('ours', s.ours),
      row(`dist/ at ${START_REF}`, s.before),
      row('floor', s.floor),
      row('node -e ""', s.bare),
      s.before ? `ours / before: ${(median(s.ours) / median(s.before)).toFixed(2)}×` : ''
    ].join('\n')
  )
}
