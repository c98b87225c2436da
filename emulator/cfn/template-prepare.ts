/**
 * From a request's template body to the template a change set uses: parsed, expanded by its transforms with the
 * parameter values, checked, its capabilities and Rules enforced. The order is CloudFormation's as far as the
 * emulator models it: a template without transforms is checked before its parameters; one with transforms can
 * only be checked once they have expanded it, which needs the parameter values.
 */
import type { Pseudo, ResolveContext } from '../intrinsics.js'
import { checkCapabilities } from './capabilities.js'
import { TransformError, validation } from './errors.js'
import { checkRules } from './rules.js'
import {
  checkTemplate,
  parseTemplate,
  resolveParameters,
  typedParameters,
  type GivenParameter,
  type ParameterDef,
  type Template
} from './template.js'
import type { TransformContext } from './transform-values.js'
import { applyTransforms, declaredTransforms } from './transforms.js'

/** A template body read and, when no transform has to expand it first, checked. */
export interface ReadBody {
  raw: Record<string, unknown>
  transforms: string[]
  checked?: Template
}

export function readBody(body: string): ReadBody {
  const raw = parseTemplate(body)
  const transforms = declaredTransforms(raw)
  return transforms.length === 0 ? { raw, transforms, checked: checkTemplate(raw) } : { raw, transforms }
}

export interface PrepareOptions {
  pseudo: Pseudo
  /** The request's capabilities, checked against the (expanded) template; unset: not checked. */
  capabilities?: string[]
}

/** The expanded, checked template and the parameter values of a new change set, or why its transform failed. */
export interface PreparedTemplate {
  template: Template
  parameters: Record<string, string>
  failure?: string
}

/** Prepares the template and parameters of a new change set (see the module comment for the order). */
export function finishTemplate(
  read: ReadBody,
  given: GivenParameter[],
  previous: Record<string, string> | undefined,
  options: PrepareOptions
): PreparedTemplate {
  let template: Template
  let parameters: Record<string, string>
  if (read.checked !== undefined) {
    template = read.checked
    if (options.capabilities !== undefined) checkCapabilities(template, options.capabilities)
    parameters = resolveParameters(template, given, previous)
  } else {
    const declared = { Parameters: (read.raw.Parameters ?? {}) as Record<string, ParameterDef> }
    parameters = resolveParameters(declared, given, previous)
    const context = transformContext(read.raw, typedParameters(declared, parameters), options.pseudo)
    let expanded: Record<string, unknown>
    try {
      expanded = applyTransforms(read.raw, read.transforms, context)
    } catch (err) {
      if (!(err instanceof TransformError)) throw err
      // The change set is made, and fails with the transform's message (see TransformError).
      const unexpanded = { ...declared, Conditions: {}, Mappings: {}, Resources: {}, Outputs: {} }
      return { template: unexpanded, parameters, failure: err.message }
    }
    template = checkTemplate(expanded)
    if (options.capabilities !== undefined) checkCapabilities(template, options.capabilities)
  }
  checkRules(template.Rules, ruleContext(template, parameters, options.pseudo))
  return { template, parameters }
}

/**
 * The template GetTemplateSummary and ValidateTemplate describe: expanded with the parameters' defaults when it
 * declares transforms (no values are given to these calls).
 */
export function summaryTemplate(body: string, pseudo: Pseudo): Template {
  const read = readBody(body)
  if (read.checked !== undefined) return read.checked
  const declared = { Parameters: (read.raw.Parameters ?? {}) as Record<string, ParameterDef> }
  const defaults: Record<string, string> = {}
  for (const [key, def] of Object.entries(declared.Parameters))
    if (def.Default !== undefined)
      defaults[key] = Array.isArray(def.Default) ? def.Default.join(',') : String(def.Default)
  const context = transformContext(read.raw, typedParameters(declared, defaults), pseudo)
  try {
    return checkTemplate(applyTransforms(read.raw, read.transforms, context))
  } catch (err) {
    // No change set to fail here: the call itself answers with the transform's message (wording unconfirmed).
    if (err instanceof TransformError) throw validation(err.message)
    throw err
  }
}

function transformContext(
  raw: Record<string, unknown>,
  params: Record<string, string | string[]>,
  pseudo: Pseudo
): TransformContext {
  return { params, pseudo, mappings: (raw.Mappings ?? {}) as Record<string, unknown> }
}

/** Rules see parameter values and pseudo parameters only (rule functions cannot reference resources). */
function ruleContext(template: Template, parameters: Record<string, string>, pseudo: Pseudo): ResolveContext {
  return {
    params: typedParameters(template, parameters),
    conditions: {},
    mappings: template.Mappings,
    pseudo,
    ref: () => '',
    getAtt: () => ''
  }
}
