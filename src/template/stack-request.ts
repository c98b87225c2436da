import type { RunContext } from '../run/context.js'
import {
  readInlineParameters,
  readParametersFile,
  resolveParameters,
  type ResolvedParameters
} from './parameters.js'
import type { StackState } from '../stack/state.js'
import { checkTemplateSize, loadTemplate, type LoadedTemplate } from './load.js'

/**
 * What the user asks the stack to become: the template and the parameter values given, read and parsed before
 * anything talks to AWS. Shared by every mode that builds a change set (deploy, preview, plan).
 */
export interface StackRequest {
  template: LoadedTemplate
  given: ReturnType<typeof readParametersFile>
}

export async function readStackRequest(ctx: RunContext): Promise<StackRequest> {
  const { settings } = ctx
  const given = {
    ...readParametersFile(settings.parametersFile, ctx.workspace),
    ...(await readInlineParameters(settings.parametersText))
  }
  const template = await loadTemplate(settings.template, ctx.clients, ctx.workspace)
  return { template, given }
}

/**
 * Checks the parameters against the template and the deployed stack, and masks NoEcho values at once, before
 * anything else can print them. Throws an InputError before any change is made.
 */
export function checkParameters(
  ctx: RunContext,
  request: StackRequest,
  state: StackState
): ResolvedParameters {
  const deployed = 'stack' in state && state.kind !== 'failed-create' ? state.stack : undefined
  const previous =
    deployed === undefined ? undefined : new Set((deployed.Parameters ?? []).map(p => p.ParameterKey ?? ''))
  const resolved = resolveParameters(request.template.parameters, request.given, previous)
  for (const warning of resolved.warnings) ctx.log.warning(warning)
  for (const secret of resolved.secrets) {
    ctx.log.secret(secret)
    if (!ctx.secrets.includes(secret)) ctx.secrets.push(secret)
  }
  checkTemplateSize(request.template, ctx.settings.templateBucket)
  return resolved
}
