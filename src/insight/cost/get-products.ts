import type { PricingClient } from '@aws-sdk/client-pricing'
import { pickPrice } from './price-list.js'
import type { PriceQuery, UnitPrice } from './price-query.js'

/**
 * One price from GetProducts: the query's TERM_MATCH filters and the region (`regionCode`), page by page until a
 * product matches (Price List Query API reference, GetProducts). Shared by the action and the snapshot script.
 */
export async function getProductsPrice(
  client: PricingClient,
  query: PriceQuery,
  region: string,
  signal?: AbortSignal
): Promise<UnitPrice | undefined> {
  const { GetProductsCommand } = await import('@aws-sdk/client-pricing')
  const Filters = Object.entries({ ...query.filters, regionCode: region }).map(([Field, Value]) => ({
    Type: 'TERM_MATCH' as const,
    Field,
    Value
  }))
  let NextToken: string | undefined
  for (let page = 0; page < PAGE_LIMIT; page++) {
    const answer = await client.send(
      new GetProductsCommand({
        ServiceCode: query.serviceCode,
        Filters,
        FormatVersion: 'aws_v1',
        MaxResults: 100,
        ...(NextToken === undefined ? {} : { NextToken })
      }),
      signal === undefined ? {} : { abortSignal: signal }
    )
    const found = pickPrice((answer.PriceList ?? []) as unknown[], query.usageTypeEndsWith)
    if (found !== undefined) return found
    NextToken = answer.NextToken
    if (NextToken === undefined || NextToken === '') return undefined
  }
  return undefined
}

/** Pages read at most per query: the filters name one product, so more pages mean the filters are too loose. */
const PAGE_LIMIT = 5
