import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator, type LoggedRequest } from '../../emulator/server.js'
import { startGitHubFake, type GitHubFake } from '../../harness/github-fake.js'
import {
  attachMetaflowService,
  V2_5_1_MIGRATIONS,
  type MetaflowServiceStandIn
} from '../../harness/metaflow-service.js'
import {
  authorizationsFor,
  changeSetOwners,
  describeAuthorization,
  EMULATOR_SCOPE,
  evaluate,
  loadPolicy,
  resourceMatches,
  transformsOf,
  type Authorization,
  type PolicyDocument,
  type Scope
} from '../../harness/iam.js'
import { ROOT } from '../../harness/runner.js'
import { runAgainst } from '../support/e2e.js'

/**
 * The documented policies, evaluated as IAM evaluates them (harness/iam.ts) against the calls the bundled action
 * really makes against the emulator: the preview role can do everything a preview or a plan does and nothing only
 * a deploy does; the deploy role can do everything a deploy does. Resources and conditions count, not only names.
 */

const BUCKET = 'metaflow-templates-123456789012'
/** The policy as a user fills it in: their template bucket in place of the placeholder. */
function withBucket(policy: PolicyDocument): PolicyDocument {
  return JSON.parse(JSON.stringify(policy).replaceAll('YOUR-TEMPLATE-BUCKET', BUCKET)) as PolicyDocument
}
const deployPolicy = withBucket(loadPolicy('iam-policy.json'))
const previewPolicy = withBucket(loadPolicy('iam-policy-preview.json'))

const files = {
  'infra/metaflow/dev.yml': readFileSync(join(ROOT, 'templates', 'params', 'dev.yml'), 'utf8'),
  'infra/metaflow/staging.yml': readFileSync(join(ROOT, 'templates', 'params', 'staging.yml'), 'utf8')
}
const pullRequest = { name: 'pull_request', payload: { pull_request: { number: 7 } } }
const dispatch = { name: 'workflow_dispatch', payload: {} }
const ROLE = 'arn:aws:iam::123456789012:role/metaflow-cloudformation'
const LARGE_TEMPLATE = `Resources:\n${Array.from(
  { length: 400 },
  (_, i) =>
    `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [{ Key: purpose, Value: padding-so-the-template-is-over-the-51200-byte-inline-limit }]\n`
).join('')}`

/** Change sets named by ARN belong to the stack they were created on (deleted ones included). */
function scopeOf(emulator: Emulator): Scope {
  const created = changeSetOwners(emulator.requests)
  return {
    ...EMULATOR_SCOPE,
    stackOfChangeSet: arn => emulator.cloudformation.changeSets.get(arn)?.stackId ?? created(arn)
  }
}

let emulator: Emulator
let github: GitHubFake
/** The stack's Metaflow service, which the deploys migrate and verify (see __tests__/e2e/migrate-verify.test.ts). */
let service: MetaflowServiceStandIn
/** The authorizations of every call the action made, by which role made them. */
const made: { preview: Authorization[]; deploy: Authorization[] } = { preview: [], deploy: [] }

async function run(
  role: 'preview' | 'deploy',
  inputs: Record<string, string>,
  event: { name: string; payload: unknown },
  extraFiles: Record<string, string> = {}
): Promise<void> {
  const before = emulator.requests.length
  const result = await runAgainst(emulator, {
    inputs,
    files: { ...files, ...extraFiles },
    event,
    env: { GITHUB_API_URL: github.url }
  })
  expect({ inputs, errors: result.errors }).toEqual({ inputs, errors: [] })
  const calls = emulator.requests.slice(before).filter((r: LoggedRequest) => r.fromAction)
  made[role].push(...calls.flatMap(call => authorizationsFor(call, scopeOf(emulator))))
}

