import { describe, expect, it } from '@jest/globals'
import { parseTags } from '../../src/settings/tags.js'

// Tags are read as written, as parameter values are: a tag is text, and the text the user typed is the tag.
describe('tags as written', () => {
  it.each([
    ['a YAML map', 'Build: 0042\nVersion: 1.10\nMask: 0x1F\nOn: yes\nEmpty: ~\nExp: 1e3'],
    ['a YAML flow map', '{Build: 0042, Version: 1.10, Mask: 0x1F, On: yes, Empty: ~, Exp: 1e3}']
  ])('%s keeps 0042, 1.10, 0x1F and yes', async (_, text) => {
    expect({ ...(await parseTags(text, '')) }).toEqual({
      Build: '0042',
      Version: '1.10',
      Mask: '0x1F',
      On: 'yes',
      Empty: '',
      Exp: '1e3'
    })
  })

  it('Key=Value lines keep them too', async () => {
    expect({ ...(await parseTags('Build=0042\nVersion="1.10"', '')) }).toEqual({
      Build: '0042',
      Version: '1.10'
    })
  })

  it('a JSON map with an unquoted number is an error that says to quote it', async () => {
    await expect(parseTags('{"Version": 1.10}', '')).rejects.toThrow(
      /'tags'.*the value of "Version" is the JSON number 1.10; quote it \("Version": "1.10"\)/
    )
    expect({ ...(await parseTags('{"Version": "1.10", "Team": "ml"}', '')) }).toEqual({
      Version: '1.10',
      Team: 'ml'
    })
  })

  it.each([
    ['lines', 'constructor=x\n__proto__=y\ntoString=z'],
    ['a YAML map', 'constructor: x\n__proto__: y\ntoString: z'],
    ['a JSON map', '{"constructor": "x", "__proto__": "y", "toString": "z"}'],
    [
      'the official array',
      '[{"Key":"constructor","Value":"x"},{"Key":"__proto__","Value":"y"},{"Key":"toString","Value":"z"}]'
    ]
  ])('constructor, __proto__ and toString are ordinary keys in %s', async (_, text) => {
    const tags = await parseTags(text, '')
    expect(Object.entries(tags ?? {})).toEqual([
      ['constructor', 'x'],
      ['__proto__', 'y'],
      ['toString', 'z']
    ])
  })

  it('a key given twice is still refused', async () => {
    await expect(parseTags('a=1\na=2', '')).rejects.toThrow(/"a" is given twice/)
    await expect(parseTags('a: 1\na: 2', '')).rejects.toThrow(/tags/)
  })
})
