import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { TerraformStack } from 'cdktf';
import { SecureBucket } from '../../src/constructs/storage/secure-bucket';
import { add, expectCompliant, expectViolation, json, ref, stackOf } from './harness';

const tlsOnly = (bucket: string) => ({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket, `${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

/** The SecureBucket construct: the compliant reference for S3-01..05. */
function secure(stack: TerraformStack) {
  const logs = new SecureBucket(stack, 'logs', {
    bucketName: 'bidops-dev-logs-1',
    encryption: 'S3_MANAGED',
    policyStatements: [{ Sid: 'S3ServerAccessLogs', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::bidops-dev-logs-1/*' }],
  });
  new SecureBucket(stack, 'data', { bucketName: 'bidops-dev-data-1', encryption: { kmsKeyArn: 'arn:kms' }, accessLogBucket: { bucket: logs.name, prefix: 'data/' } });
}

function bare(stack: TerraformStack, id = 'raw') {
  return add(stack, S3Bucket, id, { bucket: `bidops-dev-${id}` });
}

describe('S3-01 public access', () => {
  it('passes for SecureBucket', () => {
    const stack = stackOf();
    secure(stack);
    expectCompliant('S3-01', stack, findBucket(stack, 'data'));
    expectCompliant('S3-01', stack, findBucket(stack, 'logs'));
  });
  it('fails without a full public access block, with ACLs enabled and a public ACL', () => {
    const stack = stackOf();
    const bucket = bare(stack);
    add(stack, S3BucketPublicAccessBlock, 'pab', { bucket: ref(bucket), block_public_acls: true });
    add(stack, S3BucketOwnershipControls, 'own', { bucket: ref(bucket), rule: { object_ownership: 'ObjectWriter' } });
    add(stack, S3BucketAcl, 'acl', { bucket: ref(bucket), acl: 'public-read' });
    for (const attribute of ['aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls.rule.object_ownership', 'acl']) expectViolation('S3-01', stack, 'aws_s3_bucket.raw', attribute);
  });
});

describe('S3-02 bucket policy', () => {
  it('passes for SecureBucket (TLS-only deny, service principals with conditions)', () => {
    const stack = stackOf();
    secure(stack);
    expectCompliant('S3-02', stack, findBucket(stack, 'data'));
    expectCompliant('S3-02', stack, findBucket(stack, 'logs'));
  });
  it('fails without a policy and with a public unconditioned Allow', () => {
    const stack = stackOf();
    bare(stack);
    expectViolation('S3-02', stack, 'aws_s3_bucket.raw', 'aws_s3_bucket_policy');
    const open = bare(stack, 'open');
    add(stack, S3BucketPolicy, 'policy', { bucket: ref(open), policy: json({ Statement: [tlsOnly('arn:aws:s3:::open'), { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/*' }] }) });
    expectViolation('S3-02', stack, 'aws_s3_bucket.open', 'aws_s3_bucket_policy.policy.policy');
  });
});

describe('S3-03 encryption', () => {
  it('passes for SSE-KMS, and for AES256 on a log bucket', () => {
    const stack = stackOf();
    secure(stack);
    expectCompliant('S3-03', stack, findBucket(stack, 'data'));
    expectCompliant('S3-03', stack, findBucket(stack, 'logs'));
  });
  it('fails for AES256 on a data bucket and for no configuration', () => {
    const stack = stackOf();
    const bucket = bare(stack);
    add(stack, S3BucketServerSideEncryptionConfigurationA, 'sse', { bucket: ref(bucket), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
    bare(stack, 'plain');
    expectViolation('S3-03', stack, 'aws_s3_bucket.raw', 'aws_s3_bucket_server_side_encryption_configuration');
    expectViolation('S3-03', stack, 'aws_s3_bucket.plain', 'aws_s3_bucket_server_side_encryption_configuration');
  });
});

describe('S3-04 versioning and lifecycle', () => {
  it('passes for SecureBucket', () => {
    const stack = stackOf();
    secure(stack);
    expectCompliant('S3-04', stack, findBucket(stack, 'data'));
  });
  it('fails with versioning suspended and a lifecycle without abort/noncurrent rules', () => {
    const stack = stackOf();
    const bucket = bare(stack);
    add(stack, S3BucketVersioningA, 'v', { bucket: ref(bucket), versioning_configuration: { status: 'Suspended' } });
    add(stack, S3BucketLifecycleConfiguration, 'lc', { bucket: ref(bucket), rule: [{ id: 'x', status: 'Enabled', expiration: { days: 30 } }] });
    expectViolation('S3-04', stack, 'aws_s3_bucket.raw', 'aws_s3_bucket_versioning');
    expectViolation('S3-04', stack, 'aws_s3_bucket.raw', 'aws_s3_bucket_lifecycle_configuration');
  });
});

describe('S3-05 access logging', () => {
  it('passes for a bucket logging to the log bucket', () => {
    const stack = stackOf();
    secure(stack);
    expectCompliant('S3-05', stack, findBucket(stack, 'data'));
  });
  it('fails without logging and when logging to itself', () => {
    const stack = stackOf();
    bare(stack);
    expectViolation('S3-05', stack, 'aws_s3_bucket.raw', 'aws_s3_bucket_logging');
    const self = bare(stack, 'self');
    add(stack, S3BucketLoggingA, 'log', { bucket: ref(self), target_bucket: ref(self, 'bucket'), target_prefix: 'x/' });
    expectViolation('S3-05', stack, 'aws_s3_bucket.self', 'aws_s3_bucket_logging.target_bucket');
  });
});

/** Address of the SecureBucket's bucket resource (`aws_s3_bucket.<id>_bucket_<hash>`). */
function findBucket(stack: TerraformStack, id: string): string {
  const bucket = stack.node.findChild(id).node.findChild('bucket') as S3Bucket;
  return `aws_s3_bucket.${bucket.friendlyUniqueId}`;
}
