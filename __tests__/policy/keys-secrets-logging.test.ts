import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { add, expectCompliant, expectNotApplicable, expectViolation, json, ref, stackOf } from './harness';

describe('KMS-01 rotation', () => {
  it('passes for EncryptionKey (rotation on); n/a for asymmetric keys', () => {
    const stack = stackOf('bidops-dev-network');
    new EncryptionKey(stack, 'k', { alias: 'a', description: 'd', accountId: '111111111111' });
    add(stack, KmsKey, 'signing', { customer_master_key_spec: 'RSA_2048' });
    expectCompliant('KMS-01', stack, `aws_kms_key.${(stack.node.findChild('k').node.findChild('key') as KmsKey).friendlyUniqueId}`);
    expectNotApplicable('KMS-01', stack, 'aws_kms_key.signing');
  });
  it('fails by default', () => {
    const stack = stackOf('bidops-dev-network');
    add(stack, KmsKey, 'key', {});
    expectViolation('KMS-01', stack, 'aws_kms_key.key', 'enable_key_rotation');
  });
});

describe('KMS-02 key policy', () => {
  it('passes for an explicit policy naming the account and conditioned service use', () => {
    const stack = stackOf('bidops-dev-network');
    add(stack, KmsKey, 'key', { policy: json({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'kms:*', Resource: '*' }, { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '1' } } }] }) });
    expectCompliant('KMS-02', stack, 'aws_kms_key.key');
  });
  it('fails without a policy and with an unconditioned "*"', () => {
    const stack = stackOf('bidops-dev-network');
    add(stack, KmsKey, 'none', {});
    add(stack, KmsKey, 'open', { policy: json({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] }) });
    expectViolation('KMS-02', stack, 'aws_kms_key.none', 'policy');
    expectViolation('KMS-02', stack, 'aws_kms_key.open', 'policy');
  });
});

describe('SEC-01 secret encryption', () => {
  it('passes with a customer key; SecureString parameter with key_id; n/a for plain config parameters', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, SecretsmanagerSecret, 's', { name: 'x', kms_key_id: 'arn:kms' });
    add(stack, SsmParameter, 'p', { name: '/app/db-password', type: 'SecureString', key_id: 'arn:kms', value: 'x' });
    add(stack, SsmParameter, 'cfg', { name: '/app/feature-flag', type: 'String', value: 'on' });
    expectCompliant('SEC-01', stack, 'aws_secretsmanager_secret.s');
    expectCompliant('SEC-01', stack, 'aws_ssm_parameter.p');
    expectNotApplicable('SEC-01', stack, 'aws_ssm_parameter.cfg');
  });
  it('fails with the AWS-managed key and a secret stored as String', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, SecretsmanagerSecret, 's', { name: 'x' });
    add(stack, SsmParameter, 'p', { name: '/app/api-token', type: 'String', value: 'x' });
    expectViolation('SEC-01', stack, 'aws_secretsmanager_secret.s', 'kms_key_id');
    expectViolation('SEC-01', stack, 'aws_ssm_parameter.p', 'type');
    expectViolation('SEC-01', stack, 'aws_ssm_parameter.p', 'key_id');
  });
});

describe('SEC-02 rotation', () => {
  it('passes with rotation every 30 days', () => {
    const stack = stackOf('bidops-dev-data');
    const secret = add(stack, SecretsmanagerSecret, 's', { name: 'x', kms_key_id: 'k' });
    add(stack, SecretsmanagerSecretRotation, 'r', { secret_id: ref(secret), rotation_rules: { automatically_after_days: 30 } });
    expectCompliant('SEC-02', stack, 'aws_secretsmanager_secret.s');
  });
  it('fails without rotation and with 180 days', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, SecretsmanagerSecret, 'none', { name: 'x' });
    const slow = add(stack, SecretsmanagerSecret, 'slow', { name: 'y' });
    add(stack, SecretsmanagerSecretRotation, 'r', { secret_id: ref(slow), rotation_rules: { schedule_expression: 'rate(180 days)' } });
    expectViolation('SEC-02', stack, 'aws_secretsmanager_secret.none', 'aws_secretsmanager_secret_rotation');
    expectViolation('SEC-02', stack, 'aws_secretsmanager_secret.slow', 'aws_secretsmanager_secret_rotation.r.rotation_rules');
  });
});

describe('LOG-01 log groups', () => {
  it('passes with retention and a key', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, CloudwatchLogGroup, 'lg', { name: 'x', retention_in_days: 30, kms_key_id: 'arn:kms' });
    expectCompliant('LOG-01', stack, 'aws_cloudwatch_log_group.lg');
  });
  it('fails without retention or key', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, CloudwatchLogGroup, 'lg', { name: 'x' });
    expectViolation('LOG-01', stack, 'aws_cloudwatch_log_group.lg', 'retention_in_days');
    expectViolation('LOG-01', stack, 'aws_cloudwatch_log_group.lg', 'kms_key_id');
  });
});

