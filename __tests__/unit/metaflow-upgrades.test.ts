import { describe, expect, it } from '@jest/globals'
import type { Clock } from '../../src/run/clock.js'
import { functionError, schemaStatus } from '../../src/metaflow/migrate.js'
import { snapshotIdentifier } from '../../src/metaflow/snapshot.js'
import { clusterOf } from '../../src/metaflow/stack-resources.js'
import { imageVersion, migrationDecision, upgradeNotes } from '../../src/metaflow/upgrades.js'
import { ServiceDown, verifyService, type Answer } from '../../src/metaflow/verify.js'
import { stoppedStory } from '../../src/metaflow/why-down.js'

const bump = [
  {
    key: 'MetadataServiceImage',
    before: 'netflixoss/metaflow_metadata_service:v2.4.12',
    after: 'netflixoss/metaflow_metadata_service:v2.5.1'
  }
]

describe('when to migrate', () => {
  it('migrates a new stack and an image bump under auto, and nothing else', () => {
    expect(migrationDecision('auto', 'create', []).run).toBe(true)
    expect(migrationDecision('auto', 'recreate', []).run).toBe(true)
    expect(migrationDecision('auto', 'update', bump)).toEqual({
      run: true,
      why: 'MetadataServiceImage changed (v2.4.12 -> v2.5.1)'
    })
    expect(
      migrationDecision('auto', 'update', [{ key: 'DBMultiAZ', before: 'false', after: 'true' }])
    ).toEqual({
      run: false,
      outcome: 'not-needed',
      why: 'MetadataServiceImage did not change'
    })
  })

  it('always migrates under always, and skips under never', () => {
    expect(migrationDecision('always', 'update', []).run).toBe(true)
    expect(migrationDecision('never', 'create', bump)).toMatchObject({ run: false, outcome: 'skipped' })
  })
})

describe('upgrade lines of a preview', () => {
  it('names the versions and when the migration runs', () => {
    expect(upgradeNotes(bump, 'preview', 'auto')).toEqual([
      'metadata service v2.4.12 -> v2.5.1: the schema migration runs after deploy'
    ])
    expect(upgradeNotes(bump, 'plan', 'auto')).toEqual([
      'metadata service v2.4.12 -> v2.5.1: the execute job runs the schema migration after deploy'
    ])
    expect(upgradeNotes(bump, 'plan', 'never')[0]).toContain('run the schema migration yourself')
  })

  it('names a UI image change without a migration, and nothing for other parameters', () => {
    const ui = [{ key: 'UIStaticImage', before: 'x/ui:v1.2.4', after: 'x/ui:v1.3.0' }]
    expect(upgradeNotes(ui, 'preview', 'auto')).toEqual([
      'UI v1.2.4 -> v1.3.0: its service rolls to the new image during the deploy'
    ])
    expect(upgradeNotes([{ key: 'DBMultiAZ', before: 'false', after: 'true' }], 'preview', 'auto')).toEqual(
      []
    )
  })

  it('reads versions from tags and digests', () => {
    expect(imageVersion('registry:5000/metaflow:v2.5.1')).toBe('v2.5.1')
    expect(imageVersion(`m@sha256:${'a'.repeat(64)}`)).toBe('sha256:aaaaaaaaaaaa')
    expect(imageVersion('metaflow')).toBe('metaflow')
  })
})

describe('snapshot names', () => {
  it('follow RDS identifier rules whatever the stack name', () => {
    expect(snapshotIdentifier('metaflow-dev', '7002', '1')).toBe('metaflow-deploy-metaflow-dev-7002-1')
    expect(snapshotIdentifier('Metaflow--Prod', '9', '2')).toBe('metaflow-deploy-metaflow-prod-9-2')
    expect(snapshotIdentifier('a'.repeat(300), '1', '1')).toMatch(/^[a-z][a-z0-9-]{0,254}$/)
  })
})

describe('what the service and the function say', () => {
  it('reads the cluster from a long-format service ARN only', () => {
    expect(clusterOf('arn:aws:ecs:us-east-1:123456789012:service/my-cluster/my-service')).toBe('my-cluster')
    expect(clusterOf('arn:aws:ecs:us-east-1:123456789012:service/my-service')).toBeUndefined()
  })

  it('tells a stopped task’s story: its reason, then each container’s', () => {
    expect(
      stoppedStory({
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: pull access denied',
        containers: [
          { name: 'metadata-service', reason: 'toomanyrequests', exitCode: 1 },
          { name: 'sidecar' }
        ]
      })
    ).toBe(
      'TaskFailedToStart: CannotPullContainerError: pull access denied; container metadata-service: toomanyrequests, exit code 1'
    )
    expect(stoppedStory({})).toBe('no reason given')
  })

  it('reads a Python function error and a schema status whatever the version type', () => {
    expect(
      functionError('{"errorMessage": "PATCH /upgrade answered 500", "errorType": "RuntimeError"}')
    ).toBe('RuntimeError: PATCH /upgrade answered 500')
    expect(functionError('not json')).toBe('not json')
    expect(
      schemaStatus({ is_up_to_date: true, current_version: 20230118020300, unapplied_migrations: [] })
    ).toEqual({
      isUpToDate: true,
      currentVersion: '20230118020300',
      unappliedMigrations: []
    })
  })
})

/** A clock whose sleeps advance time at once. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: ms => {
      slept.push(ms)
      now += ms
      return Promise.resolve()
    }
  }
}

describe('verify', () => {
  const KEY = 'k3y-value-never-printed'
  const url = 'https://abc.execute-api.us-east-1.amazonaws.com/api/'

  it('retries with growing pauses until the service answers pong, then reads the version', async () => {
    const clock = fakeClock()
    const answers: Answer[] = [
      { status: 504, body: '{"message":"Endpoint request timed out"}' },
      { status: 503, body: 'starting' },
      { status: 200, body: 'pong' },
      { status: 200, body: '2.5.1\n' }
    ]
    const seen: string[] = []
    const verified = await verifyService(
      url,
      KEY,
      { clock, deadline: 600_000, signal: new AbortController().signal, log: () => undefined },
      (target, headers) => {
        seen.push(`${target} ${headers['x-api-key'] ?? ''}`)
        return Promise.resolve(answers.shift() as Answer)
      }
    )
    expect(verified).toEqual({ version: '2.5.1', attempts: 3 })
    expect(seen.at(-1)).toBe(`${url}version ${KEY}`)
    expect(clock.slept).toEqual([7_500, 11_250])
  })

  it('keeps trying until the deadline, then names the URL and the last answer, never the key', async () => {
    const clock = fakeClock()
    const lines: string[] = []
    const error = await verifyService(
      url,
      KEY,
      { clock, deadline: 120_000, signal: new AbortController().signal, log: line => lines.push(line) },
      () => Promise.resolve({ status: 403, body: `{"message":"Forbidden ${KEY}"}` })
    ).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(ServiceDown)
    expect(clock.now()).toBeGreaterThan(120_000 - 30_000)
    expect((error as ServiceDown).attempts).toBeGreaterThan(5)
    expect((error as Error).message).toContain(url)
    expect((error as Error).message).toContain('HTTP 403')
    expect([(error as Error).message, ...lines].join('\n')).not.toContain(KEY)
  })
})
