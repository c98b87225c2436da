import { AdaptiveDelay } from '../run/clock.js'
import type { ServiceWait } from './wait.js'
import { DeployError, messageOf } from '../run/errors.js'

/**
 * Calls the Metaflow metadata service the way Metaflow's client does, through the stack's API Gateway URL with the
 * API key in `x-api-key`: `GET /ping` must answer `pong`, then `GET /version` gives the service's version
 * (services/metadata_service/api/admin.py in Netflix/metaflow-service). A new service takes minutes to answer (the
 * image is pulled, the task starts, the load balancer finds it healthy), so it retries with backoff until the
 * deadline. The key goes only into the request header, never into a message.
 */

/** One HTTP answer, or the network error that replaced it. */
export interface Answer {
  status: number | undefined
  body: string
}

/** The HTTP GET the check makes; @actions/http-client in production (it follows the runner's proxy variables). */
export type HttpGet = (url: string, headers: Record<string, string>, timeoutMs: number) => Promise<Answer>

/** Pauses between attempts: 7.5 s, then 1.5x each time up to 30 s (AdaptiveDelay from 5 s; docs/reliability.md). */
export const VERIFY_DELAY = { minMs: 5_000, maxMs: 30_000 }
/** Time kept after the last attempt, for reading the ECS services' stopped tasks and events. */
const RESERVE_MS = 5_000
/** One request may take this long: API Gateway itself gives up on an integration after 29 s. */
const REQUEST_MS = 30_000

export interface Verified {
  version: string
  attempts: number
}

export async function verifyService(
  serviceUrl: string,
  apiKey: string | undefined,
  wait: ServiceWait,
  get: HttpGet = actionsHttpGet
): Promise<Verified> {
  const headers: Record<string, string> = apiKey === undefined ? {} : { 'x-api-key': apiKey }
  const scrub = (text: string): string =>
    apiKey === undefined || apiKey === '' ? text : text.split(apiKey).join('***')
  const delay = new AdaptiveDelay(VERIFY_DELAY.minMs, VERIFY_DELAY.maxMs)
  let attempts = 0
  let last: string
  for (;;) {
    attempts += 1
    const ping = await safeGet(get, endpoint(serviceUrl, 'ping'), headers, remaining(wait))
    if (ping.status === 200 && ping.body.trim() === 'pong') {
      const version = await safeGet(get, endpoint(serviceUrl, 'version'), headers, remaining(wait))
      if (version.status === 200 && version.body.trim() !== '') {
        return { version: scrub(version.body.trim()).slice(0, 100), attempts }
      }
      last = `GET /version: ${describe(version, scrub)}`
    } else last = `GET /ping: ${describe(ping, scrub)}`
    // Retry until the deadline, the last pause shortened to fit; stop with RESERVE_MS left for the diagnosis.
    const left = wait.deadline - wait.clock.now() - RESERVE_MS
    if (left <= 0 || wait.signal.aborted) throw new ServiceDown(serviceUrl, last, attempts)
    const pause = Math.min(delay.next(false), left)
    wait.log(
      `The metadata service is not answering yet (${last}); attempt ${attempts + 1} in ${Math.round(pause / 1000)} s.`
    )
    await wait.clock.sleep(pause, wait.signal)
  }
}

/** A service that never answered before the deadline: the URL, the last answer; the diagnosis is added by the caller. */
export class ServiceDown extends DeployError {
  constructor(
    readonly url: string,
    readonly lastAnswer: string,
    readonly attempts: number
  ) {
    super(
      `The Metaflow metadata service at ${url} did not answer within timeout-minutes (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}; last answer: ${lastAnswer}).`
    )
  }
}

function endpoint(serviceUrl: string, path: string): string {
  return new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`).toString()
}

function remaining(wait: ServiceWait): number {
  return Math.max(1_000, Math.min(REQUEST_MS, wait.deadline - wait.clock.now() - RESERVE_MS))
}

async function safeGet(
  get: HttpGet,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number
): Promise<Answer> {
  try {
    return await get(url, headers, timeoutMs)
  } catch (err) {
    return { status: undefined, body: messageOf(err) }
  }
}

function describe(answer: Answer, scrub: (text: string) => string): string {
  const body = scrub(answer.body.replace(/\s+/g, ' ').trim()).slice(0, 200)
  return answer.status === undefined ? `no answer (${body})` : `HTTP ${answer.status} ${body}`.trim()
}

async function actionsHttpGet(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number
): Promise<Answer> {
  const { HttpClient } = await import('@actions/http-client')
  const client = new HttpClient('metaflow-deploy', undefined, {
    socketTimeout: timeoutMs,
    allowRetries: false,
    keepAlive: false
  })
  try {
    const response = await client.get(url, headers)
    return { status: response.message.statusCode, body: await response.readBody() }
  } finally {
    client.dispose()
  }
}
