import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import type { ApiGatewayStore } from './apigateway.js'
import type { StackView } from './stack-view.js'

/**
 * The invoke side of the stacks' REST APIs, `https://{restapi-id}.execute-api.{region}.amazonaws.com/{stage}/…`,
 * reached the way a runner behind a corporate proxy reaches it: the client sends CONNECT to the emulator (its
 * HTTPS_PROXY), which answers the TLS itself with a certificate the test trusts (NODE_EXTRA_CA_CERTS).
 * - A method with ApiKeyRequired refuses a request without a valid `x-api-key` header: 403 `{"message":"Forbidden"}`
 *   (API Gateway developer guide, "Usage plans and API keys"; "Gateway responses": MISSING_AUTHENTICATION_TOKEN
 *   / INVALID_API_KEY answer 403 Forbidden).
 * - The stage name is the first path segment; the rest goes to the integration, here the stand-in Metaflow
 *   service (`backend`), as HTTP_PROXY passes it through.
 * - An integration that does not answer: 504 `{"message": "Endpoint request timed out"}` ("Gateway responses",
 *   INTEGRATION_TIMEOUT).
 */
export class ExecuteApi {
  /** Base URL of the service behind every stack's API (the stand-in metadata service); unset: none answers. */
  backend: string | undefined
  readonly requests: { host: string; path: string; status: number; hadKey: boolean }[] = []
  private server: HttpsServer | undefined

  constructor(
    private readonly keys: ApiGatewayStore,
    private readonly view: StackView
  ) {}

  /** The certificate's file, which clients must trust (NODE_EXTRA_CA_CERTS); set by useCertificate. */
  certificatePath: string | undefined

  /** Enables the endpoint with a certificate for `*.execute-api.<region>.amazonaws.com`. */
  useCertificate(key: string, cert: string, certificatePath?: string): void {
    this.certificatePath = certificatePath
    this.server = createHttpsServer({ key, cert }, (req, res) => void this.serve(req, res))
  }

  /** Handles a CONNECT; true when it was for an execute-api host this emulator answers. */
  tunnel(req: IncomingMessage, socket: Socket, head: Buffer): boolean {
    const [host = '', port = '443'] = (req.url ?? '').split(':')
    if (
      this.server === undefined ||
      port !== '443' ||
      !/\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/.test(host)
    )
      return false
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length > 0) socket.unshift(head)
    this.server.emit('connection', socket)
    return true
  }

  close(): void {
    this.server?.close()
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').split(':')[0] ?? ''
    const apiId = host.split('.')[0] ?? ''
    const url = new URL(req.url ?? '/', `https://${host}`)
    const [, stage = '', ...rest] = url.pathname.split('/')
    const key = req.headers['x-api-key']
    const record = { host, path: url.pathname, status: 0, hadKey: typeof key === 'string' && key !== '' }
    this.requests.push(record)
    const reply = (status: number, body: string, type = 'application/json'): void => {
      record.status = status
      res.writeHead(status, {
        'content-type': type,
        ...(status === 403 ? { 'x-amzn-errortype': 'ForbiddenException' } : {})
      })
      res.end(body)
    }
    const api = this.view.ofType('AWS::ApiGateway::RestApi').find(r => r.physicalId === apiId)
    if (api === undefined || stage === '') return reply(403, JSON.stringify({ message: 'Forbidden' }))
    const stackKeys = [...this.keys.keys.values()].filter(k => k.stackName === api.stackName && k.enabled)
    if (stackKeys.length > 0 && !stackKeys.some(k => k.value === key))
      return reply(403, JSON.stringify({ message: 'Forbidden' }))
    if (this.backend === undefined)
      return reply(504, JSON.stringify({ message: 'Endpoint request timed out' }))
    const target = new URL(`/${rest.join('/')}${url.search}`, this.backend)
    await new Promise<void>(done => {
      const upstream = httpRequest(target, { method: req.method, timeout: 5_000 }, answer => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          reply(
            answer.statusCode ?? 502,
            Buffer.concat(chunks).toString('utf8'),
            answer.headers['content-type'] ?? 'text/plain'
          )
          done()
        })
      })
      const timedOut = (): void => {
        upstream.destroy()
        if (!res.headersSent) reply(504, JSON.stringify({ message: 'Endpoint request timed out' }))
        done()
      }
      upstream.on('timeout', timedOut)
      upstream.on('error', timedOut)
      upstream.end()
    })
  }
}
