// After the whole suite: every AWS call the action made against any emulator must be allowed by
// docs/iam-policy.json, or users who copy the policy would meet AccessDenied. Throwing here fails the run.
//
// A log line is either `service:operation` (action name only) or a JSON object
// `{ service, operation, params, region?, stack? }`, from which each call's IAM resource ARN and condition keys
// are derived (harness/iam.ts) and evaluated against the policy's Resource patterns and Conditions. The suite
// names stacks and buckets freely, so the policy's placeholders (the `metaflow-*` stack prefix, the template
// bucket, the service role's name) are opened up; services, resource types, key prefixes, transforms and
// conditions are checked as written.
import { existsSync, readFileSync } from 'node:fs'
import { tsImport } from 'tsx/esm/api'

function parseLine(line) {
  if (line.startsWith('{')) return JSON.parse(line)
  const [service, operation] = line.split(':')
  return { service, operation }
}

export default async function teardown() {
  const log = process.env.EMULATOR_CALL_LOG
  if (log === undefined || !existsSync(log)) return
  const iam = await tsImport('./harness/iam.ts', import.meta.url)
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean).map(parseLine)

  // Change sets named only by ARN: their stack comes from the log line, or from the CreateChangeSet that named them.
  const createdOn = iam.changeSetOwners(calls.filter(call => call.params !== undefined))
  const policy = iam.withPlaceholdersOpen(iam.loadPolicy('iam-policy.json'))
  const allowedNames = iam.allowedActions()

  const denied = new Set()
  const actionOnly = new Set()
  const checked = new Set()
  for (const call of calls) {
    const action = iam.iamActionFor(call.service, call.operation)
    if (call.params === undefined) {
      actionOnly.add(action)
      if (![...allowedNames].includes(action)) denied.add(`${action} (action not in the policy)`)
      continue
    }
    const scope = {
      ...iam.EMULATOR_SCOPE,
      stackOfChangeSet: arn => call.stack ?? createdOn(arn)
    }
    for (const auth of iam.authorizationsFor(call, scope)) {
      checked.add(auth.action)
      if (auth.resource === '?') {
        actionOnly.add(auth.action)
        if (![...allowedNames].includes(auth.action)) denied.add(`${auth.action} (action not in the policy)`)
      } else if (iam.evaluate(policy, auth) !== 'allowed') denied.add(iam.describeAuthorization(auth))
    }
  }
  if (denied.size > 0) {
    throw new Error(
      `docs/iam-policy.json does not allow calls the action made during the tests:\n  ${[...denied].sort().join('\n  ')}`
    )
  }
  const summary = [...new Set([...checked, ...actionOnly])].sort().join(', ')
  process.stdout.write(
    `IAM policy check: docs/iam-policy.json allows every call the action made (${summary}); ` +
      `${checked.size === 0 ? 'no call carried its parameters, so only action names were compared' : 'resources and conditions compared where the log carries parameters'}.\n`
  )
}
