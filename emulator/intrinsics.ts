/**
 * Evaluates CloudFormation's intrinsic functions and conditions over plain template data. Resource references go
 * through callbacks, so the same code resolves real values (outputs after a deploy) and symbolic ones (the
 * change-set diff, where a reference to an unchanged resource must compare equal).
 */

/** Marks a property removed by `Ref: AWS::NoValue`. */
export const NO_VALUE = Symbol('AWS::NoValue')

export interface Pseudo {
  region: string
  accountId: string
  stackName: string
  stackId: string
  partition: string
  urlSuffix: string
}

export interface ResolveContext {
  /** Parameter values; CommaDelimitedList and List<…> parameters are arrays. */
  params: Record<string, string | string[]>
  conditions: Record<string, boolean>
  mappings: Record<string, unknown>
  pseudo: Pseudo
  /** The value of `Ref` to a resource. */
  ref(logicalId: string): string
  /** The value of `Fn::GetAtt`. */
  getAtt(logicalId: string, attribute: string): string
}

export class IntrinsicError extends Error {}

type Json = unknown

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function pseudoValue(name: string, ctx: ResolveContext): string | typeof NO_VALUE | string[] | undefined {
  const p = ctx.pseudo
  switch (name) {
    case 'AWS::Region':
      return p.region
    case 'AWS::AccountId':
      return p.accountId
    case 'AWS::StackName':
      return p.stackName
    case 'AWS::StackId':
      return p.stackId
    case 'AWS::Partition':
      return p.partition
    case 'AWS::URLSuffix':
      return p.urlSuffix
    case 'AWS::NoValue':
      return NO_VALUE
    case 'AWS::NotificationARNs':
      return []
    default:
      return undefined
  }
}

export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map(suffix => `${region}${suffix}`)
}

