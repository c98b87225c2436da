/**
 * `npm run bench`: speed and memory, measured side by side in one run against the emulator, each figure the
 * median of alternating runs. Prints one Markdown table (paste it into the README's Performance section).
 */
import { execFileSync, spawn } from 'node:child_process'
import { readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../emulator/server.js'
import { actionInputs, DIST, ROOT, runAction } from '../harness/runner.js'
import { renderReport, type ChangeReport } from '../src/render/render-report.js'
import { bundle, coldStartSamples, START_REF } from './cold-start.js'
import { insightRows } from './insight.js'
import { median } from './stats.js'

// The SDK's notice that its 2027 releases need Node 22 would only clutter the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const TEMPLATE = `
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  Datastore: {Type: AWS::S3::Bucket}
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: pathspec, KeyType: HASH}]
      Tags: [{Key: env, Value: !Ref Env}]
  JobRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      Tags: [{Key: bucket, Value: !Ref Datastore}]
Outputs:
  DDBTableName: {Value: !Ref Table}
`

const ms = (value: number): string => `${Math.round(value)} ms`
const ratio = (ours: number, base: number): string => (base === 0 ? 'n/a' : `${(ours / base).toFixed(2)}×`)

function finalAt(emulator: Emulator, stack: string, status: RegExp): number {
  const record = emulator.cloudformation.stacks.find(
    s => s.stackName === stack && s.status !== 'DELETE_COMPLETE'
  )
  const hit = [...(record?.statusHistory ?? [])].reverse().find(h => status.test(h.status))
  if (hit === undefined) throw new Error(`stack ${stack} never reached ${status}`)
  return hit.at
}

const cfnCalls = (emulator: Emulator, from: number): number =>
  emulator.requests.slice(from).filter(r => r.service === 'cloudformation').length

interface Sample {
  latency: number
  calls: number
}

/** One deploy (create or update) by the bundled action, run as the runner runs it. */
async function ours(
  emulator: Emulator,
  stack: string,
  env: string,
  workspace: string,
  mode = 'deploy'
): Promise<Sample> {
  const from = emulator.requests.length
  let exitedAt = 0
  const result = await runAction({
    inputs: { 'stack-name': stack, template: 't.yml', parameters: `Env=${env}`, mode, comment: 'false' },
    workspace,
    env: emulator.env()
  }).then(r => {
    exitedAt = Date.now()
    return r
  })
  if (result.exitCode !== 0)
    throw new Error(`our run failed: ${result.errors.map(e => e.message).join('; ')}`)
  const latency = mode === 'deploy' ? exitedAt - finalAt(emulator, stack, /^(CREATE|UPDATE)_COMPLETE$/) : 0
  return { latency, calls: cfnCalls(emulator, from) }
}

interface Run {
  wall: number
  calls: number
}

/** A whole deploy run, spawn to exit, and its CloudFormation calls (for a deploy with nothing to change). */
async function timedRun(emulator: Emulator, stack: string, workspace: string): Promise<Run> {
  const from = emulator.requests.length
  const start = Date.now()
  const result = await runAction({
    inputs: { 'stack-name': stack, template: 't.yml', parameters: 'Env=dev', comment: 'false' },
    workspace,
    env: emulator.env()
  })
  if (result.exitCode !== 0 || result.outputs['has-changes'] !== 'false')
    throw new Error(`the no-change run of ${stack} did not end as a no-change deploy`)
  return { wall: Date.now() - start, calls: cfnCalls(emulator, from) }
}

/** One deploy (or preview: execute false) by the bundled baseline, spawned and timed to its exit as ours is. */
async function baseline(emulator: Emulator, stack: string, env: string, execute = true): Promise<Sample> {
  const from = emulator.requests.length
  const child = spawn(process.execPath, [join(baselineDir, 'index.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      ...emulator.env(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      BASELINE_STACK: stack,
      BASELINE_TEMPLATE: TEMPLATE,
      BASELINE_ENV: env,
      BASELINE_EXECUTE: String(execute)
    },
    stdio: 'ignore'
  })
  const code = await new Promise(resolve => child.on('close', resolve))
  const exitedAt = Date.now()
  if (code !== 0) throw new Error(`the baseline's run of ${stack} failed (exit ${String(code)})`)
  const latency = execute ? exitedAt - finalAt(emulator, stack, /^(CREATE|UPDATE)_COMPLETE$/) : 0
  return { latency, calls: cfnCalls(emulator, from) }
}

