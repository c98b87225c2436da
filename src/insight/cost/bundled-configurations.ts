import { neighboursOn } from './sides.js'
import { pricingOf } from './mappings.js'
import { queryKey, type PriceQuery } from './price-query.js'
import { resolveResources } from './resolve-template.js'

/**
 * The price queries a template can need: for its default parameters, each given parameter set, and every allowed
 * value of each parameter one at a time. The snapshot script asks the Price List API for exactly these, so the
 * bundled snapshot covers what the bundled template can deploy.
 */
export function queriesOf(template: unknown, parameterSets: Record<string, string>[]): PriceQuery[] {
  const doc = (template ?? {}) as {
    Parameters?: Record<string, { AllowedValues?: unknown[]; MinValue?: unknown; MaxValue?: unknown }>
  }
  const sets: Record<string, string>[] = [{}, ...parameterSets]
  // Features behind a switch need their companions (the UI needs a certificate and a domain).
  const on = {
    EnableUI: 'true',
    UICertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0',
    UIDomainName: 'x.example.com'
  }
  for (const base of [{}, ...parameterSets]) {
    for (const [key, def] of Object.entries(doc.Parameters ?? {})) {
      // Every allowed value; for a number, its bounds (a minimum of vCPUs kept running is priced by its size).
      const values = def.AllowedValues ?? [def.MinValue, def.MaxValue].filter(v => v !== undefined)
      for (const value of values)
        sets.push({ ...on, ...base, [key]: typeof value === 'string' ? value : JSON.stringify(value) })
    }
  }
  const queries = new Map<string, PriceQuery>()
  for (const given of sets) {
    const resources = resolveResources(template, given)
    const neighbours = neighboursOn(resources)
    for (const resource of resources) {
      const pricing = pricingOf(resource, neighbours)
      if (pricing.kind !== 'priced') continue
      for (const part of pricing.pricing.parts) queries.set(queryKey(part.query), part.query)
    }
  }
  return [...queries.values()].sort((a, b) => queryKey(a).localeCompare(queryKey(b)))
}
