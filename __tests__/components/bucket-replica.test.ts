import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { addBucketReplica } from '../../src/components/bucket-replica';
import { SecureBucket } from '../../src/constructs/storage/secure-bucket';
import { Json, resourcesOf, synthJson } from '../helpers';
import { expectOfflinePlan } from '../terraform-offline';

function build(options: { replicationTimeControl?: boolean } = {}): Json {
  const stack = new TerraformStack(Testing.app(), 'sys-prod-data');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
  const source = new SecureBucket(stack, 'bucket-documents', { bucketName: 'sys-prod-documents-111111111111', encryption: { kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/source' }, recoveryClass: 'critical' });
  addBucketReplica(stack, {
    purpose: 'documents',
    source,
    sourceKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/source',
    sourceRegion: 'us-east-1',
    replicaName: 'sys-prod-documents-dr-111111111111',
    replicaKmsKeyArn: 'arn:aws:kms:us-west-2:111111111111:key/replica',
    provider: west,
    region: 'us-west-2',
    accessLogBucket: { bucket: 'sys-prod-dr-logs-111111111111', prefix: 's3-access/documents-dr/' },
    accountId: '111111111111',
    roleName: 'sys-prod-documents-replication',
    ...options,
  });
  return synthJson(stack);
}

describe('addBucketReplica', () => {
  const json = build();
  const buckets = Object.fromEntries(resourcesOf(json, 'aws_s3_bucket').map(([id, b]) => [b.bucket, { id, b }]));

  test('replica in the DR region (its provider, DR key, DR access logs), tagged with the source class', () => {
    const replica = buckets['sys-prod-documents-dr-111111111111'];
    expect(replica.id).toMatch(/^dr-bucket-documents_bucket_/);
    expect(replica.b).toMatchObject({ provider: 'aws.us_west_2', tags: { RecoveryClass: 'critical' }, force_destroy: false });
    const sse = resourcesOf(json, 'aws_s3_bucket_server_side_encryption_configuration').find(([, e]) => e.bucket === `\${aws_s3_bucket.${replica.id}.id}`)![1];
    expect(sse.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe('arn:aws:kms:us-west-2:111111111111:key/replica');
    const logging = resourcesOf(json, 'aws_s3_bucket_logging').find(([, l]) => l.bucket === `\${aws_s3_bucket.${replica.id}.id}`)![1];
    expect(logging).toMatchObject({ target_bucket: 'sys-prod-dr-logs-111111111111', target_prefix: 's3-access/documents-dr/', provider: 'aws.us_west_2' });
  });

  test('the source replicates into it with Replication Time Control by default (off on request)', () => {
    const [[id, config]] = resourcesOf(json, 'aws_s3_bucket_replication_configuration');
    expect(id).toMatch(/^replication-documents_configuration_/);
    expect(config.bucket).toBe(`\${aws_s3_bucket.${buckets['sys-prod-documents-111111111111'].id}.bucket}`);
    expect(config.rule[0].destination).toMatchObject({ bucket: `\${aws_s3_bucket.${buckets['sys-prod-documents-dr-111111111111'].id}.arn}`, replication_time: { status: 'Enabled' } });
    const [[, plain]] = resourcesOf(build({ replicationTimeControl: false }), 'aws_s3_bucket_replication_configuration');
    expect(plain.rule[0].destination.replication_time).toBeUndefined();
  });

  test('plans offline against the real provider', () => {
    expectOfflinePlan(json);
  }, 300_000);
});
