import { readFileSync } from 'node:fs'

/**
 * What to tell a user whose token could not write to the pull request. A fork's pull request gets a read-only
 * token whatever the workflow asks for; a pull request from this repository was denied only because the job's
 * `permissions:` leave out the write it needs, so the hint names that permission instead of blaming forks.
 */
export function writeDeniedHint(env: NodeJS.ProcessEnv, permission = 'pull-requests: write'): string {
  const fork = isFromFork(env)
  if (fork === true)
    return 'Pull requests from forks get a read-only token, so nothing can be written to them from this job.'
  const add = `Add \`${permission}\` to the job's \`permissions:\` (next to \`id-token: write\` and \`contents: read\`).`
  return fork === false
    ? `The job's token may not write to this pull request. ${add}`
    : `${add} (A pull request from a fork gets a read-only token whatever the job asks for.)`
}

/** Whether the run's pull request comes from another repository; undefined when the event does not say. */
function isFromFork(env: NodeJS.ProcessEnv): boolean | undefined {
  if (env.GITHUB_EVENT_PATH === undefined || env.GITHUB_REPOSITORY === undefined) return undefined
  try {
    const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { head?: { repo?: { full_name?: unknown } | null } }
    }
    const head = payload.pull_request?.head
    if (head === undefined) return undefined
    // A deleted fork leaves head.repo null: it was a fork all the same.
    if (head.repo === null || head.repo === undefined) return true
    return typeof head.repo.full_name === 'string'
      ? head.repo.full_name.toLowerCase() !== env.GITHUB_REPOSITORY.toLowerCase()
      : undefined
  } catch {
    return undefined
  }
}
