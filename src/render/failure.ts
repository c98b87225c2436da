import { cellCode, code, escapeHtml, fenced, fitsInCell, table } from './markdown.js'
import { redactor, withoutUrlQueries, type Redactor } from './redact.js'
import { describeFate, type DataLossVerdict } from '../guards/data-loss.js'
import { actionWord, verdictPath } from './report.js'
import { leftoverName, removalCaveat, removalCommand, type Leftover } from '../run/errors.js'

/** A deploy whose stack operation failed: the final status and every failed resource with its reason. */
export interface DeployFailure {
  stackName: string
  environment: string
  region: string
  status: string
  failures: { logicalId: string; type: string; status: string; reason: string }[]
  commitSha: string
  runUrl: string | undefined
  secrets: readonly string[]
}

/** A preview (or plan) that failed before it could show the change: bad input, a failed change set, an AWS error. */
export interface FailedPreview {
  stackName: string
  environment: string
  region: string
  /** Why, as the run reports it (the error message). */
  reason: string
  commitSha: string
  runUrl: string | undefined
  secrets: readonly string[]
  /** Put first in the body (the comment's hidden marker, the same one the preview uses). */
  header?: string | undefined
}

/** Secrets redacted and URL queries (a presigned URL's credentials) hidden: how AWS text is shown in a failure. */
function shownReason(secrets: readonly string[]): Redactor {
  const clean = redactor(secrets)
  return text => withoutUrlQueries(clean(text))
}

function where(environment: string, region: string): string {
  const text = [environment, region].filter(Boolean).map(code).join(' · ')
  return text === '' ? '' : ` · ${text}`
}

function footer(commitSha: string, runUrl: string | undefined): string {
  const sha = /^[0-9a-f]{7,64}$/i.test(commitSha) ? ` · commit ${code(commitSha.slice(0, 7))}` : ''
  const run = runUrl === undefined ? '' : ` · <a href="${escapeHtml(runUrl)}">workflow run</a>`
  return `<sub>metaflow-deploy${sha}${run}</sub>`
}

/** The job summary of a failed deploy. Reasons come from AWS: each is shown exactly, never as Markdown. */
export function renderFailure(raw: DeployFailure): string {
  const clean = shownReason(raw.secrets)
  const below: string[] = []
  const rows = raw.failures.map(f => {
    const reason = clean(f.reason)
    const id = clean(f.logicalId)
    let reasonCell = cellCode(reason)
    if (!fitsInCell(reason, 300)) {
      below.push(`${code(id)}:\n\n${fenced(reason)}`)
      reasonCell = '_(below)_'
    }
    return [cellCode(id), cellCode(clean(f.type)), cellCode(clean(f.status)), reasonCell]
  })
  const parts = [
    `### ❌ CloudFormation deploy: ${code(raw.stackName)}${where(raw.environment, raw.region)}`,
    `Status: ${code(clean(raw.status))}.`,
    rows.length === 0
      ? 'No resource reported a failure; see the stack events in the log.'
      : table(['Resource', 'Type', 'Status', 'Reason'], rows),
    ...below,
    footer(raw.commitSha, raw.runUrl)
  ]
  return parts.join('\n\n') + '\n'
}

/**
 * What the pull request shows when its preview failed: that it failed, why, for which commit, and the run. It
 * replaces the last preview in the same comment, so an earlier green verdict never stays up.
 */
export function renderFailedPreview(failure: FailedPreview): string {
  const reason = shownReason(failure.secrets)(failure.reason)
  const sha = /^[0-9a-f]{7,64}$/i.test(failure.commitSha)
    ? ` for commit ${code(failure.commitSha.slice(0, 7))}`
    : ''
  const parts = [
    failure.header,
    `### ❌ CloudFormation preview failed: ${code(failure.stackName)}${where(failure.environment, failure.region)}`,
    `> [!WARNING]\n> The preview${sha} failed, so this pull request's changes to the stack are **not known**. Any earlier preview in this comment no longer applies. Fix the cause and push again, or re-run the job.`,
    '**Reason:**',
    fenced(reason === '' ? '(no reason given)' : reason),
    failure.runUrl === undefined
      ? 'The job log has the detail.'
      : `The <a href="${escapeHtml(failure.runUrl)}">job log</a> has the detail.`,
    footer(failure.commitSha, failure.runUrl)
  ]
  return parts.filter((p): p is string => p !== undefined && p !== '').join('\n\n') + '\n'
}

/** What the change does to a resource's data, with the guard's reason when it gives one (a loss in place). */
function whatHappens(verdict: DataLossVerdict): string {
  const reason = (verdict as { reason?: unknown }).reason
  const fate = `${describeFate(verdict.fate)} (${verdict.fate})`
  if (typeof reason !== 'string' || reason === '') return fate
  return `${fate}: ${fitsInCell(reason, 300) ? cellCode(reason) : '_(the run log has why)_'}`
}

/** A deploy or an execute the data-loss guard refused: nothing ran (the clean-up's own report says what it removed). */
export interface RefusedDeploy {
  stackName: string
  environment: string
  region: string
  mode: 'deploy' | 'execute'
  verdicts: readonly DataLossVerdict[]
  commitSha: string
  runUrl: string | undefined
  /** What the clean-up could not remove after the refusal (the change set, a first deploy's empty stack). */
  leftovers?: readonly Leftover[]
}

/**
 * The job summary of a refused deploy or execute: which resources would have lost their data and how, that
 * nothing changed, and how to accept the loss or keep the data. Logical ids and types are CloudFormation names.
 */
export function renderRefusedDeploy(refusal: RefusedDeploy): string {
  const refused = refusal.verdicts.filter(v => !v.allowed)
  const rows = refused.map(v => [
    cellCode(verdictPath(v)),
    cellCode(v.resourceType),
    actionWord(v.change),
    whatHappens(v)
  ])
  const ids = refused.map(verdictPath).join(',')
  const parts = [
    `### ⛔ CloudFormation ${refusal.mode} refused: ${code(refusal.stackName)}${where(refusal.environment, refusal.region)}`,
    `> [!CAUTION]\n> The change set would lose the data of ${refused.length === 1 ? 'a resource' : `${refused.length} resources`}, and \`allow-data-loss\` does not list ${refused.length === 1 ? 'it' : 'them'}. **Nothing was changed**: the change set never ran.`,
    table(['Resource', 'Type', 'Action', 'What would happen'], rows),
    `If losing this data is intended, set ${code(`allow-data-loss: ${ids}`)} (or ${code('*')})${refusal.mode === 'execute' ? ', plan again and execute the new plan' : ' and run again'}. To keep a removed resource's data, give it ${code('DeletionPolicy: Retain')} in the template.`,
    ...(refusal.leftovers ?? []).map(
      left =>
        `**Left behind:** the clean-up could not remove ${code(leftoverName(left))} (the run's log says why). Delete it with ${code(removalCommand(left))}${removalCaveat(left)}.`
    ),
    footer(refusal.commitSha, refusal.runUrl)
  ]
  return parts.join('\n\n') + '\n'
}
