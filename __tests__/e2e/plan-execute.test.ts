import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand
} from '@aws-sdk/client-cloudformation'
import { readFileSync } from 'node:fs'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { eventually, sdkClients } from '../support/aws.js'
import { leftoverChangeSets, logText, runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const files = { 'infra/metaflow.yml': BASIC }
const inputs = (extra: Record<string, string> = {}) => ({
  'stack-name': 'metaflow-prod',
  template: 'infra/metaflow.yml',
  environment: 'prod',
  ...extra
})
const plan = (extra: Record<string, string> = {}) =>
  runAgainst(emulator, { inputs: inputs({ mode: 'plan', ...extra }), files })
const execute = (changeSetId: string, extra: Record<string, string> = {}) =>
  runAgainst(emulator, { inputs: inputs({ mode: 'execute', 'change-set-id': changeSetId, ...extra }), files })

describe('plan, then execute exactly what was planned', () => {
  it('plan keeps its change set and outputs it; execute runs exactly that one and publishes', async () => {
    const planned = await plan()
    expect(planned.exitCode).toBe(0)
    const id = planned.outputs['change-set-id'] ?? ''
    expect(id).toMatch(/:changeSet\/metaflow-plan-prod-7001-1-[a-z0-9]{6}\//)
    expect(planned.outputs['has-changes']).toBe('true')
    expect(planned.summary).toContain('metaflow-prod')
    // Kept, not executed: the stack waits in REVIEW_IN_PROGRESS with the change set ready.
    expect(emulator.cloudformation.findStack('metaflow-prod')?.status).toBe('REVIEW_IN_PROGRESS')
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual(['CreateChangeSet'])

    const executed = await execute(id)
    expect(executed.exitCode).toBe(0)
    expect(executed.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(executed.outputs['change-set-id']).toBe(id)
    expect(executed.outputs.DDBTableName).toMatch(/^metaflow-prod-Table-/)
    // Exactly one change set was ever created, and the one executed is the one planned.
    expect(emulator.calls('CreateChangeSet')).toHaveLength(1)
    expect(emulator.calls('ExecuteChangeSet').map(r => r.params.ChangeSetName)).toEqual([id])
    expect(leftoverChangeSets(emulator, 'metaflow-prod')).toEqual([])
  })

  it('an empty plan keeps nothing, and executing its empty id publishes without executing', async () => {
    expect((await runAgainst(emulator, { inputs: inputs({ mode: 'deploy' }), files })).exitCode).toBe(0)
    const before = emulator.requests.length
    const planned = await plan()
    expect(planned.exitCode).toBe(0)
    expect(planned.outputs['change-set-id']).toBe('')
    expect(planned.outputs['has-changes']).toBe('false')
    expect(leftoverChangeSets(emulator, 'metaflow-prod')).toEqual([])

    const executed = await execute('')
    expect(executed.exitCode).toBe(0)
    expect(executed.outputs['has-changes']).toBe('false')
    expect(executed.outputs.DDBTableName).toMatch(/^metaflow-prod-Table-/)
    expect(
      emulator.requests
        .slice(before)
        .filter(r => ['CreateChangeSet', 'ExecuteChangeSet'].includes(r.operation))
        .map(r => r.operation)
    ).toEqual([])
  })

  it('refuses a change set made stale by a later deploy, saying to plan again, with no ExecuteChangeSet', async () => {
    expect((await runAgainst(emulator, { inputs: inputs({ mode: 'deploy' }), files })).exitCode).toBe(0)
    const planned = await plan({ parameters: 'Env=staging' })
    const id = planned.outputs['change-set-id'] ?? ''
    expect(id).not.toBe('')
    // Someone deploys in between: executing deletes the stack's other change sets, the plan's among them.
    expect(
      (await runAgainst(emulator, { inputs: inputs({ mode: 'deploy', parameters: 'Env=prod' }), files }))
        .exitCode
    ).toBe(0)
    const executes = emulator.calls('ExecuteChangeSet').length

    const executed = await execute(id)
    expect(executed.exitCode).not.toBe(0)
    expect(executed.errors.map(e => e.message).join('\n')).toMatch(/Plan again/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(executes)
  })

  it("refuses another stack's change set, naming both stacks", async () => {
    const other = await runAgainst(emulator, {
      inputs: inputs({ mode: 'plan', 'stack-name': 'metaflow-dev', environment: 'dev' }),
      files
    })
    const id = other.outputs['change-set-id'] ?? ''
    expect(id).not.toBe('')
    const executed = await execute(id)
    expect(executed.exitCode).not.toBe(0)
    expect(executed.errors[0]?.message).toMatch(
      /belongs to stack metaflow-dev, not to stack-name metaflow-prod/
    )
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(0)
  })

  it('refuses a change set this action did not plan (a deploy never keeps one; a person might)', async () => {
    expect((await runAgainst(emulator, { inputs: inputs({ mode: 'deploy' }), files })).exitCode).toBe(0)
    // A change set someone made by hand, in the console or the CLI.
    const { cfn } = sdkClients(emulator)
    const made = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'metaflow-prod',
        ChangeSetName: 'by-hand',
        ChangeSetType: 'UPDATE',
        UsePreviousTemplate: true,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [{ ParameterKey: 'Env', ParameterValue: 'staging' }]
      })
    )
    await eventually(async () => {
      const d = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: made.Id }))
      return d.Status === 'CREATE_COMPLETE' ? true : undefined
    })
    const executed = await execute(made.Id ?? '')
    expect(executed.exitCode).not.toBe(0)
    expect(executed.errors[0]?.message).toMatch(/was not built by this action's plan mode/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
  })

  it('a change set that is gone is an error that says to plan again', async () => {
    const planned = await plan()
    const id = planned.outputs['change-set-id'] ?? ''
    await sdkClients(emulator).cfn.send(new DeleteChangeSetCommand({ ChangeSetName: id }))
    const executed = await execute(id)
    expect(executed.exitCode).not.toBe(0)
    expect(executed.errors[0]?.message).toMatch(/is gone.*Plan again/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(0)
  })

  it('writes the changes file in plan mode: the whole change set, NoEcho values as ****', async () => {
    const secret = 'hunter2-very-secret'
    const planned = await plan({ parameters: `DbPassword=${secret}` })
    const path = planned.outputs['changes-file'] ?? ''
    expect(path.startsWith(planned.workspace) || path.includes('metaflow-deploy')).toBe(true)
    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain(secret)
    const document = JSON.parse(text) as {
      changeSetId: string
      parameters: { ParameterKey: string; ParameterValue: string }[]
      changes: { ResourceChange?: { LogicalResourceId?: string } }[]
    }
    expect(document.changeSetId).toBe(planned.outputs['change-set-id'])
    expect(document.parameters.find(p => p.ParameterKey === 'DbPassword')?.ParameterValue).toBe('****')
    expect(document.changes.map(c => c.ResourceChange?.LogicalResourceId).sort()).toEqual(
      ['ApiKey', 'Datastore', 'JobRole', 'Table'].sort()
    )
    expect(logText(planned)).toMatch(/Kept change set .* for review/)
  })
})
