import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { AppCapability, ContainerApp } from '../../src/config/systems/lang-portal/apps';
import { EcsTaskRole } from '../../src/constructs/compute/ecs-task-role';
import { adotCollectorTaskRoleStatements } from '../../src/constructs/compute/fargate-service';
import { PolicyStatement } from '../../src/core/iam/policy-document';
import { RemoteLayer } from '../../src/core/layer-stack';

/** The seed's "Container Logging": every container of every service logs here (awslogs). */
export const APP_LOG_GROUP = '/ecs/app-dw';
export const APP_LOG_STREAM_PREFIX = 'ecs';

/** `lang-portal-api` -> `lang_portal_api`: how names appear in output names. */
export const underscored = (name: string): string => name.replace(/-/g, '_');

/**
 * The data layer output holding a secret key of apps.ts: `database-url:<db>` ->
 * `<db_>_database_url_secret_arn`, any other key `<key_>_secret_arn` (`jwt-secret` ->
 * `jwt_secret_secret_arn`, `lang-portal-api-key` -> `lang_portal_api_key_secret_arn`).
 */
export function secretOutputName(secretKey: string): string {
  const [kind, database] = secretKey.split(':');
  return database !== undefined ? `${underscored(database)}_${underscored(kind)}_secret_arn` : `${underscored(kind)}_secret_arn`;
}

/** The ai layer's managed policy (output name) that grants each AWS capability; media is inline. */
export const CAPABILITY_POLICY_OUTPUTS: Readonly<Record<Exclude<AppCapability, 'media-bucket'>, string>> = {
  'bedrock-text': 'bedrock_text_policy_arn',
  'bedrock-image': 'bedrock_image_policy_arn',
  polly: 'polly_policy_arn',
};

export interface AppRolesProps {
  readonly app: ContainerApp;
  readonly prefix: string;
  readonly accountId: string;
  readonly region: string;
  /** The shared awslogs group and the stream prefix every container writes under. */
  readonly logGroupName: string;
  readonly logStreamPrefix: string;
  readonly data: RemoteLayer;
  readonly ai: RemoteLayer;
}

export interface AppRoles {
  readonly execution: EcsTaskRole;
  readonly task: EcsTaskRole;
  /** Secrets Manager ARN by environment variable (the container's `secrets`). */
  readonly secrets: Readonly<Record<string, string>>;
}

/**
 * One app's two roles. Execution (the ECS agent): pull its own repository, write to the shared
 * log group under the stream prefix, read exactly the secrets it injects (and decrypt them through
 * Secrets Manager only). Task (the application): the ADOT collector's X-Ray and EMF statements,
 * read/write of its media bucket (the data key through S3 only), `rds-db:connect` as its database
 * user through the RDS Proxy (IAM auth), and the ai layer's managed policy of each capability.
 */
export function appRoles(scope: Construct, props: AppRolesProps): AppRoles {
  const { app, prefix, accountId, region, data, ai } = props;
  const dataKey = data.string('data_kms_key_arn');
  const via = (service: string) => ({ StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } });
  const secrets = Object.fromEntries(Object.entries(app.secrets).map(([variable, key]) => [variable, data.string(secretOutputName(key))]));
  const secretArns = [...new Set(Object.values(secrets))];
  const logStreams = `arn:aws:logs:${region}:${accountId}:log-group:${props.logGroupName}:log-stream:${props.logStreamPrefix}/*`;

  const execution = new EcsTaskRole(scope, `${app.name}-execution-role`, {
    roleName: `${prefix}-${app.name}-execution`,
    description: `${prefix} ${app.name}: ECS agent (image pull, logs${secretArns.length ? ', secrets injection' : ''})`,
    accountId,
    region,
    statements: [
      // GetAuthorizationToken supports no resource-level permissions.
      { Sid: 'EcrAuth', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'EcrPull', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: data.string(`ecr_${underscored(app.name)}_repository_arn`) },
      { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logStreams },
      ...(secretArns.length
        ? [
            { Sid: 'InjectSecrets', Effect: 'Allow' as const, Action: 'secretsmanager:GetSecretValue', Resource: secretArns },
            { Sid: 'DecryptSecrets', Effect: 'Allow' as const, Action: 'kms:Decrypt', Resource: dataKey, Condition: via('secretsmanager') },
          ]
        : []),
    ],
  });

  const statements: PolicyStatement[] = [...adotCollectorTaskRoleStatements({ region, accountId })];
  if (app.mediaBucket) {
    const bucketArn = data.string(`${underscored(app.mediaBucket)}_bucket_arn`);
    statements.push(
      { Sid: 'MediaObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${bucketArn}/*` },
      // Without ListBucket a missing key answers 403 instead of 404 (the app regenerates on 404).
      { Sid: 'MediaList', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn },
      { Sid: 'MediaKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: dataKey, Condition: via('s3') },
    );
  }
  if (app.database) {
    statements.push({ Sid: 'DatabaseConnect', Effect: 'Allow', Action: 'rds-db:connect', Resource: data.string(`${underscored(app.database)}_proxy_db_user_arn`) });
  }
  const task = new EcsTaskRole(scope, `${app.name}-task-role`, {
    roleName: `${prefix}-${app.name}-task`,
    description: `${prefix} ${app.name} application: ${[...app.capabilities, ...(app.database ? ['database'] : []), 'traces'].join(', ')}`,
    accountId,
    region,
    statements,
  });
  for (const capability of app.capabilities) {
    if (capability === 'media-bucket') continue;
    new IamRolePolicyAttachment(scope, `${app.name}-task-${capability}`, { role: task.name, policyArn: ai.string(CAPABILITY_POLICY_OUTPUTS[capability]) });
  }
  return { execution, task, secrets };
}
