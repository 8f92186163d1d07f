import { Construct } from 'constructs';
import { EcsTaskRole } from '../../src/constructs/compute/ecs-task-role';
import { PolicyStatement } from '../../src/core/iam/policy-document';

/** The seed's custom metric namespace ("Custom Metrics Namespace: BirdAgent"). */
export const METRICS_NAMESPACE = 'BirdAgent';
/**
 * The database user the services connect as with IAM authentication (`rds-db:connect`). The
 * application's migration creates it (`CREATE USER agent_app; GRANT rds_iam TO agent_app;`); the
 * master credentials stay with Secrets Manager rotation and never reach a task.
 */
export const DATABASE_IAM_USER = 'agent_app';

/** The Rekognition image APIs the services call; none of them has a resource type to scope to. */
export const REKOGNITION_DETECT_ACTIONS = ['rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText'];

/** What one region's two roles are scoped to. */
export interface ServiceRoleScope {
  /** `<prefix>` or `<prefix>-dr`: the roles are `<rolePrefix>-BirdAgentECSTaskExecutionRole` and `-BirdAgentECSTaskRole`. */
  readonly rolePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** The cluster log group every container writes to. */
  readonly logGroupName: string;
  /** The ECR repositories the tasks pull from. */
  readonly repositoryArns: readonly string[];
  /** ARNs of the secrets injected at start (and re-read at run time). */
  readonly secretArns: readonly string[];
  /** The data layer's Secrets Manager key (used through Secrets Manager only). */
  readonly secretsKeyArn: string;
  /** Foundation-model ARNs the application may invoke (empty: no Bedrock statement). */
  readonly modelArns: readonly string[];
  readonly mediaBucketArn: string;
  /** Customer-managed key of the tables (the data layer's rds key), used through DynamoDB only. */
  readonly tablesKeyArn: string;
  /** The sessions, events and configurations tables (ARNs in this region; global tables share names). */
  readonly tables: { readonly sessions: string; readonly events: string; readonly configurations: string };
  /** `rds-db:connect` resource of the application user (`arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/<user>`). */
  readonly databaseUserArn: string;
  /**
   * The multimodal processing queue: the conversation manager sends to it, the multimodal
   * processor receives from it.
   * @default - none (the standby region has no queue)
   */
  readonly multimodalQueueArn?: string;
  /**
   * The agent event bus the services publish `agent.multimodal` and `agent.metrics` events to.
   * @default - none (the standby region has no bus)
   */
  readonly eventBusArn?: string;
}

export interface ServiceRoles {
  /** BirdAgentECSTaskExecutionRole: the ECS agent (image pull, logs, secrets injection). */
  readonly execution: EcsTaskRole;
  /** BirdAgentECSTaskRole: the application of both services. */
  readonly task: EcsTaskRole;
}

/**
 * The seed's two ECS roles, per environment and region, least privilege:
 * - BirdAgentECSTaskExecutionRole (in place of AmazonECSTaskExecutionRolePolicy, which allows
 *   every repository and log group of the account): ECR token, pull from the two repositories,
 *   write streams of the cluster log group, read the injected secrets and decrypt them through
 *   Secrets Manager;
 * - BirdAgentECSTaskRole, shared by both services as the seed names one: Bedrock invoke of the
 *   configured models, Rekognition detection, the media bucket, the three tables, the secrets (the
 *   application re-reads them after a rotation), `rds-db:connect` as the application user, the
 *   multimodal queue, X-Ray (the daemon sidecar) and metrics in the BirdAgent namespace.
 */
