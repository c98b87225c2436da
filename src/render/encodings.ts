/**
 * The spellings a secret takes once some layer has encoded it, as regular-expression source: JSON string escapes
 * (`\"`, `\n`, `\u0027`), HTML/XML character references (`&#39;`, `&#x27;`, `&apos;`), URL percent-encoding
 * (`%27`, and `+` for a space) and base64 (standard and URL-safe). AWS and templates echo values in all of them:
 * a change-set failure reason quotes a base64 UserData, an error page an entity-escaped value, a presigned URL a
 * percent-encoded one. Written by hand: no library turns a string into a pattern for its encoded forms.
 */

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A hexadecimal number, any case, with optional leading zeros: `[0]*2[7]` for 0x27, `[0]*[fF][fF]` for 0xff. */
function hexNumber(value: number, width = 0): string {
  const digits = value
    .toString(16)
    .padStart(width, '0')
    .split('')
    .map(d => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
    .join('')
  return width > 0 ? digits : `0*${digits}`
}

/** HTML's named references for the characters escapers name (escape-html, lodash, he, XML's five). */
const NAMED_ENTITY: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }
/** JSON's two-character escapes (RFC 8259, section 7); `/` may be escaped too. */
const JSON_SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f'
}

/** One character of a secret, as itself or in any of the encodings, each alternative a regular expression. */
function characterForms(ch: string): string[] {
  const code = ch.codePointAt(0) ?? 0
  const forms = [escapeRegExp(ch), `&#0*${code};`, `&#[xX]${hexNumber(code)};`]
  const named = NAMED_ENTITY[ch]
  if (named !== undefined) forms.push(`&${named};`)
  const short = JSON_SHORT[ch]
  if (short !== undefined) forms.push(escapeRegExp(short))
  // JSON's \u escape: one for a character of the Basic Multilingual Plane, a surrogate pair above it.
  const units = ch.length === 1 ? [code] : [ch.charCodeAt(0), ch.charCodeAt(1)]
  forms.push(units.map(unit => `\\\\u${hexNumber(unit, 4)}`).join(''))
  forms.push(
    [...Buffer.from(ch, 'utf8')].map(byte => `%${hexNumber(byte, 2)}`).join(''),
    ...(ch === ' ' ? ['\\+'] : [])
  )
  if (ch === '\n') forms.push('\\r\\n', '\\\\r\\\\n')
  return forms
}

/**
 * A pattern matching the secret in any mix of the character encodings above, one character at a time (a text
 * can escape only some characters, as JSON does with `"` but not `a`). A line break matches as \n or \r\n, so a
 * multi-line secret written on Windows, or read back from a CRLF file, still matches.
 */
export function characterPattern(secret: string): string {
  const chars = [...secret.replace(/\r\n/g, '\n')]
  return chars.map(ch => `(?:${characterForms(ch).join('|')})`).join('')
}

/** Base64 middles shorter than this are not redacted: they would match ordinary words, and say little. */
export const MIN_BASE64_FORM = 6

/**
 * The base64 text that encodes the secret wherever its bytes fall in the encoded data. Base64 writes 3 bytes as 4
 * characters, so the secret can start at byte 0, 1 or 2 of a group; in each alignment the characters that also
 * carry a neighbour's bits (up to 3 at the start, 1 at the end) differ from text to text, and only the middle is
 * stable. Those middles, standard and URL-safe, are the forms. A border of at most 3 characters is left, which
 * carries less than 2 bytes of the secret.
 */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const forms: string[] = []
  for (const offset of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes])
    const encoded = padded.toString('base64').replace(/=+$/, '')
    // Characters that also hold the padding bytes' bits: none, 2 (6+2 bits of byte 0) or 3 (6+6+4 bits).
    const lead = [0, 2, 3][offset] ?? 0
    // When the data does not end on a group boundary, the last character holds the next byte's bits too.
    const trail = padded.length % 3 === 0 ? 0 : 1
    const middle = encoded.slice(lead, encoded.length - trail)
    if (middle.length < MIN_BASE64_FORM) continue
    forms.push(middle, middle.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return [...new Set(forms)]
}
