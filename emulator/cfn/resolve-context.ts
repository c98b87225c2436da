/**
 * What intrinsic functions see for a stack: its pseudo parameters, parameter values, conditions, and the real
 * Ref and GetAtt values of its deployed resources.
 */
import { evaluateConditions, type Pseudo, type ResolveContext } from '../intrinsics.js'
import { attributeOf, refOf } from '../resource-types.js'
import type { Display } from './diff.js'
import type { StackRecord } from './model.js'
import type { EngineState } from './state.js'
import { typedParameters, type Template } from './template.js'
import { ACCOUNT_ID, NESTED_STACK } from './types.js'

export function pseudo(stack: { stackName: string; stackId: string; region: string }): Pseudo {
  return {
    region: stack.region,
    accountId: ACCOUNT_ID,
    stackName: stack.stackName,
    stackId: stack.stackId,
    partition: stack.region.startsWith('us-gov') ? 'aws-us-gov' : 'aws',
    urlSuffix: 'amazonaws.com'
  }
}

export function resolveContext(
  state: EngineState,
  stack: StackRecord,
  template: Template,
  parameters: Record<string, string>
): ResolveContext {
  const shown = display(state, stack)
  const base = {
    params: typedParameters(template, parameters),
    mappings: template.Mappings,
    pseudo: pseudo(stack),
    ref: (id: string) => shown.ref(id) ?? '',
    getAtt: (id: string, attribute: string) => shown.getAtt(id, attribute) ?? ''
  }
  return { ...base, conditions: evaluateConditions(template.Conditions, base) }
}

/** Deployed resources' real Ref and GetAtt values, for the values a change set shows. */
export function display(state: EngineState, stack: StackRecord): Display {
  const stackPseudo = pseudo(stack)
  const arnCtx = { partition: stackPseudo.partition, region: stackPseudo.region, accountId: ACCOUNT_ID }
  return {
    ref: id => {
      const r = stack.resources.get(id)
      return r === undefined ? undefined : refOf(r.type, r.physicalId, arnCtx)
    },
    getAtt: (id, attribute) => {
      const r = stack.resources.get(id)
      if (r === undefined) return undefined
      // A nested stack's `Outputs.NAME` attribute is its output (AWS::CloudFormation::Stack reference).
      if (r.type === NESTED_STACK && attribute.startsWith('Outputs.')) {
        const key = attribute.slice('Outputs.'.length)
        return state.findStack(r.physicalId)?.outputs.find(o => o.OutputKey === key)?.OutputValue
      }
      return attributeOf(r.type, r.physicalId, attribute, arnCtx)
    }
  }
}
