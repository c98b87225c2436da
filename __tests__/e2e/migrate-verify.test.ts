import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import {
  attachMetaflowService,
  V2_5_1_MIGRATIONS,
  type MetaflowServiceStandIn
} from '../../harness/metaflow-service.js'
import type { RunResult } from '../../harness/runner.js'
import { runAgainst } from '../support/e2e.js'

/**
 * Through the bundle: the bundled template deployed to the emulator, then its migration function run for real
 * (python3, the template's own inline code) against the stand-in Metaflow service, the ECS services rolled, and
 * the metadata service verified through the stack's API URL with its key. The action reaches that https URL the
 * way a runner behind a proxy does: HTTPS_PROXY is the emulator, which answers the TLS with a certificate the
 * action trusts through NODE_EXTRA_CA_CERTS.
 */

const python = spawnSync('python3', ['--version']).status === 0
const openssl = spawnSync('openssl', ['version']).status === 0
if ((!python || !openssl) && process.env.CI === 'true')
  throw new Error('python3 and openssl must run in CI (the migration function, the execute-api certificate).')
const maybe = python && openssl ? describe : describe.skip

const OLD_IMAGE = 'netflixoss/metaflow_metadata_service:v2.4.12'
const NEW_IMAGE = 'netflixoss/metaflow_metadata_service:v2.5.1'
let emulator: Emulator
let service: MetaflowServiceStandIn

beforeEach(async () => {
  emulator = await startEmulator()
  service = await attachMetaflowService(emulator)
})

afterEach(async () => {
  await emulator.close()
  await service.close()
})

function deploy(inputs: Record<string, string> = {}, runId = '7001'): Promise<RunResult> {
  return runAgainst(emulator, {
    inputs: { 'stack-name': 'metaflow-dev', template: '', 'timeout-minutes': '2', ...inputs },
    env: { GITHUB_RUN_ID: runId },
    timeoutMs: 120_000
  })
}

/** The stack's API key value, as the emulator generated it. */
function apiKey(): string {
  const key = [...emulator.apiGateway.keys.values()].find(k => k.stackName === 'metaflow-dev')
  if (key === undefined) throw new Error('the stack has no API key')
  return key.value
}

/**
 * Everything a person or a later step can read, except where the key belongs by design, masked: the api-key
 * output and the exported METAFLOW_SERVICE_AUTH_KEY.
 */
function everythingWritten(result: RunResult): string {
  const outputs = Object.entries(result.outputs).filter(([name]) => name !== 'api-key')
  return [
    // The runner's add-mask command carries the key to the runner, which hides it from then on.
    ...result.lines.filter(line => !line.startsWith('::add-mask::')),
    result.summary,
    JSON.stringify(outputs)
  ].join('\n')
}

/** A first deploy that leaves the stack at v2.4.12 with its schema up to date. */
async function deployedAtV2412(): Promise<void> {
  // The template's default is v2.5.1 now: the stack starts on the previous image, so that v2.5.1 is a bump.
  const first = await deploy({ parameters: `MetadataServiceImage=${OLD_IMAGE}` })
  expect({ exitCode: first.exitCode, errors: first.errors.map(e => e.message) }).toEqual({
    exitCode: 0,
    errors: []
  })
  emulator.requests.length = 0
  emulator.lambda.invocations.length = 0
}

/** The running image becomes v2.5.1 (CloudFormation rolled the task definition): five migrations to apply. */
function imageBumped(): void {
  service.version = '2.5.1'
  service.migrations = [...V2_5_1_MIGRATIONS]
}

