import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

/**
 * Resolves once the first HTTP request of the process has been written to its connection (its `finish` event),
 * or has failed on the way. Start-up waits for this before it evaluates the rest of the bundle: evaluation blocks
 * the event loop for tens of milliseconds, and any earlier it would hold the request back, since the SDK
 * resolves credentials and endpoints, and the socket connects (and shakes hands over TLS), over several turns of
 * the loop. Node's `http.client.request.start` channel sees every client request, https included, once the
 * request is ended. The first one is usually DescribeStacks; with a proxy it is the tunnel's CONNECT, and with
 * instance, container or web-identity credentials the credentials request, so the wait ends earlier there, which
 * costs only speed. A run that fails before any request ends the wait through the request's own promise.
 */
export function firstRequestWritten(): Promise<void> {
  return new Promise(resolve => {
    const onStart = (message: unknown): void => {
      unsubscribe('http.client.request.start', onStart)
      const request = (message as { request: ClientRequest }).request
      request.once('finish', () => resolve())
      request.once('error', () => resolve())
      request.once('close', () => resolve())
    }
    subscribe('http.client.request.start', onStart)
  })
}
