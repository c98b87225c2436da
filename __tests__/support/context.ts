import type { AnnotationProperties } from '@actions/core'
import { createClients } from '../../src/aws/clients.js'
import { systemClock } from '../../src/run/clock.js'
import type { RunContext } from '../../src/run/context.js'
import type { Logger } from '../../src/run/log.js'
import { parseSettings } from '../../src/settings/settings.js'
import { actionInputs } from '../../harness/runner.js'
import type { Emulator } from '../../emulator/server.js'

/** A logger that records what the action would print. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = []
  readonly warnings: string[] = []
  readonly errors: { message: string; properties?: AnnotationProperties }[] = []
  readonly secrets: string[] = []
  info(message: string): void {
    this.lines.push(message)
  }
  warning(message: string): void {
    this.warnings.push(message)
    this.lines.push(`warning: ${message}`)
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.errors.push(properties === undefined ? { message } : { message, properties })
    this.lines.push(`error: ${message}`)
  }
  debug(): void {}
  secret(value: string): void {
    this.secrets.push(value)
  }
  async group<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.lines.push(`[${name}]`)
    return work()
  }
  text(): string {
    return this.lines.join('\n')
  }
}

export interface TestContext {
  ctx: RunContext
  log: RecordingLogger
  cancel: AbortController
}

/**
 * A run context as main.ts builds it, from inputs (action.yml defaults filled in), pointed at the emulator
 * through the SDK's own environment variables, with waits 100x shorter.
 */
export async function testContext(
  emulator: Emulator,
  inputs: Record<string, string>,
  workspace = process.cwd(),
  scale = 0.01
): Promise<TestContext> {
  Object.assign(process.env, emulator.env())
  const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
  const settings = await parseSettings(name => (inputs[name] ?? defaults[name] ?? '').trim(), {
    eventName: 'push'
  })
  const clock = systemClock(scale)
  const log = new RecordingLogger()
  const cancel = new AbortController()
  const env = { ...process.env, GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' }
  return {
    ctx: {
      settings,
      clients: createClients({ timeScale: scale }),
      clock,
      signal: cancel.signal,
      log,
      env,
      workspace,
      deadline: clock.now() + settings.timeoutMs,
      secrets: []
    },
    log,
    cancel
  }
}
