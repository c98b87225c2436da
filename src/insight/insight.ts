import type { ChecksResult } from './checks.js'
import type { CostEstimate } from './cost/estimate.js'
import type { DriftResult } from './drift.js'
import type { RevertDriftChange } from './revert-drift.js'

/** What a reviewer sees besides the changes: their cost, the drift they meet, and AWS's own checks of them. */
export interface Insight {
  /** The priced change, or why there is none (a note). Unset when `cost` is off. */
  cost?: CostEstimate | { note: string } | undefined
  /** `max-monthly-increase`, for the verdict next to the cost. */
  maxMonthlyIncrease?: number | undefined
  /** Unset when `drift` is off or the stack is new. */
  drift?: DriftResult | undefined
  /** The drift fields of a drift-aware change set (deployment-mode: revert-drift). */
  revertDrift?: RevertDriftChange[] | undefined
  /** Unset when there was no change set to check. */
  checks?: ChecksResult | undefined
}

export const isEstimate = (cost: Insight['cost']): cost is CostEstimate =>
  cost !== undefined && 'lines' in cost

/** Whether the priced increase is over the limit. */
export function overLimit(insight: Insight | undefined): boolean {
  const { cost, maxMonthlyIncrease } = insight ?? {}
  return maxMonthlyIncrease !== undefined && isEstimate(cost) && cost.delta > maxMonthlyIncrease
}

/** The checks that block the change. */
export const failedChecks = (insight: Insight | undefined): number =>
  (insight?.checks?.findings ?? []).filter(f => f.level === 'FAIL').length
