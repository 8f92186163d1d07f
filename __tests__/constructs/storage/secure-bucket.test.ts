import { Testing } from 'cdktf';
import { SecureBucket, SecureBucketProps } from '../../../src/constructs/storage/secure-bucket';
import { Json, parsed, resourcesOf } from '../../helpers';

function synth(props: Partial<SecureBucketProps>): Json {
  return JSON.parse(Testing.synthScope((scope) => new SecureBucket(scope, 'b', { bucketName: 'demo-dev-docs-123456789012', encryption: { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k' }, ...props })));
}

describe('SecureBucket', () => {
  test('SSE-KMS with a bucket key, or SSE-S3 where a service requires it', () => {
    const [[, kms]] = resourcesOf(synth({}), 'aws_s3_bucket_server_side_encryption_configuration');
    expect(kms.rule[0]).toEqual({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:us-east-1:123456789012:key/k' }, bucket_key_enabled: true });
    const [[, s3]] = resourcesOf(synth({ encryption: 'S3_MANAGED' }), 'aws_s3_bucket_server_side_encryption_configuration');
    expect(s3.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('AES256');
  });

  test('the TLS-only deny comes first and extra statements follow', () => {
    const extra = { Sid: 'Writer', Effect: 'Allow' as const, Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::x/*' };
    const [[, policy]] = resourcesOf(synth({ policyStatements: [extra] }), 'aws_s3_bucket_policy');
    const statements = parsed(policy.policy).Statement;
    expect(statements[0].Sid).toBe('DenyInsecureTransport');
    expect(statements[1]).toEqual(extra);
    expect(policy.depends_on[0]).toMatch(/^aws_s3_bucket_public_access_block\./);
  });

  test('access logging only when a log bucket is given', () => {
    expect(resourcesOf(synth({}), 'aws_s3_bucket_logging')).toEqual([]);
    const [[, logging]] = resourcesOf(synth({ accessLogBucket: { bucket: 'logs', prefix: 'docs/' } }), 'aws_s3_bucket_logging');
    expect(logging).toMatchObject({ target_bucket: 'logs', target_prefix: 'docs/' });
  });

  test('lifecycle keeps the abort and noncurrent rules and appends extra rules', () => {
    const [[, lifecycle]] = resourcesOf(synth({ noncurrentVersionExpirationDays: 30, lifecycleRules: [{ id: 'ia', status: 'Enabled', filter: [{}], transition: [{ days: 90, storageClass: 'STANDARD_IA' }] }] }), 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule.map((r: Json) => r.id)).toEqual(['abort-incomplete-uploads', 'expire-noncurrent-versions', 'ia']);
    expect(lifecycle.rule[1].noncurrent_version_expiration[0].noncurrent_days).toBe(30);
  });

  test('rejects an invalid bucket name', () => {
    expect(() => synth({ bucketName: 'Demo_Bucket' })).toThrow('SecureBucket: "Demo_Bucket" is not a valid S3 bucket name');
  });
});
