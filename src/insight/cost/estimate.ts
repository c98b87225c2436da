import { monthlyCost, pricingOf, type Pricing } from './mappings.js'
import type { PriceLookup, PriceOrigin } from './price-source.js'
import { neighboursOn, type SideResource, type StackSides } from './sides.js'

/**
 * The priced change: each side of the stack priced resource by resource, totals before and after, and one line
 * per resource whose cost or shape changes. Usage-priced parts and what cannot be priced are listed, never guessed.
 */

export interface PricedResource {
  logicalId: string
  type: string
  /** Monthly USD of the parts that could be priced. */
  usd: number
  shape: string
}

export interface CostLine {
  logicalId: string
  type: string
  before: PricedResource | undefined
  after: PricedResource | undefined
  /** after - before, in USD a month. */
  delta: number
}

export interface Unpriced {
  logicalId: string
  type: string
  what: string
}

export interface CostEstimate {
  region: string
  before: number
  after: number
  delta: number
  lines: CostLine[]
  /** Usage-priced parts by resource type, for the resources the stack has after the change. */
  usage: { type: string; parts: string[] }[]
  unpriced: Unpriced[]
  origin: PriceOrigin
}

interface PricedSide {
  total: number
  resources: Map<string, PricedResource>
  usage: Map<string, Set<string>>
  unpriced: Unpriced[]
}

async function priceSide(
  side: readonly SideResource[],
  region: string,
  prices: PriceLookup
): Promise<PricedSide> {
  const neighbours = neighboursOn(side)
  const out: PricedSide = { total: 0, resources: new Map(), usage: new Map(), unpriced: [] }
  const noteUsage = (type: string, parts: string[]): void => {
    const known = out.usage.get(type) ?? new Set<string>()
    for (const part of parts) known.add(part)
    if (known.size > 0) out.usage.set(type, known)
  }
  await Promise.all(
    side.map(async resource => {
      const pricing: Pricing = pricingOf(resource, neighbours)
      const { logicalId, type } = resource
      if (pricing.kind === 'unknown') out.unpriced.push({ logicalId, type, what: 'resource type not priced' })
      if (pricing.kind === 'usage') noteUsage(type, pricing.usage)
      if (pricing.kind !== 'priced') return
      const { shape, parts, usage, unpriced } = pricing.pricing
      noteUsage(type, usage)
      for (const what of unpriced) out.unpriced.push({ logicalId, type, what })
      let usd = 0
      for (const part of parts) {
        const price = await prices.price(part.query, region)
        const cost = price === undefined ? undefined : monthlyCost(part, price)
        if (cost === undefined)
          out.unpriced.push({ logicalId, type, what: `${part.label}: no price found for ${region}` })
        else usd += cost
      }
      out.resources.set(logicalId, { logicalId, type, usd, shape })
    })
  )
  for (const r of out.resources.values()) out.total += r.usd
  return out
}

const round2 = (n: number): number => Math.round(n * 100) / 100

/** Prices both sides of a change in a region. */
export async function estimateCost(
  sides: StackSides,
  region: string,
  prices: PriceLookup
): Promise<CostEstimate> {
  const [before, after] = await Promise.all([
    priceSide(sides.before, region, prices),
    priceSide(sides.after, region, prices)
  ])
  const ids = [...new Set([...before.resources.keys(), ...after.resources.keys()])]
  const lines: CostLine[] = []
  for (const id of ids) {
    const b = before.resources.get(id)
    const a = after.resources.get(id)
    const delta = (a?.usd ?? 0) - (b?.usd ?? 0)
    if (round2(delta) === 0 && b?.shape === a?.shape) continue
    lines.push({ logicalId: id, type: (a ?? b)?.type ?? '', before: b, after: a, delta })
  }
  lines.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.logicalId.localeCompare(y.logicalId))
  const usageSide = sides.after.length > 0 ? after : before
  const unpriced = [
    ...after.unpriced,
    ...before.unpriced.filter(
      u => !after.unpriced.some(a => a.logicalId === u.logicalId && a.what === u.what)
    )
  ]
  return {
    region,
    before: before.total,
    after: after.total,
    delta: after.total - before.total,
    lines,
    usage: [...usageSide.usage.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, parts]) => ({ type, parts: [...parts] })),
    unpriced: unpriced.sort((x, y) => x.logicalId.localeCompare(y.logicalId) || x.what.localeCompare(y.what)),
    origin: prices.origin()
  }
}

/** A USD amount with two decimals, as the outputs carry it. */
export const dollars = (usd: number): string => (Math.round(usd * 100) / 100).toFixed(2)
