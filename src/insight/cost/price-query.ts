/**
 * What a price is asked for: one product of the AWS Price List, found with GetProducts' TERM_MATCH filters in a
 * region (Price List Query API reference, GetProducts and Filter), and the on-demand unit price read from it.
 */

export interface PriceQuery {
  /** The Price List service code: AmazonRDS, AmazonEC2, AmazonECS, AWSELB, AmazonVPC, AmazonSageMaker, … */
  serviceCode: string
  /** TERM_MATCH filters on product attributes, besides the region (`regionCode`), which the source adds. */
  filters: Record<string, string>
  /**
   * Among the products the filters match, the one whose `usagetype` ends with this. Usage types start with a
   * region prefix (USE1-, EUC1-, …) that differs per region, so they cannot be a TERM_MATCH filter themselves.
   */
  usageTypeEndsWith?: string
}

/** An on-demand unit price as the Price List states it. */
export interface UnitPrice {
  usd: number
  /** The price dimension's unit: Hrs, GB-Mo, vCPU-Hours, … */
  unit: string
  /** The product's attributes (vcpu, memory, …), for quantities that depend on the product. */
  attributes: Record<string, string>
}

/** The cache key of a query in a region; also the key of the bundled snapshot. */
export function queryKey(query: PriceQuery): string {
  const filters = Object.entries(query.filters)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
  return [
    query.serviceCode,
    ...filters,
    ...(query.usageTypeEndsWith === undefined ? [] : [`usagetype=*${query.usageTypeEndsWith}`])
  ].join('|')
}

/** The hours of an average month, as AWS's own pricing pages and calculator count them. */
export const HOURS_PER_MONTH = 730
