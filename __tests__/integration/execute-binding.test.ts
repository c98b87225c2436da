import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { CreateChangeSetCommand, DescribeChangeSetCommand } from '@aws-sdk/client-cloudformation'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { executePlanned } from '../../src/modes/execute.js'
import { preview } from '../../src/modes/preview.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { renderFailure } from '../../src/render/failure.js'
import { StackOperationFailed } from '../../src/run/errors.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { eventually, errorOf, sdkClients } from '../support/aws.js'
import { testContext } from '../support/context.js'
import { BASIC } from '../support/templates.js'

/**
 * Execute runs only the reviewed commit's plan (issue 23.3): the change set's own template and parameters must be
 * this job's inputs; its name and description alone prove nothing. In process, real SDK against the emulator.
 */
let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startEmulator()
  workspace = mkdtempSync(join(tmpdir(), 'mfd-binding-'))
  writeFileSync(join(workspace, 'basic.yml'), BASIC)
})
afterEach(async () => {
  await emulator.close()
})

const base = { 'stack-name': 'app', template: 'basic.yml' }

async function deployed(): Promise<void> {
  const { ctx } = await testContext(emulator, { ...base, mode: 'deploy' }, workspace)
  await deploy(ctx, await readStackRequest(ctx))
}

async function plan(inputs: Record<string, string> = {}): Promise<string> {
  const { ctx } = await testContext(emulator, { ...base, mode: 'plan', ...inputs }, workspace)
  return (await preview(ctx, await readStackRequest(ctx), true)).changeSetId
}

async function execute(changeSetId: string, inputs: Record<string, string> = {}) {
  const run = await testContext(
    emulator,
    { ...base, mode: 'execute', 'change-set-id': changeSetId, ...inputs },
    workspace
  )
  return { ...run, outcome: executePlanned(run.ctx) }
}

/** A change set made outside the action, with a plan's name and (unless told otherwise) its description. */
async function forge(body: string, extra: { Description?: string; Env?: string } = {}): Promise<string> {
  const { cfn } = sdkClients(emulator)
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: 'app',
      ChangeSetName: 'metaflow-plan-1-1-forged',
      ChangeSetType: 'UPDATE',
      TemplateBody: body,
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: [{ ParameterKey: 'Env', ParameterValue: extra.Env ?? 'dev' }],
      Description: extra.Description ?? 'metaflow-deploy from a local run'
    })
  )
  const id = created.Id ?? ''
  await eventually(async () => {
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }))
    return described.Status === 'CREATE_COMPLETE' || described.Status === 'FAILED' ? true : undefined
  })
  return id
}

/** ExecuteChangeSet calls on this change set. */
const executions = (id: string) =>
  emulator.calls('ExecuteChangeSet').filter(c => c.params.ChangeSetName === id)

const ADMIN = `${BASIC}  Intruder:\n    Type: AWS::IAM::User\n    Properties:\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n`

describe('execute is bound to the reviewed inputs', () => {
  it('executes the plan made from the same template and parameters', async () => {
    await deployed()
    const id = await plan({ parameters: 'Env=staging' })
    const { outcome } = await execute(id, { parameters: 'Env=staging' })
    expect((await outcome).stack?.StackStatus).toBe('UPDATE_COMPLETE')
    expect(emulator.calls('GetTemplate').at(-1)?.params).toMatchObject({
      ChangeSetName: id,
      TemplateStage: 'Original'
    })
  })

  it('refuses a forged plan adding an administrator, leaves it, and executes nothing', async () => {
    await deployed()
    const id = await forge(ADMIN)
    const { outcome } = await execute(id)
    const err = await errorOf(outcome)
    expect(err.message).toMatch(
      /Refused to execute change set metaflow-plan-1-1-forged: its template is not the template/
    )
    expect(err.message).toMatch(/was left in place/)
    expect(executions(id)).toEqual([])
    expect(emulator.cloudformation.changeSets.get(id)?.status).toBe('CREATE_COMPLETE')
  })

  it('refuses a plan whose parameters differ from this job’s', async () => {
    await deployed()
    const id = await plan({ parameters: 'Env=prod' })
    const { outcome } = await execute(id, { parameters: 'Env=staging' })
    expect((await errorOf(outcome)).message).toMatch(/its parameters Env differ from this job's parameters/)
    expect(executions(id)).toEqual([])
    // Leaving parameters out entirely is a difference too: the template's default is not what was planned.
    const again = await execute(id)
    expect((await errorOf(again.outcome)).message).toMatch(/its parameters Env differ/)
  })

  it('refuses a change set with a plan’s name but another description, even with the same template', async () => {
    await deployed()
    const id = await forge(BASIC, { Description: 'made by hand', Env: 'staging' })
    const { outcome } = await execute(id, { parameters: 'Env=staging' })
    expect((await errorOf(outcome)).message).toMatch(/was not built by this action's plan mode/)
    expect(executions(id)).toEqual([])
  })

  it('refuses a plan made before the stack last changed, even where CloudFormation has not obsoleted it', async () => {
    await deployed()
    const id = await plan({ parameters: 'Env=staging' })
    // A change made outside (the console, another tool) that left the change set AVAILABLE.
    const stack = emulator.cloudformation.findStack('app')
    if (stack === undefined) throw new Error('no stack')
    stack.lastUpdatedTime = new Date(Date.now() + 60_000)
    const { outcome } = await execute(id, { parameters: 'Env=staging' })
    expect((await errorOf(outcome)).message).toMatch(
      /is stale: stack app changed at .*, after the plan was made/
    )
    expect(executions(id)).toEqual([])
  })
})

describe('execute masks the NoEcho values of its inputs (issue 24.1)', () => {
  it('masks a NoEcho value from the template’s declaration, and a failure echoing it never shows it', async () => {
    await deployed()
    const secret = 'hunter2-but-longer'
    const id = await plan({ parameters: `DbPassword=${secret},Env=staging` })
    emulator.failResource({ logicalId: 'Table', reason: `bad value ${secret}`, during: 'update' })
    const { outcome, log, ctx } = await execute(id, { parameters: `DbPassword=${secret},Env=staging` })
    const err = await errorOf(outcome)
    // Masked in the runner's log and annotations (add-mask) before the run could print it...
    expect(log.secrets).toContain(secret)
    expect(ctx.secrets).toContain(secret)
    // ...and redacted from the failure summary, which the runner does not mask.
    if (!(err instanceof StackOperationFailed)) throw err
    expect(err.secrets).toContain(secret)
    const summary = renderFailure({
      stackName: err.stackName,
      environment: '',
      region: 'us-east-1',
      status: err.status,
      failures: err.failures,
      commitSha: '',
      runUrl: '',
      secrets: err.secrets
    })
    expect(summary).toContain('bad value ****')
    expect(summary).not.toContain(secret)
  })
})
