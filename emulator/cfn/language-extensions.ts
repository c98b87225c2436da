/**
 * The AWS::LanguageExtensions transform (template reference, "AWS::LanguageExtensions transform",
 * transform-aws-languageextensions): it "updates any intrinsic function defined by the transform to its
 * resolved value within the template", in the Resources, Conditions and Outputs sections:
 * - Fn::ForEach loops are expanded (foreach.ts);
 * - Fn::Length and Fn::ToJsonString (intrinsic-function-reference-length, -ToJsonString) are left to the change
 *   set: intrinsics.ts resolves them wherever they appear, resource references included;
 * - Fn::FindInMap takes intrinsic functions as its keys and an optional `{DefaultValue: ...}` fourth argument,
 *   returned when the keys are not in the map ("Fn::FindInMap enhancements");
 * - DeletionPolicy and UpdateReplacePolicy may be Fn::If, Fn::FindInMap or Ref ("Intrinsic function references in
 *   DeletionPolicy and UpdateReplacePolicy attributes"), and a resource's Condition may be a function such as
 *   Fn::Sub (the Conditions examples of Fn::ForEach);
 * - "you can use intrinsic functions as a parameter to Ref and Fn::GetAtt", e.g.
 *   `Fn::GetAtt: [{Fn::Sub: 'S3Bucket${Identifier}'}, {Ref: Property}]` (the Outputs example of Fn::ForEach).
 */
import type { ResolveContext } from '../intrinsics.js'
import { expandLoops } from './foreach.js'
import { transformResolveContext, tryResolve, type TransformContext } from './transform-values.js'
import { TransformError } from './errors.js'

const SECTIONS = ['Conditions', 'Resources', 'Outputs'] as const
/** Attributes of a resource or output whose value the transform resolves to a plain string. */
const RESOLVED_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy', 'Condition']

export function languageExtensions(
  raw: Record<string, unknown>,
  context: TransformContext
): Record<string, unknown> {
  const loopCtx = transformResolveContext(context)
  const template: Record<string, unknown> = { ...raw }
  for (const section of SECTIONS)
    if (raw[section] !== undefined) template[section] = expandLoops(raw[section], loopCtx)
  const ctx = transformResolveContext(context, (template.Conditions ?? {}) as Record<string, unknown>)
  for (const section of ['Resources', 'Outputs'] as const) {
    const entries = template[section]
    if (typeof entries !== 'object' || entries === null) continue
    template[section] = Object.fromEntries(
      Object.entries(entries as Record<string, unknown>).map(([id, def]) => [id, resolveDefinition(def, ctx)])
    )
  }
  return template
}

function resolveDefinition(def: unknown, ctx: ResolveContext): unknown {
  if (typeof def !== 'object' || def === null || Array.isArray(def)) return def
  const result = resolveFunctions(def, ctx) as Record<string, unknown>
  for (const attribute of RESOLVED_ATTRIBUTES) {
    const value = result[attribute]
    if (typeof value !== 'object' || value === null) continue
    const resolved = tryResolve(value, ctx)?.value
    if (typeof resolved !== 'string')
      throw new TransformError(`${attribute} must resolve to a string, got ${JSON.stringify(value)}`)
    result[attribute] = resolved
  }
  return result
}

/** Resolves the functions the transform defines wherever they appear in the value. */
function resolveFunctions(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) return value.map(item => resolveFunctions(item, ctx))
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, entry]) => [key, resolveFunctions(entry, ctx)] as const
  )
  const [only] = entries
  if (entries.length === 1 && only !== undefined) {
    const [fn, arg] = only
    const resolved = resolveFunction(fn, arg, ctx)
    if (resolved !== undefined) return resolved.value
  }
  return Object.fromEntries(entries)
}

function resolveFunction(fn: string, arg: unknown, ctx: ResolveContext): { value: unknown } | undefined {
  switch (fn) {
    case 'Fn::FindInMap':
      return findInMap(arg, ctx)
    case 'Ref': {
      if (typeof arg !== 'object' || arg === null) return undefined
      const name = tryResolve(arg, ctx)?.value
      if (typeof name !== 'string')
        throw new TransformError(`Ref must resolve to a string, got ${JSON.stringify(arg)}`)
      return { value: { Ref: name } }
    }
    case 'Fn::GetAtt': {
      if (!Array.isArray(arg) || arg.every(part => typeof part === 'string')) return undefined
      const parts = arg.map(part => tryResolve(part, ctx)?.value)
      if (!parts.every(part => typeof part === 'string'))
        throw new TransformError(`Fn::GetAtt must resolve to strings, got ${JSON.stringify(arg)}`)
      return { value: { 'Fn::GetAtt': parts } }
    }
    default:
      return undefined
  }
}

function findInMap(arg: unknown, ctx: ResolveContext): { value: unknown } | undefined {
  if (!Array.isArray(arg)) return undefined
  const [map, top, second, options] = arg as unknown[]
  const hasDefault = typeof options === 'object' && options !== null && 'DefaultValue' in options
  const keys = [map, top, second].map(key => tryResolve(key, ctx)?.value)
  if (!keys.every(key => typeof key === 'string')) {
    if (hasDefault)
      throw new TransformError('Fn::FindInMap with a DefaultValue must have keys the transform can resolve')
    return undefined
  }
  const [mapName, topKey, secondKey] = keys
  const found = (ctx.mappings[mapName ?? ''] as Record<string, Record<string, unknown>> | undefined)?.[
    topKey ?? ''
  ]?.[secondKey ?? '']
  if (found !== undefined) return { value: found }
  if (hasDefault) return tryResolve(options.DefaultValue, ctx)
  // Without a default the lookup stays for the change set, which fails it with CloudFormation's text.
  return { value: { 'Fn::FindInMap': keys } }
}
