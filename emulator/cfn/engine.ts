import { randomUUID } from 'node:crypto'
import { evaluateConditions, IntrinsicError, type Pseudo, type ResolveContext } from '../intrinsics.js'
import { list, str, type QueryParams, type QueryValue } from '../query.js'
import { attributeOf, IAM_TYPES, isNamedIam, refOf } from '../resource-types.js'
import { computeChanges, type Display } from './diff.js'
import { applyChangeSet, deleteResources, type ExecutionHost } from './executor.js'
import { CfnError, validation } from './errors.js'
import {
  NO_CHANGES_REASON,
  UPDATABLE,
  type ChangeSetRecord,
  type ResourceRecord,
  type StackEvent,
  type StackRecord
} from './model.js'
import {
  isNoEcho,
  loadTemplate,
  resolveParameters,
  typedParameters,
  type GivenParameter,
  type Template
} from './template.js'

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
}

/** A scenario: make an operation on a named resource fail with a reason. */
export interface ResourceFailure {
  logicalId: string
  reason: string
  stackName?: string
  during?: 'create' | 'update' | 'delete' | 'any'
  /** The rollback fails too, leaving UPDATE_ROLLBACK_FAILED / ROLLBACK_FAILED. */
  rollbackFails?: boolean
}

/** Hooks the engine uses to reach the other emulated services. */
export interface Services {
  /** Registers an API key created by a stack's AWS::ApiGateway::ApiKey, so GetApiKey can return it. */
  createApiKey(id: string, name: string, value: string | undefined, stackName: string): void
  deleteApiKey(id: string): void
  /** Reads a template object uploaded to the emulated S3. */
  readObject(url: string): string | undefined
}

const ACCOUNT_ID = '123456789012'
const TEMPLATE_BODY_MAX = 51_200
const TEMPLATE_URL_MAX = 1_000_000
const IN_PROGRESS = /_IN_PROGRESS$/

