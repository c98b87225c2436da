import { UpdateTerminationProtectionCommand, type Stack } from '@aws-sdk/client-cloudformation'
import type { RunContext } from '../run/context.js'

/**
 * Applies `termination-protection` after a successful deploy or execute, with or without changes. Unset leaves
 * the stack's own setting alone: protection someone turned on in the console stays on.
 */
export async function applyTerminationProtection(ctx: RunContext, stack: Stack): Promise<void> {
  const wanted = ctx.settings.terminationProtection
  if (wanted === undefined || wanted === (stack.EnableTerminationProtection ?? false)) return
  await ctx.clients.cloudformation.send(
    new UpdateTerminationProtectionCommand({
      StackName: stack.StackId ?? ctx.settings.stackName,
      EnableTerminationProtection: wanted
    }),
    { abortSignal: ctx.signal }
  )
  stack.EnableTerminationProtection = wanted
  ctx.log.info(`Termination protection of stack ${ctx.settings.stackName} is now ${wanted ? 'on' : 'off'}.`)
}
