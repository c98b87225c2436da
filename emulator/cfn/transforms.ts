/**
 * The template's Transform section (user guide, "Transform"): the transforms CloudFormation hosts, applied in
 * the order the template lists them. A macro the emulator does not know is left alone, as before: the change set
 * shows the template as written.
 */
import { IntrinsicError } from '../intrinsics.js'
import { TransformError } from './errors.js'
import { languageExtensions } from './language-extensions.js'
import { serverless } from './sam.js'
import type { TransformContext } from './transform-values.js'

type Transform = (raw: Record<string, unknown>, context: TransformContext) => Record<string, unknown>

const HOSTED: Record<string, Transform> = {
  'AWS::LanguageExtensions': languageExtensions,
  'AWS::Serverless-2016-10-31': serverless
}

/** The transforms a template declares that the emulator applies (a string or a list of strings). */
export function declaredTransforms(raw: Record<string, unknown>): string[] {
  const declared = raw.Transform
  const names = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared : []
  return names.filter((name): name is string => typeof name === 'string' && name in HOSTED)
}

export function applyTransforms(
  raw: Record<string, unknown>,
  transforms: string[],
  context: TransformContext
): Record<string, unknown> {
  return transforms.reduce((template, name) => {
    try {
      return HOSTED[name]?.(template, context) ?? template
    } catch (err) {
      if (err instanceof TransformError || err instanceof IntrinsicError)
        throw new TransformError(`Transform ${name} failed with: ${err.message}`)
      throw err
    }
  }, raw)
}
