import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import type { S3Client } from '@aws-sdk/client-s3'
import { DEFAULT_RETRY_POLICY, PatientRetryStrategy, type RetryPolicy } from './retry.js'

/**
 * The AWS clients the action uses. CloudFormation is built at once; API Gateway and S3 only when a run needs them
 * (most runs need neither), which keeps start-up fast.
 */
export interface AwsClients {
  cloudformation: CloudFormationClient
  apiGateway(): Promise<APIGatewayClient>
  s3(): Promise<S3Client>
  /** The region the clients talk to. */
  region(): Promise<string>
}

export interface ClientOptions {
  retry?: RetryPolicy
  /** Scales retry backoff (a test knob; 1 in production). */
  timeScale?: number
}

/** An endpoint override for S3 (an emulator or a VPC endpoint), as the SDK itself reads it. */
export function customS3Endpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL
  return value === undefined || value === '' ? undefined : value.replace(/\/+$/, '')
}

const USER_AGENT: [string, string] = ['metaflow-deploy', '1']

/**
 * The one place that builds AWS clients. Region, credentials and endpoints come from the SDK's own chain
 * (AWS_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, …), exactly as aws-actions/configure-aws-credentials
 * leaves them.
 */
export function createClients(options: ClientOptions = {}): AwsClients {
  const common = {
    retryStrategy: new PatientRetryStrategy(options.retry ?? DEFAULT_RETRY_POLICY, options.timeScale ?? 1),
    customUserAgent: [USER_AGENT]
  }
  const cloudformation = new CloudFormationClient(common)
  let apiGateway: Promise<APIGatewayClient> | undefined
  let s3: Promise<S3Client> | undefined
  return {
    cloudformation,
    apiGateway: () =>
      (apiGateway ??= import('@aws-sdk/client-api-gateway').then(m => new m.APIGatewayClient(common))),
    s3: () =>
      (s3 ??= import('@aws-sdk/client-s3').then(
        // Templates go up as a Buffer with checksums only where required: no aws-chunked framing.
        m =>
          new m.S3Client({
            ...common,
            requestChecksumCalculation: 'WHEN_REQUIRED',
            forcePathStyle: customS3Endpoint() !== undefined
          })
      )),
    region: async () => cloudformation.config.region()
  }
}
