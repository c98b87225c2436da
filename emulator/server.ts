import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiGatewayStore, handleApiGateway } from './apigateway.js'
import { CloudFormationEngine } from './cfn/engine.js'
import { CfnError } from './cfn/errors.js'
import type { ExistingResource, ResourceFailure, Timing } from './cfn/types.js'
import { Faults } from './faults.js'
import { parseQuery, type QueryParams } from './query.js'
import { handleS3, S3Store } from './s3.js'
import { EcsStore } from './ecs.js'
import { ExecuteApi } from './execute-api.js'
import { LambdaStore } from './lambda.js'
import { handlePricing, PricingStore } from './pricing.js'
import { RdsStore } from './rds.js'
import { stackView } from './stack-view.js'
import { queryError, queryResponse } from './xml.js'

export type Service = 'cloudformation' | 'apigateway' | 's3' | 'lambda' | 'ecs' | 'rds' | 'pricing'

/** One call the emulator received, for assertions on exactly what the action did. */
export interface LoggedRequest {
  service: Service
  operation: string
  /**
   * CloudFormation's decoded query parameters; for REST calls, the path and query. A list the SDK sent empty
   * (`NotificationARNs=`, `Tags=`) is `[]`; a list it left out is absent.
   */
  params: QueryParams
  status: number
  errorCode?: string
  fault?: string
  time: number
  /**
   * The `Status` a CloudFormation answer carried (DescribeChangeSet's change-set status), so a test can tell the
   * poll that found a change set ready from those that found it still being built, whatever the timing.
   */
  answeredStatus?: string
  /** True when the call came from the action (its SDK user agent names metaflow-deploy). */
  fromAction: boolean
}

/** Operations that change something. Tests assert that bad input leads to none of them. */
export const MUTATING_OPERATIONS = new Set([
  'CreateChangeSet',
  'ExecuteChangeSet',
  'DeleteChangeSet',
  'CreateStack',
  'UpdateStack',
  'DeleteStack',
  'UpdateTerminationProtection',
  'ContinueUpdateRollback',
  'CancelUpdateStack',
  'CreateApiKey',
  'DeleteApiKey',
  'CreateBucket',
  'PutObject',
  'DeleteObject',
  'Invoke',
  'UpdateService',
  'CreateDBSnapshot',
  'AddTagsToResource'
])

export interface EmulatorOptions {
  port?: number
  timing?: Partial<Timing>
  /** Seed for the fault generator. */
  seed?: number
}

export const FAST_TIMING: Timing = { changeSetMs: 5, resourceMs: 5, changeSetDeleteMs: 0 }

export class Emulator {
  readonly cloudformation: CloudFormationEngine
  readonly apiGateway = new ApiGatewayStore()
  readonly s3 = new S3Store()
  readonly pricing = new PricingStore()
  readonly faults: Faults
  readonly lambda: LambdaStore
  readonly ecs: EcsStore
  readonly rds: RdsStore
  /** The stacks' REST APIs as clients call them (through CONNECT, see execute-api.ts). */
  readonly executeApi: ExecuteApi
  readonly requests: LoggedRequest[] = []
  private readonly server: Server
  private readonly sockets = new Set<import('node:net').Socket>()
  url = ''

