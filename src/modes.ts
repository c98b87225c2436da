import * as core from '@actions/core'
import type { AwsClients } from './aws/clients.js'
import { systemClock } from './clock.js'
import type { Stack } from '@aws-sdk/client-cloudformation'
import type { RunContext } from './context.js'
import { deploy, readInputs } from './deploy.js'
import { DeployError, messageOf, StackOperationFailed } from './errors.js'
import { coreLogger } from './log.js'
import { preview, runUrl } from './preview.js'
import { postPreviewComment } from './publish/comment.js'
import { publishStack, type Sink } from './publish/outputs.js'
import { writeFailureSummary, writeSummary } from './publish/summary.js'
import { changeOutputs, setOutputs, type ActionOutputs } from './publish/step-outputs.js'
import { settledState } from './stack/lifecycle.js'
import type { Settings } from './settings.js'
import { BUNDLED_MAX_STACK_NAME } from './template/bundled.js'

/**
 * settings -> template and parameters -> deploy | preview | outputs -> publish. One error boundary: whatever
 * goes wrong ends here as one clear failure.
 */
export async function runMode(launch: Launch, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!cancel.signal.aborted)
      core.warning(`Received ${signal}: the job is being cancelled; cleaning up what this run created.`)
    cancel.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const { settings, clients, firstLook, scale } = launch
    const clock = systemClock(scale)
    const ctx: RunContext = {
      settings,
      clients,
      firstLook,
      clock,
      signal: cancel.signal,
      log: coreLogger,
      env,
      workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
      deadline: clock.now() + settings.timeoutMs
    }
    if (settings.template.kind === 'bundled' && settings.stackName.length > BUNDLED_MAX_STACK_NAME) {
      core.warning(
        `stack-name "${settings.stackName}" has ${settings.stackName.length} characters; the bundled template names its migration function <stack-name>-migrate-db, which Lambda limits to 64 characters, so keep stack-name to ${BUNDLED_MAX_STACK_NAME} or fewer.`
      )
    }
    const outputs: ActionOutputs = {}
    switch (settings.mode) {
      case 'deploy': {
        const result = await deploy(ctx, await readInputs(ctx))
        // Set at once, so that a failure while publishing still reports what was deployed.
        setOutputs({
          ...changeOutputs(result.counts, result.hasChanges),
          'stack-id': result.stack.StackId ?? '',
          'stack-status': result.stack.StackStatus ?? '',
          'change-set-id': result.changeSetId
        })
        const published = await publishStack(ctx, result.stack, coreSink)
        Object.assign(outputs, published.outputs)
        await writeSummary({
          kind: 'deploy',
          stackName: settings.stackName,
          environment: settings.environment,
          region: await ctx.clients.region(),
          operation: result.operation,
          changes: result.changes,
          parameters: result.parameterChanges,
          commitSha: env.GITHUB_SHA ?? '',
          runUrl: runUrl(env),
          status: result.stack.StackStatus ?? '',
          outputs: published.stackOutputs,
          secrets: [
            ...result.secrets,
            ...(published.outputs['api-key'] === undefined ? [] : [published.outputs['api-key']])
          ]
        })
        break
      }
      case 'preview': {
        const result = await preview(ctx, await readInputs(ctx))
        setOutputs({
          ...changeOutputs(result.counts, result.hasChanges),
          'change-set-id': result.changeSetId,
          ...(result.stack === undefined
            ? {}
            : { 'stack-id': result.stack.StackId ?? '', 'stack-status': result.stack.StackStatus ?? '' })
        })
        await writeSummary(result.report)
        if (settings.comment) {
          const url = await postPreviewComment(ctx, result.report)
          if (url !== undefined) outputs['comment-url'] = url
        }
        break
      }
      case 'outputs': {
        const stack = await readDeployedStack(ctx)
        setOutputs({ 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' })
        Object.assign(outputs, (await publishStack(ctx, stack, coreSink)).outputs)
        break
      }
    }
    setOutputs(outputs)
  } catch (err) {
    if (err instanceof StackOperationFailed) {
      await writeFailureSummary({
        stackName: err.stackName,
        environment: launch.settings.environment,
        region: await launch.clients.region(),
        status: err.status,
        failures: err.failures,
        commitSha: env.GITHUB_SHA ?? '',
        runUrl: runUrl(env),
        secrets: err.secrets
      })
    }
    core.setFailed(messageOf(err))
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** What main.ts hands over: validated settings, the clients, and the first look at the stack, already on its way. */
export interface Launch {
  settings: Settings
  clients: AwsClients
  firstLook: Promise<Stack | undefined>
  scale: number
}

const coreSink: Sink = {
  setOutput: (name, value) => core.setOutput(name, value),
  exportVariable: (name, value) => core.exportVariable(name, value)
}

/** mode outputs: the deployed stack, read-only (waiting, if another run is changing it, until it settles). */
async function readDeployedStack(ctx: RunContext): Promise<Stack> {
  const state = await settledState(ctx)
  const name = ctx.settings.stackName
  switch (state.kind) {
    case 'absent':
      throw new DeployError(
        `Stack ${name} does not exist. mode: outputs reads a deployed stack; deploy it first (mode: deploy), and check stack-name and the region.`
      )
    case 'stable':
      return state.stack
    default:
      throw new DeployError(
        `Stack ${name} is ${state.stack.StackStatus ?? ''}, so it has no usable outputs. Deploy it successfully first.`
      )
  }
}
