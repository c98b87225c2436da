import { describe, expect, it } from '@jest/globals'
import {
  renderFailedPreview,
  renderFailure,
  renderReport,
  type ChangeReport
} from '../../src/render/render-report.js'
import { redactor } from '../../src/render/redact.js'
import { base, comment, modify, property, summary } from './render-fixtures.js'
import { render } from './render-gfm.js'

/**
 * NoEcho values and the API key are redacted from the data before anything encodes them. Each hostile secret
 * below is placed where an encoding would hide it from a redaction of the finished Markdown: escaped pipes,
 * HTML entities, a line-break mark, a JSON string the pretty-printer re-encodes, a cell-width cut.
 */
const SECRETS = ['a|b', 'x&y', '"q"', 'k3y', 'line one\nline two', 'tab\tand\\slash', 'p<w>d']

/** Every way a secret could be spelled in the output. */
function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const html = secret
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
  return [
    secret,
    json,
    html,
    secret.replace(/\|/g, '\\|'),
    secret.replace(/\n/g, '⏎'),
    secret.replace(/\n/g, ' ')
  ]
}

function report(secret: string): ChangeReport {
  const document = JSON.stringify({ Environment: [{ Name: 'DB_PASSWORD', Value: secret }], Command: ['run'] })
  return {
    ...base,
    secrets: [secret],
    parameters: [{ key: 'DbPassword', before: `old-${secret}`, after: secret }],
    changes: [
      modify('Task', 'AWS::ECS::TaskDefinition', [
        property('/Properties/ContainerDefinitions', document.replace('run', 'old'), document),
        property('/Properties/Description', 'x', `prefix ${secret} suffix`),
        // Long enough to be cut or moved below the table: the secret straddles where a cut would fall.
        property('/Properties/Long', 'y', `${'z'.repeat(75)}${secret}${'z'.repeat(20)}`),
        // A document AWS cut short ("large values can be truncated"): not JSON any more, so shown as text, where
        // the secret is still in its JSON-escaped form.
        property(
          '/Properties/Truncated',
          'x',
          `{"Environment":[{"Value":${JSON.stringify(secret)}},{"Value":"`
        ),
        // Written with JSON's \u escapes: only decoding the document finds it.
        property(
          '/Properties/Escaped',
          '{"a":1}',
          `{"a":"${[...secret].map(ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`
        )
      ])
    ],
    outputs: { Token: secret }
  }
}

describe('secrets are redacted from the data', () => {
  it.each(SECRETS.map(s => [JSON.stringify(s), s] as const))(
    'no encoding of %s reaches the comment or the summary',
    (_, secret) => {
      for (const options of [comment, summary]) {
        const body = renderReport(report(secret), options).body
        for (const form of encodings(secret)) expect(body).not.toContain(form)
        // And GitHub shows no trace of it either, once entities and escapes are decoded.
        const shown = render(body)
        for (const text of [...shown.codes, ...shown.blocks.map(b => b.text), shown.prose])
          expect(text).not.toContain(secret)
        expect(body).toContain('****')
      }
    }
  )

  it('redacts secrets in failure reasons before they are shown', () => {
    const secret = 'a|b'
    const failed = renderFailedPreview({
      stackName: 's',
      environment: '',
      region: 'r',
      reason: `Parameter DbPassword value "${secret}" is invalid\n${JSON.stringify(secret)}`,
      commitSha: '',
      runUrl: undefined,
      secrets: [secret]
    })
    expect(failed).not.toContain('a|b')
    expect(failed).not.toContain('a\\|b')
    const deploy = renderFailure({
      stackName: 's',
      environment: '',
      region: 'r',
      status: 'UPDATE_ROLLBACK_COMPLETE',
      failures: [{ logicalId: 'X', type: 'AWS::X::Y', status: 'UPDATE_FAILED', reason: `bad ${secret}` }],
      commitSha: '',
      runUrl: undefined,
      secrets: [secret]
    })
    expect(deploy).not.toContain('a|b')
    expect(deploy).not.toContain('a\\|b')
  })

  it('replaces the longest secret first, so a short one never matches inside it or inside ****', () => {
    const clean = redactor(['**', 'abc', 'abcdef'])
    expect(clean('abcdef abc **')).toBe('**** **** ****')
  })

  it('leaves text alone when there are no secrets', () => {
    expect(redactor([])('a|b')).toBe('a|b')
    expect(redactor([''])('a|b')).toBe('a|b')
  })
})
