import { DescribeServicesCommand, UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs'
import { AdaptiveDelay } from '../run/clock.js'
import type { ServiceWait } from './wait.js'
import { DeployError } from '../run/errors.js'
import type { EcsService } from './stack-resources.js'
import { whyDown } from './why-down.js'

/**
 * Rolls the stack's ECS services to a new deployment after a migration, so that every task starts again against
 * the migrated schema (a running metadata service keeps what it read at start-up), and waits for each rollout:
 * COMPLETED, or FAILED with the deployment circuit breaker's reason (ECS developer guide, "deployment circuit
 * breaker"; Deployment.rolloutState in the DescribeServices API reference).
 */

export interface Rolled {
  logicalId: string
  deploymentId: string
}

const POLL_MIN_MS = 5_000
const POLL_MAX_MS = 15_000

/** Starts every rollout, then waits for all of them; fails with the first failure's reason and the diagnosis. */
export async function rollServices(
  ecs: ECSClient,
  services: readonly EcsService[],
  wait: ServiceWait
): Promise<Rolled[]> {
  const call = { abortSignal: wait.signal }
  const started: Rolled[] = []
  for (const service of services) {
    const updated = await ecs.send(
      new UpdateServiceCommand({
        cluster: service.cluster,
        service: service.service,
        forceNewDeployment: true
      }),
      call
    )
    const primary = updated.service?.deployments?.find(d => d.status === 'PRIMARY')
    started.push({ logicalId: service.logicalId, deploymentId: primary?.id ?? '' })
    wait.log(`${service.logicalId}: new deployment ${primary?.id ?? '(id unknown)'} started.`)
  }
  const pending = new Map(services.map((service, i) => [service, started[i] as Rolled]))
  const delay = new AdaptiveDelay(POLL_MIN_MS, POLL_MAX_MS)
  while (pending.size > 0) {
    let progressed = false
    for (const [service, rolled] of [...pending]) {
      const described = await ecs.send(
        new DescribeServicesCommand({ cluster: service.cluster, services: [service.service] }),
        call
      )
      const deployments = described.services?.[0]?.deployments ?? []
      const ours =
        deployments.find(d => d.id === rolled.deploymentId) ?? deployments.find(d => d.status === 'PRIMARY')
      const state = ours?.rolloutState
      if (state === 'COMPLETED') {
        wait.log(`${service.logicalId}: deployment ${rolled.deploymentId} completed.`)
        pending.delete(service)
        progressed = true
      } else if (state === 'FAILED' || ours === undefined) {
        const reason = ours?.rolloutStateReason ?? 'the deployment is gone from the service'
        const story = await whyDown(ecs, [service], wait.signal)
        throw new DeployError(
          [
            `The ECS service ${service.logicalId} did not roll to the migrated schema: ${reason}`,
            ...story
          ].join('\n')
        )
      }
    }
    if (pending.size === 0) break
    const pause = delay.next(progressed)
    if (wait.clock.now() + pause > wait.deadline) {
      const story = await whyDown(ecs, [...pending.keys()], wait.signal)
      throw new DeployError(
        [
          `timeout-minutes ran out while ${[...pending.keys()].map(s => s.logicalId).join(', ')} rolled to a new deployment (ECS goes on with it).`,
          ...story
        ].join('\n')
      )
    }
    await wait.clock.sleep(pause, wait.signal)
  }
  return started
}
