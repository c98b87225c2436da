import { describe, expect, it } from '@jest/globals'
import type { ResourceChange, Stack } from '@aws-sdk/client-cloudformation'
import { countChanges, describeCounts, formatChange, kindOf, totalChanges } from '../../src/stack/changes.js'
import { InputError } from '../../src/run/errors.js'
import { stackTags } from '../../src/stack/plan.js'
import { classifyStack, isSuccessStatus, isTerminalStatus, recoveryFor } from '../../src/stack/state.js'

const stack = (status: string): Stack => ({
  StackName: 'app',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/1',
  StackStatus: status as Stack['StackStatus'],
  CreationTime: new Date('2026-01-01T00:00:00Z')
})

describe('classifyStack', () => {
  it.each([
    'CREATE_COMPLETE',
    'UPDATE_COMPLETE',
    'UPDATE_ROLLBACK_COMPLETE',
    'IMPORT_COMPLETE',
    'IMPORT_ROLLBACK_COMPLETE'
  ])('%s is stable: the next deploy updates it', status => {
    expect(classifyStack(stack(status))).toEqual({ kind: 'stable', stack: stack(status) })
  })

  it.each(['CREATE_FAILED', 'UPDATE_FAILED'])(
    '%s (rollback disabled) is stable and preserved: the next deploy fixes forward, never "needs a person"',
    status => {
      const state = classifyStack(stack(status))
      expect(state).toMatchObject({ kind: 'stable', preserved: true })
    }
  )

  it('UPDATE_ROLLBACK_COMPLETE is never a failed create (which would be deleted)', () => {
    expect(classifyStack(stack('UPDATE_ROLLBACK_COMPLETE')).kind).toBe('stable')
  })

  it.each([
    'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
    'UPDATE_IN_PROGRESS'
  ])('%s is in progress: waited for', status => {
    expect(classifyStack(stack(status)).kind).toBe('in-progress')
  })

  it.each(['ROLLBACK_COMPLETE', 'REVIEW_IN_PROGRESS'])('%s is a failed create', status => {
    expect(classifyStack(stack(status)).kind).toBe('failed-create')
  })

  it('absent and deleted stacks are absent', () => {
    expect(classifyStack(undefined)).toEqual({ kind: 'absent' })
    expect(classifyStack(stack('DELETE_COMPLETE'))).toEqual({ kind: 'absent' })
  })
})

