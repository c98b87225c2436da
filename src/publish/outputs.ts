import type { Stack } from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import { fetchApiKey } from './api-key.js'
import { metaflowVariables, renderConfig, resolveConfigPath, writeConfig } from './metaflow-config.js'
import { ACTION_OUTPUT_NAMES, isStackOutputKey, type ActionOutputs } from './step-outputs.js'

/** Where published values go: step outputs and exported variables (@actions/core in production). */
export interface Sink {
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
}

export interface Published {
  /** The action's own outputs that publishing sets. */
  outputs: ActionOutputs
  /** The stack's outputs, for the job summary (no secret among them: the key's value is not a stack output). */
  stackOutputs: Record<string, string>
  /** Names of the variables exported. */
  exported: string[]
}

export function outputsOf(stack: Stack): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const output of stack.Outputs ?? []) {
    if (output.OutputKey !== undefined) outputs[output.OutputKey] = output.OutputValue ?? ''
  }
  return outputs
}

/**
 * After a deploy (or in mode outputs): every stack output as a step output, the API key fetched and masked, the
 * Metaflow variables exported, and the config file written.
 */
export async function publishStack(ctx: RunContext, stack: Stack, sink: Sink): Promise<Published> {
  const { settings, log } = ctx
  const stackOutputs = outputsOf(stack)
  const reserved = new Set<string>(ACTION_OUTPUT_NAMES)
  for (const [key, value] of Object.entries(stackOutputs)) {
    if (!isStackOutputKey(key)) {
      log.warning(
        `Stack output ${JSON.stringify(key).slice(0, 80)} is not a CloudFormation output name (alphanumeric, at most 255 characters); it is not set as a step output.`
      )
      continue
    }
    if (reserved.has(key)) {
      log.warning(
        `Stack output ${key} has the name of one of the action's own outputs; it is not set as a step output (read it from the stack).`
      )
      continue
    }
    sink.setOutput(key, value)
  }

  const outputs: ActionOutputs = {}
  const keyId = stackOutputs.ApiKeyId
  let apiKey: string | undefined
  if (keyId !== undefined && keyId !== '') {
    apiKey = await fetchApiKey(ctx.clients, keyId, value => log.secret(value))
    outputs['api-key'] = apiKey
  }
  const variables = metaflowVariables(stackOutputs, apiKey)
  const exported: string[] = []
  if (settings.exportEnv) {
    for (const [name, value] of Object.entries(variables)) {
      sink.exportVariable(name, value)
      exported.push(name)
    }
    log.info(`Exported ${exported.length} Metaflow variables: ${exported.join(', ')}.`)
  }
  if (settings.metaflowConfigFile !== '') {
    const path = resolveConfigPath(settings.metaflowConfigFile, ctx.workspace)
    writeConfig(path, renderConfig(variables))
    outputs['metaflow-config-file'] = path
    log.info(`Wrote the Metaflow config to ${path} (mode 0600).`)
  }
  return { outputs, stackOutputs, exported }
}
