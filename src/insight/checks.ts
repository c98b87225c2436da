import {
  DescribeEventsCommand,
  GetHookResultCommand,
  ListHookResultsCommand,
  type HookResultSummary,
  type OperationEvent
} from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import { awsErrorName, messageOf } from '../run/errors.js'

/**
 * AWS's own checks of a change set: CloudFormation's pre-deployment validations (DescribeEvents by change set:
 * ValidationName, ValidationFailureMode FAIL or WARN, ValidationStatusReason, ValidationPath) and the results of
 * Hooks invoked on it (ListHookResults with TargetType CHANGE_SET, then GetHookResult for the annotations). A FAIL
 * fails preview and plan; a WARN is shown. Reading them never fails a run: what cannot be read is a note.
 */

export interface CheckFinding {
  source: 'validation' | 'hook'
  /** FAIL blocks the change; WARN is shown. */
  level: 'FAIL' | 'WARN'
  /** The validation's or Hook's name, and the annotation's for a Hook. */
  name: string
  reason: string
  logicalId?: string
  /** Where in the template or resource (ValidationPath). */
  path?: string
  severity?: string
  remediation?: string
  link?: string
}

export interface ChecksResult {
  findings: CheckFinding[]
  /** What could not be read: a sentence each, with AWS's own words apart (rendered as code). */
  notes: { note: string; detail?: string }[]
}

const MAX_HOOK_RESULTS = 20

function notRead(what: string, err: unknown, permission: string): { note: string; detail?: string } {
  return /AccessDenied|UnauthorizedOperation/.test(awsErrorName(err))
    ? { note: `${what} were not read: the role lacks ${permission}.` }
    : { note: `${what} were not read.`, detail: messageOf(err).slice(0, 300) }
}

function validationFinding(event: OperationEvent): CheckFinding | undefined {
  if (event.ValidationName === undefined || event.ValidationStatus === 'SKIPPED') return undefined
  return {
    source: 'validation',
    level: event.ValidationFailureMode === 'WARN' ? 'WARN' : 'FAIL',
    name: event.ValidationName,
    reason: event.ValidationStatusReason ?? event.ResourceStatusReason ?? '',
    ...(event.LogicalResourceId === undefined ? {} : { logicalId: event.LogicalResourceId }),
    ...(event.ValidationPath === undefined ? {} : { path: event.ValidationPath })
  }
}

async function validations(ctx: RunContext, changeSetId: string): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = []
  let NextToken: string | undefined
  do {
    const page = await ctx.clients.cloudformation.send(
      new DescribeEventsCommand({
        ChangeSetName: changeSetId,
        ...(NextToken === undefined ? {} : { NextToken })
      }),
      { abortSignal: ctx.signal }
    )
    for (const event of page.OperationEvents ?? []) {
      const finding = validationFinding(event)
      if (finding !== undefined) findings.push(finding)
    }
    NextToken = page.NextToken
  } while (NextToken !== undefined && NextToken !== '')
  return findings
}

async function hookFindings(ctx: RunContext, summary: HookResultSummary): Promise<CheckFinding[]> {
  const level: CheckFinding['level'] = summary.FailureMode === 'WARN' ? 'WARN' : 'FAIL'
  const name = summary.TypeName ?? 'Hook'
  const result = await ctx.clients.cloudformation.send(
    new GetHookResultCommand({ HookResultId: summary.HookResultId }),
    { abortSignal: ctx.signal }
  )
  const failed = (result.Annotations ?? []).filter(a => a.Status === 'FAILED')
  if (failed.length === 0) {
    return summary.Status === 'HOOK_COMPLETE_FAILED' || summary.Status === 'HOOK_FAILED'
      ? [{ source: 'hook', level, name, reason: result.HookStatusReason ?? summary.HookStatusReason ?? '' }]
      : []
  }
  // A RESOURCE target names the resource; a CHANGE_SET target is the change set itself.
  const target = result.Target?.TargetType === 'RESOURCE' ? result.Target.TargetId : undefined
  return failed.map(a => ({
    source: 'hook' as const,
    level,
    name: `${name}: ${a.AnnotationName ?? ''}`,
    reason: a.StatusMessage ?? '',
    ...(target === undefined ? {} : { logicalId: target }),
    ...(a.SeverityLevel === undefined ? {} : { severity: a.SeverityLevel }),
    ...(a.RemediationMessage === undefined ? {} : { remediation: a.RemediationMessage }),
    ...(a.RemediationLink === undefined ? {} : { link: a.RemediationLink })
  }))
}

async function hooks(ctx: RunContext, changeSetId: string): Promise<CheckFinding[]> {
  const summaries: HookResultSummary[] = []
  let NextToken: string | undefined
  do {
    const page = await ctx.clients.cloudformation.send(
      new ListHookResultsCommand({
        TargetType: 'CHANGE_SET',
        TargetId: changeSetId,
        ...(NextToken === undefined ? {} : { NextToken })
      }),
      { abortSignal: ctx.signal }
    )
    summaries.push(...(page.HookResults ?? []))
    NextToken = page.NextToken
  } while (NextToken !== undefined && NextToken !== '' && summaries.length < MAX_HOOK_RESULTS)
  // Only results that did not pass carry findings worth a GetHookResult call.
  const worth = summaries
    .filter(s => s.Status !== 'HOOK_COMPLETE_SUCCEEDED' || s.FailureMode === 'WARN')
    .slice(0, MAX_HOOK_RESULTS)
  return (await Promise.all(worth.map(s => hookFindings(ctx, s)))).flat()
}

/** Reads both kinds of checks of a change set; what cannot be read is a note. */
export async function readChecks(ctx: RunContext, changeSetId: string): Promise<ChecksResult> {
  const notes: ChecksResult['notes'] = []
  const [fromValidations, fromHooks] = await Promise.all([
    validations(ctx, changeSetId).catch((err: unknown) => {
      notes.push(notRead('Validation results', err, 'cloudformation:DescribeEvents'))
      return []
    }),
    hooks(ctx, changeSetId).catch((err: unknown) => {
      notes.push(notRead('Hook results', err, 'cloudformation:ListHookResults and GetHookResult'))
      return []
    })
  ])
  return { findings: [...fromValidations, ...fromHooks], notes }
}
