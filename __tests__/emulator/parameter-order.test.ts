import { afterEach, beforeEach, expect, it } from '@jest/globals'
import { ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { sdkClients } from '../support/aws.js'
import { cfnHelpers } from './cfn-helpers.js'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const TEMPLATE = `Parameters:
  A: {Type: String}
  B: {Type: String}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
`

it('sees no change when the same parameter values come in another order (values are compared by key)', async () => {
  const { cfn } = sdkClients(emulator)
  const { changeSet, settledStack } = cfnHelpers(() => cfn)
  const created = await changeSet({
    StackName: 'order',
    ChangeSetType: 'CREATE',
    TemplateBody: TEMPLATE,
    Parameters: [
      { ParameterKey: 'B', ParameterValue: '2' },
      { ParameterKey: 'A', ParameterValue: '1' }
    ]
  })
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.ChangeSetId }))
  expect(await settledStack('order')).toBe('CREATE_COMPLETE')
  const again = await changeSet({
    StackName: 'order',
    ChangeSetType: 'UPDATE',
    TemplateBody: TEMPLATE,
    Parameters: [
      { ParameterKey: 'A', ParameterValue: '1' },
      { ParameterKey: 'B', ParameterValue: '2' }
    ]
  })
  expect(again.Status).toBe('FAILED')
  expect(again.StatusReason).toMatch(/didn't contain changes/)
})
