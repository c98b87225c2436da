/**
 * The whole action run inside the test's own process, as the runner would run dist/index.js: the same INPUT_*
 * variables, file-command files, event payload and workspace (harness/runner.ts prepareRun), then src/main.ts's
 * `run()` (settings, clients, the first look, runMode), with everything the runner reads collected back into the
 * same RunResult the bundled runs give: exit code, lines, workflow commands, masks, outputs, exported variables
 * and the job summary. It costs milliseconds where a child process costs about a second, and it runs src/, so a
 * bug planted there turns it red without a rebuild of dist/.
 *
 * How to use it (see __tests__/integration/run-in-process.test.ts):
 * - `runInProcess(emulator, { inputs, files, event, env })`, as `runAgainst` for the bundle; waits are scaled down
 *   100x (METAFLOW_DEPLOY_TIME_SCALE), as there.
 * - process.env is the step's environment for the length of the run only, then restored; process.exitCode (which
 *   @actions/core's setFailed sets) is read into `exitCode` and reset, so a failed run never fails jest itself.
 * - stdout and stderr are captured (not printed) during the run. Runs in one test file must not overlap.
 * - @actions/github reads GITHUB_API_URL once per test file (when first loaded): runs that post a comment in one
 *   file must share one GitHub fake (start it in beforeAll and pass its url as env.GITHUB_API_URL each time).
 *   A run that would reach another url throws here rather than post to the wrong place.
 * What it cannot show: the bundle itself (ncc's output, start-up), signals from outside, and a process that
 * never exits. Those stay with the e2e suite.
 */
import { run } from '../../src/main.js'
import {
  collectResult,
  prepareRun,
  runnerLines,
  type RunOptions,
  type RunResult
} from '../../harness/runner.js'
import type { Emulator } from '../../emulator/server.js'

export type InProcessOptions = Pick<RunOptions, 'inputs' | 'env' | 'event' | 'files' | 'workspace'>

/** Variables of the test process that would leak into the step: the runner starts the action without them. */
const OUTSIDE = /^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|AWS_|METAFLOW_|HTTPS?_PROXY$|NO_PROXY$|ALL_PROXY$)/i

/** The GITHUB_API_URL that @actions/github took when first loaded in this test file, once a run could post. */
let githubApiUrl: string | undefined

/** Runs the action in this process against the emulator, with waits 100x shorter (as `runAgainst` does). */
export function runInProcess(emulator: Emulator, options: InProcessOptions): Promise<RunResult> {
  return runActionInProcess({
    ...options,
    env: { ...emulator.env(), METAFLOW_DEPLOY_TIME_SCALE: '0.01', ...options.env }
  })
}

/** Runs the action in this process with exactly the step environment `options` describe. */
export async function runActionInProcess(options: InProcessOptions): Promise<RunResult> {
  const prepared = prepareRun(options)
  checkGitHubUrl(prepared.env)
  const savedEnv = { ...process.env }
  const savedExitCode = process.exitCode
  const savedCwd = process.cwd()
  const stdoutWrite = process.stdout.write.bind(process.stdout)
  const stderrWrite = process.stderr.write.bind(process.stderr)
  let combined = ''
  let stdout = ''
  let stderr = ''
  const capture =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      append(text)
      combined += text
      const done = rest.find(arg => typeof arg === 'function') as (() => void) | undefined
      done?.()
      return true
    }
  process.exitCode = undefined
  for (const name of Object.keys(process.env)) if (OUTSIDE.test(name)) delete process.env[name]
  Object.assign(process.env, prepared.env)
  process.chdir(prepared.workspace)
  process.stdout.write = capture(text => (stdout += text))
  process.stderr.write = capture(text => (stderr += text))
  let exitCode: number
  try {
    await run(process.env)
    exitCode = Number(process.exitCode ?? 0)
  } finally {
    process.stdout.write = stdoutWrite
    process.stderr.write = stderrWrite
    process.chdir(savedCwd)
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name]
    Object.assign(process.env, savedEnv)
    process.exitCode = savedExitCode
  }
  return collectResult(prepared, { exitCode, signal: null, stdout, stderr, lines: runnerLines(combined) })
}

function checkGitHubUrl(env: Record<string, string>): void {
  // Only a pull-request run can load @actions/github (to write its comment).
  if (env.GITHUB_EVENT_NAME === undefined || !env.GITHUB_EVENT_NAME.startsWith('pull_request')) return
  const url = env.GITHUB_API_URL
  if (githubApiUrl === undefined) githubApiUrl = url
  else if (url !== githubApiUrl) {
    throw new Error(
      `@actions/github already took GITHUB_API_URL ${githubApiUrl} in this test file; runs that comment must share one GitHub fake (start it in beforeAll), not ${url ?? '(unset)'}.`
    )
  }
}
