import { describe, expect, it } from '@jest/globals'
import { parseTemplateBody, TemplateSyntaxError } from '../../src/template/cfn-yaml.js'

type Data = Record<string, unknown>
const parse = (body: string): Data => JSON.parse(JSON.stringify(parseTemplateBody(body))) as Data
const properties = (body: string): Data => ((parse(body).Resources as Data).R as Data).Properties as Data

describe('YAML scalars, as CloudFormation reads them', () => {
  it('reads unquoted yes/no/on/off/true/false in their three casings as booleans (YAML 1.1)', () => {
    const template = parse(
      'Parameters:\n  F: {Type: String, AllowedValues: [Yes, No, on, OFF, True, false, YES, Off]}\nResources:\n  R: {Type: X}\n'
    )
    expect((template.Parameters as Data).F).toEqual({
      Type: 'String',
      AllowedValues: [true, false, true, false, true, false, true, false]
    })
  })

  it('keeps quoted booleans, y/n and mixed case as strings, as SnakeYAML and PyYAML do', () => {
    expect(
      properties('Resources:\n  R: {Type: X, Properties: {A: \'yes\', B: "No", C: y, D: n, E: yEs}}\n')
    ).toEqual({
      A: 'yes',
      B: 'No',
      C: 'y',
      D: 'n',
      E: 'yEs'
    })
  })

  it('reads a quoted scalar continued on the next line, folded as YAML folds it', () => {
    const body =
      'Resources:\n  R:\n    Type: X\n    Properties:\n      A: "first\n        second"\n      B: \'one\n        two\'\n'
    expect(properties(body)).toEqual({ A: 'first second', B: 'one two' })
  })
})

describe('short-form tags', () => {
  it('reads every !Name as Fn::Name, with !Ref, !Condition and !GetAtt in their own forms', () => {
    const names = [
      'And',
      'Base64',
      'Cidr',
      'Contains',
      'EachMemberEquals',
      'EachMemberIn',
      'Equals',
      'FindInMap',
      'ForEach',
      'GetAZs',
      'If',
      'ImportValue',
      'Join',
      'Length',
      'Not',
      'Or',
      'RefAll',
      'Select',
      'Split',
      'Sub',
      'ToJsonString',
      'Transform',
      'ValueOf',
      'ValueOfAll'
    ]
    const body = `Resources:\n  R:\n    Type: X\n    Properties:\n${names.map(n => `      ${n}: !${n} [a, b]`).join('\n')}\n      Ref: !Ref Bucket\n      Cond: !Condition IsProd\n      Att: !GetAtt Db.Endpoint.Address\n      AttList: !GetAtt [Db, Arn]\n      Azs: !GetAZs\n`
    const props = properties(body)
    for (const name of names) expect(props[name]).toEqual({ [`Fn::${name}`]: ['a', 'b'] })
    expect(props.Ref).toEqual({ Ref: 'Bucket' })
    expect(props.Cond).toEqual({ Condition: 'IsProd' })
    expect(props.Att).toEqual({ 'Fn::GetAtt': ['Db', 'Endpoint.Address'] })
    expect(props.AttList).toEqual({ 'Fn::GetAtt': ['Db', 'Arn'] })
    expect(props.Azs).toEqual({ 'Fn::GetAZs': '' })
  })

  it('reads the Rules functions inside a Rules section', () => {
    const template = parse(
      'Rules:\n  Subnets:\n    Assertions:\n      - Assert: !EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !RefAll AWS::EC2::VPC::Id]\nResources:\n  R: {Type: X}\n'
    )
    expect(template.Rules).toEqual({
      Subnets: {
        Assertions: [
          {
            Assert: {
              'Fn::EachMemberIn': [
                { 'Fn::ValueOfAll': ['AWS::EC2::Subnet::Id', 'VpcId'] },
                { 'Fn::RefAll': 'AWS::EC2::VPC::Id' }
              ]
            }
          }
        ]
      }
    })
  })

  it('refuses an unknown tag rather than reading the string under it', () => {
    expect(() => parseTemplateBody('Resources:\n  R: {Type: X, Properties: {A: !Reff B}}\n')).toThrow(
      /Unresolved tag: !Reff at line 2/
    )
  })
})

describe('YAML and JSON documents', () => {
  it('reads a YAML template that starts with { as YAML (flow map with tags)', () => {
    expect(properties('{Resources: {R: {Type: X, Properties: {A: !Ref B, C: yes}}}}')).toEqual({
      A: { Ref: 'B' },
      C: true
    })
  })

  it('reads a JSON template, tab-indented', () => {
    const body =
      '{\n\t"Resources": {\n\t\t"R": {"Type": "X", "Properties": {"N": 1.5, "S": "yes", "T": true}}\n\t}\n}\n'
    expect(properties(body)).toEqual({ N: 1.5, S: 'yes', T: true })
  })

  it('refuses duplicate keys in JSON as in YAML (JSON.parse would keep the last silently)', () => {
    const json = '{"Resources": {"R": {"Type": "X"}, "R": {"Type": "Y"}}}'
    expect(() => parseTemplateBody(json)).toThrow(TemplateSyntaxError)
    expect(() => parseTemplateBody(json)).toThrow(/invalid JSON: Map keys must be unique: "R" appears twice/)
    expect(() => parseTemplateBody('Resources:\n  R: {Type: X}\n  R: {Type: Y}\n')).toThrow(
      /invalid YAML: Map keys must be unique: "R" appears twice at line 3/
    )
  })

  it('reads __proto__ and constructor as ordinary keys, polluting nothing', () => {
    const template = parseTemplateBody(
      'Resources:\n  constructor: {Type: X}\n  __proto__: {Type: Y, Properties: {polluted: true}}\n'
    ) as { Resources: Data }
    expect(Object.keys(template.Resources)).toEqual(['constructor', '__proto__'])
    expect(Object.getPrototypeOf(template.Resources)).toBeNull()
    expect((template.Resources.__proto__ as Data).Type).toBe('Y')
    expect(({} as Data).polluted).toBeUndefined()
  })

  it('shares aliased nodes instead of copying them, so a billion laughs stays small', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}]`)
    const started = Date.now()
    expect(() => parseTemplateBody(`${lines.join('\n')}\nResources: {R: {Type: X}}\n`)).not.toThrow()
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})

describe('parsing time', () => {
  const withKeys = (count: number): string => {
    const lines = ['Mappings:', '  M:']
    for (let i = 0; i < count; i++) lines.push(`    k${i}: {v: ${i}}`)
    return `${lines.join('\n')}\nResources:\n  R: {Type: X}\n`
  }
  const fastest = (body: string): number => {
    let best = Infinity
    for (let run = 0; run < 2; run++) {
      const started = process.hrtime.bigint()
      parseTemplateBody(body)
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6)
    }
    return best
  }

  it('grows linearly with the number of keys (6x the keys, far less than 36x the time)', () => {
    // Measured before the fix: the yaml package's uniqueKeys check compares each key with every earlier one;
    // 50,000 keys took 53 s, 25,000 took 6 s. Here, with it planted back: 5,000 keys 0.7 s, 30,000 keys 30 s;
    // with the fix 30,000 keys take 3 s. A ratio, not a duration, so a loaded machine does not make it flaky.
    fastest(withKeys(2_000)) // warm up the JIT, which otherwise makes the small case look slow
    const small = fastest(withKeys(4_000))
    const large = fastest(withKeys(24_000))
    expect(large / small).toBeLessThan(15)
  }, 180_000)
})
