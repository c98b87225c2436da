import { readFileSync } from 'node:fs'

/**
 * The AWS Price List Query API's GetProducts (JSON 1.1, target `AWSPriceListService.GetProducts`), answered from
 * recorded products (data/pricing-products.json). Shapes as the API reference gives them:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html — request
 * `{ ServiceCode, Filters: [{ Type, Field, Value }], FormatVersion, NextToken, MaxResults }`, answer
 * `{ FormatVersion: 'aws_v1', PriceList: [<JSON string of one product>], NextToken }`, where each product document
 * holds `product.attributes` and `terms.OnDemand.<sku.offer>.priceDimensions.<rate>.pricePerUnit.USD`
 * (Billing and Cost Management user guide, "Reading the price list files"). Filter types:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_Filter.html (TERM_MATCH is
 * an exact match on an attribute; EQUALS, CONTAINS, ANY_OF and NONE_OF were added in 2025).
 */

interface Product {
  product: { productFamily?: string; attributes: Record<string, string>; sku: string }
  serviceCode: string
}

interface Filter {
  Type?: string
  Field?: string
  Value?: string
}

export interface PricingReply {
  status: number
  body: unknown
  errorType?: string
}

const RECORDED = new URL('./data/pricing-products.json', import.meta.url)

export class PricingStore {
  readonly products: Product[]
  /** Test control: every GetProducts answers AccessDeniedException, as for a role without pricing:GetProducts. */
  denied = false

  constructor(products?: Product[]) {
    this.products =
      products ?? (JSON.parse(readFileSync(RECORDED, 'utf8')) as { products: Product[] }).products
  }
}

/** An attribute as a filter sees it: the product's attributes, with productFamily and sku beside them. */
function attribute(product: Product, field: string): string | undefined {
  if (field === 'productFamily') return product.product.productFamily
  if (field === 'sku') return product.product.sku
  return product.product.attributes[field]
}

function matches(product: Product, filter: Filter): boolean {
  const value = attribute(product, filter.Field ?? '')
  const wanted = filter.Value ?? ''
  switch (filter.Type ?? 'TERM_MATCH') {
    case 'TERM_MATCH':
    case 'EQUALS':
      return value === wanted
    case 'CONTAINS':
      return value?.includes(wanted) ?? false
    case 'ANY_OF':
      return wanted.split(',').includes(value ?? '\u0000')
    case 'NONE_OF':
      return !wanted.split(',').includes(value ?? '\u0000')
    default:
      return false
  }
}

const error = (status: number, type: string, message: string): PricingReply => ({
  status,
  errorType: type,
  body: { __type: type, message }
})

export function handlePricing(store: PricingStore, target: string, raw: string): PricingReply {
  const operation = target.replace(/^AWSPriceListService\./, '')
  if (operation !== 'GetProducts')
    return error(400, 'UnknownOperationException', `Unknown operation ${operation}`)
  if (store.denied)
    return error(
      400,
      'AccessDeniedException',
      'User: arn:aws:sts::123456789012:assumed-role/metaflow-preview/runner is not authorized to perform: pricing:GetProducts'
    )
  let request: {
    ServiceCode?: string
    Filters?: Filter[]
    FormatVersion?: string
    NextToken?: string
    MaxResults?: number
  }
  try {
    request = JSON.parse(raw === '' ? '{}' : raw) as typeof request
  } catch {
    return error(400, 'SerializationException', 'Request body is not JSON')
  }
  if (request.ServiceCode === undefined || request.ServiceCode === '')
    return error(400, 'InvalidParameterException', 'ServiceCode is required')
  if (request.FormatVersion !== undefined && request.FormatVersion !== 'aws_v1')
    return error(400, 'InvalidParameterException', `Unsupported FormatVersion ${request.FormatVersion}`)
  // MaxResults: 1 to 100 (API reference); NextToken is opaque, here an offset.
  const max = Math.min(Math.max(request.MaxResults ?? 100, 1), 100)
  const found = store.products.filter(
    p => p.serviceCode === request.ServiceCode && (request.Filters ?? []).every(f => matches(p, f))
  )
  const start = Number(request.NextToken ?? '0') || 0
  const page = found.slice(start, start + max)
  const next = start + max < found.length ? String(start + max) : undefined
  return {
    status: 200,
    body: {
      FormatVersion: 'aws_v1',
      PriceList: page.map(p => JSON.stringify(p)),
      ...(next === undefined ? {} : { NextToken: next })
    }
  }
}
