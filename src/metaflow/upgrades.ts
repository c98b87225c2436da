import type { ParameterChange } from '../render/report.js'
import type { MigrateWhen } from '../settings/settings.js'

/**
 * What a change to the Metaflow service's images means, decided from the change set's parameter changes alone (pure):
 * which upgrades a preview names, and whether a deploy must migrate the database afterwards.
 */

/** The bundled template's image parameters and the service each one runs. */
const IMAGE_PARAMETERS: Record<string, string> = {
  MetadataServiceImage: 'metadata service',
  UIStaticImage: 'UI'
}

/** The parameter whose change brings new database migrations (the metadata service and the UI backend run it). */
export const MIGRATING_PARAMETER = 'MetadataServiceImage'

export interface ImageChange {
  parameter: string
  service: string
  /** The image's tag (or digest, shortened), as people name versions: `v2.4.12`. Undefined: no image before. */
  from: string | undefined
  to: string | undefined
  migrates: boolean
}

/** `netflixoss/metaflow_metadata_service:v2.4.12` -> `v2.4.12`; a digest -> `sha256:0123456789ab`; no tag -> the image. */
export function imageVersion(image: string): string {
  const digest = /@(sha256:[0-9a-f]{12})[0-9a-f]*$/.exec(image)
  if (digest !== null) return digest[1] as string
  const tag = /:([\w][\w.-]{0,127})$/.exec(image)
  return tag === null ? image : (tag[1] as string)
}

/** The image parameters a change set changes, old and new versions. */
export function imageChanges(parameters: readonly ParameterChange[]): ImageChange[] {
  return parameters
    .filter(p => IMAGE_PARAMETERS[p.key] !== undefined && p.before !== p.after)
    .map(p => ({
      parameter: p.key,
      service: IMAGE_PARAMETERS[p.key] as string,
      from: p.before === undefined ? undefined : imageVersion(p.before),
      to: p.after === undefined ? undefined : imageVersion(p.after),
      migrates: p.key === MIGRATING_PARAMETER
    }))
}

export type MigrationDecision =
  { run: true; why: string } | { run: false; outcome: 'skipped' | 'not-needed'; why: string }

/** Whether to migrate after a successful deploy or execute, per the `migrate` input (INTERFACE.md). */
export function migrationDecision(
  migrate: MigrateWhen,
  operation: 'create' | 'recreate' | 'update',
  parameters: readonly ParameterChange[]
): MigrationDecision {
  if (migrate === 'never') return { run: false, outcome: 'skipped', why: 'migrate is never' }
  if (migrate === 'always') return { run: true, why: 'migrate is always' }
  if (operation !== 'update') return { run: true, why: 'the stack is new' }
  const image = imageChanges(parameters).find(change => change.migrates)
  if (image !== undefined)
    return {
      run: true,
      why: `${MIGRATING_PARAMETER} changed (${image.from ?? 'none'} -> ${image.to ?? 'none'})`
    }
  return { run: false, outcome: 'not-needed', why: `${MIGRATING_PARAMETER} did not change` }
}

/**
 * The lines a preview or plan shows for image upgrades (plain text; the renderer escapes it):
 * "metadata service v2.4.12 -> v2.5.1: the schema migration runs after deploy".
 */
export function upgradeNotes(
  parameters: readonly ParameterChange[],
  kind: 'preview' | 'plan' | 'deploy',
  migrate: MigrateWhen
): string[] {
  return imageChanges(parameters).map(change => {
    const versions = `${change.service} ${change.from ?? '(none)'} -> ${change.to ?? '(none)'}`
    if (!change.migrates) return `${versions}: its service rolls to the new image during the deploy`
    if (migrate === 'never')
      return `${versions}: migrate is never, so run the schema migration yourself after deploy (docs/upgrades.md)`
    if (kind === 'plan') return `${versions}: the execute job runs the schema migration after deploy`
    return `${versions}: the schema migration runs after deploy`
  })
}
