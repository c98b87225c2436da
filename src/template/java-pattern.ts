/**
 * A template's `AllowedPattern` is a Java regular expression (CloudFormation parameters reference), matched
 * against the whole value. JavaScript reads a different dialect, so a pattern is checked here only when its
 * meaning is the same in both; otherwise CloudFormation checks it and the run says so.
 */
export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; reason: string }

const cache = new Map<string, CompiledPattern>()

/**
 * Compiles with the `u` flag: in that mode JavaScript refuses, rather than silently re-reads, nearly everything
 * that is Java-only: possessive quantifiers (`a++`), atomic groups (`(?>…)`), inline flags (`(?i)`), `\A`,
 * `\Z`, `\z`, `\G`, `\h`, `\Q…\E`, POSIX and Java classes (`\p{Alpha}`, `\p{javaLowerCase}`), `\x{…}`, nested
 * classes (`[a[b]]`). Without `u`, `\A` would match a letter A and `\p{Alpha}` the text "p{Alpha}". The one
 * Java-only forms that still compile are caught by name: class intersection (`[a-z&&[^e]]`), and property
 * classes other than a general category (`\p{Alpha}` is ASCII letters in Java, every alphabetic letter in
 * JavaScript; `\p{L}` and `\p{Lu}` mean the same in both).
 */
export function compileJavaPattern(pattern: string): CompiledPattern {
  const known = cache.get(pattern)
  if (known !== undefined) return known
  let compiled: CompiledPattern
  const property = differingProperty(pattern)
  if (hasClassIntersection(pattern)) {
    compiled = { ok: false, reason: 'it uses a character-class intersection (&&), which JavaScript lacks' }
  } else if (property !== undefined) {
    compiled = { ok: false, reason: `${property} means something else in Java than in JavaScript` }
  } else {
    try {
      // CloudFormation matches the whole value, as Java's Pattern.matches does.
      compiled = { ok: true, regex: new RegExp(`^(?:${pattern})$`, 'u') }
    } catch (err) {
      compiled = { ok: false, reason: `JavaScript cannot read it (${(err as Error).message})` }
    }
  }
  cache.set(pattern, compiled)
  return compiled
}

/** The first `\p{…}` / `\P{…}` that is not a one- or two-letter general category, if any. */
function differingProperty(pattern: string): string | undefined {
  for (const match of pattern.matchAll(/\\+[pP]\{([^}]*)\}/g)) {
    const escapes = (/^\\+/.exec(match[0]) as RegExpExecArray)[0].length
    // `\\p{X}` is a backslash then the text p{X}: only an odd run of backslashes starts an escape.
    if (escapes % 2 === 1 && !/^[A-Z][a-z]?$/.test(match[1] as string)) return match[0].slice(escapes - 1)
  }
  return undefined
}

/** True when `&&` appears inside a `[...]` class (escapes skipped). */
function hasClassIntersection(pattern: string): boolean {
  let depth = 0
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      i++
    } else if (c === '[') {
      depth++
    } else if (c === ']' && depth > 0) {
      depth--
    } else if (depth > 0 && c === '&' && pattern[i + 1] === '&') {
      return true
    }
  }
  return false
}
