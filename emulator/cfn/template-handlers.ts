/** The requests that read templates: GetTemplate, GetTemplateSummary and ValidateTemplate. */
import { str, type QueryParams } from '../query.js'
import { capabilitiesOf } from './capabilities.js'
import { validation } from './errors.js'
import type { EngineState } from './state.js'
import { isNoEcho, loadTemplate, type Template } from './template.js'
import { templateBodyFrom } from './template-source.js'

export function getTemplate(state: EngineState, params: QueryParams): unknown {
  const changeSetName = str(params, 'ChangeSetName')
  if (changeSetName !== undefined) {
    const cs = state.findChangeSet(changeSetName, str(params, 'StackName'))
    return { TemplateBody: cs.body, StagesAvailable: ['Original', 'Processed'] }
  }
  const stack = state.requireStack(str(params, 'StackName'))
  if (stack.deployed === undefined)
    throw validation(`Stack with id ${stack.stackName} does not have a template`)
  return { TemplateBody: stack.deployed.body, StagesAvailable: ['Original', 'Processed'] }
}

function summaryTemplate(state: EngineState, params: QueryParams): Template {
  const stackName = str(params, 'StackName')
  if (stackName !== undefined) {
    const stack = state.requireStack(stackName)
    if (stack.deployed === undefined) throw validation(`Stack with id ${stackName} does not have a template`)
    return stack.deployed.template
  }
  return loadTemplate(templateBodyFrom(state.services, params))
}

export function getTemplateSummary(state: EngineState, params: QueryParams): unknown {
  const template = summaryTemplate(state, params)
  return {
    Parameters: Object.entries(template.Parameters).map(([key, def]) => ({
      ParameterKey: key,
      DefaultValue: def.Default === undefined ? undefined : String(def.Default),
      ParameterType: def.Type,
      NoEcho: isNoEcho(template, key),
      Description: def.Description,
      ParameterConstraints: { AllowedValues: def.AllowedValues?.map(String) ?? [] }
    })),
    Description: template.Description,
    ...capabilitiesOf(template),
    ResourceTypes: [...new Set(Object.values(template.Resources).map(r => r.Type))],
    Version: template.AWSTemplateFormatVersion
  }
}

export function validateTemplate(state: EngineState, params: QueryParams): unknown {
  const template = loadTemplate(templateBodyFrom(state.services, params))
  return {
    Parameters: Object.entries(template.Parameters).map(([key, def]) => ({
      ParameterKey: key,
      DefaultValue: def.Default === undefined ? undefined : String(def.Default),
      NoEcho: isNoEcho(template, key),
      Description: def.Description
    })),
    Description: template.Description,
    ...capabilitiesOf(template)
  }
}
