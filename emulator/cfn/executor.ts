import { resolve, type ResolveContext } from '../intrinsics.js'
import { physicalIdFor } from '../resource-types.js'
import { activeResources } from './diff.js'
import type { ResourceFailure, Services, Timing } from './engine.js'
import type { ChangeSetRecord, Output, ResourceRecord, StackRecord } from './model.js'
import { dependenciesOf, type Template } from './template.js'

/**
 * Carrying out a change set over time: resources created, updated and replaced in dependency waves, with their
 * events, then clean-up, or a rollback when a scenario makes a resource fail. The engine is the host: it owns
 * the clock, the events and the failure scenarios.
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
}

/** Runs the change set's resource operations in dependency waves, then cleans up or rolls back. */
export async function applyChangeSet(
  host: ExecutionHost,
  stack: StackRecord,
  cs: ChangeSetRecord,
  disableRollback: boolean
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
          generation: 0
        }
        stack.resources.set(id, record)
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
      const failure = host.failureFor(stack, id, creating ? 'create' : 'update')
      const op = creating ? 'CREATE' : 'UPDATE'
      if (failure !== undefined) {
        failed.push(id)
        record.status = `${op}_FAILED`
        host.resourceEvent(stack, record, `${op}_FAILED`, failure.reason)
        continue
      }
      if (creating || (change.Action === 'Modify' && change.Replacement === 'True')) {
        const properties = resolve(def.Properties ?? {}, ctx) as Record<string, unknown>
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
      record.status = `${op}_COMPLETE`
      host.resourceEvent(stack, record, `${op}_COMPLETE`)
      touched.push(id)
      done.add(id)
    }
  }

  if (failed.length > 0) {
    // Whatever was still pending never started; CloudFormation reports the failure and rolls back.
    const reason = `The following resource(s) failed to ${isCreate ? 'create' : 'update'}: [${failed.join(', ')}]. `
    cs.executionStatus = 'EXECUTE_FAILED'
    if (disableRollback) {
      host.setStatus(stack, isCreate ? 'CREATE_FAILED' : 'UPDATE_FAILED', reason)
      return
    }
    const rollbackFails = failed.some(
      id => host.failureFor(stack, id, isCreate ? 'create' : 'update')?.rollbackFails === true
    )
    if (isCreate) {
      host.setStatus(stack, 'ROLLBACK_IN_PROGRESS', reason + 'Rollback requested by user.')
      await deleteResources(host, stack, [...touched, ...failed].reverse(), cs.template)
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
    for (const id of [...touched, ...failed]) {
      const old = previousResources.get(id)
      const current = stack.resources.get(id)
      if (old === undefined && current !== undefined) {
        host.resourceEvent(stack, current, 'DELETE_IN_PROGRESS')
        stack.resources.delete(id)
        host.resourceEvent(stack, current, 'DELETE_COMPLETE')
      } else if (old !== undefined) {
        stack.resources.set(id, { ...old, status: 'UPDATE_COMPLETE' })
        host.resourceEvent(stack, old, 'UPDATE_COMPLETE')
      }
    }
    host.setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
    await host.sleep(host.timing.resourceMs)
    host.setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE')
    return
  }

  // Success: record the new configuration, then remove what the template dropped and what was replaced.
  stack.deployed = { template: cs.template, parameters: cs.parameters, body: cs.body }
  if (!isCreate) stack.lastUpdatedTime = new Date()
  stack.outputs = outputsOf(cs.template, ctx)
  if (!isCreate) {
    host.setStatus(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    const removed = cs.changes.filter(c => c.Action === 'Remove').map(c => c.LogicalResourceId)
    for (const old of replacedOld) {
      const shown = { ...old, status: 'DELETE_IN_PROGRESS' }
      host.resourceEvent(stack, shown, 'DELETE_IN_PROGRESS')
      await host.sleep(host.timing.resourceMs)
      host.resourceEvent(stack, shown, 'DELETE_COMPLETE')
      if (old.type === 'AWS::ApiGateway::ApiKey') host.services.deleteApiKey(old.physicalId)
    }
    await deleteResources(host, stack, removed.reverse(), previous?.template)
  }
  cs.executionStatus = 'EXECUTE_COMPLETE'
  host.setStatus(stack, isCreate ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE')
}

/** Deletes resources one at a time (in the order given); returns false if one failed to delete. */
export async function deleteResources(
  host: ExecutionHost,
  stack: StackRecord,
  ids: string[],
  template: Template | undefined
): Promise<boolean> {
  for (const id of ids) {
    const record = stack.resources.get(id)
    if (record === undefined) continue
    const retain = template?.Resources[id]?.DeletionPolicy === 'Retain'
    host.resourceEvent(stack, record, 'DELETE_IN_PROGRESS')
    await host.sleep(host.timing.resourceMs)
    const failure = host.failureFor(stack, id, 'delete')
    if (failure !== undefined) {
      record.status = 'DELETE_FAILED'
      host.resourceEvent(stack, record, 'DELETE_FAILED', failure.reason)
      return false
    }
    stack.resources.delete(id)
    if (record.type === 'AWS::ApiGateway::ApiKey') host.services.deleteApiKey(record.physicalId)
    host.resourceEvent(stack, record, retain ? 'DELETE_SKIPPED' : 'DELETE_COMPLETE')
  }
  return true
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
