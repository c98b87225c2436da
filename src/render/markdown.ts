/** Markdown helpers that survive GitHub tables and any value a template can hold. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch)
}

/** Inline code safe inside a table cell: HTML-escaped, pipes and newlines neutralised, length capped. */
export function code(value: string, max = 200): string {
  const flat = value.replace(/\r?\n/g, ' ⏎ ')
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
  return `<code>${escapeHtml(short).replace(/\|/g, '&#124;')}</code>`
}

/** Plain text safe inside a table cell. */
export function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ')
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Replaces each secret with **** (defence in depth: CloudFormation already masks NoEcho values). */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter(s => s.length >= 4).reduce((out, secret) => out.split(secret).join('****'), text)
}
