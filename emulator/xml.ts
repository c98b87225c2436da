/** Serialises plain data the way AWS query APIs answer: lists as `<member>`, dates as ISO 8601. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    ch => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch
  )
}

export function toXml(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(item => `<member>${toXml(item)}</member>`).join('')
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('')
  }
  return escapeXml(String(value))
}

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'

export function queryResponse(action: string, result: unknown, requestId: string): string {
  // The <ActionResult> wrapper is required: without it the SDK silently reads every field as undefined.
  return `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${NS}"><${action}Result>${toXml(result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
}

export function queryError(code: string, message: string, requestId: string, type = 'Sender'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
}
