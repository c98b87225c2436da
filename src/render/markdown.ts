/**
 * Markdown that GitHub shows exactly as written. Every value from a template, the parameters or AWS goes through
 * one of these, because GitHub applies Markdown (emphasis, links, autolinks, entities) and its own filters
 * (mentions, issue links, emoji) to everything that is not code. Only two things are literal on GitHub: a code
 * span and a fenced code block, so values go in one or the other, never in plain text or in `<code>` tags (inside
 * a paragraph or a table cell, Markdown still applies between `<code>` and `</code>`).
 */

/** What a line break in a value becomes where a value must stay on one line (a list item, a summary line). */
export const NEWLINE_MARK = '⏎'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch)
}

/** A value on one line: each line break (CRLF, LF or CR) becomes a visible mark instead of vanishing into a space. */
export function flatten(value: string): string {
  return value.replace(/\r\n|\r|\n/g, NEWLINE_MARK)
}

/** The longest run of backticks in a text (0 when there is none). */
function longestBacktickRun(text: string): number {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return longest
}

/**
 * A code span (CommonMark 6.1): a fence of backticks longer than any run inside, so the value cannot close it.
 * CommonMark strips one space from each end when both ends have one, and a backtick at either end would join the
 * fence, so such values are padded with one space a side, which the parser then strips.
 */
function codeSpan(value: string): string {
  const fence = '`'.repeat(longestBacktickRun(value) + 1)
  const pad =
    value.startsWith('`') ||
    value.endsWith('`') ||
    (value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '')
  const inner = pad ? ` ${value} ` : value
  return `${fence}${inner}${fence}`
}

/** An empty value, which no code span can hold. */
export const EMPTY = '_(empty)_'

/** A value inline, outside a table (a list item, a heading, a paragraph), on one line. */
export function code(value: string): string {
  return value === '' ? EMPTY : codeSpan(flatten(value))
}

/**
 * Whether a value can sit in a table cell as a code span and read exactly the same on every GFM parser. A table
 * row splits on every `|` not escaped as `\|`, even inside a code span, and the `\` of `\|` is removed there;
 * a value that itself holds `\|` would need `\\|`, which cmark-gfm (GitHub) and micromark read differently.
 */
export function fitsInCell(value: string, maxLength: number): boolean {
  return value.length <= maxLength && !/[\r\n]/.test(value) && !value.includes('\\|') && value !== ''
}

/** A value in a table cell: a code span with every pipe escaped (GFM 4.10). Callers check fitsInCell first. */
export function cellCode(value: string): string {
  if (value === '') return EMPTY
  return codeSpan(flatten(value)).replace(/\|/g, '\\|')
}

/**
 * A value inside raw HTML (`<summary>` lines of a `<details>` block): GitHub applies no Markdown inside an HTML
 * block and no mentions inside `<code>`, so HTML escaping is enough. Kept on one line: a blank line would end
 * the HTML block.
 */
export function htmlCode(value: string): string {
  return `<code>${escapeHtml(flatten(value))}</code>`
}

/** A fenced code block (CommonMark 4.5) whose fence no line of the content can close. */
export function fenced(content: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1))
  const body = content.replace(/\r\n|\r/g, '\n')
  return `${fence}${info}\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}${fence}`
}

/** Closes a fenced code block left open when a body is cut, so what follows it is not swallowed as code. */
export function closeOpenFence(text: string): string {
  let open: string | undefined
  for (const line of text.split('\n')) {
    const fence = /^ {0,3}(`{3,})/.exec(line)?.[1]
    if (fence === undefined) continue
    if (open === undefined) open = fence
    else if (fence.length >= open.length && line.trim() === fence) open = undefined
  }
  return open === undefined ? text : `${text}\n${open}`
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Pluralises a count: `plural(2, 'resource')` is `2 resources`. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`
}
