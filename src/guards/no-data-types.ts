/**
 * The short list of resource types the data-loss guard lets a change set replace or remove without asking: each
 * holds nothing that is not written in the template itself, so a new one made from the template is the same
 * thing. Every other type (including every type AWS adds tomorrow, and every custom resource) is presumed to hold
 * data: the guard denies by default. docs/data-loss.md lists these types with the same reasons (a test keeps it so).
 *
 * A type belongs here only when all of its state is its configuration in the template. Types left out on purpose,
 * though they look harmless: AWS::Batch::ComputeEnvironment and AWS::Batch::JobQueue (running and queued jobs are
 * lost), AWS::EC2::EIP (the public address is gone for good), AWS::SNS::Topic (confirmed subscriptions made
 * outside the template are lost), AWS::StepFunctions::StateMachine (running executions and their history),
 * Custom::* and AWS::CloudFormation::CustomResource (their delete handler may do anything), AWS::Lambda::Version and
 * layer versions (a published version cannot be made again with the same number).
 */
export const NO_DATA_TYPES: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'permissions only, all written in the template',
  'AWS::IAM::Policy': 'a permissions document written in the template',
  'AWS::IAM::ManagedPolicy': 'a permissions document written in the template',
  'AWS::IAM::InstanceProfile': 'a name for a role',
  'AWS::EC2::SecurityGroup': 'firewall rules written in the template',
  'AWS::EC2::SecurityGroupIngress': 'one firewall rule',
  'AWS::EC2::SecurityGroupEgress': 'one firewall rule',
  'AWS::EC2::RouteTable': 'routes written in the template',
  'AWS::EC2::Route': 'one route',
  'AWS::EC2::SubnetRouteTableAssociation': 'a link between a subnet and a route table',
  'AWS::EC2::InternetGateway': 'a gateway with no state of its own',
  'AWS::EC2::VPCGatewayAttachment': 'a link between a network and a gateway',
  'AWS::EC2::LaunchTemplate': 'instance settings written in the template',
  'AWS::ECS::TaskDefinition':
    'a container description written in the template (each update is a new revision)',
  'AWS::ECS::Service':
    'runs tasks from a task definition; the tasks are replaced on every deploy anyway (their disks are scratch)',
  'AWS::Batch::JobDefinition': 'a job description written in the template',
  'AWS::ElasticLoadBalancingV2::Listener': 'routing rules written in the template',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'one routing rule',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'a list of targets that registers itself again',
  'AWS::Lambda::Function': 'code and settings from the template or its bucket (the logs live in a log group)',
  'AWS::Lambda::Permission': 'one permission',
  'AWS::ApiGateway::Resource': 'an API path written in the template',
  'AWS::ApiGateway::Method': 'an API method written in the template',
  'AWS::ApiGateway::Deployment': 'a snapshot of the API written in the template',
  'AWS::ApiGateway::UsagePlanKey': 'a link between a key and a usage plan',
  'AWS::ApiGateway::RestApi':
    'an API written in the template (a new one has a new URL, which the outputs publish)',
  'AWS::ApiGateway::Stage': 'a deployment stage written in the template',
  'AWS::ApiGateway::UsagePlan': 'throttling and quota settings written in the template',
  'AWS::ApiGateway::VpcLink': 'a link to a load balancer',
  'AWS::ApiGateway::ApiKey':
    'a generated credential, no data: a new one has a new value, which the api-key output publishes; clients holding the old one must take the new one',
  'AWS::ElasticLoadBalancingV2::LoadBalancer':
    'routes requests; holds none (a new one has a new DNS name, which the outputs publish)',
  'AWS::ECS::Cluster': 'a name for services and tasks, which are judged themselves',
  'AWS::Cognito::UserPoolDomain': 'a domain name for a user pool (the users live in the pool)',
  'AWS::Events::Rule': 'a schedule or event pattern written in the template',
  'AWS::CloudWatch::Alarm': 'a threshold written in the template (its history is not data the stack keeps)',
  'AWS::S3::BucketPolicy': 'a permissions document written in the template',
  'AWS::SQS::QueuePolicy': 'a permissions document written in the template',
  'AWS::SageMaker::NotebookInstanceLifecycleConfig': 'a start-up script written in the template',
  'AWS::SecretsManager::SecretTargetAttachment': 'a link between a secret and a database',
  'AWS::Cognito::UserPoolClient': 'app-client settings written in the template',
  'AWS::CloudFormation::WaitConditionHandle': 'a signal URL with no state of its own',
  'AWS::EC2::FlowLog':
    'where a network sends its flow records (the records live in the log group or bucket, judged themselves)'
}

/**
 * Network types that hold no data themselves, so REMOVING one loses nothing (the data stores in it are removed too,
 * and judged themselves). REPLACING one is another matter: a database whose subnet group moves to a new VPC is
 * replaced while executing (AWS::RDS::DBInstance, DBSubnetGroupName: "Update requires: Replacement"), even where the
 * change set lists only the network, so a replacement is judged as a possible loss like any other type's.
 */
export const REMOVABLE_NETWORK_TYPES: Readonly<Record<string, string>> = {
  'AWS::EC2::VPC': 'a network; what runs in it is judged itself',
  'AWS::EC2::Subnet': 'part of a network; what runs in it is judged itself',
  'AWS::RDS::DBSubnetGroup': 'a list of subnets; the databases using it are judged themselves'
}

/** True when replacing or removing a resource of this type cannot lose data. */
export function holdsNoData(resourceType: string | undefined): boolean {
  return Object.hasOwn(NO_DATA_TYPES, resourceType ?? '')
}

/** True when removing (not replacing) a resource of this type cannot lose data. */
export function removableWithoutLoss(resourceType: string | undefined): boolean {
  return holdsNoData(resourceType) || Object.hasOwn(REMOVABLE_NETWORK_TYPES, resourceType ?? '')
}
