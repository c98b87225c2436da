import { messageOf } from '../run/errors.js'
import type { Logger } from '../run/log.js'
import { rateLimitOf, type PullRequest } from './issue-comment.js'
import type { Octokit } from './octokit.js'

/**
 * The pull request's state label, one per environment (`metaflow:<environment>:<state>`, or `metaflow:<state>`
 * without one), as tfcmt keeps its plan labels: reviewers and branch rules see the preview's verdict without
 * opening the comment. Setting a state removes the environment's other state labels; other labels, including
 * other environments' ones, are never touched.
 */

export const LABEL_STATES = ['no-changes', 'changes', 'data-loss'] as const
export type LabelState = (typeof LABEL_STATES)[number]

export function labelName(environment: string, state: LabelState): string {
  return environment === '' ? `metaflow:${state}` : `metaflow:${environment}:${state}`
}

/** Why a label could not be written: not allowed (the hint says which permission), or a spent rate limit. */
export type LabelOutcome =
  | { kind: 'set' | 'unchanged' | 'cleared'; label?: string }
  | { kind: 'forbidden' | 'rate-limited'; reason: string }

function statusOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
    ? err.status
    : undefined
}

/**
 * Puts `state`'s label on the pull request and takes this environment's other state labels off it; with no state
 * (a failed preview), takes them all off. Adding a label the repository lacks creates it (GitHub's "Add labels to
 * an issue"). A removal that finds the label already gone (404) is what was wanted.
 */
export async function setStateLabel(
  octokit: Octokit,
  pr: PullRequest,
  environment: string,
  state: LabelState | undefined,
  log: Pick<Logger, 'debug'>
): Promise<LabelOutcome> {
  const target = state === undefined ? undefined : labelName(environment, state)
  const ours = new Set(LABEL_STATES.map(s => labelName(environment, s)))
  const issue = { owner: pr.owner, repo: pr.repo, issue_number: pr.number }
  try {
    const current = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...issue, per_page: 100 })
    const names = current.map(label => label.name)
    for (const stale of names.filter(name => ours.has(name) && name !== target)) {
      try {
        await octokit.rest.issues.removeLabel({ ...issue, name: stale })
      } catch (err) {
        if (statusOf(err) !== 404) throw err
        log.debug(`Label ${stale} was already gone.`)
      }
    }
    if (target === undefined) return { kind: 'cleared' }
    if (names.includes(target)) return { kind: 'unchanged', label: target }
    await octokit.rest.issues.addLabels({ ...issue, labels: [target] })
    return { kind: 'set', label: target }
  } catch (err) {
    const limited = rateLimitOf(err)
    if (limited !== undefined) return { kind: 'rate-limited', reason: limited }
    const status = statusOf(err)
    if (status === 403 || status === 404) return { kind: 'forbidden', reason: messageOf(err) }
    throw err
  }
}
