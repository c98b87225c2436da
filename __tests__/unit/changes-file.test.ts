import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { redactDeep, writeChangesFile, type ChangesDocument } from '../../src/publish/changes-file.js'

const SECRET = 'p"w|d\\x'

function document(): ChangesDocument {
  return {
    stackName: 'app',
    environment: 'dev',
    region: 'us-east-1',
    mode: 'plan',
    operation: 'update',
    changeSetId: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/metaflow-plan-1/abc',
    hasChanges: true,
    counts: { add: 0, modify: 1, replace: 0, remove: 0, import: 0, dynamic: 0, syncWithActual: 0 },
    parameterChanges: [{ key: 'DbPassword', before: '****', after: '****' }],
    parameters: [{ ParameterKey: 'DbPassword', ParameterValue: '****' }],
    changes: [
      {
        Type: 'Resource',
        ResourceChange: {
          Action: 'Modify',
          LogicalResourceId: 'Task',
          // A secret the template put into a property, as the value itself and inside a JSON document.
          AfterContext: JSON.stringify({ Environment: [{ Name: 'PW', Value: SECRET }] }),
          Details: [{ Target: { Name: SECRET, AfterValue: `prefix ${SECRET} suffix` } }]
        }
      }
    ],
    nested: [],
    dataLoss: []
  }
}

describe('the changes file', () => {
  it('holds no form of a secret: as itself, JSON-escaped, or as a key', () => {
    const redacted = redactDeep({ ...document(), [SECRET]: 1 }, [SECRET])
    const change = redacted.changes[0]?.ResourceChange
    // Inside the JSON document the secret is JSON-escaped; it must be gone in that form too.
    expect(change?.AfterContext).toBe(JSON.stringify({ Environment: [{ Name: 'PW', Value: '****' }] }))
    expect(change?.Details?.[0]?.Target).toEqual({ Name: '****', AfterValue: 'prefix **** suffix' })
    expect(Object.keys(redacted)).not.toContain(SECRET)
    expect(JSON.stringify(redacted)).not.toContain('w|d')
  })

  it('is written under RUNNER_TEMP, readable by the runner user only', () => {
    const temp = mkdtempSync(join(tmpdir(), 'mfd-changes-'))
    const path = writeChangesFile({ RUNNER_TEMP: temp }, document(), [SECRET])
    expect(path).toBe(join(temp, 'metaflow-deploy', 'changes-app-dev-plan.json'))
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const written = JSON.parse(readFileSync(path, 'utf8')) as ChangesDocument
    expect(written.changes[0]?.ResourceChange?.Details?.[0]?.Target?.Name).toBe('****')
  })
})
