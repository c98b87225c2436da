import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/run/errors.js'
import { parseSettings } from '../../src/settings/settings.js'
import { actionInputs } from '../../harness/runner.js'

/** Inputs as the runner passes them: action.yml defaults, overridden by what the test gives. */
function reader(given: Record<string, string>): (name: string) => string {
  const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
  return name => (given[name] ?? defaults[name] ?? '').trim()
}

const parse = (given: Record<string, string>) =>
  parseSettings(reader({ 'stack-name': 'metaflow-dev', ...given }), { eventName: 'push' })

async function messageOf(given: Record<string, string>): Promise<string> {
  try {
    await parse(given)
  } catch (err) {
    if (err instanceof InputError) return err.message
    throw err
  }
  throw new Error('expected an InputError')
}

describe('the third round inputs', () => {
  it('reads their action.yml defaults into typed settings', async () => {
    expect(await parse({})).toMatchObject({
      failOnDataLoss: true,
      includeNestedStacks: true,
      labels: true,
      migrate: 'auto',
      dbSnapshotBeforeMigrate: true,
      verify: true,
      deploymentSpeed: 'standard',
      cost: true,
      maxMonthlyIncrease: undefined,
      drift: true,
      deploymentMode: undefined
    })
  })

  it('reads a dollar limit, with or without $, and refuses anything else naming the input', async () => {
    expect((await parse({ 'max-monthly-increase': '50' })).maxMonthlyIncrease).toBe(50)
    expect((await parse({ 'max-monthly-increase': '$12.50' })).maxMonthlyIncrease).toBe(12.5)
    expect(await messageOf({ 'max-monthly-increase': '50 USD' })).toMatch(/^Input 'max-monthly-increase': /)
    expect(await messageOf({ 'max-monthly-increase': '-5' })).toMatch(/amount of US dollars/)
  })

  it('reads the enums and refuses unknown values naming the input', async () => {
    const settings = await parse({
      migrate: 'never',
      'deployment-speed': 'express',
      'deployment-mode': 'revert-drift'
    })
    expect(settings).toMatchObject({
      migrate: 'never',
      deploymentSpeed: 'express',
      deploymentMode: 'revert-drift'
    })
    expect(await messageOf({ migrate: 'sometimes' })).toMatch(
      /^Input 'migrate': "sometimes" is not one of: auto, always, never/
    )
    expect(await messageOf({ 'deployment-mode': 'REVERT' })).toMatch(/^Input 'deployment-mode': /)
  })
})

describe('timeout-minutes', () => {
  // 4.1 minutes is 245,999.99… ms: AbortSignal.timeout threw a RangeError for 184 of the 3,600 one-decimal values.
  it('rounds every one-decimal value up to whole milliseconds that a timer accepts', async () => {
    for (let tenths = 1; tenths <= 3600; tenths++) {
      const { timeoutMs } = await parse({ 'timeout-minutes': (tenths / 10).toFixed(1) })
      expect(Number.isInteger(timeoutMs)).toBe(true)
      expect(timeoutMs).toBeGreaterThanOrEqual((tenths / 10) * 60_000 - 1e-6)
      AbortSignal.timeout(timeoutMs + Math.ceil(Math.min(5_000, timeoutMs * 0.05)))
    }
  })

  it("reads the official action's timeout-in-minutes as an alias, and refuses two different values", async () => {
    expect((await parse({ 'timeout-in-minutes': '15' })).timeoutMs).toBe(15 * 60_000)
    expect((await parse({ 'timeout-in-minutes': '15', 'timeout-minutes': '15' })).timeoutMs).toBe(15 * 60_000)
    expect(await messageOf({ 'timeout-in-minutes': '15', 'timeout-minutes': '30' })).toMatch(
      /^Input 'timeout-in-minutes': is 15 but timeout-minutes is 30/
    )
    expect(await messageOf({ 'timeout-in-minutes': 'soon' })).toMatch(/^Input 'timeout-in-minutes': "soon"/)
  })
})

describe("the official action's input names", () => {
  it.each([
    ['name', 'metaflow-dev', /write stack-name instead/],
    ['parameter-overrides', 'A=1', /write parameters instead/],
    ['no-fail-on-empty-changeset', '1', /already succeeds/],
    ['no-execute-changeset', '1', /mode: preview/],
    ['s3-bucket', 'bucket', /template-bucket/]
  ])('refuses %s with what to write instead, before anything else', async (name, value, instead) => {
    const message = await messageOf({ [name]: value, 'stack-name': '' })
    expect(message).toMatch(
      new RegExp(`^Input '${name}': is an input of aws-actions/aws-cloudformation-github-deploy`)
    )
    expect(message).toMatch(instead)
  })
})

describe('allow-data-loss', () => {
  it('takes nested paths, and keeps a bare id for the root stack only', async () => {
    const { allowDataLoss } = await parse({ 'allow-data-loss': 'Store\nInner/Store, A/B/Table' })
    expect(allowDataLoss).toEqual({ all: false, paths: new Set(['Store', 'Inner/Store', 'A/B/Table']) })
    expect(await messageOf({ 'allow-data-loss': 'Inner//Store' })).toMatch(
      /^Input 'allow-data-loss': "Inner\/\/Store"/
    )
    expect(await messageOf({ 'allow-data-loss': 'Inner/*' })).toMatch(/NestedStackId\/LogicalId/)
  })
})
