import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'node:net'
import type { Emulator } from '../emulator/server.js'
import { testCertificate, type TestCertificate } from './test-certificate.js'

/**
 * A stand-in for the Metaflow service's two HTTP faces, answering as Netflix/metaflow-service's own handlers do
 * (read at 91e44f0):
 * - the metadata service (port 8080; services/metadata_service/api/admin.py): `GET /ping` -> `pong` with the
 *   `METADATA_SERVICE_VERSION` header, `GET /version` -> the package version as text, `GET /healthcheck` ->
 *   `{"status": "UP"}` (500 `{"status": "DOWN"}` without a database);
 * - the migration service (port 8082; services/migration_service/api/admin.py and api/utils.py): `GET /ping` ->
 *   `pong`, `GET /version` -> the latest version the schema is compatible with, `GET /db_schema_status` ->
 *   `{"is_up_to_date", "current_version", "migration_in_progress", "db_schema_versions", "unapplied_migrations"}`
 *   (versions are goose's strings), `PATCH /upgrade` -> `upgrade success`, or 500 `upgrade failed`.
 * aiohttp answers an unknown route `404: Not Found` and a known route with another method `405: Method Not Allowed`.
 * Which face answers: the port the request names (8082 is the migration service, as the template's internal load
 * balancer listens), or, through the API's `/db_schema_status` method, the migration service.
 * It also takes absolute-form requests, so it doubles as the proxy the emulated Lambda's VPC sends through.
 */

/** The migration files of metadata service v2.4.12 (services/migration_service/api/__init__.py, version_dict). */
export const V2_4_12_MIGRATIONS = [
  '1',
  '20200603104139',
  '20201002000616',
  '20210202145952',
  '20210260056859',
  '20211202100726',
  '20220503175500',
  '20230118020300'
]
/** v2.5.1 adds the cursor-pagination indexes. */
export const V2_5_1_MIGRATIONS = [
  ...V2_4_12_MIGRATIONS,
  '20260615000000',
  '20260706000000',
  '20260706000001',
  '20260706000002',
  '20260706000003'
]

export class MetaflowServiceStandIn {
  /** What the running image reports as its version. */
  version = '2.4.12'
  /** The migrations the running image ships (its db_schema_versions). */
  migrations: string[] = [...V2_4_12_MIGRATIONS]
  /** goose's version of the database: '0' for an empty one. */
  current = '0'
  /** PATCH /upgrade fails (goose exits non-zero). */
  upgradeFails = false
  /** Nothing answers: connections are dropped (no healthy task behind the load balancer). */
  down = false
  /** Every request: `METHOD face /path`. */
  readonly requests: string[] = []
  url = ''
  private readonly server: Server
  private readonly sockets = new Set<Socket>()

  constructor() {
    this.server = createServer((req, res) => this.serve(req, res))
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  /** Sets the database as migrated to the image's last migration. */
  upToDate(): this {
    this.current = this.migrations.at(-1) ?? '0'
    return this
  }

  unapplied(): string[] {
    const at = this.migrations.indexOf(this.current)
    return at < 0 ? [...this.migrations] : this.migrations.slice(at + 1)
  }

  async listen(): Promise<string> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.url
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
    const migration =
      url.port === '8082' || url.pathname === '/db_schema_status' || url.pathname === '/upgrade'
    const face = migration ? 'migration' : 'metadata'
    const method = req.method ?? 'GET'
    this.requests.push(`${method} ${face} ${url.pathname}`)
    if (this.down) {
      req.socket.destroy()
      return
    }
    const text = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers })
      res.end(body)
    }
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    const routes: Record<string, Record<string, () => void>> = migration
      ? {
          '/ping': { GET: () => text(200, 'pong') },
          '/version': {
            GET: () => text(200, this.current === this.migrations.at(-1) ? 'latest' : this.current)
          },
          '/db_schema_status': {
            GET: () =>
              json(200, {
                is_up_to_date: this.unapplied().length === 0,
                current_version: this.current,
                migration_in_progress: false,
                db_schema_versions: this.migrations,
                unapplied_migrations: this.unapplied()
              })
          },
          '/upgrade': {
            PATCH: () => {
              if (this.upgradeFails) return text(500, 'upgrade failed')
              this.current = this.migrations.at(-1) ?? this.current
              text(200, 'upgrade success')
            }
          }
        }
      : {
          '/ping': { GET: () => text(200, 'pong', { METADATA_SERVICE_VERSION: this.version }) },
          '/version': { GET: () => text(200, this.version) },
          '/healthcheck': {
            GET: () => json(200, { status: 'UP' }, { METADATA_SERVICE_VERSION: this.version })
          }
        }
    const route = routes[url.pathname]
    if (route === undefined) return text(404, '404: Not Found')
    const handler = route[method]
    if (handler === undefined) return text(405, '405: Method Not Allowed')
    handler()
  }
}

export async function startMetaflowService(): Promise<MetaflowServiceStandIn> {
  const service = new MetaflowServiceStandIn()
  await service.listen()
  return service
}

let certificate: TestCertificate | undefined

/**
 * A stand-in Metaflow service behind the emulator's stacks: their API URLs reach it (through the emulator as the
 * runner's HTTPS proxy, emulator.env() says so), and their migration functions' HTTP goes to it. For any run that
 * deploys the bundled template, whose deploy migrates and verifies the service.
 */
export async function attachMetaflowService(emulator: Emulator): Promise<MetaflowServiceStandIn> {
  certificate ??= testCertificate(['*.execute-api.us-east-1.amazonaws.com'])
  emulator.executeApi.useCertificate(certificate.key, certificate.cert, certificate.certPath)
  const service = await startMetaflowService()
  emulator.executeApi.backend = service.url
  emulator.lambda.network = service.url
  return service
}
