/**
 * Fn::ForEach (template reference, "Fn::ForEach", intrinsic-function-reference-foreach; examples pages for the
 * Resources, Outputs and Conditions sections), part of the AWS::LanguageExtensions transform:
 * `Fn::ForEach::LoopName: [Identifier, Collection, {OutputKey: OutputValue, ...}]` replicates the fragment once
 * per item of the collection (a list, or a Ref to a CommaDelimitedList), replacing `${Identifier}` and
 * `&{Identifier}` in its keys and values, and `Ref: Identifier`, with the item. `&{}` drops the item's
 * non-alphanumeric characters, so a value such as 10.0.2.0/24 can name a logical id. Loops nest ("Fn::ForEach
 * can contain other intrinsic functions, including Fn::ForEach itself"); the fragment may hold several keys;
 * a loop may appear wherever a key may, resource properties included. The loop name itself is not in the output.
 */
import type { ResolveContext } from '../intrinsics.js'
import { TransformError } from './errors.js'
import { tryResolve } from './transform-values.js'

const LOOP = 'Fn::ForEach::'

/** The value with every Fn::ForEach loop in it expanded. */
export function expandLoops(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map(item => expandLoops(item, ctx))
  if (typeof value !== 'object' || value === null) return value
  const result: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!key.startsWith(LOOP)) {
      result[key] = expandLoops(entry, ctx)
      continue
    }
    for (const [outputKey, output] of Object.entries(expandLoop(key, entry, ctx))) {
      // Wording not confirmed from AWS documentation (the loop's keys must be unique in the output).
      if (outputKey in result)
        throw new TransformError(`${key} produces ${outputKey}, which is already defined`)
      result[outputKey] = output
    }
  }
  return result
}

function expandLoop(name: string, loop: unknown, ctx: ResolveContext): Record<string, unknown> {
  if (!Array.isArray(loop) || loop.length !== 3 || typeof loop[0] !== 'string') {
    throw new TransformError(`${name} must be a list of an identifier, a collection and a fragment`)
  }
  const [identifier, collection, fragment] = loop as [string, unknown, unknown]
  if (typeof fragment !== 'object' || fragment === null || Array.isArray(fragment)) {
    throw new TransformError(`${name}: the fragment must be a map of output keys to values`)
  }
  const items = tryResolve(collection, ctx)?.value
  if (!Array.isArray(items)) throw new TransformError(`${name}: the collection must resolve to a list`)
  const result: Record<string, unknown> = {}
  for (const item of items) {
    const text = typeof item === 'object' ? JSON.stringify(item) : String(item)
    const expanded = expandLoops(substitute(fragment, identifier, text), ctx) as Record<string, unknown>
    for (const [key, value] of Object.entries(expanded)) {
      if (key in result) throw new TransformError(`${name} produces ${key} more than once`)
      result[key] = value
    }
  }
  return result
}

/** The fragment with the identifier replaced by the item, in keys, strings and `Ref: Identifier`. */
function substitute(value: unknown, identifier: string, item: string): unknown {
  if (typeof value === 'string') {
    return value
      .split('${' + identifier + '}')
      .join(item)
      .split('&{' + identifier + '}')
      .join(item.replace(/[^A-Za-z0-9]/g, ''))
  }
  if (Array.isArray(value)) return value.map(entry => substitute(entry, identifier, item))
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 1 && entries[0]?.[0] === 'Ref' && entries[0][1] === identifier) return item
  return Object.fromEntries(
    entries.map(([key, entry]) => [
      substitute(key, identifier, item) as string,
      substitute(entry, identifier, item)
    ])
  )
}