function trailStack(good: boolean) {
  const stack = stackOf('bidops-dev-network');
  const bucket = add(stack, S3Bucket, 'trail', { bucket: 'bidops-dev-trail' });
  if (good) {
    add(stack, S3BucketPublicAccessBlock, 'pab', { bucket: ref(bucket), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    add(stack, S3BucketLoggingA, 'log', { bucket: ref(bucket), target_bucket: 'logs', target_prefix: 'trail/' });
    add(stack, Cloudtrail, 'ct', {
      name: 't', s3_bucket_name: ref(bucket), is_multi_region_trail: true, include_global_service_events: true, kms_key_id: 'arn:kms', enable_log_file_validation: true,
      cloud_watch_logs_group_arn: 'arn:lg:*', cloud_watch_logs_role_arn: 'arn:role',
    });
  } else {
    add(stack, Cloudtrail, 'ct', { name: 't', s3_bucket_name: 'bidops-dev-trail', enable_logging: false, include_global_service_events: false });
  }
  return stack;
}

describe('CT-01 trail coverage', () => {
  it('passes multi-region with global events', () => expectCompliant('CT-01', trailStack(true), 'aws_cloudtrail.ct'));
  it('fails single-region, stopped, without global events', () => {
    for (const attribute of ['is_multi_region_trail', 'enable_logging', 'include_global_service_events']) expectViolation('CT-01', trailStack(false), 'aws_cloudtrail.ct', attribute);
  });
});

describe('CT-02 trail integrity', () => {
  it('passes with KMS and validation', () => expectCompliant('CT-02', trailStack(true), 'aws_cloudtrail.ct'));
  it('fails without', () => {
    expectViolation('CT-02', trailStack(false), 'aws_cloudtrail.ct', 'kms_key_id');
    expectViolation('CT-02', trailStack(false), 'aws_cloudtrail.ct', 'enable_log_file_validation');
  });
});

describe('CT-03 trail delivery', () => {
  it('passes with CloudWatch Logs and a private, logged bucket (found by name)', () => expectCompliant('CT-03', trailStack(true), 'aws_cloudtrail.ct'));
  it('fails without CloudWatch Logs and with a public, unlogged bucket', () => {
    expectViolation('CT-03', trailStack(false), 'aws_cloudtrail.ct', 'cloud_watch_logs_group_arn');
    expectViolation('CT-03', trailStack(false), 'aws_cloudtrail.ct', 'aws_s3_bucket.trail');
  });
});

describe('LOG-04 retention classes (prod)', () => {
  const { FlowLog } = require('@cdktf/provider-aws/lib/flow-log');
  const { logGroupRetentionClass, meetsRetentionClass } = require('../../src/config/retention-classes');

  it('classifies log groups by what writes them', () => {
    expect(logGroupRetentionClass('/aws/cloudtrail/x')).toBe('audit');
    expect(logGroupRetentionClass('/aws/bedrock/model-invocations/x')).toBe('audit');
    expect(logGroupRetentionClass('/aws/opensearch/x/audit')).toBe('audit');
    expect(logGroupRetentionClass('aws-waf-logs-x')).toBe('security');
    expect(logGroupRetentionClass('/aws/apigateway/x/access')).toBe('security');
    expect(logGroupRetentionClass('/aws/cloudfront/x/access')).toBe('security');
    expect(logGroupRetentionClass('/any/name', ['aws_flow_log'])).toBe('security');
    expect(logGroupRetentionClass('/aws/ecs/x')).toBe('application');
    expect(logGroupRetentionClass('API-Gateway-Execution-Logs_x/v1')).toBe('application');
    expect(meetsRetentionClass(0, 'audit', true)).toBe(true);
    expect(meetsRetentionClass(90, 'security', false)).toBe(true);
  });
  it('passes in prod at 365+ days or never-expire; n/a for application groups and outside prod', () => {
    const prod = stackOf('bidops-prod-edge');
    add(prod, CloudwatchLogGroup, 'waf', { name: 'aws-waf-logs-x', retention_in_days: 365, kms_key_id: 'arn:kms' });
    add(prod, CloudwatchLogGroup, 'trail', { name: '/aws/cloudtrail/x', retention_in_days: 0, kms_key_id: 'arn:kms' });
    add(prod, CloudwatchLogGroup, 'app', { name: '/aws/ecs/x', retention_in_days: 30, kms_key_id: 'arn:kms' });
    expectCompliant('LOG-04', prod, 'aws_cloudwatch_log_group.waf');
    expectCompliant('LOG-04', prod, 'aws_cloudwatch_log_group.trail');
    expectNotApplicable('LOG-04', prod, 'aws_cloudwatch_log_group.app');
    const dev = stackOf('bidops-dev-edge');
    add(dev, CloudwatchLogGroup, 'waf', { name: 'aws-waf-logs-x', retention_in_days: 30, kms_key_id: 'arn:kms' });
    expectNotApplicable('LOG-04', dev, 'aws_cloudwatch_log_group.waf');
  });
  it('fails in prod for a 90-day WAF group and a flow-log destination named like an application group', () => {
    const prod = stackOf('bidops-prod-network');
    add(prod, CloudwatchLogGroup, 'waf', { name: 'aws-waf-logs-x', retention_in_days: 90, kms_key_id: 'arn:kms' });
    const flows = add(prod, CloudwatchLogGroup, 'flows', { name: '/custom/vpc-traffic', retention_in_days: 30, kms_key_id: 'arn:kms' });
    add(prod, FlowLog, 'fl', { log_destination: ref(flows, 'arn'), traffic_type: 'ALL', vpc_id: 'vpc-1' });
    expect(expectViolation('LOG-04', prod, 'aws_cloudwatch_log_group.waf', 'retention_in_days')).toMatchObject({ message: expect.stringContaining('security') });
    expectViolation('LOG-04', prod, 'aws_cloudwatch_log_group.flows', 'retention_in_days');
  });
});
