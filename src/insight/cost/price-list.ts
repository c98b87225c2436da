import type { UnitPrice } from './price-query.js'

/**
 * Reads one product of GetProducts' `PriceList`: each entry is a JSON document (a string) holding the product's
 * attributes and its terms; the on-demand price is under terms.OnDemand.<offer>.priceDimensions.<rate>.pricePerUnit
 * (Price List Query API reference, GetProducts; AWS Price List user guide, "Reading the price list file"). Shared
 * by the action and the snapshot script, so both read a product the same way.
 */

interface PriceDimension {
  unit?: string
  beginRange?: string
  pricePerUnit?: Record<string, string>
}

interface PriceListProduct {
  product?: { attributes?: Record<string, string> }
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> }
}

/** The product's on-demand USD price (the first tier), or undefined when it has none. */
export function onDemandPrice(entry: unknown): UnitPrice | undefined {
  let doc: PriceListProduct
  // The SDK hands each entry over as a String object (its automatic JSON-string conversion), not a primitive.
  const text = entry instanceof String ? entry.valueOf() : entry
  try {
    doc = (typeof text === 'string' ? JSON.parse(text) : text) as PriceListProduct
  } catch {
    return undefined
  }
  const attributes = doc.product?.attributes ?? {}
  for (const term of Object.values(doc.terms?.OnDemand ?? {})) {
    const dimensions = Object.values(term.priceDimensions ?? {})
    const first = dimensions.find(d => (d.beginRange ?? '0') === '0') ?? dimensions[0]
    const usd = Number(first?.pricePerUnit?.USD)
    if (first !== undefined && Number.isFinite(usd)) return { usd, unit: first.unit ?? '', attributes }
  }
  return undefined
}

/** The first product the price list offers whose usage type ends as asked (any, without a suffix) and is priced. */
export function pickPrice(
  entries: readonly unknown[],
  usageTypeEndsWith: string | undefined
): UnitPrice | undefined {
  for (const entry of entries) {
    const price = onDemandPrice(entry)
    if (price === undefined || price.usd <= 0) continue
    if (usageTypeEndsWith !== undefined && !(price.attributes.usagetype ?? '').endsWith(usageTypeEndsWith))
      continue
    return price
  }
  return undefined
}
