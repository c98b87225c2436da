import { listStackResources } from './list-resources.js'
import { randomUUID } from 'node:crypto'
import { evaluateConditions, IntrinsicError, type Pseudo, type ResolveContext } from '../intrinsics.js'
import { resolve as resolveValue } from '../intrinsics.js'
import { list, optionalList, str, type QueryParams, type QueryValue } from '../query.js'
import { attributeOf, IAM_TYPES, isNamedIam, nameProperty, refOf } from '../resource-types.js'
import { activeResources, computeChanges, type Display, type ResourceChange } from './diff.js'
import { applyChangeSet, deleteResources, type ExecutionHost, type NestedOutcome } from './executor.js'
import { CfnError, validation } from './errors.js'
import {
  NO_CHANGES_REASON,
  UPDATABLE,
  type ChangeSetRecord,
  type LeftResource,
  type OperationEvent,
  type OperationType,
  type ResourceRecord,
  type StackEvent,
  type StackRecord
} from './model.js'
import { fromStackEvent, isFailedEvent, validationEvent } from './operation-events.js'
import {
  isNoEcho,
  loadTemplate,
  resolveParameters,
  typedParameters,
  type GivenParameter,
  type Template
} from './template.js'
import { parseTemplateUrl } from './template-url.js'

/** How long simulated work takes. Tests use a few milliseconds; the demo uses values that look real. */
export interface Timing {
  /** Each of a change set's two creation phases (PENDING, IN_PROGRESS). */
  changeSetMs: number
  /** Each resource operation (create, update, delete). */
  resourceMs: number
  /**
   * How long a deleted change set stays in DELETE_IN_PROGRESS. AWS deletes at once (0, the default); a delay lets
   * tests check that the action waits for a delete to finish.
   */
  changeSetDeleteMs: number
  /** How long a deleted change set shows DELETE_PENDING before DELETE_IN_PROGRESS (0, the default: not at all). */
  changeSetDeletePendingMs?: number
  /**
   * How long a stack sits in UPDATE_COMPLETE_CLEANUP_IN_PROGRESS / UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS
   * beyond its deletions. Unset: one resource step, so the phase is observable at the tests' time scale.
   */
  cleanupMs?: number
}

/** A scenario: make an operation on a named resource fail with a reason. */
export interface ResourceFailure {
  logicalId: string
  reason: string
  stackName?: string
  during?: 'create' | 'update' | 'delete' | 'any'
  /** The rollback fails too, leaving UPDATE_ROLLBACK_FAILED / ROLLBACK_FAILED. */
  rollbackFails?: boolean
  /** Only inside the nested stack that its parent declares under this logical id. */
  inNestedStack?: string
}

/** A resource that already exists outside any stack, so a change set that would create it fails early validation. */
export interface ExistingResource {
  type: string
  /** Its name (the type's name property, e.g. BucketName). */
  identifier: string
}

/** Hooks the engine uses to reach the other emulated services. */
export interface Services {
  /** Registers an API key created by a stack's AWS::ApiGateway::ApiKey, so GetApiKey can return it. */
  createApiKey(id: string, name: string, value: string | undefined, stackName: string): void
  deleteApiKey(id: string): void
  /** Reads an object of the emulated S3 (the latest, or the given version). */
  readObject(bucket: string, key: string, versionId?: string): string | undefined
}

const ACCOUNT_ID = '123456789012'
/** TemplateBody: "Minimum length of 1. Maximum length of 51200" (CreateChangeSet API reference), in bytes. */
const TEMPLATE_BODY_MAX = 51_200
/** "Template body size in an Amazon S3 object: 1 MB" (user guide, "CloudFormation quotas"). */
const TEMPLATE_URL_MAX = 1_000_000
/** "Maximum number of tags: 50" (CreateChangeSet API reference, Tags). */
const TAGS_MAX = 50
const IN_PROGRESS = /_IN_PROGRESS$/
const NESTED_STACK = 'AWS::CloudFormation::Stack'
/**
 * The StatusReason of a change set that failed early validation, as CloudFormation words it (quoted in
 * aws-cloudformation/rain #744; the CDK CLI detects early validation by it, aws-cdk-cli #970).
 */
export const EARLY_VALIDATION_REASON =
  'The following hook(s)/validation failed: [AWS::EarlyValidation::ResourceExistenceCheck]. To troubleshoot Early Validation errors, use the DescribeEvents API for detailed failure information.'

/** What a new change set is made of, after the request has been checked. */
interface ChangeSetSpec {
  stack: StackRecord
  name: string
  type: 'CREATE' | 'UPDATE'
  body: string
  template: Template
  parameters: Record<string, string>
  capabilities: string[]
  includeNestedStacks: boolean
  tags?: { Key: string; Value: string }[]
  notificationArns?: string[]
  clientToken?: string
  description?: string
  roleArn?: string
  parent?: ChangeSetRecord
  /** Settle at once (a nested stack's change set made while its parent executes). */
  immediate?: boolean
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
function fakeSuffix(): string {
  return Array.from({ length: 12 }, () => SUFFIX_ALPHABET[Math.floor(Math.random() * 36)]).join('')
}

export class CloudFormationEngine implements ExecutionHost {
  readonly stacks: StackRecord[] = []
  readonly changeSets = new Map<string, ChangeSetRecord>()
  readonly failures: ResourceFailure[] = []
  /** Resources that exist outside any stack (see ExistingResource). */
  readonly existingResources: ExistingResource[] = []
  /** Resources CloudFormation left in the account: retained, or failed to delete during clean-up. */
  readonly leftInAccount: LeftResource[] = []
  /** Change sets (by name or ARN) whose deletion ends DELETE_FAILED. */
  readonly failChangeSetDeletes = new Set<string>()
  /**
   * When true, a deleted change set stays describable by its ARN as DELETE_COMPLETE (no longer listed, its name
   * free); by default it disappears (ChangeSetNotFound), as the DeleteChangeSet reference implies.
   */
  keepDeletedChangeSets = false
  /** Events of CREATE_CHANGESET operations (early validation), for DescribeEvents. */
  private readonly changeSetEvents: OperationEvent[] = []
  private closed = false
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    public timing: Timing,
    readonly services: Services,
    public pageSize = { changes: 100, events: 100, stacks: 100, changeSets: 100 }
  ) {}

