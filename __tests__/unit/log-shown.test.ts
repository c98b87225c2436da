import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { coreLogger, inert } from '../../src/run/log.js'
import { withoutUrlQueries } from '../../src/render/redact.js'
import { renderFailedPreview, renderFailure } from '../../src/render/render-report.js'

const PRESIGNED =
  'https://cfn-templates.s3.us-east-1.amazonaws.com/metaflow.yaml?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLETOKEN&X-Amz-Signature=abc123'

/** Lines the runner would read as a command (actions/runner ActionCommand: `::` after TrimStart, `##[` anywhere). */
const runnerWouldRun = (text: string): string[] =>
  text
    .split(/\r\n|\r|\n/)
    .filter(line => /^[\s\u0085]*::[a-zA-Z-]+( [^:]*)?::/.test(line) || line.includes('##['))

describe('what the log shows of untrusted text', () => {
  let written: string[]
  const savedDebug = process.env.RUNNER_DEBUG
  beforeEach(() => {
    written = []
    process.env.RUNNER_DEBUG = '1'
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
    if (savedDebug === undefined) delete process.env.RUNNER_DEBUG
    else process.env.RUNNER_DEBUG = savedDebug
  })

  it.each(['debug', 'info', 'warning', 'notice'] as const)(
    '%s lines are inert, without terminal escapes or URL queries',
    level => {
      coreLogger[level](
        `GetTemplate ${PRESIGNED} failed: ##[add-mask]x \u001b[2K\u001b[32mCREATE_COMPLETE\u001b[0m`
      )
      const out = written.join('')
      expect(runnerWouldRun(out.replace(/^::(debug|warning|notice)::/, ''))).toEqual([])
      expect(out).not.toContain('##[')
      expect(out).not.toContain('\u001b')
      expect(out).not.toMatch(/X-Amz-(Security-Token|Credential|Signature)/)
      expect(out).toContain('https://cfn-templates.s3.us-east-1.amazonaws.com/metaflow.yaml?…')
      expect(out).toContain('CREATE_COMPLETE')
    }
  )
})

describe('terminal escapes', () => {
  it.each([
    ['colours', '\u001b[1;31mFAILED\u001b[0m', 'FAILED'],
    ['cursor moves and line erase', 'a\u001b[1A\u001b[2Kb', 'ab'],
    ['an OSC hyperlink', '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007', 'click'],
    ['an OSC title ended by ST', '\u001b]0;title\u001b\\text', 'text'],
    ['the one-byte CSI', '\u009b31mred', 'red'],
    ['a lone ESC', 'x\u001by', 'xy']
  ])('%s are stripped', (_, text, shown) => {
    expect(inert(text)).toBe(shown)
  })
})

describe('URL queries', () => {
  it('are hidden, the URL kept, in every scheme and around quotes and brackets', () => {
    expect(withoutUrlQueries(`TemplateURL: "${PRESIGNED}", next`)).toBe(
      'TemplateURL: "https://cfn-templates.s3.us-east-1.amazonaws.com/metaflow.yaml?…", next'
    )
    expect(withoutUrlQueries('(s3://b/k?versionId=1) and http://x/y?a=b#frag')).toBe(
      '(s3://b/k?…) and http://x/y?…#frag'
    )
    expect(withoutUrlQueries('no url? no query')).toBe('no url? no query')
  })

  it('are hidden in the failed-preview comment and the failed-deploy summary', () => {
    const common = {
      stackName: 's',
      environment: '',
      region: 'r',
      commitSha: '',
      runUrl: undefined,
      secrets: []
    }
    const failed = renderFailedPreview({ ...common, reason: `could not read ${PRESIGNED}: Access Denied` })
    const deploy = renderFailure({
      ...common,
      status: 'UPDATE_ROLLBACK_COMPLETE',
      failures: [
        {
          logicalId: 'Nested',
          type: 'AWS::CloudFormation::Stack',
          status: 'CREATE_FAILED',
          reason: PRESIGNED
        }
      ]
    })
    for (const body of [failed, deploy]) {
      expect(body).not.toMatch(/X-Amz-(Security-Token|Credential|Signature)/)
      expect(body).toContain('metaflow.yaml?…')
    }
  })
})
