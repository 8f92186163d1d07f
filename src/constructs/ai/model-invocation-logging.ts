import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { PolicyStatement } from '../../core/iam/policy-document';
import { ServiceRole } from '../security/service-role';

export interface ModelInvocationLoggingProps {
  /** Name prefix of the role (`<name>-role`). */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** Log group receiving the invocation logs (created here). */
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** KMS key of the environment's log groups. */
  readonly logsKmsKeyArn: string;
  /** Bucket that also receives the logs (its policy must admit Bedrock: see `bucketPolicyStatement`). */
  readonly bucketName: string;
  /**
   * Key prefix of the logs in the bucket (no leading or trailing slash).
   * @default 'bedrock-invocation-logs'
   */
  readonly keyPrefix?: string;
  /**
   * Also log embedding requests (large and rarely useful).
   * @default false
   */
  readonly logEmbeddings?: boolean;
}

/** Default S3 key prefix of the invocation logs. */
export const INVOCATION_LOGS_PREFIX = 'bedrock-invocation-logs';

/**
 * The statement the logs bucket's policy must carry so Bedrock can deliver invocation logs
 * (Bedrock writes with its service principal, not with the logging role).
 */
export function invocationLogsBucketStatement(bucketArn: string, accountId: string, region: string, keyPrefix = INVOCATION_LOGS_PREFIX): PolicyStatement {
  return {
    Sid: 'AllowBedrockModelInvocationLogs',
    Effect: 'Allow',
    Principal: { Service: 'bedrock.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${bucketArn}/${keyPrefix}/AWSLogs/${accountId}/BedrockModelInvocationLogs/*`,
    Condition: {
      StringEquals: { 'aws:SourceAccount': accountId },
      ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${region}:${accountId}:*` },
    },
  };
}

/**
 * Account-wide Bedrock model invocation logging (one per account and region) to a KMS-encrypted
 * log group with retention and to S3, with the role Bedrock uses for CloudWatch Logs (trust scoped
 * to this account's Bedrock resources).
 */
export class ModelInvocationLogging extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly role: ServiceRole;
  readonly configuration: BedrockModelInvocationLoggingConfiguration;
  readonly keyPrefix: string;

  constructor(scope: Construct, id: string, props: ModelInvocationLoggingProps) {
    super(scope, id);
    const keyPrefix = props.keyPrefix ?? INVOCATION_LOGS_PREFIX;
    const logEmbeddings = props.logEmbeddings ?? false;
    if (/^\/|\/$/.test(keyPrefix)) throw new Error(`ModelInvocationLogging ${props.name}: key prefix "${keyPrefix}" must not start or end with /`);
    if (!props.logsKmsKeyArn) throw new Error(`ModelInvocationLogging ${props.name}: logsKmsKeyArn is empty; every log group is KMS-encrypted (LOG-01)`);
    this.keyPrefix = keyPrefix;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });

    const groupArn = `arn:aws:logs:${props.region}:${props.accountId}:log-group:${props.logGroupName}`;
    this.role = new ServiceRole(this, 'role', {
      roleName: `${props.name}-role`,
      description: 'Bedrock model invocation logging: writes to its log group',
      servicePrincipal: 'bedrock.amazonaws.com',
      sourceAccount: props.accountId,
      sourceArn: `arn:aws:bedrock:${props.region}:${props.accountId}:*`,
      statements: [
        { Sid: 'WriteInvocationLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [groupArn, `${groupArn}:log-stream:*`] },
      ],
    });

    this.configuration = new BedrockModelInvocationLoggingConfiguration(this, 'configuration', {
      loggingConfig: {
        textDataDeliveryEnabled: true,
        imageDataDeliveryEnabled: false,
        videoDataDeliveryEnabled: false,
        embeddingDataDeliveryEnabled: logEmbeddings,
        cloudwatchConfig: { logGroupName: this.logGroup.name, roleArn: this.role.arn },
        s3Config: { bucketName: props.bucketName, keyPrefix },
      },
      dependsOn: [this.role.policy],
    });
  }
}
