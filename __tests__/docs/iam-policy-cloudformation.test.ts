import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { evaluate, loadPolicy, type Authorization } from '../../harness/iam.js'
import { ROOT } from '../../harness/runner.js'

/**
 * docs/iam-policy-cloudformation.json, the service role CloudFormation assumes (`role-arn`) to create the bundled
 * template's resources. Each resource type the template uses has the calls CloudFormation makes for it on create,
 * update and delete (the `handlers` permissions of the type's resource schema in the CloudFormation registry),
 * checked against the policy on a resource of a `metaflow-*` stack; the same calls on another stack's resources
 * are denied wherever the service lets a policy name the resource.
 */
const policy = loadPolicy('iam-policy-cloudformation.json')
const STACK = 'metaflow-dev'
const ACCOUNT = '123456789012'
const REGION = 'us-east-1'

interface Needs {
  actions: string[]
  /** A resource of this stack the actions are checked on; '*' for calls IAM cannot scope to a resource. */
  resource: (stack: string) => string
  /** Condition keys the request carries. */
  context?: Record<string, string>
  /** The service cannot scope these calls to a resource, so another stack's resources are not denied. */
  unscoped?: true
}

const any = (): string => '*'
const arn = (service: string, rest: string): string => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`
const ec2 = (...actions: string[]): Needs => ({ actions, resource: any, unscoped: true })
const elb = (...actions: string[]): Needs => ({
  actions: actions.map(a => `elasticloadbalancing:${a}`),
  resource: any,
  unscoped: true
})
const apigateway = (path: string): Needs => ({
  actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
  resource: () => `arn:aws:apigateway:${REGION}::${path}`,
  unscoped: true
})

/** What CloudFormation calls for each type (create, read, update, delete, tags), by the type's schema handlers. */
const NEEDS: Record<string, Needs[]> = {
  'AWS::S3::Bucket': [
    {
      actions: [
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:PutBucketVersioning',
        's3:PutEncryptionConfiguration',
        's3:PutBucketPublicAccessBlock',
        's3:PutLifecycleConfiguration',
        's3:PutBucketTagging',
        's3:PutBucketOwnershipControls',
        's3:GetBucketTagging'
      ],
      resource: stack => `arn:aws:s3:::${stack}-metaflows3bucket-1a2b3c4d5e6f`
    }
  ],
  'AWS::S3::BucketPolicy': [
    {
      actions: ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'],
      resource: stack => `arn:aws:s3:::${stack}-metaflows3bucket-1a2b3c4d5e6f`
    }
  ],
  'AWS::DynamoDB::Table': [
    {
      actions: [
        'dynamodb:CreateTable',
        'dynamodb:DeleteTable',
        'dynamodb:DescribeTable',
        'dynamodb:UpdateTable',
        'dynamodb:UpdateTimeToLive',
        'dynamodb:DescribeTimeToLive',
        'dynamodb:UpdateContinuousBackups',
        'dynamodb:DescribeContinuousBackups',
        'dynamodb:TagResource'
      ],
      resource: stack => arn('dynamodb', `table/${stack}-StepFunctionsTable-ABC123`)
    }
  ],
  'AWS::IAM::Role': [
    {
      actions: [
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:GetRole',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:AttachRolePolicy',
        'iam:DetachRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:TagRole'
      ],
      resource: stack => `arn:aws:iam::${ACCOUNT}:role/${stack}-BatchExecutionRole-ABC123`
    }
  ],
  'AWS::IAM::InstanceProfile': [
    {
      actions: [
        'iam:CreateInstanceProfile',
        'iam:DeleteInstanceProfile',
        'iam:GetInstanceProfile',
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile'
      ],
      resource: stack => `arn:aws:iam::${ACCOUNT}:instance-profile/${stack}-EcsInstanceProfile-ABC123`
    }
  ],
  'AWS::IAM::ManagedPolicy': [
    {
      actions: [
        'iam:CreatePolicy',
        'iam:DeletePolicy',
        'iam:GetPolicy',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicyVersion',
        'iam:ListPolicyVersions',
        'iam:ListEntitiesForPolicy'
      ],
      resource: stack => `arn:aws:iam::${ACCOUNT}:policy/${stack}-MetaflowClientPolicy-ABC123`
    }
  ],
  'AWS::Lambda::Function': [
    {
      actions: [
        'lambda:CreateFunction',
        'lambda:DeleteFunction',
        'lambda:GetFunction',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:TagResource'
      ],
      resource: stack => arn('lambda', `function:${stack}-migrate-db`)
    },
    {
      actions: ['iam:PassRole'],
      resource: stack => `arn:aws:iam::${ACCOUNT}:role/${stack}-MigrationFunctionRole-ABC123`,
      context: { 'iam:PassedToService': 'lambda.amazonaws.com' }
    }
  ],
  'AWS::Logs::LogGroup': [
    {
      actions: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:TagResource'],
      resource: stack => arn('logs', `log-group:/ecs/${stack}-metadata-service`)
    },
    { actions: ['logs:DescribeLogGroups'], resource: any, unscoped: true }
  ],
  'AWS::EC2::VPC': [
    ec2('ec2:CreateVpc', 'ec2:DeleteVpc', 'ec2:ModifyVpcAttribute', 'ec2:DescribeVpcs', 'ec2:CreateTags')
  ],
  'AWS::EC2::Subnet': [
    ec2('ec2:CreateSubnet', 'ec2:DeleteSubnet', 'ec2:ModifySubnetAttribute', 'ec2:DescribeSubnets')
  ],
  'AWS::EC2::InternetGateway': [
    ec2('ec2:CreateInternetGateway', 'ec2:DeleteInternetGateway', 'ec2:DescribeInternetGateways')
  ],
  'AWS::EC2::VPCGatewayAttachment': [ec2('ec2:AttachInternetGateway', 'ec2:DetachInternetGateway')],
  'AWS::EC2::RouteTable': [ec2('ec2:CreateRouteTable', 'ec2:DeleteRouteTable', 'ec2:DescribeRouteTables')],
  'AWS::EC2::Route': [ec2('ec2:CreateRoute', 'ec2:DeleteRoute', 'ec2:ReplaceRoute')],
  'AWS::EC2::SubnetRouteTableAssociation': [
    ec2('ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable', 'ec2:ReplaceRouteTableAssociation')
  ],
  'AWS::EC2::SecurityGroup': [
    ec2(
      'ec2:CreateSecurityGroup',
      'ec2:DeleteSecurityGroup',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:AuthorizeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:DescribeSecurityGroups'
    )
  ],
  'AWS::EC2::SecurityGroupIngress': [
    ec2(
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:DescribeSecurityGroupRules'
    )
  ],
  'AWS::EC2::SecurityGroupEgress': [
    ec2('ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DescribeSecurityGroupRules')
  ],
  'AWS::EC2::NatGateway': [ec2('ec2:CreateNatGateway', 'ec2:DeleteNatGateway', 'ec2:DescribeNatGateways')],
  'AWS::EC2::EIP': [ec2('ec2:AllocateAddress', 'ec2:ReleaseAddress', 'ec2:DescribeAddresses')],
  'AWS::EC2::FlowLog': [
    ec2('ec2:CreateFlowLogs', 'ec2:DeleteFlowLogs', 'ec2:DescribeFlowLogs'),
    {
      actions: ['iam:PassRole'],
      resource: stack => `arn:aws:iam::${ACCOUNT}:role/${stack}-FlowLogRole-ABC123`,
      context: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' }
    }
  ],
  'AWS::EC2::LaunchTemplate': [
    ec2(
      'ec2:CreateLaunchTemplate',
      'ec2:CreateLaunchTemplateVersion',
      'ec2:DeleteLaunchTemplate',
      'ec2:DescribeLaunchTemplates',
      'ec2:DescribeLaunchTemplateVersions'
    )
  ],
  'AWS::Batch::ComputeEnvironment': [
    {
      actions: [
        'batch:CreateComputeEnvironment',
        'batch:UpdateComputeEnvironment',
        'batch:DeleteComputeEnvironment',
        'batch:TagResource'
      ],
      resource: () => arn('batch', 'compute-environment/ComputeEnvironment-ABC123'),
      unscoped: true
    },
    { actions: ['batch:DescribeComputeEnvironments'], resource: any, unscoped: true },
    {
      actions: ['iam:PassRole'],
      resource: stack => `arn:aws:iam::${ACCOUNT}:role/${stack}-BatchServiceRole-ABC123`,
      context: { 'iam:PassedToService': 'batch.amazonaws.com' }
    }
  ],
  'AWS::Batch::JobQueue': [
    {
      actions: ['batch:CreateJobQueue', 'batch:UpdateJobQueue', 'batch:DeleteJobQueue', 'batch:TagResource'],
      resource: stack => arn('batch', `job-queue/job-queue-${stack}`)
    },
    { actions: ['batch:DescribeJobQueues'], resource: any, unscoped: true }
  ],
  'AWS::ECS::Cluster': [
    {
      actions: ['ecs:CreateCluster', 'ecs:DeleteCluster', 'ecs:UpdateCluster', 'ecs:TagResource'],
      resource: stack => arn('ecs', `cluster/${stack}-ECSCluster-ABC123`)
    }
  ],
  'AWS::ECS::Service': [
    {
      actions: ['ecs:CreateService', 'ecs:UpdateService', 'ecs:DeleteService'],
      resource: stack => arn('ecs', `service/${stack}-ECSCluster-ABC123/${stack}-MetadataService-ABC123`)
    },
    { actions: ['ecs:DescribeServices'], resource: any, unscoped: true }
  ],
  'AWS::ECS::TaskDefinition': [
    {
      actions: ['ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition', 'ecs:DescribeTaskDefinition'],
      resource: any,
      unscoped: true
    },
    {
      actions: ['iam:PassRole'],
      resource: stack => `arn:aws:iam::${ACCOUNT}:role/${stack}-ECSTaskRole-ABC123`,
      context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }
    }
  ],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    elb('CreateLoadBalancer', 'DeleteLoadBalancer', 'ModifyLoadBalancerAttributes', 'DescribeLoadBalancers')
  ],
  'AWS::ElasticLoadBalancingV2::TargetGroup': [
    elb('CreateTargetGroup', 'DeleteTargetGroup', 'ModifyTargetGroup', 'ModifyTargetGroupAttributes')
  ],
  'AWS::ElasticLoadBalancingV2::Listener': [
    elb('CreateListener', 'DeleteListener', 'ModifyListener', 'DescribeListeners')
  ],
  'AWS::ElasticLoadBalancingV2::ListenerRule': [
    elb('CreateRule', 'DeleteRule', 'ModifyRule', 'DescribeRules')
  ],
  'AWS::ApiGateway::RestApi': [apigateway('/restapis'), apigateway('/restapis/a1b2c3d4e5')],
  'AWS::ApiGateway::Resource': [apigateway('/restapis/a1b2c3d4e5/resources/abc123')],
  'AWS::ApiGateway::Method': [apigateway('/restapis/a1b2c3d4e5/resources/abc123/methods/GET')],
  'AWS::ApiGateway::Deployment': [apigateway('/restapis/a1b2c3d4e5/deployments/abc123')],
  'AWS::ApiGateway::Stage': [apigateway('/restapis/a1b2c3d4e5/stages/api')],
  'AWS::ApiGateway::ApiKey': [apigateway('/apikeys'), apigateway('/apikeys/abc123')],
  'AWS::ApiGateway::UsagePlan': [apigateway('/usageplans'), apigateway('/usageplans/abc123')],
  'AWS::ApiGateway::UsagePlanKey': [apigateway('/usageplans/abc123/keys/def456')],
  'AWS::ApiGateway::VpcLink': [apigateway('/vpclinks'), apigateway('/vpclinks/abc123')],
  'AWS::ApiGateway::Account': [
    apigateway('/account'),
    {
      actions: ['iam:PassRole'],
      resource: stack => `arn:aws:iam::${ACCOUNT}:role/${stack}-ApiGatewayLogsRole-ABC123`,
      context: { 'iam:PassedToService': 'apigateway.amazonaws.com' }
    }
  ],
  'AWS::RDS::DBInstance': [
    {
      actions: [
        'rds:CreateDBInstance',
        'rds:ModifyDBInstance',
        'rds:DeleteDBInstance',
        'rds:AddTagsToResource',
        'rds:ListTagsForResource'
      ],
      resource: stack => arn('rds', `db:${stack}-rdsmasterinstance-abc123`)
    },
    {
      // DeletionPolicy Snapshot: the final snapshot is taken in the stack's name.
      actions: ['rds:CreateDBSnapshot'],
      resource: stack => arn('rds', `snapshot:${stack}-rdsmasterinstance-snapshot-abc123`)
    },
    { actions: ['rds:DescribeDBInstances', 'rds:DescribeDBEngineVersions'], resource: any, unscoped: true },
    // The master credentials come from the stack's secret through a dynamic reference.
    {
      actions: ['secretsmanager:GetSecretValue'],
      resource: () => arn('secretsmanager', 'secret:DBSecret-AbCdEf'),
      context: { 'aws:ResourceTag/aws:cloudformation:stack-name': STACK }
    }
  ],
  'AWS::RDS::DBSubnetGroup': [
    {
      actions: ['rds:CreateDBSubnetGroup', 'rds:ModifyDBSubnetGroup', 'rds:DeleteDBSubnetGroup'],
      resource: stack => arn('rds', `subgrp:${stack}-dbsubnetgroup-abc123`)
    }
  ],
  'AWS::SecretsManager::Secret': [
    {
      actions: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'],
      resource: () => arn('secretsmanager', 'secret:DBSecret-AbCdEf'),
      context: { 'aws:RequestTag/aws:cloudformation:stack-name': STACK }
    },
    {
      actions: [
        'secretsmanager:DeleteSecret',
        'secretsmanager:DescribeSecret',
        'secretsmanager:UpdateSecret'
      ],
      resource: () => arn('secretsmanager', 'secret:DBSecret-AbCdEf'),
      context: { 'aws:ResourceTag/aws:cloudformation:stack-name': STACK }
    },
    { actions: ['secretsmanager:GetRandomPassword'], resource: any, unscoped: true }
  ],
  'AWS::SecretsManager::SecretTargetAttachment': [
    {
      actions: [
        'secretsmanager:PutSecretValue',
        'secretsmanager:GetSecretValue',
        'secretsmanager:DescribeSecret'
      ],
      resource: () => arn('secretsmanager', 'secret:DBSecret-AbCdEf'),
      context: { 'aws:ResourceTag/aws:cloudformation:stack-name': STACK }
    },
    { actions: ['rds:DescribeDBInstances'], resource: any, unscoped: true }
  ],
  'AWS::Cognito::UserPool': [
    {
      actions: ['cognito-idp:CreateUserPool', 'cognito-idp:DeleteUserPool', 'cognito-idp:UpdateUserPool'],
      resource: any,
      unscoped: true
    }
  ],
  'AWS::Cognito::UserPoolClient': [
    {
      actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'],
      resource: any,
      unscoped: true
    }
  ],
  'AWS::Cognito::UserPoolDomain': [
    {
      actions: ['cognito-idp:CreateUserPoolDomain', 'cognito-idp:DeleteUserPoolDomain'],
      resource: any,
      unscoped: true
    }
  ],
  'AWS::SageMaker::NotebookInstance': [
    {
      actions: [
        'sagemaker:CreateNotebookInstance',
        'sagemaker:DeleteNotebookInstance',
        'sagemaker:StopNotebookInstance',
        'sagemaker:UpdateNotebookInstance'
      ],
      resource: any,
      unscoped: true
    },
    {
      actions: ['iam:PassRole'],
      resource: stack => `arn:aws:iam::${ACCOUNT}:role/${stack}-SageMakerExecutionRole-ABC123`,
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' }
    }
  ],
  'AWS::SageMaker::NotebookInstanceLifecycleConfig': [
    {
      actions: [
        'sagemaker:CreateNotebookInstanceLifecycleConfig',
        'sagemaker:DeleteNotebookInstanceLifecycleConfig'
      ],
      resource: any,
      unscoped: true
    }
  ]
}

const TEMPLATE_TYPES = [
  ...new Set(
    [
      ...readFileSync(join(ROOT, 'templates', 'metaflow.yml'), 'utf8').matchAll(
        /^\s+Type: (AWS::[\w:]+)\s*$/gm
      )
    ].map(m => m[1] as string)
  )
].sort()

const decide = (action: string, resource: string, context: Record<string, string> = {}): string =>
  evaluate(policy, { action, resource, context } satisfies Authorization)

describe('docs/iam-policy-cloudformation.json, the service role for the bundled template', () => {
  it('knows what CloudFormation calls for every resource type the template uses', () => {
    expect(TEMPLATE_TYPES.length).toBeGreaterThan(30)
    expect(TEMPLATE_TYPES.filter(type => !(type in NEEDS))).toEqual([])
  })

  it.each(TEMPLATE_TYPES)('allows what CloudFormation calls to create, update and delete %s', type => {
    const denied = (NEEDS[type] ?? []).flatMap(needs =>
      needs.actions
        .filter(action => decide(action, needs.resource(STACK), needs.context) !== 'allowed')
        .map(action => `${action} on ${needs.resource(STACK)}`)
    )
    expect(denied).toEqual([])
  })

  it.each(TEMPLATE_TYPES)(
    "denies the same calls on another stack's %s where IAM can tell them apart",
    type => {
      const allowed = (NEEDS[type] ?? [])
        .filter(needs => needs.unscoped !== true)
        .flatMap(needs => {
          const resource = needs.resource('payments-prod')
          const context = Object.fromEntries(
            Object.entries(needs.context ?? {}).map(([key, value]) => [
              key,
              value === STACK ? 'payments-prod' : value
            ])
          )
          return needs.actions
            .filter(action => decide(action, resource, context) === 'allowed')
            .map(action => `${action} on ${resource}`)
        })
      expect(allowed).toEqual([])
    }
  )

  it('grants no wildcard action and passes roles only to the services that run them', () => {
    const actions = policy.Statement.flatMap(s => [s.Action ?? []].flat())
    expect(actions.filter(a => a === '*' || a.endsWith(':*'))).toEqual([])
    expect(decide('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/${STACK}-Any-ABC`, {})).not.toBe('allowed')
    expect(
      decide('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/${STACK}-Any-ABC`, {
        'iam:PassedToService': 'cloudformation.amazonaws.com'
      })
    ).not.toBe('allowed')
    expect(decide('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/${STACK}-admin`)).not.toBe('allowed')
  })
})
