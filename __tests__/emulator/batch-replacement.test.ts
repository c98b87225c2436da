import { describe, expect, it } from '@jest/globals'
import { recreationOf } from '../../emulator/resource-types.js'

/**
 * How the emulator decides whether a Batch compute environment change replaces it: from the values, as AWS Batch
 * does ("Updating compute environments"): with ReplaceComputeEnvironment false, changes that need new instances
 * are infrastructure updates in place; scaling changes never replace; SpotIamFleetRole is create-only.
 */
const TYPE = 'AWS::Batch::ComputeEnvironment'
const resources = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Type: 'EC2',
  MaxvCpus: 64,
  InstanceTypes: ['c5.large'],
  Subnets: ['subnet-1'],
  ...extra
})
const change = (replace: unknown, after: Record<string, unknown>) => ({
  before: { ReplaceComputeEnvironment: replace, ComputeResources: resources() },
  after: { ReplaceComputeEnvironment: replace, ComputeResources: resources(after) }
})

describe('Batch compute environment replacement', () => {
  it.each([
    [
      'an instance-type change, ReplaceComputeEnvironment unset (true)',
      undefined,
      { InstanceTypes: ['m6i.large'] },
      'Always'
    ],
    [
      'an instance-type change, ReplaceComputeEnvironment false',
      false,
      { InstanceTypes: ['m6i.large'] },
      'Never'
    ],
    [
      'a launch template version change, ReplaceComputeEnvironment false',
      false,
      { LaunchTemplate: { Version: '2' } },
      'Never'
    ],
    ['a MaxvCpus change, ReplaceComputeEnvironment unset', undefined, { MaxvCpus: 128 }, 'Never'],
    [
      'a SpotIamFleetRole change, ReplaceComputeEnvironment false',
      false,
      { SpotIamFleetRole: 'arn:aws:iam::1:role/x' },
      'Always'
    ]
  ])('%s', (_what, replace, after, expected) => {
    expect(recreationOf(TYPE, 'ComputeResources', change(replace, after))).toBe(expected)
  })

  it('without the values, answers from the schema as before (a create-only path inside: Conditionally)', () => {
    expect(recreationOf(TYPE, 'ComputeResources')).toBe('Conditionally')
  })
})
