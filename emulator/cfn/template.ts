import { references } from '../intrinsics.js'
import { validation } from './errors.js'
import { readTemplate, TemplateSyntaxError } from './yaml.js'

/** A declared parameter, as the template's Parameters section gives it (user guide, "Parameters syntax"). */
export interface ParameterDef {
  Type: string
  Default?: unknown
  NoEcho?: unknown
  AllowedValues?: unknown[]
  AllowedPattern?: string
  MinValue?: number | string
  MaxValue?: number | string
  MinLength?: number | string
  MaxLength?: number | string
  ConstraintDescription?: string
  Description?: string
}

/**
 * Template quotas (user guide, "CloudFormation quotas": 500 resources, 200 parameters, 200 outputs), with the
 * texts CloudFormation answers (resources and outputs as quoted in serverless #6803 and serverless-nested-stack
 * #5; the parameters text follows the outputs one and is not confirmed).
 */
export const LIMITS = { resources: 500, parameters: 200, outputs: 200 }

export interface ResourceDef {
  Type: string
  Properties?: Record<string, unknown>
  Condition?: string
  DependsOn?: string | string[]
  DeletionPolicy?: string
  UpdateReplacePolicy?: string
  Metadata?: unknown
}

export interface OutputDef {
  Value: unknown
  Description?: string
  Condition?: string
  Export?: { Name: unknown }
}

export interface Template {
  AWSTemplateFormatVersion?: string
  Description?: string
  Transform?: unknown
  Parameters: Record<string, ParameterDef>
  Conditions: Record<string, unknown>
  Mappings: Record<string, unknown>
  Resources: Record<string, ResourceDef>
  Outputs: Record<string, OutputDef>
  /** Parameter checks run before any change (see rules.ts). */
  Rules?: unknown
}

/** Parses and checks a template the way CloudFormation's validation does, with its error texts. */
export function loadTemplate(body: string): Template {
  return checkTemplate(parseTemplate(body))
}

/** Reads a template body into its sections, refusing what is not a template (CloudFormation's texts). */
export function parseTemplate(body: string): Record<string, unknown> {
  let data: unknown
  try {
    data = readTemplate(body)
  } catch (err) {
    if (err instanceof TemplateSyntaxError) throw validation(`Template format error: ${err.message}`)
    throw err
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw validation('Template format error: JSON not well-formed. (line 1,  column 1)')
  }
  return data as Record<string, unknown>
}

/** Checks a template's sections (after any transform has expanded them), with CloudFormation's texts. */
export function checkTemplate(raw: Record<string, unknown>): Template {
  const resources = raw.Resources
  if (typeof resources !== 'object' || resources === null || Object.keys(resources).length === 0) {
    throw validation('Template format error: At least one Resources member must be defined.')
  }
  checkLimits(raw)
  const template: Template = {
    ...(raw as Partial<Template>),
    Parameters: (raw.Parameters ?? {}) as Record<string, ParameterDef>,
    Conditions: (raw.Conditions ?? {}) as Record<string, unknown>,
    Mappings: (raw.Mappings ?? {}) as Record<string, unknown>,
    Resources: resources as Record<string, ResourceDef>,
    Outputs: (raw.Outputs ?? {}) as Record<string, OutputDef>
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (typeof resource !== 'object' || resource === null || typeof resource.Type !== 'string') {
      throw validation(
        `Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`
      )
    }
    if (resource.Condition !== undefined && !(resource.Condition in template.Conditions)) {
      throw validation(
        `Template format error: Unresolved dependencies [${resource.Condition}]. Cannot reference resources in the Conditions block of the template`
      )
    }
  }
  checkReferences(template)
  return template
}

function checkLimits(raw: Record<string, unknown>): void {
  const count = (section: unknown): number =>
    typeof section === 'object' && section !== null ? Object.keys(section).length : 0
  const resources = count(raw.Resources)
  if (resources > LIMITS.resources)
    throw validation(
      `Template format error: Number of resources, ${resources}, is greater than maximum allowed, ${LIMITS.resources}`
    )
  const parameters = count(raw.Parameters)
  if (parameters > LIMITS.parameters)
    throw validation(
      `Template format error: Parameters count ${parameters} is greater than max allowed ${LIMITS.parameters}`
    )
  const outputs = count(raw.Outputs)
  if (outputs > LIMITS.outputs)
    throw validation(
      `Template format error: Outputs count ${outputs} is greater than max allowed ${LIMITS.outputs}`
    )
}

const PSEUDO = /^AWS::(Region|AccountId|StackName|StackId|Partition|URLSuffix|NoValue|NotificationARNs)$/

