import type { RunContext } from '../run/context.js'
import { messageOf, StackOperationFailed } from '../run/errors.js'
import { findServiceResources } from './stack-resources.js'
import { whyDown } from './why-down.js'

/**
 * A stack operation that failed on an ECS service (its deployment circuit breaker, a task that never became
 * healthy) says only "Error occurred during operation": the same error, with the service's stopped tasks'
 * reasons and its recent events added, so the cause is in the step's error and the summary.
 */
export async function withServiceDiagnosis(ctx: RunContext, err: unknown): Promise<unknown> {
  if (!(err instanceof StackOperationFailed)) return err
  const failed = new Set(err.failures.filter(f => f.type === 'AWS::ECS::Service').map(f => f.logicalId))
  if (failed.size === 0) return err
  let lines: string[]
  try {
    const resources = await findServiceResources(ctx.clients.cloudformation, err.stackName)
    const services = resources.services.filter(s => failed.has(s.logicalId))
    if (services.length === 0) return err
    lines = await whyDown(await ctx.clients.ecs(), services, new AbortController().signal)
  } catch (diagnosisErr) {
    lines = [`Could not read the ECS services' tasks and events: ${messageOf(diagnosisErr)}`]
  }
  if (lines.length === 0) return err
  return new StackOperationFailed(
    [err.message, ...lines].join('\n'),
    err.stackName,
    err.status,
    err.failures.map(f =>
      failed.has(f.logicalId)
        ? { ...f, reason: [f.reason, ...lines.filter(l => l.startsWith(`${f.logicalId}:`))].join('\n') }
        : f
    ),
    err.secrets
  )
}
