/**
 * What the AWS SAM transform makes of AWS::Serverless::Api, AWS::Serverless::HttpApi and
 * AWS::Serverless::SimpleTable (SAM developer guide, "CloudFormation resources generated when … is specified"):
 * - Api: AWS::ApiGateway::RestApi `<Name>`, AWS::ApiGateway::Deployment `<Name>Deployment<sha>` ("a unique hash
 *   value", e.g. MyRestApiDeployment926eeb5ff1: ten hex digits, here of the API definition, so a changed
 *   definition is a new Deployment as in SAM) and AWS::ApiGateway::Stage `<Name><StageName>Stage`;
 * - HttpApi: AWS::ApiGatewayV2::Api `<Name>` and AWS::ApiGatewayV2::Stage `<Name><StageName>Stage`, or
 *   `<Name>ApiGatewayDefaultStage` (stage `$default`) without a StageName;
 * - SimpleTable: AWS::DynamoDB::Table `<Name>` (PrimaryKey defaults to `id` of type String; on-demand billing
 *   unless ProvisionedThroughput is given; SAM specification, AWS::Serverless::SimpleTable).
 * API routes come from the functions' Api and HttpApi events (see sam.ts), as the SAM translator builds them when
 * the API has no DefinitionBody of its own.
 */
import { createHash } from 'node:crypto'
import { TransformError } from './errors.js'

type Props = Record<string, unknown>
export type Resources = Record<string, Props>

/** A route a function's Api or HttpApi event adds to an API. */
export interface Route {
  path: string
  method: string
  functionId: string
}

/** Attributes every generated resource inherits from the SAM resource. */
export function inherited(def: Props): Props {
  const result: Props = {}
  if (def.Condition !== undefined) result.Condition = def.Condition
  return result
}

function sha10(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 10)
}

function lambdaUri(functionId: string): unknown {
  return {
    'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${functionId}.Arn}/invocations`
  }
}

/** The paths of an API definition: a Lambda proxy integration per route (the SAM translator's implicit one). */
function proxyPaths(routes: Route[], integration: (functionId: string) => Props): Record<string, Props> {
  const paths: Record<string, Props> = {}
  for (const route of routes) {
    const method =
      route.method.toLowerCase() === 'any' ? 'x-amazon-apigateway-any-method' : route.method.toLowerCase()
    paths[route.path] = {
      ...paths[route.path],
      [method]: {
        'x-amazon-apigateway-integration': {
          httpMethod: 'POST',
          type: 'aws_proxy',
          ...integration(route.functionId)
        },
        responses: {}
      }
    }
  }
  return paths
}

/** A Swagger 2.0 body for an AWS::Serverless::Api. */
function restBody(routes: Route[]): Props {
  const paths = proxyPaths(routes, id => ({ uri: lambdaUri(id) }))
  return { swagger: '2.0', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths }
}

/** An OpenAPI 3 body for an AWS::Serverless::HttpApi (payload format 2.0). */
function httpBody(routes: Route[]): Props {
  const paths = proxyPaths(routes, id => ({
    uri: { 'Fn::GetAtt': [id, 'Arn'] },
    payloadFormatVersion: '2.0'
  }))
  return { openapi: '3.0.1', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths }
}

