/**
 * The CreateChangeSet request: checks its names, type, tags, template and parameters with CloudFormation's
 * error texts, handles a retry or a clash with a live change set of the same name, then builds the change set.
 */
import { afterChangeSetBuilt } from './change-set-checks.js'
import { list, optionalList, str, type QueryParams, type QueryValue } from '../query.js'
import { buildChangeSet, type ChangeSetSpec } from './change-set-build.js'
import { CfnError, validation } from './errors.js'
import { UPDATABLE, type ChangeSetRecord, type StackRecord } from './model.js'
import { newStack } from './stack-lifecycle.js'
import { isExecuted, type EngineState } from './state.js'
import { pseudo } from './resolve-context.js'
import type { GivenParameter } from './template.js'
import { finishTemplate, readBody } from './template-prepare.js'
import { templateBodyFrom } from './template-source.js'
import { ACCOUNT_ID } from './types.js'

/** "Maximum number of tags: 50" (CreateChangeSet API reference, Tags). */
const TAGS_MAX = 50

export function createChangeSet(state: EngineState, params: QueryParams, region: string): unknown {
  const stackName = str(params, 'StackName') ?? ''
  const name = str(params, 'ChangeSetName') ?? ''
  if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(name) || name.length > 128) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`
    )
  }
  if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(stackName) || stackName.length > 128) {
    throw validation(
      `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`
    )
  }
  const type = (str(params, 'ChangeSetType') ?? 'UPDATE') as 'CREATE' | 'UPDATE'
  let stack = state.findStack(stackName)
  // A ValidationError, not AlreadyExistsException: as AWS answers it in real reports (compose-x/ecs_composex
  // #785, the AWS SAM CLI's captured output) and as LocalStack models it.
  if (type === 'CREATE' && stack !== undefined && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw validation(
      `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`
    )
  }
  if (type === 'UPDATE') {
    if (stack === undefined) throw validation(`Stack [${stackName}] does not exist`)
    if (!UPDATABLE.has(stack.status)) {
      throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`)
    }
  }
  // Absent Tags / NotificationARNs keep the stack's; an empty list clears them (CreateChangeSet API reference:
  // "To remove all associated notification topics, specify an empty list"; UpdateStack: "If you specify an
  // empty value, CloudFormation removes all associated tags").
  const givenTags = optionalList(params, 'Tags') as Record<string, QueryValue>[] | undefined
  if (givenTags !== undefined && givenTags.length > TAGS_MAX) {
    throw validation(
      `1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${TAGS_MAX}`
    )
  }
  const tags = givenTags?.map(t => ({ Key: String(t.Key), Value: String(t.Value ?? '') }))
  const notificationArns = optionalList(params, 'NotificationARNs')?.map(String)
  const clientToken = str(params, 'ClientToken')
  const body = requestBody(state, params, stack)
  const clash = liveNamesake(state, stack, name)
  if (clash !== undefined) {
    // ClientToken: "A unique identifier for this CreateChangeSet request. Specify this token if you plan to
    // retry requests so that CloudFormation knows that you're not attempting to create another change set with
    // the same name" (CreateChangeSet API reference): a retry with the same token gets the same change set.
    if (clientToken !== undefined && clash.clientToken === clientToken)
      return { Id: clash.id, StackId: clash.stackId }
    // A different request under a live name: "ChangeSet NAME cannot be created due to a mismatch with existing
    // attribute ClientToken|Template|Tags" (quoted in landing-zone-accelerator-on-aws #442, eksctl #3604, #4110).
    const mismatch =
      clash.clientToken !== clientToken
        ? 'ClientToken'
        : clash.body !== body
          ? 'Template'
          : JSON.stringify(clash.tags) !== JSON.stringify(tags)
            ? 'Tags'
            : undefined
    if (mismatch !== undefined) {
      throw new CfnError(
        'AlreadyExistsException',
        `ChangeSet ${name} cannot be created due to a mismatch with existing attribute ${mismatch}`
      )
    }
    // The same request again without a token (not confirmed from AWS documentation).
    throw new CfnError('AlreadyExistsException', `ChangeSet [${name}] already exists`)
  }
  const read = readBody(body)
  const capabilities = list(params, 'Capabilities').map(String)
  // A new stack has no id until the change set is accepted: transforms and Rules see a placeholder.
  const stackId =
    stack?.stackId ?? `arn:aws:cloudformation:${region}:${ACCOUNT_ID}:stack/${stackName}/pending`
  const prepared = finishTemplate(
    read,
    list(params, 'Parameters') as GivenParameter[],
    stack?.deployed?.parameters,
    { pseudo: pseudo({ stackName, stackId, region }), capabilities }
  )
  if (stack === undefined) {
    stack = newStack(state, stackName, region, tags ?? [], notificationArns ?? [])
    stack.capabilities = capabilities
  }
  const spec: ChangeSetSpec = {
    stack,
    name,
    type,
    body,
    ...prepared,
    capabilities,
    includeNestedStacks: str(params, 'IncludeNestedStacks') === 'true'
  }
  if (tags !== undefined) spec.tags = tags
  if (notificationArns !== undefined) spec.notificationArns = notificationArns
  if (clientToken !== undefined) spec.clientToken = clientToken
  const description = str(params, 'Description')
  if (description !== undefined) spec.description = description
  const roleArn = str(params, 'RoleARN')
  if (roleArn !== undefined) spec.roleArn = roleArn
  const changeSet = buildChangeSet(state, spec)
  afterChangeSetBuilt(state, stack, changeSet, params)
  return { Id: changeSet.id, StackId: stack.stackId }
}

/** The template the request names: the stack's deployed one (UsePreviousTemplate), a body or a URL. */
function requestBody(state: EngineState, params: QueryParams, stack: StackRecord | undefined): string {
  if (str(params, 'UsePreviousTemplate') !== 'true') return templateBodyFrom(state.services, params)
  if (stack?.deployed === undefined)
    throw validation(
      'UsePreviousTemplate is not supported for a stack that does not exist or was never deployed.'
    )
  return stack.deployed.body
}

/** A change set of the stack that still holds this name (not executed or deleted). */
function liveNamesake(
  state: EngineState,
  stack: StackRecord | undefined,
  name: string
): ChangeSetRecord | undefined {
  if (stack === undefined) return undefined
  return [...state.changeSets.values()].find(
    cs => cs.stackId === stack.stackId && cs.name === name && !isExecuted(cs)
  )
}
