/**
 * A line diff for values a reviewer must see whole: JSON documents (IAM policies, container definitions, state
 * machine definitions) pretty-printed, and multi-line text. Shown in a ```diff block, so an added statement is a
 * run of `+` lines, wherever in the document it is.
 */

export type DiffLine = { op: ' ' | '-' | '+'; text: string }

/** Largest LCS table (cells of 4 bytes): 4 M cells, 16 MB, a few hundred milliseconds at most. */
const MAX_TABLE = 4_000_000

/**
 * The longest common subsequence of two line lists, walked back into unchanged, removed and added lines. Quadratic
 * in the lines that differ, after the common head and tail are set aside; policies and task definitions are a few
 * hundred lines at most (CloudFormation's own limit on a template is 1 MB).
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let head = 0
  while (head < before.length && head < after.length && before[head] === after[head]) head++
  let tail = 0
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++
  const a = before.slice(head, before.length - tail)
  const b = after.slice(head, after.length - tail)
  const context = (lines: readonly string[]): DiffLine[] => lines.map(text => ({ op: ' ', text }))
  if (a.length * b.length > MAX_TABLE) {
    // Two large documents that differ throughout (a rewritten state machine): the table would not fit in memory,
    // and a line-by-line match would not help a reader either. Shown as all of one, then all of the other.
    return [
      ...context(before.slice(0, head)),
      ...a.map(text => ({ op: '-' as const, text })),
      ...b.map(text => ({ op: '+' as const, text })),
      ...context(before.slice(before.length - tail))
    ]
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array.
  const width = b.length + 1
  const lcs = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0)
  const middle: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      middle.push({ op: ' ', text: a[i++] ?? '' })
      j++
    } else if (
      i < a.length &&
      (j === b.length || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))
    ) {
      // Removed lines before added ones, as diff and git show them.
      middle.push({ op: '-', text: a[i++] ?? '' })
    } else {
      middle.push({ op: '+', text: b[j++] ?? '' })
    }
  }
  return slideRuns([
    ...before.slice(0, head).map(text => ({ op: ' ' as const, text })),
    ...middle,
    ...before.slice(before.length - tail).map(text => ({ op: ' ' as const, text }))
  ])
}

const indentOf = (text: string): number => text.length - text.trimStart().length

/**
 * A run of added (or removed) lines can often sit at several places with the same meaning: a statement added
 * between two others can be read as `{ … },` or as `… }, {`. Like git's indent heuristic, each run is moved to the
 * place where its first and last lines are least indented, so it reads as whole blocks.
 */
function slideRuns(lines: DiffLine[]): DiffLine[] {
  const out = lines.map(line => ({ ...line }))
  const textAt = (i: number): string => out[i]?.text ?? ''
  const opAt = (i: number): DiffLine['op'] | undefined => out[i]?.op
  // Moving a run [s, e) by one line only swaps ops, because the line that leaves it equals the one that joins it.
  const setOp = (i: number, op: DiffLine['op']): void => {
    const line = out[i]
    if (line !== undefined) line.op = op
  }
  let start = 0
  while (start < out.length) {
    const op = opAt(start)
    if (op === ' ' || op === undefined) {
      start++
      continue
    }
    let s = start
    let e = start
    while (opAt(e) === op) e++
    while (s > 0 && opAt(s - 1) === ' ' && textAt(s - 1) === textAt(e - 1)) {
      setOp(s - 1, op)
      setOp(e - 1, ' ')
      s--
      e--
    }
    const score = (): number => indentOf(textAt(s)) + indentOf(textAt(e - 1))
    let best = { s, score: score() }
    while (e < out.length && opAt(e) === ' ' && textAt(e) === textAt(s)) {
      setOp(s, ' ')
      setOp(e, op)
      s++
      e++
      if (score() < best.score) best = { s, score: score() }
    }
    while (s > best.s) {
      setOp(s - 1, op)
      setOp(e - 1, ' ')
      s--
      e--
    }
    start = e
  }
  return out
}

/** A JSON object or array, parsed; undefined for anything else (a number, a plain string, invalid JSON). */
export function parseDocument(value: string | undefined): unknown {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined
  try {
    const parsed: unknown = JSON.parse(trimmed)
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined
  } catch {
    return undefined
  }
}

/** Applies a function to every string (keys and values) of a parsed JSON document. */
export function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value)
  if (Array.isArray(value)) return value.map(item => mapStrings(item, map))
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [map(k), mapStrings(v, map)]))
  return value
}

/**
 * The lines of a value as a reviewer reads it: a JSON document pretty-printed (keys in their order, 2-space
 * indent), anything else split at its line breaks. `clean` runs on every string of a document after parsing,
 * where JSON escapes (`\u0022`) are decoded, so a secret written with escapes is still found.
 */
export function linesOf(value: string | undefined, clean: (text: string) => string): string[] {
  if (value === undefined) return []
  const document = parseDocument(value)
  const text = document === undefined ? value : JSON.stringify(mapStrings(document, clean), null, 2)
  return text.split(/\r\n|\r|\n/)
}

/**
 * The body of a ```diff block: one line per diff line, `+`/`-`/space first. With `context`, unchanged stretches
 * longer than that many lines around each change collapse to one `@@ N unchanged lines @@` line, as in a unified
 * diff (a content line always starts with a space, `+` or `-`, so the two cannot be confused).
 */
export function formatDiff(lines: readonly DiffLine[], context = Number.POSITIVE_INFINITY): string {
  const keep = lines.map(() => !Number.isFinite(context))
  lines.forEach((line, i) => {
    if (line.op === ' ') return
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true
  })
  const out: string[] = []
  let hidden = 0
  const flush = (): void => {
    if (hidden > 0) out.push(`@@ ${hidden} unchanged line${hidden === 1 ? '' : 's'} @@`)
    hidden = 0
  }
  lines.forEach((line, i) => {
    if (keep[i] === true) {
      flush()
      out.push(`${line.op}${line.text}`)
    } else hidden++
  })
  flush()
  return out.join('\n')
}
