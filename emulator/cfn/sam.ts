/**
 * The AWS SAM transform, AWS::Serverless-2016-10-31 (SAM specification; SAM developer guide, "CloudFormation
 * resources generated when AWS::Serverless::Function is specified"), as far as a change set preview needs it:
 * each AWS::Serverless resource becomes the CloudFormation resources the SAM translator generates, under the
 * logical ids it gives them, so a preview lists what CloudFormation would change.
 * - Function: AWS::Lambda::Function `<Name>`; without a Role, AWS::IAM::Role `<Name>Role` (trusting
 *   lambda.amazonaws.com, with AWSLambdaBasicExecutionRole and the Policies given as managed policy names or ARNs;
 *   a policy template or inline document becomes an inline policy `<Name>RolePolicy<N>` whose statements are not
 *   expanded); Globals.Function applies first. Events: SQS, Kinesis, DynamoDB, MQ and MSK become
 *   AWS::Lambda::EventSourceMapping `<Name><Event>`; SNS an AWS::SNS::Subscription `<Name><Event>` and an
 *   AWS::Lambda::Permission `<Name><Event>Permission`; Schedule, EventBridgeRule and CloudWatchEvent an
 *   AWS::Events::Rule `<Name><Event>` and its Permission; S3 a Permission (the bucket's notification, which SAM
 *   adds to the bucket, is not); Api a route on its API (the implicit `ServerlessRestApi`, stage Prod, when it
 *   names none) and a Permission `<Name><Event>Permission<Stage>`; HttpApi a route (implicit `ServerlessHttpApi`)
 *   and a Permission `<Name><Event>Permission`.
 * - Api, HttpApi, SimpleTable: see sam-apis.ts.
 * Anything else of SAM's (other AWS::Serverless types, other event types) fails the change set with a message
 * naming it, rather than previewing a template CloudFormation would expand differently.
 */
import { TransformError } from './errors.js'
import {
  httpApi,
  inherited,
  restApi,
  s3Location,
  simpleTable,
  tagList,
  type Resources,
  type Route
} from './sam-apis.js'
import type { TransformContext } from './transform-values.js'

type Props = Record<string, unknown>

const SAM_TAG = { Key: 'lambda:createdBy', Value: 'SAM' }
const IMPLICIT_REST_API = 'ServerlessRestApi'
const IMPLICIT_HTTP_API = 'ServerlessHttpApi'

export function serverless(
  raw: Record<string, unknown>,
  _context: TransformContext
): Record<string, unknown> {
  const { Globals: globals, ...template } = raw
  const resources = (raw.Resources ?? {}) as Record<string, Props>
  const functionGlobals = ((globals as Props | undefined)?.Function ?? {}) as Props
  const routes = new Map<string, Route[]>()
  const output: Resources = {}
  for (const [id, def] of Object.entries(resources)) {
    switch (def.Type) {
      case 'AWS::Serverless::Function':
        Object.assign(output, lambdaFunction(id, def, functionGlobals, resources, routes))
        break
      case 'AWS::Serverless::Api':
      case 'AWS::Serverless::HttpApi':
        break
      case 'AWS::Serverless::SimpleTable':
        Object.assign(output, simpleTable(id, def))
        break
      default:
        if (typeof def.Type === 'string' && def.Type.startsWith('AWS::Serverless::'))
          throw new TransformError(`the emulator does not translate ${def.Type} (resource ${id})`)
        output[id] = def
    }
  }
  for (const [id, def] of Object.entries(resources)) {
    if (def.Type === 'AWS::Serverless::Api') Object.assign(output, restApi(id, def, routes.get(id) ?? []))
    if (def.Type === 'AWS::Serverless::HttpApi') Object.assign(output, httpApi(id, def, routes.get(id) ?? []))
  }
  const implicitRest = routes.get(IMPLICIT_REST_API)
  if (implicitRest !== undefined)
    Object.assign(output, restApi(IMPLICIT_REST_API, { Properties: { StageName: 'Prod' } }, implicitRest))
  const implicitHttp = routes.get(IMPLICIT_HTTP_API)
  if (implicitHttp !== undefined) Object.assign(output, httpApi(IMPLICIT_HTTP_API, {}, implicitHttp))
  return { ...template, Resources: output }
}

