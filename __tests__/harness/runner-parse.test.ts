import { describe, expect, it } from '@jest/globals'
import { parseCommands, parseFileCommand } from '../../harness/runner.js'

describe('the runner harness parses what the action writes', () => {
  it('reads heredoc entries with multi-line values, and older name=value lines', () => {
    const content =
      'a<<ghadelimiter_1\nline one\nline two\nghadelimiter_1\nb<<ghadelimiter_2\n\nghadelimiter_2\nc=plain\n'
    expect(parseFileCommand(content)).toEqual({ a: 'line one\nline two', b: '', c: 'plain' })
  })

  it('rejects an unterminated heredoc instead of guessing', () => {
    expect(() => parseFileCommand('a<<EOF\nvalue\n')).toThrow(/unterminated heredoc for a/)
  })

  it('unescapes command data and properties as the runner does', () => {
    const [mask, error] = parseCommands([
      '::add-mask::50%25 off%0Anext',
      '::error title=CREATE_FAILED%3A Table,file=a%2Cb::boom'
    ])
    expect(mask).toMatchObject({ command: 'add-mask', message: '50% off\nnext', line: 0 })
    expect(error).toMatchObject({
      command: 'error',
      properties: { title: 'CREATE_FAILED: Table', file: 'a,b' },
      message: 'boom'
    })
  })

  it('counts commands as the runner does: after leading white space, and the legacy ##[…] form anywhere', () => {
    const commands = parseCommands([
      '   ::add-mask::hidden',
      'text before ##[stop-commands]token',
      '\u200b::warning::inert (zero-width space is not white space to .NET)'
    ])
    expect(commands.map(c => [c.command, c.message])).toEqual([
      ['add-mask', 'hidden'],
      ['stop-commands', 'token']
    ])
  })
})
