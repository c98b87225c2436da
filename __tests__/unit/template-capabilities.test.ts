import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../harness/runner.js'
import { checkCapabilities, neededCapabilities } from '../../src/template/capabilities.js'

const role = (props = ''): string =>
  [
    'Resources:',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument: {}',
    props
  ]
    .filter(Boolean)
    .join('\n')

describe('the capabilities a template needs, before CreateChangeSet', () => {
  it('IAM resources need CAPABILITY_IAM; custom names CAPABILITY_NAMED_IAM', () => {
    expect(neededCapabilities(role())).toEqual({ iam: true, namedIam: false, autoExpand: '' })
    expect(neededCapabilities(role('      RoleName: metaflow-batch'))).toMatchObject({ namedIam: true })
  })

  it('a transform, a macro, an Fn::Transform or a nested stack may need CAPABILITY_AUTO_EXPAND', () => {
    expect(neededCapabilities(`Transform: AWS::Serverless-2016-10-31\n${role()}`).autoExpand).toBe(
      'its Transform'
    )
    expect(
      neededCapabilities(
        'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: x}'
      ).autoExpand
    ).toBe('its nested stacks')
    expect(
      neededCapabilities(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::Transform: {Name: 'AWS::Include', Parameters: {Location: s3://b/k}}"
      ).autoExpand
    ).toBe('an Fn::Transform')
  })

  it('refuses a capabilities input that lacks what the template needs, naming the value to set', () => {
    expect(() => checkCapabilities(role('      RoleName: r'), 'stack.yml', ['CAPABILITY_IAM'])).toThrow(
      'Input \'capabilities\': stack.yml gives IAM resources custom names, which needs CAPABILITY_NAMED_IAM; capabilities is "CAPABILITY_IAM". Set capabilities: CAPABILITY_NAMED_IAM.'
    )
    expect(() => checkCapabilities(role(), 'stack.yml', ['CAPABILITY_AUTO_EXPAND'])).toThrow(
      /needs CAPABILITY_IAM; .*Set capabilities: CAPABILITY_AUTO_EXPAND,CAPABILITY_IAM\./
    )
    expect(checkCapabilities(role(), 'stack.yml', ['CAPABILITY_NAMED_IAM'])).toBe('')
    expect(checkCapabilities(`Transform: X\n${role()}`, 'stack.yml', ['CAPABILITY_IAM'])).toMatch(
      /may need CAPABILITY_AUTO_EXPAND \(its Transform\)/
    )
  })

  it('the bundled template needs CAPABILITY_IAM only, the default', () => {
    const body = readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8')
    expect(neededCapabilities(body)).toEqual({ iam: true, namedIam: false, autoExpand: '' })
  })
})
