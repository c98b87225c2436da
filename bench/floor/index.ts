// The least any action using the AWS SDK's CloudFormation client can do before its first request: load the
// client and send one call. The benchmark builds this with ncc, like dist/, to measure the start-up floor.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'

await new CloudFormationClient({})
  .send(new DescribeStacksCommand({ StackName: 'floor' }))
  .catch(() => undefined)
