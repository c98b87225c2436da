/**
 * `npm run demo`: the main job, end to end, with no AWS account. Starts the embedded CloudFormation/API Gateway/S3
 * emulator and a GitHub API fake on 127.0.0.1, then runs the bundled action (dist/index.js) exactly as the GitHub
 * runner would through what people pick it for: a create with GPU and UI, a pull request's preview comment, the
 * update deployed, a pull request that would replace the database refused, a failed deploy explained and rolled
 * back, and a rerun with nothing to change. Each step has an expected exit code; the demo fails only when one differs.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { startEmulator } from '../emulator/server.js'
import { startGitHubFake } from '../harness/github-fake.js'
import { bundledTemplateWithRenamedDatabase } from '../harness/bundled-template.js'
import { attachMetaflowService } from '../harness/metaflow-service.js'
import { ROOT, runAction, type RunResult } from '../harness/runner.js'
import { compactTemplate } from '../src/template/compact.js'

/**
 * The exit expected of the refused database replacement (step 4): 1 with `fail-on-data-loss`. A build without that
 * input only reports the loss and exits 0; set 0 here to demo such a build.
 */
const DATA_LOSS_EXIT = 1
/** Emulator waits: slow enough to watch the events stream; the six steps take about half a minute. */
const TIMING = { changeSetMs: 400, resourceMs: 300, changeSetDeleteMs: 200 }
const STACK = 'metaflow-demo'
/** Where the preview comments the GitHub fake received are written (ignored by git), to open as a reviewer would. */
const OUTPUT_DIR = join(ROOT, 'demo-output')
/** The database-renaming template of step 4, as the workspace (the repository) holds it. */
const RENAMED_DB = relative(ROOT, join(OUTPUT_DIR, 'metaflow-renamed-db.json'))

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)
const dim = (text: string): string => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text)

/** Values registered with ::add-mask::, replaced by *** in everything printed after, as the runner does. */
const masks: string[] = []
const masked = (text: string): string => masks.reduce((out, secret) => out.split(secret).join('***'), text)
const NODE20_NOTICE =
  /NodeVersionSupportWarning|versions published after|require node >=22|continue receiving updates|security updates please|a\.co\/c895JFp|trace-warnings/

/** Shows the runner's view of a line: groups as headings, masked values hidden. */
function show(raw: string): void {
  if (raw.startsWith('::add-mask::')) {
    masks.push(raw.slice('::add-mask::'.length))
    return
  }
  const line = masked(raw)
  if (line.startsWith('::group::')) console.log(bold(`▸ ${line.slice(9)}`))
  else if (line.startsWith('::error')) console.log(`Error: ${line.replace(/^::error[^:]*::/, '')}`)
  else if (line.startsWith('::warning')) console.log(`Warning: ${line.replace(/^::warning[^:]*::/, '')}`)
  else if (line.startsWith('::') || NODE20_NOTICE.test(line) || line.trim() === '') return
  else console.log(`  ${line}`)
}

/** The step's outputs, each on one line: a long or multi-line value (such as changes-markdown) is cut. */
function showOutputs(result: RunResult): void {
  for (const [key, raw] of Object.entries(result.outputs)) {
    const value = masked(raw)
    const line = value.split('\n')[0] ?? ''
    const cut = line.length > 107 || line !== value
    console.log(dim(`  ${key} = ${cut ? `${line.slice(0, 107)}...` : line}`))
  }
}

interface Step {
  title: string
  inputs: Record<string, string>
  expectedExit: number
  /** Runs as this pull request's `pull_request` event; the comment the fake GitHub received is written to a file. */
  pullRequest?: number
  /** A resource the emulator fails during this step's update, with the reason CloudFormation reports. */
  failing?: { logicalId: string; reason: string }
}

// The dev parameters plus the optional ML features: a GPU compute environment and queue, and the UI behind HTTPS
// and a Cognito login (the certificate and domain are placeholders the emulator accepts).
const CREATE = {
  'parameters-file': 'templates/params/dev.yml',
  parameters: [
    'EnableGPU=true',
    'EnableUI=true',
    'UICertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/0f7e2a9c-1b3d-4e5f-8a6b-7c8d9e0f1a2b',
    'UIDomainName=metaflow.example.com'
  ].join('\n')
}
// Parameters not given keep their deployed values, so each change names only what it changes.
const UPDATE = { parameters: 'APIBasicAuth=false\nBatchRootVolumeSize=80' }
// A pull request that renames the database: RDS can only do that by replacing the instance with a new, empty one.
function renamedDbTemplate(): string {
  // Compact, as the action sends the bundled template: the commented YAML is over CloudFormation's inline limit.
  return compactTemplate(bundledTemplateWithRenamedDatabase())
}

