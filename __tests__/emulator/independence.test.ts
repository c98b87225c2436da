import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The emulator is a witness of how AWS behaves; if it shared the action's code it would share its mistakes. No
 * emulator file may import anything under src/ (eslint's no-restricted-imports says so too).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : []
  })
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function specifiersOf(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g))
    found.push(m[1] as string)
  for (const m of text.matchAll(/import\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] as string)
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(m[1] as string)
  return found
}

describe('the emulator', () => {
  it('finds import specifiers of every form (so the check below can fail)', () => {
    expect(
      specifiersOf(
        `import { a } from '../src/x.js'\nimport type { B } from "../../src/y.js"\nexport * from '../src/z.js'\nconst m = await import('../src/w.js')\nimport '../src/side.js'`
      )
    ).toEqual(['../src/x.js', '../../src/y.js', '../src/z.js', '../src/w.js', '../src/side.js'])
  })

  it('imports nothing from the action (src/)', () => {
    const offenders: string[] = []
    for (const file of sources(join(root, 'emulator'))) {
      for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue
        const target = relative(root, resolve(dirname(file), specifier))
        if (target === 'src' || target.startsWith(`src/`))
          offenders.push(`${relative(root, file)} -> ${specifier}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
