/**
 * Resolving values while a transform runs: only what parameters, pseudo parameters, mappings and conditions
 * decide. A reference to a resource cannot be resolved before the stack exists, so such a value is left for
 * the change set to resolve.
 */
import {
  evaluateConditions,
  IntrinsicError,
  resolve,
  type Pseudo,
  type ResolveContext
} from '../intrinsics.js'

class Unresolvable extends Error {}

/** What a transform can see: the parameter values (lists split), the pseudo parameters and the mappings. */
export interface TransformContext {
  params: Record<string, string | string[]>
  pseudo: Pseudo
  mappings: Record<string, unknown>
}

/** A context whose resource references throw, so that `tryResolve` can tell them apart. */
export function transformResolveContext(
  context: TransformContext,
  conditions: Record<string, unknown> = {}
): ResolveContext {
  const base = {
    params: context.params,
    mappings: context.mappings,
    pseudo: context.pseudo,
    ref: (): string => {
      throw new Unresolvable()
    },
    getAtt: (): string => {
      throw new Unresolvable()
    }
  }
  let evaluated: Record<string, boolean> = {}
  try {
    evaluated = evaluateConditions(conditions, base)
  } catch (err) {
    if (!(err instanceof Unresolvable) && !(err instanceof IntrinsicError)) throw err
  }
  return { ...base, conditions: evaluated }
}

/** The value, resolved; or undefined when it depends on a resource. */
export function tryResolve(value: unknown, ctx: ResolveContext): { value: unknown } | undefined {
  try {
    return { value: resolve(value, ctx) }
  } catch (err) {
    if (err instanceof Unresolvable) return undefined
    throw err
  }
}