  constructor(options: EmulatorOptions = {}) {
    this.faults = new Faults(options.seed)
    this.cloudformation = new CloudFormationEngine(
      { ...FAST_TIMING, ...options.timing },
      {
        createApiKey: (id, name, value, stackName) => void this.apiGateway.create(id, name, value, stackName),
        deleteApiKey: id => this.apiGateway.delete(id),
        readObject: (bucket, key, versionId) => this.s3.getObject(bucket, key, versionId)?.toString('utf8')
      }
    )
    const view = stackView(this.cloudformation)
    this.lambda = new LambdaStore(view)
    this.ecs = new EcsStore(view)
    this.rds = new RdsStore(view)
    this.executeApi = new ExecuteApi(this.apiGateway, view)
    this.server = createServer((req, res) => void this.serve(req, res))
    this.server.on('connect', (req: IncomingMessage, socket: import('node:net').Socket, head: Buffer) => {
      if (!this.executeApi.tunnel(req, socket, head)) socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    })
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => resolve())
    })
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.url
  }

  async close(): Promise<void> {
    this.cloudformation.close()
    this.executeApi.close()
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  /** Environment that points the unmodified AWS SDK (and so the action) at this emulator. */
  env(): Record<string, string> {
    return {
      AWS_ENDPOINT_URL: this.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAEMULATOR',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      // The stacks' https API URLs are reached through this emulator as a proxy (execute-api.ts), with its
      // certificate trusted; loopback (the AWS endpoints above) is never proxied.
      ...(this.executeApi.certificatePath === undefined
        ? {}
        : { HTTPS_PROXY: this.url, NODE_EXTRA_CA_CERTS: this.executeApi.certificatePath })
    }
  }

  /** Calls that changed something, in order. */
  mutatingCalls(): LoggedRequest[] {
    return this.requests.filter(r => MUTATING_OPERATIONS.has(r.operation))
  }

  calls(operation: string): LoggedRequest[] {
    return this.requests.filter(r => r.operation === operation)
  }

  /** The parameters of the last call of an operation (undefined if none was made), for asserting what was sent. */
  lastCall(operation: string): QueryParams | undefined {
    return this.calls(operation).at(-1)?.params
  }

  /**
   * Makes an operation on a named resource fail: `during: 'create' | 'update' | 'delete'`. A failed delete during
   * an update's clean-up leaves the update UPDATE_COMPLETE with a DELETE_FAILED event; `inNestedStack` limits
   * the failure to the nested stack its parent declares under that logical id.
   */
  failResource(failure: ResourceFailure): void {
    this.cloudformation.failures.push(failure)
  }

  clearFailures(): void {
    this.cloudformation.failures.length = 0
  }

  /**
   * Declares a resource that already exists outside any stack (e.g. `{ type: 'AWS::S3::Bucket', identifier:
   * 'taken' }`): a change set that would create it under that name fails early validation.
   */
  resourceExists(resource: ExistingResource): void {
    this.cloudformation.existingResources.push(resource)
  }

  /** Makes DeleteChangeSet of this change set (name or ARN) end DELETE_FAILED. */
  failChangeSetDelete(nameOrArn: string): void {
    this.cloudformation.failChangeSetDeletes.add(nameOrArn)
  }

  /** Puts a template in the emulator's S3 and returns its https URL on a real AWS host name, and its version. */
  putTemplate(
    bucket: string,
    key: string,
    body: string,
    region = 'us-east-1'
  ): { url: string; versionId: string } {
    const versionId = this.s3.putObject(bucket, key, body)
    return { url: `https://${bucket}.s3.${region}.amazonaws.com/${key}`, versionId }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\/aws4_request/.exec(
      req.headers.authorization ?? ''
    )
    const region = scope?.[1] ?? 'us-east-1'
    const service = serviceOf(scope?.[2], req.method ?? 'GET', url, raw)
    const requestId = randomUUID()

    let operation: string
    let params: QueryParams
    const target = String(req.headers['x-amz-target'] ?? '')
    if (service === 'cloudformation' || service === 'rds') {
      params = parseQuery(raw.toString('utf8'))
      operation = typeof params.Action === 'string' ? params.Action : 'Unknown'
    } else if (service === 'ecs') {
      params = jsonBody(raw)
      operation = target.split('.').pop() ?? 'Unknown'
    } else if (service === 'lambda') {
      const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname)?.[1]
      params = { path: url.pathname, FunctionName: decodeURIComponent(name ?? '') }
      operation = name === undefined ? 'Unknown' : 'Invoke'
    } else if (service === 'pricing') {
      params = { ServiceCode: /"ServiceCode":"([^"]*)"/.exec(raw.toString('utf8'))?.[1] ?? '' }
      operation = target.replace(/^AWSPriceListService\./, '')
    } else {
      params = { path: url.pathname, query: url.search }
      operation =
        service === 'apigateway'
          ? apiGatewayOperation(req.method ?? 'GET', url)
          : s3Operation(req.method ?? 'GET', url)
    }
    const agent = `${req.headers['user-agent'] ?? ''} ${String(req.headers['x-amz-user-agent'] ?? '')}`
    const entry: LoggedRequest = {
      service,
      operation,
      params,
      status: 200,
      time: Date.now(),
      fromAction: agent.includes('metaflow-deploy')
    }
    this.requests.push(entry)
    // The whole suite's calls by the action, for the IAM policy check (see jest.teardown.ts).
    if (entry.fromAction && process.env.EMULATOR_CALL_LOG !== undefined)
      // With its parameters and region, so the check compares resources and conditions, not only action names.
      appendFileSync(
        process.env.EMULATOR_CALL_LOG,
        `${JSON.stringify({ service, operation, params, region })}\n`
      )

    const delay = this.faults.delayFor(operation)
    if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay))
    const fault = this.faults.decide(operation)
    if (fault !== 'none') {
      entry.fault = fault
      if (fault === 'drop') {
        entry.status = 0
        req.socket.destroy()
        return
      }
      if (fault === 'throttle')
        return this.faultReply(res, entry, service, requestId, 400, 'Throttling', 'Rate exceeded')
      return this.faultReply(
        res,
        entry,
        service,
        requestId,
        503,
        'ServiceUnavailable',
        'Service is unavailable, please retry'
      )
    }

    if (service === 'cloudformation') {
      try {
        const result = this.cloudformation.handle(operation, params, region)
        const answered = (result as { Status?: unknown } | undefined)?.Status
        if (typeof answered === 'string') entry.answeredStatus = answered
        if (this.faults.dropsResponse(operation)) {
          entry.fault = 'drop-response'
          entry.status = 0
          req.socket.destroy()
          return
        }
        send(res, 200, 'text/xml', queryResponse(operation, result, requestId), requestId)
      } catch (err) {
        const error = err instanceof CfnError ? err : new CfnError('InternalFailure', String(err), 500)
        if (!(err instanceof CfnError)) console.error('emulator: internal failure', err)
        entry.status = error.status
        entry.errorCode = error.code
        send(
          res,
          error.status,
          'text/xml',
          queryError(error.code, error.message, requestId, error.status >= 500 ? 'Receiver' : 'Sender'),
          requestId
        )
      }
      return
    }
    if (service === 'rds') {
      const reply = this.rds.handle(operation, new URLSearchParams(raw.toString('utf8')), region, requestId)
      entry.status = reply.status
      if (reply.errorCode !== undefined) entry.errorCode = reply.errorCode
      send(res, reply.status, 'text/xml', reply.body, requestId)
      return
    }
    if (service === 'ecs') {
      const reply = this.ecs.handle(operation, params, region)
      entry.status = reply.status
      if (reply.errorType !== undefined) entry.errorCode = reply.errorType
      send(res, reply.status, 'application/x-amz-json-1.1', JSON.stringify(reply.body), requestId)
      return
    }
    if (service === 'lambda') {
      const reply = await this.lambda.invoke(url.pathname, raw.toString('utf8'), region, requestId)
      entry.status = reply.status
      if (reply.errorType !== undefined) entry.errorCode = reply.errorType
      for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v)
      send(res, reply.status, 'application/json', reply.body, requestId)
      return
    }
    if (service === 'pricing') {
      const reply = handlePricing(this.pricing, target, raw.toString('utf8'))
      sendJson(res, entry, reply, 'application/x-amz-json-1.1', requestId)
      return
    }
    if (service === 'apigateway') {
      const { reply } = handleApiGateway(this.apiGateway, req.method ?? 'GET', url, raw.toString('utf8'))
      sendJson(res, entry, reply, 'application/json', requestId)
      return
    }
    const { reply } = handleS3(this.s3, req.method ?? 'GET', url, raw)
    entry.status = reply.status
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v)
    res.statusCode = reply.status
    res.setHeader('x-amz-request-id', requestId)
    res.end(reply.body)
  }

  private faultReply(
    res: ServerResponse,
    entry: LoggedRequest,
    service: Service,
    requestId: string,
    status: number,
    code: string,
    message: string
  ): void {
    entry.status = status
    entry.errorCode = code
    if (service === 'cloudformation' || service === 'rds') {
      send(
        res,
        status,
        'text/xml',
        queryError(code, message, requestId, status >= 500 ? 'Receiver' : 'Sender'),
        requestId
      )
    } else if (service === 'ecs' || service === 'lambda') {
      const type = status === 400 ? 'ThrottlingException' : 'ServiceException'
      entry.errorCode = type
      res.setHeader('x-amzn-errortype', type)
      send(res, status === 400 ? 429 : status, 'application/json', JSON.stringify({ message }), requestId)
    } else if (service === 'apigateway' || service === 'pricing') {
      const type = status === 400 ? 'TooManyRequestsException' : 'ServiceUnavailableException'
      entry.errorCode = type
      res.setHeader('x-amzn-errortype', type)
      send(res, status === 400 ? 429 : status, 'application/json', JSON.stringify({ message }), requestId)
    } else {
      const s3Code = status === 400 ? 'SlowDown' : 'ServiceUnavailable'
      entry.errorCode = s3Code
      send(
        res,
        503,
        'application/xml',
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${s3Code}</Code><Message>${message}</Message></Error>`,
        requestId
      )
    }
  }
}

/**
 * A JSON answer of a service whose errors the SDK reads from the `x-amzn-errortype` header (API Gateway's REST-JSON
 * and the Price List's JSON protocols), logged with its status and error type.
 */
function sendJson(
  res: ServerResponse,
  entry: LoggedRequest,
  reply: { status: number; body: unknown; errorType?: string | undefined },
  type: string,
  requestId: string
): void {
  entry.status = reply.status
  if (reply.errorType !== undefined) {
    entry.errorCode = reply.errorType
    res.setHeader('x-amzn-errortype', reply.errorType)
  }
  send(res, reply.status, type, JSON.stringify(reply.body), requestId)
}

function send(res: ServerResponse, status: number, type: string, body: string, requestId: string): void {
  res.statusCode = status
  res.setHeader('content-type', type)
  res.setHeader('x-amzn-requestid', requestId)
  res.end(body)
}

function serviceOf(scoped: string | undefined, method: string, url: URL, body: Buffer): Service {
  if (
    scoped === 'cloudformation' ||
    scoped === 'apigateway' ||
    scoped === 's3' ||
    scoped === 'lambda' ||
    scoped === 'ecs' ||
    scoped === 'rds' ||
    scoped === 'pricing'
  )
    return scoped
  if (method === 'POST' && url.pathname === '/' && body.toString('utf8', 0, 200).includes('Action='))
    return 'cloudformation'
  if (url.pathname.startsWith('/apikeys')) return 'apigateway'
  return 's3'
}

/** An ECS (JSON 1.1) request body; anything unparsable as no parameters. */
function jsonBody(raw: Buffer): QueryParams {
  try {
    const body = JSON.parse(raw.toString('utf8')) as unknown
    return body !== null && typeof body === 'object' ? (body as QueryParams) : {}
  } catch {
    return {}
  }
}

function apiGatewayOperation(method: string, url: URL): string {
  if (method === 'POST') return 'CreateApiKey'
  if (method === 'DELETE') return 'DeleteApiKey'
  return url.pathname.replace(/\/$/, '') === '/apikeys' ? 'GetApiKeys' : 'GetApiKey'
}

function s3Operation(method: string, url: URL): string {
  const hasKey = url.pathname.replace(/^\//, '').includes('/')
  if (!hasKey) return method === 'PUT' ? 'CreateBucket' : 'ListObjects'
  return (
    { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' }[method] ?? 'Unknown'
  )
}

/** Starts an emulator on a free loopback port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(options)
  await emulator.listen(options.port ?? 0)
  return emulator
}
