import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { logText, runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

/**
 * A corporate proxy in miniature: CONNECT tunnels (what @actions/http-client's agent and undici send) and
 * absolute-form requests, recording each. It alone knows the `.proxy.test` hosts (`.test` never resolves in DNS,
 * RFC 2606), so a run that reaches them went through it.
 */
class Proxy {
  readonly seen: string[] = []
  readonly hosts = new Map<string, number>()
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  url = ''

  constructor() {
    this.server = createServer((req, res) => {
      const target = new URL(req.url ?? '/')
      this.seen.push(`${req.method ?? ''} ${target.host}`)
      const port = this.hosts.get(target.hostname)
      if (port === undefined) {
        res.writeHead(502).end()
        return
      }
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: target.pathname + target.search,
          headers: req.headers
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.destroy())
      req.pipe(upstream)
    })
    this.server.on('connect', (req, client: Socket, head: Buffer) => {
      this.seen.push(`CONNECT ${req.url ?? ''}`)
      const [host, port] = (req.url ?? '').split(':')
      const local = this.hosts.get(host ?? '')
      if (local === undefined || Number(port) !== local) {
        client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
        return
      }
      const upstream = connect(local, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('error', () => undefined)
        socket.on('close', () => this.sockets.delete(socket))
      }
    })
  }

  async listen(): Promise<void> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', () => resolve()))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }
}

let emulator: Emulator
let proxy: Proxy
beforeEach(async () => {
  emulator = await startEmulator()
  proxy = new Proxy()
  await proxy.listen()
  proxy.hosts.set('aws.proxy.test', Number(new URL(emulator.url).port))
})
afterEach(async () => {
  await proxy.close()
  await emulator.close()
})

const files = { 'infra/metaflow.yml': BASIC }
const inputs = { 'stack-name': 'metaflow-dev', template: 'infra/metaflow.yml', environment: 'dev' }
const behindProxy = (extra: Record<string, string> = {}) => ({
  AWS_ENDPOINT_URL: `http://aws.proxy.test:${new URL(emulator.url).port}`,
  HTTPS_PROXY: proxy.url,
  http_proxy: proxy.url,
  ...extra
})

describe('behind a proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY)', () => {
  it('deploys through the proxy when AWS is reachable only through it', async () => {
    const result = await runAgainst(emulator, { inputs, files, env: behindProxy() })
    expect(logText(result)).toContain('Stack metaflow-dev is CREATE_COMPLETE.')
    expect(result.exitCode).toBe(0)
    const port = new URL(emulator.url).port
    expect(proxy.seen.length).toBeGreaterThanOrEqual(5)
    expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT aws.proxy.test:${port}`]))
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
    expect(emulator.calls('GetApiKey')).toHaveLength(1) // API Gateway, a second client, went through it too
  }, 60_000)

  it('reads upper-case HTTP_PROXY as well', async () => {
    const result = await runAgainst(emulator, {
      inputs: { ...inputs, mode: 'outputs' },
      files,
      env: { AWS_ENDPOINT_URL: `http://aws.proxy.test:${new URL(emulator.url).port}`, HTTP_PROXY: proxy.url }
    })
    // No stack yet: the answer came back from the emulator, through the proxy.
    expect(result.errors.at(-1)?.message).toMatch(/Stack metaflow-dev does not exist/)
    expect(proxy.seen.length).toBeGreaterThan(0)
  }, 60_000)

  it('NO_PROXY exempts a host: the action then connects directly (and here cannot resolve it)', async () => {
    const result = await runAgainst(emulator, {
      inputs,
      files,
      env: behindProxy({ NO_PROXY: '.proxy.test' })
    })
    expect(result.exitCode).toBe(1)
    expect(proxy.seen).toEqual([])
    expect(emulator.requests).toEqual([])
    expect(result.errors.at(-1)?.message).toMatch(/ENOTFOUND|getaddrinfo/)
  }, 60_000)

  it('NO_PROXY=127.0.0.1 (and loopback in any case) bypasses the proxy', async () => {
    const result = await runAgainst(emulator, {
      inputs,
      files,
      env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }
    })
    expect(result.exitCode).toBe(0)
    expect(proxy.seen).toEqual([])
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
  }, 60_000)

  it('posts the preview comment to GitHub through the proxy too', async () => {
    const github: GitHubFake = await startGitHubFake()
    try {
      proxy.hosts.set('github.proxy.test', Number(new URL(github.url).port))
      const result = await runAgainst(emulator, {
        inputs: { ...inputs, mode: 'preview' },
        files,
        event: { name: 'pull_request', payload: { number: 5, pull_request: { number: 5 } } },
        env: behindProxy({ GITHUB_API_URL: `http://github.proxy.test:${new URL(github.url).port}` })
      })
      expect(result.exitCode).toBe(0)
      expect(github.comments).toHaveLength(1)
      expect(proxy.seen.some(line => line.includes('github.proxy.test'))).toBe(true)
      expect(result.outputs['comment-url']).toBe(github.comments[0]?.html_url)
    } finally {
      await github.close()
    }
  }, 60_000)
})
