/**
 * Secrets (NoEcho values the user gave, the API key) are removed from the DATA, before anything is escaped,
 * truncated, pretty-printed or diffed. Redacting the finished Markdown cannot work: by then a secret may be
 * HTML-escaped (`x&amp;y`), pipe-escaped (`a\|b`), split by a line-break mark, cut to a prefix, or re-encoded
 * by the JSON pretty-printer, and no longer match. The data itself may hold a secret encoded by AWS or the
 * template (JSON, HTML entities, URL encoding, base64): those forms are matched too (encodings.ts).
 */
import { base64Forms, characterPattern } from './encodings.js'

export const REDACTED = '****'

/** Below this length a NoEcho value is redacted all the same, but a warning says why that is not enough. */
export const SHORT_SECRET = 8

/**
 * The warning for a NoEcho value shorter than SHORT_SECRET. Every occurrence of a short value is replaced,
 * inside other words too, and that tells the value away: with the secret `prod`, `production` reads
 * `****uction` (and the runner's own masking does the same to the whole log).
 */
export function shortSecretWarning(key: string): string {
  return `The NoEcho parameter "${key}" has a value of fewer than ${SHORT_SECRET} characters. It is masked, but a short secret is an oracle: every text that contains it is masked too (with the secret "prod", "production" shows as "****uction"), which tells the value to anyone reading the log. Use a longer value.`
}

/** A URL's query, up to white space, a quote, a bracket or the fragment: what a presigned URL's credentials ride in. */
const URL_QUERY = /\b((?:https?|s3):\/\/[^\s?#"'`<>]*)\?[^\s#"'`<>)\]]*/gi

/**
 * The text with every URL's query string replaced by `?…`. A presigned template URL carries a security token and
 * a credential in its query (X-Amz-Security-Token, X-Amz-Credential, X-Amz-Signature); shown anywhere (a debug
 * line, an error, the failed-preview comment) it would hand out the role's session. The URL without its query
 * still says which object was meant.
 */
export function withoutUrlQueries(text: string): string {
  return text.replace(URL_QUERY, '$1?…')
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export type Redactor = (text: string) => string

/**
 * A function that replaces every secret in a text with ****, in one pass, longest first (so a short secret never
 * matches inside a longer one, nor inside the **** of one already replaced). Every non-empty secret counts, even
 * one character long: a short secret is still a secret. Each secret matches as itself or in any of its encoded
 * forms.
 */
export function redactor(secrets: readonly string[]): Redactor {
  const unique = [...new Set(secrets)].filter(secret => secret !== '')
  if (unique.length === 0) return text => text
  const patterns = [
    ...unique.map(secret => ({ length: secret.length, source: characterPattern(secret) })),
    ...unique.flatMap(secret =>
      base64Forms(secret).map(form => ({ length: form.length, source: escapeRegExp(form) }))
    )
  ].sort((a, b) => b.length - a.length)
  const pattern = new RegExp(patterns.map(p => p.source).join('|'), 'g')
  return text => text.replace(pattern, REDACTED)
}
