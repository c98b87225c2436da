import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: 'User' | 'Bot' }
  html_url: string
  issue_number: number
  created_at: string
  updated_at: string
}

export interface GitHubCall {
  method: string
  path: string
  status: number
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' as const }
const MAX_BODY = 65_536

/**
 * A GitHub REST fake for issue comments: list (paginated with a Link header, 30 per page by default, 100 at
 * most), create, update, and the viewer query. It records every call and can answer 403 as a fork's
 * read-only token does.
 */
export class GitHubFake {
  readonly comments: FakeComment[] = []
  readonly calls: GitHubCall[] = []
  /** Writes answer 403 "Resource not accessible by integration", as with a fork's read-only token. */
  readOnly = false
  /** The identity of the token: the default GITHUB_TOKEN is github-actions[bot]. */
  viewer = BOT
  private nextId = 1000
  private readonly server: Server
  url = ''

  constructor() {
    this.server = createServer((req, res) => void this.serve(req, res))
  }

  async listen(): Promise<string> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', () => resolve()))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.url
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  /** Adds a comment as another user (or the bot) before the action runs. */
  seed(
    issueNumber: number,
    body: string,
    user: { login: string; type: 'User' | 'Bot' } = { login: 'octocat', type: 'User' }
  ): FakeComment {
    const now = new Date().toISOString()
    const comment: FakeComment = {
      id: this.nextId++,
      body,
      user,
      html_url: `https://github.com/acme/ml-infra/pull/${issueNumber}#issuecomment-${this.nextId}`,
      issue_number: issueNumber,
      created_at: now,
      updated_at: now
    }
    this.comments.push(comment)
    return comment
  }

  /** Calls that create or change a comment (the GraphQL viewer query is a POST, but reads). */
  writes(): GitHubCall[] {
    return this.calls.filter(c => (c.method === 'POST' || c.method === 'PATCH') && c.path !== '/graphql')
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    const reply = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      this.calls.push({ method, path: url.pathname + url.search, status })
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(JSON.stringify(data))
    }
    if (!/^(token|Bearer) \S+/.test(req.headers.authorization ?? '')) {
      return reply(401, { message: 'Requires authentication' })
    }
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    const single = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (method === 'POST' && url.pathname === '/graphql') {
      return reply(200, { data: { viewer: { login: this.viewer.login } } })
    }
    if (method === 'GET' && url.pathname === '/user') {
      // Installation tokens (the default GITHUB_TOKEN) cannot read /user.
      return reply(403, { message: 'Resource not accessible by integration' })
    }
    if (list !== null && method === 'GET') {
      const issue = Number(list[3])
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
      const page = Number(url.searchParams.get('page') ?? 1)
      const all = this.comments.filter(c => c.issue_number === issue)
      const slice = all.slice((page - 1) * perPage, page * perPage)
      const last = Math.max(1, Math.ceil(all.length / perPage))
      const links: string[] = []
      const link = (p: number, rel: string): string => {
        const u = new URL(url.toString())
        u.searchParams.set('page', String(p))
        u.searchParams.set('per_page', String(perPage))
        return `<${u.toString()}>; rel="${rel}"`
      }
      if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
      if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
      return reply(200, slice, links.length > 0 ? { link: links.join(', ') } : {})
    }
    if (list !== null && method === 'POST') {
      if (this.readOnly) return reply(403, { message: 'Resource not accessible by integration' })
      const input = JSON.parse(body) as { body?: string }
      if ((input.body ?? '').length > MAX_BODY) return reply(422, tooLong())
      const comment = this.seed(Number(list[3]), input.body ?? '', this.viewer)
      return reply(201, comment)
    }
    if (single !== null && method === 'PATCH') {
      if (this.readOnly) return reply(403, { message: 'Resource not accessible by integration' })
      const comment = this.comments.find(c => c.id === Number(single[3]))
      if (comment === undefined) return reply(404, { message: 'Not Found' })
      const input = JSON.parse(body) as { body?: string }
      if ((input.body ?? '').length > MAX_BODY) return reply(422, tooLong())
      comment.body = input.body ?? ''
      comment.updated_at = new Date().toISOString()
      return reply(200, comment)
    }
    return reply(404, { message: 'Not Found' })
  }
}

function tooLong(): unknown {
  return {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: 'body is too long (maximum is 65536 characters)'
      }
    ]
  }
}

export async function startGitHubFake(): Promise<GitHubFake> {
  const fake = new GitHubFake()
  await fake.listen()
  return fake
}
