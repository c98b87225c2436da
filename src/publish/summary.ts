import { constants } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import { messageOf } from '../run/errors.js'
import { coreLogger, type Logger } from '../run/log.js'
import { renderFailure, renderReport, type ChangeReport } from '../render/render-report.js'
import {
  renderFailedPreview,
  renderRefusedDeploy,
  type DeployFailure,
  type FailedPreview,
  type RefusedDeploy
} from '../render/failure.js'

/** GitHub's limit for one step's summary is 1 MiB; stay under it with room for anything an earlier line added. */
export const SUMMARY_LIMIT = 1_000_000

/**
 * The one function that writes the job summary: appends Markdown to the file the runner names in
 * GITHUB_STEP_SUMMARY. A summary reports on the job; it never fails it: where the runner offers no summary file
 * (older GitHub Enterprise Server, a run outside Actions) that is a note, and a failed write is a warning.
 */
export async function appendSummary(
  markdown: string,
  log: Pick<Logger, 'info' | 'warning'> = coreLogger,
  env: NodeJS.ProcessEnv = process.env
): Promise<boolean> {
  const path = env.GITHUB_STEP_SUMMARY ?? ''
  if (path === '') {
    log.info(
      'This runner offers no job summary (GITHUB_STEP_SUMMARY is not set); the log has the same detail.'
    )
    return false
  }
  try {
    // The runner creates the file; one that is missing is not ours to create (it may be a stale path).
    await access(path, constants.W_OK)
  } catch {
    log.info(`The job summary file ${path} does not exist or is not writable; the log has the same detail.`)
    return false
  }
  try {
    await appendFile(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8')
    return true
  } catch (err) {
    log.warning(`Could not write the job summary: ${messageOf(err)}. The log has the same detail.`)
    return false
  }
}

/** Writes the report to the job summary, every change in full (shedding detail only past GitHub's 1 MiB). */
export async function writeSummary(
  report: ChangeReport,
  log?: Pick<Logger, 'info' | 'warning'>
): Promise<void> {
  const rendered = renderReport(report, {
    limit: SUMMARY_LIMIT,
    unit: 'bytes',
    fold: false,
    fullDetailIn: 'The run log lists every change, one line each.'
  })
  await appendSummary(rendered.body, log)
}

/** The job summary of a failed deploy. */
export async function writeFailureSummary(
  failure: DeployFailure,
  log?: Pick<Logger, 'info' | 'warning'>
): Promise<void> {
  await appendSummary(renderFailure(failure), log)
}

/** The job summary of a failed preview: what failed and why. */
export async function writeFailedPreviewSummary(
  failure: Omit<FailedPreview, 'header'>,
  log?: Pick<Logger, 'info' | 'warning'>
): Promise<void> {
  await appendSummary(renderFailedPreview(failure), log)
}

/** The job summary of a deploy or an execute the data-loss guard refused. */
export async function writeRefusalSummary(
  refusal: RefusedDeploy,
  log?: Pick<Logger, 'info' | 'warning'>
): Promise<void> {
  await appendSummary(renderRefusedDeploy(refusal), log)
}
