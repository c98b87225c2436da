import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import type { S3Client } from '@aws-sdk/client-s3'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { ECSClient } from '@aws-sdk/client-ecs'
import type { RDSClient } from '@aws-sdk/client-rds'
import type { PricingClient } from '@aws-sdk/client-pricing'
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler'
import type { HttpHandlerOptions } from '@smithy/types'
import { callMiddleware, CALL_MIDDLEWARE, Interrupts, type CallLog } from './calls.js'
import { proxyFor, proxyVariablesSet } from './proxy.js'
import { REQUEST_TIMEOUTS, scaledTimeouts, type RequestTimeouts } from './timeouts.js'
import { DEFAULT_RETRY_POLICY, PatientRetryStrategy, type RetryPolicy } from './retry.js'
import { pricingEndpointRegion } from '../insight/cost/pricing-region.js'

/**
 * The AWS clients the action uses. CloudFormation is built at once; API Gateway, S3, Lambda, ECS and RDS only when a
 * run needs them (most runs need none), which keeps start-up fast.
 */
export interface AwsClients {
  cloudformation: CloudFormationClient
  apiGateway(): Promise<APIGatewayClient>
  s3(): Promise<S3Client>
  /** Lambda, ECS and RDS: only after a deploy of a stack whose outputs name a migration function or a service. */
  lambda(): Promise<LambdaClient>
  ecs(): Promise<ECSClient>
  rds(): Promise<RDSClient>
  /** The Price List Query API, at the endpoint region nearest the stack's (not the stack's own region). */
  pricing(): Promise<PricingClient>
  /** The region the clients talk to. */
  region(): Promise<string>
  /**
   * When `signal` aborts, every AWS request in flight and every retry backoff in progress ends at once with an
   * error that names the call and `reason`. Calls made afterwards run normally, so clean-up (deleting a change
   * set) still can. Wire it to the job's cancellation and to the run's deadline (timeout-minutes).
   */
  interruptOn(signal: AbortSignal, reason: string): void
}

export interface ClientOptions {
  retry?: RetryPolicy
  /** Scales retry backoff and request timeouts (a test knob; 1 in production). */
  timeScale?: number
  /** Request timeouts before scaling; REQUEST_TIMEOUTS by default. */
  timeouts?: RequestTimeouts
  /** Where per-call debug lines go; by default @actions/core's debug, loaded only when step debug is on. */
  debug?: CallLog
  env?: NodeJS.ProcessEnv
}

/** An endpoint override for S3 (an emulator or a VPC endpoint), as the SDK itself reads it. */
export function customS3Endpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL
  return value === undefined || value === '' ? undefined : value.replace(/\/+$/, '')
}

/** Lambda's longest synchronous invocation (900 s, the function's Timeout ceiling) and a margin for the answer. */
const INVOKE_TIMEOUTS: RequestTimeouts = { connectMs: REQUEST_TIMEOUTS.connectMs, requestMs: 930_000 }

const USER_AGENT: [string, string] = ['metaflow-deploy', '1']

type Request = Parameters<NodeHttpHandler['handle']>[0]

/**
 * The handler's timeouts. `requestTimeout` alone only logs a warning in this SDK: `throwOnRequestTimeout` makes it
 * end the request (a TimeoutError, which the retry strategy knows).
 */
function handlerOptions(timeouts: RequestTimeouts): NodeHttpHandlerOptions {
  return {
    connectionTimeout: timeouts.connectMs,
    requestTimeout: timeouts.requestMs,
    throwOnRequestTimeout: true
  }
}

/**
 * The HTTP layer of every client: request timeouts, the proxy the runner's variables name (HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY, as @actions/http-client reads them), and interruption of whatever is in flight.
 */
class RunHttpHandler extends NodeHttpHandler {
  private readonly viaProxy = new Map<string, Promise<NodeHttpHandler | undefined>>()

  constructor(
    private readonly timeouts: RequestTimeouts,
    private readonly interrupts: Interrupts
  ) {
    super(handlerOptions(timeouts))
  }

  override async handle(
    request: Request,
    options: HttpHandlerOptions = {}
  ): ReturnType<NodeHttpHandler['handle']> {
    const interrupt = this.interrupts.current()
    const abortSignal =
      options.abortSignal === undefined
        ? interrupt
        : AbortSignal.any([options.abortSignal as AbortSignal, interrupt])
    const proxied = proxyVariablesSet() ? await this.proxiedHandler(request) : undefined
    return proxied === undefined
      ? super.handle(request, { ...options, abortSignal })
      : proxied.handle(request, { ...options, abortSignal })
  }

