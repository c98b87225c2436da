import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StackView } from './stack-view.js'

/**
 * AWS Lambda's Invoke for the stacks' inline Python functions (AWS::Lambda::Function with Code.ZipFile), run for
 * real with python3, so that what is tested is the function's own code:
 * - `POST /2015-03-31/functions/{FunctionName}/invocations`, the function named by name or ARN; an unknown one is
 *   404 ResourceNotFoundException "Function not found: <arn>" (Invoke API reference, Errors).
 * - RequestResponse answers 200 with the handler's return value as JSON. A handler that raises still answers 200,
 *   with `X-Amz-Function-Error: Unhandled` and the error as the payload: `{"errorMessage", "errorType",
 *   "requestId", "stackTrace"}` (Invoke API reference, FunctionError; Lambda developer guide, "AWS Lambda function
 *   errors in Python"). `X-Amz-Executed-Version: $LATEST`.
 * - The inline code is the module `index` (CloudFormation's AWS::Lambda::Function Code.ZipFile: "the code is saved
 *   as index"), its Handler `index.handler`, its Environment.Variables set, and its Timeout enforced.
 * The function's outbound HTTP goes through `network`, a proxy URL standing in for the VPC (urllib honours
 * http_proxy), so `http://<internal load balancer>:8082` reaches a local stand-in.
 */

export interface InvokeReply {
  status: number
  body: string
  headers: Record<string, string>
  errorType?: string
}

const BOOTSTRAP = `
import importlib, json, sys, traceback
module_name, handler_name = sys.argv[1].rsplit(".", 1)
try:
    result = getattr(importlib.import_module(module_name), handler_name)(json.loads(sys.argv[2]), None)
    sys.stdout.write("\\n@@RESULT@@" + json.dumps(result))
except Exception as error:
    sys.stdout.write("\\n@@ERROR@@" + json.dumps({
        "errorMessage": str(error),
        "errorType": type(error).__name__,
        "requestId": sys.argv[3],
        "stackTrace": traceback.format_tb(error.__traceback__),
    }))
`

export class LambdaStore {
  /** The proxy that the functions' outbound HTTP goes through (the stand-in VPC); unset: no network. */
  network: string | undefined
  readonly invocations: { functionName: string; failed: boolean }[] = []

  constructor(private readonly view: StackView) {}

  async invoke(path: string, payload: string, region: string, requestId: string): Promise<InvokeReply> {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(path)
    const name = match === null ? '' : decodeURIComponent(match[1] as string)
    const shortName = name.startsWith('arn:') ? (name.split(':')[6] ?? '') : name
    const fn = this.view.ofType('AWS::Lambda::Function').find(r => r.physicalId === shortName)
    const code = (fn?.properties.Code as { ZipFile?: unknown } | undefined)?.ZipFile
    if (fn === undefined || typeof code !== 'string') {
      const arn = `arn:aws:lambda:${region}:123456789012:function:${shortName}`
      return {
        status: 404,
        errorType: 'ResourceNotFoundException',
        headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
        body: JSON.stringify({ Type: 'User', message: `Function not found: ${arn}` })
      }
    }
    const variables =
      (fn.properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}
    const timeoutS = Number(fn.properties.Timeout ?? 3)
    const handler = String(fn.properties.Handler ?? 'index.handler')
    const dir = mkdtempSync(join(tmpdir(), 'emulator-lambda-'))
    writeFileSync(join(dir, 'index.py'), code)
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_REGION: region }
    for (const [k, v] of Object.entries(variables)) env[k] = String(v)
    if (this.network !== undefined) env.http_proxy = env.HTTP_PROXY = this.network
    const run = await new Promise<{ stdout: string; stderr: string; timedOut: boolean }>(done => {
      execFile(
        'python3',
        ['-c', BOOTSTRAP, handler, payload === '' ? '{}' : payload, requestId],
        { cwd: dir, env, timeout: Math.min(timeoutS, 60) * 1000 },
        (error, stdout, stderr) => done({ stdout, stderr, timedOut: error?.killed === true })
      )
    })
    rmSync(dir, { recursive: true, force: true })
    const result = /\n@@RESULT@@(.*)$/s.exec(run.stdout)
    this.invocations.push({ functionName: shortName, failed: result === null })
    const headers = { 'x-amz-executed-version': '$LATEST' }
    if (result !== null) return { status: 200, headers, body: result[1] as string }
    const raised = /\n@@ERROR@@(.*)$/s.exec(run.stdout)
    const body =
      raised?.[1] ??
      JSON.stringify({
        errorMessage: run.timedOut
          ? `${new Date().toISOString()} ${requestId} Task timed out after ${timeoutS.toFixed(2)} seconds`
          : `RequestId: ${requestId} Error: Runtime exited: ${run.stderr.slice(-500)}`,
        errorType: run.timedOut ? 'Sandbox.Timedout' : 'Runtime.ExitError'
      })
    return { status: 200, headers: { ...headers, 'x-amz-function-error': 'Unhandled' }, body }
  }
}
