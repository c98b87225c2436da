/**
 * The AWS query protocol's form encoding: `Parameters.member.1.ParameterKey=K` becomes
 * `{ Parameters: [{ ParameterKey: 'K' }] }`. Lists are `X.member.N`, maps of structs nest by dots.
 */
export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue }
export type QueryParams = Record<string, QueryValue>

/**
 * CloudFormation's list-typed request members. The query protocol sends an empty list as the bare name with no
 * value (`NotificationARNs=`; the AWS SDK v3 serialiser does so), which means "clear" where absent means "keep"
 * (CreateChangeSet / UpdateStack API reference), so an empty value of these becomes `[]`, not `''`.
 */
const LIST_MEMBERS = new Set([
  'NotificationARNs',
  'Tags',
  'Capabilities',
  'Parameters',
  'ResourceTypes',
  'RetainResources',
  'ResourcesToSkip',
  'ResourcesToImport',
  'StackStatusFilter'
])

export function parseQuery(body: string): QueryParams {
  const root: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(body)) {
    if (value === '' && LIST_MEMBERS.has(key)) {
      root[key] ??= []
      continue
    }
    const path = key.split('.')
    let node: Record<string, unknown> | unknown[] = root
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] ?? ''
      const last = i === path.length - 1
      if (segment === 'member' && i + 1 < path.length) {
        // `X.member.N`: X is a list; the next segment is the 1-based index.
        const index = Number(path[i + 1]) - 1
        i++
        const list = node as unknown[]
        if (i === path.length - 1) {
          list[index] = value
        } else {
          list[index] ??= {}
          node = list[index] as Record<string, unknown>
        }
        continue
      }
      const record = node as Record<string, unknown>
      if (last) {
        record[segment] = value
      } else {
        const nextIsList = path[i + 1] === 'member'
        record[segment] ??= nextIsList ? [] : {}
        node = record[segment] as Record<string, unknown> | unknown[]
      }
    }
  }
  return compact(root) as QueryParams
}

// Lists may arrive sparse if a client skips an index; drop the holes.
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter(item => item !== undefined).map(compact)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]))
  }
  return value
}

export function str(params: QueryParams, key: string): string | undefined {
  const value = params[key]
  return typeof value === 'string' ? value : undefined
}

/** A list member: undefined when absent, `[]` when sent empty. */
export function optionalList(params: QueryParams, key: string): QueryValue[] | undefined {
  const value = params[key]
  return Array.isArray(value) ? value : undefined
}

export function list(params: QueryParams, key: string): QueryValue[] {
  const value = params[key]
  return Array.isArray(value) ? value : []
}
