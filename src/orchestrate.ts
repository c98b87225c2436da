import * as core from '@actions/core'
import type { Stack } from '@aws-sdk/client-cloudformation'
import type { AwsClients } from './aws/clients.js'
import { systemClock } from './run/clock.js'
import { runUrl, type RunContext } from './run/context.js'
import { deploy } from './modes/deploy.js'
import { DeployError, explainFirstRunError, messageOf, StackOperationFailed } from './run/errors.js'
import { executePlanned } from './modes/execute.js'
import { coreLogger, debugSettings } from './run/log.js'
import { countOutcome, type StackOutcome } from './run/outcome.js'
import { preview } from './modes/preview.js'
import { writeChangesFile } from './publish/changes-file.js'
import { postFailedPreviewComment, postPreviewComment } from './publish/preview-comment.js'
import { publishStack, type Sink } from './publish/outputs.js'
import { changeOutputs, setOutputs, type ActionOutputs } from './publish/step-outputs.js'
import { writeFailedPreviewSummary, writeFailureSummary, writeSummary } from './publish/summary.js'
import type { ChangeReport } from './render/render-report.js'
import { reportFromOutcome } from './render/from-outcome.js'
import type { Settings } from './settings/settings.js'
import { readStackRequest } from './template/stack-request.js'
import { readDeployedStack } from './modes/outputs.js'
import { BUNDLED_MAX_STACK_NAME } from './template/bundled.js'
import { failAfterReport, FailedAfterReport, insightOutputs } from './insight/gather.js'

/**
 * The run, phase by phase: settings -> template and parameters -> deploy | execute | plan | preview | outputs ->
 * publish (outputs, changes file, key, config, summary, comment). One error boundary: whatever goes wrong ends
 * here as one clear failure.
 */
