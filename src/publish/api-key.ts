import type { AwsClients } from '../aws/clients.js'
import { awsErrorName, DeployError, messageOf } from '../run/errors.js'

/**
 * Fetches the value of the API Gateway key (GetApiKey with includeValue) and hands it to `mask` the moment it
 * exists, before it is returned, exported, or logged near. Throttling is retried by the client's strategy.
 */
export async function fetchApiKey(
  clients: AwsClients,
  keyId: string,
  mask: (value: string) => void
): Promise<string> {
  const apiGateway = await clients.apiGateway()
  const { GetApiKeyCommand } = await import('@aws-sdk/client-api-gateway')
  let value: string | undefined
  try {
    const key = await apiGateway.send(new GetApiKeyCommand({ apiKey: keyId, includeValue: true }))
    value = key.value
  } catch (err) {
    const region = await clients.region()
    if (/AccessDenied|Forbidden/i.test(awsErrorName(err))) {
      throw new DeployError(
        `Reading the API key ${keyId} was denied. The role needs apigateway:GET on arn:aws:apigateway:${region}::/apikeys/${keyId}. ${messageOf(err)}`
      )
    }
    if (awsErrorName(err) === 'NotFoundException') {
      throw new DeployError(
        `The stack's ApiKeyId output names API key ${keyId}, but API Gateway in ${region} has no such key.`
      )
    }
    throw err
  }
  if (value === undefined || value === '')
    throw new DeployError(`API Gateway returned no value for API key ${keyId}.`)
  mask(value)
  return value
}
