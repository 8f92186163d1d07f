import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { RecoveryClass } from '../config/recovery-classes';
import { BucketReplication } from '../constructs/storage/bucket-replication';
import { SecureBucket } from '../constructs/storage/secure-bucket';
import { LayerStack } from '../core/layer-stack';
import { S3_ACCESS_LOG_PREFIX } from './logs-bucket';

export interface BucketReplicaOptions {
  /** Purpose of the source bucket: construct IDs `dr-bucket-<purpose>` and `replication-<purpose>`. */
  readonly purpose: string;
  /** The bucket replicated (in `sourceRegion`). */
  readonly source: SecureBucket;
  readonly sourceKmsKeyArn: string;
  readonly sourceRegion: string;
  /** Name of the replica bucket. */
  readonly replicaName: string;
  /** Key in the replica region that encrypts the replicas. */
  readonly replicaKmsKeyArn: string;
  /** Provider and region of the replica. */
  readonly provider: TerraformProvider;
  readonly region: string;
  /** Access-log bucket in the replica region and the prefix of the replica's logs. */
  readonly accessLogBucket: { readonly bucket: string; readonly prefix: string };
  readonly accountId: string;
  /** Replication role name (at most 64 characters). */
  readonly roleName: string;
  /**
   * Lifecycle of the replica (usually the source's, so the copy does not outlive the original).
   * @default []
   */
  readonly lifecycleRules?: readonly S3BucketLifecycleConfigurationRule[];
  /**
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * S3 Replication Time Control (99.99 % of objects within 15 minutes; billed per GB).
   * @default true
   */
  readonly replicationTimeControl?: boolean;
  /**
   * Recovery class tag of the replica (the source's class).
   * @default 'critical'
   */
  readonly recoveryClass?: RecoveryClass;
}

/**
 * The replica of a bucket in the DR region (a `SecureBucket` encrypted with the DR key, logging to
 * the DR region's log bucket) and the cross-region replication into it. IDs in `scope`:
 * `dr-bucket-<purpose>`, `replication-<purpose>`.
 */
export function addBucketReplica(scope: Construct, options: BucketReplicaOptions): SecureBucket {
  const replicationTimeControl = options.replicationTimeControl ?? true;
  const recoveryClass = options.recoveryClass ?? 'critical';
  const replica = new SecureBucket(scope, `dr-bucket-${options.purpose}`, {
    bucketName: options.replicaName,
    encryption: { kmsKeyArn: options.replicaKmsKeyArn },
    accessLogBucket: options.accessLogBucket,
    lifecycleRules: options.lifecycleRules ?? [],
    forceDestroy: options.forceDestroy ?? false,
    recoveryClass,
    provider: options.provider,
  });
  new BucketReplication(scope, `replication-${options.purpose}`, {
    source: { name: options.source.name, arn: options.source.arn, versioning: options.source.versioning },
    sourceKmsKeyArn: options.sourceKmsKeyArn,
    sourceRegion: options.sourceRegion,
    destination: { arn: replica.arn, versioning: replica.versioning },
    destinationKmsKeyArn: options.replicaKmsKeyArn,
    destinationRegion: options.region,
    accountId: options.accountId,
    roleName: options.roleName,
    replicationTimeControl,
  });
  return replica;
}

/** Where a layer's replicas go: the secondary region's provider, data key and access-log bucket. */
export interface LayerReplicaTarget {
  readonly region: string;
  readonly provider: TerraformProvider;
  readonly kmsKeyArn: string;
  readonly accessLogBucketName: string;
}

export type LayerBucketReplicaOptions = Pick<BucketReplicaOptions, 'purpose' | 'source' | 'sourceKmsKeyArn' | 'lifecycleRules' | 'forceDestroy' | 'replicationTimeControl' | 'recoveryClass'> & {
  readonly target: LayerReplicaTarget;
};

/**
 * `addBucketReplica` named the way data layers name it: the replica `bucketName('<purpose>-dr')`,
 * its access logs under `s3-access/<purpose>-dr/` of the target's log bucket, the role
 * `<prefix>-<purpose>-replication`, from the stack's own region and account.
 */
export function addLayerBucketReplica(stack: LayerStack, options: LayerBucketReplicaOptions): SecureBucket {
  const { target, purpose, ...rest } = options;
  return addBucketReplica(stack, {
    ...rest,
    purpose,
    sourceRegion: stack.config.region,
    replicaName: stack.bucketName(`${purpose}-dr`),
    replicaKmsKeyArn: target.kmsKeyArn,
    provider: target.provider,
    region: target.region,
    accessLogBucket: { bucket: target.accessLogBucketName, prefix: `${S3_ACCESS_LOG_PREFIX}/${purpose}-dr/` },
    accountId: stack.config.accountId,
    roleName: `${stack.prefix}-${purpose}-replication`,
  });
}