export function restApi(id: string, def: Props, routes: Route[]): Resources {
  const props = (def.Properties ?? {}) as Props
  const api: Props = {}
  if (props.Name !== undefined) api.Name = props.Name
  if (props.Description !== undefined) api.Description = props.Description
  if (props.DefinitionBody !== undefined) api.Body = props.DefinitionBody
  else if (props.DefinitionUri !== undefined) api.BodyS3Location = s3Location(props.DefinitionUri)
  else api.Body = restBody(routes)
  if (props.EndpointConfiguration !== undefined) api.EndpointConfiguration = props.EndpointConfiguration
  const stageName = props.StageName ?? 'Prod'
  const sha = sha10(api)
  const deploymentId = `${id}Deployment${sha}`
  const stage: Props = { DeploymentId: { Ref: deploymentId }, RestApiId: { Ref: id }, StageName: stageName }
  for (const key of [
    'Variables',
    'MethodSettings',
    'TracingEnabled',
    'CacheClusterEnabled',
    'CacheClusterSize'
  ])
    if (props[key] !== undefined) stage[key] = props[key]
  return {
    [id]: { ...inherited(def), Type: 'AWS::ApiGateway::RestApi', Properties: api },
    [deploymentId]: {
      ...inherited(def),
      Type: 'AWS::ApiGateway::Deployment',
      Properties: { RestApiId: { Ref: id }, Description: `RestApi deployment id: ${sha}`, StageName: 'Stage' }
    },
    [`${id}${stageNameText(stageName)}Stage`]: {
      ...inherited(def),
      Type: 'AWS::ApiGateway::Stage',
      Properties: stage
    }
  }
}

export function httpApi(id: string, def: Props, routes: Route[]): Resources {
  const props = (def.Properties ?? {}) as Props
  const api: Props = {}
  if (props.DefinitionBody !== undefined) api.Body = props.DefinitionBody
  else if (props.DefinitionUri !== undefined) api.BodyS3Location = s3Location(props.DefinitionUri)
  else api.Body = httpBody(routes)
  if (props.Description !== undefined) api.Description = props.Description
  const stage: Props = { ApiId: { Ref: id }, StageName: props.StageName ?? '$default', AutoDeploy: true }
  if (props.StageVariables !== undefined) stage.StageVariables = props.StageVariables
  const stageId =
    props.StageName === undefined
      ? `${id}ApiGatewayDefaultStage`
      : `${id}${stageNameText(props.StageName)}Stage`
  return {
    [id]: { ...inherited(def), Type: 'AWS::ApiGatewayV2::Api', Properties: api },
    [stageId]: { ...inherited(def), Type: 'AWS::ApiGatewayV2::Stage', Properties: stage }
  }
}

const KEY_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' }

export function simpleTable(id: string, def: Props): Resources {
  const props = (def.Properties ?? {}) as Props
  const key = (props.PrimaryKey ?? { Name: 'id', Type: 'String' }) as { Name?: unknown; Type?: unknown }
  const table: Props = {
    AttributeDefinitions: [
      { AttributeName: key.Name, AttributeType: KEY_TYPES[String(key.Type)] ?? key.Type }
    ],
    KeySchema: [{ AttributeName: key.Name, KeyType: 'HASH' }]
  }
  if (props.ProvisionedThroughput !== undefined) table.ProvisionedThroughput = props.ProvisionedThroughput
  else table.BillingMode = 'PAY_PER_REQUEST'
  if (props.TableName !== undefined) table.TableName = props.TableName
  if (props.SSESpecification !== undefined) table.SSESpecification = props.SSESpecification
  if (props.Tags !== undefined) table.Tags = tagList(props.Tags)
  const result: Props = { ...inherited(def), Type: 'AWS::DynamoDB::Table', Properties: table }
  for (const attribute of ['DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'])
    if (def[attribute] !== undefined) result[attribute] = def[attribute]
  return { [id]: result }
}

/** SAM's Tags are a map; CloudFormation's are a list of Key/Value. */
export function tagList(tags: unknown): unknown {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return tags
  return Object.entries(tags as Record<string, unknown>).map(([Key, Value]) => ({ Key, Value }))
}

/** `s3://bucket/key` or {Bucket, Key, Version} as an S3 location. */
export function s3Location(uri: unknown): Props {
  if (typeof uri === 'string') {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)
    if (match === null)
      throw new TransformError(`'${uri}' is not a valid S3 Uri of the form 's3://bucket/key'`)
    return { Bucket: match[1], Key: match[2] }
  }
  return uri as Props
}

function stageNameText(name: unknown): string {
  return typeof name === 'string' ? name.replace(/[^A-Za-z0-9]/g, '') : 'Stage'
}
