import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { firstRequestWritten } from '../../src/run/first-request.js'

// Start-up loads the rest of the bundle only once its first request is written (src/main.ts): these pin when
// the signal fires, since firing early would hold the request back and never firing would stall the run.
let server: Server | undefined
afterEach(async () => {
  const open = server
  server = undefined
  if (open === undefined) return
  open.closeAllConnections()
  await new Promise(resolve => open.close(resolve))
})

/** A server that reads requests and never answers. */
async function silentServer(): Promise<number> {
  server = createServer(req => req.resume())
  await new Promise<void>(resolve => server?.listen(0, '127.0.0.1', resolve))
  return (server?.address() as AddressInfo).port
}

const settledYet = async (promise: Promise<void>): Promise<boolean> => {
  let done = false
  void promise.then(() => (done = true))
  await new Promise(resolve => setTimeout(resolve, 50))
  return done
}

describe('firstRequestWritten', () => {
  it('waits while the request is being written and resolves once it is, before any answer', async () => {
    const port = await silentServer()
    const written = firstRequestWritten()
    const req = request({ host: '127.0.0.1', port, method: 'POST' })
    req.on('error', () => undefined)
    req.write('Action=DescribeStacks')
    expect(await settledYet(written)).toBe(false)
    req.end()
    expect(await settledYet(written)).toBe(true)
    req.destroy()
  })

  it('resolves when the first request fails instead of being written', async () => {
    const written = firstRequestWritten()
    const req = request({ host: '127.0.0.1', port: 1, method: 'GET' })
    req.on('error', () => undefined)
    req.end()
    await expect(written).resolves.toBeUndefined()
  })
})
