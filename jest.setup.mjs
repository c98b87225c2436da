// A fresh log of the AWS calls the action makes, appended to by every emulator in every test file
// (emulator/server.ts); jest.teardown.mjs checks it against docs/iam-policy.json after the whole suite.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export default function setup() {
  const dir = join(process.cwd(), '.tmp')
  mkdirSync(dir, { recursive: true })
  const log = join(dir, 'action-calls.log')
  writeFileSync(log, '')
  process.env.EMULATOR_CALL_LOG = log
}
