import type { Agent } from 'node:http'

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/** Whether the runner names a proxy at all; without one, @actions/http-client (and undici) is never loaded. */
export function proxyVariablesSet(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some(name => (env[name] ?? '') !== '')
}

/**
 * The agent that reaches `origin` (`https://cloudformation.us-east-1.amazonaws.com`) through the proxy that the
 * runner's variables name, or undefined when there is none for it. The rules are @actions/http-client's, the
 * ones Octokit (and so the PR comment) already follows: HTTPS_PROXY for https, HTTP_PROXY for http, lower case
 * first; NO_PROXY lists hosts, `.domain` suffixes, `host:port` or `*`; loopback addresses are never proxied. The
 * agent tunnels with CONNECT (the `tunnel` package), for https and http alike.
 */
export async function proxyFor(origin: string): Promise<Agent | undefined> {
  const { HttpClient, getProxyUrl } = await import('@actions/http-client')
  if (getProxyUrl(origin) === '') return undefined
  const agent = new HttpClient('metaflow-deploy').getAgent(origin)
  // The SDK's NodeHttpHandler keeps an agent only if it is an http.Agent or has destroy(); any other object it
  // takes for options and builds a plain (direct) agent from. The tunnel agent is neither: give it destroy().
  if (typeof (agent as Partial<Agent>).destroy !== 'function') {
    const tunnel = agent as Agent & { sockets: unknown }
    Object.assign(agent, {
      destroy: () => {
        const open: unknown[] = Array.isArray(tunnel.sockets) ? tunnel.sockets : []
        for (const socket of open) (socket as { destroy?: () => void }).destroy?.()
      }
    })
  }
  return agent
}
