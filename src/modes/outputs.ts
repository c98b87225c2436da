import type { Stack } from '@aws-sdk/client-cloudformation'
import { DeployError } from '../run/errors.js'
import type { RunContext } from '../run/context.js'
import { settledState } from '../stack/lifecycle.js'

/** mode outputs: the deployed stack, read-only (waiting, if another run is changing it, until it settles). */
export async function readDeployedStack(ctx: RunContext): Promise<Stack> {
  const state = await settledState(ctx)
  const name = ctx.settings.stackName
  switch (state.kind) {
    case 'absent':
      throw new DeployError(
        `Stack ${name} does not exist. mode: outputs reads a deployed stack; deploy it first (mode: deploy), and check stack-name and the region.`
      )
    case 'stable':
      return state.stack
    default:
      throw new DeployError(
        `Stack ${name} is ${state.stack.StackStatus ?? ''}, so it has no usable outputs. Deploy it successfully first.`
      )
  }
}
