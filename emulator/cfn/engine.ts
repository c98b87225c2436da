/**
 * The emulated CloudFormation service: one object holding every stack and change set of the emulator, which
 * dispatches each Query API request to the module for its operation family and serves the executor as its host
 * (clock, events, failure scenarios, nested stacks).
 */
import type { ResolveContext } from '../intrinsics.js'
import { str, type QueryParams } from '../query.js'
import {
  deleteChangeSet,
  describeChangeSet,
  executeChangeSet,
  listChangeSets
} from './change-set-handlers.js'
import { createChangeSet } from './create-change-set.js'
import { listStackResources } from './list-resources.js'
import { getHookResult, listHookResults } from './change-set-checks.js'
import { describeStackDriftDetectionStatus, describeStackResourceDrifts, detectStackDrift } from './drift.js'
import { CfnError } from './errors.js'
import { describeEvents, describeStackEvents } from './event-handlers.js'
import type { ExecutionHost, ExecutionOptions, NestedOutcome } from './executor.js'
import type { ChangeSetRecord, LeftResource, OperationType, ResourceRecord, StackRecord } from './model.js'
import { deleteNestedStack, runNestedStack } from './nested-stacks.js'
import { resolveContext } from './resolve-context.js'
import { beginOperation, resourceEvent, setStatus } from './stack-events.js'
import {
  continueUpdateRollback,
  deleteStack,
  describeStackResources,
  describeStacks,
  updateTerminationProtection
} from './stack-handlers.js'
import { setStackStatus } from './stack-lifecycle.js'
import { EngineState } from './state.js'
import type { Template } from './template.js'
import { getTemplate, getTemplateSummary, validateTemplate } from './template-handlers.js'
import { templateAt } from './template-source.js'
import type { ResourceFailure } from './types.js'

export class CloudFormationEngine extends EngineState implements ExecutionHost {
  handle(action: string, params: QueryParams, region: string): unknown {
    switch (action) {
      case 'CreateChangeSet':
        return createChangeSet(this, params, region)
      case 'DescribeChangeSet':
        return describeChangeSet(this, params)
      case 'ExecuteChangeSet':
        return executeChangeSet(this, params)
      case 'DeleteChangeSet':
        return deleteChangeSet(this, params)
      case 'ListChangeSets':
        return listChangeSets(this, params)
      case 'DescribeStacks':
        return describeStacks(this, params)
      case 'DescribeStackEvents':
        return describeStackEvents(this, params)
      case 'DeleteStack':
        return deleteStack(this, params)
      case 'UpdateTerminationProtection':
        return updateTerminationProtection(this, params)
      case 'GetTemplate':
        return getTemplate(this, params)
      case 'GetTemplateSummary':
        return getTemplateSummary(this, params)
      case 'ValidateTemplate':
        return validateTemplate(this, params)
      case 'DescribeStackResources':
        return describeStackResources(this, params)
      case 'ListStackResources':
        return listStackResources(this.requireStack(str(params, 'StackName')), params)
      case 'ContinueUpdateRollback':
        return continueUpdateRollback(this, params)
      case 'DescribeEvents':
        return describeEvents(this, params)
      case 'DetectStackDrift':
        return detectStackDrift(this, params)
      case 'DescribeStackDriftDetectionStatus':
        return describeStackDriftDetectionStatus(this, params)
      case 'DescribeStackResourceDrifts':
        return describeStackResourceDrifts(this, params)
      case 'ListHookResults':
        return listHookResults(this, params)
      case 'GetHookResult':
        return getHookResult(this, params)
      default:
        throw new CfnError('InvalidAction', `Could not find operation ${action} for version 2010-05-15`)
    }
  }

  /** Reads a template from the emulator's S3, whatever S3 host name the URL uses (see template-url.ts). */
  templateAt(url: string): string {
    return templateAt(this.services, url)
  }

  /** Puts a stack in any status (creating an empty record if needed); optionally moves on to another later. */
  setStackStatus(name: string, status: string, then?: { afterMs: number; status: string }): StackRecord {
    return setStackStatus(this, name, status, then)
  }

  // ---- the executor's host ------------------------------------------------------------------------------

  context(stack: StackRecord, template: Template, parameters: Record<string, string>): ResolveContext {
    return resolveContext(this, stack, template, parameters)
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

  runNestedStack(
    parent: StackRecord,
    logicalId: string,
    properties: Record<string, unknown>,
    parentChangeSet: ChangeSetRecord,
    options: ExecutionOptions,
    onStarted: (stackId: string) => void
  ): Promise<NestedOutcome> {
    return runNestedStack(this, parent, logicalId, properties, parentChangeSet, options, onStarted)
  }

  deleteNestedStack(stackId: string): Promise<boolean> {
    return deleteNestedStack(this, stackId)
  }

  beginOperation(stack: StackRecord, token: string | undefined, type: OperationType = 'UPDATE_STACK'): void {
    beginOperation(this, stack, token, type)
  }

  setStatus(stack: StackRecord, status: string, reason?: string): void {
    setStatus(stack, status, reason)
  }

  resourceEvent(stack: StackRecord, record: ResourceRecord, status: string, reason?: string): void {
    resourceEvent(stack, record, status, reason)
  }
}
