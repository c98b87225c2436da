import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { expect } from '@jest/globals'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import type { ChangeReport } from '../../src/render/render-report.js'
import { flatten } from '../../src/render/markdown.js'
import { propertyPath } from '../../src/render/properties.js'

/**
 * Renders Markdown as GitHub does (micromark with its GFM extension follows the CommonMark and GFM specs that
 * GitHub's cmark-gfm implements) and reads back what a reviewer sees. Raw HTML is kept, as GitHub keeps the
 * `<details>`, `<summary>`, `<code>`, `<sub>` and `<a>` tags the comment uses.
 */
export function toHtml(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true })
}

export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10))
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] ?? entity
  })
}

export interface Shown {
  html: string
  /** The text of each inline `<code>` element (not inside `<pre>`). */
  codes: string[]
  /** The text of each code block (`<pre><code>`), with its language. */
  blocks: { lang: string; text: string }[]
  /** Text outside code, where GitHub applies mentions, issue links and emoji. */
  prose: string
  /** Markup Markdown made from the text: links, images, emphasis. */
  links: string[]
  emphasis: string[]
}

export function render(markdown: string): Shown {
  const html = toHtml(markdown)
  const blocks: { lang: string; text: string }[] = []
  const withoutBlocks = html.replace(
    /<pre><code(?: class="language-([^"]*)")?>([\s\S]*?)<\/code><\/pre>/g,
    (_, lang: string | undefined, text: string) => {
      blocks.push({ lang: lang ?? '', text: decodeEntities(text) })
      return ' '
    }
  )
  const codes: string[] = []
  const withoutCode = withoutBlocks.replace(/<code>([\s\S]*?)<\/code>/g, (_, text: string) => {
    codes.push(decodeEntities(text))
    return ' '
  })
  const links = [...withoutCode.matchAll(/<(a|img)\b[^>]*>/g)].map(m => m[0])
  const emphasis = [...withoutCode.matchAll(/<(em|strong|del)>([\s\S]*?)<\/\1>/g)].map(m =>
    decodeEntities(m[2] ?? '')
  )
  const prose = decodeEntities(withoutCode.replace(/<[^>]*>/g, ' '))
  return { html, codes, blocks, prose, links, emphasis }
}

/** Every value a report holds that came from the template, the parameters or AWS. */
export function valuesOf(report: ChangeReport): string[] {
  const values: string[] = [report.stackName, report.environment, report.region]
  const ofChange = (change: ResourceChange): void => {
    values.push(change.LogicalResourceId ?? '', change.ResourceType ?? '')
    for (const detail of change.Details ?? []) {
      values.push(propertyPath(detail), detail.CausingEntity ?? '')
      values.push(detail.Target?.BeforeValue ?? '', detail.Target?.AfterValue ?? '')
    }
  }
  report.changes.forEach(ofChange)
  for (const nested of report.nested ?? []) {
    values.push(...nested.path)
    nested.changes.forEach(ofChange)
  }
  for (const p of report.parameters) values.push(p.key, p.before ?? '', p.after ?? '')
  for (const [k, v] of Object.entries(report.outputs ?? {})) values.push(k, v)
  if (report.status !== undefined) values.push(report.status)
  return values.filter(v => v !== '')
}

const GAP = Symbol('unchanged lines left out')
type Shown1 = string | typeof GAP

/** One side of a diff block (before: context and `-` lines; after: context and `+` lines), gaps kept. */
function sideOf(text: string, op: '-' | '+'): Shown1[] {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((line): Shown1[] => {
      if (line.startsWith('@@ ')) return [GAP]
      return line.startsWith(' ') || line.startsWith(op) ? [line.slice(1)] : []
    })
}

/** Whether `expected` reads as `shown`, where a gap stands for one or more left-out lines. */
function matches(shown: readonly Shown1[], expected: readonly string[]): boolean {
  if (shown.length === 0) return expected.length === 0
  const [first, ...rest] = shown
  if (first === GAP) {
    for (let skip = 1; skip <= expected.length; skip++) if (matches(rest, expected.slice(skip))) return true
    return false
  }
  return expected[0] === first && matches(rest, expected.slice(1))
}

/**
 * How a value can be shown exactly: as the text of one inline code element (line breaks as ⏎), as the whole text of
 * a code block, or, for a JSON document or multi-line text, as one side of a ```diff block (pretty-printed; in a
 * comment, long unchanged stretches left out and marked).
 */
export function isShownExactly(shown: Shown, value: string): boolean {
  if (shown.codes.includes(flatten(value))) return true
  if (shown.blocks.some(b => b.text === `${value.replace(/\r\n|\r/g, '\n')}\n`)) return true
  const lines = (() => {
    try {
      const parsed: unknown = JSON.parse(value)
      if (typeof parsed === 'object' && parsed !== null) return JSON.stringify(parsed, null, 2).split('\n')
    } catch {
      // not JSON: its own lines
    }
    return value.split(/\r\n|\r|\n/)
  })()
  return shown.blocks.some(
    b => b.lang === 'diff' && (matches(sideOf(b.text, '-'), lines) || matches(sideOf(b.text, '+'), lines))
  )
}

/**
 * Asserts what GitHub would show: every value exactly, no link but the run's, no image, and no text outside code
 * where GitHub's mention, issue-link and emoji filters would act on a value.
 */
export function expectExact(
  markdown: string,
  values: readonly string[],
  runUrls: readonly string[] = []
): Shown {
  const shown = render(markdown)
  const missing = values.filter(v => !isShownExactly(shown, v))
  expect(missing).toEqual([])
  expect(shown.links.filter(link => !runUrls.some(url => link === `<a href="${url}">`))).toEqual([])
  expect(shown.prose).not.toMatch(/@\w|#\d|:[a-z+]\w*:|www\.|https?:|<script|&quot;/)
  return shown
}
