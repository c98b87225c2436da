import type { ResourceChange, ResourceChangeDetail } from '@aws-sdk/client-cloudformation'
import { assessDataLoss } from '../../src/guards/data-loss.js'
import type { ChangeReport, RenderOptions } from '../../src/render/render-report.js'

/** Typed fixtures for the renderer's tests: representative change sets and values chosen to break Markdown. */

export const RUN_URL = 'https://github.com/acme/ml-infra/actions/runs/7001'

export const base: ChangeReport = {
  kind: 'preview',
  stackName: 'metaflow-dev',
  environment: 'dev',
  region: 'us-east-1',
  operation: 'update',
  changes: [],
  parameters: [],
  commitSha: '4f2c0d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  runUrl: RUN_URL,
  changeSetId: 'arn:aws:cloudformation:us-east-1:123456789012:changeSet/metaflow-preview-dev-7001/0f1e2d3c',
  secrets: []
}

export const add = (id: string, type: string): ResourceChange => ({
  Action: 'Add',
  LogicalResourceId: id,
  ResourceType: type,
  Scope: [],
  Details: []
})

export const comment: RenderOptions = {
  limit: 65_536,
  unit: 'chars',
  header: '<!-- metaflow-deploy preview: stack=metaflow-dev; environment=dev; region=us-east-1 -->',
  fullDetailIn: 'The job summary has the full detail.'
}

export const summary: RenderOptions = {
  limit: 1_000_000,
  unit: 'bytes',
  fold: false,
  fullDetailIn: 'The run log lists every change.'
}

/** A property change as DescribeChangeSet reports it with IncludePropertyValues. */
export function property(
  path: string,
  before: string | undefined,
  after: string | undefined,
  extra: Partial<ResourceChangeDetail> = {}
): ResourceChangeDetail {
  return {
    Target: {
      Attribute: 'Properties',
      Name: path.split('/')[2] ?? path,
      Path: path,
      RequiresRecreation: 'Never',
      ...(before === undefined ? {} : { BeforeValue: before }),
      ...(after === undefined ? {} : { AfterValue: after }),
      AttributeChangeType: before === undefined ? 'Add' : after === undefined ? 'Remove' : 'Modify'
    },
    Evaluation: 'Static',
    ChangeSource: 'DirectModification',
    ...extra
  }
}

export const modify = (id: string, type: string, details: ResourceChangeDetail[]): ResourceChange => ({
  Action: 'Modify',
  LogicalResourceId: id,
  ResourceType: type,
  Replacement: 'False',
  Scope: ['Properties'],
  Details: details
})

