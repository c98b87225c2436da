import { setMaxListeners } from 'node:events'
import type {
  AbsoluteLocation,
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeHandlerOutput,
  InitializeMiddleware,
  MetadataBearer,
  InitializeHandlerOptions
} from '@smithy/types'
import { AwsCallFailed } from '../run/errors.js'
import { isTimeout } from './retry.js'
import type { RequestTimeouts } from './timeouts.js'

/** Where one line per AWS call goes (step debug). */
export type CallLog = (line: string) => void

/**
 * Interruption by generations: everything in flight holds the current signal; `interrupt` aborts it and starts
 * a fresh one, so calls made afterwards (clean-up) are not born aborted.
 */
export class Interrupts {
  private controller = Interrupts.fresh()

  current(): AbortSignal {
    return this.controller.signal
  }

  interrupt(reason: string): void {
    const stopped = this.controller
    this.controller = Interrupts.fresh()
    stopped.abort(new Error(reason))
  }

  /** Every request in flight listens on the one signal: many at once is normal here, not a leak to warn about. */
  private static fresh(): AbortController {
    const controller = new AbortController()
    setMaxListeners(0, controller.signal)
    return controller
  }
}

export const CALL_MIDDLEWARE: InitializeHandlerOptions &
  AbsoluteLocation & { name: string; override: boolean } = {
  step: 'initialize',
  name: 'metaflowDeployCall',
  priority: 'high',
  override: true
}

/** `CloudFormationClient` + `DescribeStacksCommand` → `CloudFormation DescribeStacks`. */
export function callName(context: HandlerExecutionContext): string {
  const service = (context.clientName ?? 'AWS').replace(/Client$/, '')
  const operation = (context.commandName ?? 'request').replace(/Command$/, '')
  return `${service} ${operation}`
}

function metadataOf(value: unknown): { httpStatusCode?: number; attempts?: number } {
  const metadata = (value as Partial<MetadataBearer> | undefined)?.$metadata
  return metadata ?? {}
}

/**
 * Wraps every AWS call (outside the SDK's retries): a call that timed out or was interrupted fails with a
 * message that names it, and with step debug on each call is logged with its duration, HTTP status and retries,
 * and the NAMES of its parameters only (values can be secrets: NoEcho parameters, template bodies).
 */
export function callMiddleware<I extends object, O extends MetadataBearer>(
  interrupts: Interrupts,
  timeouts: RequestTimeouts,
  debug: CallLog | undefined
): InitializeMiddleware<I, O> {
  return (next: InitializeHandler<I, O>, context: HandlerExecutionContext) =>
    async (args: InitializeHandlerArguments<I>): Promise<InitializeHandlerOutput<O>> => {
      const name = callName(context)
      const interrupt = interrupts.current()
      const started = Date.now()
      const describe = (status: number | string | undefined, attempts: number | undefined): string => {
        const names = Object.keys(args.input).sort()
        const retries = Math.max(0, (attempts ?? 1) - 1)
        return `AWS ${name}: ${status ?? 'no answer'} in ${Date.now() - started} ms, ${retries} ${retries === 1 ? 'retry' : 'retries'}; parameters: ${names.join(', ') || '(none)'}`
      }
      try {
        const result = await next(args)
        const metadata = metadataOf(result.output)
        debug?.(describe(metadata.httpStatusCode, metadata.attempts))
        return result
      } catch (err) {
        const metadata = metadataOf(err)
        const code = (err as { name?: string }).name
        debug?.(
          describe(
            metadata.httpStatusCode === undefined ? code : `${metadata.httpStatusCode} ${code ?? ''}`,
            metadata.attempts
          )
        )
        if (interrupt.aborted) {
          const reason = interrupt.reason instanceof Error ? interrupt.reason.message : 'interrupted'
          throw new AwsCallFailed(`${name} was interrupted: ${reason}.`, name, err)
        }
        if (isTimeout(err)) {
          const attempts = metadata.attempts ?? 1
          throw new AwsCallFailed(
            `${name} got no answer from AWS: ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}, each given ${Math.round(timeouts.requestMs / 1000)} s. Check the network path to AWS (a proxy, a VPC endpoint, AWS_ENDPOINT_URL) and the AWS Health Dashboard.`,
            name,
            err
          )
        }
        throw err
      }
    }
}
