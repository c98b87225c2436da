import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// ACTION_DIST runs another build of the bundle (a private `ncc build -o DIR`), so parallel work need not share dist/.
export const DIST = process.env.ACTION_DIST ?? join(ROOT, 'dist', 'index.js')

/** A workflow command the action printed: `::name key=value,…::message`. */
export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
  /** Index of the line in the combined output, to check ordering. */
  line: number
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  event?: { name: string; payload: unknown }
  /** Files to create in the workspace before the run (path → content). */
  files?: Record<string, string>
  workspace?: string
  timeoutMs?: number
  /** Called for every output line as it arrives; can signal the child (for cancellation tests). */
  onLine?: (line: string, child: ChildProcess) => void
  /** The script to run; the committed bundle by default. */
  script?: string
}

export interface RunResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** stdout and stderr lines in arrival order. */
  lines: string[]
  commands: WorkflowCommand[]
  outputs: Record<string, string>
  env: Record<string, string>
  summary: string
  masks: string[]
  errors: WorkflowCommand[]
  warnings: WorkflowCommand[]
  workspace: string
  files: { output: string; env: string; summary: string; state: string; path: string; event: string }
}

interface ActionInput {
  default?: string
  required?: boolean
}

/** Inputs and their defaults, read from action.yml the way the runner does. */
export function actionInputs(): Record<string, ActionInput> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, ActionInput>
  }
  return action.inputs
}

export const FAKE_TOKEN = 'ghs_fakeInstallationToken0000000000000'

function fillDefault(value: string): string {
  // The runner evaluates expressions in defaults; `${{ github.token }}` is the only one action.yml uses.
  return value.replace(/\$\{\{\s*github\.token\s*\}\}/g, FAKE_TOKEN)
}

/** The runner's side of a step before the action starts: the workspace, the file-command files, the environment. */
export interface PreparedRun {
  workspace: string
  files: RunResult['files']
  /** The step's whole environment: the runner's variables, INPUT_* (defaults filled in), then options.env. */
  env: Record<string, string>
}

/**
 * Sets up a step as the GitHub runner does: INPUT_* variables (hyphens kept, defaults filled in), fresh
 * GITHUB_OUTPUT/GITHUB_ENV/GITHUB_STEP_SUMMARY files, the event payload and the workspace's files. Shared by the
 * child-process run below and the in-process one (__tests__/support/in-process.ts).
 */
export function prepareRun(
  options: Pick<RunOptions, 'inputs' | 'env' | 'event' | 'files' | 'workspace'>
): PreparedRun {
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'mfd-ws-'))
  const runnerTemp = mkdtempSync(join(tmpdir(), 'mfd-runner-'))
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true })
    writeFileSync(join(workspace, path), content)
  }
  const files = {
    output: join(runnerTemp, 'output'),
    env: join(runnerTemp, 'env'),
    summary: join(runnerTemp, 'summary'),
    state: join(runnerTemp, 'state'),
    path: join(runnerTemp, 'path'),
    event: join(runnerTemp, 'event.json')
  }
  for (const file of [files.output, files.env, files.summary, files.state, files.path])
    writeFileSync(file, '')
  const event = options.event ?? { name: 'push', payload: {} }
  writeFileSync(files.event, JSON.stringify(event.payload))

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // The SDK's notice that its 2027 releases need Node 22 says nothing about the action under test.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    HOME: join(runnerTemp, 'home'),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/ml-infra',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: '4f2c0d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '7001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '12',
    GITHUB_JOB: 'deploy',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.invalid',
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    ...options.env
  }
  mkdirSync(env.HOME as string, { recursive: true })
  for (const [name, spec] of Object.entries(actionInputs())) {
    const given = options.inputs[name]
    const value = given ?? (spec.default === undefined ? '' : fillDefault(spec.default))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const name of Object.keys(options.inputs)) {
    if (!(name in actionInputs()))
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = options.inputs[name] as string
  }
  return { workspace, files, env }
}

/** What the step printed and how it ended, as the runner saw it. */
export interface StepOutput {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** stdout and stderr lines in arrival order. */
  lines: string[]
}

/** Reads back everything a finished step wrote: its commands, outputs, exported variables and job summary. */
export function collectResult(prepared: PreparedRun, step: StepOutput): RunResult {
  const { files, workspace } = prepared
  const commands = parseCommands(step.lines)
  return {
    ...step,
    commands,
    outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
    env: parseFileCommand(readFileSync(files.env, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    masks: commands.filter(c => c.command === 'add-mask').map(c => c.message),
    errors: commands.filter(c => c.command === 'error'),
    warnings: commands.filter(c => c.command === 'warning'),
    workspace,
    files
  }
}

/** Output text cut into lines as the runner's reader (.NET ReadLine) cuts it: at \n, \r\n and a bare \r. */
export function runnerLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/**
 * Runs the bundled action in a child process exactly as the GitHub runner does (see prepareRun), cwd =
 * workspace, stdin closed. Everything it wrote is parsed back for assertions.
 */
export async function runAction(options: RunOptions): Promise<RunResult> {
  const prepared = prepareRun(options)
  // ACTION_NODE runs the bundle under another Node, such as the node24 that action.yml names (see .ci/run).
  const node = process.env.ACTION_NODE ?? process.execPath
  const child = spawn(node, [options.script ?? DIST], {
    cwd: prepared.workspace,
    env: prepared.env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  let stdout = ''
  let stderr = ''
  const collect = (stream: NodeJS.ReadableStream, append: (text: string) => void): void => {
    let pending = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      append(chunk)
      pending += chunk
      let newline = pending.indexOf('\n')
      while (newline >= 0) {
        // The runner's reader (.NET ReadLine) also ends a line at a bare \r.
        const raw = pending.slice(0, newline).replace(/\r$/, '')
        pending = pending.slice(newline + 1)
        for (const line of raw.split('\r')) {
          lines.push(line)
          options.onLine?.(line, child)
        }
        newline = pending.indexOf('\n')
      }
    })
    stream.on('end', () => {
      if (pending !== '') lines.push(pending)
    })
  }
  collect(child.stdout, text => (stdout += text))
  collect(child.stderr, text => (stderr += text))
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(done =>
    child.on('close', (code, sig) => done([code, sig]))
  )
  clearTimeout(timeout)
  return collectResult(prepared, { exitCode, signal, stdout, stderr, lines })
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

/**
 * The workflow commands in the output, read as the runner reads them (actions/runner ActionCommand.cs): `::cmd::`
 * at the start of a line after leading white space (TrimStart), and the legacy `##[cmd]` anywhere in a line.
 */
export function parseCommands(lines: string[]): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  lines.forEach((line, index) => {
    const legacy = /##\[([a-zA-Z-]+)(?: ([^\]]*))?\](.*)$/.exec(line)
    if (legacy !== null) {
      commands.push({ command: legacy[1] as string, properties: {}, message: legacy[3] ?? '', line: index })
      return
    }
    const match = /^[\s\u0085]*::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (match === null) return
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
    commands.push({
      command: match[1] as string,
      properties,
      message: unescapeData(match[3] ?? ''),
      line: index
    })
  })
  return commands
}

/** Parses GITHUB_OUTPUT / GITHUB_ENV: `name<<delimiter` heredocs, and the older `name=value` lines. */
export function parseFileCommand(content: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = content.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++] as string)
      if (i >= lines.length) throw new Error(`unterminated heredoc for ${name}`)
      result[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq > 0) result[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return result
}
