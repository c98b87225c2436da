import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, resolve } from 'node:path'

/** Metaflow's configuration variables and the stack outputs they come from (INTERFACE.md). */
export const METAFLOW_OUTPUTS: readonly (readonly [variable: string, output: string])[] = [
  ['METAFLOW_DATASTORE_SYSROOT_S3', 'MetaflowDataStoreS3Url'],
  ['METAFLOW_DATATOOLS_S3ROOT', 'MetaflowDataToolsS3Url'],
  ['METAFLOW_BATCH_JOB_QUEUE', 'BatchJobQueueArn'],
  ['METAFLOW_ECS_S3_ACCESS_IAM_ROLE', 'ECSJobRoleForBatchJobs'],
  ['METAFLOW_SERVICE_URL', 'ServiceUrl'],
  ['METAFLOW_SERVICE_INTERNAL_URL', 'InternalServiceUrl'],
  ['METAFLOW_SFN_IAM_ROLE', 'StepFunctionsRoleArn'],
  ['METAFLOW_EVENTS_SFN_ACCESS_IAM_ROLE', 'EventBridgeRoleArn'],
  ['METAFLOW_SFN_DYNAMO_DB_TABLE', 'DDBTableName'],
  ['METAFLOW_ECS_FARGATE_EXECUTION_ROLE', 'ECSFargateExecutionRoleArn']
]

export const AUTH_KEY_VARIABLE = 'METAFLOW_SERVICE_AUTH_KEY'

/**
 * The Metaflow variables for a stack: the two backend choices, every variable whose source output exists, and
 * the API key when there is one.
 */
export function metaflowVariables(
  outputs: Record<string, string>,
  apiKey: string | undefined
): Record<string, string> {
  const variables: Record<string, string> = {
    METAFLOW_DEFAULT_DATASTORE: 's3',
    METAFLOW_DEFAULT_METADATA: 'service'
  }
  for (const [variable, output] of METAFLOW_OUTPUTS) {
    const value = outputs[output]
    if (value !== undefined) variables[variable] = value
  }
  if (apiKey !== undefined) variables[AUTH_KEY_VARIABLE] = apiKey
  return variables
}

/**
 * The config file as `metaflow configure` writes it: a flat JSON object, keys sorted, indented by 4, empty values
 * left out.
 */
export function renderConfig(variables: Record<string, string>): string {
  const entries = Object.entries(variables)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `${JSON.stringify(Object.fromEntries(entries), null, 4)}\n`
}

/** `~` is the runner's home; a relative path is relative to the workspace. */
export function resolveConfigPath(path: string, workspace: string, home = homedir()): string {
  const expanded = path === '~' ? home : path.startsWith('~/') ? `${home}${path.slice(1)}` : path
  return isAbsolute(expanded) ? expanded : resolve(workspace, expanded)
}

/** Writes the file readable by its owner only (it holds the API key), creating its folders. */
export function writeConfig(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  writeFileSync(path, content, { mode: 0o600 })
  // writeFileSync keeps the mode of a file that already existed.
  chmodSync(path, 0o600)
}
