import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deploy } from '../../src/modes/deploy.js'
import { readStackRequest } from '../../src/template/stack-request.js'
import { reportFromOutcome } from '../../src/render/from-outcome.js'
import { preview } from '../../src/modes/preview.js'
import { redactReport, renderReport } from '../../src/render/render-report.js'
import { commentMarker } from '../../src/github/issue-comment.js'
import { COMMENT_LIMIT } from '../../src/publish/preview-comment.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { ROOT } from '../../harness/runner.js'
import { testContext } from '../support/context.js'
import { compactTemplate } from '../../src/template/compact.js'
import { bundledTemplateWithRenamedDatabase } from '../../harness/bundled-template.js'
import { golden } from '../unit/render-golden.js'
import { expectExact, valuesOf } from '../unit/render-gfm.js'

/**
 * The comments a reviewer sees for the bundled template, kept in docs/examples/ and in the README. These tests
 * regenerate them from the real preview path against the emulator (`UPDATE_GOLDEN=1` rewrites them; a missing one
 * fails), and render them with a GFM engine: every value reads back exactly.
 */
let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  await emulator.close()
})

const RUN_URL = 'https://github.com/acme/ml-infra/actions/runs/7001'
const env = {
  GITHUB_SHA: '4f2c0d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  GITHUB_REPOSITORY: 'acme/ml-infra',
  GITHUB_RUN_ID: '7001',
  GITHUB_SERVER_URL: 'https://github.com'
}

async function commentFor(inputs: Record<string, string>, workspace = ROOT): Promise<string> {
  const { ctx } = await testContext(
    emulator,
    {
      'stack-name': 'metaflow-dev',
      environment: 'dev',
      'parameters-file': 'templates/params/dev.yml',
      mode: 'preview',
      ...inputs
    },
    workspace
  )
  Object.assign(ctx.env, env)
  const outcome = await preview(ctx, await readStackRequest(ctx), false)
  const report = reportFromOutcome(outcome, {
    kind: 'preview',
    stackName: 'metaflow-dev',
    environment: 'dev',
    region: await ctx.clients.region(),
    commitSha: env.GITHUB_SHA,
    runUrl: RUN_URL
  })
  const marker = commentMarker({ owner: 'acme', repo: 'ml-infra' }, 'metaflow-dev', 'dev', report.region)
  const body = renderReport(report, {
    limit: COMMENT_LIMIT,
    unit: 'chars',
    header: marker,
    fullDetailIn: `The <a href="${RUN_URL}">job summary</a> has the full detail.`
  }).body
  expectExact(body, valuesOf(redactReport(report)), [RUN_URL])
  return body
}

describe('example previews of the bundled template', () => {
  it('first deploy: every resource added', async () => {
    const body = await commentFor({})
    expect(body).toContain('The stack does not exist yet: merging creates it.')
    expect(body).toMatch(/\*\*Merging deploys:\*\* \d+ to add, 0 to modify, 0 to replace, 0 to remove\./)
    golden('docs/examples/preview-first-deploy.md', body)
    // The README shows a picture of the next example (scripts/comment-picture.py renders it) and links both.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toContain('(docs/examples/preview-replace-database.md)')
    expect(readme).toContain('(docs/images/preview-comment.png)')
    expect(existsSync(join(ROOT, 'docs', 'images', 'preview-comment.png'))).toBe(true)
  })

  it('a change that replaces the database', async () => {
    const { ctx } = await testContext(
      emulator,
      { 'stack-name': 'metaflow-dev', environment: 'dev', 'parameters-file': 'templates/params/dev.yml' },
      ROOT
    )
    await deploy(ctx, await readStackRequest(ctx))
    const workspace = mkdtempSync(join(tmpdir(), 'mfd-example-'))
    const bundled = readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8')
    const renamed = bundledTemplateWithRenamedDatabase()
    expect(renamed).not.toBe(bundled)
    // Compact, as the action sends the bundled template: the YAML with its comments is over the inline limit.
    writeFileSync(join(workspace, 'metaflow.json'), compactTemplate(renamed))
    writeFileSync(join(workspace, 'dev.yml'), readFileSync(join(ROOT, 'templates', 'params', 'dev.yml')))
    const body = await commentFor({ template: 'metaflow.json', 'parameters-file': 'dev.yml' }, workspace)
    expect(body).toContain('> [!CAUTION]')
    expect(body).toMatch(
      /`RDSMasterInstance` \(`AWS::RDS::DBInstance`\) is \*\*replaced\*\*, 💾 holds data \(database\): a new, empty one replaces it; a final snapshot of the old one is taken/
    )
    golden('docs/examples/preview-replace-database.md', body)
  })
})
