import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
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
  'stack-name': 'metaflow-dev',
  template: 'infra/metaflow.yml',
  environment: 'dev',
  ...extra
})

describe('deploy through the bundled action', () => {
  it('creates a stack, streams its events in a group and sets the outputs', async () => {
    const result = await runAgainst(emulator, { inputs: inputs(), files })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(result.outputs['stack-id']).toMatch(
      /^arn:aws:cloudformation:us-east-1:123456789012:stack\/metaflow-dev\//
    )
    expect(result.outputs['change-set-id']).toMatch(/:changeSet\/metaflow-deploy-dev-7001-1-[a-z0-9]{6}\//)
    expect(result.outputs['has-changes']).toBe('true')
    expect(result.outputs['changes-count']).toBe('4')
    expect(JSON.parse(result.outputs['changes-summary'] ?? '')).toEqual({
      add: 4,
      modify: 0,
      replace: 0,
      remove: 0
    })
    const groups = result.commands.filter(c => c.command === 'group').map(c => c.message)
    expect(groups).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Creating CREATE change set/),
        'Stack events: metaflow-dev'
      ])
    )
    expect(logText(result)).toMatch(/^\d\d:\d\d:\d\d {2}CREATE_COMPLETE +AWS::S3::Bucket +Datastore$/m)
    // Columns sized to the run: the widest type here is the stack's own (AWS::CloudFormation::Stack, 26), the
    // widest status CREATE_IN_PROGRESS (18); every logical id starts in the same column.
    const start = result.lines.indexOf('::group::Stack events: metaflow-dev')
    const events = result.lines.slice(start + 1, result.lines.indexOf('::endgroup::', start))
    expect(events.length).toBeGreaterThanOrEqual(8)
    const idColumn = (line: string): number | undefined =>
      /^\d\d:\d\d:\d\d {2}\S+ +\S+ +/.exec(line)?.[0].length
    expect(new Set(events.map(idColumn))).toEqual(new Set([8 + 2 + 18 + 2 + 26 + 2]))
    expect(events.some(line => line.includes('  AWS::S3::Bucket             Datastore'))).toBe(true)
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual(['CreateChangeSet', 'ExecuteChangeSet'])
    expect(emulator.calls('CreateChangeSet')[0]?.params).toMatchObject({
      ChangeSetType: 'CREATE',
      Tags: [{ Key: 'metaflow-deploy:environment', Value: 'dev' }]
    })
    expect(result.summary).toContain('### ✅ CloudFormation deploy: `metaflow-dev` · `dev` · `us-east-1`')
    expect(result.summary).toContain('Status: `CREATE_COMPLETE`.')
    expect(result.summary).toMatch(/\| `DDBTableName` \| `metaflow-dev-Table-[A-Z0-9]{12}` \|/)
  })

  it('updates with a changed parameter and keeps the previous values of the others', async () => {
    expect(
      (await runAgainst(emulator, { inputs: inputs({ parameters: 'Auth=false\nEnv=staging' }), files }))
        .exitCode
    ).toBe(0)
    const result = await runAgainst(emulator, { inputs: inputs({ parameters: 'Env=prod' }), files })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['stack-status']).toBe('UPDATE_COMPLETE')
    expect(JSON.parse(result.outputs['changes-summary'] ?? '')).toEqual({
      add: 0,
      modify: 1,
      replace: 0,
      remove: 0
    })
    const params = emulator.calls('CreateChangeSet')[1]?.params.Parameters
    expect(params).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'Env', ParameterValue: 'prod' },
        { ParameterKey: 'Auth', UsePreviousValue: 'true' },
        { ParameterKey: 'DbPassword', UsePreviousValue: 'true' }
      ])
    )
    expect(logText(result)).toContain(
      'Keeping the previous values of 2 parameters not given: Auth, DbPassword.'
    )
  })

  it('treats a rerun with no changes as success, deletes the empty change set and awaits the delete', async () => {
    // A NoEcho value given by the run cannot be compared with the deployed one (described as ****), so the rerun
    // asks CloudFormation with a change set, which comes back empty.
    const given = inputs({ parameters: 'DbPassword=the-same-secret' })
    await runAgainst(emulator, { inputs: given, files })
    emulator.faults.set({ delayMs: { DeleteChangeSet: 300 } })
    const result = await runAgainst(emulator, { inputs: given, files })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      'has-changes': 'false',
      'changes-count': '0',
      'stack-status': 'CREATE_COMPLETE'
    })
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
    // The delete answers after 300 ms; the action's next call waits for that answer (it is awaited).
    const deleteAt = emulator.requests.findIndex(r => r.operation === 'DeleteChangeSet')
    const remove = emulator.requests[deleteAt]
    const next = emulator.requests[deleteAt + 1]
    expect(remove?.status).toBe(200)
    expect((next?.time ?? 0) - (remove?.time ?? 0)).toBeGreaterThanOrEqual(290)
  })

  it('fails a no-op rerun when fail-on-empty-changeset is true', async () => {
    await runAgainst(emulator, { inputs: inputs(), files })
    const result = await runAgainst(emulator, {
      inputs: inputs({ 'fail-on-empty-changeset': 'true' }),
      files
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(
      /has no changes to deploy, and fail-on-empty-changeset is true/
    )
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
  })

  it('annotates every failed resource with its reason when a create rolls back', async () => {
    emulator.failResource({ logicalId: 'Table', reason: 'Table limit exceeded for the account' })
    emulator.failResource({ logicalId: 'Datastore', reason: 'Bucket policy rejected' })
    const result = await runAgainst(emulator, { inputs: inputs(), files })
    expect(result.exitCode).toBe(1)
    const annotations = result.errors.map(e => [e.properties.title, e.message])
    expect(annotations).toEqual(
      expect.arrayContaining([
        ['CREATE_FAILED: Table', 'Table (AWS::DynamoDB::Table): Table limit exceeded for the account'],
        ['CREATE_FAILED: Datastore', 'Datastore (AWS::S3::Bucket): Bucket policy rejected']
      ])
    )
    expect(result.errors.at(-1)?.message).toMatch(
      /^Deploy of stack metaflow-dev failed \(ROLLBACK_COMPLETE\)\. The create failed and was rolled back/
    )
    expect(result.outputs['stack-status']).toBeUndefined()
    expect(result.summary).toContain('### ❌ CloudFormation deploy: `metaflow-dev` · `dev` · `us-east-1`')
    expect(result.summary).toContain('Status: `ROLLBACK_COMPLETE`.')
    expect(result.summary).toContain(
      '| `Table` | `AWS::DynamoDB::Table` | `CREATE_FAILED` | `Table limit exceeded for the account` |'
    )
  })

  it('fails the step on timeout and reports the stack’s current state', async () => {
    emulator.cloudformation.timing.resourceMs = 3_000
    const result = await runAgainst(emulator, { inputs: inputs({ 'timeout-minutes': '0.02' }), files })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(
      /^Timed out waiting for stack metaflow-dev: it is still CREATE_IN_PROGRESS\./
    )
  })

  it('survives 30% throttling with correct outputs and no change set left behind', async () => {
    emulator.faults.set({ throttleRate: 0.3 })
    const result = await runAgainst(emulator, { inputs: inputs(), files })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(emulator.requests.filter(r => r.errorCode === 'Throttling').length).toBeGreaterThan(0)
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
  })

  it('on cancellation before execution, deletes its change set and the empty stack it created', async () => {
    emulator.cloudformation.timing.changeSetMs = 2_000
    const result = await runAgainst(emulator, {
      inputs: inputs(),
      files,
      onLine: (line, child) => {
        if (line.startsWith('Change set arn:')) child.kill('SIGINT')
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(/Cancelled while the change set was being created/)
    expect(emulator.calls('DeleteChangeSet')).toHaveLength(1)
    expect(emulator.calls('DeleteStack')).toHaveLength(1)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(0)
    expect(emulator.cloudformation.findStack('metaflow-dev')).toBeUndefined()
  })

  it('on cancellation during execution, stops cleanly and says that CloudFormation carries on', async () => {
    emulator.cloudformation.timing.resourceMs = 300
    const result = await runAgainst(emulator, {
      inputs: inputs(),
      files,
      onLine: (line, child) => {
        if (line.includes('CREATE_IN_PROGRESS') && line.includes('AWS::S3::Bucket')) child.kill('SIGINT')
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(
      /Cancelled while stack metaflow-dev was being deployed\. CloudFormation goes on/
    )
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
    expect(emulator.calls('DeleteStack')).toHaveLength(0)
  })
})

describe('cancellation of updates and previews', () => {
  it('mid-update: stops cleanly, leaves no change set, and CloudFormation finishes the update', async () => {
    expect((await runAgainst(emulator, { inputs: inputs(), files })).exitCode).toBe(0)
    emulator.cloudformation.timing.resourceMs = 400
    const result = await runAgainst(emulator, {
      inputs: inputs({ parameters: 'Env=prod' }),
      files,
      onLine: (line, child) => {
        if (line.includes('UPDATE_IN_PROGRESS') && line.includes('AWS::DynamoDB::Table')) child.kill('SIGINT')
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.warnings.map(w => w.message)).toContain(
      'Received SIGINT: the job is being cancelled; cleaning up what this run created.'
    )
    expect(result.errors.at(-1)?.message).toMatch(/Cancelled while stack metaflow-dev was being deployed/)
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
    const stack = emulator.cloudformation.findStack('metaflow-dev')
    await new Promise(resolve => setTimeout(resolve, 1_500))
    expect(stack?.status).toBe('UPDATE_COMPLETE')
    expect(stack?.deployed?.parameters.Env).toBe('prod')
  })

  it('mid-preview of an existing stack: deletes its change set and changes nothing', async () => {
    expect((await runAgainst(emulator, { inputs: inputs(), files })).exitCode).toBe(0)
    const before = JSON.stringify(emulator.cloudformation.findStack('metaflow-dev')?.deployed)
    emulator.cloudformation.timing.changeSetMs = 2_000
    const result = await runAgainst(emulator, {
      inputs: inputs({ mode: 'preview', comment: 'false', parameters: 'Env=prod' }),
      files,
      onLine: (line, child) => {
        if (line.startsWith('Change set arn:')) child.kill('SIGTERM')
      }
    })
    expect(result.exitCode).toBe(1)
    expect(emulator.calls('DeleteChangeSet')).toHaveLength(1)
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
    expect(JSON.stringify(emulator.cloudformation.findStack('metaflow-dev')?.deployed)).toBe(before)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
  })

  it('mid-preview of a new stack: deletes its change set, and leaves the empty stack (previews never delete stacks)', async () => {
    emulator.cloudformation.timing.changeSetMs = 2_000
    const result = await runAgainst(emulator, {
      inputs: inputs({ mode: 'preview', comment: 'false' }),
      files,
      onLine: (line, child) => {
        if (line.startsWith('Change set arn:')) child.kill('SIGINT')
      }
    })
    expect(result.exitCode).toBe(1)
    expect(emulator.mutatingCalls().map(r => r.operation)).toEqual(['CreateChangeSet', 'DeleteChangeSet'])
    expect(emulator.cloudformation.findStack('metaflow-dev')?.status).toBe('REVIEW_IN_PROGRESS')
  })
})

describe('without a job summary file', () => {
  it('deploys and says the runner offers no summary, instead of failing after the deploy', async () => {
    const result = await runAgainst(emulator, { inputs: inputs(), files, env: { GITHUB_STEP_SUMMARY: '' } })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(logText(result)).toContain('This runner offers no job summary (GITHUB_STEP_SUMMARY is not set)')
  })
})
