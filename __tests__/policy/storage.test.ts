import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { TerraformStack, Testing } from 'cdktf';
import { SecureBucket } from '../../src/constructs/storage/secure-bucket';
import { StackContext, groupStacks } from '../../src/policy/context';
import { S3_CROSS_REGION_REPLICATION_RULE } from '../../src/policy/rules/storage';
import { add, doc, expectCompliant, expectViolation, json, ref, stackOf } from './harness';

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

describe('S3-09 cross-region replication of critical buckets', () => {
  // Not yet in the pack (registered once every real stack complies): run the exported rule directly.
  const check = (stack: TerraformStack, address: string): any => {
    const { model, group } = groupStacks([doc(stack)]).find((g) => g.model.name === stack.node.id)!;
    return S3_CROSS_REGION_REPLICATION_RULE.check(model.byAddress.get(address)!, new StackContext(model, group));
  };
  const tagged = (stack: TerraformStack, id: string, cls?: string) => add(stack, S3Bucket, id, { bucket: `${id}-bucket`, ...(cls ? { tags: { RecoveryClass: cls } } : {}) });
  const replicate = (stack: TerraformStack, source: S3Bucket, destination: string) =>
    add(stack, S3BucketReplicationConfigurationA, `${source.friendlyUniqueId}-replication`, {
      bucket: ref(source, 'bucket'),
      role: 'arn:aws:iam::111111111111:role/replication',
      rule: [{ id: 'all', status: 'Enabled', filter: {}, delete_marker_replication: { status: 'Enabled' }, destination: { bucket: destination } }],
    });

  it('is compliant for a critical prod bucket replicated to another bucket (cross-stack ARN) and for rebuildable/log buckets', () => {
    const stack = stackOf('bidops-prod-data');
    const documents = tagged(stack, 'documents', 'critical');
    replicate(stack, documents, 'arn:aws:s3:::documents-bucket-west');
    tagged(stack, 'assets', 'rebuildable');
    tagged(stack, 'logs', 'log');
    for (const id of ['documents', 'assets', 'logs']) expect(check(stack, `aws_s3_bucket.${id}`)).toEqual({ status: 'compliant' });
  });
  it('accepts a destination bucket built in the same stack (reference), and that replica itself', () => {
    const stack = stackOf('bidops-prod-data');
    const documents = tagged(stack, 'documents', 'critical');
    const replica = tagged(stack, 'replica', 'critical');
    replicate(stack, documents, ref(replica, 'arn'));
    expect(check(stack, 'aws_s3_bucket.documents')).toEqual({ status: 'compliant' });
    // The replica is the other region's copy: it need not replicate again.
    expect(check(stack, 'aws_s3_bucket.replica')).toEqual({ status: 'compliant' });
  });
  it('fails a prod bucket without a class, with an unknown class, and a critical bucket that does not replicate or replicates into itself', () => {
    const stack = stackOf('bidops-prod-data');
    tagged(stack, 'plain');
    tagged(stack, 'odd', 'precious');
    tagged(stack, 'lonely', 'critical');
    const self = tagged(stack, 'self', 'critical');
    replicate(stack, self, ref(self, 'arn'));
    const results = Object.fromEntries(['plain', 'odd', 'lonely', 'self'].map((id) => [id, check(stack, `aws_s3_bucket.${id}`)]));
    expect(results.plain).toMatchObject({ status: 'non-compliant', attribute: 'tags.RecoveryClass' });
    expect(results.plain.message).toContain('declare its class');
    expect(results.odd).toMatchObject({ status: 'non-compliant', attribute: 'tags.RecoveryClass' });
    expect(results.lonely).toMatchObject({ status: 'non-compliant', attribute: 'aws_s3_bucket_replication_configuration' });
    expect(results.lonely.message).toContain('is missing on a critical bucket');
    expect(results.self.message).toContain('replicates the bucket into itself');
  });
  it('applies to the bootstrap stack (prod-grade) but not to dev/staging', () => {
    const bootstrap = stackOf('bootstrap');
    tagged(bootstrap, 'state', 'critical');
    expect(check(bootstrap, 'aws_s3_bucket.state')).toMatchObject({ status: 'non-compliant' });
    const dev = stackOf('bidops-dev-data');
    tagged(dev, 'state', 'critical');
    tagged(dev, 'plain');
    expect(check(dev, 'aws_s3_bucket.state')).toEqual({ status: 'not-applicable' });
    expect(check(dev, 'aws_s3_bucket.plain')).toEqual({ status: 'not-applicable' });
  });
  it('SecureBucket writes the RecoveryClass tag only when given, and rejects an unknown class', () => {
    const stack = stackOf('bidops-prod-data');
    new SecureBucket(stack, 'classified', { bucketName: 'classified-bucket', encryption: 'S3_MANAGED', recoveryClass: 'rebuildable' });
    new SecureBucket(stack, 'unclassified', { bucketName: 'unclassified-bucket', encryption: 'S3_MANAGED' });
    const synthesized = JSON.parse(Testing.synth(stack)).resource.aws_s3_bucket;
    expect(synthesized[findBucket(stack, 'classified').split('.')[1]].tags).toEqual({ RecoveryClass: 'rebuildable' });
    expect(synthesized[findBucket(stack, 'unclassified').split('.')[1]]).not.toHaveProperty('tags');
    expect(() => new SecureBucket(stack, 'bad', { bucketName: 'bad-bucket', encryption: 'S3_MANAGED', recoveryClass: 'precious' as any })).toThrow(
      'SecureBucket bad-bucket: recoveryClass "precious" is not a recovery class; use critical, rebuildable or log',
    );
  });
});
