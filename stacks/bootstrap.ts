import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { LocalBackend, S3Backend, TerraformOutput, TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PlatformConfig, StateConfig } from '../src/config/platform';
import { SecureBucket } from '../src/constructs/storage/secure-bucket';
import { EncryptionKey } from '../src/constructs/security/kms-key';
import { BucketReplication } from '../src/constructs/storage/bucket-replication';
import { BOOTSTRAP_STACK } from '../src/core/names';

/** File of the bootstrap's local state, under the state config's `localDir` (`terraform-state/`). */
export const BOOTSTRAP_LOCAL_STATE_FILE = 'bootstrap.tfstate';
/** Key of the bootstrap's state once migrated into the bucket (`BOOTSTRAP_STATE=s3`). */
export const BOOTSTRAP_STATE_KEY = 'bootstrap/terraform.tfstate';

export interface BootstrapStackProps {
  readonly state: StateConfig;
  readonly platform: PlatformConfig;
}

/**
 * Creates what the S3 backend of every other stack needs, named exactly as backend.tf.json says:
 * the state bucket (versioned, SSE-KMS, private, TLS-only, access-logged, old versions expired),
 * its access-log bucket, the KMS key, and the DynamoDB lock table. Its own state is local: it must
 * exist before the bucket does (migrate it into the bucket afterwards if you like). Unless turned
 * off (`state.replica` undefined), the state bucket replicates into a bucket in another region,
 * with its own key and access-log bucket there (docs/bootstrap.md: disaster recovery).
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, BOOTSTRAP_STACK);
    const { s3 } = props.state;
    const account = props.platform.stateAccountId;

    // Its own state cannot start in the bucket it creates: first under terraform-state/ at the
    // project root (outside cdktf.out, which synth rewrites), then migrated into the bucket.
    if (props.state.bootstrapBackend === 's3') {
      new S3Backend(this, { bucket: s3.bucket, key: BOOTSTRAP_STATE_KEY, region: s3.region, encrypt: s3.encrypt, kmsKeyId: s3.kmsKeyId, dynamodbTable: s3.dynamodbTable });
      if (s3.locking !== 'dynamodb') this.addOverride('terraform.backend.s3.use_lockfile', true);
    } else {
      new LocalBackend(this, { path: `${props.state.localDir}/${BOOTSTRAP_LOCAL_STATE_FILE}` });
    }
    const defaultTags = [
      {
        tags: {
          Project: props.platform.project,
          System: 'platform',
          Environment: 'shared',
          Layer: 'bootstrap',
          Owner: props.platform.owner,
          CostCenter: props.platform.costCenter,
          ManagedBy: 'terraform-cdktf',
        },
      },
    ];
    new AwsProvider(this, 'aws', { region: s3.region, allowedAccountIds: [account], defaultTags });

    // The backend may name the key by alias ARN; create that alias so the names line up.
    const aliasFromBackend = s3.kmsKeyId?.match(/:alias\/(.+)$/)?.[1];
    const key = new EncryptionKey(this, 'state-key', {
      alias: aliasFromBackend ?? s3.bucket,
      description: 'Encrypts Terraform state objects and the lock table',
      accountId: account,
    });

    const logs = accessLogsBucket(this, 'access-logs', s3.bucket, account);

    const state = new SecureBucket(this, 'state', {
      bucketName: s3.bucket,
      encryption: { kmsKeyArn: key.arn },
      accessLogBucket: { bucket: logs.name, prefix: `${s3.bucket}/` },
      // Old state versions are the undo history of every stack: keep them a year.
      noncurrentVersionExpirationDays: 365,
      recoveryClass: 'critical',
    });

    const locks = new DynamodbTable(this, 'lock-table', {
      name: s3.dynamodbTable ?? `${s3.bucket}-locks`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
      deletionProtectionEnabled: true,
    });

    const protectedResources = [key.key, state.bucket, logs.bucket, locks];
    const replica = props.state.replica;
    if (replica) {
      // The state of every stack cannot be re-created: a copy in another region survives the loss
      // of the state region. The lock table is not copied (a DR run locks with S3 lockfiles).
      const provider = new AwsProvider(this, 'aws-replica', { alias: 'replica', region: replica.region, allowedAccountIds: [account], defaultTags });
      // Same alias name in the replica region, so a DR backend names the key the same way.
      const replicaKey = new EncryptionKey(this, 'state-replica-key', {
        alias: aliasFromBackend ?? s3.bucket,
        description: `Encrypts the replica of the Terraform state in ${replica.region}`,
        accountId: account,
        provider,
      });
      const replicaLogs = accessLogsBucket(this, 'replica-access-logs', replica.bucket, account, provider);
      const replicaBucket = new SecureBucket(this, 'state-replica', {
        bucketName: replica.bucket,
        encryption: { kmsKeyArn: replicaKey.arn },
        accessLogBucket: { bucket: replicaLogs.name, prefix: `${replica.bucket}/` },
        noncurrentVersionExpirationDays: 365,
        recoveryClass: 'critical',
        provider,
      });
      new BucketReplication(this, 'state-replication', {
        source: state,
        sourceKmsKeyArn: key.arn,
        sourceRegion: s3.region,
        destination: replicaBucket,
        destinationKmsKeyArn: replicaKey.arn,
        destinationRegion: replica.region,
        accountId: account,
        roleName: `${s3.bucket}-replication`.slice(0, 64),
      });
      protectedResources.push(replicaKey.key, replicaBucket.bucket, replicaLogs.bucket);
      new TerraformOutput(this, 'state_replica_bucket_name', { value: replicaBucket.name, description: `Replica of the remote-state bucket in ${replica.region}`, staticId: true });
      new TerraformOutput(this, 'state_replica_kms_key_arn', { value: replicaKey.arn, description: `KMS key of the state replica in ${replica.region}`, staticId: true });
    }
    for (const resource of protectedResources) resource.lifecycle = { preventDestroy: true };

    new TerraformOutput(this, 'state_bucket_name', { value: state.name, description: 'Remote-state bucket', staticId: true });
    new TerraformOutput(this, 'state_kms_key_arn', { value: key.arn, description: 'KMS key of the state objects', staticId: true });
    new TerraformOutput(this, 'lock_table_name', { value: locks.name, description: 'DynamoDB lock table', staticId: true });
  }
}

/** Bucket policy statement admitting S3 server access logs of this account. */
function accessLogWriter(bucketName: string, account: string) {
  return {
    Sid: 'S3ServerAccessLogs',
    Effect: 'Allow' as const,
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `arn:aws:s3:::${bucketName}/*`,
    Condition: { StringEquals: { 'aws:SourceAccount': account } },
  };
}

/** The `<bucket>-access-logs` bucket the S3 server access logs of `bucket` go to (kept a year). */
function accessLogsBucket(scope: Construct, id: string, bucket: string, account: string, provider?: TerraformProvider): SecureBucket {
  const name = `${bucket}-access-logs`;
  return new SecureBucket(scope, id, {
    bucketName: name,
    // S3 server access logging can only write to SSE-S3 buckets.
    encryption: 'S3_MANAGED',
    noncurrentVersionExpirationDays: 30,
    lifecycleRules: [{ id: 'expire-access-logs', status: 'Enabled', filter: [{}], expiration: [{ days: 365 }] }],
    policyStatements: [accessLogWriter(name, account)],
    recoveryClass: 'log',
    provider,
  });
}
