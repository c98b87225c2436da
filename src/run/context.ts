import type { Stack } from '@aws-sdk/client-cloudformation'
import type { AwsClients } from '../aws/clients.js'
import type { Clock } from './clock.js'
import type { Logger } from './log.js'
import type { Settings } from '../settings/settings.js'

/** Everything a phase of the run needs, built once in orchestrate.ts and passed down. */
export interface RunContext {
  settings: Settings
  clients: AwsClients
  clock: Clock
  /** Aborted when the runner cancels the job (SIGINT, then SIGTERM). */
  signal: AbortSignal
  log: Logger
  env: NodeJS.ProcessEnv
  /** GITHUB_WORKSPACE, against which relative paths resolve. */
  workspace: string
  /** When the run must give up waiting (from timeout-minutes). */
  deadline: number
  /**
   * Every secret the run has masked so far (NoEcho values given as parameters): redacted from anything written,
   * including the reports of a run that fails before it has a result.
   */
  secrets: string[]
  /**
   * The stack as described at start-up, while the rest of the action loaded (main.ts). Taken once by the first
   * look at the stack; later looks ask CloudFormation again.
   */
  firstLook?: Promise<Stack | undefined> | undefined
}

/** The link to this workflow run (and attempt), for comments and summaries; undefined outside Actions. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_RUN_ID === undefined || env.GITHUB_REPOSITORY === undefined) return undefined
  const attempt =
    env.GITHUB_RUN_ATTEMPT !== undefined && env.GITHUB_RUN_ATTEMPT !== '1'
      ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
      : ''
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`
}
