import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type ECSClient,
  type Task
} from '@aws-sdk/client-ecs'
import { messageOf } from '../run/errors.js'
import type { EcsService } from './stack-resources.js'

/**
 * Why a Metaflow service is down, in one message instead of four consoles: the service's last stopped tasks with
 * ECS's stoppedReason and each container's reason (an image pull refused by Docker Hub's rate limit, a database
 * that refuses the connection), and the service's most recent events.
 */

/** Stopped tasks read per service: the most recent say why; older ones repeat it. */
const STOPPED_TASKS = 3
const EVENTS = 5

export async function whyDown(
  ecs: ECSClient,
  services: readonly EcsService[],
  signal: AbortSignal
): Promise<string[]> {
  const lines: string[] = []
  for (const service of services) {
    try {
      lines.push(...(await serviceStory(ecs, service, signal)))
    } catch (err) {
      lines.push(`${service.logicalId}: could not read its tasks and events (${messageOf(err)}).`)
    }
  }
  return lines
}

async function serviceStory(ecs: ECSClient, service: EcsService, signal: AbortSignal): Promise<string[]> {
  const call = { abortSignal: signal }
  const listed = await ecs.send(
    new ListTasksCommand({
      cluster: service.cluster,
      serviceName: service.service,
      desiredStatus: 'STOPPED'
    }),
    call
  )
  const arns = listed.taskArns ?? []
  const tasks =
    arns.length === 0
      ? []
      : ((
          await ecs.send(
            new DescribeTasksCommand({ cluster: service.cluster, tasks: arns.slice(0, 100) }),
            call
          )
        ).tasks ?? [])
  const described = await ecs.send(
    new DescribeServicesCommand({ cluster: service.cluster, services: [service.service] }),
    call
  )
  const events = (described.services?.[0]?.events ?? []).slice(0, EVENTS)
  const lines = recentStopped(tasks).map(task => `${service.logicalId}: task stopped: ${stoppedStory(task)}`)
  for (const event of events)
    lines.push(`${service.logicalId}: event ${event.createdAt?.toISOString() ?? ''}: ${event.message ?? ''}`)
  return lines
}

/** The most recently stopped tasks first. */
export function recentStopped(tasks: readonly Task[]): Task[] {
  return [...tasks]
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
    .slice(0, STOPPED_TASKS)
}

/** `CannotPullContainerError: … (container metadata-service: exit code 1)`: the task's reason, then its containers'. */
export function stoppedStory(task: Task): string {
  const containers = (task.containers ?? [])
    .filter(c => (c.reason ?? '') !== '' || c.exitCode !== undefined)
    .map(
      c =>
        `container ${c.name ?? '?'}: ${[c.reason, c.exitCode === undefined ? undefined : `exit code ${c.exitCode}`].filter(Boolean).join(', ')}`
    )
  const head = [task.stopCode, task.stoppedReason]
    .filter(part => part !== undefined && part !== '')
    .join(': ')
  return [head || 'no reason given', ...containers].join('; ')
}