export async function runMode(launch: Launch, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!cancel.signal.aborted)
      coreLogger.warning(`Received ${signal}: the job is being cancelled; cleaning up what this run created.`)
    cancel.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const { settings, clients, firstLook, scale } = launch
  // Every AWS call in flight, and every retry backoff, ends when the job is cancelled or timeout-minutes runs
  // out, even a call that hangs. A little grace lets the watch's own "timed out, the stack is X" message come first.
  clients.interruptOn(cancel.signal, 'the job was cancelled')
  const grace = Math.ceil(Math.min(5_000, settings.timeoutMs * 0.05))
  const deadline = AbortSignal.timeout(settings.timeoutMs + grace)
  clients.interruptOn(deadline, `timeout-minutes (${Math.round(settings.timeoutMs / 600) / 100}) ran out`)
  if (coreLogger.isDebug()) debugSettings(settings, coreLogger)
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
    deadline: clock.now() + settings.timeoutMs,
    secrets: []
  }
  try {
    warnAboutSettings(ctx)
    const outputs = await runPhases(ctx)
    setOutputs(outputs)
  } catch (raw) {
    const err = explainFirstRunError(raw, env)
    await reportFailure(ctx, err)
    coreLogger.fail(messageOf(err))
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

async function runPhases(ctx: RunContext): Promise<ActionOutputs> {
  const { settings } = ctx
  switch (settings.mode) {
    case 'deploy':
    case 'execute': {
      const outcome =
        settings.mode === 'deploy'
          ? await deploy(ctx, await readStackRequest(ctx))
          : await executePlanned(ctx)
      const stack = outcome.stack
      if (stack === undefined)
        throw new DeployError(`Stack ${settings.stackName} does not exist after the run.`)
      // Set at once, so that a failure while publishing still reports what was deployed.
      const outputs = changeOutcomeOutputs(ctx, outcome)
      setOutputs({ ...outputs, 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' })
      const published = await publishStack(ctx, stack, coreSink)
      const apiKey = published.outputs['api-key']
      await writeSummary({
        ...(await reportOf(ctx, outcome, 'deploy')),
        status: stack.StackStatus ?? '',
        outputs: published.stackOutputs,
        secrets: [...outcome.secrets, ...(apiKey === undefined ? [] : [apiKey])]
      })
      return { ...outputs, ...published.outputs }
    }
    case 'preview':
    case 'plan': {
      const keep = settings.mode === 'plan'
      const outcome = await preview(ctx, await readStackRequest(ctx), keep)
      const outputs: ActionOutputs = {
        ...changeOutcomeOutputs(ctx, outcome),
        ...(outcome.stack === undefined
          ? {}
          : { 'stack-id': outcome.stack.StackId ?? '', 'stack-status': outcome.stack.StackStatus ?? '' })
      }
      setOutputs(outputs)
      const report = await reportOf(ctx, outcome, 'preview')
      await writeSummary(report)
      if (settings.comment) {
        const url = await postPreviewComment(ctx, report)
        if (url !== undefined) outputs['comment-url'] = url
      }
      setOutputs(outputs)
      failAfterReport(outcome.insight)
      return outputs
    }
    case 'outputs': {
      const stack = await readDeployedStack(ctx)
      setOutputs({ 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' })
      return (await publishStack(ctx, stack, coreSink)).outputs
    }
  }
}

/** The change outputs every change-set mode sets, and the changes file they point to. */
function changeOutcomeOutputs(ctx: RunContext, outcome: StackOutcome): ActionOutputs {
  const counts = countOutcome(outcome)
  const path = writeChangesFile(
    ctx.env,
    {
      stackName: ctx.settings.stackName,
      environment: ctx.settings.environment,
      region: ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION ?? '',
      mode: ctx.settings.mode,
      operation: outcome.operation,
      changeSetId: outcome.changeSetId,
      hasChanges: outcome.hasChanges,
      counts,
      parameterChanges: outcome.parameterChanges,
      parameters: outcome.parameters,
      changes: outcome.changes,
      nested: outcome.nested,
      dataLoss: outcome.dataLoss
    },
    outcome.secrets
  )
  return {
    ...changeOutputs(counts, outcome.hasChanges),
    'change-set-id': outcome.changeSetId,
    'changes-file': path,
    ...insightOutputs(outcome.insight)
  }
}

/** The outcome as the renderer reads it, for the job summary and the pull-request comment. */
async function reportOf(
  ctx: RunContext,
  outcome: StackOutcome,
  kind: ChangeReport['kind']
): Promise<ChangeReport> {
  return reportFromOutcome(outcome, {
    kind,
    stackName: ctx.settings.stackName,
    environment: ctx.settings.environment,
    region: await ctx.clients.region(),
    commitSha: ctx.env.GITHUB_SHA ?? '',
    runUrl: runUrl(ctx.env)
  })
}

/** Warnings about the run itself, before any AWS call. */
function warnAboutSettings(ctx: RunContext): void {
  const { settings, log } = ctx
  if (settings.template.kind === 'bundled' && settings.stackName.length > BUNDLED_MAX_STACK_NAME) {
    log.warning(
      `stack-name "${settings.stackName}" has ${settings.stackName.length} characters; the bundled template names its migration function <stack-name>-migrate-db, which Lambda limits to 64 characters, so keep stack-name to ${BUNDLED_MAX_STACK_NAME} or fewer.`
    )
  }
  if (
    settings.eventName === 'pull_request_target' &&
    (settings.mode === 'preview' || settings.mode === 'plan')
  ) {
    log.warning(
      "This preview runs on pull_request_target, with this repository's secrets and AWS role. The workflow must not check out the pull request's head (its template and parameters) in this job: anyone who opens a pull request could run code or deploy with them. Use pull_request, or check out the base branch only."
    )
  }
}

/**
 * Where a failure is reported besides the step's error: a failed deploy's summary lists every failed resource; a
 * failed preview or plan replaces the pull request's comment, so an earlier green preview never stays up.
 */
async function reportFailure(ctx: RunContext, err: unknown): Promise<void> {
  const { settings } = ctx
  // The comment and summary already say why (cost over the limit, a failed check): they stay as written.
  if (err instanceof FailedAfterReport) return
  try {
    if (settings.mode === 'preview' || settings.mode === 'plan') {
      const failure = {
        stackName: settings.stackName,
        environment: settings.environment,
        region: await ctx.clients.region(),
        reason: messageOf(err),
        commitSha: ctx.env.GITHUB_SHA ?? '',
        runUrl: runUrl(ctx.env),
        secrets: ctx.secrets
      }
      await writeFailedPreviewSummary(failure, ctx.log)
      if (settings.comment) await postFailedPreviewComment(ctx, failure)
      return
    }
  } catch (reportErr) {
    ctx.log.warning(
      `Could not report the failed ${settings.mode} on the pull request: ${messageOf(reportErr)}`
    )
    return
  }
  if (!(err instanceof StackOperationFailed)) return
  await writeFailureSummary({
    stackName: err.stackName,
    environment: ctx.settings.environment,
    region: await ctx.clients.region(),
    status: err.status,
    failures: err.failures,
    commitSha: ctx.env.GITHUB_SHA ?? '',
    runUrl: runUrl(ctx.env),
    secrets: err.secrets
  })
}

const coreSink: Sink = {
  setOutput: (name, value) => core.setOutput(name, value),
  exportVariable: (name, value) => core.exportVariable(name, value)
}
