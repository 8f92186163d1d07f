import { Testing } from 'cdktf';
import { BootstrapStack } from '../../stacks/bootstrap';
import { loadStateConfig } from '../../src/config/platform';
import { DEFAULT_STATE, Json, PLATFORM, parsed, resourcesOf, synthJson } from '../helpers';
import { expectOfflinePlan } from '../terraform-offline';

const json: Json = synthJson(new BootstrapStack(Testing.app(), { state: DEFAULT_STATE, platform: PLATFORM }));
const byBucket = (name: string) => resourcesOf(json, 'aws_s3_bucket').find(([, b]) => b.bucket === name)!;
function attached(type: string, bucketId: string): Json {
  const found = resourcesOf(json, type).find(([, r]) => r.bucket === `\${aws_s3_bucket.${bucketId}.id}`);
  if (!found) throw new Error(`no ${type} for bucket ${bucketId}`);
  return found[1];
}

describe('BootstrapStack', () => {
  const [stateId, stateBucket] = byBucket('acme-platform-terraform-state');

  test('keeps its own state under terraform-state/ at the project root, outside the synth output', () => {
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform-state/bootstrap.tfstate' } });
  });

  test('BOOTSTRAP_STATE=s3 moves its state into the bucket it created (after terraform init -migrate-state)', () => {
    const migrated = synthJson(new BootstrapStack(Testing.app(), { state: loadStateConfig({ BOOTSTRAP_STATE: 's3' }), platform: PLATFORM }));
    expect(migrated.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-platform-terraform-state',
        key: 'bootstrap/terraform.tfstate',
        region: 'us-east-1',
        encrypt: true,
        kms_key_id: 'arn:aws:kms:us-east-1:111111111111:alias/acme-platform-terraform-state',
        dynamodb_table: 'acme-platform-terraform-locks',
      },
    });
    expect(() => loadStateConfig({ BOOTSTRAP_STATE: 'bucket' })).toThrow('BOOTSTRAP_STATE = "bucket" is not a bootstrap state location. Fix: use local (before the bucket exists) or s3 (after migrating into it).');
  });

  test('state bucket named as in backend.tf.json, never force-destroyed, protected', () => {
    expect(stateBucket.force_destroy).toBe(false);
    expect(stateBucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('state bucket: versioning, SSE-KMS with the state key, public access block, owner-enforced', () => {
    expect(attached('aws_s3_bucket_versioning', stateId).versioning_configuration.status).toBe('Enabled');
    const sse = attached('aws_s3_bucket_server_side_encryption_configuration', stateId).rule[0];
    expect(sse.apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(sse.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(attached('aws_s3_bucket_public_access_block', stateId)).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(attached('aws_s3_bucket_ownership_controls', stateId).rule.object_ownership).toBe('BucketOwnerEnforced');
  });

  test('state bucket policy denies non-TLS access', () => {
    const [deny] = parsed(attached('aws_s3_bucket_policy', stateId).policy).Statement;
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  test('state bucket lifecycle expires noncurrent versions and aborts incomplete uploads', () => {
    const rules = attached('aws_s3_bucket_lifecycle_configuration', stateId).rule;
    expect(rules.find((r: Json) => r.id === 'expire-noncurrent-versions').noncurrent_version_expiration[0].noncurrent_days).toBe(365);
    expect(rules.find((r: Json) => r.id === 'abort-incomplete-uploads').abort_incomplete_multipart_upload[0].days_after_initiation).toBe(7);
  });

  test('state bucket access is logged to a dedicated SSE-S3 bucket', () => {
    const logging = attached('aws_s3_bucket_logging', stateId);
    const [logsId] = byBucket('acme-platform-terraform-state-access-logs');
    expect(logging.target_bucket).toBe(`\${aws_s3_bucket.${logsId}.bucket}`);
    expect(attached('aws_s3_bucket_server_side_encryption_configuration', logsId).rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('AES256');
  });

  test('lock table: LockID hash key, on-demand, PITR, KMS, deletion protection', () => {
    const [[, table]] = resourcesOf(json, 'aws_dynamodb_table');
    expect(table).toMatchObject({
      name: 'acme-platform-terraform-locks',
      hash_key: 'LockID',
      billing_mode: 'PAY_PER_REQUEST',
      attribute: [{ name: 'LockID', type: 'S' }],
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
    });
    expect(table.server_side_encryption.enabled).toBe(true);
  });

  test('the KMS key rotates and carries the alias the backend names', () => {
    const [[, key]] = resourcesOf(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    const [[, alias]] = resourcesOf(json, 'aws_kms_alias');
    expect(alias.name).toBe('alias/acme-platform-terraform-state');
  });
});

describe('BootstrapStack: state replica in another region', () => {
  const replicaName = 'acme-platform-terraform-state-us-west-2';
  const [replicaId, replica] = byBucket(replicaName);
  const [stateId] = byBucket('acme-platform-terraform-state');
  const providers: Json[] = json.provider.aws;

  test('an aliased provider in the replica region builds the replica bucket, its key and its access-log bucket', () => {
    expect(providers.find((p) => p.alias === 'replica')).toMatchObject({ region: 'us-west-2', allowed_account_ids: ['111111111111'] });
    expect(replica.provider).toBe('aws.replica');
    const [logsId, logs] = byBucket(`${replicaName}-access-logs`);
    expect(logs.provider).toBe('aws.replica');
    expect(attached('aws_s3_bucket_logging', replicaId).target_bucket).toBe(`\${aws_s3_bucket.${logsId}.bucket}`);
    const keys = resourcesOf(json, 'aws_kms_key').filter(([, k]) => k.provider === 'aws.replica');
    expect(keys).toHaveLength(1);
    expect(attached('aws_s3_bucket_server_side_encryption_configuration', replicaId).rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(`\${aws_kms_key.${keys[0][0]}.arn}`);
    // The same alias name in the replica region: a DR backend names the key the same way.
    expect(resourcesOf(json, 'aws_kms_alias').filter(([, a]) => a.provider === 'aws.replica').map(([, a]) => a.name)).toEqual(['alias/acme-platform-terraform-state']);
  });

  test('the state bucket replicates into it (KMS objects, delete markers), replica and key protected from destroy', () => {
    const [[, config]] = resourcesOf(json, 'aws_s3_bucket_replication_configuration');
    expect(config.bucket).toBe(`\${aws_s3_bucket.${stateId}.bucket}`);
    expect(config.rule[0].destination.bucket).toBe(`\${aws_s3_bucket.${replicaId}.arn}`);
    expect(config.rule[0].source_selection_criteria.sse_kms_encrypted_objects.status).toBe('Enabled');
    expect(config.rule[0].delete_marker_replication.status).toBe('Enabled');
    expect(replica.lifecycle).toEqual({ prevent_destroy: true });
    for (const [, key] of resourcesOf(json, 'aws_kms_key')) expect(key.lifecycle).toEqual({ prevent_destroy: true });
    expect(json.output.state_replica_bucket_name.value).toBe(`\${aws_s3_bucket.${replicaId}.bucket}`);
  });

  test('buckets carry their recovery class', () => {
    const classes = Object.fromEntries(resourcesOf(json, 'aws_s3_bucket').map(([, b]) => [b.bucket, b.tags?.RecoveryClass]));
    expect(classes).toEqual({
      'acme-platform-terraform-state': 'critical',
      'acme-platform-terraform-state-access-logs': 'log',
      [replicaName]: 'critical',
      [`${replicaName}-access-logs`]: 'log',
    });
  });

  test('TF_STATE_REPLICA_REGION=none builds no replica (today\'s single-region bootstrap)', () => {
    const single = synthJson(new BootstrapStack(Testing.app(), { state: loadStateConfig({ TF_STATE_REPLICA_REGION: 'none' }), platform: PLATFORM }));
    expect(resourcesOf(single, 'aws_s3_bucket')).toHaveLength(2);
    expect(resourcesOf(single, 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
    expect(single.output.state_replica_bucket_name).toBeUndefined();
  });

  test('passes the offline plan against the real provider', () => {
    expectOfflinePlan(json);
  }, 300_000);
});
