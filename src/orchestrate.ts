import * as core from '@actions/core'
import type { Stack } from '@aws-sdk/client-cloudformation'
import type { AwsClients } from './aws/clients.js'
import { systemClock } from './run/clock.js'
import { runUrl, type RunContext } from './run/context.js'
import { deploy } from './modes/deploy.js'
import {
  DeployError,
  explainAwsError,
  explainFirstRunError,
  InputError,
  messageOf,
  StackOperationFailed
} from './run/errors.js'
import { executePlanned } from './modes/execute.js'
import { coreLogger, debugSettings } from './run/log.js'
import { countOutcome, type StackOutcome } from './run/outcome.js'
import { preview } from './modes/preview.js'
import { writeChangesFile } from './publish/changes-file.js'
import { COMMENT_LIMIT, postFailedPreviewComment, postPreviewComment } from './publish/preview-comment.js'
import { publishStack, type Sink } from './publish/outputs.js'
import { changeOutputs, dataLossOutput, setOutputs, type ActionOutputs } from './publish/step-outputs.js'
import {
  writeFailedPreviewSummary,
  writeFailureSummary,
  writeRefusalSummary,
  writeSummary
} from './publish/summary.js'
import { renderReport, type ChangeReport } from './render/render-report.js'
import { verdictPath } from './render/report.js'
import { DataLossRefused } from './guards/data-loss-guard.js'
import { labelPullRequest, labelStateOf } from './publish/pr-label.js'
import { reportFromOutcome } from './render/from-outcome.js'
import type { Settings } from './settings/settings.js'
import { readStackRequest, type StackRequest } from './template/stack-request.js'
import { checkCapabilities } from './template/capabilities.js'
import { ENVIRONMENT_TAG } from './settings/settings.js'
import { readDeployedStack } from './modes/outputs.js'
import { BUNDLED_MAX_STACK_NAME } from './template/bundled.js'
import { insightOutputs, notReadyReason } from './insight/gather.js'

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
    await refuseWrongTarget(ctx)
    const { outputs, failure } = await runPhases(ctx)
    setOutputs(outputs)
    // After everything is published: the comment, the summary and the outputs tell why the step failed.
    if (failure !== undefined) coreLogger.fail(failure)
  } catch (raw) {
    const explained = explainAwsError(explainFirstRunError(raw, env), {
      capabilities: settings.capabilities,
      roleArn: settings.roleArn,
      timeoutMs: settings.timeoutMs,
      elapsedMs: clock.now() - (ctx.deadline - settings.timeoutMs)
    })
    const err = await explainStackFailure(ctx, explained)
    await reportFailure(ctx, err)
    const where = fileAnnotation(err, settings)
    if (where === undefined) coreLogger.fail(messageOf(err))
    else {
      // The annotation points at the file and line in the pull request's "Files changed" view.
      coreLogger.error(messageOf(err), where)
      process.exitCode = 1
    }
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** A stack operation that failed on an ECS service gets its tasks' reasons (src/metaflow/, loaded only then). */
async function explainStackFailure(ctx: RunContext, err: unknown): Promise<unknown> {
  if (!(err instanceof StackOperationFailed) || !err.failures.some(f => f.type === 'AWS::ECS::Service'))
    return err
  return (await import('./metaflow/stack-failure.js')).withServiceDiagnosis(ctx, err)
}

/** What main.ts hands over: validated settings, the clients, and the first look at the stack, already on its way. */
export interface Launch {
  settings: Settings
  clients: AwsClients
  firstLook: Promise<Stack | undefined>
  scale: number
}

/** What the phases published, and why the step fails although they all ran (fail-on-data-loss). */
interface PhasesResult {
  outputs: ActionOutputs
  failure?: string | undefined
}

async function runPhases(ctx: RunContext): Promise<PhasesResult> {
  const { settings } = ctx
  switch (settings.mode) {
    case 'deploy':
    case 'execute': {
      const outcome =
        settings.mode === 'deploy' ? await deploy(ctx, await checkedRequest(ctx)) : await executePlanned(ctx)
      const stack = outcome.stack
      if (stack === undefined)
        throw new DeployError(`Stack ${settings.stackName} does not exist after the run.`)
      // Set at once, so that a failure while publishing still reports what was deployed.
      const outputs = changeOutcomeOutputs(ctx, outcome)
      setOutputs({ ...outputs, 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' })
      const published = await publishStack(ctx, stack, coreSink)
      const apiKey = published.outputs['api-key']
      const report: ChangeReport = {
        ...(await reportOf(ctx, outcome, 'deploy')),
        status: stack.StackStatus ?? '',
        outputs: published.stackOutputs,
        secrets: [...outcome.secrets, ...(apiKey === undefined ? [] : [apiKey])]
      }
      await writeSummary(report)
      const service = await serviceStep(ctx, published.stackOutputs, apiKey, outcome)
      return {
        outputs: { ...outputs, ...published.outputs, 'changes-markdown': changesMarkdown(report), ...service }
      }
    }
    case 'preview':
    case 'plan': {
      const keep = settings.mode === 'plan'
      const outcome = await preview(ctx, await checkedRequest(ctx), keep)
      const outputs: ActionOutputs = {
        ...changeOutcomeOutputs(ctx, outcome),
        ...(outcome.stack === undefined
          ? {}
          : { 'stack-id': outcome.stack.StackId ?? '', 'stack-status': outcome.stack.StackStatus ?? '' })
      }
      const report = await reportOf(ctx, outcome, settings.mode)
      outputs['changes-markdown'] = changesMarkdown(report)
      setOutputs(outputs)
      await writeSummary(report)
      if (settings.comment) {
        const url = await postPreviewComment(ctx, report)
        if (url !== undefined) outputs['comment-url'] = url
      }
      if (settings.labels) await labelPullRequest(ctx, labelStateOf(outcome))
      const failures = [dataLossFailure(ctx, outcome), notReadyReason(outcome.insight)]
      return { outputs, failure: failures.filter(f => f !== undefined).join('\n') || undefined }
    }
    case 'outputs': {
      const stack = await readDeployedStack(ctx)
      setOutputs({ 'stack-id': stack.StackId ?? '', 'stack-status': stack.StackStatus ?? '' })
      const published = await publishStack(ctx, stack, coreSink)
      const service = await serviceStep(ctx, published.stackOutputs, published.outputs['api-key'], undefined)
      return { outputs: { ...published.outputs, ...service } }
    }
  }
}

/**
 * Migrate, roll and verify the Metaflow service (src/metaflow/), loaded only for stacks whose outputs name a
 * migration function or a service URL: other stacks never load it, nor the Lambda, ECS and RDS clients.
 */
async function serviceStep(
  ctx: RunContext,
  stackOutputs: Record<string, string>,
  apiKey: string | undefined,
  outcome: StackOutcome | undefined
): Promise<ActionOutputs> {
  if ((stackOutputs.MigrationFunctionName ?? '') === '' && (stackOutputs.ServiceUrl ?? '') === '') return {}
  const { afterDeploy } = await import('./metaflow/after-deploy.js')
  const change = outcome && { operation: outcome.operation, parameterChanges: outcome.parameterChanges }
  return afterDeploy(ctx, { stackName: ctx.settings.stackName, stackOutputs, apiKey, change }, setOutputs)
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
    'data-loss': dataLossOutput(outcome.dataLoss),
    ...insightOutputs(outcome.insight)
  }
}

/**
 * fail-on-data-loss: a preview or a plan whose change set holds a loss deploy or execute would refuse fails its
 * step, so that a required check blocks the merge. Called after the summary and the comment are written.
 */
function dataLossFailure(ctx: RunContext, outcome: StackOutcome): string | undefined {
  const refused = outcome.dataLoss.filter(v => !v.allowed)
  if (!ctx.settings.failOnDataLoss || refused.length === 0) return undefined
  const ids = refused.map(verdictPath)
  const by = ctx.settings.mode === 'plan' ? 'execute' : 'the deploy after merging'
  return `fail-on-data-loss: the change set would lose the data of ${refused.map(v => `${verdictPath(v)} (${v.resourceType})`).join(', ')}, which ${by} refuses. The comment and the job summary show the change. If the loss is intended, list ${ids.length === 1 ? 'it' : 'them'} in allow-data-loss (\`allow-data-loss: ${ids.join(',')}\`) for this run and the deploy; to report without failing, set fail-on-data-loss: false.`
}

/** The change report as the comment shows it (redacted), for the `changes-markdown` output. */
function changesMarkdown(report: ChangeReport): string {
  return renderReport(report, {
    limit: COMMENT_LIMIT,
    unit: 'chars',
    fullDetailIn: 'The job summary has the full detail.'
  }).body
}

/** The outcome as the renderer reads it, for the job summary and the pull-request comment. */
async function reportOf(
  ctx: RunContext,
  outcome: StackOutcome,
  kind: ChangeReport['kind']
): Promise<ChangeReport> {
  return reportFromOutcome(outcome, {
    kind,
    failOnDataLoss: ctx.settings.failOnDataLoss,
    stackName: ctx.settings.stackName,
    environment: ctx.settings.environment,
    region: await ctx.clients.region(),
    commitSha: ctx.env.GITHUB_SHA ?? '',
    runUrl: runUrl(ctx.env),
    mode: ctx.settings.mode,
    migrate: ctx.settings.migrate
  })
}

/** Warnings about the run itself, before any AWS call. */
function warnAboutSettings(ctx: RunContext): void {
  const { settings, log } = ctx
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
 * Refuses, before any AWS call that changes anything, a run aimed at the wrong target: a stack name the bundled
 * template cannot create (its migration function would fail mid-create), or a stack another environment owns
 * (tagged metaflow-deploy:environment with another value), unless the tags input re-tags it on purpose.
 */
async function refuseWrongTarget(ctx: RunContext): Promise<void> {
  const { settings } = ctx
  const changes = settings.mode === 'deploy' || settings.mode === 'preview' || settings.mode === 'plan'
  if (changes && settings.template.kind === 'bundled' && settings.stackName.length > BUNDLED_MAX_STACK_NAME) {
    throw new InputError(
      'stack-name',
      `"${settings.stackName}" has ${settings.stackName.length} characters; the bundled template names its migration function <stack-name>-migrate-db, which Lambda limits to 64 characters, so the create would fail halfway. Use a stack-name of ${BUNDLED_MAX_STACK_NAME} characters or fewer.`
    )
  }
  if (settings.environment === '' || ctx.firstLook === undefined) return
  // A failed first look is reported by the mode that takes it, as before.
  const stack = await ctx.firstLook.catch(() => undefined)
  const owner = stack?.Tags?.find(tag => tag.Key === ENVIRONMENT_TAG)?.Value ?? ''
  if (
    owner === '' ||
    owner === settings.environment ||
    settings.tags?.[ENVIRONMENT_TAG] === settings.environment
  )
    return
  throw new InputError(
    'environment',
    `is "${settings.environment}", but stack ${settings.stackName} is tagged ${ENVIRONMENT_TAG}=${owner}: it belongs to environment "${owner}". Nothing was changed. Check stack-name and environment; to move the stack to "${settings.environment}" on purpose, give tags: ${ENVIRONMENT_TAG}=${settings.environment}.`
  )
}

/** The template and parameters, with the capabilities the template needs checked before any change set. */
async function checkedRequest(ctx: RunContext): Promise<StackRequest> {
  const request = await readStackRequest(ctx)
  const note = checkCapabilities(request.template.body, request.template.origin, ctx.settings.capabilities)
  if (note !== '') ctx.log.info(note)
  return request
}

/**
 * Where a failure is reported besides the step's error: a failed deploy's summary lists every failed resource; a
 * failed preview or plan replaces the pull request's comment, so an earlier green preview never stays up.
 */
async function reportFailure(ctx: RunContext, err: unknown): Promise<void> {
  const { settings } = ctx
  // The comment and summary already say why (cost over the limit, a failed check): they stay as written.
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
      // The state is not known: no label may claim one.
      if (settings.labels) await labelPullRequest(ctx, undefined)
      return
    }
  } catch (reportErr) {
    ctx.log.warning(
      `Could not report the failed ${settings.mode} on the pull request: ${messageOf(reportErr)}`
    )
    return
  }
  if (err instanceof DataLossRefused) {
    setOutputs({ 'data-loss': dataLossOutput(err.verdicts) })
    await writeRefusalSummary({
      stackName: settings.stackName,
      environment: settings.environment,
      region: await ctx.clients.region(),
      mode: settings.mode === 'execute' ? 'execute' : 'deploy',
      verdicts: err.verdicts,
      commitSha: ctx.env.GITHUB_SHA ?? '',
      runUrl: runUrl(ctx.env),
      leftovers: err.leftovers
    })
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

/** Where in the parameters file an error is (`at line N, column M` in its message), for the error annotation. */
function fileAnnotation(err: unknown, settings: Settings): core.AnnotationProperties | undefined {
  if (!(err instanceof InputError) || err.input !== 'parameters-file' || settings.parametersFile === '')
    return undefined
  const at = / at line (\d+), column (\d+)/.exec(err.message)
  return {
    file: settings.parametersFile.replace(/^\.\//, ''),
    ...(at === null ? {} : { startLine: Number(at[1]), startColumn: Number(at[2]) })
  }
}

const coreSink: Sink = {
  setOutput: (name, value) => core.setOutput(name, value),
  exportVariable: (name, value) => core.exportVariable(name, value)
}
