import {
  GetTemplateCommand,
  type DescribeChangeSetOutput,
  type Parameter,
  type Stack
} from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'
import { DeployError } from '../run/errors.js'
import { isNoEcho, type ResolvedParameters } from '../template/parameters.js'
import type { LoadedTemplate } from '../template/load.js'

/**
 * Binds execute to what was reviewed. A change set's name and description say who claims to have built it, and
 * anyone allowed to create change sets can claim anything; so execute reads the same `template` and parameter
 * inputs the plan read (the promotion checks out the same commit) and refuses, before ExecuteChangeSet, a change
 * set whose own template (GetTemplate with its name, stage Original: the template exactly as submitted) or whose
 * parameters differ from them. Only the reviewed commit's change set can run, whoever made one with a plan's name.
 *
 * A refused change set is LEFT in place, and named: the difference may be the execute job's own inputs (another
 * commit checked out, a parameters file left out), and deleting would throw away a reviewed plan. Only the deploy
 * role may build `metaflow-plan-*` change sets (docs/iam-policy-preview.json denies them), and execute refuses a
 * foreign one whoever asks, so leaving it runs nothing.
 */
export class PlanMismatch extends DeployError {
  constructor(message: string) {
    super(message)
    this.name = 'PlanMismatch'
  }
}

/** What execute compares: the change set as described, and the template and parameters of its own inputs. */
export interface Binding {
  description: DescribeChangeSetOutput
  template: LoadedTemplate
  resolved: ResolvedParameters
  /** The stack as it stands (undefined when the plan creates it), for the values a plan kept from it. */
  deployed: Stack | undefined
}

export async function checkPlanBinding(ctx: RunContext, binding: Binding): Promise<void> {
  const { description, template } = binding
  const name = description.ChangeSetName ?? ctx.settings.changeSetId
  const fix = `Execute only on the plan's commit, with the same template, parameters and parameters-file as the plan (the promotion example checks out the plan's commit); otherwise plan again. Change set ${name} was left in place.`
  const planned = await ctx.clients.cloudformation.send(
    new GetTemplateCommand({
      StackName: description.StackId,
      ChangeSetName: description.ChangeSetId ?? ctx.settings.changeSetId,
      TemplateStage: 'Original'
    }),
    { abortSignal: ctx.signal }
  )
  if (planned.TemplateBody !== template.body) {
    throw new PlanMismatch(
      `Refused to execute change set ${name}: its template is not the template this job was given (${template.origin}), so it is not the plan that was reviewed for this commit. ${fix}`
    )
  }
  const differing = differingParameters(binding)
  if (differing.length > 0) {
    throw new PlanMismatch(
      `Refused to execute change set ${name}: its parameters ${differing.join(', ')} differ from this job's parameters and parameters-file, so it is not the plan that was reviewed. ${fix}`
    )
  }
}

/**
 * Keys whose value in the change set is not the one these inputs give: a given value, the stack's value for a
 * kept one, or the template's default. NoEcho parameters are left out: CloudFormation describes them as ****.
 */
function differingParameters({ description, template, resolved, deployed }: Binding): string[] {
  const inChangeSet = new Map((description.Parameters ?? []).map(p => [p.ParameterKey ?? '', p]))
  const previous = new Map((deployed?.Parameters ?? []).map(p => [p.ParameterKey ?? '', p.ParameterValue]))
  const given = new Map(resolved.parameters.map(p => [p.ParameterKey ?? '', p]))
  const differing: string[] = []
  for (const [key, declared] of Object.entries(template.parameters)) {
    if (isNoEcho(declared)) continue
    const expected = expectedValue(given.get(key), previous.get(key), declared.Default)
    if (expected === undefined) continue
    if (inChangeSet.get(key)?.ParameterValue !== expected) differing.push(key)
  }
  for (const key of inChangeSet.keys()) {
    if (!Object.hasOwn(template.parameters, key)) differing.push(key)
  }
  return differing
}

function expectedValue(
  given: Parameter | undefined,
  previous: string | undefined,
  fallback: unknown
): string | undefined {
  if (given?.UsePreviousValue === true) return previous
  if (given !== undefined) return given.ParameterValue
  if (Array.isArray(fallback)) return fallback.map(String).join(',')
  if (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean')
    return String(fallback)
  return undefined
}
