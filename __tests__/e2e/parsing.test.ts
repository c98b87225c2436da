import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { createClients } from '../../src/aws/clients.js'
import { loadTemplate, placeTemplate, removeUploadedTemplate } from '../../src/template/load.js'
import { logText, runAgainst } from '../support/e2e.js'
import { BASIC } from '../support/templates.js'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
})

/** Puts an object in the emulator's (versioned) S3 and returns its version id. */
function put(bucket: string, key: string, body: string): string {
  return emulator.s3.putObject(bucket, key, body)
}

/** A template just over the inline limit in bytes but not in characters. */
function multiByteTemplate(): string {
  const body = `${BASIC}\nMetadata:\n  Notes: "${'é'.repeat(27_000)}"\n`
  expect(body.length).toBeLessThan(51_200)
  expect(Buffer.byteLength(body)).toBeGreaterThan(51_200)
  return body
}

describe('template URLs, in process against the emulator', () => {
  const clients = (): ReturnType<typeof createClients> => {
    Object.assign(process.env, emulator.env())
    return createClients({ timeScale: 0.001 })
  }

  it('reads a template in another region by bucket, key and version, and keeps the URL exactly as given', async () => {
    const version = put('templates-eu', 'dir/stack.yml', BASIC)
    put('templates-eu', 'dir/stack.yml', 'a later version that is not a template')
    const url = `https://templates-eu.s3.eu-west-1.amazonaws.com/dir/stack.yml?versionId=${version}`
    const template = await loadTemplate({ kind: 'url', url }, clients(), process.cwd())
    expect(template.url).toBe(url)
    const read = emulator.calls('GetObject').at(-1)
    expect(JSON.stringify(read?.params)).toContain(version)
    expect(template.resourceCount).toBeGreaterThan(0)
  })

  it('turns s3://bucket/key, which CloudFormation refuses, into an https (here: endpoint) URL', async () => {
    put('templates', 'stack.yml', BASIC)
    const template = await loadTemplate(
      { kind: 'url', url: 's3://templates/stack.yml' },
      clients(),
      process.cwd()
    )
    expect(template.url).toBe(`${emulator.url.replace(/\/$/, '')}/templates/stack.yml`)
  })

  it('uploads a large template, says what it uploaded, and removes it after the run', async () => {
    emulator.s3.createBucket('uploads')
    const c = clients()
    const workspace = mkdtempSync(join(tmpdir(), 'mfd-parse-'))
    writeFileSync(join(workspace, 'big.yml'), multiByteTemplate())
    const template = await loadTemplate({ kind: 'file', path: 'big.yml' }, c, workspace)
    const placed = await placeTemplate(template, 'uploads', 'run-1', c)
    expect(placed.uploaded).toEqual({
      bucket: 'uploads',
      key: 'metaflow-deploy/run-1/big.yml',
      versionId: emulator.s3.latestVersionId('uploads', 'metaflow-deploy/run-1/big.yml')
    })
    expect(placed.location).toEqual({
      TemplateURL: expect.stringMatching(/\/uploads\/metaflow-deploy\/run-1\/big\.yml$/)
    })
    expect(emulator.s3.buckets.get('uploads')?.has('metaflow-deploy/run-1/big.yml')).toBe(true)

    const warnings: string[] = []
    await removeUploadedTemplate(c, placed.uploaded, message => warnings.push(message))
    expect(warnings).toEqual([])
    expect(emulator.s3.buckets.get('uploads')?.has('metaflow-deploy/run-1/big.yml')).toBe(false)
    expect(emulator.calls('DeleteObject').length).toBeGreaterThan(0)
  })

  it('warns, never throws, when the uploaded template cannot be removed', async () => {
    const warnings: string[] = []
    await removeUploadedTemplate(
      clients(),
      { bucket: 'no-such-bucket', key: 'metaflow-deploy/run-1/k.yml' },
      m => warnings.push(m)
    )
    expect(warnings).toEqual([
      expect.stringMatching(
        /Could not remove the uploaded template s3:\/\/no-such-bucket\/metaflow-deploy\/run-1\/k\.yml/
      )
    ])
  })
})

describe('templates and parameters, through the bundled action', () => {
  it('passes a template URL to CloudFormation exactly as given, version and region included', async () => {
    const version = put('templates-west', 'metaflow/stack.yml', BASIC)
    const url = `https://templates-west.s3.us-west-2.amazonaws.com/metaflow/stack.yml?versionId=${version}`
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'parse-url', template: url, mode: 'deploy' }
    })
    expect(logText(result)).not.toMatch(/^Error/m)
    expect(result.exitCode).toBe(0)
    expect(emulator.lastCall('CreateChangeSet')?.TemplateURL).toBe(url)
  })

  it('reads the official action’s comma form and a native parameters file', async () => {
    const result = await runAgainst(emulator, {
      inputs: {
        'stack-name': 'parse-forms',
        template: 't.yml',
        mode: 'deploy',
        'parameters-file': 'p.json',
        parameters: 'Env=prod,Auth="false"'
      },
      files: { 't.yml': BASIC, 'p.json': '[{"ParameterKey": "DbPassword", "ParameterValue": "0123-secret"}]' }
    })
    expect(result.exitCode).toBe(0)
    const sent = JSON.stringify(emulator.lastCall('CreateChangeSet')?.Parameters)
    expect(sent).toContain('"ParameterKey":"Env","ParameterValue":"prod"')
    expect(sent).toContain('"ParameterKey":"Auth","ParameterValue":"false"')
    expect(sent).toContain('"ParameterKey":"DbPassword","ParameterValue":"0123-secret"')
  })

  it('needs template-bucket for a template over 51,200 bytes that is under 51,200 characters', async () => {
    const before = emulator.mutatingCalls().length
    const result = await runAgainst(emulator, {
      inputs: { 'stack-name': 'parse-bytes', template: 'big.yml', mode: 'deploy' },
      files: { 'big.yml': multiByteTemplate() }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.at(-1)?.message).toMatch(
      /^Input 'template-bucket': is required: big\.yml is \d+ bytes/
    )
    expect(emulator.mutatingCalls().length).toBe(before)
  })
})