/** Time from spawning `node dist/index.js` with a bad input to its exit: the error path loads no AWS SDK. */
async function inputErrorStart(): Promise<number> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: tmpdir(),
    GITHUB_EVENT_NAME: 'push'
  }
  for (const [name, spec] of Object.entries(actionInputs()))
    env[`INPUT_${name.toUpperCase()}`] = spec.default ?? ''
  env['INPUT_STACK-NAME'] = 'not a stack name'
  const start = Date.now()
  const child = spawn(process.execPath, [DIST], { env, stdio: 'ignore' })
  const code = await new Promise(resolve => child.on('close', resolve))
  if (code === 0) throw new Error('a bad stack-name did not fail the action')
  return Date.now() - start
}

function syntheticChanges(n: number): ResourceChange[] {
  return Array.from({ length: n }, (_, i) => ({
    Action: i % 7 === 0 ? ('Add' as const) : ('Modify' as const),
    LogicalResourceId: `Resource${i}`,
    ResourceType: ['AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::SQS::Queue'][i % 4],
    Replacement: i % 11 === 0 ? ('True' as const) : ('False' as const),
    Scope: ['Properties'],
    Details: [
      {
        Target: {
          Attribute: 'Properties',
          Name: 'Tags',
          RequiresRecreation: 'Never' as const,
          BeforeValue: `v${i}`,
          AfterValue: `v${i + 1}`
        },
        Evaluation: 'Static' as const,
        ChangeSource: 'DirectModification' as const
      }
    ]
  }))
}

function renderSample(n: number): { time: number; size: number } {
  const report: ChangeReport = {
    kind: 'preview',
    stackName: 's',
    environment: 'dev',
    region: 'us-east-1',
    operation: 'update',
    changes: syntheticChanges(n),
    parameters: [],
    commitSha: 'abc',
    runUrl: undefined,
    secrets: []
  }
  const start = performance.now()
  const rendered = renderReport(report, {
    limit: 65_536,
    unit: 'chars',
    fullDetailIn: 'See the job summary.'
  })
  return { time: performance.now() - start, size: rendered.body.length }
}

/** Peak RSS of the bundled action previewing a change set of `n` resources (read through all its pages). */
async function previewRss(emulator: Emulator, n: number, workspace: string): Promise<number> {
  const lines = ['Resources:']
  for (let i = 0; i < n; i++) lines.push(`  Queue${i}:`, '    Type: AWS::SQS::Queue')
  writeFileSync(join(workspace, `big-${n}.yml`), lines.join('\n'))
  emulator.s3.createBucket('bench-templates')
  const rssFile = join(workspace, `rss-${n}`)
  const result = await runAction({
    inputs: {
      'stack-name': `rss-${n}`,
      template: `big-${n}.yml`,
      mode: 'preview',
      comment: 'false',
      'template-bucket': 'bench-templates'
    },
    workspace,
    env: {
      ...emulator.env(),
      NODE_OPTIONS: `--import=${join(ROOT, 'bench', 'rss.mjs')}`,
      BENCH_RSS_FILE: rssFile,
      METAFLOW_DEPLOY_TIME_SCALE: '0.05'
    }
  })
  if (result.exitCode !== 0)
    throw new Error(`preview of ${n} failed: ${result.errors.map(e => e.message).join('; ')}`)
  const { readFileSync } = await import('node:fs')
  return Number(readFileSync(rssFile, 'utf8')) / 1024 / 1024
}

const log = (text: string): void => void process.stderr.write(`${text}\n`)

// Timings co-prime with the poll cadences, so that no run is phase-locked with a poll by accident.
log('bundling the baseline and the floor')
const baselineDir = bundle('baseline-main.ts', 'mfd-baseline-')
const floorDir = bundle(join('floor', 'index.ts'), 'mfd-floor-')
const emulator = await startEmulator({ timing: { changeSetMs: 700, resourceMs: 1300, changeSetDeleteMs: 0 } })
const workspace = mkdtempSync(join(tmpdir(), 'mfd-bench-'))
writeFileSync(join(workspace, 't.yml'), TEMPLATE)

