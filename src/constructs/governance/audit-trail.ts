import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { policyJson } from '../../core/iam/policy-document';
import { EncryptionKey } from '../security/kms-key';
import { BucketReplication } from '../storage/bucket-replication';
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
  /**
   * Replicate the trail's bucket (audit evidence, unrecoverable) into `<prefix>-cloudtrail-dr-<account>`
   * in another region, with its own key and access-log bucket there. Not with `centralBucket` (the
   * logging account owns that bucket and its copies).
   * @default - no replica
   */
  readonly replica?: { readonly provider: TerraformProvider; readonly region: string };
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
  /** The bucket's replica in `replica.region`, when asked for. */
  readonly replicaBucket?: SecureBucket;
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
    if (central && props.replica) {
      throw new Error(`AuditTrail ${trailName}: replica and centralBucket are both set; the logging account replicates its own bucket, drop replica`);
    }
    if (props.replica && props.replica.region === region) {
      throw new Error(`AuditTrail ${trailName}: replica.region ${region} is the trail's own region; give the DR region`);
    }
    const localBuckets = central ? undefined : this.localBuckets(props, trailArn, retentionDays, forceDestroy);
    this.accessLogBucket = localBuckets?.accessLogBucket;
    this.bucket = localBuckets?.bucket;
    if (localBuckets && props.replica) this.replicaBucket = this.replicate(localBuckets.bucket, props, props.replica, retentionDays, forceDestroy);

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
    const accessLogBucket = this.newAccessLogBucket('access-log-bucket', `${props.namePrefix}-cloudtrail-access-logs-${accountId}`, `${props.namePrefix}-cloudtrail-${accountId}`, accountId, retentionDays, forceDestroy);

    const bucketName = `${props.namePrefix}-cloudtrail-${accountId}`;
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName,
      encryption: { kmsKeyArn: this.key.arn },
      forceDestroy,
      // Audit evidence: lost, it cannot be produced again.
      recoveryClass: 'critical',
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

  /** The DR copy of the trail's bucket: key, access-log bucket and replica in `at.region`, and the replication. */
  private replicate(bucket: SecureBucket, props: AuditTrailProps, at: { readonly provider: TerraformProvider; readonly region: string }, retentionDays: number, forceDestroy: boolean): SecureBucket {
    const { accountId, namePrefix } = props;
    const key = new EncryptionKey(this, 'replica-key', {
      alias: `${namePrefix}-cloudtrail`,
      description: `${namePrefix} CloudTrail log file replicas in ${at.region}`,
      accountId,
      provider: at.provider,
    });
    const logsName = `${namePrefix}-cloudtrail-dr-access-logs-${accountId}`;
    const logs = this.newAccessLogBucket('replica-access-log-bucket', logsName, `${namePrefix}-cloudtrail-dr-${accountId}`, accountId, retentionDays, forceDestroy, at.provider);
    const replica = new SecureBucket(this, 'replica-bucket', {
      bucketName: `${namePrefix}-cloudtrail-dr-${accountId}`,
      encryption: { kmsKeyArn: key.arn },
      forceDestroy,
      recoveryClass: 'critical',
      accessLogBucket: { bucket: logs.name, prefix: 'cloudtrail-dr/' },
      lifecycleRules: [{ id: 'expire-audit-logs', status: 'Enabled', filter: [{}], expiration: [{ days: retentionDays }] }],
      provider: at.provider,
    });
    new BucketReplication(this, 'replication', {
      source: bucket,
      sourceKmsKeyArn: this.key.arn,
      sourceRegion: props.region,
      destination: replica,
      destinationKmsKeyArn: key.arn,
      destinationRegion: at.region,
      accountId,
      roleName: `${namePrefix}-cloudtrail-replication`,
    });
    return replica;
  }
  /** The SSE-S3 bucket S3 server access logs of `sourceBucket` go to (only S3 logging may write, for that bucket). */
  private newAccessLogBucket(id: string, name: string, sourceBucket: string, accountId: string, retentionDays: number, forceDestroy: boolean, provider?: TerraformProvider): SecureBucket {
    return new SecureBucket(this, id, {
      bucketName: name,
      encryption: 'S3_MANAGED',
      forceDestroy,
      recoveryClass: 'log',
      lifecycleRules: [{ id: 'expire-access-logs', status: 'Enabled', filter: [{}], expiration: [{ days: retentionDays }] }],
      policyStatements: [
        {
          Sid: 'S3ServerAccessLogs',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${name}/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': accountId },
            ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${sourceBucket}` },
          },
        },
      ],
      provider,
    });
  }
}
