import { randomUUID } from 'node:crypto'
import type { StackView } from './stack-view.js'

/**
 * Amazon ECS, the four calls that roll and diagnose a stack's services, over ECS's JSON 1.1 protocol
 * (`X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>`):
 * - UpdateService with forceNewDeployment starts a new PRIMARY deployment; the previous one stays ACTIVE until the
 *   new one completes (UpdateService API reference, "forceNewDeployment"; Deployment: status PRIMARY | ACTIVE |
 *   INACTIVE, rolloutState COMPLETED | FAILED | IN_PROGRESS, rolloutStateReason).
 * - With the deployment circuit breaker, a deployment whose tasks keep failing ends FAILED with the reason
 *   "ECS deployment circuit breaker: tasks failed to start." and the service rolls back (ECS developer guide,
 *   "How the Amazon ECS deployment circuit breaker detects failures").
 * - DescribeServices returns the deployments and the service's latest events, newest first (Service.events: "The
 *   event stream for your service. A maximum of 100 of the latest events are displayed").
 * - ListTasks with desiredStatus STOPPED lists recently stopped tasks; DescribeTasks gives stoppedReason, stopCode
 *   and each container's reason and exitCode (Task / Container data types; "Amazon ECS stopped task errors").
 * Services are the stacks' AWS::ECS::Service resources, seen read-only through the StackView.
 */

export interface Deployment {
  id: string
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE'
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'
  rolloutStateReason: string
  taskDefinition: string
  createdAt: number
  /** DescribeServices calls left before this deployment settles. */
  pollsLeft: number
}

export interface StoppedTask {
  taskArn: string
  stoppedReason: string
  stopCode: string
  stoppedAt: number
  containers: { name: string; reason?: string; exitCode?: number; lastStatus: string }[]
}

interface ServiceState {
  arn: string
  name: string
  cluster: string
  deployments: Deployment[]
  events: { id: string; createdAt: number; message: string }[]
  stopped: StoppedTask[]
}

/** How a service's tasks fail, set by a test: every new deployment fails with these reasons. */
export interface TaskFailure {
  stoppedReason: string
  containerReason?: string
  exitCode?: number
}

export interface JsonReply {
  status: number
  body: unknown
  errorType?: string
}

const ACCOUNT = '123456789012'
const CIRCUIT_BREAKER = 'ECS deployment circuit breaker: tasks failed to start.'

export class EcsStore {
  private readonly services = new Map<string, ServiceState>()
  /** Failures by service logical id ('*' for every service). */
  readonly failing = new Map<string, TaskFailure>()
  /** DescribeServices calls before a rollout settles (a rollout takes minutes in AWS). */
  rolloutPolls = 2
  private sequence = 0

  constructor(private readonly view: StackView) {}

  /** Makes new deployments of a service (by logical id, or '*') fail as the circuit breaker reports it. */
  failTasks(logicalId: string, failure: TaskFailure): void {
    this.failing.set(logicalId, failure)
  }

  /** Records a stopped task on a service, as ECS does when a task exits (e.g. the container cannot start). */
  stopTask(logicalId: string, failure: TaskFailure, region = 'us-east-1'): void {
    for (const state of this.known(region)) {
      if (logicalId === '*' || this.logicalIdOf(state) === logicalId) this.recordStop(state, failure, region)
    }
  }

  /** Deployments of a service by its logical id, for assertions. */
  deploymentsOf(logicalId: string, region = 'us-east-1'): Deployment[] {
    return this.known(region).find(s => this.logicalIdOf(s) === logicalId)?.deployments ?? []
  }

  handle(target: string, body: Record<string, unknown>, region: string): JsonReply {
    const operation = target.split('.').pop() ?? ''
    switch (operation) {
      case 'UpdateService':
        return this.updateService(body, region)
      case 'DescribeServices':
        return this.describeServices(body, region)
      case 'ListTasks':
        return this.listTasks(body, region)
      case 'DescribeTasks':
        return this.describeTasks(body, region)
      default:
        return error(400, 'InvalidAction', `Unknown operation ${operation}`)
    }
  }

