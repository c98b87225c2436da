import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloudFormationClient, CreateChangeSetCommand } from '@aws-sdk/client-cloudformation'
import {
  DeployError,
  explainAwsError,
  InputError,
  messageOf,
  StackOperationFailed
} from '../../src/run/errors.js'

/**
 * AWS-side mistakes, one line each naming the input or setting to change. The errors are made by the real AWS SDK
 * from CloudFormation's wire format (query protocol, `<ErrorResponse>`), answered by a local server.
 */

let server: Server
let url = ''
let answer = { status: 400, code: '', message: '' }
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'text/xml' })
      res.end(
        `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${answer.code}</Code><Message>${answer.message}</Message></Error><RequestId>5ccc7dcd-744c-11e5-be70-example</RequestId></ErrorResponse>`
      )
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>(resolve => server.close(() => resolve()))
})

async function sdkError(status: number, code: string, message: string): Promise<unknown> {
  answer = { status, code, message }
  const cfn = new CloudFormationClient({
    endpoint: url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' }
  })
  try {
    await cfn.send(new CreateChangeSetCommand({ StackName: 'metaflow-dev', ChangeSetName: 'cs' }))
  } catch (err) {
    return err
  }
  throw new Error('the call succeeded')
}

const hints = {
  capabilities: ['CAPABILITY_IAM'],
  roleArn: 'arn:aws:iam::123456789012:role/cfn-deploy',
  timeoutMs: 90 * 60_000,
  elapsedMs: 61 * 60_000
}

const explained = async (status: number, code: string, message: string): Promise<string> => {
  const err = explainAwsError(await sdkError(status, code, message), hints)
  expect(err).toBeInstanceOf(DeployError)
  const text = messageOf(err)
  expect(text).not.toContain('\n')
  expect(text).toContain(`(AWS: ${message})`)
  return text
}

describe('AWS-side mistakes, explained', () => {
  it('a missing capability: says which, and the capabilities value to set', async () => {
    const text = await explained(
      400,
      'InsufficientCapabilitiesException',
      'Requires capabilities : [CAPABILITY_AUTO_EXPAND]'
    )
    expect(text).toMatch(
      /^CloudFormation needs CAPABILITY_AUTO_EXPAND for this template: set capabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND\./
    )
  })

  it('a service role CloudFormation cannot assume: names role-arn and the trust policy', async () => {
    const text = await explained(
      400,
      'ValidationError',
      'Role arn:aws:iam::123456789012:role/cfn-deploy is invalid or cannot be assumed'
    )
    expect(text).toMatch(
      /^CloudFormation cannot assume role-arn arn:aws:iam::123456789012:role\/cfn-deploy: .*cloudformation\.amazonaws\.com/
    )
  })

  it('iam:PassRole denied: names role-arn and the permission to add', async () => {
    const text = await explained(
      400,
      'ValidationError',
      'User: arn:aws:sts::123456789012:assumed-role/gh-deploy/GitHubActions is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/cfn-deploy'
    )
    expect(text).toMatch(
      /^The workflow's AWS role may not pass role-arn arn:aws:iam::123456789012:role\/cfn-deploy to CloudFormation: allow iam:PassRole/
    )
  })

  it('credentials that expired during a long wait: names role-duration-seconds and the wait', async () => {
    const text = await explained(403, 'ExpiredToken', 'The security token included in the request is expired')
    expect(text).toMatch(
      /^The AWS credentials expired 61 min into the run: .*role-duration-seconds above timeout-minutes \(90 min = 5400 s\)/
    )
  })

  it('AccessDenied: names the call and where to allow it', async () => {
    const text = await explained(
      403,
      'AccessDenied',
      'User: arn:aws:sts::123456789012:assumed-role/gh-deploy/GitHubActions is not authorized to perform: cloudformation:CreateChangeSet on resource: arn:aws:cloudformation:us-east-1:123456789012:stack/metaflow-dev/* because no identity-based policy allows the cloudformation:CreateChangeSet action'
    )
    expect(text).toMatch(
      /^The workflow's AWS role may not call cloudformation:CreateChangeSet on arn:aws:cloudformation:us-east-1:123456789012:stack\/metaflow-dev\/\*: add it to the policy/
    )
  })

  it('leaves other AWS errors, input errors and a failed stack operation as they are', async () => {
    const other = await sdkError(400, 'ValidationError', 'Stack [metaflow-dev] does not exist')
    expect(explainAwsError(other, hints)).toBe(other)
    const input = new InputError('stack-name', 'is required.')
    expect(explainAwsError(input, hints)).toBe(input)
    const failed = new StackOperationFailed(
      'Vpc CREATE_FAILED: User: x is not authorized to perform: ec2:CreateVpc',
      'metaflow-dev',
      'UPDATE_ROLLBACK_COMPLETE',
      [
        {
          logicalId: 'Vpc',
          type: 'AWS::EC2::VPC',
          status: 'CREATE_FAILED',
          reason: 'User: x is not authorized to perform: ec2:CreateVpc'
        }
      ],
      []
    )
    expect(explainAwsError(failed, hints)).toBe(failed)
  })
})