  close(): void {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  // ---- lookups --------------------------------------------------------------------------------------------

  /** The live stack with this name, or the stack (live or deleted) with this id. */
  findStack(nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks.find(s => s.stackId === nameOrId)
    return this.stacks.find(s => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE')
  }

  private requireStack(nameOrId: string | undefined): StackRecord {
    const stack = nameOrId === undefined ? undefined : this.findStack(nameOrId)
    if (stack === undefined) throw validation(`Stack with id ${nameOrId ?? ''} does not exist`)
    return stack
  }

  private findChangeSet(nameOrArn: string | undefined, stackName: string | undefined): ChangeSetRecord {
    let found: ChangeSetRecord | undefined
    if (nameOrArn?.startsWith('arn:') === true) found = this.changeSets.get(nameOrArn)
    else if (nameOrArn !== undefined && stackName !== undefined) {
      const stack = this.findStack(stackName)
      // By name, the live change set wins: an executed one keeps its ARN but frees its name.
      const named = [...this.changeSets.values()].filter(
        cs => cs.name === nameOrArn && cs.stackId === stack?.stackId
      )
      found = named.find(cs => !isExecuted(cs)) ?? named.at(-1)
    } else if (nameOrArn !== undefined) {
      throw validation('StackName must be specified if ChangeSetName is not specified as an ARN.')
    }
    if (found === undefined)
      throw new CfnError('ChangeSetNotFound', `ChangeSet [${nameOrArn ?? ''}] does not exist`, 404)
    return found
  }

  // ---- dispatch -------------------------------------------------------------------------------------------

  handle(action: string, params: QueryParams, region: string): unknown {
    switch (action) {
      case 'CreateChangeSet':
        return this.createChangeSet(params, region)
      case 'DescribeChangeSet':
        return this.describeChangeSet(params)
      case 'ExecuteChangeSet':
        return this.executeChangeSet(params)
      case 'DeleteChangeSet':
        return this.deleteChangeSet(params)
      case 'ListChangeSets':
        return this.listChangeSets(params)
      case 'DescribeStacks':
        return this.describeStacks(params)
      case 'DescribeStackEvents':
        return this.describeStackEvents(params)
      case 'DeleteStack':
        return this.deleteStack(params)
      case 'UpdateTerminationProtection':
        return this.updateTerminationProtection(params)
      case 'GetTemplate':
        return this.getTemplate(params)
      case 'GetTemplateSummary':
        return this.getTemplateSummary(params)
      case 'ValidateTemplate':
        return this.validateTemplate(params)
      case 'DescribeStackResources':
        return this.describeStackResources(params)
      case 'ListStackResources':
        return listStackResources(this.requireStack(str(params, 'StackName')), params)
      case 'ContinueUpdateRollback':
        return this.continueUpdateRollback(params)
      case 'DescribeEvents':
        return this.describeEvents(params)
      default:
        throw new CfnError('InvalidAction', `Could not find operation ${action} for version 2010-05-15`)
    }
  }

  // ---- templates --------------------------------------------------------------------------------------------

  private templateBodyFrom(params: QueryParams): string {
    const body = str(params, 'TemplateBody')
    const url = str(params, 'TemplateURL')
    if (body !== undefined && url !== undefined)
      throw validation('Specify exactly one of TemplateBody or TemplateUrl.')
    if (body !== undefined) {
      if (Buffer.byteLength(body) > TEMPLATE_BODY_MAX) {
        throw validation(
          `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_MAX}`
        )
      }
      return body
    }
    if (url !== undefined) return this.templateAt(url)
    throw validation('Either Template URL or Template Body must be specified.')
  }

  /** Reads a template from the emulator's S3, whatever S3 host name the URL uses (see template-url.ts). */
  templateAt(url: string): string {
    const location = parseTemplateUrl(url)
    const object = this.services.readObject(location.bucket, location.key, location.versionId)
    // Wording quoted in public issue threads (F5Networks/f5-aws-cloudformation #16).
    if (object === undefined)
      throw validation('TemplateURL must reference a valid S3 object to which you have access.')
    if (Buffer.byteLength(object) > TEMPLATE_URL_MAX)
      throw validation(`Template may not exceed ${TEMPLATE_URL_MAX} bytes in size.`)
    return object
  }

  private pseudo(stack: { stackName: string; stackId: string; region: string }): Pseudo {
    return {
      region: stack.region,
      accountId: ACCOUNT_ID,
      stackName: stack.stackName,
      stackId: stack.stackId,
      partition: stack.region.startsWith('us-gov') ? 'aws-us-gov' : 'aws',
      urlSuffix: 'amazonaws.com'
    }
  }

  private checkCapabilities(template: Template, given: string[]): void {
    // CAPABILITY_AUTO_EXPAND "doesn't apply to creating change sets, and specifying it when creating change sets
    // has no effect" (CreateChangeSet API reference, Capabilities): a Transform is not refused here.
    const resources = Object.values(template.Resources)
    if (
      resources.some(r => isNamedIam(r.Type, r.Properties ?? {})) &&
      !given.includes('CAPABILITY_NAMED_IAM')
    ) {
      throw new CfnError(
        'InsufficientCapabilitiesException',
        'Requires capabilities : [CAPABILITY_NAMED_IAM]'
      )
    }
    if (
      resources.some(r => IAM_TYPES.has(r.Type)) &&
      !given.includes('CAPABILITY_IAM') &&
      !given.includes('CAPABILITY_NAMED_IAM')
    ) {
      throw new CfnError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]')
    }
  }

  // ---- change sets ------------------------------------------------------------------------------------------

  private createChangeSet(params: QueryParams, region: string): unknown {
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
    let stack = this.findStack(stackName)
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
    const usePrevious = str(params, 'UsePreviousTemplate') === 'true'
    let body: string
    if (usePrevious) {
      if (stack?.deployed === undefined)
        throw validation(
          'UsePreviousTemplate is not supported for a stack that does not exist or was never deployed.'
        )
      body = stack.deployed.body
    } else {
      body = this.templateBodyFrom(params)
    }
    const clash =
      stack === undefined
        ? undefined
        : [...this.changeSets.values()].find(
            cs => cs.stackId === stack?.stackId && cs.name === name && !isExecuted(cs)
          )
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
    const template = loadTemplate(body)
    const capabilities = list(params, 'Capabilities').map(String)
    this.checkCapabilities(template, capabilities)
    const parameters = resolveParameters(
      template,
      list(params, 'Parameters') as GivenParameter[],
      stack?.deployed?.parameters
    )
    if (stack === undefined) {
      stack = this.newStack(stackName, region, tags ?? [], notificationArns ?? [])
      stack.capabilities = capabilities
    }
    const spec: ChangeSetSpec = {
      stack,
      name,
      type,
      body,
      template,
      parameters,
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
    const changeSet = this.buildChangeSet(spec)
    return { Id: changeSet.id, StackId: stack.stackId }
  }

  private newStack(
    stackName: string,
    region: string,
    tags: { Key: string; Value: string }[],
    notificationArns: string[],
    parent?: { stack: StackRecord; logicalId: string }
  ): StackRecord {
    const stack: StackRecord = {
      stackId: `arn:aws:cloudformation:${region}:${ACCOUNT_ID}:stack/${stackName}/${randomUUID()}`,
      stackName,
      region,
      status: 'REVIEW_IN_PROGRESS',
      statusReason: 'User Initiated',
      creationTime: new Date(),
      resources: new Map(),
      outputs: [],
      events: [],
      tags,
      capabilities: [],
      notificationArns,
      disableRollback: false,
      terminationProtection: false,
      statusHistory: []
    }
    if (parent !== undefined) {
      stack.parentId = parent.stack.stackId
      stack.rootId = parent.stack.rootId ?? parent.stack.stackId
      stack.nestedLogicalId = parent.logicalId
    }
    this.stacks.push(stack)
    this.stackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated')
    return stack
  }

  /**
   * Builds a change set (and, with IncludeNestedStacks, one per nested stack), then moves it through
   * CREATE_PENDING and CREATE_IN_PROGRESS to CREATE_COMPLETE, or FAILED with the reason.
   */
  private buildChangeSet(spec: ChangeSetSpec): ChangeSetRecord {
    const { stack, template, parameters, body } = spec
    const id = `arn:aws:cloudformation:${stack.region}:${ACCOUNT_ID}:changeSet/${spec.name}/${randomUUID()}`
    const changeSet: ChangeSetRecord = {
      id,
      name: spec.name,
      stackId: stack.stackId,
      stackName: stack.stackName,
      type: spec.type,
      status: 'CREATE_PENDING',
      executionStatus: 'UNAVAILABLE',
      creationTime: new Date(),
      body,
      template,
      parameters,
      capabilities: spec.capabilities,
      changes: [],
      empty: false,
      includeNestedStacks: spec.includeNestedStacks,
      nested: new Map(),
      operationId: randomUUID(),
      validationFailures: []
    }
    if (spec.tags !== undefined) changeSet.tags = spec.tags
    if (spec.notificationArns !== undefined) changeSet.notificationArns = spec.notificationArns
    if (spec.clientToken !== undefined) changeSet.clientToken = spec.clientToken
    if (spec.description !== undefined) changeSet.description = spec.description
    if (spec.roleArn !== undefined) changeSet.roleArn = spec.roleArn
    if (spec.parent !== undefined) {
      changeSet.parentChangeSetId = spec.parent.id
      changeSet.rootChangeSetId = spec.parent.rootChangeSetId ?? spec.parent.id
    }
    this.changeSets.set(id, changeSet)
    try {
      const before = spec.type === 'UPDATE' ? stack.deployed : undefined
      changeSet.changes = computeChanges(
        before,
        { template, parameters },
        stack.resources,
        this.pseudo(stack),
        this.display(stack)
      )
      const fixForward = this.fixForwardChanges(stack, changeSet)
      this.nestedStackChanges(stack, changeSet, before !== undefined)
      this.earlyValidation(stack, changeSet)
      const tagsAfter = spec.tags ?? stack.tags
      const topicsAfter = spec.notificationArns ?? stack.notificationArns
      changeSet.empty =
        before !== undefined &&
        !fixForward &&
        changeSet.changes.length === 0 &&
        before.body === body &&
        // Parameters are compared as values by key, whatever order the request listed them in.
        sameEntries(before.parameters, parameters) &&
        JSON.stringify(stack.tags) === JSON.stringify(tagsAfter) &&
        JSON.stringify(stack.notificationArns) === JSON.stringify(topicsAfter)
    } catch (err) {
      if (!(err instanceof IntrinsicError) && !(err instanceof CfnError)) throw err
      changeSet.failure = err.message
    }
    const finish = (): void => {
      const nested = [...changeSet.nested.values()].map(n => this.changeSets.get(n))
      if (nested.some(n => n !== undefined && /^CREATE_(PENDING|IN_PROGRESS)$/.test(n.status))) {
        this.later(this.timing.changeSetMs, finish)
        return
      }
      const nestedFailure = nested.find(n => n !== undefined && n.status === 'FAILED' && !n.empty)
      if (changeSet.failure === undefined && nestedFailure?.statusReason !== undefined)
        changeSet.failure = nestedFailure.statusReason
      if (changeSet.validationFailures.length > 0) {
        changeSet.status = 'FAILED'
        changeSet.statusReason = EARLY_VALIDATION_REASON
        this.changeSetEvents.push(...changeSet.validationFailures)
      } else if (changeSet.failure !== undefined || changeSet.empty) {
        changeSet.status = 'FAILED'
        changeSet.statusReason = changeSet.failure ?? NO_CHANGES_REASON
      } else {
        changeSet.status = 'CREATE_COMPLETE'
        changeSet.executionStatus = 'AVAILABLE'
      }
    }
    if (spec.immediate === true) finish()
    else
      this.later(this.timing.changeSetMs, () => {
        changeSet.status = 'CREATE_IN_PROGRESS'
        this.later(this.timing.changeSetMs, finish)
      })
    return changeSet
  }

  /**
   * A stack left CREATE_FAILED / UPDATE_FAILED (rollback disabled) keeps what succeeded; an update carries on from
   * there (user guide, "Choose how to handle failures when provisioning resources"): resources that were never
   * created, or failed, are created or updated again. Returns whether there is such work.
   */
  private fixForwardChanges(stack: StackRecord, changeSet: ChangeSetRecord): boolean {
    if (stack.status !== 'CREATE_FAILED' && stack.status !== 'UPDATE_FAILED') return false
    const ctx = this.context(stack, changeSet.template, changeSet.parameters)
    let work = false
    for (const id of activeResources(
      { template: changeSet.template, parameters: changeSet.parameters },
      ctx.conditions
    )) {
      const record = stack.resources.get(id)
      const change = changeSet.changes.find(c => c.LogicalResourceId === id)
      const type = changeSet.template.Resources[id]?.Type ?? ''
      if (record === undefined || record.status === 'CREATE_FAILED') {
        work = true
        if (change === undefined)
          changeSet.changes.push({
            Action: 'Add',
            LogicalResourceId: id,
            ResourceType: type,
            Scope: [],
            Details: []
          })
        else if (change.Action === 'Modify') {
          change.Action = 'Add'
          delete change.Replacement
          delete change.PhysicalResourceId
        }
      } else if (record.status === 'UPDATE_FAILED' && change === undefined) {
        work = true
        changeSet.changes.push({
          Action: 'Modify',
          LogicalResourceId: id,
          PhysicalResourceId: record.physicalId,
          ResourceType: type,
          Replacement: 'False',
          Scope: [],
          Details: []
        })
      }
    }
    return work
  }

  /**
   * Nested stacks (AWS::CloudFormation::Stack). Without IncludeNestedStacks a nested stack the template keeps is
   * always a Modify with ChangeSource Automatic, "because the nested stack's template might have changed"
   * (ResourceChangeDetail API reference, ChangeSource). With it, each nested stack gets its own change set,
   * linked by ParentChangeSetId / RootChangeSetId, and the parent's ResourceChange names it in ChangeSetId
   * (CreateChangeSet API reference, IncludeNestedStacks; ResourceChange API reference, ChangeSetId).
   */
  private nestedStackChanges(stack: StackRecord, changeSet: ChangeSetRecord, isUpdate: boolean): void {
    const template = changeSet.template
    const nestedIds = Object.entries(template.Resources)
      .filter(([, r]) => r.Type === NESTED_STACK)
      .map(([id]) => id)
    if (nestedIds.length === 0) return
    const ctx = this.context(stack, template, changeSet.parameters)
    const active = new Set(activeResources({ template, parameters: changeSet.parameters }, ctx.conditions))
    for (const id of nestedIds) {
      if (!active.has(id)) continue
      let change = changeSet.changes.find(c => c.LogicalResourceId === id)
      if (change?.Action === 'Remove') continue
      const record = stack.resources.get(id)
      const automatic = (): ResourceChange => {
        const created: ResourceChange = {
          Action: 'Modify',
          LogicalResourceId: id,
          ResourceType: NESTED_STACK,
          Replacement: 'False',
          Scope: [],
          Details: [
            {
              Target: { Attribute: 'Properties', RequiresRecreation: 'Never' },
              Evaluation: 'Dynamic',
              ChangeSource: 'Automatic'
            }
          ]
        }
        if (record !== undefined) created.PhysicalResourceId = record.physicalId
        changeSet.changes.push(created)
        return created
      }
      if (!changeSet.includeNestedStacks) {
        if (change === undefined && isUpdate && record !== undefined) automatic()
        continue
      }
      const properties = resolveValue(template.Resources[id]?.Properties ?? {}, ctx) as Record<
        string,
        unknown
      >
      const nestedBody = this.templateAt(String(properties.TemplateURL ?? ''))
      const nestedTemplate = loadTemplate(nestedBody)
      const existing = record === undefined ? undefined : this.findStack(record.physicalId)
      const nestedStack =
        existing !== undefined && existing.status !== 'DELETE_COMPLETE' && change?.Action !== 'Add'
          ? existing
          : this.newStack(this.nestedStackName(stack, id), stack.region, stack.tags, stack.notificationArns, {
              stack,
              logicalId: id
            })
      const given = Object.entries((properties.Parameters ?? {}) as Record<string, unknown>).map(
        ([key, value]) => ({
          ParameterKey: key,
          ParameterValue: Array.isArray(value) ? value.join(',') : String(value)
        })
      )
      const nestedParameters = resolveParameters(nestedTemplate, given, nestedStack.deployed?.parameters)
      const nested = this.buildChangeSet({
        stack: nestedStack,
        name: `${changeSet.name}-${id}`.slice(0, 128),
        type: nestedStack.deployed === undefined ? 'CREATE' : 'UPDATE',
        body: nestedBody,
        template: nestedTemplate,
        parameters: nestedParameters,
        capabilities: changeSet.capabilities,
        includeNestedStacks: true,
        parent: changeSet
      })
      changeSet.nested.set(id, nested.id)
      if (change === undefined && (!nested.empty || nested.failure !== undefined)) change = automatic()
      if (change !== undefined) change.ChangeSetId = nested.id
    }
  }

  /** A nested stack's name: the parent's name, the logical id and a random suffix, as CloudFormation names them. */
  private nestedStackName(parent: StackRecord, logicalId: string): string {
    return `${parent.stackName}-${logicalId}-${fakeSuffix()}`.slice(0, 128)
  }

  /**
   * Early validation (user guide, "Validate stack deployments"; announced 2025-11): a resource the change set
   * would create under a name that already exists fails the change set before anything runs, with
   * NAME_CONFLICT_VALIDATION events that DescribeEvents returns (wording quoted in aws-cloudformation/rain #744).
   */
  private earlyValidation(stack: StackRecord, changeSet: ChangeSetRecord): void {
    if (this.existingResources.length === 0) return
    const ctx = this.context(stack, changeSet.template, changeSet.parameters)
    for (const change of changeSet.changes) {
      if (change.Action !== 'Add' && !(change.Action === 'Modify' && change.Replacement === 'True')) continue
      const def = changeSet.template.Resources[change.LogicalResourceId]
      const property = nameProperty(change.ResourceType)
      if (def === undefined || property === undefined) continue
      const value = resolveValue(def.Properties?.[property], ctx)
      if (typeof value !== 'string') continue
      if (!this.existingResources.some(r => r.type === change.ResourceType && r.identifier === value))
        continue
      changeSet.validationFailures.push(
        validationEvent(
          stack.stackId,
          changeSet.operationId,
          { logicalId: change.LogicalResourceId, type: change.ResourceType },
          {
            name: 'NAME_CONFLICT_VALIDATION',
            reason: `Resource of type '${change.ResourceType}' with identifier '${value}' already exists.`,
            path: `/Resources/${change.LogicalResourceId}/Properties/${property}`
          }
        )
      )
    }
  }

  private describeChangeSet(params: QueryParams): unknown {
    const cs = this.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
    const withValues = str(params, 'IncludePropertyValues') === 'true'
    const start = decodeToken(str(params, 'NextToken'))
    const size = this.pageSize.changes
    const ready = cs.status === 'CREATE_COMPLETE' || cs.executionStatus !== 'UNAVAILABLE'
    const all = ready ? cs.changes : []
    const page = all.slice(start, start + size).map(change => ({
      Type: 'Resource',
      ResourceChange: withValues ? change : withoutValues(change)
    }))
    const next = start + size < all.length ? encodeToken(start + size) : undefined
    return {
      ChangeSetName: cs.name,
      ChangeSetId: cs.id,
      StackId: cs.stackId,
      StackName: cs.stackName,
      Description: cs.description,
      Parameters: Object.entries(cs.parameters).map(([key, value]) => ({
        ParameterKey: key,
        ParameterValue: isNoEcho(cs.template, key) ? '****' : value
      })),
      CreationTime: cs.creationTime,
      ExecutionStatus: cs.executionStatus,
      Status: cs.status,
      StatusReason: cs.statusReason,
      NotificationARNs: cs.notificationArns ?? this.findStack(cs.stackId)?.notificationArns ?? [],
      Capabilities: cs.capabilities,
      Tags: cs.tags ?? this.findStack(cs.stackId)?.tags ?? [],
      Changes: page,
      NextToken: next,
      IncludeNestedStacks: cs.includeNestedStacks,
      ParentChangeSetId: cs.parentChangeSetId,
      RootChangeSetId: cs.rootChangeSetId
    }
  }

  private listChangeSets(params: QueryParams): unknown {
    const stack = this.requireStack(str(params, 'StackName'))
    const all = [...this.changeSets.values()].filter(cs => cs.stackId === stack.stackId && !isExecuted(cs))
    const start = decodeToken(str(params, 'NextToken'))
    const size = this.pageSize.changeSets
    return {
      Summaries: all.slice(start, start + size).map(cs => ({
        StackId: cs.stackId,
        StackName: cs.stackName,
        ChangeSetId: cs.id,
        ChangeSetName: cs.name,
        ExecutionStatus: cs.executionStatus,
        Status: cs.status,
        StatusReason: cs.statusReason,
        CreationTime: cs.creationTime,
        Description: cs.description,
        IncludeNestedStacks: cs.includeNestedStacks,
        ParentChangeSetId: cs.parentChangeSetId,
        RootChangeSetId: cs.rootChangeSetId
      })),
      NextToken: start + size < all.length ? encodeToken(start + size) : undefined
    }
  }

  /**
   * DeleteChangeSet. AWS deletes at once by default; with `timing.changeSetDeleteMs` the change set sits in
   * DELETE_IN_PROGRESS first, and a change set named in `failChangeSetDeletes` ends DELETE_FAILED (ChangeSetStatus
   * values, DescribeChangeSet API reference). Deleting a root change set deletes its nested ones ("If the
   * specified change set belongs to a stack that has nested stacks, CloudFormation also deletes the associated
   * nested change sets", DeleteChangeSet API reference).
   */
  private deleteChangeSet(params: QueryParams): unknown {
    const cs = this.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
    if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
      throw new CfnError(
        'InvalidChangeSetStatus',
        `Cannot delete ChangeSet [${cs.id}] while its execution status is EXECUTE_IN_PROGRESS`
      )
    }
    if (cs.parentChangeSetId !== undefined) {
      // "You can't delete a nested change set directly" is the documented rule; the wording is not confirmed.
      throw validation(`Cannot delete nested ChangeSet [${cs.id}]. Delete the root change set instead.`)
    }
    if (cs.status === 'DELETE_IN_PROGRESS' || cs.status === 'DELETE_PENDING') return {}
    const family = [cs, ...this.nestedChangeSets(cs)]
    const fails = this.failChangeSetDeletes.has(cs.name) || this.failChangeSetDeletes.has(cs.id)
    const remove = (): void => {
      for (const member of family) {
        if (fails) {
          member.status = 'DELETE_FAILED'
          member.statusReason = 'The change set could not be deleted.'
        } else if (this.keepDeletedChangeSets) {
          member.status = 'DELETE_COMPLETE'
          member.executionStatus = 'OBSOLETE'
        } else this.changeSets.delete(member.id)
      }
    }
    const pendingMs = this.timing.changeSetDeletePendingMs ?? 0
    const inProgress = (): void => {
      for (const member of family) member.status = 'DELETE_IN_PROGRESS'
      this.later(Math.max(this.timing.changeSetDeleteMs, 1), remove)
    }
    if (pendingMs > 0) {
      for (const member of family) member.status = 'DELETE_PENDING'
      this.later(pendingMs, inProgress)
    } else if (this.timing.changeSetDeleteMs <= 0 && !fails && !this.keepDeletedChangeSets) remove()
    else inProgress()
    return {}
  }

  private nestedChangeSets(cs: ChangeSetRecord): ChangeSetRecord[] {
    return [...cs.nested.values()].flatMap(id => {
      const nested = this.changeSets.get(id)
      return nested === undefined ? [] : [nested, ...this.nestedChangeSets(nested)]
    })
  }

  private executeChangeSet(params: QueryParams): unknown {
    const cs = this.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
    if (cs.status !== 'CREATE_COMPLETE' || cs.executionStatus !== 'AVAILABLE') {
      throw new CfnError(
        'InvalidChangeSetStatus',
        `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status === 'CREATE_COMPLETE' ? cs.executionStatus : cs.status}]`
      )
    }
    if (cs.parentChangeSetId !== undefined) {
      // Nested change sets run with their root (user guide, "Change sets for nested stacks"); wording unconfirmed.
      throw validation(`ChangeSet [${cs.id}] is a nested change set: execute its root change set.`)
    }
    const stack = this.requireStack(cs.stackId)
    if (IN_PROGRESS.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`)
    }
    const disableRollback = str(params, 'DisableRollback') === 'true'
    // RetainExceptOnCreate: "resources that are newly created during this operation will be deleted regardless
    // of their deletion policy" on rollback (ExecuteChangeSet API reference).
    const retainExceptOnCreate = str(params, 'RetainExceptOnCreate') === 'true'
    cs.executionStatus = 'EXECUTE_IN_PROGRESS'
    // "When you execute a change set, CloudFormation deletes all other change sets associated with the stack
    // because they aren't valid for the updated stack." (ExecuteChangeSet API reference)
    for (const other of [...this.changeSets.values()]) {
      if (other.stackId === stack.stackId && other.id !== cs.id) this.changeSets.delete(other.id)
    }
    stack.disableRollback = disableRollback
    const isCreate = cs.type === 'CREATE'
    this.beginOperation(stack, str(params, 'ClientRequestToken'), isCreate ? 'CREATE_STACK' : 'UPDATE_STACK')
    this.adoptSettings(stack, cs)
    this.setStatus(stack, isCreate ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated')
    void this.run(() => applyChangeSet(this, stack, cs, { disableRollback, retainExceptOnCreate }))
    return {}
  }

  /** What a change set sets on its stack when it executes: absent tags and topics are kept (see CreateChangeSet). */
  private adoptSettings(stack: StackRecord, cs: ChangeSetRecord): void {
    if (cs.tags !== undefined) stack.tags = cs.tags
    if (cs.notificationArns !== undefined) stack.notificationArns = cs.notificationArns
    stack.capabilities = cs.capabilities
    if (cs.roleArn !== undefined) stack.roleArn = cs.roleArn
  }

  // ---- stacks -----------------------------------------------------------------------------------------------

  private describeStacks(params: QueryParams): unknown {
    const name = str(params, 'StackName')
    const stacks =
      name === undefined ? this.stacks.filter(s => s.status !== 'DELETE_COMPLETE') : [this.requireStack(name)]
    const start = decodeToken(str(params, 'NextToken'))
    const size = this.pageSize.stacks
    return {
      Stacks: stacks.slice(start, start + size).map(s => this.stackDescription(s)),
      NextToken: start + size < stacks.length ? encodeToken(start + size) : undefined
    }
  }

  private stackDescription(s: StackRecord): unknown {
    const template = s.deployed?.template
    return {
      StackId: s.stackId,
      StackName: s.stackName,
      Description: template?.Description,
      Parameters: Object.entries(s.deployed?.parameters ?? {}).map(([key, value]) => ({
        ParameterKey: key,
        ParameterValue: template !== undefined && isNoEcho(template, key) ? '****' : value
      })),
      CreationTime: s.creationTime,
      LastUpdatedTime: s.lastUpdatedTime,
      DeletionTime: s.deletionTime,
      StackStatus: s.status,
      StackStatusReason: s.statusReason,
      DisableRollback: s.disableRollback,
      NotificationARNs: s.notificationArns,
      Capabilities: s.capabilities,
      Outputs: s.outputs,
      RoleARN: s.roleArn,
      Tags: s.tags,
      EnableTerminationProtection: s.terminationProtection,
      ParentId: s.parentId,
      RootId: s.rootId,
      // The stack's latest operation (Stack API reference, LastOperations), whose events DescribeEvents returns.
      LastOperations:
        s.operation === undefined
          ? undefined
          : [{ OperationType: s.operation.type, OperationId: s.operation.id }]
    }
  }

  private describeStackEvents(params: QueryParams): unknown {
    const stack = this.requireStack(str(params, 'StackName'))
    const newestFirst = [...stack.events].reverse()
    // The token names the next event to return, so events added meanwhile do not shift the pages.
    const token = str(params, 'NextToken')
    const start =
      token === undefined
        ? 0
        : Math.max(
            0,
            newestFirst.findIndex(e => e.EventId === Buffer.from(token, 'base64url').toString())
          )
    const size = this.pageSize.events
    const page = newestFirst.slice(start, start + size)
    const next = newestFirst[start + size]
    return {
      StackEvents: page,
      NextToken: next === undefined ? undefined : Buffer.from(next.EventId).toString('base64url')
    }
  }

  private describeStackResources(params: QueryParams): unknown {
    const stack = this.requireStack(str(params, 'StackName'))
    return {
      StackResources: [...stack.resources.values()].map(r => ({
        StackName: stack.stackName,
        StackId: stack.stackId,
        LogicalResourceId: r.logicalId,
        PhysicalResourceId: r.physicalId,
        ResourceType: r.type,
        Timestamp: stack.lastUpdatedTime ?? stack.creationTime,
        ResourceStatus: r.status
      }))
    }
  }

  private deleteStack(params: QueryParams): unknown {
    const name = str(params, 'StackName')
    const stack = name === undefined ? undefined : this.findStack(name)
    // Deleting a stack that does not exist succeeds, as in CloudFormation.
    if (stack === undefined || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS')
      return {}
    // Termination protection refuses the delete (user guide, "Protect CloudFormation stacks from being
    // deleted"); the text is AWS's, as quoted in ekristen/aws-nuke #821.
    if (stack.terminationProtection) {
      throw validation(`Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`)
    }
    if (IN_PROGRESS.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw validation(`Stack [${stack.stackName}] is in ${stack.status} state and can not be deleted.`)
    }
    for (const cs of [...this.changeSets.values()])
      if (cs.stackId === stack.stackId) this.changeSets.delete(cs.id)
    this.beginOperation(stack, str(params, 'ClientRequestToken'), 'DELETE_STACK')
    this.setStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated')
    void this.run(async () => void (await this.deleteWholeStack(stack)))
    return {}
  }

  /** Deletes every resource of a stack (nested stacks included), ending DELETE_COMPLETE or DELETE_FAILED. */
  private async deleteWholeStack(stack: StackRecord): Promise<boolean> {
    const ok = await deleteResources(
      this,
      stack,
      [...stack.resources.keys()].reverse(),
      stack.deployed?.template
    )
    if (!ok) {
      this.setStatus(
        stack,
        'DELETE_FAILED',
        'The following resource(s) failed to delete: ' + this.failedNames(stack) + '. '
      )
      return false
    }
    stack.deletionTime = new Date()
    this.setStatus(stack, 'DELETE_COMPLETE')
    return true
  }

  /** Termination protection is stack state (UpdateTerminationProtection API reference). */
  private updateTerminationProtection(params: QueryParams): unknown {
    const stack = this.requireStack(str(params, 'StackName'))
    stack.terminationProtection = str(params, 'EnableTerminationProtection') === 'true'
    return { StackId: stack.stackId }
  }

  private continueUpdateRollback(params: QueryParams): unknown {
    const stack = this.requireStack(str(params, 'StackName'))
    if (stack.status !== 'UPDATE_ROLLBACK_FAILED') {
      throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be rolled back.`)
    }
    this.beginOperation(stack, str(params, 'ClientRequestToken'), 'CONTINUE_ROLLBACK')
    this.setStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS')
    this.later(this.timing.resourceMs, () => this.setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE'))
    return {}
  }

  /**
   * DescribeEvents (DescribeEvents API reference): by ChangeSetName, OperationId or StackName ("One of
   * ChangeSetName, OperationId or StackName must be specified"), optionally only the failed events.
   */
  private describeEvents(params: QueryParams): unknown {
    const changeSetName = str(params, 'ChangeSetName')
    const operationId = str(params, 'OperationId')
    const stackName = str(params, 'StackName')
    const filters = params.Filters
    const failedOnly =
      typeof filters === 'object' && !Array.isArray(filters) && filters.FailedEvents === 'true'
    let events: OperationEvent[]
    if (changeSetName !== undefined) {
      const cs = this.findChangeSet(changeSetName, stackName)
      events = this.changeSetEvents.filter(e => e.OperationId === cs.operationId)
    } else if (operationId !== undefined) {
      events = [
        ...this.changeSetEvents.filter(e => e.OperationId === operationId),
        ...this.stacks.flatMap(s => this.operationEventsOf(s).filter(e => e.OperationId === operationId))
      ]
    } else if (stackName !== undefined) {
      const stack = this.requireStack(stackName)
      events = [
        ...this.changeSetEvents.filter(e => e.StackId === stack.stackId),
        ...this.operationEventsOf(stack)
      ]
    } else {
      throw validation('One of ChangeSetName, OperationId or StackName must be specified')
    }
    if (failedOnly) events = events.filter(isFailedEvent)
    events.sort((x, y) => y.Timestamp.getTime() - x.Timestamp.getTime())
    const start = decodeToken(str(params, 'NextToken'))
    const size = this.pageSize.events
    return {
      OperationEvents: events.slice(start, start + size),
      NextToken: start + size < events.length ? encodeToken(start + size) : undefined
    }
  }

  private operationEventsOf(stack: StackRecord): OperationEvent[] {
    const types = this.operationTypes
    return stack.events
      .filter(e => e.OperationId !== undefined)
      .map(e => fromStackEvent(e, types.get(e.OperationId ?? '') ?? 'UPDATE_STACK', stack.status))
  }

  private getTemplate(params: QueryParams): unknown {
    const changeSetName = str(params, 'ChangeSetName')
    if (changeSetName !== undefined) {
      const cs = this.findChangeSet(changeSetName, str(params, 'StackName'))
      return { TemplateBody: cs.body, StagesAvailable: ['Original', 'Processed'] }
    }
    const stack = this.requireStack(str(params, 'StackName'))
    if (stack.deployed === undefined)
      throw validation(`Stack with id ${stack.stackName} does not have a template`)
    return { TemplateBody: stack.deployed.body, StagesAvailable: ['Original', 'Processed'] }
  }

  private summaryTemplate(params: QueryParams): Template {
    const stackName = str(params, 'StackName')
    if (stackName !== undefined) {
      const stack = this.requireStack(stackName)
      if (stack.deployed === undefined)
        throw validation(`Stack with id ${stackName} does not have a template`)
      return stack.deployed.template
    }
    return loadTemplate(this.templateBodyFrom(params))
  }

  private getTemplateSummary(params: QueryParams): unknown {
    const template = this.summaryTemplate(params)
    return {
      Parameters: Object.entries(template.Parameters).map(([key, def]) => ({
        ParameterKey: key,
        DefaultValue: def.Default === undefined ? undefined : String(def.Default),
        ParameterType: def.Type,
        NoEcho: isNoEcho(template, key),
        Description: def.Description,
        ParameterConstraints: { AllowedValues: def.AllowedValues?.map(String) ?? [] }
      })),
      Description: template.Description,
      ...this.capabilitiesOf(template),
      ResourceTypes: [...new Set(Object.values(template.Resources).map(r => r.Type))],
      Version: template.AWSTemplateFormatVersion
    }
  }

  private validateTemplate(params: QueryParams): unknown {
    const template = loadTemplate(this.templateBodyFrom(params))
    return {
      Parameters: Object.entries(template.Parameters).map(([key, def]) => ({
        ParameterKey: key,
        DefaultValue: def.Default === undefined ? undefined : String(def.Default),
        NoEcho: isNoEcho(template, key),
        Description: def.Description
      })),
      Description: template.Description,
      ...this.capabilitiesOf(template)
    }
  }

  private capabilitiesOf(template: Template): { Capabilities?: string[]; CapabilitiesReason?: string } {
    const iam = Object.entries(template.Resources).filter(([, r]) => IAM_TYPES.has(r.Type))
    if (iam.length === 0) return {}
    const named = iam.some(([, r]) => isNamedIam(r.Type, r.Properties ?? {}))
    return {
      Capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
      CapabilitiesReason: `The following resource(s) require capabilities: [${[...new Set(iam.map(([, r]) => r.Type))].join(', ')}]`
    }
  }

  // ---- execution --------------------------------------------------------------------------------------------

  context(stack: StackRecord, template: Template, parameters: Record<string, string>): ResolveContext {
    const display = this.display(stack)
    const base = {
      params: typedParameters(template, parameters),
      mappings: template.Mappings,
      pseudo: this.pseudo(stack),
      ref: (id: string) => display.ref(id) ?? '',
      getAtt: (id: string, attribute: string) => display.getAtt(id, attribute) ?? ''
    }
    return { ...base, conditions: evaluateConditions(template.Conditions, base) }
  }

  /** Deployed resources' real Ref and GetAtt values, for the values a change set shows. */
  private display(stack: StackRecord): Display {
    const pseudo = this.pseudo(stack)
    const arnCtx = { partition: pseudo.partition, region: pseudo.region, accountId: ACCOUNT_ID }
    return {
      ref: id => {
        const r = stack.resources.get(id)
        return r === undefined ? undefined : refOf(r.type, r.physicalId, arnCtx)
      },
      getAtt: (id, attribute) => {
        const r = stack.resources.get(id)
        if (r === undefined) return undefined
        // A nested stack's `Outputs.NAME` attribute is its output (AWS::CloudFormation::Stack reference).
        if (r.type === NESTED_STACK && attribute.startsWith('Outputs.')) {
          const key = attribute.slice('Outputs.'.length)
          return this.findStack(r.physicalId)?.outputs.find(o => o.OutputKey === key)?.OutputValue
        }
        return attributeOf(r.type, r.physicalId, attribute, arnCtx)
      }
    }
  }

  failureFor(
    stack: StackRecord,
    logicalId: string,
    during: 'create' | 'update' | 'delete'
  ): ResourceFailure | undefined {
    return this.failures.find(
      f =>
        f.logicalId === logicalId &&
        (f.stackName === undefined || f.stackName === stack.stackName) &&
        (f.inNestedStack === undefined || f.inNestedStack === stack.nestedLogicalId) &&
        (f.during === undefined || f.during === 'any' || f.during === during)
    )
  }

  leave(stack: StackRecord, record: ResourceRecord, why: LeftResource['why']): void {
    this.leftInAccount.push({
      stackName: stack.stackName,
      logicalId: record.logicalId,
      type: record.type,
      physicalId: record.physicalId,
      why
    })
  }

  /**
   * Creates or updates the nested stack behind an AWS::CloudFormation::Stack resource, with its own events, and
   * reports how it ended. A failure names the nested stack, as CloudFormation's parent events do: "Embedded stack
   * ARN was not successfully created: The following resource(s) failed to create: [...]." (quoted from real stack
   * events in aws-quickstart/quickstart-apache-superset #62, serverless #7593; nested stack names are
   * PARENT-LOGICALID-XXXXXXXXXXXX there too). The update wording ("was not successfully updated. Currently in
   * UPDATE_ROLLBACK_IN_PROGRESS with reason: …") is from memory of real events, not confirmed from documentation.
   */
  async runNestedStack(
    parent: StackRecord,
    logicalId: string,
    properties: Record<string, unknown>,
    parentChangeSet: ChangeSetRecord,
    options: { disableRollback: boolean; retainExceptOnCreate: boolean },
    onStarted: (stackId: string) => void
  ): Promise<NestedOutcome> {
    let cs: ChangeSetRecord | undefined
    const prepared = parentChangeSet.nested.get(logicalId)
    if (prepared !== undefined) cs = this.changeSets.get(prepared)
    if (cs === undefined) {
      try {
        const record = parent.resources.get(logicalId)
        const existing =
          record?.physicalId === undefined || record.physicalId === ''
            ? undefined
            : this.findStack(record.physicalId)
        const nestedStack =
          existing !== undefined && existing.status !== 'DELETE_COMPLETE'
            ? existing
            : this.newStack(
                this.nestedStackName(parent, logicalId),
                parent.region,
                parent.tags,
                parent.notificationArns,
                { stack: parent, logicalId }
              )
        const body = this.templateAt(String(properties.TemplateURL ?? ''))
        const template = loadTemplate(body)
        const given = Object.entries((properties.Parameters ?? {}) as Record<string, unknown>).map(
          ([key, value]) => ({
            ParameterKey: key,
            ParameterValue: Array.isArray(value) ? value.join(',') : String(value)
          })
        )
        cs = this.buildChangeSet({
          stack: nestedStack,
          name: `${parentChangeSet.name}-${logicalId}`.slice(0, 128),
          type: nestedStack.deployed === undefined ? 'CREATE' : 'UPDATE',
          body,
          template,
          parameters: resolveParameters(template, given, nestedStack.deployed?.parameters),
          capabilities: parentChangeSet.capabilities,
          includeNestedStacks: false,
          parent: parentChangeSet,
          immediate: true
        })
      } catch (err) {
        if (!(err instanceof CfnError)) throw err
        return { ok: false, reason: err.message }
      }
    }
    const stack = this.requireStack(cs.stackId)
    onStarted(stack.stackId)
    if (cs.status === 'FAILED' && !cs.empty)
      return { ok: false, stackId: stack.stackId, reason: cs.statusReason ?? '' }
    if (cs.empty) {
      this.changeSets.delete(cs.id)
      return { ok: true, stackId: stack.stackId }
    }
    const isCreate = cs.type === 'CREATE'
    cs.status = 'CREATE_COMPLETE'
    cs.executionStatus = 'EXECUTE_IN_PROGRESS'
    this.beginOperation(stack, parent.operationToken, isCreate ? 'CREATE_STACK' : 'UPDATE_STACK')
    if (parent.operation !== undefined) stack.operation = parent.operation
    this.adoptSettings(stack, cs)
    stack.disableRollback = options.disableRollback
    this.setStatus(stack, isCreate ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated')
    // A nested create keeps what it made on failure so the parent's rollback deletes it with the nested stack.
    await applyChangeSet(this, stack, cs, {
      disableRollback: isCreate ? true : options.disableRollback,
      retainExceptOnCreate: options.retainExceptOnCreate
    })
    if (stack.status === 'CREATE_COMPLETE' || stack.status === 'UPDATE_COMPLETE')
      return { ok: true, stackId: stack.stackId }
    if (isCreate) {
      return {
        ok: false,
        stackId: stack.stackId,
        reason: `Embedded stack ${stack.stackId} was not successfully created: ${stack.statusReason ?? ''}`
      }
    }
    // The parent hears of the failure when the nested stack starts rolling back.
    const rollback = [...stack.events]
      .reverse()
      .find(
        e => e.LogicalResourceId === stack.stackName && e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS'
      )
    return {
      ok: false,
      stackId: stack.stackId,
      reason: `Embedded stack ${stack.stackId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: ${rollback?.ResourceStatusReason ?? stack.statusReason ?? ''}`
    }
  }

  /** Deletes a nested stack with its resources and events (a parent delete, a removal, a rollback). */
  async deleteNestedStack(stackId: string): Promise<boolean> {
    const stack = this.findStack(stackId)
    if (stack === undefined || stack.status === 'DELETE_COMPLETE') return true
    for (const cs of [...this.changeSets.values()])
      if (cs.stackId === stack.stackId) this.changeSets.delete(cs.id)
    this.setStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated')
    return this.deleteWholeStack(stack)
  }

  private failedNames(stack: StackRecord): string {
    return `[${[...stack.resources.values()]
      .filter(r => r.status.endsWith('_FAILED'))
      .map(r => r.logicalId)
      .join(', ')}]`
  }

  // ---- control surface ----------------------------------------------------------------------------------

  /** Puts a stack in any status (creating an empty record if needed); optionally moves on to another later. */
  setStackStatus(name: string, status: string, then?: { afterMs: number; status: string }): StackRecord {
    let stack = this.findStack(name)
    if (stack === undefined) {
      stack = {
        stackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT_ID}:stack/${name}/${randomUUID()}`,
        stackName: name,
        region: 'us-east-1',
        status,
        creationTime: new Date(),
        resources: new Map(),
        outputs: [],
        events: [],
        tags: [],
        capabilities: [],
        notificationArns: [],
        disableRollback: false,
        terminationProtection: false,
        statusHistory: []
      }
      this.stacks.push(stack)
    }
    this.beginOperation(stack, undefined)
    this.setStatus(stack, status, 'Set by the test')
    if (then !== undefined) {
      const target = stack
      this.later(then.afterMs, () => this.setStatus(target, then.status))
    }
    return stack
  }

  // ---- plumbing -------------------------------------------------------------------------------------------

  /** Operation types by operation id, for DescribeEvents. */
  private readonly operationTypes = new Map<string, OperationType>()

  beginOperation(stack: StackRecord, token: string | undefined, type: OperationType = 'UPDATE_STACK'): void {
    if (token === undefined) delete stack.operationToken
    else stack.operationToken = token
    stack.operation = { id: randomUUID(), type }
    this.operationTypes.set(stack.operation.id, type)
  }

  setStatus(stack: StackRecord, status: string, reason?: string): void {
    stack.status = status
    stack.statusHistory.push({ status, at: Date.now() })
    if (reason === undefined) delete stack.statusReason
    else stack.statusReason = reason
    this.stackEvent(stack, status, reason)
  }

  private stackEvent(stack: StackRecord, status: string, reason?: string): void {
    this.pushEvent(stack, stack.stackName, stack.stackId, 'AWS::CloudFormation::Stack', status, reason)
  }

  resourceEvent(stack: StackRecord, record: ResourceRecord, status: string, reason?: string): void {
    record.status = status
    this.pushEvent(stack, record.logicalId, record.physicalId, record.type, status, reason)
  }

  private pushEvent(
    stack: StackRecord,
    logicalId: string,
    physicalId: string,
    type: string,
    status: string,
    reason?: string
  ): void {
    const event: StackEvent = {
      StackId: stack.stackId,
      EventId: `${logicalId}-${status}-${randomUUID()}`,
      StackName: stack.stackName,
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: type,
      Timestamp: new Date(),
      ResourceStatus: status
    }
    if (reason !== undefined) event.ResourceStatusReason = reason
    if (stack.operationToken !== undefined) event.ClientRequestToken = stack.operationToken
    if (stack.operation !== undefined) event.OperationId = stack.operation.id
    stack.events.push(event)
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.closed) fn()
    }, ms)
    this.timers.add(timer)
  }

  sleep(ms: number): Promise<void> {
    return new Promise(resolveSleep => {
      if (this.closed) return resolveSleep()
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolveSleep()
      }, ms)
      this.timers.add(timer)
    })
  }

  private async run(work: () => Promise<void>): Promise<void> {
    try {
      await work()
    } catch (err) {
      console.error('emulator: background operation failed', err)
    }
  }
}

/**
 * After execution CloudFormation keeps a change set describable by its ARN (Status stays CREATE_COMPLETE), but
 * frees its name for the next change set and no longer lists it: tools that reuse one name for every deploy (the
 * CDK's, the official action's `<stack>-CS`) rely on that.
 */
function isExecuted(cs: ChangeSetRecord): boolean {
  // A deleted change set kept as DELETE_COMPLETE (keepDeletedChangeSets) has freed its name too.
  return (
    cs.executionStatus === 'EXECUTE_COMPLETE' ||
    cs.executionStatus === 'EXECUTE_FAILED' ||
    cs.status === 'DELETE_COMPLETE'
  )
}

function withoutValues(change: ReturnType<typeof Object>): unknown {
  const { BeforeContext, AfterContext, ...rest } = change as Record<string, unknown>
  const details = (rest.Details as { Target: Record<string, unknown> }[]).map(d => {
    const { BeforeValue, AfterValue, AttributeChangeType, ...target } = d.Target
    return { ...d, Target: target }
  })
  return { ...rest, Details: details }
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url')
}

function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString())
  if (match === null) throw validation('Invalid NextToken')
  return Number(match[1])
}

/** Two string maps with the same keys and values, in any order. */
function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length && keys.every(key => Object.hasOwn(b, key) && a[key] === b[key])
  )
}
