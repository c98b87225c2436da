/** The requests that read templates: GetTemplate, GetTemplateSummary and ValidateTemplate. */
import { str, type QueryParams } from '../query.js'
import { capabilitiesOf } from './capabilities.js'
import { validation } from './errors.js'
import { pseudo } from './resolve-context.js'
import type { EngineState } from './state.js'
import { isNoEcho, type Template } from './template.js'
import { summaryTemplate as expandedTemplate } from './template-prepare.js'
import { templateBodyFrom } from './template-source.js'

/** These calls name no stack: a template's transforms see placeholder pseudo parameters. */
const SUMMARY_PSEUDO = pseudo({ stackName: 'summary', stackId: 'summary', region: 'us-east-1' })

/**
 * GetTemplate. TemplateStage (GetTemplate API reference): "Original" (the default) is the template as submitted;
 * "Processed" is the template "after all transforms have been processed", which for a template that declares
 * transforms the emulator returns as JSON (its expanded form); without transforms both stages are the original.
 */
export function getTemplate(state: EngineState, params: QueryParams): unknown {
  const changeSetName = str(params, 'ChangeSetName')
  const processed = str(params, 'TemplateStage') === 'Processed'
  let deployed: { body: string; template: Template }
  if (changeSetName !== undefined) deployed = state.findChangeSet(changeSetName, str(params, 'StackName'))
  else {
    const stack = state.requireStack(str(params, 'StackName'))
    if (stack.deployed === undefined)
      throw validation(`Stack with id ${stack.stackName} does not have a template`)
    deployed = stack.deployed
  }
  const body =
    processed && deployed.template.Transform !== undefined ? JSON.stringify(deployed.template) : deployed.body
  return { TemplateBody: body, StagesAvailable: ['Original', 'Processed'] }
}

function templateOfRequest(state: EngineState, params: QueryParams): Template {
  const stackName = str(params, 'StackName')
  if (stackName !== undefined) {
    const stack = state.requireStack(stackName)
    if (stack.deployed === undefined) throw validation(`Stack with id ${stackName} does not have a template`)
    return stack.deployed.template
  }
  return expandedTemplate(templateBodyFrom(state.services, params), SUMMARY_PSEUDO)
}

export function getTemplateSummary(state: EngineState, params: QueryParams): unknown {
  const template = templateOfRequest(state, params)
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
  const template = expandedTemplate(templateBodyFrom(state.services, params), SUMMARY_PSEUDO)
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