const samples = {
  ourCreate: [] as Sample[],
  baseCreate: [] as Sample[],
  ourUpdate: [] as Sample[],
  baseUpdate: [] as Sample[],
  ourPreview: [] as Sample[],
  basePreview: [] as Sample[]
}
for (let i = 0; i < RUNS; i++) {
  log(`run ${i + 1}/${RUNS}: create, update and preview, ours and the baseline (alternating)`)
  const first = i % 2 === 0
  const pair = async (a: () => Promise<void>, b: () => Promise<void>) =>
    first ? (await a(), await b()) : (await b(), await a())
  await pair(
    async () => void samples.ourCreate.push(await ours(emulator, `ours-${i}`, 'dev', workspace)),
    async () => void samples.baseCreate.push(await baseline(emulator, `base-${i}`, 'dev'))
  )
  await pair(
    async () => void samples.ourUpdate.push(await ours(emulator, `ours-${i}`, 'prod', workspace)),
    async () => void samples.baseUpdate.push(await baseline(emulator, `base-${i}`, 'prod'))
  )
  await pair(
    async () =>
      void samples.ourPreview.push(await ours(emulator, `ours-${i}`, 'staging', workspace, 'preview')),
    async () => void samples.basePreview.push(await baseline(emulator, `base-${i}`, 'staging', false))
  )
}

// A deploy with nothing to change: the fast path (GetTemplate, compared) against the change-set path, which the
// same template takes under the AWS::LanguageExtensions transform (a Transform key: only CloudFormation can tell
// what a transform makes of it, so the action never skips the change set).
log('no-change deploys')
const unchanged = { fast: [] as Run[], changeSet: [] as Run[] }
const slowWorkspace = mkdtempSync(join(tmpdir(), 'mfd-bench-slow-'))
writeFileSync(join(slowWorkspace, 't.yml'), `Transform: AWS::LanguageExtensions\n${TEMPLATE}`)
await ours(emulator, 'unchanged-fast', 'dev', workspace)
await ours(emulator, 'unchanged-slow', 'dev', slowWorkspace)
for (let i = 0; i < RUNS; i++) {
  unchanged.fast.push(await timedRun(emulator, 'unchanged-fast', workspace))
  unchanged.changeSet.push(await timedRun(emulator, 'unchanged-slow', slowWorkspace))
}

log('cold start')
// Start-up varies by a tenth from one moment to the next on a shared machine: many interleaved runs.
const starts = await coldStartSamples(emulator, Math.max(RUNS, 25), join(floorDir, 'index.js'))
const { ours: cold, floor, bare } = starts
const inputError: number[] = []
for (let i = 0; i < Math.max(RUNS, 9); i++) inputError.push(await inputErrorStart())
// Whole bundles: every file of dist/ a run can load (code, not source maps), ours and the official's (v2.2.0: its
// dist/ holds 3,743,699 bytes of code, 3,404,544 of them in index.js). The download is what `uses:` fetches, the
// gzipped tree of the action at its ref: the official's repository at v2.2.0 is 863,819 bytes gzipped
// (`git archive v2.2.0 | gzip -9 | wc -c`).
const OFFICIAL_BUNDLE = 3_743_699
const OFFICIAL_DOWNLOAD = 863_819
const bundleBytes = readdirSync(join(ROOT, 'dist'))
  .filter(f => /\.(c|m)?js$/.test(f))
  .reduce((sum, f) => sum + statSync(join(ROOT, 'dist', f)).size, 0)
const mapBytes = readdirSync(join(ROOT, 'dist'))
  .filter(f => f.endsWith('.map'))
  .reduce((sum, f) => sum + statSync(join(ROOT, 'dist', f)).size, 0)
// What `uses:` downloads: GitHub's tarball of the ref, which git archive builds, leaving out the paths
// .gitattributes marks export-ignore (everything but action.yml, dist/, templates/ and the README, LICENSE and
// CHANGELOG). __tests__/e2e/download.test.ts runs the action from that archive alone.
const downloadBytes = execFileSync('sh', ['-c', 'git archive --worktree-attributes HEAD | gzip -9 | wc -c'], {
  cwd: ROOT
})
  .toString()
  .trim()

log('preview at scale')
const scale = [200, 2000, 10000].map(n => {
  const runs = Array.from({ length: RUNS }, () => renderSample(n))
  return { n, time: median(runs.map(r => r.time)), size: runs[0]?.size ?? 0 }
})

log('memory')
const rssSmall: number[] = []
const rssLarge: number[] = []
for (let i = 0; i < Math.min(RUNS, 3); i++) {
  // 500 resources is CloudFormation's limit for one template (the emulator refuses more, as AWS does).
  rssSmall.push(await previewRss(emulator, 50, workspace))
  rssLarge.push(await previewRss(emulator, 500, workspace))
}
await emulator.close()