beforeAll(async () => {
  emulator = await startEmulator()
  github = await startGitHubFake()
  service = await attachMetaflowService(emulator)
  // A preview of a stack that does not exist yet: a CREATE change set, deleted; the empty stack it leaves stays.
  await run(
    'preview',
    {
      mode: 'preview',
      'stack-name': 'metaflow-dev',
      environment: 'dev',
      'parameters-file': 'infra/metaflow/dev.yml'
    },
    pullRequest
  )
  // A plan of a new stack, kept for a later execute: plans run with the deploy role (issue 23.3).
  await run(
    'deploy',
    {
      mode: 'plan',
      'stack-name': 'metaflow-staging',
      environment: 'staging',
      'parameters-file': 'infra/metaflow/staging.yml'
    },
    dispatch
  )
  // A deploy through the service role, with termination protection, reading the API key.
  await run(
    'deploy',
    {
      mode: 'deploy',
      'stack-name': 'metaflow-dev',
      environment: 'dev',
      'parameters-file': 'infra/metaflow/dev.yml',
      // The previous image (dev.yml pins the current one), so that the update below is an upgrade.
      parameters: 'MetadataServiceImage=netflixoss/metaflow_metadata_service:v2.4.12',
      'role-arn': ROLE,
      'termination-protection': 'true'
    },
    dispatch
  )
  // A preview of an update of that stack, and a deploy of it: a new metadata service image, so the deploy
  // snapshots the database, migrates it and rolls the service.
  service.migrations = [...V2_5_1_MIGRATIONS]
  const update = {
    'stack-name': 'metaflow-dev',
    environment: 'dev',
    'parameters-file': 'infra/metaflow/dev.yml',
    parameters: 'DBMultiAZ=true\nMetadataServiceImage=netflixoss/metaflow_metadata_service:v2.5.1'
  }
  await run('preview', { ...update, mode: 'preview' }, pullRequest)
  await run('deploy', { ...update, mode: 'deploy', 'role-arn': ROLE }, dispatch)
  // A preview of a pull request that changes nothing: compared with the deployed template, no change set.
  await run('preview', { ...update, mode: 'preview' }, pullRequest)
  // A template over CloudFormation's inline limit goes through template-bucket: uploaded, read, removed.
  emulator.s3.createBucket(BUCKET)
  await run(
    'preview',
    { mode: 'preview', 'stack-name': 'metaflow-big', template: 'big.yml', 'template-bucket': BUCKET },
    pullRequest,
    { 'big.yml': LARGE_TEMPLATE }
  )
}, 300_000)

afterAll(async () => {
  await emulator?.close()
  await github?.close()
  await service?.close()
})

/** One line per distinct authorization, its stack id dropped, so reports stay short. */
function distinct(auths: Authorization[]): Authorization[] {
  const seen = new Map<string, Authorization>()
  for (const a of auths) seen.set(describeAuthorization(a).replace(/\/[0-9a-f-]{36}/g, '/*'), a)
  return [...seen.values()]
}

