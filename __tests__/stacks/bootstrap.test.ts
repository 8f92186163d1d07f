import { Testing } from 'cdktf';
import { BootstrapStack } from '../../stacks/bootstrap';
import { loadStateConfig } from '../../src/config/platform';
import { DEFAULT_STATE, Json, PLATFORM, parsed, resourcesOf, synthJson } from '../helpers';

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
