import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/run/errors.js'
import {
  readInlineParameters,
  readParametersFile,
  resolveParameters,
  type GivenValues
} from '../../src/template/parameters.js'
import type { TemplateParameter } from '../../src/template/load.js'

let workspace: string
let outside: string
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'mfd-params-ws-'))
  outside = mkdtempSync(join(tmpdir(), 'mfd-params-out-'))
})
afterAll(() => {
  rmSync(workspace, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

function file(name: string, content: string): string {
  writeFileSync(join(workspace, name), content)
  return name
}
const values = (given: GivenValues): Record<string, string> =>
  Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v.value]))

function errorOf(work: () => unknown): InputError {
  try {
    work()
  } catch (err) {
    if (err instanceof InputError) return err
    throw err
  }
  throw new Error('expected an InputError')
}
async function asyncErrorOf(work: () => Promise<unknown>): Promise<InputError> {
  try {
    await work()
  } catch (err) {
    if (err instanceof InputError) return err
    throw err
  }
  throw new Error('expected an InputError')
}

describe('parameters-file values reach AWS as written', () => {
  it('keeps the text of unquoted numbers and booleans', () => {
    const path = file(
      'as-written.yml',
      'Version: 1.10\nAccount: 012345678901\nBig: 1e3\nHex: 0x1F\nFlag: yes\nOff: Off\nEmpty:\nTilde: ~\nQuoted: "1.10"\nList: [1.10, 02]\n'
    )
    expect(values(readParametersFile(path, workspace))).toEqual({
      Version: '1.10',
      Account: '012345678901',
      Big: '1e3',
      Hex: '0x1F',
      Flag: 'yes',
      Off: 'Off',
      Empty: '',
      Tilde: '',
      Quoted: '1.10',
      List: '1.10,02'
    })
  })

  it('keeps the text of JSON numbers too', () => {
    const path = file('as-written.json', '{"Version": 1.10, "Account": 12345678901234567890, "On": true}')
    expect(values(readParametersFile(path, workspace))).toEqual({
      Version: '1.10',
      Account: '12345678901234567890',
      On: 'true'
    })
  })

  it('reads the native [{ParameterKey, ParameterValue, UsePreviousValue}] array', () => {
    const path = file(
      'native.json',
      '[{"ParameterKey": "A", "ParameterValue": 007}, {"ParameterKey": "B", "UsePreviousValue": true}]'
    )
    const given = readParametersFile(path, workspace)
    expect(given.A).toEqual({ value: '007', input: 'parameters-file', usePrevious: false })
    expect(given.B?.usePrevious).toBe(true)
  })

  it('reads a CodePipeline-style {Parameters: {...}} file', () => {
    const path = file('config.json', '{"Parameters": {"Env": "dev", "Size": 2}}')
    expect(values(readParametersFile(path, workspace))).toEqual({ Env: 'dev', Size: '2' })
  })

  it('refuses Tags in a parameters file and shows the tags input that does it', () => {
    const path = file(
      'config-tags.json',
      '{"Parameters": {"Env": "dev"}, "Tags": {"team": "ml", "cost": "42"}}'
    )
    const error = errorOf(() => readParametersFile(path, workspace))
    expect(error.input).toBe('parameters-file')
    expect(error.message).toContain('tags: |\n    team=ml\n    cost=42')
  })

  it('refuses JSON duplicate keys, which JSON.parse would silently resolve to the last', () => {
    const path = file('dup.json', '{"Env": "dev", "Env": "prod"}')
    expect(errorOf(() => readParametersFile(path, workspace)).message).toMatch(
      /Map keys must be unique: "Env" appears twice/
    )
  })

  it('never echoes a value beside a misspelt ParameterKey', () => {
    const path = file('typo.json', '[{"ParamterKey": "DbPassword", "ParameterValue": "hunter2-secret"}]')
    const error = errorOf(() => readParametersFile(path, workspace))
    expect(error.message).toContain('"ParamterKey"')
    expect(error.message).not.toContain('hunter2')
  })

  it('never echoes a value from a syntax error or a nested value', () => {
    const broken = file('broken.yml', 'DbPassword: "hunter2-secret\n')
    expect(errorOf(() => readParametersFile(broken, workspace)).message).not.toContain('hunter2')
    const nested = file('nested.yml', 'DbPassword: {inner: hunter2-secret}\n')
    const error = errorOf(() => readParametersFile(nested, workspace))
    expect(error.message).toContain('"DbPassword"')
    expect(error.message).not.toContain('hunter2')
  })
})

