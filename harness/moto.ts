import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'moto_launcher.py')

/** Whether moto can be started here: CI must have it; elsewhere the suite may skip. */
export function motoAvailable(): { ok: true } | { ok: false; why: string } {
  const probe = spawnSync(
    'python3',
    ['-c', 'import moto.server, moto.cloudformation; print(moto.__version__)'],
    { encoding: 'utf8' }
  )
  if (probe.status === 0) return { ok: true }
  return {
    ok: false,
    why: `python3 cannot import moto (${(probe.stderr || probe.error?.message || '').trim().split('\n').at(-1) ?? ''})`
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

export interface Moto {
  url: string
  env(): Record<string, string>
  stop(): Promise<void>
}

/** Starts moto (through our launcher, which patches its known gaps) on a free loopback port. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort()
  const child: ChildProcess = spawn('python3', [LAUNCHER, String(port)], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const response = await fetch(`${url}/moto-api/`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill()
      throw new Error(`moto did not start: ${stderr.slice(-500)}`)
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return {
    url,
    env: () => ({
      AWS_ENDPOINT_URL: url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true'
    }),
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