describe('docs/iam-policy-preview.json', () => {
  it('allows every call a preview or a plan makes, resources and change-set names included', () => {
    expect(made.preview.length).toBeGreaterThan(5)
    // The template bucket's statements were exercised by real calls, not only read.
    for (const action of ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'])
      expect(made.preview.map(a => a.action)).toContain(action)
    const refused = distinct(made.preview)
      .filter(a => evaluate(previewPolicy, a) !== 'allowed')
      .map(describeAuthorization)
    expect(refused).toEqual([])
  })

  it('grants no action a preview or a plan never calls', () => {
    const used = new Set(made.preview.map(a => a.action))
    const granted = previewPolicy.Statement.filter(st => st.Effect === 'Allow').flatMap(st =>
      Array.isArray(st.Action) ? st.Action : [st.Action ?? '']
    )
    // Granted for paths these runs do not take, each named: reads only.
    const otherPaths: Record<string, string> = {
      'cloudformation:ListChangeSets':
        'a stack still in review (a pending first plan) is checked for its change sets',
      'cloudformation:DescribeEvents':
        'a change set that fails has its validation events read into the message',
      'cloudformation:GetHookResult': 'a change set with Hook results has each read for its annotations'
    }
    expect(granted.filter(action => !used.has(action) && otherPaths[action] === undefined)).toEqual([])
  })

  it('denies every call only a deploy makes (executing, deleting a stack, termination protection, the API key, passing the role)', () => {
    const previewActions = new Set(made.preview.map(a => a.action))
    // CloudFormation reads (describe, list, get template) are the preview role's too, whichever run made them.
    const deployOnly = distinct(made.deploy).filter(
      a => !previewActions.has(a.action) && !/^cloudformation:(Describe|List|GetTemplate)/.test(a.action)
    )
    expect(deployOnly.map(a => a.action)).toEqual(
      expect.arrayContaining([
        'cloudformation:ExecuteChangeSet',
        'cloudformation:UpdateTerminationProtection',
        'apigateway:GET',
        'iam:PassRole',
        'lambda:InvokeFunction',
        'ecs:UpdateService',
        'rds:CreateDBSnapshot',
        'rds:AddTagsToResource'
      ])
    )
    const allowed = deployOnly
      .filter(a => evaluate(previewPolicy, a) === 'allowed')
      .map(describeAuthorization)
    expect(allowed).toEqual([])
  })

  it("denies a deploy's and a plan's change sets: the preview role builds only metaflow-preview-* ones", () => {
    const deployCreates = made.deploy.filter(a => a.action === 'cloudformation:CreateChangeSet')
    expect(deployCreates.length).toBeGreaterThan(0)
    for (const create of deployCreates) {
      expect(create.context['cloudformation:ChangeSetName']).toMatch(/^metaflow-(deploy|plan)-/)
      expect(evaluate(previewPolicy, create)).not.toBe('allowed')
    }
    expect(deployCreates.map(a => a.context['cloudformation:ChangeSetName'])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^metaflow-plan-/)])
    )
  })

  // The red team's reproductions (issue 23.1, 23.3): a same-repository pull request can edit its workflow and
  // use the preview role for anything the policy allows.
  const prod = 'arn:aws:cloudformation:us-east-1:123456789012:stack/metaflow-prod/1'
  const dev = 'arn:aws:cloudformation:us-east-1:123456789012:stack/metaflow-dev/1'
  it('cannot delete any stack, whatever else is attached to the role', () => {
    for (const stack of [dev, prod])
      expect(
        evaluate(previewPolicy, { action: 'cloudformation:DeleteStack', resource: stack, context: {} })
      ).toBe('explicit-deny')
  })

  it('cannot forge a plan, nor delete the real plan while its approval is pending', () => {
    const forged = authorizationsFor({
      service: 'cloudformation',
      operation: 'CreateChangeSet',
      params: {
        StackName: 'metaflow-prod',
        ChangeSetName: 'metaflow-plan-prod-7001-1-abc',
        TemplateBody: 'Resources: {}\n'
      }
    })[0]
    expect(forged?.action).toBe('cloudformation:CreateChangeSet')
    expect(evaluate(previewPolicy, forged as Authorization)).toBe('explicit-deny')
    for (const name of [
      'metaflow-plan-prod-7001-1-abc',
      'arn:aws:cloudformation:us-east-1:123456789012:changeSet/metaflow-plan-prod-7001-1-abc/1'
    ])
      expect(
        evaluate(previewPolicy, {
          action: 'cloudformation:DeleteChangeSet',
          resource: prod,
          context: { 'cloudformation:ChangeSetName': name }
        })
      ).toBe('explicit-deny')
    // Its own change sets it may still build and remove.
    expect(
      evaluate(previewPolicy, {
        action: 'cloudformation:CreateChangeSet',
        resource: prod,
        context: { 'cloudformation:ChangeSetName': 'metaflow-preview-prod-7001-1-abc' }
      })
    ).toBe('allowed')
  })

  it('denies explicitly what no other policy on the role may grant it (ExecuteChangeSet, API keys)', () => {
    const stack = 'arn:aws:cloudformation:us-east-1:123456789012:stack/metaflow-prod/1'
    expect(
      evaluate(previewPolicy, { action: 'cloudformation:ExecuteChangeSet', resource: stack, context: {} })
    ).toBe('explicit-deny')
    expect(
      evaluate(previewPolicy, {
        action: 'apigateway:GET',
        resource: 'arn:aws:apigateway:us-east-1::/apikeys/abc',
        context: {}
      })
    ).toBe('explicit-deny')
  })
})

