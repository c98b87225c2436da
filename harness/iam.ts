import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './runner.js'

/** The IAM action each emulator operation needs (API Gateway authorizes by HTTP verb, S3 reads by GetObject). */
export function iamActionFor(service: string, operation: string): string {
  if (service === 'apigateway')
    return operation.startsWith('Get') ? 'apigateway:GET' : `apigateway:${operation}`
  if (service === 's3') return operation === 'HeadObject' ? 's3:GetObject' : `s3:${operation}`
  return `${service}:${operation}`
}

interface Statement {
  Effect: string
  Action: string | string[]
}

/** Every action docs/iam-policy.json allows. */
export function allowedActions(): Set<string> {
  const policy = JSON.parse(readFileSync(join(ROOT, 'docs', 'iam-policy.json'), 'utf8')) as {
    Statement: Statement[]
  }
  return new Set(
    policy.Statement.filter(s => s.Effect === 'Allow').flatMap(s =>
      Array.isArray(s.Action) ? s.Action : [s.Action]
    )
  )
}