const m = (list: Sample[], key: keyof Sample): number => median(list.map(s => s[key]))
const rows = [
  [
    'Detection latency, create (final state → exit)',
    ms(m(samples.ourCreate, 'latency')),
    ms(m(samples.baseCreate, 'latency')),
    ratio(m(samples.ourCreate, 'latency'), m(samples.baseCreate, 'latency'))
  ],
  [
    'Detection latency, update',
    ms(m(samples.ourUpdate, 'latency')),
    ms(m(samples.baseUpdate, 'latency')),
    ratio(m(samples.ourUpdate, 'latency'), m(samples.baseUpdate, 'latency'))
  ],
  [
    'CloudFormation calls, create',
    String(m(samples.ourCreate, 'calls')),
    String(m(samples.baseCreate, 'calls')),
    ratio(m(samples.ourCreate, 'calls'), m(samples.baseCreate, 'calls'))
  ],
  [
    'CloudFormation calls, update',
    String(m(samples.ourUpdate, 'calls')),
    String(m(samples.baseUpdate, 'calls')),
    ratio(m(samples.ourUpdate, 'calls'), m(samples.baseUpdate, 'calls'))
  ],
  [
    'CloudFormation calls, preview',
    String(m(samples.ourPreview, 'calls')),
    String(m(samples.basePreview, 'calls')),
    ratio(m(samples.ourPreview, 'calls'), m(samples.basePreview, 'calls'))
  ],
  [
    'No-change deploy: wall time (fast path vs change-set path)',
    ms(median(unchanged.fast.map(r => r.wall))),
    ms(median(unchanged.changeSet.map(r => r.wall))),
    ratio(median(unchanged.fast.map(r => r.wall)), median(unchanged.changeSet.map(r => r.wall)))
  ],
  [
    'No-change deploy: CloudFormation calls',
    String(median(unchanged.fast.map(r => r.calls))),
    String(median(unchanged.changeSet.map(r => r.calls))),
    ratio(median(unchanged.fast.map(r => r.calls)), median(unchanged.changeSet.map(r => r.calls)))
  ],
  [
    'Cold start: `node dist/index.js` → first AWS request',
    ms(median(cold)),
    `${ms(median(bare))} (\`node -e ""\`)`,
    ratio(median(cold), median(bare))
  ],
  [
    'Start-up to an input error: `node dist/index.js` → exit',
    ms(median(inputError)),
    `${ms(median(bare))} (\`node -e ""\`)`,
    ratio(median(inputError), median(bare))
  ],
  [
    'Cold start beside the floor (SDK client + one request, bundled alike)',
    ms(median(cold)),
    ms(median(floor)),
    ratio(median(cold), median(floor))
  ],
  ...(starts.before === undefined
    ? []
    : [
        [
          `Cold start beside the round's start (dist/ as committed at ${START_REF})`,
          ms(median(cold)),
          ms(median(starts.before)),
          ratio(median(cold), median(starts.before))
        ]
      ]),
  [
    'Bundle: every code file in dist/ (source maps beside it)',
    `${(bundleBytes / 1e6).toFixed(2)} MB (${(mapBytes / 1e6).toFixed(2)} MB)`,
    `${(OFFICIAL_BUNDLE / 1e6).toFixed(2)} MB, official v2.2`,
    ratio(bundleBytes, OFFICIAL_BUNDLE)
  ],
  [
    'Download: what `uses:` fetches (the tarball of the ref), gzipped',
    `${(Number(downloadBytes) / 1e6).toFixed(2)} MB`,
    `${(OFFICIAL_DOWNLOAD / 1e6).toFixed(2)} MB, official v2.2 repository`,
    ratio(Number(downloadBytes), OFFICIAL_DOWNLOAD)
  ],
  ...scale.map(s => [
    `Preview render, ${s.n.toLocaleString('en')} changes (comment size)`,
    `${s.time.toFixed(1)} ms (${s.size.toLocaleString('en')} chars)`,
    `${scale[0]?.time.toFixed(1)} ms (200 changes)`,
    ratio(s.time, scale[0]?.time ?? 1)
  ]),
  [
    'Peak RSS, preview of 500 changes (the per-template limit)',
    `${median(rssLarge).toFixed(0)} MiB`,
    `${median(rssSmall).toFixed(0)} MiB (50 changes)`,
    ratio(median(rssLarge), median(rssSmall))
  ]
]
log('cost, drift and checks')
rows.push(...(await insightRows(RUNS, log)))
const table = [
  `| measure (median of ${RUNS}) | metaflow-deploy | baseline | ratio |`,
  '|---|---|---|---|',
  ...rows.map(r => `| ${r.join(' | ')} |`)
].join('\n')
console.log(table)