export class CloudFormationEngine implements ExecutionHost {
  readonly stacks: StackRecord[] = []
  readonly changeSets = new Map<string, ChangeSetRecord>()
  readonly failures: ResourceFailure[] = []
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
      case 'ContinueUpdateRollback':
        return this.continueUpdateRollback(params)
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
    if (url !== undefined) {
      const object = this.services.readObject(url)
      if (object === undefined)
        throw validation(`S3 error: Access Denied or the object does not exist: ${url}`)
      if (Buffer.byteLength(object) > TEMPLATE_URL_MAX)
        throw validation(`Template may not exceed ${TEMPLATE_URL_MAX} bytes in size.`)
      return object
    }
    throw validation('Either Template URL or Template Body must be specified.')
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
    const resources = Object.values(template.Resources)
    if (template.Transform !== undefined && !given.includes('CAPABILITY_AUTO_EXPAND')) {
      throw new CfnError(
        'InsufficientCapabilitiesException',
        'Requires capabilities : [CAPABILITY_AUTO_EXPAND]'
      )
    }
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
    if (type === 'CREATE' && stack !== undefined && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw new CfnError(
        'AlreadyExistsException',
        `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`
      )
    }
    if (type === 'UPDATE') {
      if (stack === undefined) throw validation(`Stack [${stackName}] does not exist`)
      if (!UPDATABLE.has(stack.status)) {
        throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`)
      }
    }
    if (
      stack !== undefined &&
      [...this.changeSets.values()].some(
        cs => cs.stackId === stack?.stackId && cs.name === name && !isExecuted(cs)
      )
    ) {
      throw new CfnError('AlreadyExistsException', `ChangeSet [${name}] already exists`)
    }
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
    const template = loadTemplate(body)
    const capabilities = list(params, 'Capabilities').map(String)
    this.checkCapabilities(template, capabilities)
    const parameters = resolveParameters(
      template,
      list(params, 'Parameters') as GivenParameter[],
      stack?.deployed?.parameters
    )
    const tags = (list(params, 'Tags') as Record<string, QueryValue>[]).map(t => ({
      Key: String(t.Key),
      Value: String(t.Value ?? '')
    }))
    const notificationArns = list(params, 'NotificationARNs').map(String)
    const roleArn = str(params, 'RoleARN')

    if (stack === undefined) {
      stack = {
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
        capabilities,
        notificationArns,
        disableRollback: false,
        terminationProtection: false,
        statusHistory: []
      }
      this.stacks.push(stack)
      this.stackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated')
    }
    const id = `arn:aws:cloudformation:${stack.region}:${ACCOUNT_ID}:changeSet/${name}/${randomUUID()}`
    const changeSet: ChangeSetRecord = {
      id,
      name,
      stackId: stack.stackId,
      stackName,
      type,
      status: 'CREATE_PENDING',
      executionStatus: 'UNAVAILABLE',
      creationTime: new Date(),
      body,
      template,
      parameters,
      capabilities,
      tags,
      notificationArns,
      changes: [],
      empty: false
    }
    const description = str(params, 'Description')
    if (description !== undefined) changeSet.description = description
    if (roleArn !== undefined) changeSet.roleArn = roleArn
    try {
      const before = type === 'UPDATE' ? stack.deployed : undefined
      changeSet.changes = computeChanges(
        before,
        { template, parameters },
        stack.resources,
        this.pseudo(stack),
        this.display(stack)
      )
      changeSet.empty =
        before !== undefined &&
        changeSet.changes.length === 0 &&
        before.body === body &&
        JSON.stringify(before.parameters) === JSON.stringify(parameters) &&
        JSON.stringify(stack.tags) === JSON.stringify(tags) &&
        JSON.stringify(stack.notificationArns) === JSON.stringify(notificationArns)
    } catch (err) {
      if (!(err instanceof IntrinsicError)) throw err
      changeSet.failure = err.message
    }
    this.changeSets.set(id, changeSet)
    this.later(this.timing.changeSetMs, () => {
      changeSet.status = 'CREATE_IN_PROGRESS'
      this.later(this.timing.changeSetMs, () => {
        if (changeSet.failure !== undefined || changeSet.empty) {
          changeSet.status = 'FAILED'
          changeSet.statusReason = changeSet.failure ?? NO_CHANGES_REASON
        } else {
          changeSet.status = 'CREATE_COMPLETE'
          changeSet.executionStatus = 'AVAILABLE'
        }
      })
    })
    return { Id: id, StackId: stack.stackId }
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
      NotificationARNs: cs.notificationArns,
      Capabilities: cs.capabilities,
      Tags: cs.tags,
      Changes: page,
      NextToken: next,
      IncludeNestedStacks: false
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
        Description: cs.description
      })),
      NextToken: start + size < all.length ? encodeToken(start + size) : undefined
    }
  }

  private deleteChangeSet(params: QueryParams): unknown {
    const cs = this.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
    if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
      throw new CfnError(
        'InvalidChangeSetStatus',
        `Cannot delete ChangeSet [${cs.id}] while its execution status is EXECUTE_IN_PROGRESS`
      )
    }
    if (cs.status === 'DELETE_IN_PROGRESS') return {}
    const remove = (): void => void this.changeSets.delete(cs.id)
    if (this.timing.changeSetDeleteMs <= 0) remove()
    else {
      cs.status = 'DELETE_IN_PROGRESS'
      this.later(this.timing.changeSetDeleteMs, remove)
    }
    return {}
  }

  private executeChangeSet(params: QueryParams): unknown {
    const cs = this.findChangeSet(str(params, 'ChangeSetName'), str(params, 'StackName'))
    if (cs.status !== 'CREATE_COMPLETE' || cs.executionStatus !== 'AVAILABLE') {
      throw new CfnError(
        'InvalidChangeSetStatus',
        `ChangeSet [${cs.id}] cannot be executed in its current status of [${cs.status === 'CREATE_COMPLETE' ? cs.executionStatus : cs.status}]`
      )
    }
    const stack = this.requireStack(cs.stackId)
    if (IN_PROGRESS.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw validation(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`)
    }
    const disableRollback = str(params, 'DisableRollback') === 'true'
    cs.executionStatus = 'EXECUTE_IN_PROGRESS'
    // "When you execute a change set, CloudFormation deletes all other change sets associated with the stack
    // because they aren't valid for the updated stack." (ExecuteChangeSet API reference)
    for (const other of [...this.changeSets.values()]) {
      if (other.stackId === stack.stackId && other.id !== cs.id) this.changeSets.delete(other.id)
    }
    stack.disableRollback = disableRollback
    this.beginOperation(stack, str(params, 'ClientRequestToken'))
    stack.tags = cs.tags
    stack.capabilities = cs.capabilities
    stack.notificationArns = cs.notificationArns
    if (cs.roleArn !== undefined) stack.roleArn = cs.roleArn
    const isCreate = cs.type === 'CREATE'
    this.setStatus(stack, isCreate ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS', 'User Initiated')
    void this.run(() => applyChangeSet(this, stack, cs, disableRollback))
    return {}
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
      EnableTerminationProtection: s.terminationProtection
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
    if (stack.terminationProtection) {
      throw validation(`Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`)
    }
    if (IN_PROGRESS.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw validation(`Stack [${stack.stackName}] is in ${stack.status} state and can not be deleted.`)
    }
    for (const cs of [...this.changeSets.values()])
      if (cs.stackId === stack.stackId) this.changeSets.delete(cs.id)
    this.beginOperation(stack, str(params, 'ClientRequestToken'))
    this.setStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated')
    void this.run(async () => {
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
        return
      }
      stack.deletionTime = new Date()
      this.setStatus(stack, 'DELETE_COMPLETE')
    })
    return {}
  }

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
    this.setStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS')
    this.later(this.timing.resourceMs, () => this.setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE'))
    return {}
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
        return r === undefined ? undefined : attributeOf(r.type, r.physicalId, attribute, arnCtx)
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
        (f.during === undefined || f.during === 'any' || f.during === during)
    )
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

  private beginOperation(stack: StackRecord, token: string | undefined): void {
    if (token === undefined) delete stack.operationToken
    else stack.operationToken = token
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
  return cs.executionStatus === 'EXECUTE_COMPLETE' || cs.executionStatus === 'EXECUTE_FAILED'
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
