import { describe, expect, it } from '@jest/globals'
import { cellCode, code, fenced, fitsInCell, flatten, htmlCode, table } from '../../src/render/markdown.js'
import { render } from './render-gfm.js'

/** Short strings made of the characters Markdown and GFM treat specially, drawn from a seeded generator. */
function hostileStrings(count: number, seed = 7): string[] {
  const alphabet = [
    '`',
    '``',
    '\\',
    '|',
    '*',
    '_',
    '<',
    '>',
    '&',
    ';',
    '#',
    '@',
    ':',
    '[',
    ']',
    '(',
    ')',
    '!',
    '~',
    ' ',
    'a',
    '\n',
    '"',
    'www.',
    'http://',
    '&quot;',
    '-'
  ]
  let state = seed
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
  }
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(10) }, () => alphabet[next(alphabet.length)] ?? '').join('')
  )
}

const VALUES = hostileStrings(400)

describe('values as code, read back through a GFM engine', () => {
  it('shows every value exactly in a table cell (those a cell can hold)', () => {
    const values = VALUES.filter(v => fitsInCell(v, 200))
    expect(values.length).toBeGreaterThan(300)
    const shown = render(
      table(
        ['k', 'v'],
        values.map((v, i) => [String(i), cellCode(v)])
      )
    )
    const cells = [...shown.html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(m => m[1] ?? '')
    expect(cells).toHaveLength(values.length * 2)
    const read = render(
      table(
        ['v'],
        values.map(v => [cellCode(v)])
      )
    ).codes
    expect(read).toEqual(values.map(flatten))
  })

  it('shows every value exactly inline, in a list item (line breaks as ⏎)', () => {
    const shown = render(VALUES.map(v => `- ${code(v)}`).join('\n'))
    expect(shown.codes).toEqual(VALUES.map(flatten))
    expect(shown.prose.trim()).toBe('')
  })

  it('shows every value exactly in a fenced block', () => {
    for (const v of VALUES)
      expect(render(fenced(v)).blocks.map(b => b.text)).toEqual([`${v}${v.endsWith('\n') ? '' : '\n'}`])
  })

  it('shows every value exactly inside raw HTML (a details summary)', () => {
    const shown = render(
      [
        '<details>',
        `<summary>${VALUES.map(htmlCode).join(' · ')}</summary>`,
        '',
        'body',
        '',
        '</details>'
      ].join('\n')
    )
    expect(shown.codes).toEqual(VALUES.map(flatten))
  })

  it('keeps out of cells what parsers disagree on or a cell cannot hold', () => {
    expect(fitsInCell('a\\|b', 200)).toBe(false)
    expect(fitsInCell('two\nlines', 200)).toBe(false)
    expect(fitsInCell('', 200)).toBe(false)
    expect(fitsInCell('x'.repeat(201), 200)).toBe(false)
    expect(fitsInCell('a|b \\ c', 200)).toBe(true)
  })
})
