import type { ParameterChange } from '../render/report.js'
import { redactor } from '../render/redact.js'
import type { RunContext } from '../run/context.js'
import { DeployError, messageOf } from '../run/errors.js'
import type { ActionOutputs } from '../publish/step-outputs.js'
import { appendSummary } from '../publish/summary.js'
import { invokeMigration, MigrationFailed } from './migrate.js'
import { rollServices } from './rollout.js'
import { snapshotDatabase, snapshotIdentifier } from './snapshot.js'
import { findServiceResources, type ServiceResources } from './stack-resources.js'
import { emptyServiceReport, renderServiceReport, type ServiceReport } from './summary.js'
import { migrationDecision } from './upgrades.js'
import { ServiceDown, verifyService } from './verify.js'
import { serviceWait, type ServiceWait } from './wait.js'
import { whyDown } from './why-down.js'

/**
 * After a successful deploy or execute (and in mode outputs, verify only): migrate the database when this run
 * needs it, roll the services onto the migrated schema, and check that the metadata service answers. Loaded only
 * for stacks whose outputs name a migration function or a service URL, with the Lambda, ECS and RDS clients.
 */

export interface DeployedService {
  stackName: string
  stackOutputs: Record<string, string>
  apiKey: string | undefined
  /** What the change set did (deploy, execute); undefined in mode outputs, which never migrates. */
  change:
    { operation: 'create' | 'recreate' | 'update'; parameterChanges: readonly ParameterChange[] } | undefined
}

/**
 * Runs the step; `publish` receives each output as soon as it is known, so a failure later in the step still
 * reports the snapshot taken. The job summary gets its section whether the step succeeds or fails.
 */
export async function afterDeploy(
  ctx: RunContext,
  deployed: DeployedService,
  publish: (outputs: ActionOutputs) => void
): Promise<ActionOutputs> {
  const report = emptyServiceReport()
  const outputs: ActionOutputs = {}
  const set = (more: ActionOutputs): void => {
    Object.assign(outputs, more)
    publish(more)
  }
  try {
    await migrateIfDue(ctx, deployed, report, set)
    await verifyIfAsked(ctx, deployed, report, set)
    return outputs
  } catch (err) {
    report.failure = messageOf(err)
    throw err
  } finally {
    const clean = redactor([...ctx.secrets, ...(deployed.apiKey === undefined ? [] : [deployed.apiKey])])
    const section = renderServiceReport(report)
    if (section !== '') await appendSummary(clean(section), ctx.log, ctx.env)
  }
}

async function migrateIfDue(
  ctx: RunContext,
  deployed: DeployedService,
  report: ServiceReport,
  set: (outputs: ActionOutputs) => void
): Promise<void> {
  const functionName = deployed.stackOutputs.MigrationFunctionName ?? ''
  if (deployed.change === undefined || functionName === '') return
  const { settings, log } = ctx
  const decision = migrationDecision(
    settings.migrate,
    deployed.change.operation,
    deployed.change.parameterChanges
  )
  report.why = decision.why
  if (!decision.run) {
    report.migration = decision.outcome
    log.info(`Database migration ${decision.outcome}: ${decision.why}.`)
    set({ migration: decision.outcome })
    return
  }
  report.migration = 'failed'
  const wait = serviceWait(ctx)
  const resources = await findServiceResources(ctx.clients.cloudformation, deployed.stackName, ctx.signal)
  await log.group(`Migrating the Metaflow database (${decision.why})`, async () => {
    // A new stack's database is empty: there is nothing a snapshot would keep.
    if (
      deployed.change?.operation === 'update' &&
      settings.dbSnapshotBeforeMigrate &&
      resources.dbInstance !== undefined
    ) {
      const id = snapshotIdentifier(
        deployed.stackName,
        ctx.env.GITHUB_RUN_ID ?? String(ctx.clock.now()),
        ctx.env.GITHUB_RUN_ATTEMPT ?? '1'
      )
      const tags = {
        'metaflow-deploy:stack': deployed.stackName,
        'metaflow-deploy:reason': 'before schema migration'
      }
      await snapshotDatabase(await ctx.clients.rds(), resources.dbInstance, id, tags, wait)
      report.snapshotId = id
      set({ 'db-snapshot-id': id })
      log.info(`Snapshot ${id} is available.`)
    }
    let result
    try {
      result = await invokeMigration(await ctx.clients.lambda(), functionName, ctx.signal)
    } catch (err) {
      throw new MigrationFailed(`${messageOf(err)}\n${afterFailedMigration(report.snapshotId)}`)
    }
    report.before = result.before
    report.after = result.after
    log.info(
      `Schema ${result.before?.currentVersion ?? 'unknown'} -> ${result.after?.currentVersion ?? 'unknown'} (${result.upgrade}).`
    )
    await rollAll(ctx, resources, report, wait)
  })
  report.migration = 'ran'
  set({ migration: 'ran' })
}

async function rollAll(
  ctx: RunContext,
  resources: ServiceResources,
  report: ServiceReport,
  wait: ServiceWait
): Promise<void> {
  if (resources.services.length === 0) return
  const rolled = await rollServices(await ctx.clients.ecs(), resources.services, wait)
  report.rolled = rolled.map(r => r.logicalId)
}

/** What the user does next; the stack itself is as deployed (a failed migration changes no stack resource). */
function afterFailedMigration(snapshotId: string | undefined): string {
  const snapshot =
    snapshotId === undefined ? '' : ` The database was snapshotted first as ${snapshotId} (db-snapshot-id).`
  return `The stack is deployed and this step changed nothing in it; the ECS services were not rolled.${snapshot} See docs/upgrades.md, "When a migration fails".`
}

async function verifyIfAsked(
  ctx: RunContext,
  deployed: DeployedService,
  report: ServiceReport,
  set: (outputs: ActionOutputs) => void
): Promise<void> {
  const url = deployed.stackOutputs.ServiceUrl ?? ''
  if (!ctx.settings.verify || url === '') return
  const { log } = ctx
  const wait = serviceWait(ctx)
  await log.group(`Verifying the Metaflow metadata service at ${url}`, async () => {
    try {
      const verified = await verifyService(url, deployed.apiKey, wait)
      report.version = verified.version
      set({ 'metaflow-service-version': verified.version })
      log.info(
        `The metadata service answers: pong, version ${verified.version} (attempt ${verified.attempts}).`
      )
    } catch (err) {
      if (!(err instanceof ServiceDown)) throw err
      throw new DeployError([err.message, ...(await diagnosis(ctx, deployed.stackName))].join('\n'))
    }
  })
}

/** The stack's ECS services' stopped tasks and events, or a note when they cannot be read. */
async function diagnosis(ctx: RunContext, stackName: string): Promise<string[]> {
  try {
    const resources = await findServiceResources(ctx.clients.cloudformation, stackName)
    if (resources.services.length === 0) return []
    return await whyDown(await ctx.clients.ecs(), resources.services, new AbortController().signal)
  } catch (err) {
    return [`Could not read the ECS services' tasks and events: ${messageOf(err)}`]
  }
}
