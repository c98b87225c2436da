import * as core from '@actions/core'
import { messageOf } from '../errors.js'
import { renderFailure, renderReport, type ChangeReport } from '../render/change-set.js'

/** GitHub's limit for one step's summary is 1 MiB; stay under it with room for anything an earlier line added. */
export const SUMMARY_LIMIT = 1_000_000

/**
 * Appends Markdown to the job summary. A summary reports on the job; it never fails it: where the runner offers no
 * summary file (older GitHub Enterprise Server, a run outside Actions) or writing fails, a warning says so.
 */
async function append(markdown: string): Promise<void> {
  if ((process.env.GITHUB_STEP_SUMMARY ?? '') === '') {
    core.info(
      'This runner offers no job summary (GITHUB_STEP_SUMMARY is not set); the log has the same detail.'
    )
    return
  }
  try {
    await core.summary.addRaw(markdown).write()
  } catch (err) {
    core.warning(`Could not write the job summary: ${messageOf(err)}. The log has the same detail.`)
  }
}

/** Writes the report to the job summary, shedding detail if it would not fit. */
export async function writeSummary(report: ChangeReport): Promise<void> {
  const rendered = renderReport(report, {
    limit: SUMMARY_LIMIT,
    unit: 'bytes',
    fullDetailIn: 'The run log lists every change, one line each.'
  })
  await append(rendered.body)
}

/** The job summary of a failed deploy. */
export async function writeFailureSummary(failure: Parameters<typeof renderFailure>[0]): Promise<void> {
  await append(renderFailure(failure))
}