  private known(region: string): ServiceState[] {
    for (const resource of this.view.ofType('AWS::ECS::Service')) this.stateOf(resource.physicalId, region)
    return [...this.services.values()]
  }

  private logicalIdOf(state: ServiceState): string | undefined {
    return this.view
      .ofType('AWS::ECS::Service')
      .find(r => r.physicalId === state.name || r.physicalId === state.arn)?.logicalId
  }

  /** The state of a service named by ARN or name; created from the stack resource on first sight. */
  private stateOf(id: string, region: string): ServiceState | undefined {
    const name = id.split('/').pop() ?? id
    const existing = this.services.get(name)
    if (existing !== undefined) return existing
    const resource = this.view
      .ofType('AWS::ECS::Service')
      .find(r => r.physicalId === id || r.physicalId.split('/').pop() === name)
    if (resource === undefined) return undefined
    const cluster = typeof resource.properties.Cluster === 'string' ? resource.properties.Cluster : 'default'
    const state: ServiceState = {
      arn: `arn:aws:ecs:${region}:${ACCOUNT}:service/${cluster}/${name}`,
      name,
      cluster,
      deployments: [
        {
          id: this.deploymentId(),
          status: 'PRIMARY',
          rolloutState: 'COMPLETED',
          rolloutStateReason: 'ECS deployment completed.',
          taskDefinition: String(resource.properties.TaskDefinition ?? ''),
          createdAt: Date.now(),
          pollsLeft: 0
        }
      ],
      events: [],
      stopped: []
    }
    this.event(state, `(service ${name}) has reached a steady state.`)
    this.services.set(name, state)
    return state
  }

  private deploymentId(): string {
    this.sequence += 1
    return `ecs-svc/${String(1000000000000000000 + this.sequence)}`
  }

  private event(state: ServiceState, message: string): void {
    state.events.unshift({ id: randomUUID(), createdAt: Date.now(), message })
    state.events.length = Math.min(state.events.length, 100)
  }

  private recordStop(state: ServiceState, failure: TaskFailure, region: string): void {
    const taskArn = `arn:aws:ecs:${region}:${ACCOUNT}:task/${state.cluster}/${randomUUID().replace(/-/g, '')}`
    state.stopped.unshift({
      taskArn,
      stoppedReason: failure.stoppedReason,
      stopCode: 'TaskFailedToStart',
      stoppedAt: Date.now(),
      containers: [
        {
          name: 'metadata-service',
          lastStatus: 'STOPPED',
          ...(failure.containerReason === undefined ? {} : { reason: failure.containerReason }),
          ...(failure.exitCode === undefined ? {} : { exitCode: failure.exitCode })
        }
      ]
    })
    this.event(
      state,
      `(service ${state.name}) has started 1 tasks: (task ${taskArn.split('/').pop() ?? ''}).`
    )
  }

  private updateService(body: Record<string, unknown>, region: string): JsonReply {
    const state = this.stateOf(String(body.service ?? ''), region)
    if (state === undefined) return error(400, 'ServiceNotFoundException', 'Service not found.')
    if (body.forceNewDeployment === true) {
      const current = state.deployments.find(d => d.status === 'PRIMARY')
      if (current !== undefined) current.status = 'ACTIVE'
      state.deployments.unshift({
        id: this.deploymentId(),
        status: 'PRIMARY',
        rolloutState: 'IN_PROGRESS',
        rolloutStateReason: 'ECS deployment ecs-svc in progress.',
        taskDefinition: current?.taskDefinition ?? '',
        createdAt: Date.now(),
        pollsLeft: this.rolloutPolls
      })
    }
    return { status: 200, body: { service: this.serviceJson(state) } }
  }

