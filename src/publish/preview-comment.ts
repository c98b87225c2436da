import type { RunContext } from '../run/context.js'
import { commentMarker, pullRequestOf, upsertComment, type CommentOutcome } from '../github/issue-comment.js'
import { githubLimits } from '../github/deadline.js'
import { callOf, createOctokit, GitHubInterrupted } from '../github/octokit.js'
import { writeDeniedHint } from '../github/permission-hint.js'
import { messageOf } from '../run/errors.js'
import { renderReport, type ChangeReport } from '../render/render-report.js'
import { renderFailedPreview, type FailedPreview } from '../render/failure.js'
import { escapeHtml } from '../render/markdown.js'
import { redactor } from '../render/redact.js'

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536

/** What posting needs from the run: the settings, the log, the event and the run's end (not the AWS clients). */
type CommentContext = Pick<RunContext, 'settings' | 'log' | 'env' | 'signal' | 'deadline'>

/**
 * Why a GitHub call failed, naming the call: `GitHub answered 502 to listing the pull request's comments (GET
 * /repos/…): Bad Gateway`, or `… was interrupted: timeout-minutes (1) ran out`.
 */
export function describeGitHubFailure(err: unknown): string {
  if (err instanceof GitHubInterrupted) return err.message
  const call = callOf(err)
  const status = (err as { status?: unknown } | null)?.status
  const message = messageOf(err).split('\n')[0] ?? ''
  if (call === undefined) return message
  return typeof status === 'number' && status > 0
    ? `GitHub answered ${status} to ${call}: ${message}`
    : `${call} failed: ${message}`
}

/**
 * Writes `render(limit)` as the pull request's one comment for this stack, environment and region, updated in
 * place. A run that is not for a pull request, an empty token, or a read-only token (a fork's pull request) is a
 * note or a warning, not a failure: the job summary has the same. Returns the comment's URL.
 */
async function postComment(
  ctx: CommentContext,
  region: string,
  render: (marker: string, limit: number) => string
): Promise<string | undefined> {
  const { log, settings } = ctx
  const pr = pullRequestOf(ctx.env)
  if (pr === undefined) {
    log.info(
      'This run is not for a pull request, so there is no comment to write; the job summary has the detail.'
    )
    return undefined
  }
  if (settings.githubToken === '') {
    log.warning(
      'github-token is empty, so the pull-request comment was skipped; the job summary has the detail.'
    )
    return undefined
  }
  const marker = commentMarker(pr, settings.stackName, settings.environment, region)
  let outcome: CommentOutcome
  try {
    const octokit = await createOctokit(settings.githubToken, githubLimits(ctx))
    outcome = await upsertComment(octokit, pr, marker, render(marker, COMMENT_LIMIT), log)
    if (outcome.kind === 'too-long') {
      // GitHub's own count can differ from ours (it has been seen to change); try once more with half the room.
      outcome = await upsertComment(octokit, pr, marker, render(marker, COMMENT_LIMIT / 2), log)
    }
  } catch (err) {
    // The preview is done and in the job summary: a comment GitHub would not take (5xx, 401, 422, a hang cut off
    // at the deadline) is a warning that names the call, never the run's failure.
    log.warning(
      `Could not write the pull-request comment: ${describeGitHubFailure(err)}. The job summary has the detail.`
    )
    return undefined
  }
  switch (outcome.kind) {
    case 'forbidden':
      log.warning(
        `Could not write the pull-request comment (${outcome.reason}). ${writeDeniedHint(ctx.env)} The job summary has the detail.`
      )
      return undefined
    case 'too-long':
      log.warning(
        'GitHub rejected the comment as too long even after shedding detail; the job summary has the detail.'
      )
      return undefined
    case 'rate-limited':
      // upsertComment has said so (with when the limit resets); the job summary has the detail.
      return undefined
    default:
      log.info(`Pull-request comment ${outcome.kind}: ${outcome.url}`)
      return outcome.url
  }
}

/** Posts the preview as the pull request's comment for this stack and environment. Returns the comment's URL. */
export async function postPreviewComment(
  ctx: CommentContext,
  report: ChangeReport
): Promise<string | undefined> {
  const summaryLink =
    report.runUrl === undefined
      ? 'The job summary'
      : `The <a href="${escapeHtml(report.runUrl)}">job summary</a>`
  return postComment(
    ctx,
    report.region,
    (marker, limit) =>
      renderReport(report, {
        limit,
        unit: 'chars',
        header: marker,
        fullDetailIn: `${summaryLink} has the full detail.`
      }).body
  )
}

/**
 * Replaces the pull request's preview comment (same marker) with one that says the preview failed, why, for which
 * commit, and links the run, so an earlier green preview never stays up. Returns the comment's URL.
 */
export async function postFailedPreviewComment(
  ctx: CommentContext,
  failure: Omit<FailedPreview, 'header'>
): Promise<string | undefined> {
  return postComment(ctx, failure.region, (marker, limit) => {
    const body = renderFailedPreview({ ...failure, header: marker })
    if (body.length <= limit) return body
    // An absurd reason is cut to fit, after redaction, so the cut can never leave a secret's prefix behind.
    const reason = redactor(failure.secrets)(failure.reason)
    const cut = reason.slice(0, Math.max(0, reason.length - (body.length - limit) - 100))
    return renderFailedPreview({
      ...failure,
      reason: `${cut}\n… (cut to fit the comment; the job log has it all)`,
      header: marker
    })
  })
}