describe('docs/iam-policy.json', () => {
  it('allows every call a deploy makes, resources and conditions included', () => {
    expect(made.deploy.length).toBeGreaterThan(5)
    const refused = distinct(made.deploy)
      .filter(a => evaluate(deployPolicy, a) !== 'allowed')
      .map(describeAuthorization)
    expect(refused).toEqual([])
  })

  it('allows a template transform, a template read from the bucket and an upload under metaflow-deploy/', () => {
    const template = 'Transform: AWS::Serverless-2016-10-31\nResources: {}\n'
    const [change, transform, object] = authorizationsFor({
      service: 'cloudformation',
      operation: 'CreateChangeSet',
      params: {
        StackName: 'metaflow-dev',
        ChangeSetName: 'metaflow-deploy-dev-1-1-abc',
        TemplateBody: template,
        TemplateURL: `https://${BUCKET}.s3.us-east-1.amazonaws.com/metaflow-deploy/7001-1/metaflow.yml`
      }
    })
    expect(transform?.resource).toBe(
      'arn:aws:cloudformation:us-east-1:aws:transform/AWS::Serverless-2016-10-31'
    )
    expect(object).toMatchObject({
      action: 's3:GetObject',
      resource: `arn:aws:s3:::${BUCKET}/metaflow-deploy/7001-1/metaflow.yml`
    })
    for (const auth of [change, transform, object])
      expect(evaluate(deployPolicy, auth as Authorization)).toBe('allowed')
    const upload = (key: string): Authorization => ({
      action: 's3:PutObject',
      resource: `arn:aws:s3:::${BUCKET}/${key}`,
      context: {}
    })
    expect(evaluate(deployPolicy, upload('metaflow-deploy/7001-1/metaflow.yml'))).toBe('allowed')
    expect(evaluate(deployPolicy, upload('other/metaflow.yml'))).toBe('implicit-deny')
  })
})

describe('IAM matching as the policies rely on it', () => {
  it('never lets a wildcard span the ARN parts before the resource', () => {
    const pattern = 'arn:aws:cloudformation:*:*:stack/metaflow-*/*'
    expect(
      resourceMatches(pattern, 'arn:aws:cloudformation:us-east-1:123456789012:stack/metaflow-dev/id')
    ).toBe(true)
    expect(resourceMatches(pattern, 'arn:aws:cloudformation:us-east-1:123456789012:stack/other/id')).toBe(
      false
    )
    expect(
      resourceMatches(pattern, 'arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/metaflow-dev/id')
    ).toBe(false)
    expect(
      resourceMatches('arn:aws:s3:::b/metaflow-deploy/*', 'arn:aws:s3:::b/metaflow-deploy/a/b.yml')
    ).toBe(true)
  })

  it('reads the transforms a YAML or JSON template declares', () => {
    expect(transformsOf('Transform: AWS::Serverless-2016-10-31\n')).toEqual(['AWS::Serverless-2016-10-31'])
    expect(
      transformsOf('Transform:\n  - AWS::LanguageExtensions\n  - AWS::Serverless-2016-10-31\nResources: {}')
    ).toEqual(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'])
    expect(transformsOf('{"Transform": "AWS::Include"}')).toEqual(['AWS::Include'])
    expect(transformsOf('Resources:\n  Transform:\n    Type: x\n')).toEqual([])
  })
})

describe('the OIDC trust policies', () => {
  const trust = (file: string): PolicyDocument => loadPolicy(file)
  const assume = (sub: string, aud = 'sts.amazonaws.com'): Authorization => ({
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: '*',
    context: {
      'token.actions.githubusercontent.com:aud': aud,
      'token.actions.githubusercontent.com:sub': sub
    }
  })

  it('trust the deploy role from the default branch and the named environments only', () => {
    const policy = trust('oidc-trust-deploy.json')
    for (const sub of ['ref:refs/heads/main', 'environment:dev', 'environment:staging', 'environment:prod'])
      expect(evaluate(policy, assume(`repo:ORG/REPO:${sub}`))).toBe('allowed')
    for (const sub of ['pull_request', 'ref:refs/heads/feature', 'environment:sandbox'])
      expect(evaluate(policy, assume(`repo:ORG/REPO:${sub}`))).toBe('implicit-deny')
    expect(evaluate(policy, assume('repo:OTHER/REPO:ref:refs/heads/main'))).toBe('implicit-deny')
    expect(evaluate(policy, assume('repo:ORG/REPO:environment:prod', 'https://example.com'))).toBe(
      'implicit-deny'
    )
  })

  it('trust the preview role from pull requests of the repository only', () => {
    const policy = trust('oidc-trust-preview.json')
    expect(evaluate(policy, assume('repo:ORG/REPO:pull_request'))).toBe('allowed')
    for (const sub of ['ref:refs/heads/main', 'environment:prod'])
      expect(evaluate(policy, assume(`repo:ORG/REPO:${sub}`))).toBe('implicit-deny')
  })
})
