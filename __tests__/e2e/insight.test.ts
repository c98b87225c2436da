import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { checksOf } from '../../emulator/cfn/change-set-checks.js'
import { driftOf } from '../../emulator/cfn/drift.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import { ROOT } from '../../harness/runner.js'
import { leftoverChangeSets, logText, runAgainst } from '../support/e2e.js'

/**
 * Cost, drift and AWS's checks through the bundled action (dist/index.js) on the emulator: the bundled template
 * with the dev parameters, deployed, then previewed with a change, a hand-made change and scripted checks.
 */

let emulator: Emulator
let github: GitHubFake
beforeEach(async () => {
  emulator = await startEmulator()
  github = await startGitHubFake()
})
afterEach(async () => {
  await emulator.close()
  await github.close()
})

const STACK = 'metaflow-dev'
const files = { 'deploy/dev.yml': readFileSync(join(ROOT, 'templates', 'params', 'dev.yml'), 'utf8') }
const pullRequest = {
  name: 'pull_request',
  payload: { action: 'synchronize', number: 7, pull_request: { number: 7 } }
}
// These runs are about cost, drift and checks: the Metaflow service step (migrate, verify) is off, tested in
// migrate-verify.test.ts against the stand-in service.
const base = {
  'stack-name': STACK,
  environment: 'dev',
  'parameters-file': 'deploy/dev.yml',
  migrate: 'never',
  verify: 'false'
}

async function deployed(): Promise<void> {
  const result = await runAgainst(emulator, { inputs: { ...base, mode: 'deploy', cost: 'false' }, files })
  expect({ code: result.exitCode, errors: result.errors }).toEqual({ code: 0, errors: [] })
}

function preview(inputs: Record<string, string>) {
  return runAgainst(emulator, {
    inputs: { ...base, ...inputs },
    files,
    event: pullRequest,
    env: { GITHUB_API_URL: github.url }
  })
}

const comment = (): string => github.comments.at(-1)?.body ?? ''

