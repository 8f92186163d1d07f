import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { PolicyStatement, denyInsecureTransport, policyJson } from '../../core/iam/policy-document';
import { suppressRule } from '../../policy/suppressions';
import { RECOVERY_CLASS_TAG, RecoveryClass, isRecoveryClass } from '../../config/recovery-classes';

export type BucketEncryption = { readonly kmsKeyArn: string } | 'S3_MANAGED';

export interface SecureBucketProps extends ProviderScopedProps {
  readonly bucketName: string;
  /**
   * `{ kmsKeyArn }` for SSE-KMS with a bucket key, or `'S3_MANAGED'` where the writing service
   * requires SSE-S3 (ALB access logs, S3 server access logs).
   */
  readonly encryption: BucketEncryption;
  /**
   * Bucket receiving this bucket's server access logs.
   * @default - no access logging (only for the log bucket itself)
   */
  readonly accessLogBucket?: { readonly bucket: string; readonly prefix: string };
  /**
   * Days a noncurrent object version is kept.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Extra lifecycle rules (transitions, expirations) besides the abort-upload and noncurrent rules.
   * @default []
   */
  readonly lifecycleRules?: readonly S3BucketLifecycleConfigurationRule[];
  /**
   * Extra bucket policy statements (service writers); the TLS-only deny is always added.
   * @default []
   */
  readonly policyStatements?: readonly PolicyStatement[];
  /**
   * Allow `terraform destroy` to empty the bucket. Only for unprotected environments.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * What losing the bucket costs (src/config/recovery-classes.ts), written as the `RecoveryClass`
   * tag that S3-09 reads (prod `critical` buckets must replicate to another region).
   * @default - no tag
   */
  readonly recoveryClass?: RecoveryClass;
}

/**
 * An S3 bucket hardened the way S3-01..05 ask: public access blocked (all four flags), ACLs off
 * (BucketOwnerEnforced), default encryption, versioning, a lifecycle that aborts incomplete uploads
 * and expires old versions, a TLS-only policy, and server access logging.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;
  /** Versioning (enabled); replication configurations must depend on it. */
  readonly versioning: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const noncurrentDays = props.noncurrentVersionExpirationDays ?? 90;
    const extraRules = props.lifecycleRules ?? [];
    const recoveryClass = props.recoveryClass;
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
      throw new Error(`SecureBucket: "${props.bucketName}" is not a valid S3 bucket name (3-63 lower-case letters, digits, dots, dashes)`);
    }

    if (recoveryClass !== undefined && !isRecoveryClass(recoveryClass)) {
      throw new Error(`SecureBucket ${props.bucketName}: recoveryClass "${recoveryClass}" is not a recovery class; use critical, rebuildable or log (src/config/recovery-classes.ts)`);
    }

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      // Without a class: no tags attribute at all, the output of callers that do not classify.
      ...(recoveryClass ? { tags: { [RECOVERY_CLASS_TAG]: recoveryClass } } : {}),
    });
    const bucketId = this.bucket.id;

    new S3BucketOwnershipControls(this, 'ownership', { bucket: bucketId, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucketId,
      rule: [
        props.encryption === 'S3_MANAGED'
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryption.kmsKeyArn }, bucketKeyEnabled: true },
      ],
    });
    this.versioning = new S3BucketVersioningA(this, 'versioning', { bucket: bucketId, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: bucketId,
      dependsOn: [this.versioning],
      rule: [
        { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{}], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
        { id: 'expire-noncurrent-versions', status: 'Enabled', filter: [{}], noncurrentVersionExpiration: [{ noncurrentDays }] },
        ...extraRules,
      ],
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: bucketId,
      policy: policyJson({
        Statement: [denyInsecureTransport('s3:*', [this.bucket.arn, `${this.bucket.arn}/*`]), ...(props.policyStatements ?? [])],
      }),
      // A policy put before the public access block could be judged public and rejected.
      dependsOn: [publicAccessBlock],
    });
    if (props.accessLogBucket) {
      new S3BucketLoggingA(this, 'logging', {
        bucket: bucketId,
        targetBucket: props.accessLogBucket.bucket,
        targetPrefix: props.accessLogBucket.prefix,
      });
    } else if (receivesServerAccessLogs(props.policyStatements ?? [])) {
      suppressRule(
        this.bucket,
        'S3-05',
        'Destination of S3 server access logs: logging it into itself would loop and into another bucket only moves the problem; it is private, versioned, TLS-only and lifecycle-expired',
      );
    }
    useProvider(this, props.provider);
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }
}

/** Whether the policy admits S3 server access log delivery (the bucket is an access-log bucket). */
function receivesServerAccessLogs(statements: readonly PolicyStatement[]): boolean {
  return statements.some((s) => {
    if (s.Effect !== 'Allow' || !s.Principal || s.Principal === '*') return false;
    const service = s.Principal.Service;
    return (Array.isArray(service) ? service : [service]).includes('logging.s3.amazonaws.com');
  });
}
