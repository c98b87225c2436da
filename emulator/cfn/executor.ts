import { resolve, type ResolveContext } from '../intrinsics.js'
import { physicalIdFor } from '../resource-types.js'
import { activeResources } from './diff.js'
import type { HoldPoint } from './holds.js'
import type { ResourceFailure, Services, Timing } from './types.js'
import type { ChangeSetRecord, LeftResource, Output, ResourceRecord, StackRecord } from './model.js'
import { dependenciesOf, type Template } from './template.js'

const NESTED_STACK = 'AWS::CloudFormation::Stack'

/** How a nested stack's create or update ended. */
export interface NestedOutcome {
  ok: boolean
  stackId?: string
  reason?: string
}

export interface ExecutionOptions {
  disableRollback: boolean
  retainExceptOnCreate: boolean
}

/**
 * Carrying out a change set over time: resources created, updated and replaced in dependency waves, with their
 * events, then clean-up, or a rollback when a scenario makes a resource fail. The engine is the host: it owns
 * the clock, the events, the failure scenarios and the nested stacks.
 */
export interface ExecutionHost {
  timing: Timing
  services: Services
  context(stack: StackRecord, template: Template, parameters: Record<string, string>): ResolveContext
  failureFor(
    stack: StackRecord,
    logicalId: string,
    during: 'create' | 'update' | 'delete'
  ): ResourceFailure | undefined
  setStatus(stack: StackRecord, status: string, reason?: string): void
  resourceEvent(stack: StackRecord, record: ResourceRecord, status: string, reason?: string): void
  sleep(ms: number): Promise<void>
  /** Resolves at once unless a test holds `point` (see holds.ts); then when the test releases it. */
  passHold(point: HoldPoint): Promise<void>
  leave(stack: StackRecord, record: ResourceRecord, why: LeftResource['why']): void
  runNestedStack(
    parent: StackRecord,
    logicalId: string,
    properties: Record<string, unknown>,
    parentChangeSet: ChangeSetRecord,
    options: ExecutionOptions,
    onStarted: (stackId: string) => void
  ): Promise<NestedOutcome>
  deleteNestedStack(stackId: string): Promise<boolean>
}

function cleanupMs(host: ExecutionHost): number {
  return host.timing.cleanupMs ?? host.timing.resourceMs
}

