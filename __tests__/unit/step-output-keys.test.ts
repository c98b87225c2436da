import { describe, expect, it } from '@jest/globals'
import type { Stack } from '@aws-sdk/client-cloudformation'
import { publishStack } from '../../src/publish/outputs.js'
import type { RunContext } from '../../src/run/context.js'
import { RecordingLogger } from '../support/context.js'

// A narrow unit test: no API key and no config file, so publishing touches neither AWS nor the disk.
describe('stack outputs as step outputs', () => {
  it('only keys that follow CloudFormation’s alphanumeric rule become step outputs', async () => {
    const log = new RecordingLogger()
    const ctx = { settings: { exportEnv: false, metaflowConfigFile: '' }, log } as unknown as RunContext
    const set: string[] = []
    const stack: Stack = {
      StackName: 'app',
      StackStatus: 'CREATE_COMPLETE',
      CreationTime: new Date(0),
      Outputs: [
        { OutputKey: 'ServiceUrl', OutputValue: 'https://x' },
        { OutputKey: 'a\nstack-id<<EOF', OutputValue: 'forged' },
        { OutputKey: 'with-dash', OutputValue: 'x' },
        { OutputKey: 'x'.repeat(256), OutputValue: 'x' },
        { OutputKey: 'Bucket1', OutputValue: 'b' }
      ]
    }
    await publishStack(ctx, stack, { setOutput: name => set.push(name), exportVariable: () => undefined })
    expect(set).toEqual(['ServiceUrl', 'Bucket1'])
    expect(log.warnings).toHaveLength(3)
    expect(log.warnings[0]).toMatch(/^Stack output "a\\nstack-id<<EOF" is not a CloudFormation output name/)
  })
})
