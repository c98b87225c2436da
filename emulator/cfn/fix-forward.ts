/**
 * A stack left CREATE_FAILED / UPDATE_FAILED (rollback disabled) keeps what succeeded; an update carries on from
 * there (user guide, "Choose how to handle failures when provisioning resources"): resources that were never
 * created, or failed, are created or updated again.
 */
import { activeResources } from './diff.js'
import type { ChangeSetRecord, StackRecord } from './model.js'
import { resolveContext } from './resolve-context.js'
import type { EngineState } from './state.js'

/** Adds the fix-forward work to the change set. Returns whether there is such work. */
export function fixForwardChanges(
  state: EngineState,
  stack: StackRecord,
  changeSet: ChangeSetRecord
): boolean {
  if (stack.status !== 'CREATE_FAILED' && stack.status !== 'UPDATE_FAILED') return false
  const ctx = resolveContext(state, stack, changeSet.template, changeSet.parameters)
  let work = false
  for (const id of activeResources(
    { template: changeSet.template, parameters: changeSet.parameters },
    ctx.conditions
  )) {
    const record = stack.resources.get(id)
    const change = changeSet.changes.find(c => c.LogicalResourceId === id)
    const type = changeSet.template.Resources[id]?.Type ?? ''
    if (record === undefined || record.status === 'CREATE_FAILED') {
      work = true
      if (change === undefined)
        changeSet.changes.push({
          Action: 'Add',
          LogicalResourceId: id,
          ResourceType: type,
          Scope: [],
          Details: []
        })
      else if (change.Action === 'Modify') {
        change.Action = 'Add'
        delete change.Replacement
        delete change.PhysicalResourceId
      }
    } else if (record.status === 'UPDATE_FAILED' && change === undefined) {
      work = true
      changeSet.changes.push({
        Action: 'Modify',
        LogicalResourceId: id,
        PhysicalResourceId: record.physicalId,
        ResourceType: type,
        Replacement: 'False',
        Scope: [],
        Details: []
      })
    }
  }
  return work
}
