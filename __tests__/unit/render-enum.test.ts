import { describe, expect, it } from '@jest/globals'
import type { ResourceChange } from '@aws-sdk/client-cloudformation'
import { renderReport } from '../../src/render/render-report.js'
import { base, comment, summary } from './render-fixtures.js'
import { render } from './render-gfm.js'

// Enum fields (PolicyAction here) come from AWS like every other value: a backend, a proxy or a future value
// may put anything there, and it is shown as code, never rendered as Markdown or HTML.
const HOSTILE_POLICY = '[Delete](https://evil.example) <img src=x onerror=alert(1)> **Retain**'

describe('an enum field from AWS', () => {
  it.each([
    ['comment', comment],
    ['summary', summary]
  ])('is shown as code in the %s, not rendered', (_, options) => {
    const removed = {
      Action: 'Remove',
      LogicalResourceId: 'Logs',
      ResourceType: 'AWS::Logs::LogGroup',
      PolicyAction: HOSTILE_POLICY
    } as unknown as ResourceChange
    const body = renderReport({ ...base, hasChanges: true, changes: [removed] }, options).body
    const shown = render(body)
    expect(shown.codes).toContain(HOSTILE_POLICY)
    expect(shown.prose).not.toContain('evil.example')
    expect(body).not.toMatch(/\(\[Delete\]\(https/)
  })
})