describe('cost, drift and checks in a preview', () => {
  it('prices the change, shows the drift it meets and the checks AWS ran, and sets the outputs', async () => {
    await deployed()
    driftOf(emulator.cloudformation).changeOutOfBand(emulator.cloudformation, STACK, 'RDSMasterInstance', {
      properties: { '/DBInstanceClass': 'db.t3.small' }
    })
    const checks = checksOf(emulator.cloudformation)
    checks.validations = [
      {
        name: 'BUCKET_NOT_EMPTY',
        mode: 'WARN',
        reason: 'The bucket holds 12 objects',
        logicalId: 'MetaflowS3Bucket',
        path: '/Resources/MetaflowS3Bucket'
      }
    ]
    checks.hooks = [
      {
        typeName: 'Org::Security::Guard',
        failureMode: 'WARN',
        status: 'HOOK_COMPLETE_FAILED',
        statusReason: 'a rule failed',
        annotations: [
          {
            AnnotationName: 'multi-az',
            Status: 'FAILED',
            StatusMessage: 'MultiAZ is false',
            SeverityLevel: 'MEDIUM'
          }
        ]
      }
    ]
    const before = emulator.requests.length
    const result = await preview({ parameters: 'DBInstanceClass=db.m6g.large' })
    expect({ code: result.exitCode, errors: result.errors }).toEqual({ code: 0, errors: [] })
    const body = comment()
    expect(body).toContain(
      '**+$102.93/mo**: `RDSMasterInstance` `db.t3.micro, Single-AZ, 20 GB` → `db.m6g.large, Single-AZ, 20 GB`'
    )
    expect(body).toContain('from the AWS Price List API')
    expect(body).toMatch(
      /`\/DBInstanceClass` \| `db\.t3\.micro` \| `db\.t3\.small` \| `db\.m6g\.large` \| ⚠️ overwritten/
    )
    expect(body).toContain('⚠️ WARN | `BUCKET_NOT_EMPTY`')
    expect(body).toContain('`Org::Security::Guard: multi-az`')
    expect(result.outputs).toMatchObject({ 'cost-monthly-delta': '102.93', 'drifted-count': '1' })
    expect(
      Number(result.outputs['cost-monthly-after']) - Number(result.outputs['cost-monthly-before'])
    ).toBeCloseTo(102.93, 2)
    const extra = emulator.requests.slice(before).filter(r => r.fromAction)
    expect(extra.filter(r => r.operation === 'GetProducts').length).toBeGreaterThan(0)
    expect(extra.filter(r => r.operation === 'DetectStackDrift')).toHaveLength(1)
    expect(leftoverChangeSets(emulator, STACK)).toEqual([])
  })

  it('degrades to notes: pricing denied -> the snapshot and its date; drift denied -> a note; never a failure', async () => {
    await deployed()
    emulator.pricing.denied = true
    driftOf(emulator.cloudformation).denied.add('DetectStackDrift')
    driftOf(emulator.cloudformation).denied.add('ListHookResults')
    const result = await preview({ parameters: 'DBInstanceClass=db.m6g.large' })
    expect({ code: result.exitCode, errors: result.errors }).toEqual({ code: 0, errors: [] })
    const body = comment()
    expect(body).toMatch(
      /Prices from the snapshot bundled with the action, dated `\d{4}-\d{2}-\d{2}`: pricing:GetProducts was denied/
    )
    expect(body).toContain('**+$102.93/mo**')
    expect(body).toContain('Drift was not checked: AccessDenied')
    expect(body).toContain('Hook results were not read: the role lacks')
    expect(result.outputs['drifted-count']).toBeUndefined()
    expect(result.outputs['cost-monthly-delta']).toBe('102.93')
  })

  it('a drift detection that never finishes is a note after its bound, not a failure', async () => {
    await deployed()
    driftOf(emulator.cloudformation).detectionMs = undefined
    const result = await preview({ parameters: 'DBInstanceClass=db.t3.small' })
    expect({ code: result.exitCode, errors: result.errors }).toEqual({ code: 0, errors: [] })
    expect(comment()).toContain('Drift detection did not finish within 60 s')
  })

  it('max-monthly-increase: a preview fails after reporting, keeping its comment', async () => {
    await deployed()
    const result = await preview({
      parameters: 'DBInstanceClass=db.m6g.large',
      'max-monthly-increase': '100'
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.map(e => e.message).join('\n')).toMatch(
      /raises the monthly cost at rest by \$102\.93, over max-monthly-increase \(\$100\.00\)/
    )
    expect(comment()).toContain('is over `max-monthly-increase` ($100.00)')
    expect(comment()).toContain('#### 💰 Cost at rest')
  })

  it('max-monthly-increase: a deploy refuses before ExecuteChangeSet and leaves no change set', async () => {
    await deployed()
    const executed = emulator.calls('ExecuteChangeSet').length
    const result = await runAgainst(emulator, {
      inputs: {
        ...base,
        mode: 'deploy',
        parameters: 'DBInstanceClass=db.m6g.large',
        'max-monthly-increase': '50'
      },
      files
    })
    expect(result.exitCode).toBe(1)
    expect(logText(result) + result.errors.map(e => e.message).join('\n')).toMatch(
      /Refusing to execute: the change raises the monthly cost at rest/
    )
    expect(emulator.calls('ExecuteChangeSet').length).toBe(executed)
    expect(leftoverChangeSets(emulator, STACK)).toEqual([])
    expect(emulator.cloudformation.findStack(STACK)?.deployed?.parameters.DBInstanceClass).toBe('db.t3.micro')
  })

  it('max-monthly-increase: execute refuses the planned change set before ExecuteChangeSet, and removes it', async () => {
    await deployed()
    const planned = await runAgainst(emulator, {
      inputs: { ...base, mode: 'plan', parameters: 'DBInstanceClass=db.m6g.large', comment: 'false' },
      files
    })
    expect(planned.exitCode).toBe(0)
    const id = planned.outputs['change-set-id'] ?? ''
    const executed = emulator.calls('ExecuteChangeSet').length
    const result = await runAgainst(emulator, {
      inputs: {
        ...base,
        mode: 'execute',
        'change-set-id': id,
        parameters: 'DBInstanceClass=db.m6g.large',
        'max-monthly-increase': '10'
      },
      files
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.map(e => e.message).join('\n')).toMatch(
      /Refusing to execute: the change raises the monthly cost at rest of stack metaflow-dev by \$102\.93/
    )
    expect(emulator.calls('ExecuteChangeSet').length).toBe(executed)
    expect(leftoverChangeSets(emulator, STACK)).toEqual([])
  })

  it('deployment-mode revert-drift: a drift-aware change set, its drift fields in the preview', async () => {
    await deployed()
    driftOf(emulator.cloudformation).changeOutOfBand(emulator.cloudformation, STACK, 'RDSMasterInstance', {
      properties: { '/BackupRetentionPeriod': 3 }
    })
    // Reverting the retention from the live 3 days to the template's 1 deletes backups: the data-loss guard's
    // in-place rule refuses it unless allowed, as for any change set.
    const refused = await preview({ 'deployment-mode': 'revert-drift' })
    expect(refused.exitCode).toBe(1)
    expect(JSON.parse(refused.outputs['data-loss'] ?? '')).toEqual([
      { path: 'RDSMasterInstance', type: 'AWS::RDS::DBInstance', action: 'Modify' }
    ])
    const result = await preview({
      'deployment-mode': 'revert-drift',
      'allow-data-loss': 'RDSMasterInstance'
    })
    expect({ code: result.exitCode, errors: result.errors }).toEqual({ code: 0, errors: [] })
    expect(emulator.lastCall('CreateChangeSet')).toMatchObject({ DeploymentMode: 'REVERT_DRIFT' })
    const body = comment()
    expect(body).toContain('Drift reverted by this change set')
    expect(body).toMatch(/`\/Properties\/BackupRetentionPeriod` \| `1` \| `3` \| `1` \| `ACTUAL_STATE`/)
    expect(result.outputs['drifted-count']).toBe('1')
  })

  it('a FAIL check fails the change set, so the preview fails', async () => {
    await deployed()
    checksOf(emulator.cloudformation).hooks = [
      {
        typeName: 'Org::Cost::Guard',
        failureMode: 'FAIL',
        status: 'HOOK_COMPLETE_FAILED',
        statusReason: 'too big',
        annotations: []
      }
    ]
    const result = await preview({ parameters: 'DBInstanceClass=db.m6g.large' })
    expect(result.exitCode).toBe(1)
    expect(result.errors.map(e => e.message).join('\n')).toContain('Org::Cost::Guard')
  })
})
