/**
 * `npm run demo`: the main job, end to end, with no AWS account. Starts the embedded CloudFormation/API Gateway/S3
 * emulator on 127.0.0.1, then runs the bundled action (dist/index.js) exactly as the GitHub runner would: a create
 * with the GPU compute environment and the UI on, an update with a changed parameter, and a no-op rerun. Stack events stream as they happen.
 */
import { startEmulator } from '../emulator/server.js'
import { attachMetaflowService } from '../harness/metaflow-service.js'
import { ROOT, runAction, type RunResult } from '../harness/runner.js'

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)
const dim = (text: string): string => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text)

/** Values registered with ::add-mask::, replaced by *** in everything printed after, as the runner does. */
const masks: string[] = []
const masked = (text: string): string => masks.reduce((out, secret) => out.split(secret).join('***'), text)
const NODE20_NOTICE =
  /NodeVersionSupportWarning|versions published after|require node >=22|continue receiving updates|security updates please|a\.co\/c895JFp|trace-warnings/

/** Shows the runner's view of a line: groups as headings, masked values hidden. */
function show(raw: string): void {
  if (raw.startsWith('::add-mask::')) {
    masks.push(raw.slice('::add-mask::'.length))
    return
  }
  const line = masked(raw)
  if (line.startsWith('::group::')) console.log(bold(`▸ ${line.slice(9)}`))
  else if (line.startsWith('::error')) console.log(`Error: ${line.replace(/^::error[^:]*::/, '')}`)
  else if (line.startsWith('::warning')) console.log(`Warning: ${line.replace(/^::warning[^:]*::/, '')}`)
  else if (line.startsWith('::') || NODE20_NOTICE.test(line) || line.trim() === '') return
  else console.log(`  ${line}`)
}

function report(title: string, result: RunResult): void {
  console.log(bold(`\n${title}: exit ${result.exitCode}`))
  for (const [key, raw] of Object.entries(result.outputs)) {
    const value = masked(raw)
    console.log(dim(`  ${key} = ${value.length > 110 ? `${value.slice(0, 107)}...` : value}`))
  }
  if (result.exitCode !== 0) process.exitCode = 1
}

const emulator = await startEmulator({
  timing: { changeSetMs: 400, resourceMs: 300, changeSetDeleteMs: 200 }
})
// The Metaflow service that each deploy migrates and verifies: a stand-in (harness/metaflow-service.ts).
const service = await attachMetaflowService(emulator)
console.log(bold(`CloudFormation emulator on ${emulator.url} (no AWS account needed)\n`))
const base = { 'stack-name': 'metaflow-demo', environment: 'dev', mode: 'deploy' }
const run = async (title: string, inputs: Record<string, string>): Promise<void> => {
  console.log(bold(`\n=== ${title}`))
  const result = await runAction({
    inputs: { ...base, ...inputs },
    workspace: ROOT,
    env: emulator.env(),
    onLine: show
  })
  report(title, result)
}

try {
  // The dev parameters plus the optional ML features: a GPU compute environment and queue, and the UI behind
  // HTTPS and a Cognito login (the certificate and domain are placeholders the emulator accepts).
  await run('1. Create the stack', {
    'parameters-file': 'templates/params/dev.yml',
    parameters: [
      'EnableGPU=true',
      'EnableUI=true',
      'UICertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/0f7e2a9c-1b3d-4e5f-8a6b-7c8d9e0f1a2b',
      'UIDomainName=metaflow.example.com'
    ].join('\n')
  })
  await run('2. Update it with a changed parameter', {
    parameters: 'MaxVCPUBatch=96'
  })
  await run('3. Run again with nothing to change', {
    parameters: 'MaxVCPUBatch=96'
  })
  const calls = emulator.requests.filter(r => r.service === 'cloudformation').length
  console.log(
    bold(`\n${calls} CloudFormation calls in all; the emulator's request log is what the tests assert on.`)
  )
} finally {
  await emulator.close()
  await service.close()
}