const STEPS: Step[] = [
  { title: '1. Create the stack with GPU and UI', inputs: CREATE, expectedExit: 0 },
  {
    title: "2. Preview a pull request's update: API auth off, bigger Batch root volumes",
    inputs: { ...UPDATE, mode: 'preview' },
    pullRequest: 12,
    expectedExit: 0
  },
  { title: '3. Deploy that update', inputs: UPDATE, expectedExit: 0 },
  {
    title: '4. Preview a pull request that would replace the database',
    inputs: { template: RENAMED_DB, mode: 'preview', 'fail-on-data-loss': 'true' },
    pullRequest: 13,
    expectedExit: DATA_LOSS_EXIT
  },
  {
    title: '5. A deploy that fails: the compute environment refuses the new size',
    inputs: { parameters: 'MaxVCPUBatch=128' },
    failing: {
      logicalId: 'ComputeEnvironment',
      reason:
        'Resource handler returned message: "maxvCpus exceeds the vCPU quota of this account" (Service: Batch, Status Code: 400)'
    },
    expectedExit: 1
  },
  { title: '6. Run again with nothing to change', inputs: UPDATE, expectedExit: 0 }
]

mkdirSync(OUTPUT_DIR, { recursive: true })
writeFileSync(join(ROOT, RENAMED_DB), renamedDbTemplate())
const emulator = await startEmulator({ timing: TIMING })
// The Metaflow service each deploy migrates and verifies: a stand-in (harness/metaflow-service.ts).
const service = await attachMetaflowService(emulator)
const github = await startGitHubFake()
console.log(
  bold(`CloudFormation emulator on ${emulator.url}, GitHub API fake on ${github.url} (no accounts needed)`)
)

/** The event a pull request's workflow run gets (docs.github.com, "Events that trigger workflows"). */
function pullRequestEvent(pr: number): { name: string; payload: unknown } {
  return {
    name: 'pull_request',
    payload: { action: 'synchronize', number: pr, pull_request: { number: pr } }
  }
}

/** Runs one step as the runner would, shows what a person would see, and returns its exit code. */
async function runStep(step: Step): Promise<number | null> {
  console.log(bold(`\n=== ${step.title}`))
  if (step.failing !== undefined) emulator.failResource({ ...step.failing, during: 'update' })
  const pr = step.pullRequest
  const result = await runAction({
    inputs: { 'stack-name': STACK, environment: 'dev', mode: 'deploy', ...step.inputs },
    workspace: ROOT,
    env: { ...emulator.env(), GITHUB_API_URL: github.url },
    ...(pr === undefined ? {} : { event: pullRequestEvent(pr) }),
    onLine: show
  }).finally(() => emulator.clearFailures())
  showOutputs(result)
  if (pr !== undefined) {
    const comment = github.comments.filter(c => c.issue_number === pr).at(-1)
    const file = join(OUTPUT_DIR, `pr-${pr}-comment.md`)
    writeFileSync(file, comment?.body ?? '(no comment was posted)\n')
    console.log(bold(`  The comment on pull request #${pr}: ${relative(process.cwd(), file)}`))
  }
  console.log(dim(`  The stack is now ${emulator.cloudformation.findStack(STACK)?.status ?? 'absent'}`))
  console.log(bold(`${step.title}: exit ${result.exitCode} (expected ${step.expectedExit})`))
  return result.exitCode
}

try {
  const differed: string[] = []
  for (const step of STEPS) {
    const exit = await runStep(step)
    if (exit !== step.expectedExit)
      differed.push(`${step.title} (exit ${exit}, expected ${step.expectedExit})`)
  }
  const calls = emulator.requests.filter(r => r.service === 'cloudformation').length
  console.log(
    dim(`\n${calls} CloudFormation calls in all; the emulator's request log is what the tests assert on.`)
  )
  if (differed.length > 0) process.exitCode = 1
  console.log(
    bold(
      differed.length === 0
        ? `demo: ${STEPS.length} steps as expected`
        : `demo: not as expected: ${differed.join('; ')}`
    )
  )
} finally {
  await emulator.close()
  await service.close()
  await github.close()
}
