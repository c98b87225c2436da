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

/** How the fake answers writes when a rate limit is spent (docs.github.com, "Rate limits for the REST API"). */
export type RateLimit = 'primary' | 'secondary'

/**
 * A GitHub REST fake for issue comments: list (paginated with a Link header, 30 per page by default, 100 at
 * most), create, update, delete, and the viewer query. It records every call and can answer 403 as a fork's
 * read-only token does, and play the faults a busy GitHub plays: a create whose response is lost, a comment
 * deleted between list and update, a spent rate limit, a token whose identity GraphQL will not tell, and lists
 * that wait for each other (two runs that both see no comment).
 */
export class GitHubFake {
  readonly comments: FakeComment[] = []
  /** Label names on each issue or pull request, by number, in the order added. */
  readonly labels = new Map<number, string[]>()
  /** Labels the repository has (adding an unknown one to an issue creates it, as GitHub does). */
  readonly repositoryLabels = new Set<string>()
  readonly calls: GitHubCall[] = []
  /** Writes answer 403 "Resource not accessible by integration", as with a fork's read-only token. */
  readOnly = false
  /** The identity of the token: the default GITHUB_TOKEN is github-actions[bot]. */
  viewer = BOT
  /** Performs the next N creates, then drops the connection without answering (the response is lost). */
  dropCreateResponses = 0
  /** The next N updates find their comment deleted meanwhile: it is removed, and the PATCH answers 404. */
  deleteBeforeUpdate = 0
  /** Writes answer 403 as a spent rate limit does. */
  rateLimit: RateLimit | undefined = undefined
  /** The GraphQL viewer query fails (403), as it does for some fine-grained and app tokens. */
  viewerFails = false
  /**
   * The first N list requests each wait until N have arrived (then all are answered): N runs that overlap all
   * see the pull request without their comment.
   */
  listBarrier = 0
  /** List requests never answer (a hung GitHub): they are held until the client gives up or the fake closes. */
  hangLists = false
  /** How many requests the client abandoned before an answer (its deadline or cap ended them). */
  abandoned = 0
  /** The longest body GitHub takes; lower it to play a GitHub that counts differently from us. */
  maxBody = MAX_BODY
  /** Answers to play, first match first: `method` (GET, POST, PATCH, DELETE, or GRAPHQL) answers `status`. */
  private failures: { method: string; status: number; remaining: number }[] = []
  private held: ServerResponse[] = []
  private waitingLists: (() => void)[] = []
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

  /**
   * The next `times` requests with this method (GRAPHQL for the viewer query) answer `status`, as GitHub does in
   * an outage (500, 502), for a revoked token (401) or a validation failure (422).
   */
  failNext(method: string, status: number, times = Number.POSITIVE_INFINITY): void {
    this.failures.push({ method, status, remaining: times })
  }

