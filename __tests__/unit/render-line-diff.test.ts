import { describe, expect, it } from '@jest/globals'
import { diffLines, formatDiff, linesOf, parseDocument } from '../../src/render/line-diff.js'

const same = (text: string): string => text

describe('diffLines', () => {
  it('keeps equal lines as context and marks the rest', () => {
    expect(formatDiff(diffLines(['a', 'b', 'c'], ['a', 'x', 'c']))).toBe(' a\n-b\n+x\n c')
  })

  it('shows an inserted block as + lines only, placed as whole JSON objects', () => {
    const before = linesOf(JSON.stringify({ S: [{ a: 1 }, { c: 3 }] }), same)
    const after = linesOf(JSON.stringify({ S: [{ a: 1 }, { b: 2 }, { c: 3 }] }), same)
    const diff = diffLines(before, after)
    expect(diff.filter(l => l.op === '-')).toEqual([])
    expect(diff.filter(l => l.op === '+').map(l => l.text)).toEqual(['    {', '      "b": 2', '    },'])
  })

  it('handles additions and removals at either end', () => {
    expect(formatDiff(diffLines([], ['a', 'b']))).toBe('+a\n+b')
    expect(formatDiff(diffLines(['a', 'b'], []))).toBe('-a\n-b')
    expect(formatDiff(diffLines(['a'], ['z', 'a', 'y']))).toBe('+z\n a\n+y')
  })

  it('finds a longest common subsequence (no line marked changed that is not)', () => {
    const before = ['1', '2', '3', '4', '5', '6']
    const after = ['0', '1', '3', '4', '7', '6']
    const diff = diffLines(before, after)
    expect(diff.filter(l => l.op === ' ').map(l => l.text)).toEqual(['1', '3', '4', '6'])
  })

  it('stays fast and small on two large documents that differ throughout', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `old ${i}`)
    const after = Array.from({ length: 20_000 }, (_, i) => `new ${i}`)
    const started = Date.now()
    const diff = diffLines(['head', ...before, 'tail'], ['head', ...after, 'tail'])
    expect(Date.now() - started).toBeLessThan(2000)
    expect(diff).toHaveLength(40_002)
    expect(diff[0]).toEqual({ op: ' ', text: 'head' })
    expect(diff[1]).toEqual({ op: '-', text: 'old 0' })
    expect(diff[20_001]).toEqual({ op: '+', text: 'new 0' })
    expect(diff[40_001]).toEqual({ op: ' ', text: 'tail' })
  })
})

describe('formatDiff with context', () => {
  it('collapses long unchanged stretches and says how many lines it left out', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i}`)
    const after = before.map(l => (l === 'line 15' ? 'line fifteen' : l))
    expect(formatDiff(diffLines(before, after), 2)).toBe(
      [
        '@@ 13 unchanged lines @@',
        ' line 13',
        ' line 14',
        '-line 15',
        '+line fifteen',
        ' line 16',
        ' line 17',
        '@@ 12 unchanged lines @@'
      ].join('\n')
    )
  })
})

describe('documents', () => {
  it('pretty-prints JSON objects and arrays in their own key order', () => {
    expect(linesOf('{"b":1,"a":[true]}', same)).toEqual([
      '{',
      '  "b": 1,',
      '  "a": [',
      '    true',
      '  ]',
      '}'
    ])
  })

  it('treats anything else as text lines', () => {
    expect(parseDocument('42')).toBeUndefined()
    expect(parseDocument('"text"')).toBeUndefined()
    expect(parseDocument('{not json')).toBeUndefined()
    expect(linesOf('a\r\nb\nc', same)).toEqual(['a', 'b', 'c'])
  })

  it('cleans every string of a document after decoding, keys too', () => {
    expect(
      linesOf('{"k\\u0065y":"s\\u0065cret"}', t => t.replace('secret', '****').replace('key', 'K'))
    ).toEqual(['{', '  "K": "****"', '}'])
  })
})