export const MIXED: ResourceChange[] = [
  add('NotebookInstance', 'AWS::SageMaker::NotebookInstance'),
  {
    Action: 'Modify',
    LogicalResourceId: 'StepFunctionsStateDDB',
    PhysicalResourceId: 'metaflow-dev-StepFunctionsStateDDB-T59RW2L4SE2A',
    ResourceType: 'AWS::DynamoDB::Table',
    Replacement: 'False',
    Scope: ['Properties'],
    Details: [
      {
        Target: {
          Attribute: 'Properties',
          Name: 'BillingMode',
          RequiresRecreation: 'Never',
          BeforeValue: 'PAY_PER_REQUEST',
          AfterValue: 'PROVISIONED',
          AttributeChangeType: 'Modify'
        },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification'
      }
    ]
  },
  {
    Action: 'Modify',
    LogicalResourceId: 'RDSMasterInstance',
    PhysicalResourceId: 'metaflow-dev-rdsmasterinstance-0pq3v5',
    ResourceType: 'AWS::RDS::DBInstance',
    Replacement: 'True',
    PolicyAction: 'ReplaceAndSnapshot',
    Scope: ['Properties'],
    Details: [
      {
        Target: {
          Attribute: 'Properties',
          Name: 'DBInstanceClass',
          RequiresRecreation: 'Conditionally',
          BeforeValue: 'db.t3.small',
          AfterValue: 'db.m6g.large',
          AttributeChangeType: 'Modify'
        },
        Evaluation: 'Static',
        ChangeSource: 'ParameterReference',
        CausingEntity: 'DBInstanceClass'
      },
      {
        Target: {
          Attribute: 'Properties',
          Name: 'StorageEncrypted',
          RequiresRecreation: 'Always',
          BeforeValue: 'false',
          AfterValue: 'true',
          AttributeChangeType: 'Modify'
        },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification'
      }
    ]
  },
  {
    Action: 'Modify',
    LogicalResourceId: 'TaskDefinition',
    ResourceType: 'AWS::ECS::TaskDefinition',
    Replacement: 'Conditional',
    PolicyAction: 'ReplaceAndDelete',
    Scope: ['Properties'],
    Details: [
      {
        Target: { Attribute: 'Properties', Name: 'ContainerDefinitions', RequiresRecreation: 'Always' },
        Evaluation: 'Dynamic',
        ChangeSource: 'ResourceAttribute',
        CausingEntity: 'RDSMasterInstance.Endpoint.Address'
      }
    ]
  },
  {
    Action: 'Remove',
    LogicalResourceId: 'LegacyLogs',
    PhysicalResourceId: '/ecs/metaflow-dev-legacy',
    ResourceType: 'AWS::Logs::LogGroup',
    PolicyAction: 'Delete',
    Scope: [],
    Details: []
  },
  {
    Action: 'Remove',
    LogicalResourceId: 'ArchiveBucket',
    PhysicalResourceId: 'metaflow-dev-archive-x1',
    ResourceType: 'AWS::S3::Bucket',
    PolicyAction: 'Retain',
    Scope: [],
    Details: []
  },
  {
    Action: 'Remove',
    LogicalResourceId: 'ECSRole',
    PhysicalResourceId: 'metaflow-dev-ECSRole-9K2',
    ResourceType: 'AWS::IAM::Role',
    PolicyAction: 'Delete',
    Scope: [],
    Details: []
  }
]

/** Values that Markdown or GitHub's filters would change if they were not shown as code. */
export const HOSTILE: readonly string[] = [
  'say "hi" and \'bye\'',
  'C:\\Program Files\\metaflow',
  'ends with a backslash \\',
  's3:* on arn:aws:s3:::metaflow-*/*',
  '__init__ and snake_case_',
  '*emphasis* **strong** ~~strike~~',
  'a|b||c | d',
  '`tick`',
  'run ``` fence and ```` more',
  '`',
  '``double``',
  ' padded both ends ',
  '<script>alert(1)</script> <b>bold</b> <!-- hidden -->',
  'AT&T &amp; &quot;quoted&quot; &#124; &#x1F600; &copy;',
  'https://evil.example/path?q=1&r=2',
  'see www.example.com/x',
  'ping @octocat and @acme/team',
  'fixes #123 and acme/ml-infra#7',
  ':rocket: :+1: emoji',
  '[link](https://evil.example) ![image](https://evil.example/x.png)',
  '\\*not emphasis\\* \\`not code\\`',
  '# not a heading',
  '> not a quote',
  '- not a list',
  'tab\there',
  'first line\nsecond line\r\nthird',
  'a\\|b',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}}]}'
]

/** A container definition as long as real ones get, with characters JSON escapes. */
export const LONG_JSON = JSON.stringify(
  Array.from({ length: 3 }, (_, i) => ({
    Name: `metaflow-service-${i}`,
    Image: 'public.ecr.aws/outerbounds/metaflow_metadata_service:2.4.12',
    Command: ['/opt/latest/bin/python3', '-c', 'print("hello \\\\ world")'],
    Environment: Array.from({ length: 12 }, (_, j) => ({
      Name: `MF_VAR_${j}`,
      Value: `value "${j}" | *${j}*`
    })),
    PortMappings: [{ ContainerPort: 8080 + i, Protocol: 'tcp' }]
  }))
)

