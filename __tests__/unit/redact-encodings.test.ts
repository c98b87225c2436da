import { describe, expect, it } from '@jest/globals'
import { redactor, shortSecretWarning } from '../../src/render/redact.js'
import { resolveParameters, type GivenValues } from '../../src/template/parameters.js'

/**
 * A secret echoed in an encoded form (a base64 UserData in a change-set failure reason, a URL-encoded query
 * value, an HTML or XML entity, a JSON \u escape) is redacted like the secret itself.
 */
const SECRET = "s3cr'et&pa<ss>w0rd"

describe('encoded forms of a secret are redacted', () => {
  const clean = redactor([SECRET])

  it.each([0, 1, 2, 3, 4, 5])('base64, the secret starting %i bytes into the data', offset => {
    const prefix = Buffer.from('#!/bin/bash\n'.slice(0, offset))
    const data = Buffer.concat([prefix, Buffer.from(SECRET), Buffer.from('\nexit 0\n')])
    for (const encoded of [data.toString('base64'), data.toString('base64url')]) {
      const shown = clean(`UserData: ${encoded} is invalid`)
      expect(shown).toContain('****')
      // What is left around **** is the prefix's and suffix's characters, and at most 4 that border the secret.
      const left = shown.length - 'UserData:  is invalid'.length - '****'.length
      const others = Math.ceil((prefix.length * 4) / 3) + Math.ceil((8 * 4) / 3) + 4
      expect(left).toBeLessThanOrEqual(others)
      // No 4 bytes of the secret survive in what decodes.
      const decoded = Buffer.from(shown.replace(/[^A-Za-z0-9+/_-]/g, ''), 'base64').toString('latin1')
      for (let i = 0; i + 4 <= SECRET.length; i++) expect(decoded).not.toContain(SECRET.slice(i, i + 4))
    }
  })

  it('a short secret has no base64 form (its middle would match ordinary words)', () => {
    expect(redactor(['ab'])('YWJj YWI= xyz')).toBe('YWJj YWI= xyz')
  })

  it.each([
    ['URL-encoded', encodeURIComponent(SECRET)],
    [
      'URL-encoded, lower-case hex',
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, m => m.toLowerCase())
    ],
    ['form-encoded', encodeURIComponent(`a b${SECRET}`).replace(/%20/g, '+')],
    [
      'HTML with &#39;',
      SECRET.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;')
    ],
    ['HTML with &#x27;', SECRET.replace(/&/g, '&amp;').replace(/'/g, '&#x27;')],
    ['XML with &apos;', SECRET.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;')],
    ['every character as &#NN;', [...SECRET].map(c => `&#${c.charCodeAt(0)};`).join('')],
    [
      'JSON \\u escapes',
      [...SECRET].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    ],
    [
      'JSON \\u escapes, upper-case hex',
      JSON.stringify(SECRET).slice(1, -1).replace(/'/g, '\\u0027').replace(/&/g, '\\u0026')
    ],
    ['JSON-escaped', JSON.stringify(SECRET)]
  ])('%s', (_, form) => {
    const shown = clean(`value=${form};`)
    expect(shown).toContain('****')
    expect(shown).not.toContain(form.includes('a b') ? form.slice(4) : form)
    expect(decodeAll(shown)).not.toContain('w0rd')
  })

  it('a multi-line secret is redacted in its CRLF, LF and JSON forms, whichever it was given in', () => {
    for (const given of ['line one\nline two', 'line one\r\nline two']) {
      const cleanLines = redactor([given])
      expect(cleanLines('a line one\r\nline two b')).toBe('a **** b')
      expect(cleanLines('a line one\nline two b')).toBe('a **** b')
      expect(cleanLines('a "line one\\r\\nline two" b')).toBe('a "****" b')
      expect(cleanLines('a "line one\\nline two" b')).toBe('a "****" b')
    }
  })

  it('the warning for a short secret says why', () => {
    expect(shortSecretWarning('DbPassword')).toMatch(
      /DbPassword.*fewer than 8.*"production" shows as "\*\*\*\*uction"/
    )
  })
})

describe('a short NoEcho value', () => {
  const given = (value: string): GivenValues =>
    Object.assign(Object.create(null) as GivenValues, { DbPassword: { value, input: 'parameters' } })
  const declared = { DbPassword: { Type: 'String', NoEcho: true }, Plain: { Type: 'String', Default: 'x' } }

  it('is masked, and warned about by name, without its value', () => {
    const resolved = resolveParameters(declared, given('k3y9'), undefined)
    expect(resolved.secrets).toEqual(['k3y9'])
    expect(resolved.warnings).toEqual([shortSecretWarning('DbPassword')])
    expect(resolved.warnings.join('\n')).not.toContain('k3y9')
  })

  it('of 8 characters or more, or not NoEcho, gives no warning', () => {
    expect(resolveParameters(declared, given('prod-db-1'), undefined).warnings).toEqual([])
    expect(resolveParameters({ DbPassword: { Type: 'String' } }, given('prod'), undefined).warnings).toEqual(
      []
    )
  })
})

/** The text with every encoding this file uses undone, to check nothing of the secret survives. */
function decodeAll(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec)))
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
