/**
 * The resources a template declares for a set of parameter values, resolved only as far as pricing needs: which
 * resources exist (Conditions), and property values that come from parameters (Ref, Fn::If, Fn::Select, AWS::NoValue).
 * A reference to another resource stays a `{ ref: logicalId }` marker, so a service can find its task definition.
 * Hand-written because the emulator's full resolver must not be imported by the action (and pricing needs a
 * tenth of it); anything it cannot resolve becomes `undefined`, which the price mappings report as unpriceable.
 */

export interface TemplateResource {
  logicalId: string
  type: string
  properties: Record<string, unknown>
}

/** A reference to another resource of the stack, kept symbolic. */
export interface ResourceRef {
  ref: string
}

export const isResourceRef = (value: unknown): value is ResourceRef =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && 'ref' in value

type Json = Record<string, unknown>
const NO_VALUE = Symbol('AWS::NoValue')

/** A scalar as CloudFormation compares it (as text); anything else cannot be compared here. */
const scalar = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined

/** Parameter values as CloudFormation sees them: defaults, overridden by the given values; lists split. */
function parameterValues(template: Json, given: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(asObject(template.Parameters) ?? {})) {
    const def = asObject(raw) ?? {}
    const value = given[key] ?? (def.Default === undefined ? undefined : scalar(def.Default))
    if (value === undefined) continue
    const type = typeof def.Type === 'string' ? def.Type : 'String'
    values[key] =
      type === 'CommaDelimitedList' || type.startsWith('List<') ? value.split(',').map(v => v.trim()) : value
  }
  return values
}

class Resolver {
  private readonly conditions = new Map<string, boolean | undefined>()

  constructor(
    private readonly template: Json,
    private readonly params: Record<string, unknown>,
    private readonly resourceIds: Set<string>
  ) {}

  condition(name: string): boolean | undefined {
    if (!this.conditions.has(name)) {
      this.conditions.set(name, undefined)
      this.conditions.set(name, this.truth(asObject(this.template.Conditions)?.[name]))
    }
    return this.conditions.get(name)
  }

  private truth(expr: unknown): boolean | undefined {
    const fn = asObject(expr)
    if (fn === undefined) return undefined
    const [name, arg] = Object.entries(fn)[0] ?? []
    const args = Array.isArray(arg) ? arg : []
    switch (name) {
      case 'Fn::Equals': {
        const [a, b] = args.map(v => this.value(v))
        const [x, y] = [scalar(a), scalar(b)]
        return x === undefined || y === undefined ? undefined : x === y
      }
      case 'Fn::Not': {
        const inner = this.truth(args[0])
        return inner === undefined ? undefined : !inner
      }
      case 'Fn::And': {
        const all = args.map(v => this.truth(v))
        return all.includes(false) ? false : all.includes(undefined) ? undefined : true
      }
      case 'Fn::Or': {
        const all = args.map(v => this.truth(v))
        return all.includes(true) ? true : all.includes(undefined) ? undefined : false
      }
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : undefined
      default:
        return undefined
    }
  }

  value(expr: unknown): unknown {
    if (Array.isArray(expr)) return expr.map(v => this.value(v)).filter(v => v !== NO_VALUE)
    const fn = asObject(expr)
    if (fn === undefined) return expr
    const keys = Object.keys(fn)
    const [name, arg] = keys.length === 1 ? [keys[0] as string, fn[keys[0] as string]] : ['', undefined]
    if (name === 'Ref' && typeof arg === 'string') {
      if (arg === 'AWS::NoValue') return NO_VALUE
      if (arg in this.params) return this.params[arg]
      if (this.resourceIds.has(arg)) return { ref: arg } satisfies ResourceRef
      return undefined
    }
    if (name === 'Fn::If' && Array.isArray(arg)) {
      const truth = typeof arg[0] === 'string' ? this.condition(arg[0]) : undefined
      return truth === undefined ? undefined : this.value(truth ? arg[1] : arg[2])
    }
    if (name === 'Fn::Select' && Array.isArray(arg)) {
      const list = this.value(arg[1])
      return Array.isArray(list) ? list[Number(this.value(arg[0]))] : undefined
    }
    if (name.startsWith('Fn::') || name === 'Condition') return undefined
    const out: Json = {}
    for (const [key, value] of Object.entries(fn)) {
      const resolved = this.value(value)
      if (resolved !== NO_VALUE) out[key] = resolved
    }
    return out
  }
}

/** The resources that exist for these parameter values, with their properties resolved for pricing. */
export function resolveResources(template: unknown, given: Record<string, string>): TemplateResource[] {
  const doc = asObject(template) ?? {}
  const resources = asObject(doc.Resources) ?? {}
  const resolver = new Resolver(doc, parameterValues(doc, given), new Set(Object.keys(resources)))
  const out: TemplateResource[] = []
  for (const [logicalId, raw] of Object.entries(resources)) {
    const def = asObject(raw) ?? {}
    if (typeof def.Condition === 'string' && resolver.condition(def.Condition) !== true) continue
    const properties = asObject(resolver.value(def.Properties ?? {})) ?? {}
    out.push({ logicalId, type: typeof def.Type === 'string' ? def.Type : '', properties })
  }
  return out
}
