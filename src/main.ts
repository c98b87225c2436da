import * as core from '@actions/core'
import { createClients } from './aws/clients.js'
import { systemClock, timeScaleFromEnv } from './clock.js'
import type { RunContext } from './context.js'
import { deploy, readInputs } from './deploy.js'
import { messageOf } from './errors.js'
import { coreLogger } from './log.js'
import { changeOutputs, setOutputs, type ActionOutputs } from './publish/step-outputs.js'
import { parseSettings } from './settings.js'

/**
 * settings -> template and parameters -> deploy | preview | outputs -> publish. One error boundary: whatever
 * goes wrong ends here as one clear failure.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!cancel.signal.aborted)
      core.warning(`Received ${signal}: the job is being cancelled; cleaning up what this run created.`)
    cancel.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const settings = parseSettings()
    const scale = timeScaleFromEnv(env)
    const clock = systemClock(scale)
    const ctx: RunContext = {
      settings,
      clients: createClients({ timeScale: scale }),
      clock,
      signal: cancel.signal,
      log: coreLogger,
      env,
      workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
      deadline: clock.now() + settings.timeoutMs
    }
    const outputs: ActionOutputs = {}
    switch (settings.mode) {
      case 'deploy': {
        const inputs = await readInputs(ctx)
        const result = await deploy(ctx, inputs)
        Object.assign(outputs, changeOutputs(result.counts, result.hasChanges), {
          'stack-id': result.stack.StackId ?? '',
          'stack-status': result.stack.StackStatus ?? '',
          'change-set-id': result.changeSetId
        })
        break
      }
      case 'preview':
      case 'outputs':
        throw new Error(`mode ${settings.mode} is not available yet`)
    }
    setOutputs(outputs)
  } catch (err) {
    core.setFailed(messageOf(err))
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