/** Globals first, the function's own properties over them (maps such as Environment.Variables merged). */
function withGlobals(props: Props, globals: Props): Props {
  const merged: Props = { ...globals }
  for (const [key, value] of Object.entries(props)) {
    const global = globals[key]
    merged[key] = isMap(value) && isMap(global) ? withGlobals(value, global) : value
  }
  return merged
}

const isMap = (value: unknown): value is Props =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const PASSED_THROUGH = [
  'Handler',
  'Runtime',
  'MemorySize',
  'Timeout',
  'Description',
  'FunctionName',
  'Environment',
  'Layers',
  'Architectures',
  'VpcConfig',
  'KmsKeyArn',
  'ReservedConcurrentExecutions',
  'PackageType',
  'EphemeralStorage',
  'ImageConfig',
  'FileSystemConfigs',
  'LoggingConfig'
]

function lambdaFunction(
  id: string,
  def: Props,
  globals: Props,
  resources: Record<string, Props>,
  routes: Map<string, Route[]>
): Resources {
  const props = withGlobals((def.Properties ?? {}) as Props, globals)
  const fn: Props = { Code: codeOf(props) }
  for (const key of PASSED_THROUGH) if (props[key] !== undefined) fn[key] = props[key]
  if (props.Tracing !== undefined) fn.TracingConfig = { Mode: props.Tracing }
  fn.Role = props.Role ?? { 'Fn::GetAtt': [`${id}Role`, 'Arn'] }
  fn.Tags = [SAM_TAG, ...((tagList(props.Tags) as unknown[] | undefined) ?? [])]
  const main: Props = { ...inherited(def), Type: 'AWS::Lambda::Function', Properties: fn }
  for (const attribute of ['DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'])
    if (def[attribute] !== undefined) main[attribute] = def[attribute]
  const result: Resources = { [id]: main }
  if (props.Role === undefined) result[`${id}Role`] = { ...inherited(def), ...role(id, props) }
  for (const [eventId, event] of Object.entries((props.Events ?? {}) as Record<string, Props>))
    Object.assign(result, eventResources(id, def, eventId, event, resources, routes))
  return result
}

function codeOf(props: Props): Props {
  if (props.InlineCode !== undefined) return { ZipFile: props.InlineCode }
  if (props.ImageUri !== undefined) return { ImageUri: props.ImageUri }
  const location = s3Location(props.CodeUri)
  const code: Props = { S3Bucket: location.Bucket, S3Key: location.Key }
  if (location.Version !== undefined) code.S3ObjectVersion = location.Version
  return code
}

