/** Small templates that exercise the emulator and the action. */

export const BASIC = `
AWSTemplateFormatVersion: '2010-09-09'
Description: test stack
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, staging, prod]
  Auth:
    Type: String
    Default: 'true'
  DbPassword:
    Type: String
    NoEcho: true
    Default: change-me-please
Conditions:
  EnableAuth: !Equals [!Ref Auth, 'true']
Resources:
  Datastore:
    Type: AWS::S3::Bucket
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: pathspec, KeyType: HASH}]
      Tags: [{Key: env, Value: !Ref Env}]
  JobRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      Policies:
        - PolicyName: s3
          PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:*', Resource: !Sub '\${Datastore.Arn}/*'}]}
  ApiKey:
    Type: AWS::ApiGateway::ApiKey
    Condition: EnableAuth
    Properties:
      Name: !Sub '\${AWS::StackName}-ApiKey'
      Enabled: true
Outputs:
  MetaflowDataStoreS3Url:
    Value: !Sub 's3://\${Datastore}/metaflow'
  DDBTableName:
    Value: !Ref Table
  ECSJobRoleForBatchJobs:
    Value: !GetAtt JobRole.Arn
  Joined:
    Value: !Join ['/', [!Ref Env, !Select [0, !GetAZs '']]]
  Mode:
    Value: !If [EnableAuth, secured, open]
  ApiKeyId:
    Condition: EnableAuth
    Value: !Ref ApiKey
`

/** A template of `count` buckets, for pagination. */
export function manyResources(count: number, prefix = 'Bucket'): string {
  const lines = ['Resources:']
  for (let i = 0; i < count; i++) lines.push(`  ${prefix}${i}:`, '    Type: AWS::S3::Bucket')
  return lines.join('\n')
}
