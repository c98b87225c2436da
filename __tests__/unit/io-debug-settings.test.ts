import { describe, expect, it } from '@jest/globals'
import { actionInputs } from '../../harness/runner.js'
import { debugSettings } from '../../src/run/log.js'
import { parseSettings } from '../../src/settings/settings.js'

async function settingsFrom(inputs: Record<string, string>) {
  const defaults = Object.fromEntries(Object.entries(actionInputs()).map(([k, v]) => [k, v.default ?? '']))
  return parseSettings(name => (inputs[name] ?? defaults[name] ?? '').trim(), { eventName: 'push' })
}

describe('debugSettings', () => {
  it('logs every resolved setting, with the token and inline parameter values left out', async () => {
    const settings = await settingsFrom({
      'stack-name': 'metaflow-dev',
      environment: 'dev',
      'github-token': 'ghs_doNotLogThisToken000000000000000',
      parameters: 'DbPassword=hunter2-secret\nEnv=dev',
      tags: 'team=ml'
    })
    const lines: string[] = []
    debugSettings(settings, { debug: line => lines.push(line) })
    const text = lines.join('\n')
    expect(lines).toHaveLength(Object.keys(settings).length)
    expect(text).toContain('setting stackName = "metaflow-dev"')
    expect(text).toContain('setting githubToken = (set; not shown)')
    expect(text).toContain('setting parametersText = (keys: DbPassword, Env; values not logged)')
    expect(text).toContain('setting tags = {"team":"ml"}')
    expect(text).not.toContain('ghs_doNotLogThisToken')
    expect(text).not.toContain('hunter2')
  })
})
