import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../harness/runner.js'
import { allowedActions } from '../../harness/iam.js'

/** action.yml, INTERFACE.md, the README's tables and the inputs the code reads must all agree. */
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
// The contract lives in the steering repository (../shared) beside this one; docs/INTERFACE.md is its copy for
// places without it, such as this repository's own GitHub workflows.
const sharedInterface = join(ROOT, '..', 'shared', 'INTERFACE.md')
const interfacePath = existsSync(sharedInterface) ? sharedInterface : join(ROOT, 'docs', 'INTERFACE.md')

/** Backticked names in the first column of the table under a heading. */
function tableNames(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`no "## ${heading}" section`)
  const section = markdown.slice(start + 1).split(/\n## /)[0] ?? ''
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map(m => m[1] as string)
}

/** A later round's section holds an input table and an output table, told apart by their header rows. */
function laterTables(markdown: string, heading: string): { inputs: string[]; outputs: string[] } {
  const start = markdown.indexOf(`\n## ${heading}`)
  if (start < 0) throw new Error(`no "## ${heading}" section`)
  const section = markdown.slice(start + 1).split(/\n## /)[0] ?? ''
  const names = (header: string): string[] => {
    const table = section.split(`\n| ${header} |`)[1]?.split(/\n\n/)[0] ?? ''
    return [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map(m => m[1] as string)
  }
  return { inputs: names('input'), outputs: names('output') }
}

/** Every `read('name')` in src/settings/settings.ts: the inputs the code actually reads. */
function inputsRead(): string[] {
  const source = readFileSync(join(ROOT, 'src', 'settings', 'settings.ts'), 'utf8')
  return [...new Set([...source.matchAll(/read\('([a-z0-9-]+)'\)/g)].map(m => m[1] as string))]
}

describe('names agree everywhere', () => {
  const inputs = Object.keys(action.inputs).sort()
  const outputs = Object.keys(action.outputs).sort()

  it('the code reads exactly the inputs action.yml declares', () => {
    expect(inputsRead().sort()).toEqual(inputs)
  })

  it('the README documents every input and output of action.yml, and no other', () => {
    expect(tableNames(readme, 'Inputs').sort()).toEqual(inputs)
    expect(tableNames(readme, 'Outputs').sort()).toEqual(outputs)
  })

  it('action.yml declares every input and output of INTERFACE.md (names are fixed; adding is allowed)', () => {
    const contract = readFileSync(interfacePath, 'utf8')
    const later = laterTables(contract, 'Added in the third round')
    const names = {
      inputs: [...tableNames(contract, 'Inputs'), ...later.inputs],
      outputs: [...tableNames(contract, 'Outputs'), ...later.outputs]
    }
    expect(later.inputs).toContain('fail-on-data-loss')
    expect(later.outputs).toContain('data-loss')
    expect(names.inputs.length).toBeGreaterThanOrEqual(19)
    for (const name of names.inputs) expect(inputs).toContain(name)
    for (const name of names.outputs) expect(outputs).toContain(name)
  })

  it('every input and output has a description, and defaults live in action.yml', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)] as {
      description?: string
    }[]) {
      expect(spec.description?.trim().length ?? 0).toBeGreaterThan(5)
    }
  })
})

describe.each(['iam-policy.json', 'iam-policy-preview.json'])('docs/%s', policy => {
  it('grants only what the action calls: each AWS action matches a command the source sends', () => {
    const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter(f => f.endsWith('.ts'))
      .map(f => readFileSync(join(ROOT, 'src', f), 'utf8'))
      .join('\n')
    const commands = new Set([...sources.matchAll(/new (\w+)Command\(/g)].map(m => m[1] as string))
    for (const action of allowedActions(policy)) {
      const [service, name = ''] = action.split(':')
      if (action === 'iam:PassRole') continue // not a call of ours: CloudFormation checks it when role-arn is given
      // IAM's names for calls whose API name differs: Lambda's Invoke; tags given with CreateDBSnapshot.
      const command =
        action === 'lambda:InvokeFunction'
          ? 'Invoke'
          : action === 'rds:AddTagsToResource'
            ? 'CreateDBSnapshot'
            : name
      const sent = service === 'apigateway' ? commands.has('GetApiKey') : commands.has(command)
      expect({ action, sent }).toEqual({ action, sent: true })
    }
  })
})

describe('docs/INTERFACE.md', () => {
  // A checkout without ../shared (this repository's own CI) checks names against the copy: it must be current.
  it('is a current copy of shared/INTERFACE.md, when shared/ is beside this repository', () => {
    if (!existsSync(sharedInterface)) return
    expect(readFileSync(join(ROOT, 'docs', 'INTERFACE.md'), 'utf8')).toBe(
      readFileSync(sharedInterface, 'utf8')
    )
  })
})

describe('action.yml for the Marketplace', () => {
  const meta = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    description: string
    author?: string
    branding?: { icon?: string; color?: string }
  }

  it('has a description under the 125 characters the Marketplace shows, and a real author', () => {
    expect(meta.description.length).toBeLessThan(125)
    expect(meta.author ?? '').not.toMatch(/^$|your|todo|placeholder|example/i)
  })

  it("has branding of its own, not the AWS actions' orange cloud", () => {
    expect(meta.branding?.icon).toBeDefined()
    expect(meta.branding?.color).toBeDefined()
    expect([meta.branding?.icon, meta.branding?.color]).not.toEqual(['cloud', 'orange'])
    expect(meta.branding?.color).not.toBe('orange')
  })
})
