import * as core from '@actions/core'
import { renderFailure, renderReport, type ChangeReport } from '../render/change-set.js'

/** GitHub's limit for one step's summary is 1 MiB; stay under it with room for anything an earlier line added. */
export const SUMMARY_LIMIT = 1_000_000

/** Writes the report to the job summary, shedding detail if it would not fit; returns the detail level used. */
export async function writeSummary(report: ChangeReport): Promise<string> {
  const rendered = renderReport(report, {
    limit: SUMMARY_LIMIT,
    unit: 'bytes',
    fullDetailIn: 'The run log lists every change, one line each.'
  })
  await core.summary.addRaw(rendered.body).write()
  return rendered.level
}

/** The job summary of a failed deploy. */
export async function writeFailureSummary(failure: Parameters<typeof renderFailure>[0]): Promise<void> {
  await core.summary.addRaw(renderFailure(failure)).write()
}