/** Runs the change set's resource operations in dependency waves, then cleans up or rolls back. */
export async function applyChangeSet(
  host: ExecutionHost,
  stack: StackRecord,
  cs: ChangeSetRecord,
  options: ExecutionOptions
): Promise<void> {
  const isCreate = cs.type === 'CREATE'
  const previous = stack.deployed
  const previousResources = new Map([...stack.resources].map(([k, v]) => [k, { ...v }]))
  const ctx = host.context(stack, cs.template, cs.parameters)
  const active = new Set(
    activeResources({ template: cs.template, parameters: cs.parameters }, ctx.conditions)
  )
  const changeById = new Map(cs.changes.map(c => [c.LogicalResourceId, c]))
  const pending = [...active].filter(id => {
    const change = changeById.get(id)
    return change !== undefined && change.Action !== 'Remove'
  })
  const done = new Set([...active].filter(id => !pending.includes(id)))
  const replacedOld: ResourceRecord[] = []
  const failed: string[] = []
  const failureReasons = new Map<string, string>()
  /** Resources this operation created (deleted on a create rollback even if retained, with RetainExceptOnCreate). */
  const createdNow = new Set<string>()
  const touched: string[] = []

  while (pending.length > 0 && failed.length === 0) {
    const wave = pending.filter(id =>
      [...dependenciesOf(cs.template, id)].every(dep => done.has(dep) || !active.has(dep))
    )
    if (wave.length === 0) throw new Error(`circular dependency among ${pending.join(', ')}`)
    for (const id of wave) {
      const change = changeById.get(id)!
      const def = cs.template.Resources[id]!
      const replacing = change.Action === 'Modify' && change.Replacement === 'True'
      const existing = stack.resources.get(id)
      if (change.Action === 'Add' || existing === undefined) {
        const record: ResourceRecord = {
          logicalId: id,
          type: def.Type,
          physicalId: '',
          status: 'CREATE_IN_PROGRESS',
          generation: existing === undefined ? 0 : existing.generation + 1
        }
        stack.resources.set(id, record)
        createdNow.add(id)
        host.resourceEvent(stack, record, 'CREATE_IN_PROGRESS')
      } else if (replacing) {
        replacedOld.push({ ...existing })
        host.resourceEvent(
          stack,
          existing,
          'UPDATE_IN_PROGRESS',
          'Requested update requires the creation of a new physical resource; hence creating one.'
        )
      } else {
        host.resourceEvent(stack, existing, 'UPDATE_IN_PROGRESS')
      }
    }
    await host.sleep(host.timing.resourceMs)
    for (const id of wave) {
      pending.splice(pending.indexOf(id), 1)
      const change = changeById.get(id)!
      const def = cs.template.Resources[id]!
      const record = stack.resources.get(id)!
      const creating = record.status === 'CREATE_IN_PROGRESS'
      const op = creating ? 'CREATE' : 'UPDATE'
      const properties = resolve(def.Properties ?? {}, ctx) as Record<string, unknown>
      if (def.Type === NESTED_STACK) {
        // A nested stack runs as a stack of its own, with its own events (AWS::CloudFormation::Stack reference).
        const outcome = await host.runNestedStack(stack, id, properties, cs, options, stackId => {
          record.physicalId = stackId
        })
        if (!outcome.ok) {
          failed.push(id)
          failureReasons.set(id, outcome.reason ?? '')
          host.resourceEvent(stack, record, `${op}_FAILED`, outcome.reason)
          continue
        }
        if (outcome.stackId !== undefined) record.physicalId = outcome.stackId
        record.type = def.Type
      } else {
        const failure = host.failureFor(stack, id, creating ? 'create' : 'update')
        if (failure !== undefined) {
          failed.push(id)
          failureReasons.set(id, failure.reason)
          host.resourceEvent(stack, record, `${op}_FAILED`, failure.reason)
          continue
        }
        if (creating || (change.Action === 'Modify' && change.Replacement === 'True')) {
          if (!creating) record.generation += 1
          record.physicalId = physicalIdFor(
            def.Type,
            id,
            properties,
            stack.stackName,
            `${stack.stackName}/${id}/${record.generation}`
          )
          record.type = def.Type
          if (def.Type === 'AWS::ApiGateway::ApiKey') {
            const value = typeof properties.Value === 'string' ? properties.Value : undefined
            host.services.createApiKey(
              record.physicalId,
              String(properties.Name ?? record.physicalId),
              value,
              stack.stackName
            )
          }
        }
      }
      host.resourceEvent(stack, record, `${op}_COMPLETE`)
      touched.push(id)
      done.add(id)
    }
  }

  if (failed.length > 0) {
    // Whatever was still pending never started; CloudFormation reports the failure and rolls back.
    const reason = `The following resource(s) failed to ${isCreate ? 'create' : 'update'}: [${failed.join(', ')}]. `
    cs.executionStatus = 'EXECUTE_FAILED'
    if (options.disableRollback) {
      // The stack keeps what succeeded, and the attempted configuration, for a later fix-forward update.
      stack.deployed = { template: cs.template, parameters: cs.parameters, body: cs.body }
      host.setStatus(stack, isCreate ? 'CREATE_FAILED' : 'UPDATE_FAILED', reason)
      return
    }
    const rollbackFails = failed.some(
      id => host.failureFor(stack, id, isCreate ? 'create' : 'update')?.rollbackFails === true
    )
    if (isCreate) {
      host.setStatus(stack, 'ROLLBACK_IN_PROGRESS', reason + 'Rollback requested by user.')
      await deleteResources(host, stack, [...touched, ...failed].reverse(), cs.template, {
        createdNow: options.retainExceptOnCreate ? createdNow : new Set()
      })
      host.setStatus(stack, rollbackFails ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE')
      return
    }
    host.setStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', reason)
    await host.sleep(host.timing.resourceMs)
    if (rollbackFails) {
      const victim = stack.resources.get(failed[0] as string)
      if (victim !== undefined)
        host.resourceEvent(
          stack,
          victim,
          'UPDATE_FAILED',
          'Resource handler returned message: "Rollback failed"'
        )
      host.setStatus(
        stack,
        'UPDATE_ROLLBACK_FAILED',
        `The following resource(s) failed to update: [${failed.join(', ')}]. `
      )
      return
    }
    const addedNow: ResourceRecord[] = []
    for (const id of [...touched, ...failed]) {
      const old = previousResources.get(id)
      const current = stack.resources.get(id)
      if (old === undefined && current !== undefined) {
        addedNow.push(current)
      } else if (old !== undefined) {
        stack.resources.set(id, { ...old, status: 'UPDATE_COMPLETE' })
        host.resourceEvent(stack, old, 'UPDATE_COMPLETE')
      }
    }
    // Resources the failed update added are deleted in the rollback's clean-up phase (user guide, "Stack status
    // codes": UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS "removing new resources").
    host.setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
    for (const record of addedNow) {
      host.resourceEvent(stack, record, 'DELETE_IN_PROGRESS')
      if (record.type === NESTED_STACK && record.physicalId !== '')
        await host.deleteNestedStack(record.physicalId)
      stack.resources.delete(record.logicalId)
      host.resourceEvent(stack, record, 'DELETE_COMPLETE')
    }
    await host.passHold('cleanup')
    await host.sleep(cleanupMs(host))
    host.setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE')
    return
  }

  // Success: record the new configuration, then remove what the template dropped and what was replaced.
  stack.deployed = { template: cs.template, parameters: cs.parameters, body: cs.body }
  if (!isCreate) stack.lastUpdatedTime = new Date()
  stack.outputs = outputsOf(cs.template, host.context(stack, cs.template, cs.parameters))
  if (!isCreate) {
    // "Update successful. One or more resources could not be deleted." A resource that fails to delete in the
    // clean-up phase gets DELETE_FAILED but the update still ends UPDATE_COMPLETE, leaving the resource in the
    // account (user guide, "Stack status codes", UPDATE_COMPLETE_CLEANUP_IN_PROGRESS; cfn-coverage-roadmap #744).
    host.setStatus(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    const removed = cs.changes.filter(c => c.Action === 'Remove').map(c => c.LogicalResourceId)
    for (const old of replacedOld) {
      const shown = { ...old, status: 'DELETE_IN_PROGRESS' }
      host.resourceEvent(stack, shown, 'DELETE_IN_PROGRESS')
      await host.sleep(host.timing.resourceMs)
      const failure = host.failureFor(stack, old.logicalId, 'delete')
      if (failure !== undefined) {
        host.resourceEvent(stack, shown, 'DELETE_FAILED', failure.reason)
        host.leave(stack, old, 'DELETE_FAILED')
        continue
      }
      host.resourceEvent(stack, shown, 'DELETE_COMPLETE')
      if (old.type === 'AWS::ApiGateway::ApiKey') host.services.deleteApiKey(old.physicalId)
    }
    await deleteResources(host, stack, removed.reverse(), previous?.template, { keepGoing: true })
    await host.passHold('cleanup')
    await host.sleep(cleanupMs(host))
  }
  cs.executionStatus = 'EXECUTE_COMPLETE'
  host.setStatus(stack, isCreate ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE')
}

/**
 * Deletes resources one at a time (in the order given); returns false if one failed to delete. A resource whose
 * DeletionPolicy is Retain (or RetainExceptOnCreate outside a create rollback) is DELETE_SKIPPED and stays in
 * the account (DeletionPolicy attribute reference); `createdNow` lists resources that RetainExceptOnCreate on
 * ExecuteChangeSet deletes regardless. With `keepGoing` (an update's clean-up) a failed delete is recorded and
 * the rest carry on.
 */
export async function deleteResources(
  host: ExecutionHost,
  stack: StackRecord,
  ids: string[],
  template: Template | undefined,
  options: { createdNow?: Set<string>; keepGoing?: boolean } = {}
): Promise<boolean> {
  let ok = true
  for (const id of ids) {
    const record = stack.resources.get(id)
    if (record === undefined) continue
    const policy = template?.Resources[id]?.DeletionPolicy
    const createdNow = options.createdNow?.has(id) === true
    const retain =
      (policy === 'Retain' && !createdNow) ||
      (policy === 'RetainExceptOnCreate' && !createdNow && !(stack.status === 'ROLLBACK_IN_PROGRESS'))
    if (retain) {
      stack.resources.delete(id)
      host.resourceEvent(stack, record, 'DELETE_SKIPPED')
      if (record.physicalId !== '') host.leave(stack, record, 'DELETE_SKIPPED')
      continue
    }
    host.resourceEvent(stack, record, 'DELETE_IN_PROGRESS')
    await host.sleep(host.timing.resourceMs)
    const failure =
      record.type === NESTED_STACK && record.physicalId !== ''
        ? (await host.deleteNestedStack(record.physicalId))
          ? undefined
          : { reason: `Embedded stack ${record.physicalId} was not successfully deleted` }
        : host.failureFor(stack, id, 'delete')
    if (failure !== undefined) {
      record.status = 'DELETE_FAILED'
      host.resourceEvent(stack, record, 'DELETE_FAILED', failure.reason)
      if (!options.keepGoing) return false
      stack.resources.delete(id)
      host.leave(stack, record, 'DELETE_FAILED')
      ok = false
      continue
    }
    stack.resources.delete(id)
    if (record.type === 'AWS::ApiGateway::ApiKey') host.services.deleteApiKey(record.physicalId)
    host.resourceEvent(stack, record, 'DELETE_COMPLETE')
  }
  return ok
}

function outputsOf(template: Template, ctx: ResolveContext): Output[] {
  const outputs: Output[] = []
  for (const [key, def] of Object.entries(template.Outputs)) {
    if (def.Condition !== undefined && ctx.conditions[def.Condition] !== true) continue
    const value = resolve(def.Value, ctx)
    const output: Output = {
      OutputKey: key,
      OutputValue: Array.isArray(value) ? value.join(',') : String(value)
    }
    if (def.Description !== undefined) output.Description = def.Description
    if (def.Export !== undefined) output.ExportName = String(resolve(def.Export.Name, ctx))
    outputs.push(output)
  }
  return outputs
}
