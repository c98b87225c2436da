/**
 * Secrets (NoEcho values the user gave, the API key) are removed from the DATA, before anything is escaped,
 * truncated, pretty-printed or diffed. Redacting the finished Markdown cannot work: by then a secret may be
 * HTML-escaped (`x&amp;y`), pipe-escaped (`a\|b`), split by a line-break mark, cut to a prefix, or re-encoded
 * by the JSON pretty-printer, and no longer match.
 */

export const REDACTED = '****'

/** The forms a secret takes in text: as itself, and as it appears inside a JSON string (`"` → `\"`, …). */
function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const forms = new Set([secret, json, secret.replace(/\r\n/g, '\n'), secret.replace(/\n/g, '\r\n')])
  return [...forms].filter(form => form !== '')
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export type Redactor = (text: string) => string

/**
 * A function that replaces every secret in a text with ****, in one pass, longest first (so a short secret never
 * matches inside a longer one, nor inside the **** of one already replaced). Every non-empty secret counts, even
 * one character long: a short secret is still a secret.
 */
export function redactor(secrets: readonly string[]): Redactor {
  const forms = [...new Set(secrets.flatMap(formsOf))].sort((a, b) => b.length - a.length)
  if (forms.length === 0) return text => text
  const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'g')
  return text => text.replace(pattern, REDACTED)
}
