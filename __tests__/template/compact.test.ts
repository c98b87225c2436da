import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'
import { compactTemplate } from '../../src/template/compact.js'
import { TEMPLATE_BODY_LIMIT } from '../../src/template/load.js'

/**
 * The bundled template is sent as compact JSON. Its data must be the YAML source's, read by an independent
 * reader: cfn-lint's decoder, which is how AWS's own linter reads CloudFormation YAML (short forms, YAML 1.1).
 */
const SOURCE = readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8')
const DECODE = `
import json, sys
from cfnlint.decode import decode_str
template, matches = decode_str(sys.stdin.read())
if matches: sys.exit("cfn-lint could not read the template: " + str(matches[0]))
json.dump(template, sys.stdout)
`

function decodedByCfnLint(source: string): unknown {
  const result = spawnSync('python3', ['-c', DECODE], { input: source, encoding: 'utf8' })
  if (result.status !== 0) {
    if (process.env.CI === 'true') throw new Error(`cfn-lint's decoder failed: ${result.stderr}`)
    return undefined
  }
  return JSON.parse(result.stdout) as unknown
}

describe('the bundled template, sent compact', () => {
  const compact = compactTemplate(SOURCE)

  it('holds the same data as the YAML source, as cfn-lint reads it', () => {
    const witness = decodedByCfnLint(SOURCE)
    if (witness === undefined) return // no cfn-lint outside CI: said by the cfn-lint suite
    expect(JSON.parse(compact)).toEqual(witness)
  })

  it('stays under the inline limit with room to grow, and well under the source', () => {
    const bytes = Buffer.byteLength(compact, 'utf8')
    expect(bytes).toBeLessThan(TEMPLATE_BODY_LIMIT)
    expect(bytes).toBeLessThan(Buffer.byteLength(SOURCE, 'utf8') * 0.9)
  })

  it('is the same bytes every time (the no-change shortcut compares them with the deployed template)', () => {
    expect(compactTemplate(SOURCE)).toBe(compact)
  })

  it('writes every number as the source does, so nothing is rounded on the way', () => {
    const written = [...SOURCE.matchAll(/:\s+(-?\d+(?:\.\d+)?)\s*(?:#.*)?$/gm)].map(m => m[1] as string)
    for (const number of written) expect(String(Number(number))).toBe(number)
  })

  it('refuses a value JSON cannot carry rather than sending null', () => {
    expect(() => compactTemplate('Resources:\n  A:\n    Type: X\n    Properties:\n      N: .nan\n')).toThrow(
      /NaN, which JSON cannot carry/
    )
  })
})
