import type { CloudFormationEngine } from './cfn/engine.js'
import { resolve } from './intrinsics.js'

/**
 * A read-only look at what the emulated stacks hold, for the services that act on stack resources (Lambda, ECS,
 * RDS): each deployed resource with its physical id and its properties resolved as deployed. Nothing here changes
 * a stack; CloudFormation's own state stays the engine's.
 */
export interface StackResource {
  stackName: string
  logicalId: string
  type: string
  physicalId: string
  properties: Record<string, unknown>
}

export interface StackView {
  /** Deployed resources of a type across every live stack. */
  ofType(type: string): StackResource[]
}

export function stackView(engine: CloudFormationEngine): StackView {
  return {
    ofType: type => {
      const found: StackResource[] = []
      for (const stack of engine.stacks) {
        if (stack.deployed === undefined || stack.status.startsWith('DELETE_COMPLETE')) continue
        const { template, parameters } = stack.deployed
        const context = engine.context(stack, template, parameters)
        for (const record of stack.resources.values()) {
          if (record.type !== type || record.status.startsWith('DELETE')) continue
          const definition = template.Resources[record.logicalId]
          const properties = resolve(definition?.Properties ?? {}, context)
          found.push({
            stackName: stack.stackName,
            logicalId: record.logicalId,
            type: record.type,
            physicalId: record.physicalId,
            properties: (properties ?? {}) as Record<string, unknown>
          })
        }
      }
      return found
    }
  }
}
