import { afterEach, describe, expect, it } from '@jest/globals'
import { proxyFor, proxyVariablesSet } from '../../src/aws/proxy.js'

// The runner's proxy variables as the action reads them for AWS (Octokit follows the same rules through
// @actions/http-client): lower case counts, and NO_PROXY's `host:port` matches that port only.
const NAMES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY']
const saved = Object.fromEntries(NAMES.map(name => [name, process.env[name]]))
const setProxy = (values: Record<string, string>): void => {
  for (const name of NAMES) delete process.env[name]
  Object.assign(process.env, values)
}
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

const CFN = 'https://cloudformation.us-east-1.amazonaws.com'

describe('proxy variables', () => {
  it.each(['https_proxy', 'http_proxy', 'HTTPS_PROXY', 'HTTP_PROXY'])('%s alone counts as a proxy', name => {
    expect(proxyVariablesSet({ [name]: 'http://proxy.internal:3128' })).toBe(true)
  })

  it('none, or empty ones, is no proxy', () => {
    expect(proxyVariablesSet({})).toBe(false)
    expect(proxyVariablesSet({ https_proxy: '', HTTPS_PROXY: '' })).toBe(false)
  })

  it('lower-case https_proxy alone sends AWS calls through the proxy', async () => {
    setProxy({ https_proxy: 'http://proxy.internal:3128' })
    expect(await proxyFor(CFN)).toBeDefined()
  })

  it('lower-case http_proxy serves http origins', async () => {
    setProxy({ http_proxy: 'http://proxy.internal:3128' })
    expect(await proxyFor('http://cloudformation.internal')).toBeDefined()
  })

  it('NO_PROXY host:port matches that port only', async () => {
    setProxy({
      https_proxy: 'http://proxy.internal:3128',
      no_proxy: 'cloudformation.us-east-1.amazonaws.com:443'
    })
    expect(await proxyFor(CFN)).toBeUndefined()
    setProxy({
      https_proxy: 'http://proxy.internal:3128',
      no_proxy: 'cloudformation.us-east-1.amazonaws.com:8443'
    })
    expect(await proxyFor(CFN)).toBeDefined()
    setProxy({ HTTPS_PROXY: 'http://proxy.internal:3128', NO_PROXY: '.amazonaws.com' })
    expect(await proxyFor(CFN)).toBeUndefined()
  })
})