describe('recoveryFor', () => {
  it('UPDATE_ROLLBACK_FAILED: continue-update-rollback, with --resources-to-skip for what cannot be restored', () => {
    expect(recoveryFor('UPDATE_ROLLBACK_FAILED', 'app')).toMatch(
      /`aws cloudformation continue-update-rollback --stack-name app`.*`--resources-to-skip LogicalId1 LogicalId2`/
    )
  })

  it('DELETE_FAILED: delete again, or force it with --deletion-mode FORCE_DELETE_STACK', () => {
    expect(recoveryFor('DELETE_FAILED', 'app')).toContain(
      '`aws cloudformation delete-stack --stack-name app --deletion-mode FORCE_DELETE_STACK`'
    )
  })

  it('IMPORT_ROLLBACK_FAILED: never continue-update-rollback, which AWS documents for UPDATE_ROLLBACK_FAILED only', () => {
    const advice = recoveryFor('IMPORT_ROLLBACK_FAILED', 'app')
    expect(advice).not.toMatch(/`aws cloudformation continue-update-rollback/)
    expect(advice).toContain(
      '`aws cloudformation delete-stack --stack-name app --retain-resources LogicalId1 LogicalId2`'
    )
  })

  it('no advice mentions rollback-stack, which would throw away what disable-rollback kept', () => {
    for (const status of [
      'UPDATE_ROLLBACK_FAILED',
      'ROLLBACK_FAILED',
      'DELETE_FAILED',
      'IMPORT_ROLLBACK_FAILED',
      'WEIRD'
    ])
      expect(recoveryFor(status, 'app')).not.toMatch(/rollback-stack/)
  })
})

describe('terminal and success statuses', () => {
  it('clean-up phases are not terminal', () => {
    expect(isTerminalStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')).toBe(false)
    expect(isTerminalStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')).toBe(false)
    expect(isTerminalStatus('UPDATE_COMPLETE')).toBe(true)
  })

  it('a rolled-back update is terminal but not a success', () => {
    expect(isTerminalStatus('UPDATE_ROLLBACK_COMPLETE')).toBe(true)
    expect(isSuccessStatus('UPDATE_ROLLBACK_COMPLETE')).toBe(false)
  })
})

describe('counting changes', () => {
  const change = (
    Action: ResourceChange['Action'],
    Replacement?: ResourceChange['Replacement']
  ): ResourceChange => ({
    Action,
    LogicalResourceId: `R${Action ?? ''}`,
    ResourceType: 'AWS::S3::Bucket',
    ...(Replacement === undefined ? {} : { Replacement })
  })

  it('Import, Dynamic and SyncWithActual are counted as what they are, never as modifies', () => {
    const counts = countChanges([
      change('Add'),
      change('Modify', 'False'),
      change('Modify', 'Conditional'),
      change('Remove'),
      change('Import'),
      change('Dynamic'),
      change('SyncWithActual')
    ])
    expect(counts).toEqual({
      add: 1,
      modify: 1,
      replace: 1,
      remove: 1,
      import: 1,
      dynamic: 1,
      syncWithActual: 1
    })
    expect(totalChanges(counts)).toBe(7)
    expect(describeCounts(counts)).toBe(
      '1 to add, 1 to modify, 1 to replace, 1 to remove, 1 to import, 1 decided during execution, 1 to sync with actual'
    )
  })

  it('the four usual kinds read as before', () => {
    expect(describeCounts(countChanges([change('Add')]))).toBe(
      '1 to add, 0 to modify, 0 to replace, 0 to remove'
    )
  })

  it('an import logs as an import, and renders as an add for four-kind renderers', () => {
    expect(formatChange(change('Import'))).toMatch(/^→ AWS::S3::Bucket +RImport {2}\(imported\)$/)
    expect(kindOf(change('Import'))).toBe('add')
  })
})

describe('stackTags', () => {
  const existing: Stack = {
    ...stack('UPDATE_COMPLETE'),
    Tags: [
      { Key: 'team', Value: 'ml' },
      { Key: 'cost', Value: '42' }
    ]
  }

  it('tags given: exactly those plus the environment tag', () => {
    expect(stackTags({ stackName: 'app', environment: 'dev', tags: { owner: 'me' } }, existing)).toEqual([
      { Key: 'owner', Value: 'me' },
      { Key: 'metaflow-deploy:environment', Value: 'dev' }
    ])
  })

  it('an empty tags map given clears the stack tags but the environment tag', () => {
    expect(stackTags({ stackName: 'app', environment: '', tags: {} }, existing)).toEqual([])
  })

  it('tags unset on an update: the existing tags plus the environment tag', () => {
    expect(stackTags({ stackName: 'app', environment: 'dev', tags: undefined }, existing)).toEqual([
      { Key: 'team', Value: 'ml' },
      { Key: 'cost', Value: '42' },
      { Key: 'metaflow-deploy:environment', Value: 'dev' }
    ])
  })

  it('tags unset, nothing to add: no Tags sent at all (which keeps them)', () => {
    expect(stackTags({ stackName: 'app', environment: '', tags: undefined }, existing)).toBeUndefined()
    expect(stackTags({ stackName: 'app', environment: '', tags: undefined }, undefined)).toBeUndefined()
  })

  it('tags unset on a create: the environment tag alone', () => {
    expect(stackTags({ stackName: 'app', environment: 'prod', tags: undefined }, undefined)).toEqual([
      { Key: 'metaflow-deploy:environment', Value: 'prod' }
    ])
  })

  it('more than 50 in the end is an InputError naming tags', () => {
    const full: Stack = {
      ...existing,
      Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    }
    const attempt = (): unknown => stackTags({ stackName: 'app', environment: 'dev', tags: undefined }, full)
    expect(attempt).toThrow(InputError)
    expect(attempt).toThrow(/^Input 'tags': the 50 tags stack app already has plus the environment tag/)
  })
})