describe('parameters-file is a regular file inside the workspace', () => {
  it('refuses a named pipe at once, without blocking on it', () => {
    const fifo = join(workspace, 'params.fifo')
    execFileSync('mkfifo', [fifo])
    const started = Date.now()
    expect(errorOf(() => readParametersFile('params.fifo', workspace)).message).toMatch(
      /"params\.fifo" is a named pipe; give the path of a regular file/
    )
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('refuses a folder and a device', () => {
    mkdirSync(join(workspace, 'folder'), { recursive: true })
    expect(errorOf(() => readParametersFile('folder', workspace)).message).toMatch(/is a folder/)
    symlinkSync('/dev/zero', join(workspace, 'zero'))
    // /dev/zero is outside the workspace, so the symlink is refused before its kind matters.
    expect(errorOf(() => readParametersFile('zero', workspace)).message).toMatch(/outside the workspace/)
  })

  it('refuses a file over the size limit before reading it', () => {
    const path = file('huge.yml', `A: ${'x'.repeat(1_000_001)}\n`)
    expect(errorOf(() => readParametersFile(path, workspace)).message).toMatch(
      /"huge\.yml" is 1000005 bytes; a parameters file may have at most 1000000 bytes/
    )
  })

  it('refuses paths and symlinks that lead out of the workspace', () => {
    writeFileSync(join(outside, 'secret.yml'), 'A: 1\n')
    symlinkSync(join(outside, 'secret.yml'), join(workspace, 'link.yml'))
    for (const path of ['../../etc/passwd', join(outside, 'secret.yml'), 'link.yml']) {
      const error = errorOf(() => readParametersFile(path, workspace))
      expect(error.input).toBe('parameters-file')
      expect(error.message).toMatch(/outside the workspace/)
    }
  })

  it('accepts an absolute path and a symlink that stay inside', () => {
    const path = file('inside.yml', 'A: 1\n')
    symlinkSync(join(workspace, 'inside.yml'), join(workspace, 'inside-link.yml'))
    expect(values(readParametersFile(join(workspace, path), workspace))).toEqual({ A: '1' })
    expect(values(readParametersFile('inside-link.yml', workspace))).toEqual({ A: '1' })
  })
})

describe('inline parameters', () => {
  it('reads Key=Value lines, with Key= as an empty value and commas kept in a single value', async () => {
    expect(values(await readInlineParameters('Env=dev\nSubnets=subnet-1,subnet-2\nEmpty=\nUrl=a=b'))).toEqual(
      {
        Env: 'dev',
        Subnets: 'subnet-1,subnet-2',
        Empty: '',
        Url: 'a=b'
      }
    )
  })

  it("reads the official action's comma form, with quoted values holding commas", async () => {
    expect(
      values(await readInlineParameters('Env=dev,Size=2, Subnets="subnet-1,subnet-2",Name=\'a,b\''))
    ).toEqual({
      Env: 'dev',
      Size: '2',
      Subnets: 'subnet-1,subnet-2',
      Name: 'a,b'
    })
  })

  it('reads an inline YAML map as written', async () => {
    expect(values(await readInlineParameters('Version: 1.10\nAccount: 012345678901'))).toEqual({
      Version: '1.10',
      Account: '012345678901'
    })
  })

  it("refuses the official action's file:// form and shows parameters-file", async () => {
    const error = await asyncErrorOf(() => readInlineParameters('file:///github/workspace/params/dev.json'))
    expect(error.input).toBe('parameters')
    expect(error.message).toContain('parameters-file: params/dev.json')
  })

  it('shows a file:// path under GITHUB_WORKSPACE relative to it', async () => {
    const saved = process.env.GITHUB_WORKSPACE
    process.env.GITHUB_WORKSPACE = '/home/runner/work/infra/infra'
    try {
      const error = await asyncErrorOf(() =>
        readInlineParameters('file:///home/runner/work/infra/infra/deploy/p.json')
      )
      expect(error.message).toMatch(/\n {2}parameters-file: deploy\/p\.json$/)
    } finally {
      if (saved === undefined) delete process.env.GITHUB_WORKSPACE
      else process.env.GITHUB_WORKSPACE = saved
    }
  })

  it('never echoes a line without "="', async () => {
    const error = await asyncErrorOf(() => readInlineParameters('Env=dev\nhunter2-secret'))
    expect(error.message).toMatch(/line 2: expected Key=Value/)
    expect(error.message).not.toContain('hunter2')
  })

  it('refuses a key given twice, in either form', async () => {
    expect((await asyncErrorOf(() => readInlineParameters('A=1,A=2'))).message).toMatch(/"A" is given twice/)
    expect((await asyncErrorOf(() => readInlineParameters('A=1\nA=2'))).message).toMatch(
      /line 2: "A" is given twice/
    )
  })
})

describe('resolveParameters', () => {
  const given = (entries: Record<string, string>): GivenValues => {
    const result = Object.create(null) as GivenValues
    for (const [key, value] of Object.entries(entries)) result[key] = { value, input: 'parameters' }
    return result
  }
  const declared = (defs: Record<string, TemplateParameter>): Record<string, TemplateParameter> =>
    Object.assign(Object.create(null) as Record<string, TemplateParameter>, defs)

  it('refuses __proto__ as an undeclared parameter, even from a plain object', async () => {
    const inline = await readInlineParameters('{"__proto__": {"x": "1"}}').catch((err: unknown) => err)
    expect(inline).toBeInstanceOf(InputError)
    const fromYaml = await readInlineParameters('__proto__: x')
    expect(Object.keys(fromYaml)).toEqual(['__proto__'])
    const error = errorOf(() =>
      resolveParameters({ Env: { Type: 'String', Default: 'a' } }, fromYaml, undefined)
    )
    expect(error.message).toMatch(/unknown parameter "__proto__"/)
  })

  it('refuses constructor as undeclared when the template lacks it, and accepts it when declared', () => {
    expect(
      errorOf(() =>
        resolveParameters({ Env: { Type: 'String' } }, given({ Env: 'a', constructor: 'x' }), undefined)
      ).message
    ).toMatch(/unknown parameter "constructor"/)
    const resolved = resolveParameters(
      declared({ constructor: { Type: 'String' } }),
      given({ constructor: 'x' }),
      undefined
    )
    expect(resolved.parameters).toEqual([{ ParameterKey: 'constructor', ParameterValue: 'x' }])
  })

  it('never echoes the value of a mistyped key', () => {
    const error = errorOf(() =>
      resolveParameters(
        { DbPassword: { Type: 'String', NoEcho: true } },
        given({ DbPasword: 'hunter2' }),
        undefined
      )
    )
    expect(error.message).toMatch(/unknown parameter "DbPasword" \(did you mean "DbPassword"\?\)/)
    expect(error.message).not.toContain('hunter2')
  })

  it('never echoes a NoEcho value that fails AllowedValues or AllowedPattern', () => {
    for (const def of [
      { Type: 'String', NoEcho: true, AllowedValues: ['a', 'b'] },
      { Type: 'String', NoEcho: 'true', AllowedPattern: '[a-z]+' }
    ]) {
      const error = errorOf(() => resolveParameters({ Secret: def }, given({ Secret: 'HUNTER2' }), undefined))
      expect(error.message).toMatch(/"Secret" = \(NoEcho value\) is not allowed/)
      expect(error.message).not.toContain('HUNTER2')
    }
  })

  it('anchors AllowedPattern to the whole value, as Java matches()', () => {
    const def = { Type: 'String', AllowedPattern: '[a-z]+|[0-9]+' }
    expect(() => resolveParameters({ N: def }, given({ N: 'abc' }), undefined)).not.toThrow()
    expect(() => resolveParameters({ N: def }, given({ N: 'abc123' }), undefined)).toThrow(
      /expected a value matching/
    )
  })

  it.each([
    ['a++', 'possessive quantifier'],
    ['\\p{javaLowerCase}+', 'Java character class'],
    ['\\p{Alpha}+', 'POSIX class'],
    ['(?i)abc', 'inline flag'],
    ['abc\\Z', '\\Z'],
    ['\\Aabc', '\\A'],
    ['(?>a)b', 'atomic group'],
    ['[a-z&&[^e]]+', 'class intersection'],
    ['\\Qa.b\\E', 'quoted section']
  ])('leaves the Java-only pattern %s (%s) to CloudFormation, with a warning', pattern => {
    const resolved = resolveParameters(
      { N: { Type: 'String', AllowedPattern: pattern } },
      given({ N: 'anything at all' }),
      undefined
    )
    expect(resolved.parameters).toEqual([{ ParameterKey: 'N', ParameterValue: 'anything at all' }])
    expect(resolved.warnings).toHaveLength(1)
    expect(resolved.warnings[0]).toMatch(
      /Parameter "N": AllowedPattern .* not checked here.*CloudFormation checks it/
    )
  })

  it('applies MinLength/MaxLength to String only and MinValue/MaxValue to Number only', () => {
    const list = { Type: 'CommaDelimitedList', MaxLength: 3, MaxValue: 1 }
    expect(() => resolveParameters({ L: list }, given({ L: 'abcdef,ghijkl' }), undefined)).not.toThrow()
    const number = { Type: 'Number', MaxLength: 1, MaxValue: 100 }
    expect(() => resolveParameters({ N: number }, given({ N: '99' }), undefined)).not.toThrow()
    expect(() => resolveParameters({ N: number }, given({ N: '101' }), undefined)).toThrow(
      /expected at most 100/
    )
    const string = { Type: 'String', MaxLength: 3, MaxValue: 1 }
    expect(() => resolveParameters({ S: string }, given({ S: '999' }), undefined)).not.toThrow()
    expect(() => resolveParameters({ S: string }, given({ S: 'abcd' }), undefined)).toThrow(
      /expected at most 3 characters/
    )
  })

  it('explains that unquoted Yes/No in the template mean true/false', () => {
    const def = { Type: 'String', AllowedValues: [true, false] }
    expect(() => resolveParameters({ F: def }, given({ F: 'true' }), undefined)).not.toThrow()
    expect(errorOf(() => resolveParameters({ F: def }, given({ F: 'Yes' }), undefined)).message).toMatch(
      /expected one of true, false \(the template writes them unquoted.*give true or false\)/
    )
  })
})
