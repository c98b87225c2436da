import { fakeId } from './resource-types.js'

export interface ApiKey {
  id: string
  name: string
  value: string
  enabled: boolean
  createdDate: number
  stackName?: string
}

/** API keys, created by stacks (AWS::ApiGateway::ApiKey) or directly through CreateApiKey. */
export class ApiGatewayStore {
  readonly keys = new Map<string, ApiKey>()
  /** When true, GetApiKey answers AccessDeniedException, as for a role without apigateway:GET. */
  denyGetApiKey = false

  create(id: string, name: string, value: string | undefined, stackName?: string): ApiKey {
    const key: ApiKey = {
      id,
      name,
      // API Gateway generates a 40-character key when none is given; ours is deterministic per id.
      value:
        value ?? fakeId(`apikey/${id}`, 40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
      enabled: true,
      createdDate: Math.floor(Date.now() / 1000)
    }
    if (stackName !== undefined) key.stackName = stackName
    this.keys.set(id, key)
    return key
  }

  delete(id: string): void {
    this.keys.delete(id)
  }
}

export interface RestReply {
  status: number
  body: unknown
  errorType?: string
}

const notFound = (message: string): RestReply => ({
  status: 404,
  errorType: 'NotFoundException',
  body: { message }
})

/** API Gateway's REST-JSON protocol for the key operations the action uses. */
export function handleApiGateway(
  store: ApiGatewayStore,
  method: string,
  url: URL,
  body: string
): { operation: string; reply: RestReply } {
  const match = /^\/apikeys(?:\/([^/]+))?\/?$/.exec(url.pathname)
  if (match === null)
    return { operation: 'Unknown', reply: notFound(`No route for ${method} ${url.pathname}`) }
  const id = match[1] === undefined ? undefined : decodeURIComponent(match[1])
  const view = (key: ApiKey, includeValue: boolean): Record<string, unknown> => ({
    id: key.id,
    name: key.name,
    enabled: key.enabled,
    createdDate: key.createdDate,
    lastUpdatedDate: key.createdDate,
    stageKeys: [],
    ...(includeValue ? { value: key.value } : {})
  })
  if (method === 'POST' && id === undefined) {
    const input = (body === '' ? {} : JSON.parse(body)) as { name?: string; value?: string }
    const key = store.create(
      fakeId(`${Date.now()}/${Math.random()}`, 10, 'abcdefghijklmnopqrstuvwxyz0123456789'),
      input.name ?? '',
      input.value
    )
    return { operation: 'CreateApiKey', reply: { status: 201, body: view(key, true) } }
  }
  if (method === 'GET' && id !== undefined) {
    if (store.denyGetApiKey) {
      return {
        operation: 'GetApiKey',
        reply: {
          status: 403,
          errorType: 'AccessDeniedException',
          body: {
            message: `User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/apikeys/${id}`
          }
        }
      }
    }
    const key = store.keys.get(id)
    if (key === undefined)
      return { operation: 'GetApiKey', reply: notFound('Invalid API Key identifier specified') }
    return {
      operation: 'GetApiKey',
      reply: { status: 200, body: view(key, url.searchParams.get('includeValue') === 'true') }
    }
  }
  if (method === 'DELETE' && id !== undefined) {
    if (!store.keys.has(id))
      return { operation: 'DeleteApiKey', reply: notFound('Invalid API Key identifier specified') }
    store.delete(id)
    return { operation: 'DeleteApiKey', reply: { status: 202, body: {} } }
  }
  return { operation: 'Unknown', reply: notFound(`No route for ${method} ${url.pathname}`) }
}
