import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { policyJson } from '../../core/iam/policy-document';
import { EncryptionKey } from '../security/kms-key';
import { SecureBucket } from '../storage/secure-bucket';

export interface AuditTrailProps {
  /** Name prefix (`<system>-<env>`): trail `<prefix>-trail`, buckets `<prefix>-cloudtrail[-access-logs]-<account>`. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** KMS key ARN of the CloudWatch log group (its policy must admit CloudWatch Logs). */
  readonly logsKmsKeyArn: string;
  /**
   * Retention of the CloudWatch Logs copy and of the trail objects in S3, in days.
   * @default 365
   */
  readonly retentionDays?: number;
  /**
   * Allow `terraform destroy` to empty the buckets (unprotected environments only).
   * @default false
   */
  readonly forceDestroy?: boolean;
}

/**
 * A multi-region CloudTrail with global service events and log file validation, encrypted with its
 * own KMS key, delivered to a dedicated private bucket (itself access-logged to a second bucket) and
 * to a CloudWatch log group through a role only this trail can assume.
 */
export class AuditTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly key: EncryptionKey;
  readonly bucket: SecureBucket;
  readonly accessLogBucket: SecureBucket;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 365;
    if (!LOG_RETENTION_DAYS.includes(retentionDays) || retentionDays < 365) {
      throw new Error(`AuditTrail: retentionDays ${retentionDays} must be a CloudWatch Logs retention value of at least 365 (audit logs are kept a year)`);
    }
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`AuditTrail: accountId "${props.accountId}" is not a 12-digit account ID`);
    const { accountId, region } = props;
    const trailName = `${props.namePrefix}-trail`;
    const trailArn = `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`;
    const forceDestroy = props.forceDestroy ?? false;

    this.key = new EncryptionKey(this, 'key', {
      alias: `${props.namePrefix}-cloudtrail`,
      description: `${props.namePrefix} CloudTrail log files`,
      accountId,
      services: [{ servicePrincipal: 'cloudtrail.amazonaws.com', conditions: { StringEquals: { 'aws:SourceArn': trailArn } } }],
    });

    this.accessLogBucket = new SecureBucket(this, 'access-log-bucket', {
      bucketName: `${props.namePrefix}-cloudtrail-access-logs-${accountId}`,
      encryption: 'S3_MANAGED',
      forceDestroy,
      lifecycleRules: [{ id: 'expire-access-logs', status: 'Enabled', filter: [{}], expiration: [{ days: retentionDays }] }],
      policyStatements: [
        {
          Sid: 'S3ServerAccessLogs',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${props.namePrefix}-cloudtrail-access-logs-${accountId}/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${props.namePrefix}-cloudtrail-${accountId}` },
          },
        },
      ],
    });

    const bucketName = `${props.namePrefix}-cloudtrail-${accountId}`;
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName,
      encryption: { kmsKeyArn: this.key.arn },
      forceDestroy,
      accessLogBucket: { bucket: this.accessLogBucket.name, prefix: 'cloudtrail/' },
      lifecycleRules: [{ id: 'expire-audit-logs', status: 'Enabled', filter: [{}], expiration: [{ days: retentionDays }] }],
      policyStatements: [
        {
          Sid: 'AWSCloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: `arn:aws:s3:::${bucketName}`,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
        {
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${bucketName}/AWSLogs/${accountId}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
        },
      ],
    });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/cloudtrail/${props.namePrefix}`,
      retentionInDays: retentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });

    const role = new IamRole(this, 'cloudwatch-role', {
      name: `${props.namePrefix}-cloudtrail-to-logs`,
      assumeRolePolicy: policyJson({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': accountId, 'aws:SourceArn': trailArn } },
          },
        ],
      }),
    });
    const rolePolicy = new IamRolePolicy(this, 'cloudwatch-role-policy', {
      role: role.id,
      name: 'deliver-to-cloudwatch-logs',
      policy: policyJson({
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `${this.logGroup.arn}:log-stream:*`,
          },
        ],
      }),
    });

    this.trail = new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: this.bucket.name,
      kmsKeyId: this.key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      dependsOn: [this.bucket.policy, rolePolicy],
    });
  }
}
