import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { leftoverChangeSets, runAgainst } from '../support/e2e.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

/** A datastore bucket and a table; `bucketName` changes force the bucket's replacement. */
function template(options: { bucketName: string; withTable?: boolean; tablePolicy?: string }): string {
  return [
    'Resources:',
    '  Datastore:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    `      BucketName: ${options.bucketName}`,
    ...(options.withTable === false
      ? []
      : [
          '  Table:',
          '    Type: AWS::DynamoDB::Table',
          ...(options.tablePolicy === undefined ? [] : [`    DeletionPolicy: ${options.tablePolicy}`]),
          '    Properties:',
          '      BillingMode: PAY_PER_REQUEST',
          '      KeySchema: [{AttributeName: pathspec, KeyType: HASH}]'
        ])
  ].join('\n')
}

const run = (body: string, extra: Record<string, string> = {}) =>
  runAgainst(emulator, {
    inputs: { 'stack-name': 'metaflow-dev', template: 'stack.yml', ...extra },
    files: { 'stack.yml': body }
  })

describe('the data-loss guard', () => {
  it('refuses a deploy that replaces the datastore bucket, names it, deletes the change set, executes nothing', async () => {
    expect((await run(template({ bucketName: 'metaflow-data-1' }))).exitCode).toBe(0)
    const result = await run(template({ bucketName: 'metaflow-data-2' }))
    expect(result.exitCode).not.toBe(0)
    const message = result.errors.map(e => e.message).join('\n')
    expect(message).toMatch(/Datastore/)
    expect(message).toMatch(/allow-data-loss/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
    expect(leftoverChangeSets(emulator, 'metaflow-dev')).toEqual([])
    expect(emulator.cloudformation.findStack('metaflow-dev')?.status).toBe('CREATE_COMPLETE')
  })

  it('deploys the same change when allow-data-loss names the bucket, with a warning', async () => {
    expect((await run(template({ bucketName: 'metaflow-data-1' }))).exitCode).toBe(0)
    const result = await run(template({ bucketName: 'metaflow-data-2' }), { 'allow-data-loss': 'Datastore' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['stack-status']).toBe('UPDATE_COMPLETE')
    expect(result.warnings.map(w => w.message).join('\n')).toMatch(/Datastore .*allowed by allow-data-loss/)
  })

  it('refuses removing a table, but not removing one the template retains (DeletionPolicy: Retain)', async () => {
    expect((await run(template({ bucketName: 'b1' }))).exitCode).toBe(0)
    const removed = await run(template({ bucketName: 'b1', withTable: false }))
    expect(removed.exitCode).not.toBe(0)
    expect(removed.errors.map(e => e.message).join('\n')).toMatch(/Table/)

    expect((await run(template({ bucketName: 'b1', tablePolicy: 'Retain' }))).exitCode).toBe(0)
    const retained = await run(template({ bucketName: 'b1', withTable: false }))
    expect(retained.exitCode).toBe(0)
  })

  it('a preview marks what a deploy would refuse, and changes nothing (fail-on-data-loss: false)', async () => {
    expect((await run(template({ bucketName: 'metaflow-data-1' }))).exitCode).toBe(0)
    const result = await run(template({ bucketName: 'metaflow-data-2' }), {
      mode: 'preview',
      'fail-on-data-loss': 'false'
    })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toMatch(/allow-data-loss/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
  })

  it('applies at execute: a planned replacement is refused before ExecuteChangeSet', async () => {
    expect((await run(template({ bucketName: 'metaflow-data-1' }))).exitCode).toBe(0)
    const planned = await run(template({ bucketName: 'metaflow-data-2' }), { mode: 'plan' })
    const id = planned.outputs['change-set-id'] ?? ''
    expect(id).not.toBe('')
    const executed = await run(template({ bucketName: 'metaflow-data-2' }), {
      mode: 'execute',
      'change-set-id': id
    })
    expect(executed.exitCode).not.toBe(0)
    expect(executed.errors.map(e => e.message).join('\n')).toMatch(/Datastore/)
    expect(emulator.calls('ExecuteChangeSet')).toHaveLength(1)
  })
})
