import { lifecycleRules } from '../../src/components/bucket-lifecycle';
import { S3_ACCESS_LOG_PREFIX, addLogsBucket } from '../../src/components/logs-bucket';
import { BucketLifecycleConfig } from '../../src/config/layers/data';
import { BucketReplication } from '../../src/constructs/storage/bucket-replication';
import { BucketEncryption, SecureBucket } from '../../src/constructs/storage/secure-bucket';
import { suppressRule } from '../../src/policy/suppressions';
import { DataScope, outputName } from './data-scope';

/** Why a bucket that asks for SSE-S3 is not SSE-KMS (S3-03). */
const SSE_S3_REASON = 'The seed asks SSE-S3 (AES-256) for agent-media-bucket: multimodal uploads and the downstream readers need no KMS grant; private, TLS-only, versioned and access-logged (docs/DEVIATIONS.md)';

/**
 * The seed's buckets: the logs bucket (`agent-logs`: SSE-S3 as ALB and S3 access logs require,
 * STANDARD_IA after 30 days, Glacier and expiry as configured) and the configured ones (`agent-media`,
 * `agent-config`), each private, versioned, TLS-only and access-logged, encrypted as configured, with
 * its lifecycle. In prod the ones marked `replicate` go to `-west` buckets in the DR region (S3
 * Replication Time Control), logged there to a `-west` logs bucket.
 */
export function addBuckets(at: DataScope): SecureBucket[] {
  const { stack, keys, dr } = at;
  const { config } = stack;
  const data = stack.section('data');
  const protect = config.protectStatefulResources;
  const specs = Object.entries(data.buckets ?? {});
  const logsOptions = { expireAfterDays: data.logsBucketExpirationDays ?? 90, glacierAfterDays: data.logsBucketGlacierAfterDays };

  const logs = addLogsBucket(stack, { ...logsOptions, bucketName: stack.bucketName('agent-logs') });
  stack.publish('logs_bucket_name', logs.name, { description: 'Name of the logs bucket, the seed agent-logs-bucket (ALB and S3 server access logs)', sample: stack.bucketName('agent-logs') });
  stack.publish('logs_bucket_arn', logs.arn, { description: 'ARN of the logs bucket', sample: `arn:aws:s3:::${stack.bucketName('agent-logs')}` });
  // The secondary region's logs bucket: its replicas' access logs and the standby load balancers' logs.
  const drLogs = dr ? addLogsBucket(stack, { ...logsOptions, id: 'dr-bucket-logs', bucketName: stack.bucketName('agent-logs-west'), provider: dr.provider, region: dr.region }) : undefined;
  if (drLogs) {
    stack.publish('dr_logs_bucket_name', drLogs.name, { description: 'Name of the logs bucket in the secondary region (replica access logs, standby load balancer logs)', sample: stack.bucketName('agent-logs-west') });
  }

  const encryption = (spec: BucketLifecycleConfig, kmsKeyArn: string): BucketEncryption => (spec.encryption === 'S3_MANAGED' ? 'S3_MANAGED' : { kmsKeyArn });
  const buckets: SecureBucket[] = [];
  for (const [purpose, spec] of specs) {
    const name = stack.bucketName(purpose);
    const bucket = new SecureBucket(stack, `bucket-${purpose}`, {
      bucketName: name,
      encryption: encryption(spec, keys.s3.arn),
      accessLogBucket: { bucket: logs.name, prefix: `${S3_ACCESS_LOG_PREFIX}/${purpose}/` },
      lifecycleRules: lifecycleRules(spec),
      forceDestroy: !protect,
      recoveryClass: spec.recoveryClass,
    });
    if (spec.encryption === 'S3_MANAGED') suppressRule(bucket.bucket, 'S3-03', SSE_S3_REASON);
    const out = `${outputName(purpose)}_bucket`;
    stack.publish(`${out}_name`, bucket.name, { description: `Name of the ${purpose} bucket`, sample: name });
    stack.publish(`${out}_arn`, bucket.arn, { description: `ARN of the ${purpose} bucket`, sample: `arn:aws:s3:::${name}` });
    buckets.push(bucket);

    if (dr && keys.dr && drLogs && spec.replicate) {
      const replicaName = stack.bucketName(`${purpose}-west`);
      const replica = new SecureBucket(stack, `dr-bucket-${purpose}`, {
        bucketName: replicaName,
        encryption: encryption(spec, keys.dr.s3.arn),
        accessLogBucket: { bucket: drLogs.name, prefix: `${S3_ACCESS_LOG_PREFIX}/${purpose}-west/` },
        lifecycleRules: lifecycleRules(spec),
        forceDestroy: !protect,
        recoveryClass: spec.recoveryClass,
        provider: dr.provider,
      });
      if (spec.encryption === 'S3_MANAGED') suppressRule(replica.bucket, 'S3-03', SSE_S3_REASON);
      new BucketReplication(stack, `replication-${purpose}`, {
        source: { name: bucket.name, arn: bucket.arn, versioning: bucket.versioning },
        // SSE-S3 objects replicate as they are; objects put with SSE-KMS under the s3 key are
        // re-encrypted with its twin in the DR region.
        sourceKmsKeyArn: keys.s3.arn,
        sourceRegion: config.region,
        destination: { arn: replica.arn, versioning: replica.versioning },
        destinationKmsKeyArn: keys.dr.s3.arn,
        destinationRegion: dr.region,
        accountId: config.accountId,
        roleName: `${stack.prefix}-${purpose}-replication`,
        replicationTimeControl: true,
      });
      stack.publish(`${out}_replica_name`, replica.name, { description: `Name of the ${purpose} bucket's replica in ${dr.region}`, sample: replicaName });
      stack.publish(`${out}_replica_arn`, replica.arn, { description: `ARN of the ${purpose} bucket's replica in ${dr.region}`, sample: `arn:aws:s3:::${replicaName}` });
    }
  }
  return buckets;
}