export const POLICY_BEFORE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadData',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::metaflow-dev-data', 'arn:aws:s3:::metaflow-dev-data/*']
    },
    { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }
  ]
})

/** The same policy with a statement added in the middle: the kind of change a 160-character window hid. */
export const POLICY_AFTER = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadData',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::metaflow-dev-data', 'arn:aws:s3:::metaflow-dev-data/*']
    },
    { Sid: 'DeleteEverything', Effect: 'Allow', Action: 's3:*', Resource: '*' },
    { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }
  ]
})

export const POLICY_CHANGE: ResourceChange[] = [
  modify('BatchS3TaskRole', 'AWS::IAM::Role', [
    property('/Properties/Policies/0/PolicyDocument', POLICY_BEFORE, POLICY_AFTER),
    property('/Properties/MaxSessionDuration', '3600', '7200')
  ]),
  {
    ...modify('TaskDefinition', 'AWS::ECS::TaskDefinition', [
      {
        ...property(
          '/Properties/ContainerDefinitions',
          LONG_JSON,
          LONG_JSON.replace('"MF_VAR_3"', '"MF_VAR_THREE"')
        ),
        Target: {
          ...property(
            '/Properties/ContainerDefinitions',
            LONG_JSON,
            LONG_JSON.replace('"MF_VAR_3"', '"MF_VAR_THREE"')
          ).Target,
          RequiresRecreation: 'Always'
        }
      }
    ]),
    Replacement: 'True',
    PolicyAction: 'ReplaceAndDelete'
  }
]

/** Hostile values everywhere a value goes: parameters, property paths, before and after, causes, outputs. */
export const HOSTILE_REPORT: ChangeReport = {
  ...base,
  parameters: HOSTILE.map((value, i) => ({
    key: `Param${i}`,
    before: i % 2 === 0 ? value : undefined,
    after: value
  })),
  changes: [
    modify(
      'Hostile_Resource_',
      'AWS::SSM::Parameter',
      HOSTILE.map((value, i) =>
        property(`/Properties/Value${i}`, i % 3 === 0 ? undefined : `old ${value}`, value, {
          ChangeSource: 'ParameterReference',
          CausingEntity: `Param${i}`
        })
      )
    ),
    add('@octocat_bucket_', 'AWS::S3::Bucket')
  ],
  outputs: Object.fromEntries(HOSTILE.map((value, i) => [`Output${i}`, value]))
}

/** Root and nested changes: a nested stack whose database is replaced. */
export const NESTED_REPORT: ChangeReport = {
  ...base,
  changes: [
    modify('DatabaseStack', 'AWS::CloudFormation::Stack', [
      property(
        '/Properties/TemplateURL',
        'https://s3.amazonaws.com/t/db-v1.yml',
        'https://s3.amazonaws.com/t/db-v2.yml'
      )
    ])
  ],
  nested: [
    {
      path: ['DatabaseStack'],
      changes: [
        {
          ...modify('RDSMasterInstance', 'AWS::RDS::DBInstance', [
            {
              ...property('/Properties/DBName', 'metaflow', 'metaflow_v2'),
              Target: {
                ...property('/Properties/DBName', 'metaflow', 'metaflow_v2').Target,
                RequiresRecreation: 'Always'
              }
            }
          ]),
          Replacement: 'True',
          PolicyAction: 'ReplaceAndSnapshot'
        },
        add('ReadReplica', 'AWS::RDS::DBInstance')
      ]
    },
    { path: ['DatabaseStack', 'Monitoring'], changes: [add('Dashboard', 'AWS::CloudWatch::Dashboard')] }
  ]
}

export const DATA_LOSS_REPORT: ChangeReport = {
  ...base,
  changes: MIXED,
  dataLoss: assessDataLoss(MIXED, { all: false, paths: new Set(['LegacyLogs']) })
}
