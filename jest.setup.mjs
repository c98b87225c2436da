// Before the whole suite:
// - a fresh log of the AWS calls the action makes, appended to by every emulator in every test file
//   (emulator/server.ts); jest.teardown.mjs checks it against docs/iam-policy.json after the whole suite.
// - the AWS SDK's Node-version notice silenced: on Node 20 every SDK client construction in a fresh module
//   registry (each test file) prints "NodeVersionSupportWarning: ... will require node >=22", dozens of times
//   per run. The SDK reads this variable (@aws-sdk/core, emitWarningIfUnsupportedVersion). Set here, it reaches
//   the jest workers, which inherit this process's environment. CI also runs on Node 24, where no notice exists.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export default function setup() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
  const dir = join(process.cwd(), '.tmp')
  mkdirSync(dir, { recursive: true })
  const log = join(dir, 'action-calls.log')
  writeFileSync(log, '')
  process.env.EMULATOR_CALL_LOG = log
}