  /** Advances each rollout by one poll: completes it, or fails it as the circuit breaker does. */
  private advance(state: ServiceState, region: string): void {
    const rolling = state.deployments.find(d => d.status === 'PRIMARY' && d.rolloutState === 'IN_PROGRESS')
    if (rolling === undefined) return
    if (rolling.pollsLeft > 0) {
      rolling.pollsLeft -= 1
      return
    }
    const failure = this.failing.get(this.logicalIdOf(state) ?? '') ?? this.failing.get('*')
    if (failure !== undefined) {
      this.recordStop(state, failure, region)
      this.recordStop(state, failure, region)
      rolling.rolloutState = 'FAILED'
      rolling.rolloutStateReason = CIRCUIT_BREAKER
      rolling.status = 'ACTIVE'
      const previous = state.deployments.find(d => d !== rolling && d.status === 'ACTIVE')
      if (previous !== undefined) previous.status = 'PRIMARY'
      this.event(
        state,
        `(service ${state.name}) (deployment ${rolling.id}) deployment failed: tasks failed to start.`
      )
      this.event(state, `(service ${state.name}) rolling back to deployment ${previous?.id ?? ''}.`)
      return
    }
    rolling.rolloutState = 'COMPLETED'
    rolling.rolloutStateReason = 'ECS deployment completed.'
    state.deployments = state.deployments.filter(d => d === rolling)
    this.event(state, `(service ${state.name}) (deployment ${rolling.id}) deployment completed.`)
    this.event(state, `(service ${state.name}) has reached a steady state.`)
  }

  private describeServices(body: Record<string, unknown>, region: string): JsonReply {
    const names = Array.isArray(body.services) ? body.services.map(String) : []
    const services: unknown[] = []
    const failures: unknown[] = []
    for (const name of names) {
      const state = this.stateOf(name, region)
      if (state === undefined) {
        failures.push({ arn: name, reason: 'MISSING' })
        continue
      }
      this.advance(state, region)
      services.push(this.serviceJson(state))
    }
    return { status: 200, body: { services, failures } }
  }

  private listTasks(body: Record<string, unknown>, region: string): JsonReply {
    const state = this.stateOf(String(body.serviceName ?? ''), region)
    if (state === undefined) return error(400, 'ServiceNotFoundException', 'Service not found.')
    // Only STOPPED tasks are modelled; RUNNING ones are not what a diagnosis reads.
    const taskArns = body.desiredStatus === 'STOPPED' ? state.stopped.map(t => t.taskArn) : []
    return { status: 200, body: { taskArns } }
  }

  private describeTasks(body: Record<string, unknown>, region: string): JsonReply {
    const wanted = new Set(Array.isArray(body.tasks) ? body.tasks.map(String) : [])
    if (wanted.size > 100) return error(400, 'InvalidParameterException', 'tasks can have at most 100 items.')
    const tasks = this.known(region)
      .flatMap(s => s.stopped)
      .filter(t => wanted.has(t.taskArn))
      .map(t => ({
        taskArn: t.taskArn,
        lastStatus: 'STOPPED',
        desiredStatus: 'STOPPED',
        stopCode: t.stopCode,
        stoppedReason: t.stoppedReason,
        stoppedAt: t.stoppedAt / 1000,
        containers: t.containers
      }))
    return { status: 200, body: { tasks, failures: [] } }
  }

  private serviceJson(state: ServiceState): unknown {
    return {
      serviceArn: state.arn,
      serviceName: state.name,
      clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${state.cluster}`,
      status: 'ACTIVE',
      deployments: state.deployments.map(d => ({
        id: d.id,
        status: d.status,
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
        taskDefinition: d.taskDefinition,
        createdAt: d.createdAt / 1000
      })),
      events: state.events.map(e => ({ id: e.id, createdAt: e.createdAt / 1000, message: e.message }))
    }
  }
}

function error(status: number, type: string, message: string): JsonReply {
  return { status, errorType: type, body: { __type: type, message } }
}
