import { GetTemplateCommand, type Parameter, type Stack } from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import type { ResolvedParameters } from '../template/parameters.js'
import { ENVIRONMENT_TAG } from '../settings/settings.js'
import type { StackRequest } from '../template/stack-request.js'
import { templateFeatures } from './template-features.js'

/**
 * True when a change set could hold nothing: the deployed stack already has this exact template (GetTemplate's
 * Original stage, byte for byte), these parameter values, tags, notification topics and service role. Then a
 * deploy, plan or preview need not build a change set (seconds of CloudFormation's time, and a create, a poll and a
 * delete) to learn that.
 *
 * CloudFormation itself does not re-resolve dynamic references (`{{resolve:...}}`) on an unchanged template
 * (user guide, "Using dynamic references"), so skipping is no less correct than a change set. What a change set
 * WOULD see and this cannot is excluded: transforms and macros (expanded anew each time), registry modules and
 * Fn::GetStackOutput (resolved anew at every update: the module-versioning and GetStackOutput pages), SSM-typed
 * parameters (resolved anew each time), nested stacks (their templates live elsewhere), and NoEcho values (shown as
 * ****). Each is read from the parsed template (template-features.ts), not its text.
 */
export async function matchesDeployedStack(
  ctx: RunContext,
  request: StackRequest,
  resolved: ResolvedParameters,
  stack: Stack
): Promise<boolean> {
  // A stack that failed with its resources preserved (CREATE_FAILED / UPDATE_FAILED) holds the new template
  // already, half applied: only a change set (an update) finishes it.
  if (!(stack.StackStatus ?? '').endsWith('_COMPLETE')) return false
  const body = request.template.body
  const features = templateFeatures(body)
  if (features.transforms || features.nestedStacks || features.modules || features.stackOutputs) return false
  if (Object.values(request.template.parameters).some(p => p.Type.startsWith('AWS::SSM::Parameter::')))
    return false
  if (!sameParameters(resolved.parameters, stack.Parameters ?? [])) return false
  if (!sameTags(ctx, stack)) return false
  const topics = ctx.settings.notificationArns
  if (topics !== undefined && !sameSet(topics, stack.NotificationARNs ?? [])) return false
  const role = ctx.settings.roleArn
  if (role !== undefined && role !== stack.RoleARN) return false
  const deployed = await ctx.clients.cloudformation.send(
    new GetTemplateCommand({ StackName: stack.StackId, TemplateStage: 'Original' }),
    { abortSignal: ctx.signal }
  )
  return deployed.TemplateBody === body
}

function sameParameters(proposed: Parameter[], deployed: Parameter[]): boolean {
  if (proposed.length !== deployed.length) return false
  const current = new Map(deployed.map(p => [p.ParameterKey ?? '', p.ParameterValue]))
  return proposed.every(p => {
    if (!current.has(p.ParameterKey ?? '')) return false
    if (p.UsePreviousValue === true) return true
    const value = current.get(p.ParameterKey ?? '')
    // A NoEcho value is described as ****: it cannot be compared, so a change set decides.
    return value !== '****' && value === p.ParameterValue
  })
}

/** The tags the change set would give the stack, against the ones it has. */
function sameTags(ctx: RunContext, stack: Stack): boolean {
  const { tags, environment } = ctx.settings
  const current = new Map((stack.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']))
  const wanted = new Map(tags === undefined ? current : Object.entries(tags))
  if (environment !== '' && !wanted.has(ENVIRONMENT_TAG)) wanted.set(ENVIRONMENT_TAG, environment)
  return wanted.size === current.size && [...wanted].every(([key, value]) => current.get(key) === value)
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  return left.size === new Set(b).size && b.every(item => left.has(item))
}
