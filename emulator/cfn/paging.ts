/** NextToken paging for the list and describe operations: an opaque token that encodes the next offset. */
import { validation } from './errors.js'

export function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url')
}

export function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString())
  if (match === null) throw validation('Invalid NextToken')
  return Number(match[1])
}

/** One page of items from the offset the token names, and the token of the next page if there is one. */
export function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = decodeToken(token)
  const result: { items: T[]; next?: string } = { items: items.slice(start, start + size) }
  if (start + size < items.length) result.next = encodeToken(start + size)
  return result
}
