/**
 * The Price List endpoint region for a stack's region: the API answers in us-east-1, eu-central-1 and ap-south-1
 * (cn-northwest-1 in the China partition), and any of them serves every region's prices (AWS Price List Query
 * API, "Endpoints" in the Billing and Cost Management API reference). The nearest keeps the call short. Apart from
 * the price source so that building the clients does not load it.
 */
export function pricingEndpointRegion(stackRegion: string): string {
  if (stackRegion.startsWith('cn-')) return 'cn-northwest-1'
  if (/^(eu|me|af|il)-/.test(stackRegion)) return 'eu-central-1'
  if (/^ap-/.test(stackRegion)) return 'ap-south-1'
  return 'us-east-1'
}