function role(id: string, props: Props): Props {
  const managed: unknown[] = [
    { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }
  ]
  if (props.Tracing === 'Active')
    managed.push({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess' })
  const inline: Props[] = []
  const policies =
    props.Policies === undefined ? [] : Array.isArray(props.Policies) ? props.Policies : [props.Policies]
  for (const policy of policies) {
    if (typeof policy === 'string')
      managed.push(
        policy.startsWith('arn:') ? policy : { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${policy}` }
      )
    else inline.push({ PolicyName: `${id}RolePolicy${inline.length}`, PolicyDocument: policy })
  }
  const properties: Props = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }
      ]
    },
    ManagedPolicyArns: managed,
    Tags: [SAM_TAG]
  }
  if (inline.length > 0) properties.Policies = inline
  return { Type: 'AWS::IAM::Role', Properties: properties }
}

function permission(functionId: string, principal: string, sourceArn?: unknown): Props {
  const properties: Props = {
    Action: 'lambda:InvokeFunction',
    FunctionName: { Ref: functionId },
    Principal: principal
  }
  if (sourceArn !== undefined) properties.SourceArn = sourceArn
  return { Type: 'AWS::Lambda::Permission', Properties: properties }
}

const MAPPED_EVENTS: Record<string, string> = {
  SQS: 'Queue',
  Kinesis: 'Stream',
  DynamoDB: 'Stream',
  MQ: 'Broker',
  MSK: 'Stream'
}

function eventResources(
  id: string,
  def: Props,
  eventId: string,
  event: Props,
  resources: Record<string, Props>,
  routes: Map<string, Route[]>
): Resources {
  const props = (event.Properties ?? {}) as Props
  const name = `${id}${eventId}`
  const base = inherited(def)
  const type = String(event.Type)
  const source = MAPPED_EVENTS[type]
  if (source !== undefined) {
    const { [source]: arn, ...rest } = props
    return {
      [name]: {
        ...base,
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { ...rest, EventSourceArn: arn, FunctionName: { Ref: id } }
      }
    }
  }
  switch (type) {
    case 'SNS':
      return {
        [name]: {
          ...base,
          Type: 'AWS::SNS::Subscription',
          Properties: { Endpoint: { 'Fn::GetAtt': [id, 'Arn'] }, Protocol: 'lambda', TopicArn: props.Topic }
        },
        [`${name}Permission`]: { ...base, ...permission(id, 'sns.amazonaws.com', props.Topic) }
      }
    case 'Schedule':
    case 'EventBridgeRule':
    case 'CloudWatchEvent': {
      const rule: Props = { Targets: [{ Arn: { 'Fn::GetAtt': [id, 'Arn'] }, Id: `${name}LambdaTarget` }] }
      if (props.Schedule !== undefined) rule.ScheduleExpression = props.Schedule
      if (props.Pattern !== undefined) rule.EventPattern = props.Pattern
      if (props.EventBusName !== undefined) rule.EventBusName = props.EventBusName
      return {
        [name]: { ...base, Type: 'AWS::Events::Rule', Properties: rule },
        [`${name}Permission`]: {
          ...base,
          ...permission(id, 'events.amazonaws.com', { 'Fn::GetAtt': [name, 'Arn'] })
        }
      }
    }
    case 'S3':
      return { [`${name}Permission`]: { ...base, ...permission(id, 's3.amazonaws.com') } }
    case 'Api': {
      const api = refName(props.RestApiId) ?? IMPLICIT_REST_API
      addRoute(routes, api, { path: String(props.Path), method: String(props.Method), functionId: id })
      const stage =
        api === IMPLICIT_REST_API ? 'Prod' : (resources[api]?.Properties as Props | undefined)?.StageName
      return {
        [`${name}Permission${typeof stage === 'string' ? stage : 'Prod'}`]: {
          ...base,
          ...permission(
            id,
            'apigateway.amazonaws.com',
            executeApiArn(api, typeof stage === 'string' ? stage : '*', props)
          )
        }
      }
    }
    case 'HttpApi': {
      const api = refName(props.ApiId) ?? IMPLICIT_HTTP_API
      const path = props.Path === undefined ? '$default' : String(props.Path)
      addRoute(routes, api, { path, method: String(props.Method ?? 'ANY'), functionId: id })
      return {
        [`${name}Permission`]: {
          ...base,
          ...permission(id, 'apigateway.amazonaws.com', executeApiArn(api, '*', props))
        }
      }
    }
    default:
      throw new TransformError(`the emulator does not translate ${type} events (${id}.Events.${eventId})`)
  }
}

function refName(value: unknown): string | undefined {
  return isMap(value) && typeof value.Ref === 'string' ? value.Ref : undefined
}

function addRoute(routes: Map<string, Route[]>, api: string, route: Route): void {
  routes.set(api, [...(routes.get(api) ?? []), route])
}

function executeApiArn(api: string, stage: string, props: Props): unknown {
  const method =
    props.Method === undefined || String(props.Method).toLowerCase() === 'any'
      ? '*'
      : String(props.Method).toUpperCase()
  const path = props.Path === undefined ? '' : String(props.Path)
  return {
    'Fn::Sub': [
      `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${method}${path}`,
      { __ApiId__: { Ref: api }, __Stage__: stage }
    ]
  }
}