export function resolve(value: Json, ctx: ResolveContext): Json {
  if (Array.isArray(value)) {
    return value.map(item => resolve(item, ctx)).filter(item => item !== NO_VALUE)
  }
  if (!isRecord(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1) {
    const key = keys[0] as string
    const arg = value[key]
    if (key === 'Ref') return resolveRef(String(arg), ctx)
    if (key.startsWith('Fn::')) return resolveFunction(key, arg, ctx)
    if (key === 'Condition' && typeof arg === 'string' && arg in ctx.conditions) return ctx.conditions[arg]
  }
  const result: Record<string, Json> = {}
  for (const [k, v] of Object.entries(value)) {
    const resolved = resolve(v, ctx)
    if (resolved !== NO_VALUE) result[k] = resolved
  }
  return result
}

function resolveRef(name: string, ctx: ResolveContext): Json {
  const pseudo = pseudoValue(name, ctx)
  if (pseudo !== undefined) return pseudo
  if (name in ctx.params) return ctx.params[name]
  return ctx.ref(name)
}

function asString(value: Json, fn: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new IntrinsicError(`Template error: ${fn} expects a string, got ${JSON.stringify(value)}`)
}

function asList(value: Json, fn: string): Json[] {
  if (Array.isArray(value)) return value
  throw new IntrinsicError(`Template error: ${fn} expects a list, got ${JSON.stringify(value)}`)
}

function resolveFunction(fn: string, arg: Json, ctx: ResolveContext): Json {
  switch (fn) {
    case 'Fn::GetAtt': {
      const parts =
        typeof arg === 'string'
          ? arg.split(/\.(.*)/s).filter(Boolean)
          : asList(arg, fn).map(a => asString(resolve(a, ctx), fn))
      const [logicalId, attribute] = parts as [string, string]
      return ctx.getAtt(logicalId, attribute)
    }
    case 'Fn::Sub':
      return resolveSub(arg, ctx)
    case 'Fn::Join': {
      const [delimiter, items] = asList(arg, fn)
      const resolved = resolve(items, ctx)
      return asList(resolved, fn)
        .map(item => asString(item, fn))
        .join(asString(delimiter, fn))
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = asList(arg, fn)
      const name = asString(condition, fn)
      if (!(name in ctx.conditions))
        throw new IntrinsicError(`Template error: unresolved condition dependency ${name} in Fn::If`)
      return resolve(ctx.conditions[name] ? whenTrue : whenFalse, ctx)
    }
    case 'Fn::Select': {
      const [index, items] = asList(arg, fn)
      const array = asList(resolve(items, ctx), fn)
      const i = Number(resolve(index, ctx))
      if (!Number.isInteger(i) || i < 0 || i >= array.length) {
        throw new IntrinsicError(`Template error: Fn::Select cannot select nonexistent value at index ${i}`)
      }
      return array[i]
    }
    case 'Fn::Split': {
      const [delimiter, source] = asList(arg, fn)
      return asString(resolve(source, ctx), fn).split(asString(delimiter, fn))
    }
    case 'Fn::GetAZs': {
      // "Specifying an empty string is equivalent to specifying AWS::Region" (Fn::GetAZs reference); a bare
      // `!GetAZs` or a JSON null reads the same way.
      const given = arg === null || arg === undefined ? '' : resolve(arg, ctx)
      const region = asString(given === null ? '' : given, fn)
      return availabilityZones(region === '' ? ctx.pseudo.region : region)
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = asList(arg, fn).map(a => asString(resolve(a, ctx), fn))
      const found = (ctx.mappings[map as string] as Record<string, Record<string, Json>> | undefined)?.[
        top as string
      ]?.[second as string]
      if (found === undefined)
        throw new IntrinsicError(`Template error: Unable to get mapping for ${map}::${top}::${second}`)
      return found
    }
    case 'Fn::Base64':
      return Buffer.from(asString(resolve(arg, ctx), fn)).toString('base64')
    case 'Fn::Cidr': {
      const [block, count] = asList(arg, fn).map(a => resolve(a, ctx))
      const base = asString(block, fn).split('/')[0]?.split('.') ?? []
      return Array.from({ length: Number(count) }, (_, i) => `${base[0]}.${base[1]}.${i}.0/24`)
    }
    case 'Fn::ImportValue':
      return `imported:${asString(resolve(arg, ctx), fn)}`
    case 'Fn::ToJsonString':
      return JSON.stringify(resolve(arg, ctx))
    case 'Fn::Length':
      return asList(resolve(arg, ctx), fn).length
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      return evaluateCondition({ [fn]: arg }, ctx)
    default:
      throw new IntrinsicError(`Template error: unsupported function ${fn}`)
  }
}

function resolveSub(arg: Json, ctx: ResolveContext): string {
  let template: string
  let vars: Record<string, Json> = {}
  if (Array.isArray(arg)) {
    template = asString(arg[0], 'Fn::Sub')
    vars = isRecord(arg[1]) ? arg[1] : {}
  } else {
    template = asString(arg, 'Fn::Sub')
  }
  return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`
    if (name in vars) return asString(resolve(vars[name], ctx), 'Fn::Sub')
    if (name.includes('.') && !name.startsWith('AWS::')) {
      const dot = name.indexOf('.')
      return ctx.getAtt(name.slice(0, dot), name.slice(dot + 1))
    }
    const value = resolveRef(name, ctx)
    if (value === NO_VALUE) return ''
    return Array.isArray(value) ? value.join(',') : asString(value, 'Fn::Sub')
  })
}

export function evaluateCondition(expr: Json, ctx: ResolveContext): boolean {
  if (typeof expr === 'boolean') return expr
  if (!isRecord(expr)) throw new IntrinsicError(`Template error: invalid condition ${JSON.stringify(expr)}`)
  const [key] = Object.keys(expr)
  const arg = expr[key as string]
  switch (key) {
    case 'Fn::Equals': {
      const [a, b] = asList(arg, key).map(item => resolve(item, ctx))
      return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b))
    }
    case 'Fn::And':
      return asList(arg, key).every(item => evaluateCondition(item, ctx))
    case 'Fn::Or':
      return asList(arg, key).some(item => evaluateCondition(item, ctx))
    case 'Fn::Not':
      return !evaluateCondition(asList(arg, key)[0], ctx)
    case 'Condition': {
      const name = asString(arg, key)
      if (!(name in ctx.conditions)) throw new IntrinsicError(`Template error: unresolved condition ${name}`)
      return ctx.conditions[name] as boolean
    }
    default:
      throw new IntrinsicError(`Template error: invalid condition function ${key}`)
  }
}

function normalise(value: Json): Json {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value
}

/** Evaluates the Conditions section in dependency order (a condition may name another). */
export function evaluateConditions(
  conditions: Record<string, Json>,
  ctx: Omit<ResolveContext, 'conditions'>
): Record<string, boolean> {
  const result: Record<string, boolean> = {}
  const visiting = new Set<string>()
  const full: ResolveContext = { ...ctx, conditions: result }
  const visit = (name: string): boolean => {
    if (name in result) return result[name] as boolean
    if (!(name in conditions))
      throw new IntrinsicError(`Template error: unresolved condition dependency ${name}`)
    if (visiting.has(name)) throw new IntrinsicError(`Template error: circular condition ${name}`)
    visiting.add(name)
    for (const dep of conditionDependencies(conditions[name])) visit(dep)
    result[name] = evaluateCondition(conditions[name], full)
    return result[name]
  }
  Object.keys(conditions).forEach(visit)
  return result
}

function conditionDependencies(expr: Json): string[] {
  if (Array.isArray(expr)) return expr.flatMap(conditionDependencies)
  if (!isRecord(expr)) return []
  if ('Condition' in expr && typeof expr.Condition === 'string') return [expr.Condition]
  return Object.values(expr).flatMap(conditionDependencies)
}

/** Every resource a value refers to through Ref, GetAtt or Sub (for ordering and dependency analysis). */
export function references(value: Json, resourceIds: Set<string>): Set<string> {
  const found = new Set<string>()
  const walk = (v: Json): void => {
    if (Array.isArray(v)) return v.forEach(walk)
    if (typeof v === 'string') return
    if (!isRecord(v)) return
    for (const [k, arg] of Object.entries(v)) {
      if (k === 'Ref' && typeof arg === 'string' && resourceIds.has(arg)) found.add(arg)
      else if (k === 'Fn::GetAtt') {
        const id: unknown =
          typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined
        if (typeof id === 'string' && resourceIds.has(id)) found.add(id)
      } else if (k === 'Fn::Sub') {
        const text: unknown = Array.isArray(arg) ? arg[0] : arg
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^!}][^}.]*)(\.[^}]*)?\}/g)) {
            if (resourceIds.has(m[1] as string)) found.add(m[1] as string)
          }
        }
        if (Array.isArray(arg)) walk(arg[1])
      } else walk(arg)
    }
  }
  walk(value)
  return found
}