  /** A handler whose agent tunnels through the proxy for this origin, or undefined when NO_PROXY exempts it. */
  private proxiedHandler(request: Request): Promise<NodeHttpHandler | undefined> {
    const origin = `${request.protocol}//${request.hostname}${request.port === undefined ? '' : `:${request.port}`}`
    const known = this.viaProxy.get(origin)
    if (known !== undefined) return known
    const handler = proxyFor(origin).then(agent =>
      agent === undefined
        ? undefined
        : new NodeHttpHandler({
            connectionTimeout: this.timeouts.connectMs,
            requestTimeout: this.timeouts.requestMs,
            httpAgent: agent,
            httpsAgent: agent
          })
    )
    this.viaProxy.set(origin, handler)
    return handler
  }
}

/**
 * The one place that builds AWS clients. Region, credentials and endpoints come from the SDK's own chain
 * (AWS_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, …), exactly as aws-actions/configure-aws-credentials
 * leaves them.
 */
export function createClients(options: ClientOptions = {}): AwsClients {
  const env = options.env ?? process.env
  const scale = options.timeScale ?? 1
  const timeouts = scaledTimeouts(options.timeouts ?? REQUEST_TIMEOUTS, scale)
  const interrupts = new Interrupts()
  const common = {
    retryStrategy: new PatientRetryStrategy(options.retry ?? DEFAULT_RETRY_POLICY, scale, Math.random, () =>
      interrupts.current()
    ),
    customUserAgent: [USER_AGENT],
    requestHandler: new RunHttpHandler(timeouts, interrupts)
  }
  const debug = options.debug ?? defaultCallLog(env)
  const instrument = <C extends { middlewareStack: CloudFormationClient['middlewareStack'] }>(
    client: C
  ): C => {
    client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE)
    return client
  }
  const cloudformation = instrument(new CloudFormationClient(common))
  let apiGateway: Promise<APIGatewayClient> | undefined
  let s3: Promise<S3Client> | undefined
  let lambda: Promise<LambdaClient> | undefined
  let ecs: Promise<ECSClient> | undefined
  let rds: Promise<RDSClient> | undefined
  let pricing: Promise<PricingClient> | undefined
  return {
    cloudformation,
    apiGateway: () =>
      (apiGateway ??= import('@aws-sdk/client-api-gateway').then(m =>
        instrument(new m.APIGatewayClient(common))
      )),
    s3: () =>
      (s3 ??= import('@aws-sdk/client-s3').then(
        // Templates go up as a Buffer with checksums only where required: no aws-chunked framing.
        m => {
          const client = new m.S3Client({
            ...common,
            requestChecksumCalculation: 'WHEN_REQUIRED',
            forcePathStyle: customS3Endpoint(env) !== undefined
          })
          client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE)
          return client
        }
      )),
    lambda: () =>
      (lambda ??= import('@aws-sdk/client-lambda').then(m => {
        // A migration runs inside Invoke for up to the function's 15-minute limit: silence is not a hang there.
        const invokeTimeouts = scaledTimeouts(INVOKE_TIMEOUTS, scale)
        const client = new m.LambdaClient({
          ...common,
          requestHandler: new RunHttpHandler(invokeTimeouts, interrupts)
        })
        client.middlewareStack.add(callMiddleware(interrupts, invokeTimeouts, debug), CALL_MIDDLEWARE)
        return client
      })),
    ecs: () =>
      (ecs ??= import('@aws-sdk/client-ecs').then(m => {
        const client = new m.ECSClient(common)
        client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE)
        return client
      })),
    rds: () =>
      (rds ??= import('@aws-sdk/client-rds').then(m => {
        const client = new m.RDSClient(common)
        client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE)
        return client
      })),
    pricing: () =>
      (pricing ??= Promise.all([import('@aws-sdk/client-pricing'), cloudformation.config.region()]).then(
        ([m, region]) => {
          const client = new m.PricingClient({ ...common, region: pricingEndpointRegion(region) })
          client.middlewareStack.add(callMiddleware(interrupts, timeouts, debug), CALL_MIDDLEWARE)
          return client
        }
      )),
    region: async () => cloudformation.config.region(),
    interruptOn: (signal, reason) => {
      if (signal.aborted) interrupts.interrupt(reason)
      else signal.addEventListener('abort', () => interrupts.interrupt(reason), { once: true })
    }
  }
}

/**
 * Per-call debug lines through @actions/core, only when the runner has step debug on (RUNNER_DEBUG=1, which
 * ACTIONS_STEP_DEBUG sets). Loaded lazily: start-up stays free of @actions/core otherwise.
 */
function defaultCallLog(env: NodeJS.ProcessEnv): CallLog | undefined {
  if (env.RUNNER_DEBUG !== '1') return undefined
  const logger = import('../run/log.js')
  return line => void logger.then(m => m.coreLogger.debug(line))
}
