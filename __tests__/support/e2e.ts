import type { Emulator } from '../../emulator/server.js'
import { runAction, type RunOptions, type RunResult } from '../../harness/runner.js'

/** Runs dist/index.js against the emulator, with waits scaled down 100x so a deploy takes milliseconds. */
export function runAgainst(emulator: Emulator, options: RunOptions): Promise<RunResult> {
  return runAction({
    ...options,
    env: { ...emulator.env(), METAFLOW_DEPLOY_TIME_SCALE: '0.01', ...options.env }
  })
}

/** Every line a person would see, without the runner's commands. */
export function logText(result: RunResult): string {
  return result.lines.filter(line => !line.startsWith('::')).join('\n')
}

/** Change sets on the stack that were never executed (leftovers); one CloudFormation is executing is not. */
export function leftoverChangeSets(emulator: Emulator, stackName: string): string[] {
  const stack = emulator.cloudformation.findStack(stackName)
  return [...emulator.cloudformation.changeSets.values()]
    .filter(cs => cs.stackName === stackName && (stack === undefined || cs.stackId === stack.stackId))
    .filter(cs => !cs.executionStatus.startsWith('EXECUTE_'))
    .map(cs => `${cs.name}:${cs.status}/${cs.executionStatus}`)
}
