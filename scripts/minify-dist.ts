/**
 * `npm run build`'s last step: every code file ncc wrote to dist/ loses its whitespace and comments, and its
 * syntax is folded, with esbuild's transform. Every name stays as in the source (no identifier is renamed), so a
 * stack trace, or dist/ read through a formatter, still shows the source's names; licenses stay in
 * dist/licenses.txt, where ncc's --license puts them. What it saves is what every run pays for: the tarball
 * `uses:` downloads (0.95 MB of dist/ gzipped becomes about 0.72 MB) and the code Node parses at start-up.
 *
 * Written here because ncc's own --minify reaches only the entry file (the lazy chunks, nearly all of the code,
 * stay as they are) and renames locals with terser. esbuild is a dependency already (tsx runs on it); the output
 * is deterministic, so CI's check that dist/ is current still holds.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { transformSync } from 'esbuild'

const dist = resolve(process.argv[2] ?? 'dist')
let before = 0
let after = 0
for (const file of readdirSync(dist).filter(f => f.endsWith('.js'))) {
  const path = join(dist, file)
  const source = readFileSync(path, 'utf8')
  const { code } = transformSync(source, {
    loader: 'js',
    format: 'esm',
    // The action's runtime is Node 24; the engines field allows 20.19, whose syntax this keeps.
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'inline'
  })
  writeFileSync(path, code)
  before += source.length
  after += code.length
}
console.log(`minified ${dist}: ${(before / 1e6).toFixed(2)} MB -> ${(after / 1e6).toFixed(2)} MB`)
