import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseTemplateBody } from '../../src/template/cfn-yaml.js'
import { BUNDLED_TEMPLATE_PATH } from '../../src/template/bundled.js'
import { ROOT } from '../../harness/runner.js'

/**
 * The migration Lambda's inline Python, run as it is written in the template against a local stand-in of the
 * metadata service's migration API. The stand-in answers as metadata service v2.x does
 * (services/migration_service/api/admin.py in Netflix/metaflow-service): GET /db_schema_status returns a JSON
 * document written with `web.Response(body=json.dumps(...))` (so it is not labelled application/json), and
 * PATCH /upgrade returns the plain text `upgrade success`, or `upgrade failed` with status 500.
 */

/** The code runs on the Lambda Python runtime; here on python3. Required in CI; skipped with a reason elsewhere. */
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0
if (!python && process.env.CI === 'true') {
  throw new Error(
    'python3 must run in CI (it runs the migration Lambda’s inline code), but it is not installed.'
  )
}
if (!python) console.warn('Skipping the migration function’s code: python3 is not installed here.')

const template = parseTemplateBody(readFileSync(join(ROOT, BUNDLED_TEMPLATE_PATH), 'utf8')) as {
  Resources: Record<string, { Properties?: { Code?: { ZipFile?: string }; Runtime?: string } }>
}
const migration = template.Resources.ExecuteDBMigration?.Properties

interface Answer {
  status: number
  body: string
}

/** What the stand-in answers next, per route; tests change it. */
let answers: Record<string, Answer[]>
/** Every request the stand-in received, as `METHOD /path`. */
let received: string[]

const schemaStatus = (upToDate: boolean): Answer => ({
  status: 200,
  body: JSON.stringify({
    is_up_to_date: upToDate,
    current_version: upToDate ? 20260912191955 : 20240509201906,
    migration_in_progress: false,
    db_schema_versions: [20240509201906, 20260912191955],
    unapplied_migrations: upToDate ? [] : ['20260912191955_add_tasks_v3_lateral_join_index.sql']
  })
})

let server: Server
let address: string
let workdir: string

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = `${request.method ?? ''} ${request.url ?? ''}`
    received.push(route)
    const answer = answers[route]?.shift() ?? { status: 405, body: '405: Method Not Allowed' }
    // aiohttp labels both str bodies and text= answers as text/plain.
    response.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8' })
    response.end(answer.body)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  workdir = mkdtempSync(join(tmpdir(), 'migration-fn-'))
  // The Lambda runtime imports the inline code as index.py (Handler: index.handler).
  writeFileSync(join(workdir, 'index.py'), migration?.Code?.ZipFile ?? '')
})

afterAll(async () => {
  await new Promise<void>(resolve => server.close(() => resolve()))
  rmSync(workdir, { recursive: true, force: true })
})

beforeEach(() => {
  received = []
  answers = {}
})

/** Invokes index.handler({}, None) the way Lambda does; the handler's return value is printed as JSON. */
function invoke(): Promise<{ code: number; result: unknown; stderr: string }> {
  const script = 'import json, index\nprint(json.dumps(index.handler({}, None)))'
  return new Promise(resolve => {
    execFile(
      'python3',
      ['-c', script],
      { cwd: workdir, env: { PATH: process.env.PATH ?? '', MD_LB_ADDRESS: address }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, result: code === 0 ? JSON.parse(stdout) : undefined, stderr })
      }
    )
  })
}

;(python ? describe : describe.skip)('the migration function (inline Python)', () => {
  it('is inline code for a supported Python runtime', () => {
    expect(migration?.Runtime).toMatch(/^python3\.1[2-9]$/)
    expect(migration?.Code?.ZipFile).toContain('def handler(event, context):')
  })

  it('answers the schema status before and after a successful upgrade (whose answer is plain text)', async () => {
    answers = {
      'GET /db_schema_status': [schemaStatus(false), schemaStatus(true)],
      'PATCH /upgrade': [{ status: 200, body: 'upgrade success' }]
    }
    const { code, result, stderr } = await invoke()
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    // The exact answer issue 20's caller reads: the service's db_schema_status documents, untouched.
    expect(result).toEqual({
      before: JSON.parse(schemaStatus(false).body) as unknown,
      after: JSON.parse(schemaStatus(true).body) as unknown,
      upgraded: true
    })
    expect(received).toEqual(['GET /db_schema_status', 'PATCH /upgrade', 'GET /db_schema_status'])
  }, 60_000)

  it('is safe to run twice: an up-to-date schema is read once and left alone', async () => {
    answers = {
      'GET /db_schema_status': [schemaStatus(false), schemaStatus(true), schemaStatus(true)],
      'PATCH /upgrade': [{ status: 200, body: 'upgrade success' }]
    }
    expect((await invoke()).result).toMatchObject({ upgraded: true })
    received = []
    const second = await invoke()
    expect(second.code).toBe(0)
    const current = JSON.parse(schemaStatus(true).body) as unknown
    expect(second.result).toEqual({ before: current, after: current, upgraded: false })
    expect(received).toEqual(['GET /db_schema_status'])
  }, 60_000)

  it('does not start a second migration while one is in progress', async () => {
    const running = JSON.parse(schemaStatus(false).body) as Record<string, unknown>
    answers = {
      'GET /db_schema_status': [
        { status: 200, body: JSON.stringify({ ...running, migration_in_progress: true }) }
      ]
    }
    const { code, stderr } = await invoke()
    expect(code).not.toBe(0)
    expect(stderr).toContain('a migration is already in progress')
    expect(received).toEqual(['GET /db_schema_status'])
  }, 60_000)

  it('fails on a schema status that is not the service’s JSON document', async () => {
    answers = { 'GET /db_schema_status': [{ status: 200, body: '<html>gateway</html>' }] }
    const { code } = await invoke()
    expect(code).not.toBe(0)
    expect(received).toEqual(['GET /db_schema_status'])
  }, 60_000)

  it('fails, naming the call and the service’s answer, when the upgrade fails', async () => {
    answers = {
      'GET /db_schema_status': [schemaStatus(false), schemaStatus(false)],
      'PATCH /upgrade': [{ status: 500, body: 'upgrade failed' }]
    }
    const { code, stderr } = await invoke()
    expect(code).not.toBe(0)
    expect(stderr).toContain('PATCH /upgrade answered 500: upgrade failed')
    expect(received).toEqual(['GET /db_schema_status', 'PATCH /upgrade'])
  }, 60_000)

  it('does not attempt the upgrade when the schema status cannot be read', async () => {
    answers = {
      'GET /db_schema_status': [
        { status: 500, body: JSON.stringify({ detail: "OperationalError('timeout')" }) }
      ]
    }
    const { code, stderr } = await invoke()
    expect(code).not.toBe(0)
    expect(stderr).toContain('GET /db_schema_status answered 500')
    expect(stderr).toContain('OperationalError')
    expect(received).toEqual(['GET /db_schema_status'])
  }, 60_000)

  it('fails when the service says “upgrade success” but the schema is still behind', async () => {
    answers = {
      'GET /db_schema_status': [schemaStatus(false), schemaStatus(false)],
      'PATCH /upgrade': [{ status: 200, body: 'upgrade success' }]
    }
    const { code, stderr } = await invoke()
    expect(code).not.toBe(0)
    expect(stderr).toContain('schema still not up to date after the upgrade')
  }, 60_000)
})
