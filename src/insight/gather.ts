import {
  GetTemplateCommand,
  type Change,
  type Parameter,
  type ResourceChange,
  type Stack
} from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import { DeployError, messageOf } from '../run/errors.js'
import { resourceChanges } from '../stack/changes.js'
import { parseTemplateBody } from '../template/cfn-yaml.js'
import { readChecks } from './checks.js'
import { dollars, estimateCost, type CostEstimate } from './cost/estimate.js'
import { RunPriceSource } from './cost/price-source.js'
import { resolveResources } from './cost/resolve-template.js'
import { stackSides } from './cost/sides.js'
import { detectDrift, driftAgainstChanges, type DriftResult } from './drift.js'
import { failedChecks, isEstimate, overLimit, type Insight } from './insight.js'
import { revertDriftChanges } from './revert-drift.js'

/**
 * Where the modes call in: drift started beside the change set, cost and checks read while the change set
 * exists, the limit applied before ExecuteChangeSet, and the verdicts that fail a preview after it reported.
 */

/** Drift detection running beside the change set; `stop` ends its waits when the preview ends early. */
export interface DriftInFlight {
  result: ReturnType<typeof detectDrift>
  stop(): void
}

/** Starts drift detection on an existing stack (drift on); undefined when there is nothing to check. */
export function startDrift(ctx: RunContext, existing: Stack | undefined): DriftInFlight | undefined {
  if (!ctx.settings.drift || existing === undefined) return undefined
  const stop = new AbortController()
  const signal = AbortSignal.any([ctx.signal, stop.signal])
  return {
    result: detectDrift({ ...ctx, signal }, existing.StackName ?? ctx.settings.stackName),
    stop: () => stop.abort()
  }
}

/** The change set's cost at rest; a note instead when it cannot be priced. Never throws. */
export async function priceChange(
  ctx: RunContext,
  templateBody: string,
  parameters: readonly Parameter[],
  changes: readonly Change[]
): Promise<CostEstimate | { note: string }> {
  try {
    const given = Object.fromEntries(parameters.map(p => [p.ParameterKey ?? '', p.ParameterValue ?? '']))
    const resolved = resolveResources(parseTemplateBody(templateBody), given)
    const sides = stackSides(resolved, resourceChanges([...changes]))
    const prices = new RunPriceSource(() => ctx.clients.pricing(), undefined, ctx.signal)
    return await estimateCost(sides, await ctx.clients.region(), prices)
  } catch (err) {
    return {
      note: `The change could not be priced: ${messageOf(err)
        .slice(0, 200)
        .replace(/[^\w .,:()/-]/g, '')}`
    }
  }
}

export interface ChangeSetView {
  templateBody: string
  parameters: readonly Parameter[]
  changes: readonly Change[]
  changeSetId: string
}

/** Cost, checks and drift of a preview's or plan's change set, read concurrently while the change set exists. */
export async function gatherInsight(
  ctx: RunContext,
  view: ChangeSetView,
  drift: DriftInFlight | undefined
): Promise<Insight> {
  const { settings } = ctx
  const wantsCost = settings.cost || settings.maxMonthlyIncrease !== undefined
  const [cost, checks, rawDrift] = await Promise.all([
    wantsCost ? priceChange(ctx, view.templateBody, view.parameters, view.changes) : undefined,
    readChecks(ctx, view.changeSetId),
    drift?.result
  ])
  const changes: ResourceChange[] = resourceChanges([...view.changes])
  const driftResult: DriftResult | undefined =
    rawDrift === undefined
      ? undefined
      : rawDrift.kind === 'raw'
        ? {
            kind: 'checked',
            resources: driftAgainstChanges(rawDrift.drifts, changes),
            ...(rawDrift.partial === undefined ? {} : { partial: rawDrift.partial })
          }
        : rawDrift
  return {
    cost,
    maxMonthlyIncrease: settings.maxMonthlyIncrease,
    drift: driftResult,
    revertDrift: settings.deploymentMode === 'revert-drift' ? revertDriftChanges(changes) : undefined,
    checks
  }
}

/**
 * Why a preview or plan that reported in full fails after all (the comment it wrote stays as it is): a priced
 * increase over max-monthly-increase, or a failed check. undefined when it does not.
 */
export function notReadyReason(insight: Insight | undefined): string | undefined {
  const reasons: string[] = []
  const fails = failedChecks(insight)
  if (fails > 0) reasons.push(`${fails} of AWS's checks failed (see the Checks section)`)
  if (overLimit(insight) && insight !== undefined && isEstimate(insight.cost))
    reasons.push(
      `the change raises the monthly cost at rest by $${dollars(insight.cost.delta)}, over max-monthly-increase ($${dollars(insight.maxMonthlyIncrease ?? 0)})`
    )
  return reasons.length === 0 ? undefined : `This change is not ready to merge: ${reasons.join('; ')}.`
}

/**
 * deploy and execute: prices the change set and refuses it, before ExecuteChangeSet, when the increase is over
 * max-monthly-increase. Returns what it found, for the summary. The caller deletes the change set when this throws.
 */
export async function guardCost(
  ctx: RunContext,
  view: Omit<ChangeSetView, 'templateBody'> & { templateBody?: string }
): Promise<Insight | undefined> {
  const { settings } = ctx
  if (!settings.cost && settings.maxMonthlyIncrease === undefined) return undefined
  const body = view.templateBody ?? (await changeSetTemplate(ctx, view.changeSetId))
  const cost = await priceChange(ctx, body, view.parameters, view.changes)
  const insight: Insight = { cost, maxMonthlyIncrease: settings.maxMonthlyIncrease }
  if (!isEstimate(cost)) {
    if (settings.maxMonthlyIncrease !== undefined)
      ctx.log.warning(
        `max-monthly-increase is set, but ${cost.note.replace(/^The/, 'the')}; the change is not refused for cost.`
      )
    return insight
  }
  if (overLimit(insight)) {
    throw new DeployError(
      `Refusing to execute: the change raises the monthly cost at rest of stack ${settings.stackName} by $${dollars(cost.delta)} (from $${dollars(cost.before)} to $${dollars(cost.after)}), over max-monthly-increase ($${dollars(settings.maxMonthlyIncrease ?? 0)}). Raise the limit or change the parameters.`
    )
  }
  return insight
}

async function changeSetTemplate(ctx: RunContext, changeSetId: string): Promise<string> {
  const answer = await ctx.clients.cloudformation.send(
    new GetTemplateCommand({
      StackName: ctx.settings.stackName,
      ChangeSetName: changeSetId,
      TemplateStage: 'Original'
    }),
    { abortSignal: ctx.signal }
  )
  return answer.TemplateBody ?? ''
}

/** The insight outputs: cost-monthly-before/after/delta (two decimals) and drifted-count; empty when not looked at. */
export function insightOutputs(insight: Insight | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (insight !== undefined && isEstimate(insight.cost)) {
    out['cost-monthly-before'] = dollars(insight.cost.before)
    out['cost-monthly-after'] = dollars(insight.cost.after)
    out['cost-monthly-delta'] = dollars(insight.cost.delta)
  }
  if (insight?.drift?.kind === 'checked') out['drifted-count'] = String(insight.drift.resources.length)
  return out
}
