import { describe, expect, it } from '@jest/globals'
import { parseCommands } from '../../harness/runner.js'
import { inert } from '../../src/run/log.js'

/**
 * The runner's own reading of a line (actions/runner ActionCommand.TryParseV2 and TryParse): lines end at \n, \r
 * or \r\n; `::` counts after TrimStart(); the legacy `##[` counts anywhere in the line.
 */
export function runnerWouldRun(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter(line => /^[\s\u0085]*::[a-zA-Z-]+( [^:]*)?::/.test(line) || line.includes('##['))
}

const attacks = [
  'reason\n::add-mask::x',
  'reason\r::add-mask::x',
  'reason\r\n::stop-commands::tok',
  '::warning::x',
  '  \t::set-output name=api-key::stolen',
  '\u00a0::error::x',
  '\u0085::notice::x',
  'Property validation failure: ##[add-mask]secret',
  'a ##[stop-commands]tok b'
]

describe('inert: untrusted text the runner cannot read as a command', () => {
  it.each(attacks)('neutralises %j', attack => {
    expect(runnerWouldRun(attack)).not.toEqual([])
    const safe = inert(attack)
    expect(runnerWouldRun(safe)).toEqual([])
    expect(parseCommands(safe.split('\n'))).toEqual([])
  })

  it('keeps the text readable: only a zero-width space is added, and lines stay lines', () => {
    const text = 'CREATE_FAILED Bucket\n::add-mask::x\nplain line'
    const safe = inert(text)
    expect(safe.replace(/\u200b/g, '')).toBe(text)
    expect(safe.split('\n')).toHaveLength(3)
    expect(inert('no commands here: a::b, 10:30::00')).toBe('no commands here: a::b, 10:30::00')
  })

  it('inserts nothing inside a line that starts with `::`, so a mask on that value still matches', () => {
    expect(inert('::abc-secret')).toBe('\u200b::abc-secret')
  })
})
