import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { PolicyStatement, policyJson } from '../../core/iam/policy-document';

/**
 * What callers in the account may do through each interface endpoint. Scoped per service so an
 * endpoint cannot be used to reach another account's resources or an unrelated API.
 */
export const ENDPOINT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'bedrock-runtime': ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:Converse', 'bedrock:ConverseStream', 'bedrock:ApplyGuardrail'],
  'bedrock-agent-runtime': ['bedrock:Retrieve', 'bedrock:RetrieveAndGenerate', 'bedrock:InvokeAgent', 'bedrock:InvokeFlow'],
  'bedrock-agentcore': ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:RetrieveMemoryRecords'],
  secretsmanager: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  ssm: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
  'ecr.api': ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages'],
  'ecr.dkr': ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  logs: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
  kms: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
  sts: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:GetCallerIdentity'],
  sqs: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
  monitoring: ['cloudwatch:PutMetricData'],
  xray: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
  athena: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'],
  glue: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
  events: ['events:PutEvents'],
  'kinesis-streams': ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
  states: ['states:StartExecution', 'states:StartSyncExecution', 'states:DescribeExecution'],
  rekognition: ['rekognition:DetectLabels', 'rekognition:DetectText', 'rekognition:DetectModerationLabels', 'rekognition:DetectFaces'],
  polly: ['polly:SynthesizeSpeech', 'polly:StartSpeechSynthesisTask', 'polly:GetSpeechSynthesisTask', 'polly:DescribeVoices'],
};

export interface VpcEndpointsProps extends ProviderScopedProps {
  readonly namePrefix: string;
  readonly vpcId: string;
  readonly region: string;
  readonly accountId: string;
  /** Route tables the S3 gateway endpoint serves. */
  readonly gatewayRouteTableIds: readonly string[];
  /** Bucket name patterns reachable through the S3 endpoint (`<system>-prod-*`). */
  readonly s3BucketPatterns: readonly string[];
  /**
   * DynamoDB table name patterns (`<system>-prod-*`): when given, a DynamoDB gateway endpoint on
   * the same route tables, its policy scoped to these tables, their indexes and streams.
   * @default [] - no DynamoDB endpoint
   */
  readonly dynamodbTablePatterns?: readonly string[];
  /** Interface endpoint services, each a key of ENDPOINT_ACTIONS. */
  readonly interfaceServices: readonly string[];
  readonly interfaceSubnetIds: readonly string[];
  readonly interfaceSecurityGroupId: string;
}

/**
 * The S3 gateway endpoint (policy scoped to this system's buckets plus the ECR layer bucket that
 * image pulls need) and interface endpoints with private DNS, each with a policy that admits only
 * principals of this account and only that service's runtime actions.
 */
export class VpcEndpoints extends Construct {
  readonly s3Gateway: VpcEndpoint;
  /** Only with `dynamodbTablePatterns`. */
  readonly dynamodbGateway?: VpcEndpoint;
  readonly interfaces: Record<string, VpcEndpoint> = {};

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const ownAccount = { StringEquals: { 'aws:PrincipalAccount': props.accountId } };
    const bucketArns = props.s3BucketPatterns.flatMap((p) => [`arn:aws:s3:::${p}`, `arn:aws:s3:::${p}/*`]);

    this.s3Gateway = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.gatewayRouteTableIds],
      policy: policyJson({
        Statement: [
          {
            Sid: 'SystemBuckets',
            Effect: 'Allow',
            Principal: '*',
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
            Resource: bucketArns,
            Condition: ownAccount,
          },
          {
            // ECR stores image layers in this AWS-owned bucket; Fargate pulls them through S3.
            Sid: 'EcrImageLayers',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::prod-${props.region}-starport-layer-bucket/*`,
          },
        ],
      }),
      tags: { Name: `${props.namePrefix}-s3-endpoint` },
    });

    const tablePatterns = props.dynamodbTablePatterns ?? [];
    if (tablePatterns.length > 0) {
      const tableArns = tablePatterns.flatMap((p) => {
        const table = `arn:aws:dynamodb:${props.region}:${props.accountId}:table/${p}`;
        return [table, `${table}/index/*`, `${table}/stream/*`];
      });
      this.dynamodbGateway = new VpcEndpoint(this, 'dynamodb', {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.dynamodb`,
        vpcEndpointType: 'Gateway',
        routeTableIds: [...props.gatewayRouteTableIds],
        policy: policyJson({
          Statement: [
            {
              Sid: 'SystemTables',
              Effect: 'Allow',
              Principal: '*',
              Action: [
                'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable',
                'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem',
                'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams',
              ],
              Resource: tableArns,
              Condition: ownAccount,
            },
          ],
        }),
        tags: { Name: `${props.namePrefix}-dynamodb-endpoint` },
      });
    }

    for (const service of props.interfaceServices) {
      const actions = ENDPOINT_ACTIONS[service];
      if (!actions) {
        throw new Error(`VpcEndpoints: no scoped policy is defined for "${service}"; add its actions to ENDPOINT_ACTIONS (known: ${Object.keys(ENDPOINT_ACTIONS).join(', ')})`);
      }
      const statement: PolicyStatement = { Sid: 'AccountPrincipalsOnly', Effect: 'Allow', Principal: '*', Action: [...actions], Resource: '*', Condition: ownAccount };
      this.interfaces[service] = new VpcEndpoint(this, service.replace(/\./g, '-'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.interfaceSubnetIds],
        securityGroupIds: [props.interfaceSecurityGroupId],
        policy: policyJson({ Statement: [statement] }),
        tags: { Name: `${props.namePrefix}-${service}-endpoint` },
      });
    }
    useProvider(this, props.provider);
  }
}
