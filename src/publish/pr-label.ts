import type { RunContext } from '../run/context.js'
import type { StackOutcome } from '../run/outcome.js'
import { pullRequestOf } from '../github/issue-comment.js'
import { setStateLabel, type LabelState } from '../github/labels.js'
import { createOctokit } from '../github/octokit.js'
import { writeDeniedHint } from '../github/permission-hint.js'
import { messageOf } from '../run/errors.js'

/** The `labels` input: the preview's verdict as the pull request's state label, for this environment. */

/** A change that loses data (refused or accepted) outranks any other change. */
export function labelStateOf(outcome: Pick<StackOutcome, 'hasChanges' | 'dataLoss'>): LabelState {
  if (outcome.dataLoss.length > 0) return 'data-loss'
  return outcome.hasChanges ? 'changes' : 'no-changes'
}

/**
 * Sets the state label on the run's pull request (no state: removes this environment's, as a failed preview
 * knows none). Never fails the run: a label is a convenience, the comment and the summary are the record.
 */
export async function labelPullRequest(
  ctx: Pick<RunContext, 'settings' | 'log' | 'env'>,
  state: LabelState | undefined
): Promise<void> {
  const { settings, log } = ctx
  const pr = pullRequestOf(ctx.env)
  if (pr === undefined || settings.githubToken === '') return
  try {
    const octokit = await createOctokit(settings.githubToken)
    const outcome = await setStateLabel(octokit, pr, settings.environment, state, log)
    switch (outcome.kind) {
      case 'forbidden':
        log.warning(
          `Could not set the pull request's label (${outcome.reason}). ${writeDeniedHint(ctx.env)} Or set labels: false.`
        )
        return
      case 'rate-limited':
        log.warning(`Could not set the pull request's label: ${outcome.reason}`)
        return
      case 'set':
        log.info(`Labelled the pull request ${outcome.label ?? ''}.`)
        return
      default:
        return
    }
  } catch (err) {
    log.warning(`Could not set the pull request's label: ${messageOf(err)}`)
  }
}
