// After the whole suite: every AWS call the action made against any emulator must be allowed by
// docs/iam-policy.json, or users who copy the policy would meet AccessDenied. Throwing here fails the run.
import { existsSync, readFileSync } from 'node:fs'
import { tsImport } from 'tsx/esm/api'

export default async function teardown() {
  const log = process.env.EMULATOR_CALL_LOG
  if (log === undefined || !existsSync(log)) return
  const { allowedActions, iamActionFor } = await tsImport('./harness/iam.ts', import.meta.url)
  const used = new Set(
    readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(line => iamActionFor(...line.split(':')))
  )
  const allowed = allowedActions()
  const missing = [...used].filter(action => !allowed.has(action)).sort()
  if (missing.length > 0) {
    throw new Error(
      `docs/iam-policy.json does not allow calls the action made during the tests: ${missing.join(', ')}`
    )
  }
  process.stdout.write(
    `IAM policy check: every kind of call the action made is in docs/iam-policy.json: ${[...used].sort().join(', ')}.\n`
  )
}
