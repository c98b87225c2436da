import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListChangeSetsCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
  type CloudFormationClient
} from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { errorOf, eventually, sdkClients } from '../support/aws.js'
import { BASIC, manyResources } from '../support/templates.js'

let emulator: Emulator
let cfn: CloudFormationClient

beforeEach(async () => {
  emulator = await startEmulator()
  cfn = sdkClients(emulator).cfn
})
afterEach(async () => {
  await emulator.close()
})

const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set."

async function changeSetStatus(id: string): Promise<string> {
  return (await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }))).Status ?? ''
}

async function ready(id: string): Promise<void> {
  await eventually(async () => ((await changeSetStatus(id)).match(/COMPLETE|FAILED/) ? true : undefined))
}

async function stackStatus(name: string): Promise<string> {
  return (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus ?? ''
}

async function settled(name: string): Promise<string> {
  return eventually(async () => {
    const status = await stackStatus(name)
    return status.endsWith('_IN_PROGRESS') ? undefined : status
  })
}

/** Creates and executes a change set, waiting for the result. */
async function deploy(
  name: string,
  body: string,
  parameters: { ParameterKey: string; ParameterValue?: string; UsePreviousValue?: boolean }[] = [],
  type: 'CREATE' | 'UPDATE' = 'CREATE'
) {
  const cs = await cfn.send(
    new CreateChangeSetCommand({
      StackName: name,
      ChangeSetName: `cs-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      ChangeSetType: type,
      TemplateBody: body,
      Parameters: parameters,
      Capabilities: ['CAPABILITY_IAM']
    })
  )
  await ready(cs.Id ?? '')
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }))
  return { id: cs.Id ?? '', status: await settled(name) }
}

describe('CreateChangeSet', () => {
  it('leaves a new stack in REVIEW_IN_PROGRESS and builds the change set through its statuses', async () => {
    // Long enough for each phase to be seen by a poller on a loaded 2-core machine.
    emulator.cloudformation.timing.changeSetMs = 250
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'first',
        ChangeSetType: 'CREATE',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    expect(cs.Id).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:changeSet\/first\//)
    expect(cs.StackId).toMatch(/:stack\/app\//)
    expect(await stackStatus('app')).toBe('REVIEW_IN_PROGRESS')
    const seen = new Set<string>()
    await eventually(async () => {
      const status = await changeSetStatus(cs.Id ?? '')
      seen.add(status)
      return status === 'CREATE_COMPLETE' ? true : undefined
    })
    expect([...seen]).toEqual(
      expect.arrayContaining(['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE'])
    )
    const described = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: 'first', StackName: 'app' })
    )
    expect(described.ExecutionStatus).toBe('AVAILABLE')
    expect(
      described.Changes?.map(c => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])
    ).toEqual([
      ['Add', 'Datastore'],
      ['Add', 'Table'],
      ['Add', 'JobRole'],
      ['Add', 'ApiKey']
    ])
    expect(described.Parameters?.find(p => p.ParameterKey === 'DbPassword')?.ParameterValue).toBe('****')
  })

  it('rejects a duplicate change-set name on the same stack, as CloudFormation does', async () => {
    await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'same',
        ChangeSetType: 'CREATE',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    const error = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'app',
          ChangeSetName: 'same',
          ChangeSetType: 'CREATE',
          TemplateBody: BASIC,
          Capabilities: ['CAPABILITY_IAM']
        })
      )
    )
    expect(error.name).toBe('AlreadyExistsException')
    expect(error.message).toBe('ChangeSet [same] already exists')
  })

  it('names the capability an IAM template needs', async () => {
    const error = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'app',
          ChangeSetName: 'x',
          ChangeSetType: 'CREATE',
          TemplateBody: BASIC
        })
      )
    )
    expect(error.name).toBe('InsufficientCapabilitiesException')
    expect(error.message).toBe('Requires capabilities : [CAPABILITY_IAM]')
  })

  it('rejects an UPDATE of a stack that does not exist and a CREATE of one that does', async () => {
    const missing = await errorOf(
      cfn.send(new CreateChangeSetCommand({ StackName: 'nope', ChangeSetName: 'x', TemplateBody: BASIC }))
    )
    expect(missing.name).toBe('ValidationError')
    expect(missing.message).toBe('Stack [nope] does not exist')
    await deploy('app', BASIC)
    const exists = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'app',
          ChangeSetName: 'y',
          ChangeSetType: 'CREATE',
          TemplateBody: BASIC,
          Capabilities: ['CAPABILITY_IAM']
        })
      )
    )
    expect(exists.name).toBe('ValidationError')
    expect(exists.message).toBe(
      'Stack [app] already exists and cannot be created again with the changeSet [y].'
    )
  })

  it('fails an update that changes nothing with CloudFormation’s exact reason', async () => {
    await deploy('app', BASIC)
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'noop',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    await ready(cs.Id ?? '')
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }))
    expect(described.Status).toBe('FAILED')
    expect(described.ExecutionStatus).toBe('UNAVAILABLE')
    expect(described.StatusReason).toBe(NO_CHANGES)
  })

  it('validates parameters with CloudFormation’s messages', async () => {
    const createWith = (parameter: { ParameterKey: string; ParameterValue: string }) =>
      errorOf(
        cfn.send(
          new CreateChangeSetCommand({
            StackName: 'app',
            ChangeSetName: 'x',
            ChangeSetType: 'CREATE',
            TemplateBody: BASIC,
            Capabilities: ['CAPABILITY_IAM'],
            Parameters: [parameter]
          })
        )
      )
    expect((await createWith({ ParameterKey: 'Nope', ParameterValue: '1' })).message).toBe(
      'Parameters: [Nope] do not exist in the template'
    )
    expect((await createWith({ ParameterKey: 'Env', ParameterValue: 'qa' })).message).toBe(
      "Parameter 'Env' must be one of AllowedValues"
    )
  })

  it('keeps previous parameter values and the previous template on request', async () => {
    await deploy('app', BASIC, [{ ParameterKey: 'Env', ParameterValue: 'staging' }])
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'keep',
        UsePreviousTemplate: true,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [
          { ParameterKey: 'Env', UsePreviousValue: true },
          { ParameterKey: 'Auth', ParameterValue: 'false' }
        ]
      })
    )
    await ready(cs.Id ?? '')
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }))
    expect(described.Parameters?.find(p => p.ParameterKey === 'Env')?.ParameterValue).toBe('staging')
    expect(
      described.Changes?.map(c => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])
    ).toEqual([['Remove', 'ApiKey']])
  })

  it('reads a template uploaded to S3 through TemplateURL', async () => {
    emulator.s3.createBucket('templates')
    emulator.s3.buckets.get('templates')?.set('big/t.yml', Buffer.from(BASIC))
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'url',
        ChangeSetType: 'CREATE',
        TemplateURL: `${emulator.url}/templates/big/t.yml`,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    await ready(cs.Id ?? '')
    expect(await changeSetStatus(cs.Id ?? '')).toBe('CREATE_COMPLETE')
  })

  it('rejects an inline template over 51,200 bytes', async () => {
    const body = manyResources(2000)
    expect(Buffer.byteLength(body)).toBeGreaterThan(51_200)
    const error = await errorOf(
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'app',
          ChangeSetName: 'big',
          ChangeSetType: 'CREATE',
          TemplateBody: body
        })
      )
    )
    expect(error.name).toBe('ValidationError')
    expect(error.message).toMatch(/Member must have length less than or equal to 51200/)
  })
})

describe('DescribeChangeSet', () => {
  it('pages through 250 changes with NextToken, 100 at a time', async () => {
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'big',
        ChangeSetName: 'many',
        ChangeSetType: 'CREATE',
        TemplateURL: undefined,
        TemplateBody: manyResources(250, 'B')
      })
    )
    await ready(cs.Id ?? '')
    const ids: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id, NextToken: token }))
      ids.push(...(page.Changes ?? []).map(c => c.ResourceChange?.LogicalResourceId ?? ''))
      token = page.NextToken
      pages++
    } while (token !== undefined)
    expect(pages).toBe(3)
    expect(new Set(ids).size).toBe(250)
  })

  it('derives Modify, Replacement, Scope and Details from the two templates and parameters', async () => {
    await deploy('app', BASIC)
    const changed = BASIC.replace('BillingMode: PAY_PER_REQUEST', 'BillingMode: PROVISIONED').replace(
      'AttributeName: pathspec, KeyType: HASH',
      'AttributeName: id, KeyType: HASH'
    )
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'mod',
        TemplateBody: changed,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }]
      })
    )
    await ready(cs.Id ?? '')
    const described = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: cs.Id, IncludePropertyValues: true })
    )
    const table = described.Changes?.find(
      c => c.ResourceChange?.LogicalResourceId === 'Table'
    )?.ResourceChange
    expect(table).toMatchObject({ Action: 'Modify', Replacement: 'True', Scope: ['Properties', 'Tags'] })
    const byName = Object.fromEntries((table?.Details ?? []).map(d => [d.Target?.Name ?? '', d] as const))
    expect(byName.BillingMode).toMatchObject({
      Evaluation: 'Static',
      ChangeSource: 'DirectModification',
      Target: { RequiresRecreation: 'Never', BeforeValue: 'PAY_PER_REQUEST', AfterValue: 'PROVISIONED' }
    })
    expect(byName.KeySchema).toMatchObject({ Target: { RequiresRecreation: 'Always' } })
    expect(byName.Tags).toMatchObject({
      ChangeSource: 'ParameterReference',
      CausingEntity: 'Env',
      Target: { Attribute: 'Tags' }
    })
    expect(table?.PhysicalResourceId).toMatch(/^app-Table-/)
  })

  it('marks a resource that refers to a replaced one as a dynamic, conditional change', async () => {
    await deploy('app', BASIC)
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'dyn',
        TemplateBody: BASIC.replace(
          '  Datastore:\n    Type: AWS::S3::Bucket',
          '  Datastore:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: renamed-bucket'
        ),
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    await ready(cs.Id ?? '')
    const changes = (await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }))).Changes ?? []
    expect(
      changes.find(c => c.ResourceChange?.LogicalResourceId === 'Datastore')?.ResourceChange?.Replacement
    ).toBe('True')
    const role = changes.find(c => c.ResourceChange?.LogicalResourceId === 'JobRole')?.ResourceChange
    expect(role?.Action).toBe('Modify')
    expect(role?.Details?.[0]).toMatchObject({
      Evaluation: 'Dynamic',
      ChangeSource: 'ResourceAttribute',
      CausingEntity: 'Datastore.Arn'
    })
  })

  it('answers ChangeSetNotFound for an unknown change set', async () => {
    const error = await errorOf(
      cfn.send(
        new DescribeChangeSetCommand({
          ChangeSetName: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/x/y'
        })
      )
    )
    expect(error.name).toMatch(/^ChangeSetNotFound/)
    expect(error.$metadata?.httpStatusCode).toBe(404)
  })
})

describe('ExecuteChangeSet', () => {
  it('creates resources with events and resolves outputs from Ref, GetAtt, Sub, Join, Select, If and conditions', async () => {
    const { status } = await deploy('app', BASIC)
    expect(status).toBe('CREATE_COMPLETE')
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'app' }))).Stacks?.[0]
    const outputs = Object.fromEntries(
      (stack?.Outputs ?? []).map(o => [o.OutputKey ?? '', o.OutputValue ?? ''] as const)
    )
    expect(outputs.MetaflowDataStoreS3Url).toMatch(/^s3:\/\/app-datastore-[a-z0-9]{12}\/metaflow$/)
    expect(outputs.DDBTableName).toMatch(/^app-Table-[A-Z0-9]{12}$/)
    expect(outputs.ECSJobRoleForBatchJobs).toMatch(/^arn:aws:iam::123456789012:role\/app-JobRole-/)
    expect(outputs.Joined).toBe('dev/us-east-1a')
    expect(outputs.Mode).toBe('secured')
    expect(outputs.ApiKeyId).toMatch(/^[a-z0-9]{10}$/)
    expect(stack?.Parameters?.find(p => p.ParameterKey === 'DbPassword')?.ParameterValue).toBe('****')
    // Deterministic: the same stack name and template give the same ids in a fresh emulator.
    const again = await startEmulator()
    try {
      const other = sdkClients(again).cfn
      const cs = await other.send(
        new CreateChangeSetCommand({
          StackName: 'app',
          ChangeSetName: 'x',
          ChangeSetType: 'CREATE',
          TemplateBody: BASIC,
          Capabilities: ['CAPABILITY_IAM']
        })
      )
      await eventually(async () =>
        (await other.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }))).Status ===
        'CREATE_COMPLETE'
          ? true
          : undefined
      )
      await other.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }))
      const out = await eventually(async () =>
        (await other.send(new DescribeStacksCommand({ StackName: 'app' }))).Stacks?.[0]?.Outputs?.find(
          o => o.OutputKey === 'DDBTableName'
        )
      )
      expect(out.OutputValue).toBe(outputs.DDBTableName)
    } finally {
      await again.close()
    }
  })

  it('rolls a failed create back to ROLLBACK_COMPLETE with the resource’s reason', async () => {
    emulator.failResource({
      logicalId: 'Table',
      reason: 'Resource handler returned message: "Limit exceeded"'
    })
    const { status } = await deploy('app', BASIC)
    expect(status).toBe('ROLLBACK_COMPLETE')
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'app' }))).StackEvents ?? []
    expect(events[0]?.ResourceStatus).toBe('ROLLBACK_COMPLETE')
    const failed = events.find(e => e.LogicalResourceId === 'Table' && e.ResourceStatus === 'CREATE_FAILED')
    expect(failed?.ResourceStatusReason).toBe('Resource handler returned message: "Limit exceeded"')
    expect(
      events.some(
        e => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS' && /\[Table\]/.test(e.ResourceStatusReason ?? '')
      )
    ).toBe(true)
  })

  it('rolls a failed update back to UPDATE_ROLLBACK_COMPLETE and keeps the old configuration', async () => {
    await deploy('app', BASIC)
    emulator.failResource({ logicalId: 'Table', reason: 'Update failed', during: 'update' })
    const { status } = await deploy('app', BASIC, [{ ParameterKey: 'Env', ParameterValue: 'prod' }], 'UPDATE')
    expect(status).toBe('UPDATE_ROLLBACK_COMPLETE')
    const params = (await cfn.send(new DescribeStacksCommand({ StackName: 'app' }))).Stacks?.[0]?.Parameters
    expect(params?.find(p => p.ParameterKey === 'Env')?.ParameterValue).toBe('dev')
  })

  it('stops at CREATE_FAILED when rollback is disabled', async () => {
    emulator.failResource({ logicalId: 'Datastore', reason: 'Bucket name taken' })
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'x',
        ChangeSetType: 'CREATE',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    await ready(cs.Id ?? '')
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, DisableRollback: true }))
    expect(await settled('app')).toBe('CREATE_FAILED')
  })

  it('deletes the stack’s other change sets when one is executed, as AWS documents', async () => {
    await deploy('app', BASIC)
    const make = (name: string, env: string) =>
      cfn.send(
        new CreateChangeSetCommand({
          StackName: 'app',
          ChangeSetName: name,
          TemplateBody: BASIC,
          Capabilities: ['CAPABILITY_IAM'],
          Parameters: [{ ParameterKey: 'Env', ParameterValue: env }]
        })
      )
    const first = await make('first', 'staging')
    const second = await make('second', 'prod')
    await ready(first.Id ?? '')
    await ready(second.Id ?? '')
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: first.Id }))
    const error = await errorOf(cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: second.Id })))
    expect(error.name).toMatch(/^ChangeSetNotFound/)
    const listed = (await cfn.send(new ListChangeSetsCommand({ StackName: 'app' }))).Summaries ?? []
    expect(listed.map(s => s.ChangeSetName)).not.toContain('second')
  })

  it('stamps the operation’s ClientRequestToken on its events', async () => {
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'x',
        ChangeSetType: 'CREATE',
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    await ready(cs.Id ?? '')
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, ClientRequestToken: 'run-1' }))
    await settled('app')
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'app' }))).StackEvents ?? []
    expect(events.filter(e => e.ClientRequestToken === 'run-1').length).toBe(events.length - 1)
    expect(events.at(-1)?.ResourceStatus).toBe('REVIEW_IN_PROGRESS')
  })
})

describe('stack operations', () => {
  it('lists events newest first, in pages', async () => {
    emulator.cloudformation.pageSize.events = 3
    await deploy('app', BASIC)
    const all: string[] = []
    let token: string | undefined
    do {
      const page = await cfn.send(new DescribeStackEventsCommand({ StackName: 'app', NextToken: token }))
      expect((page.StackEvents ?? []).length).toBeLessThanOrEqual(3)
      all.push(...(page.StackEvents ?? []).map(e => `${e.LogicalResourceId}:${e.ResourceStatus}`))
      token = page.NextToken
    } while (token !== undefined)
    expect(all[0]).toBe('app:CREATE_COMPLETE')
    expect(all.at(-1)).toBe('app:REVIEW_IN_PROGRESS')
    expect(all.length).toBeGreaterThan(10)
  })

  it('lists and deletes change sets', async () => {
    await deploy('app', BASIC)
    const cs = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: 'pending',
        TemplateBody: BASIC.replace('dev, staging', 'dev, qa, staging'),
        Capabilities: ['CAPABILITY_IAM']
      })
    )
    await ready(cs.Id ?? '')
    const listed = await cfn.send(new ListChangeSetsCommand({ StackName: 'app' }))
    expect(listed.Summaries?.map(s => s.ChangeSetName)).toContain('pending')
    // Held in DELETE_IN_PROGRESS until released, so the phase is observed however loaded the machine is.
    emulator.cloudformation.timing.changeSetDeleteMs = 20
    const deleting = emulator.cloudformation.hold('changeSetDelete')
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: cs.Id }))
    await deleting.reached
    expect(await changeSetStatus(cs.Id ?? '')).toBe('DELETE_IN_PROGRESS')
    deleting.release()
    const gone = await eventually(() =>
      cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id })).then(
        () => undefined,
        (err: Error) => err
      )
    )
    expect(gone.name).toMatch(/^ChangeSetNotFound/)
  })

  it('deletes a stack through DELETE_IN_PROGRESS, unless termination protection is on', async () => {
    await deploy('app', BASIC)
    await cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: 'app', EnableTerminationProtection: true })
    )
    const refused = await errorOf(cfn.send(new DeleteStackCommand({ StackName: 'app' })))
    expect(refused.message).toBe('Stack [app] cannot be deleted while TerminationProtection is enabled')
    await cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: 'app', EnableTerminationProtection: false })
    )
    const id = (await cfn.send(new DescribeStacksCommand({ StackName: 'app' }))).Stacks?.[0]?.StackId ?? ''
    emulator.cloudformation.timing.resourceMs = 20
    await cfn.send(new DeleteStackCommand({ StackName: 'app' }))
    expect(await stackStatus('app')).toBe('DELETE_IN_PROGRESS')
    await eventually(async () =>
      (await cfn.send(new DescribeStacksCommand({ StackName: id }))).Stacks?.[0]?.StackStatus ===
      'DELETE_COMPLETE'
        ? true
        : undefined
    )
    const gone = await errorOf(cfn.send(new DescribeStacksCommand({ StackName: 'app' })))
    expect(gone.message).toBe('Stack with id app does not exist')
  })

  it('returns the template, its summary and its validation', async () => {
    await deploy('app', BASIC)
    expect((await cfn.send(new GetTemplateCommand({ StackName: 'app' }))).TemplateBody).toBe(BASIC)
    const summary = await cfn.send(new GetTemplateSummaryCommand({ TemplateBody: BASIC }))
    expect(
      summary.Parameters?.find(p => p.ParameterKey === 'Env')?.ParameterConstraints?.AllowedValues
    ).toEqual(['dev', 'staging', 'prod'])
    expect(summary.Capabilities).toEqual(['CAPABILITY_IAM'])
    const validated = await cfn.send(new ValidateTemplateCommand({ TemplateBody: BASIC }))
    expect(validated.Parameters?.find(p => p.ParameterKey === 'DbPassword')?.NoEcho).toBe(true)
    const invalid = await errorOf(cfn.send(new ValidateTemplateCommand({ TemplateBody: 'Resources: {}' })))
    expect(invalid.message).toBe('Template format error: At least one Resources member must be defined.')
  })

  it('puts a stack in any status for scenarios, and moves it on later', async () => {
    // Held until read, so the first status is seen however loaded the machine is.
    const busy = emulator.cloudformation.hold('stackStatus')
    emulator.cloudformation.setStackStatus('busy', 'UPDATE_IN_PROGRESS', {
      afterMs: 1_000,
      status: 'UPDATE_COMPLETE'
    })
    await busy.reached
    expect(await stackStatus('busy')).toBe('UPDATE_IN_PROGRESS')
    busy.release()
    expect(await settled('busy')).toBe('UPDATE_COMPLETE')
  })
})

describe('faults', () => {
  it('throttles a share of calls with Rate exceeded, which the SDK retries', async () => {
    emulator.faults.set({ throttleRate: 0.5 })
    for (let i = 0; i < 20; i++)
      await cfn.send(new ListChangeSetsCommand({ StackName: 'x' })).catch(() => undefined)
    const throttled = emulator.requests.filter(r => r.errorCode === 'Throttling')
    expect(throttled.length).toBeGreaterThan(3)
    emulator.faults.set({ throttleRate: 0.3 })
    await deploy('app', BASIC)
    expect(await stackStatus('app')).toBe('CREATE_COMPLETE')
  })

  it('answers a throttled call with the Throttling code when retries run out', async () => {
    emulator.faults.set({ throttleRate: 1 })
    const error = await errorOf(cfn.send(new DescribeStacksCommand({})))
    expect(error.name).toBe('Throttling')
    expect(error.message).toBe('Rate exceeded')
    expect(error.$metadata?.attempts).toBe(10)
  })

  it('drops connections and answers 5xx, both retried', async () => {
    emulator.faults.set({ dropRate: 0.2, serverErrorRate: 0.2 })
    for (let i = 0; i < 15; i++) await cfn.send(new DescribeStacksCommand({}))
    expect(emulator.requests.some(r => r.fault === 'drop')).toBe(true)
    expect(emulator.requests.some(r => r.fault === 'server-error')).toBe(true)
  })

  it('slows an operation down', async () => {
    emulator.faults.set({ delayMs: { DescribeStacks: 80 } })
    const start = Date.now()
    await cfn.send(new DescribeStacksCommand({}))
    expect(Date.now() - start).toBeGreaterThanOrEqual(75)
  })

  it('logs every request, so tests can tell reads from writes', async () => {
    await deploy('app', BASIC)
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual(['CreateChangeSet', 'ExecuteChangeSet'])
    expect(emulator.calls('CreateChangeSet')[0]?.params.ChangeSetType).toBe('CREATE')
  })
})

describe('executed change sets', () => {
  it('stay describable by ARN, but free their name and leave the list', async () => {
    const { id } = await deploy('app', BASIC)
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }))
    expect(described).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'EXECUTE_COMPLETE' })
    expect((await cfn.send(new ListChangeSetsCommand({ StackName: 'app' }))).Summaries).toEqual([])
    const reused = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'app',
        ChangeSetName: described.ChangeSetName,
        TemplateBody: BASIC,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }]
      })
    )
    expect(reused.Id).not.toBe(id)
  })
})

describe('replacement rules', () => {
  it('come from the resource schemas (create-only properties), with the handler-level ones added', async () => {
    const { recreationOf } = await import('../../emulator/resource-types.js')
    expect(recreationOf('AWS::RDS::DBInstance', 'StorageEncrypted')).toBe('Always')
    expect(recreationOf('AWS::RDS::DBInstance', 'DBInstanceClass')).toBe('Never')
    expect(recreationOf('AWS::Batch::ComputeEnvironment', 'ComputeResources')).toBe('Conditionally')
    expect(recreationOf('AWS::DynamoDB::Table', 'KeySchema')).toBe('Always')
    expect(recreationOf('AWS::Kinesis::Stream', 'Name')).toBe('Always')
    expect(recreationOf('AWS::S3::Bucket', 'Tags')).toBe('Never')
  })
})
