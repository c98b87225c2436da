import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { deploy } from '../../src/modes/deploy.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { outputsOf } from '../../src/publish/outputs.js'
import { deployedStack } from '../support/outcome.js'
import { metaflowVariables } from '../../src/publish/metaflow-config.js'
import { countOutcome } from '../../src/run/outcome.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { ROOT } from '../../harness/runner.js'
import { testContext } from '../support/context.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

describe('the bundled template in the emulator', () => {
  it.each([
    // dev: no notebook, public subnets; staging and prod: private subnets with a NAT gateway and flow logs.
    ['dev', 54],
    ['staging', 68],
    ['prod', 68]
  ])('deploys with templates/params/%s.yml and yields every Metaflow variable', async (env, resources) => {
    const { ctx } = await testContext(
      emulator,
      { 'stack-name': `metaflow-${env}`, 'parameters-file': `templates/params/${env}.yml`, environment: env },
      ROOT
    )
    const result = await deploy(ctx, await readStackRequest(ctx))
    expect(result.stack?.StackStatus).toBe('CREATE_COMPLETE')
    expect(countOutcome(result).add).toBe(resources)
    const variables = metaflowVariables(outputsOf(deployedStack(result)), 'key')
    expect(Object.keys(variables).sort()).toEqual(
      [
        'METAFLOW_BATCH_JOB_QUEUE',
        'METAFLOW_DATASTORE_SYSROOT_S3',
        'METAFLOW_DATATOOLS_S3ROOT',
        'METAFLOW_DEFAULT_DATASTORE',
        'METAFLOW_DEFAULT_METADATA',
        'METAFLOW_ECS_FARGATE_EXECUTION_ROLE',
        'METAFLOW_ECS_S3_ACCESS_IAM_ROLE',
        'METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE',
        'METAFLOW_SERVICE_AUTH_KEY',
        'METAFLOW_SERVICE_INTERNAL_URL',
        'METAFLOW_SERVICE_URL',
        'METAFLOW_SFN_DYNAMO_DB_TABLE',
        'METAFLOW_SFN_IAM_ROLE',
        'METAFLOW_SFN_STATE_MACHINE_PREFIX'
      ].sort()
    )
    expect(variables.METAFLOW_SERVICE_URL).toMatch(
      /^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/api\/$/
    )
    expect(variables.METAFLOW_SFN_STATE_MACHINE_PREFIX).toBe(`metaflow-${env}`)
    expect(variables.METAFLOW_BATCH_JOB_QUEUE).toBe(
      `arn:aws:batch:us-east-1:123456789012:job-queue/job-queue-metaflow-${env}`
    )
  })
})
