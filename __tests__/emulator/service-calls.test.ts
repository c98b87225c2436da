import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { ECSClient, DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { CreateDBSnapshotCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { PatientRetryStrategy } from '../../src/aws/retry.js'
import {
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand
} from '@aws-sdk/client-cloudformation'
import { errorOf, eventually, sdkClients } from '../support/aws.js'

/** The emulator's Lambda, ECS and RDS answers, read by the real SDK clients, on a small stack of their types. */

const TEMPLATE = `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: svc-fn
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: |
          def handler(event, context):
              if event.get("fail"):
                  raise ValueError("asked to fail")
              return {"ok": True}
  Cluster: {Type: AWS::ECS::Cluster}
  Service:
    Type: AWS::ECS::Service
    Properties: {Cluster: !Ref Cluster, TaskDefinition: td}
  Db:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t4g.micro}
`

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
  const { cfn } = sdkClients(emulator)
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: 'svc',
      ChangeSetName: 'create',
      ChangeSetType: 'CREATE',
      TemplateBody: TEMPLATE
    })
  )
  await eventually(async () => {
    const set = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }))
    return set.Status === 'CREATE_COMPLETE' ? set : undefined
  })
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }))
  await eventually(() =>
    Promise.resolve(emulator.cloudformation.findStack('svc')?.status === 'CREATE_COMPLETE' ? true : undefined)
  )
})
afterEach(async () => {
  await emulator.close()
})

function config() {
  return {
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEMULATOR', secretAccessKey: 'emulator-secret' },
    retryStrategy: new PatientRetryStrategy(undefined, 0.001)
  }
}

describe('Lambda Invoke', () => {
  it('runs the inline handler and answers its return value, or FunctionError Unhandled with its error', async () => {
    const lambda = new LambdaClient(config())
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'svc-fn', Payload: Buffer.from('{}') }))
    expect(JSON.parse(Buffer.from(ok.Payload ?? []).toString())).toEqual({ ok: true })
    expect(ok.FunctionError).toBeUndefined()
    const failed = await lambda.send(
      new InvokeCommand({ FunctionName: 'svc-fn', Payload: Buffer.from('{"fail": true}') })
    )
    expect(failed.FunctionError).toBe('Unhandled')
    expect(JSON.parse(Buffer.from(failed.Payload ?? []).toString())).toMatchObject({
      errorMessage: 'asked to fail',
      errorType: 'ValueError'
    })
  }, 30_000)

  it('answers ResourceNotFoundException for an unknown function', async () => {
    const error = await errorOf(new LambdaClient(config()).send(new InvokeCommand({ FunctionName: 'nope' })))
    expect(error.name).toBe('ResourceNotFoundException')
  })
})

describe('ECS services', () => {
  it('rolls a forced new deployment from IN_PROGRESS to COMPLETED', async () => {
    const ecs = new ECSClient(config())
    const service = emulator.cloudformation.findStack('svc')?.resources.get('Service')?.physicalId ?? ''
    const updated = await ecs.send(new UpdateServiceCommand({ service, forceNewDeployment: true }))
    const primary = updated.service?.deployments?.find(d => d.status === 'PRIMARY')
    expect(primary?.rolloutState).toBe('IN_PROGRESS')
    const states: string[] = []
    for (let i = 0; i < 4; i++) {
      const described = await ecs.send(new DescribeServicesCommand({ services: [service] }))
      states.push(described.services?.[0]?.deployments?.find(d => d.id === primary?.id)?.rolloutState ?? '')
    }
    expect(states).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED'])
  })
})

describe('RDS snapshots', () => {
  it('creates a snapshot that becomes available, and refuses the same identifier twice', async () => {
    const rds = new RDSClient(config())
    const instance = emulator.cloudformation.findStack('svc')?.resources.get('Db')?.physicalId ?? ''
    const created = await rds.send(
      new CreateDBSnapshotCommand({
        DBInstanceIdentifier: instance,
        DBSnapshotIdentifier: 'snap-1',
        Tags: [{ Key: 'k', Value: 'v' }]
      })
    )
    expect(created.DBSnapshot?.Status).toBe('creating')
    const statuses: string[] = []
    for (let i = 0; i < 2; i++) {
      const described = await rds.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: 'snap-1' }))
      statuses.push(described.DBSnapshots?.[0]?.Status ?? '')
    }
    expect(statuses).toEqual(['creating', 'available'])
    expect(emulator.rds.snapshots.get('snap-1')?.tags).toEqual([{ Key: 'k', Value: 'v' }])
    const again = await errorOf(
      rds.send(
        new CreateDBSnapshotCommand({ DBInstanceIdentifier: instance, DBSnapshotIdentifier: 'snap-1' })
      )
    )
    expect(again.name).toBe('DBSnapshotAlreadyExistsFault')
    const unknown = await errorOf(
      rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'nope', DBSnapshotIdentifier: 'snap-2' }))
    )
    expect(unknown.name).toBe('DBInstanceNotFoundFault')
  })
})