export function serviceRoles(scope: Construct, idPrefix: string, s: ServiceRoleScope): ServiceRoles {
  const { accountId, region } = s;
  const secretArns = [...new Set(s.secretArns)];
  const viaSecretsManager = { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } };
  const decryptSecrets: PolicyStatement = { Sid: 'DecryptSecretsThroughSecretsManager', Effect: 'Allow', Action: 'kms:Decrypt', Resource: s.secretsKeyArn, Condition: viaSecretsManager };

  const execution = new EcsTaskRole(scope, `${idPrefix}execution-role`, {
    roleName: `${s.rolePrefix}-BirdAgentECSTaskExecutionRole`,
    description: `${s.rolePrefix}: ECS agent of conversation-manager and multimodal-processor (image pull, logs, secrets injection)`,
    accountId,
    region,
    statements: [
      // GetAuthorizationToken supports no resource-level permissions.
      { Sid: 'EcrAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'PullServiceImages', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: [...s.repositoryArns] },
      { Sid: 'WriteClusterLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${region}:${accountId}:log-group:${s.logGroupName}:log-stream:*` },
      { Sid: 'InjectSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns },
      decryptSecrets,
    ],
  });

  const tableArns = [s.tables.sessions, s.tables.events];
  const statements: PolicyStatement[] = [
    ...(s.modelArns.length > 0 ? [{ Sid: 'InvokeConfiguredModels', Effect: 'Allow' as const, Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [...s.modelArns] }] : []),
    // The Detect* APIs have no resource type (Service Authorization Reference), so they take "*";
    // the Deny below removes every Rekognition resource (collections, custom-label project
    // versions, adapters): the tasks analyse images they pass or name in S3, nothing else.
    { Sid: 'DetectInImages', Effect: 'Allow', Action: REKOGNITION_DETECT_ACTIONS, Resource: '*' },
    { Sid: 'NoRekognitionResources', Effect: 'Deny', Action: REKOGNITION_DETECT_ACTIONS, Resource: 'arn:aws:rekognition:*:*:*' },
    { Sid: 'MediaObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${s.mediaBucketArn}/*` },
    // Without ListBucket a missing key answers 403 instead of 404.
    { Sid: 'MediaList', Effect: 'Allow', Action: 's3:ListBucket', Resource: s.mediaBucketArn },
    {
      Sid: 'SessionsAndEvents',
      Effect: 'Allow',
      Action: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      Resource: [...tableArns, ...tableArns.map((arn) => `${arn}/index/*`)],
    },
    // Agent configurations are written by operators, read by the services.
    { Sid: 'ReadConfigurations', Effect: 'Allow', Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'], Resource: [s.tables.configurations, `${s.tables.configurations}/index/*`] },
    {
      Sid: 'UseTheTablesKeyThroughDynamoDb',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: s.tablesKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } },
    },
    { Sid: 'ReadSecrets', Effect: 'Allow', Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Resource: secretArns },
    decryptSecrets,
    { Sid: 'ConnectAsApplicationUser', Effect: 'Allow', Action: 'rds-db:connect', Resource: s.databaseUserArn },
    ...(s.multimodalQueueArn
      ? [
          {
            Sid: 'MultimodalQueue',
            Effect: 'Allow' as const,
            Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SendMessage'],
            Resource: s.multimodalQueueArn,
          },
        ]
      : []),
    ...(s.eventBusArn ? [{ Sid: 'PublishAgentEvents', Effect: 'Allow' as const, Action: 'events:PutEvents', Resource: s.eventBusArn }] : []),
    // The X-Ray daemon sidecar; X-Ray has no resource-level permissions.
    { Sid: 'XRayDaemon', Effect: 'Allow', Action: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
    // PutMetricData supports no resource; the namespace condition keeps it to the seed's namespace.
    { Sid: 'PublishAgentMetrics', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': METRICS_NAMESPACE } } },
  ];
  const task = new EcsTaskRole(scope, `${idPrefix}task-role`, {
    roleName: `${s.rolePrefix}-BirdAgentECSTaskRole`,
    description: `${s.rolePrefix}: conversation-manager and multimodal-processor (Bedrock, Rekognition, media, tables, secrets, database, queue)`,
    accountId,
    region,
    statements,
  });
  return { execution, task };
}
