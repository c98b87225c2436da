import type { RunContext } from '../context.js'
import { commentMarker, pullRequestOf, upsertComment } from '../github/comment.js'
import { createOctokit } from '../github/octokit.js'
import { renderReport, type ChangeReport } from '../render/change-set.js'

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536

/**
 * Posts the preview as the pull request's one comment for this stack and environment, updated in place. A
 * read-only token (a fork's pull request) is a warning, not a failure: the preview stays in the summary.
 * Returns the comment's URL.
 */
export async function postPreviewComment(ctx: RunContext, report: ChangeReport): Promise<string | undefined> {
  const { log, settings } = ctx
  const pr = pullRequestOf(ctx.env)
  if (pr === undefined) {
    log.info(
      'This run is not for a pull request, so there is no comment to write; the preview is in the job summary.'
    )
    return undefined
  }
  if (settings.githubToken === '') {
    log.warning(
      'github-token is empty, so the pull-request comment was skipped; the preview is in the job summary.'
    )
    return undefined
  }
  const octokit = await createOctokit(settings.githubToken)
  const marker = commentMarker(settings.stackName, settings.environment, report.region)
  const summaryLink = report.runUrl === undefined ? 'The job summary' : `The [job summary](${report.runUrl})`
  const render = (limit: number): string =>
    renderReport(report, {
      limit,
      unit: 'chars',
      header: marker,
      fullDetailIn: `${summaryLink} has the full detail.`
    }).body
  let outcome = await upsertComment(octokit, pr, marker, render(COMMENT_LIMIT), log)
  if (outcome.kind === 'too-long') {
    // GitHub's own count can differ from ours (it has been seen to change); try once more with half the room.
    outcome = await upsertComment(octokit, pr, marker, render(COMMENT_LIMIT / 2), log)
  }
  switch (outcome.kind) {
    case 'forbidden':
      log.warning(
        `Could not write the pull-request comment (${outcome.reason}). Pull requests from forks get a read-only token; the preview is in the job summary and in the outputs.`
      )
      return undefined
    case 'too-long':
      log.warning(
        'GitHub rejected the comment as too long even after shedding detail; the preview is in the job summary.'
      )
      return undefined
    default:
      log.info(`Pull-request comment ${outcome.kind}: ${outcome.url}`)
      return outcome.url
  }
}
