import { describe, expect, it } from '@jest/globals'
import { explainFirstRunError, FirstRunError, messageOf } from '../../src/run/errors.js'

const sdkError = (name: string, message: string): Error => Object.assign(new Error(message), { name })

describe('first-run errors', () => {
  it('explains a missing region and missing credentials once, however often it is asked', () => {
    for (const raw of [
      new Error('Region is missing'),
      sdkError('CredentialsProviderError', 'Could not load credentials from any providers')
    ]) {
      const once = explainFirstRunError(raw, { GITHUB_ACTION_REPOSITORY: 'acme/metaflow-deploy' })
      expect(once).toBeInstanceOf(FirstRunError)
      expect(explainFirstRunError(once)).toBe(once)
      const text = messageOf(once)
      expect(text.match(/the AWS SDK says/g)).toHaveLength(1)
      expect(text).toContain('https://github.com/acme/metaflow-deploy#aws-credentials')
      expect(text).toContain('id-token: write')
    }
  })

  it('leaves every other error as it is', () => {
    const other = sdkError('ValidationError', 'Stack with id x does not exist')
    expect(explainFirstRunError(other)).toBe(other)
    expect(messageOf(other)).toBe('Stack with id x does not exist')
  })
})

describe('noteLeftovers', () => {
  it("names what the clean-up could not remove in the run's error and the command that deletes each, and leaves an error without leftovers alone", async () => {
    const { DeployError, noteLeftovers } = await import('../../src/run/errors.js')
    const err = new DeployError('timeout-minutes ran out.')
    const changeSet = { kind: 'change-set', id: 'arn:aws:cloudformation:us-east-1:1:changeSet/x/y' } as const
    noteLeftovers(err, [changeSet, { kind: 'empty-stack', stackName: 'app' }])
    expect(err.message).toBe(
      'timeout-minutes ran out.\nLeft behind: change set arn:aws:cloudformation:us-east-1:1:changeSet/x/y, empty stack app (REVIEW_IN_PROGRESS). The clean-up could not remove them (the warnings above say why). Delete them with `aws cloudformation delete-change-set --change-set-name arn:aws:cloudformation:us-east-1:1:changeSet/x/y`, then `aws cloudformation delete-stack --stack-name app` if it is still REVIEW_IN_PROGRESS (a later deploy also takes it over as it is).'
    )
    const one = new DeployError('failed.')
    noteLeftovers(one, [changeSet])
    expect(one.message).toBe(
      'failed.\nLeft behind: change set arn:aws:cloudformation:us-east-1:1:changeSet/x/y. The clean-up could not remove it (the warnings above say why). Delete it with `aws cloudformation delete-change-set --change-set-name arn:aws:cloudformation:us-east-1:1:changeSet/x/y`.'
    )
    const clean = new DeployError('failed.')
    noteLeftovers(clean, [])
    expect(clean.message).toBe('failed.')
  })
})
