/**
 * Writes src/insight/cost/price-snapshot.json, the prices the action falls back to when the Price List API is
 * unreachable or denied. It asks GetProducts (the same queries and the same product reading as the action) for
 * every price the bundled template can need, in each region given.
 *
 *   npx tsx scripts/price-snapshot.ts [--regions us-east-1,eu-west-1,…] [--emulator]
 *
 * Needs AWS credentials allowed pricing:GetProducts. `--emulator` asks the repository's emulator instead (its
 * recorded answers), which is how the committed snapshot was made on a machine without internet access.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PricingClient } from '@aws-sdk/client-pricing'
import { parse } from 'yaml'
import { startEmulator } from '../emulator/server.js'
import { queriesOf } from '../src/insight/cost/bundled-configurations.js'
import { getProductsPrice } from '../src/insight/cost/get-products.js'
import { queryKey, type UnitPrice } from '../src/insight/cost/price-query.js'
import type { PriceSnapshot } from '../src/insight/cost/price-source.js'
import { pricingEndpointRegion } from '../src/insight/cost/pricing-region.js'
import { parseTemplateBody } from '../src/template/cfn-yaml.js'

const ROOT = join(import.meta.dirname, '..')
const OUT = join(ROOT, 'src', 'insight', 'cost', 'price-snapshot.json')
const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1'
]

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

async function main(): Promise<void> {
  const useEmulator = process.argv.includes('--emulator')
  const regions = (argument('--regions') ?? DEFAULT_REGIONS.join(',')).split(',').filter(Boolean)
  const template = parseTemplateBody(readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8'))
  const paramsDir = join(ROOT, 'templates', 'params')
  const sets = readdirSync(paramsDir)
    .filter(f => f.endsWith('.yml'))
    .map(f =>
      Object.fromEntries(
        Object.entries(parse(readFileSync(join(paramsDir, f), 'utf8')) as object).map(([k, v]) => [
          k,
          String(v)
        ])
      )
    )
  const queries = queriesOf(template, sets)
  const emulator = useEmulator ? await startEmulator() : undefined
  const prices: PriceSnapshot['prices'] = {}
  try {
    for (const region of regions) {
      const client = new PricingClient({
        region: pricingEndpointRegion(region),
        ...(emulator === undefined
          ? {}
          : {
              endpoint: emulator.url,
              credentials: { accessKeyId: 'AKIAEMULATOR', secretAccessKey: 'emulator' }
            })
      })
      const found: Record<string, UnitPrice> = {}
      for (const query of queries) {
        const price = await getProductsPrice(client, query, region)
        if (price === undefined) continue
        // Only what the action reads: the price, its unit, and the attributes quantities depend on.
        const attributes: Record<string, string> = {}
        for (const key of ['vcpu', 'usagetype'])
          if (price.attributes[key] !== undefined) attributes[key] = price.attributes[key]
        found[queryKey(query)] = { usd: price.usd, unit: price.unit, attributes }
      }
      if (Object.keys(found).length > 0) prices[region] = found
      process.stderr.write(`${region}: ${Object.keys(found).length} of ${queries.length} prices\n`)
    }
  } finally {
    await emulator?.close()
  }
  const snapshot: PriceSnapshot = {
    date: new Date().toISOString().slice(0, 10),
    source: useEmulator
      ? "scripts/price-snapshot.ts --emulator: the emulator's recorded GetProducts answers (emulator/data/pricing-products.json)"
      : 'scripts/price-snapshot.ts: AWS Price List Query API (GetProducts)',
    prices
  }
  writeFileSync(OUT, `${JSON.stringify(snapshot, null, 1)}\n`)
}

await main()
