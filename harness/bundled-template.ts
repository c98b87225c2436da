import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './runner.js'

/**
 * The bundled template with its database renamed (`metaflow` -> `metaflow_v2`, in the instance and in every
 * service that connects to it): RDS can only rename a database by replacing the instance with a new, empty one,
 * so this is the pull request the data-loss examples and the demo preview. YAML, as in templates/metaflow.yml.
 */
export function bundledTemplateWithRenamedDatabase(): string {
  return readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8')
    .replaceAll('DBName: metaflow', 'DBName: metaflow_v2')
    .replaceAll(
      '{ Name: MF_METADATA_DB_NAME, Value: metaflow }',
      '{ Name: MF_METADATA_DB_NAME, Value: metaflow_v2 }'
    )
}