function checkReferences(template: Template): void {
  const known = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters)])
  const missing = new Set<string>()
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (typeof value !== 'object' || value === null) return
    for (const [key, arg] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Ref' && typeof arg === 'string' && !known.has(arg) && !PSEUDO.test(arg)) missing.add(arg)
      else if (key === 'Fn::GetAtt') {
        const id: unknown =
          typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined
        if (typeof id === 'string' && !(id in template.Resources)) missing.add(id)
      } else walk(arg)
    }
  }
  walk(template.Resources)
  walk(template.Outputs)
  if (missing.size > 0) {
    throw validation(
      `Template format error: Unresolved resource dependencies [${[...missing].join(', ')}] in the Resources block of the template`
    )
  }
}

/** Resource dependencies: references plus DependsOn. */
export function dependenciesOf(template: Template, logicalId: string): Set<string> {
  const ids = new Set(Object.keys(template.Resources))
  const resource = template.Resources[logicalId]
  const deps = references(resource?.Properties ?? {}, ids)
  const dependsOn = resource?.DependsOn
  for (const dep of Array.isArray(dependsOn) ? dependsOn : dependsOn === undefined ? [] : [dependsOn])
    deps.add(dep)
  deps.delete(logicalId)
  return deps
}

export interface GivenParameter {
  ParameterKey?: string
  ParameterValue?: string
  UsePreviousValue?: string
}

const isList = (type: string): boolean => type === 'CommaDelimitedList' || type.startsWith('List<')

/**
 * Resolves the parameters of a new change set: given values, previous values on request, defaults. Errors use
 * CloudFormation's texts.
 */
export function resolveParameters(
  template: Pick<Template, 'Parameters'>,
  given: GivenParameter[],
  previous: Record<string, string> | undefined
): Record<string, string> {
  const declared = template.Parameters
  const unknown = given.map(p => p.ParameterKey ?? '').filter(key => !(key in declared))
  if (unknown.length > 0) throw validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`)
  const values: Record<string, string> = {}
  for (const p of given) {
    const key = p.ParameterKey ?? ''
    if (p.UsePreviousValue === 'true') {
      if (previous === undefined || !(key in previous)) {
        throw validation(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`
        )
      }
      values[key] = previous[key] as string
    } else {
      values[key] = p.ParameterValue ?? ''
    }
  }
  const missing: string[] = []
  for (const [key, def] of Object.entries(declared)) {
    if (key in values) continue
    if (def.Default !== undefined) values[key] = stringOf(def.Default)
    else missing.push(key)
  }
  if (missing.length > 0) throw validation(`Parameters: [${missing.join(', ')}] must have values`)
  for (const [key, def] of Object.entries(declared)) checkConstraints(key, values[key] as string, def)
  return values
}

function stringOf(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value)
}

function checkConstraints(key: string, value: string, def: ParameterDef): void {
  const fail = (what: string): never => {
    throw validation(`Parameter '${key}' ${def.ConstraintDescription ?? what}`)
  }
  const items = isList(def.Type) ? value.split(',') : [value]
  for (const item of items) {
    if (def.AllowedValues !== undefined && !def.AllowedValues.map(String).includes(item))
      fail('must be one of AllowedValues')
    if (def.AllowedPattern !== undefined && !new RegExp(`^(?:${def.AllowedPattern})$`).test(item)) {
      fail(`failed to satisfy constraint: Must match pattern ${def.AllowedPattern}`)
    }
    if (def.Type === 'Number') {
      if (item.trim() === '' || Number.isNaN(Number(item))) fail('must be a number')
      if (def.MinValue !== undefined && Number(item) < Number(def.MinValue))
        fail(`must be a number not less than ${def.MinValue}`)
      if (def.MaxValue !== undefined && Number(item) > Number(def.MaxValue))
        fail(`must be a number not greater than ${def.MaxValue}`)
    }
    if (def.MinLength !== undefined && item.length < Number(def.MinLength))
      fail(`must contain at least ${def.MinLength} characters`)
    if (def.MaxLength !== undefined && item.length > Number(def.MaxLength))
      fail(`must contain at most ${def.MaxLength} characters`)
  }
}

/** Parameter values in the form intrinsics see them: lists split. */
export function typedParameters(
  template: Pick<Template, 'Parameters'>,
  values: Record<string, string>
): Record<string, string | string[]> {
  const typed: Record<string, string | string[]> = {}
  for (const [key, value] of Object.entries(values)) {
    typed[key] = isList(template.Parameters[key]?.Type ?? 'String') ? value.split(',') : value
  }
  return typed
}

export function isNoEcho(template: Template, key: string): boolean {
  return String(template.Parameters[key]?.NoEcho ?? 'false').toLowerCase() === 'true'
}
