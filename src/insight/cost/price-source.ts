import type { PricingClient } from '@aws-sdk/client-pricing'
import { awsErrorName, messageOf } from '../../run/errors.js'
import { getProductsPrice } from './get-products.js'
import { queryKey, type PriceQuery, type UnitPrice } from './price-query.js'
import snapshotFile from './price-snapshot.json' with { type: 'json' }

/**
 * Where prices come from in a run: the AWS Price List Query API (GetProducts, filtered to the stack's region),
 * each query asked once per run; once the API is unreachable or denied, the snapshot bundled with the action for
 * the rest of the run, its date named in the report.
 */

export interface PriceSnapshot {
  /** When the snapshot's prices were read (YYYY-MM-DD). */
  date: string
  /** How it was made (the script and where its answers came from). */
  source: string
  /** Region -> query key -> price. */
  prices: Record<string, Record<string, UnitPrice>>
}

export const BUNDLED_SNAPSHOT: PriceSnapshot = snapshotFile

/** Where the prices of a run came from. */
export type PriceOrigin =
  { kind: 'api' } | { kind: 'snapshot'; date: string; reason: string; detail?: string }

export interface PriceLookup {
  price(query: PriceQuery, region: string): Promise<UnitPrice | undefined>
  origin(): PriceOrigin
}

/** Prices from GetProducts, cached per query; the snapshot once the API fails. */
export class RunPriceSource implements PriceLookup {
  private readonly cache = new Map<string, Promise<UnitPrice | undefined>>()
  private fallback: { reason: string; detail?: string } | undefined

  constructor(
    private readonly client: () => Promise<PricingClient>,
    private readonly snapshot: PriceSnapshot = BUNDLED_SNAPSHOT,
    private readonly signal?: AbortSignal
  ) {}

  origin(): PriceOrigin {
    return this.fallback === undefined
      ? { kind: 'api' }
      : { kind: 'snapshot', date: this.snapshot.date, ...this.fallback }
  }

  price(query: PriceQuery, region: string): Promise<UnitPrice | undefined> {
    const key = `${region}|${queryKey(query)}`
    let known = this.cache.get(key)
    if (known === undefined) {
      known = this.ask(query, region)
      this.cache.set(key, known)
    }
    return known
  }

  private fromSnapshot(query: PriceQuery, region: string): UnitPrice | undefined {
    return this.snapshot.prices[region]?.[queryKey(query)]
  }

  private async ask(query: PriceQuery, region: string): Promise<UnitPrice | undefined> {
    if (this.fallback !== undefined) return this.fromSnapshot(query, region)
    try {
      return await this.fromApi(query, region)
    } catch (err) {
      const name = awsErrorName(err)
      this.fallback ??= /AccessDenied|UnauthorizedOperation|NotAuthorized/.test(name)
        ? { reason: 'pricing:GetProducts was denied' }
        : { reason: 'the Price List API did not answer', detail: messageOf(err).slice(0, 200) }
      return this.fromSnapshot(query, region)
    }
  }

  private async fromApi(query: PriceQuery, region: string): Promise<UnitPrice | undefined> {
    return getProductsPrice(await this.client(), query, region, this.signal)
  }
}

/** Prices from a snapshot alone, with no call (the README's cost table, tests). */
export function snapshotPrices(
  snapshot: PriceSnapshot = BUNDLED_SNAPSHOT,
  reason = 'no API call'
): PriceLookup {
  return {
    price: (query, region) => Promise.resolve(snapshot.prices[region]?.[queryKey(query)]),
    origin: () => ({ kind: 'snapshot', date: snapshot.date, reason })
  }
}