  async close(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy()
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  /**
   * Back to an empty, well-behaved GitHub, on the same URL (@actions/github reads GITHUB_API_URL once, when it is
   * first loaded, so a test file keeps one fake).
   */
  reset(): void {
    this.comments.length = 0
    this.labels.clear()
    this.repositoryLabels.clear()
    this.calls.length = 0
    this.readOnly = false
    this.viewer = BOT
    this.dropCreateResponses = 0
    this.deleteBeforeUpdate = 0
    this.rateLimit = undefined
    this.viewerFails = false
    this.listBarrier = 0
    this.waitingLists = []
    this.hangLists = false
    this.abandoned = 0
    this.maxBody = MAX_BODY
    this.failures = []
    for (const res of this.held.splice(0)) res.destroy()
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

  /** The labels on one issue or pull request. */
  labelsOn(issueNumber: number): string[] {
    return [...(this.labels.get(issueNumber) ?? [])]
  }

  /** Calls that create, change or delete a comment (the GraphQL viewer query is a POST, but reads). */
  writes(): GitHubCall[] {
    return this.calls.filter(
      c =>
        (c.method === 'POST' || c.method === 'PATCH' || c.method === 'DELETE') &&
        c.path !== '/graphql' &&
        !c.path.includes('/labels')
    )
  }

  /** Calls that add or remove a label. */
  labelWrites(): GitHubCall[] {
    return this.calls.filter(
      c => (c.method === 'POST' || c.method === 'DELETE') && c.path.includes('/labels')
    )
  }

  /** The comments on one issue or pull request whose body contains `text`. */
  withText(issueNumber: number, text: string): FakeComment[] {
    return this.comments.filter(c => c.issue_number === issueNumber && c.body.includes(text))
  }

  private remove(id: number): boolean {
    const index = this.comments.findIndex(c => c.id === id)
    if (index < 0) return false
    this.comments.splice(index, 1)
    return true
  }

  private async barrier(): Promise<void> {
    if (this.listBarrier <= 0) return
    await new Promise<void>(resolve => {
      this.waitingLists.push(resolve)
      if (this.waitingLists.length >= this.listBarrier) {
        this.listBarrier = 0
        for (const release of this.waitingLists.splice(0)) release()
      }
    })
  }

  /** A 403 as GitHub sends it when a rate limit is spent. */
  private rateLimited(
    reply: (status: number, data: unknown, headers?: Record<string, string>) => void
  ): void {
    const reset = String(Math.floor(Date.now() / 1000) + 3600)
    if (this.rateLimit === 'primary') {
      return reply(
        403,
        {
          message: 'API rate limit exceeded for installation ID 4242.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
        },
        { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
      )
    }
    return reply(
      403,
      {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
      },
      { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '917', 'x-ratelimit-reset': reset }
    )
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
    const kind = url.pathname === '/graphql' ? 'GRAPHQL' : method
    const failure = this.failures.find(f => f.method === kind && f.remaining > 0)
    if (failure !== undefined) {
      failure.remaining--
      return reply(failure.status, failureBody(failure.status))
    }
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    const single = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
    const labels = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels(?:\/([^/]+))?$/.exec(url.pathname)
    if (labels !== null) return this.serveLabels(method, labels, body, url, reply)
    if (method === 'POST' && url.pathname === '/graphql') {
      if (this.viewerFails) return reply(403, { message: 'Resource not accessible by integration' })
      return reply(200, { data: { viewer: { login: this.viewer.login } } })
    }
    if (method === 'GET' && url.pathname === '/user') {
      // Installation tokens (the default GITHUB_TOKEN) cannot read /user.
      return reply(403, { message: 'Resource not accessible by integration' })
    }
    if (list !== null && method === 'GET') {
      if (this.hangLists) {
        this.calls.push({ method, path: url.pathname + url.search, status: 0 })
        this.held.push(res)
        res.on('close', () => {
          if (!res.writableEnded) this.abandoned++
        })
        return
      }
      await this.barrier()
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
      if (this.rateLimit !== undefined) return this.rateLimited(reply)
      const input = JSON.parse(body) as { body?: string }
      if ((input.body ?? '').length > this.maxBody) return reply(422, tooLong())
      const comment = this.seed(Number(list[3]), input.body ?? '', this.viewer)
      if (this.dropCreateResponses > 0) {
        this.dropCreateResponses--
        this.calls.push({ method, path: url.pathname + url.search, status: 0 })
        req.socket.destroy()
        return
      }
      return reply(201, comment)
    }
    if (single !== null && method === 'DELETE') {
      if (this.readOnly) return reply(403, { message: 'Resource not accessible by integration' })
      if (this.rateLimit !== undefined) return this.rateLimited(reply)
      if (!this.remove(Number(single[3]))) return reply(404, { message: 'Not Found' })
      this.calls.push({ method, path: url.pathname + url.search, status: 204 })
      res.writeHead(204)
      res.end()
      return
    }
    if (single !== null && method === 'PATCH') {
      if (this.readOnly) return reply(403, { message: 'Resource not accessible by integration' })
      if (this.rateLimit !== undefined) return this.rateLimited(reply)
      if (this.deleteBeforeUpdate > 0) {
        this.deleteBeforeUpdate--
        this.remove(Number(single[3]))
      }
      const comment = this.comments.find(c => c.id === Number(single[3]))
      if (comment === undefined) return reply(404, { message: 'Not Found' })
      const input = JSON.parse(body) as { body?: string }
      if ((input.body ?? '').length > this.maxBody) return reply(422, tooLong())
      comment.body = input.body ?? ''
      comment.updated_at = new Date().toISOString()
      return reply(200, comment)
    }
    return reply(404, { message: 'Not Found' })
  }

  /**
   * Issue labels (docs.github.com/rest/issues/labels): list (GET, paginated as comments are), add (POST
   * `{labels}`, creating any label the repository lacks; answers the issue's labels), remove one (DELETE
   * `/labels/{name}`, 404 when the issue does not have it; answers the remaining labels).
   */
  private serveLabels(method: string, match: RegExpExecArray, body: string, url: URL, reply: Reply): void {
    const issue = Number(match[3])
    const current = this.labels.get(issue) ?? []
    const name = match[4] === undefined ? undefined : decodeURIComponent(match[4])
    if (method === 'GET' && name === undefined) {
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
      const page = Number(url.searchParams.get('page') ?? 1)
      return reply(200, current.slice((page - 1) * perPage, page * perPage).map(labelObject))
    }
    if (method !== 'POST' && method !== 'DELETE') return reply(404, { message: 'Not Found' })
    if (this.readOnly) return reply(403, { message: 'Resource not accessible by integration' })
    if (this.rateLimit !== undefined) return this.rateLimited(reply)
    if (method === 'POST' && name === undefined) {
      const input = JSON.parse(body) as { labels?: string[] }
      for (const label of input.labels ?? []) {
        this.repositoryLabels.add(label)
        if (!current.includes(label)) current.push(label)
      }
      this.labels.set(issue, current)
      return reply(200, current.map(labelObject))
    }
    if (method === 'DELETE' && name !== undefined) {
      if (!current.includes(name)) return reply(404, { message: 'Label does not exist' })
      this.labels.set(
        issue,
        current.filter(label => label !== name)
      )
      return reply(200, this.labelsOn(issue).map(labelObject))
    }
    return reply(404, { message: 'Not Found' })
  }
}

type Reply = (status: number, data: unknown, headers?: Record<string, string>) => void

/** A label as the REST API returns it ("Labels" endpoints, docs.github.com/rest/issues/labels). */
function labelObject(name: string): unknown {
  return { id: name.length, name, color: 'ededed', default: false, description: null }
}

function failureBody(status: number): unknown {
  if (status === 401) return { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }
  if (status === 422)
    return { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'invalid' }] }
  return { message: status === 502 ? 'Bad Gateway' : 'Server Error' }
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
