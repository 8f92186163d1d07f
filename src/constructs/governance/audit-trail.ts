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
  /**
   * Deliver the log files to a bucket in another account (a central logging account) instead of
   * a bucket of this one. That bucket's policy must admit this trail (see `centralLoggingStatements`).
   * @default - a dedicated bucket in this account
   */
  readonly centralBucket?: CentralTrailBucket;
}

export interface CentralTrailBucket {
  readonly bucketName: string;
  /** Key prefix inside the bucket, for example `<system>/<env>/cloudtrail`. */
  readonly keyPrefix: string;
  /**
   * KMS key (in the logging account) for the log files.
   * @default - this trail's own key
   */
  readonly kmsKeyArn?: string;
}

/**
 * A multi-region CloudTrail with global service events and log file validation, encrypted with its
 * own KMS key, delivered to a dedicated private bucket (itself access-logged to a second bucket) and
 * to a CloudWatch log group through a role only this trail can assume.
 */
export class AuditTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly key: EncryptionKey;
  /** The trail's bucket; undefined when it delivers to a central bucket. */
  readonly bucket?: SecureBucket;
  readonly accessLogBucket?: SecureBucket;
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

    const central = props.centralBucket;
    if (central && !/^[A-Za-z0-9!_.*'()/-]{1,200}$/.test(central.keyPrefix)) {
      throw new Error(`AuditTrail ${trailName}: centralBucket.keyPrefix "${central.keyPrefix}" is not an S3 key prefix CloudTrail accepts; use for example system/env/cloudtrail`);
    }
    const localBuckets = central ? undefined : this.localBuckets(props, trailArn, retentionDays, forceDestroy);
    this.accessLogBucket = localBuckets?.accessLogBucket;
    this.bucket = localBuckets?.bucket;

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
      s3BucketName: central ? central.bucketName : this.bucket!.name,
      s3KeyPrefix: central?.keyPrefix,
      kmsKeyId: central?.kmsKeyArn ?? this.key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      dependsOn: [...(this.bucket ? [this.bucket.policy] : []), rolePolicy],
    });
  }

  private localBuckets(props: AuditTrailProps, trailArn: string, retentionDays: number, forceDestroy: boolean): { bucket: SecureBucket; accessLogBucket: SecureBucket } {
    const accountId = props.accountId;
    const accessLogBucket = new SecureBucket(this, 'access-log-bucket', {
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
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName,
      encryption: { kmsKeyArn: this.key.arn },
      forceDestroy,
      accessLogBucket: { bucket: accessLogBucket.name, prefix: 'cloudtrail/' },
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
    return { bucket, accessLogBucket };
  }
}