maybe('migrate, roll and verify after a deploy', () => {
  it('migrates a new stack, rolls its service and verifies it, without a snapshot', async () => {
    const result = await deploy()

    expect({ exitCode: result.exitCode, errors: result.errors.map(e => e.message) }).toEqual({
      exitCode: 0,
      errors: []
    })
    expect(result.outputs.migration).toBe('ran')
    expect(result.outputs['db-snapshot-id']).toBeUndefined()
    expect(result.outputs['metaflow-service-version']).toBe('2.4.12')
    expect(emulator.lambda.invocations).toEqual([{ functionName: 'metaflow-dev-migrate-db', failed: false }])
    expect(service.unapplied()).toEqual([])
    expect(emulator.calls('CreateDBSnapshot')).toHaveLength(0)
    expect(emulator.calls('UpdateService').map(c => c.params.forceNewDeployment)).toEqual([true])
    expect(emulator.ecs.deploymentsOf('ECSFargateService').map(d => d.rolloutState)).toEqual(['COMPLETED'])
    expect(result.summary).toContain('Migration: **ran** (the stack is new)')
    expect(result.summary).toContain('Schema version: `0` (8 unapplied) → `20230118020300` (up to date)')
    expect(result.summary).toContain('Rolled to a new deployment: `ECSFargateService`')
    expect(emulator.executeApi.requests.every(r => r.hadKey && r.status === 200)).toBe(true)
    expect(everythingWritten(result)).not.toContain(apiKey())
  }, 180_000)

  it('snapshots the database before migrating an image bump, then rolls and verifies the new version', async () => {
    await deployedAtV2412()
    imageBumped()

    const result = await deploy({ parameters: `MetadataServiceImage=${NEW_IMAGE}` }, '7002')

    expect({ exitCode: result.exitCode, errors: result.errors.map(e => e.message) }).toEqual({
      exitCode: 0,
      errors: []
    })
    expect(result.outputs['db-snapshot-id']).toBe('metaflow-deploy-metaflow-dev-7002-1')
    const snapshot = emulator.rds.snapshots.get('metaflow-deploy-metaflow-dev-7002-1')
    expect(snapshot?.status).toBe('available')
    expect(snapshot?.tags).toContainEqual({ Key: 'metaflow-deploy:stack', Value: 'metaflow-dev' })
    expect(result.outputs.migration).toBe('ran')
    expect(result.outputs['metaflow-service-version']).toBe('2.5.1')
    expect(service.unapplied()).toEqual([])
    // The snapshot is available before the function runs, and the service rolls after it.
    const order = emulator.requests
      .filter(r => ['CreateDBSnapshot', 'Invoke', 'UpdateService'].includes(r.operation))
      .map(r => r.operation)
    expect(order).toEqual(['CreateDBSnapshot', 'Invoke', 'UpdateService'])
    expect(result.summary).toContain('`20230118020300` (5 unapplied) → `20260706000003` (up to date)')
    expect(result.summary).toContain('MetadataServiceImage changed (v2.4.12 -> v2.5.1)')
    expect(everythingWritten(result)).not.toContain(apiKey())
  }, 180_000)

  it('does nothing on a second run with the same image (not-needed), and still verifies', async () => {
    await deployedAtV2412()

    const result = await deploy({}, '7003')

    expect(result.exitCode).toBe(0)
    expect(result.outputs.migration).toBe('not-needed')
    expect(emulator.calls('Invoke')).toHaveLength(0)
    expect(emulator.calls('UpdateService')).toHaveLength(0)
    expect(emulator.calls('CreateDBSnapshot')).toHaveLength(0)
    expect(result.outputs['metaflow-service-version']).toBe('2.4.12')
  }, 180_000)

  it('fails the step with the function’s own error when the migration fails; the snapshot is reported, nothing rolled', async () => {
    await deployedAtV2412()
    imageBumped()
    service.upgradeFails = true

    const result = await deploy({ parameters: `MetadataServiceImage=${NEW_IMAGE}` }, '7004')

    expect(result.exitCode).toBe(1)
    const error = result.errors.map(e => e.message).join('\n')
    expect(error).toContain('PATCH /upgrade answered 500: upgrade failed')
    expect(error).toContain('metaflow-deploy-metaflow-dev-7004-1')
    expect(error).toContain('docs/upgrades.md')
    expect(result.outputs['db-snapshot-id']).toBe('metaflow-deploy-metaflow-dev-7004-1')
    expect(result.outputs.migration).toBeUndefined()
    expect(emulator.calls('UpdateService')).toHaveLength(0)
    expect(emulator.cloudformation.findStack('metaflow-dev')?.status).toBe('UPDATE_COMPLETE')
    expect(service.unapplied()).toHaveLength(5)
    expect(result.summary).toContain(
      'Database snapshot before the migration: `metaflow-deploy-metaflow-dev-7004-1`'
    )
  }, 180_000)

  it('fails a rollout that the circuit breaker stops, naming the stopped task’s reason', async () => {
    await deployedAtV2412()
    imageBumped()
    emulator.ecs.failTasks('ECSFargateService', {
      stoppedReason: 'Essential container in task exited',
      containerReason: 'CannotPullContainerError: toomanyrequests: You have reached your pull rate limit.'
    })

    const result = await deploy({ parameters: `MetadataServiceImage=${NEW_IMAGE}` }, '7005')

    expect(result.exitCode).toBe(1)
    const error = result.errors.map(e => e.message).join('\n')
    expect(error).toContain('ECS deployment circuit breaker: tasks failed to start.')
    expect(error).toContain('toomanyrequests: You have reached your pull rate limit.')
    expect(result.outputs['metaflow-service-version']).toBeUndefined()
  }, 180_000)

  it('fails within the deadline when the service never answers, naming the stopped task’s reason', async () => {
    await deployedAtV2412()
    service.down = true
    emulator.ecs.stopTask('ECSFargateService', {
      stoppedReason: 'Task failed container health checks',
      containerReason: 'ResourceInitializationError: unable to connect to the database: connection refused',
      exitCode: 1
    })
    const started = Date.now()

    const result = await deploy({ 'timeout-minutes': '0.2' }, '7006')

    expect(result.exitCode).toBe(1)
    // It kept asking until 5 s before the 12 s deadline (time left for the diagnosis), not giving up early.
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThan(6_000)
    expect(elapsed).toBeLessThan(12_000 + 10_000)
    const error = result.errors.map(e => e.message).join('\n')
    expect(error).toMatch(
      /The Metaflow metadata service at https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/api\/ did not answer/
    )
    expect(error).toContain('Endpoint request timed out')
    expect(error).toContain(
      'ResourceInitializationError: unable to connect to the database: connection refused'
    )
    expect(error).toContain('exit code 1')
    expect(service.requests.filter(r => r === 'GET metadata /ping').length).toBeGreaterThan(5)
    expect(everythingWritten(result)).not.toContain(apiKey())
  }, 180_000)

  it('verifies in mode outputs without migrating', async () => {
    await deployedAtV2412()

    const result = await deploy({ mode: 'outputs' }, '7007')

    expect(result.exitCode).toBe(0)
    expect(result.outputs['metaflow-service-version']).toBe('2.4.12')
    expect(result.outputs.migration).toBeUndefined()
    expect(emulator.calls('Invoke')).toHaveLength(0)
    expect(everythingWritten(result)).not.toContain(apiKey())
  }, 180_000)

  it('names the upgrade in a plan, telling the approver that the execute job migrates', async () => {
    await deployedAtV2412()

    const result = await deploy(
      { mode: 'plan', comment: 'false', parameters: `MetadataServiceImage=${NEW_IMAGE}` },
      '7008'
    )

    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain(
      '`metadata service v2.4.12 -> v2.5.1: the execute job runs the schema migration after deploy`'
    )
    expect(emulator.calls('Invoke')).toHaveLength(0)
  }, 180_000)

  it('sends DeploymentConfig.Mode EXPRESS with deployment-speed express, and verify still waits for the service', async () => {
    const result = await deploy({ 'deployment-speed': 'express' })

    expect(result.exitCode).toBe(0)
    expect(emulator.lastCall('CreateChangeSet')?.DeploymentConfig).toEqual({ Mode: 'EXPRESS' })
    expect(result.outputs['metaflow-service-version']).toBe('2.4.12')
  }, 180_000)

  it('leaves DeploymentConfig out by default (standard)', async () => {
    await deploy()

    expect(emulator.lastCall('CreateChangeSet')?.DeploymentConfig).toBeUndefined()
  }, 180_000)

  it('names the stopped tasks’ reasons when the stack update itself fails on the ECS service', async () => {
    await deployedAtV2412()
    emulator.ecs.stopTask('ECSFargateService', {
      stoppedReason: 'Essential container in task exited',
      containerReason: 'CannotPullContainerError: pull access denied for netflixoss/metaflow_metadata_service'
    })
    emulator.failResource({
      logicalId: 'ECSFargateService',
      during: 'update',
      reason:
        'Resource handler returned message: "Error occurred during operation \'ECS Deployment Circuit Breaker was triggered\'."'
    })

    const result = await deploy({ parameters: `MetadataServiceImage=${NEW_IMAGE}` }, '7009')

    expect(result.exitCode).toBe(1)
    const error = result.errors.map(e => e.message).join('\n')
    expect(error).toContain('ECS Deployment Circuit Breaker was triggered')
    expect(error).toContain(
      'CannotPullContainerError: pull access denied for netflixoss/metaflow_metadata_service'
    )
    expect(result.summary).toContain('CannotPullContainerError: pull access denied')
    expect(emulator.calls('Invoke')).toHaveLength(0)
  }, 180_000)
})
