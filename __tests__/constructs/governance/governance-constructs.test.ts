import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { AlertTopics } from '../../../src/constructs/governance/alerting';
import { AuditTrail } from '../../../src/constructs/governance/audit-trail';
import { CostGuardrails } from '../../../src/constructs/governance/cost-guardrails';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('AlertTopics', () => {
  test('two KMS-encrypted topics with TLS-only, account-scoped publish policies and email subscriptions', () => {
    const s = stack();
    new AlertTopics(s, 'alerts', { namePrefix: 'sys-dev', accountId: '111111111111', region: 'eu-west-1', subscriptionEmail: 'ops@example.com' });
    const json = synthJson(s);
    expect(resourcesOf(json, 'aws_sns_topic').map(([, t]) => t.name).sort()).toEqual(['sys-dev-critical', 'sys-dev-warning']);
    for (const [, policy] of resourcesOf(json, 'aws_sns_topic_policy')) {
      const statements = parsed(policy.policy).Statement as Json[];
      expect(statements.filter((x) => x.Principal === '*').every((x) => x.Effect === 'Deny')).toBe(true);
      expect(statements.find((x) => x.Principal?.Service === 'cloudwatch.amazonaws.com')!.Condition.ArnLike['aws:SourceArn']).toBe('arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*');
    }
    expect(resourcesOf(json, 'aws_sns_topic_subscription').map(([, x]) => x.protocol)).toEqual(['email', 'email']);
  });

  test('rejects a bad account ID and email with a helpful message', () => {
    expect(() => new AlertTopics(stack(), 'a', { namePrefix: 'x', accountId: '123', region: 'us-east-1' })).toThrow(/12-digit/);
    expect(() => new AlertTopics(stack(), 'a', { namePrefix: 'x', accountId: '111111111111', region: 'us-east-1', subscriptionEmail: 'nope' })).toThrow(/not an email/);
  });

  test('a standby region: only the levels asked for, every resource on its provider, publishers pinned to its region', () => {
    const s = stack();
    const west = new AwsProvider(s, 'west', { region: 'us-west-2', alias: 'west' });
    const alerts = new AlertTopics(s, 'dr-alerts', { namePrefix: 'sys-prod-dr', accountId: '111111111111', region: 'us-west-2', levels: ['warning'], subscriptionEmail: 'ops@example.com', provider: west });
    const json = synthJson(s);
    expect(resourcesOf(json, 'aws_sns_topic').map(([, t]) => t.name)).toEqual(['sys-prod-dr-warning']);
    for (const type of ['aws_kms_key', 'aws_kms_alias', 'aws_sns_topic', 'aws_sns_topic_policy', 'aws_sns_topic_subscription']) {
      expect(resourcesOf(json, type).map(([, r]) => r.provider)).toEqual(['aws.west']);
    }
    const [[, policy]] = resourcesOf(json, 'aws_sns_topic_policy');
    const publish = (parsed(policy.policy).Statement as Json[]).find((x) => x.Principal?.Service === 'cloudwatch.amazonaws.com')!;
    expect(publish.Condition.ArnLike['aws:SourceArn']).toBe('arn:aws:cloudwatch:us-west-2:111111111111:alarm:*');
    expect(alerts.warning.friendlyUniqueId).toBe('dr-alerts_warning_FE6331B5');
    expect(() => alerts.critical).toThrow("test/dr-alerts: no critical topic was built (levels warning); add 'critical' to levels");
    expect(alerts.info).toBeUndefined();
  });

  test('levels name each level once, and replace includeInfo', () => {
    const base = { namePrefix: 'x', accountId: '111111111111', region: 'us-east-1' };
    expect(() => new AlertTopics(stack(), 'a', { ...base, levels: ['warning', 'warning'] })).toThrow('test/a: levels [warning, warning] must name each level once, at least one, and replaces includeInfo (drop it)');
    expect(() => new AlertTopics(stack(), 'a', { ...base, levels: [] })).toThrow(/at least one/);
    expect(() => new AlertTopics(stack(), 'a', { ...base, levels: ['critical'], includeInfo: true })).toThrow(/replaces includeInfo/);
  });
});

describe('AuditTrail', () => {
  test('multi-region trail with validation, KMS scoped by SourceArn, CloudWatch delivery and an access-logged bucket', () => {
    const s = stack();
    new AuditTrail(s, 'trail', { namePrefix: 'sys-dev', accountId: '111111111111', region: 'us-east-1', logsKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/abc' });
    const json = synthJson(s);
    const [[, trail]] = resourcesOf(json, 'aws_cloudtrail');
    expect(trail).toMatchObject({ name: 'sys-dev-trail', is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true });
    const trailKey = resourcesOf(json, 'aws_kms_key').map(([, k]) => parsed(k.policy)).find((p) => JSON.stringify(p).includes('cloudtrail.amazonaws.com'))!;
    const use = trailKey.Statement.find((x: Json) => x.Principal.Service === 'cloudtrail.amazonaws.com');
    expect(use.Condition.StringEquals['aws:SourceArn']).toBe('arn:aws:cloudtrail:us-east-1:111111111111:trail/sys-dev-trail');
    expect(resourcesOf(json, 'aws_s3_bucket_logging')).toHaveLength(1);
    const [[, group]] = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/cloudtrail/sys-dev', retention_in_days: 365, kms_key_id: 'arn:aws:kms:us-east-1:111111111111:key/abc' });
  });

  test('refuses audit retention under a year', () => {
    expect(() => new AuditTrail(stack(), 't', { namePrefix: 'x', accountId: '111111111111', region: 'us-east-1', logsKmsKeyArn: 'k', retentionDays: 90 })).toThrow(/at least 365/);
  });
});

describe('CostGuardrails', () => {
  const base = { namePrefix: 'sys-dev', accountId: '111111111111', monthlyBudgetUsd: 250, thresholdsPercent: [80, 50, 100], alertEmail: 'a@b.co', warningTopicArn: 'warn', criticalTopicArn: 'crit' };
  test('notifications sorted by threshold; only the highest goes to the critical topic', () => {
    const s = stack();
    new CostGuardrails(s, 'cost', base);
    const [[, budget]] = resourcesOf(synthJson(s), 'aws_budgets_budget');
    expect(budget.limit_amount).toBe('250.00');
    const actual = budget.notification.filter((n: Json) => n.notification_type === 'ACTUAL');
    expect(actual.map((n: Json) => [n.threshold, n.subscriber_sns_topic_arns[0]])).toEqual([[50, 'warn'], [80, 'warn'], [100, 'crit']]);
  });

  test('validates budget and thresholds', () => {
    expect(() => new CostGuardrails(stack(), 'c', { ...base, monthlyBudgetUsd: 0 })).toThrow(/positive USD/);
    expect(() => new CostGuardrails(stack(), 'c', { ...base, thresholdsPercent: [] })).toThrow(/1-4 entries/);
  });
});

describe('AuditTrail: recovery classes and DR replica', () => {
  const props = { namePrefix: 'sys-prod', accountId: '111111111111', region: 'us-east-1', logsKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/abc' };
  const withReplica = () => {
    const s = stack();
    new AwsProvider(s, 'aws', { region: 'us-east-1' });
    const west = new AwsProvider(s, 'west', { region: 'us-west-2', alias: 'west' });
    new AuditTrail(s, 'trail', { ...props, replica: { provider: west, region: 'us-west-2' } });
    return synthJson(s);
  };

  test('tags the trail bucket critical and its access-log bucket log; no replica by default', () => {
    const s = stack();
    new AuditTrail(s, 'trail', props);
    const json = synthJson(s);
    expect(Object.fromEntries(resourcesOf(json, 'aws_s3_bucket').map(([, b]) => [b.bucket, b.tags]))).toEqual({
      'sys-prod-cloudtrail-111111111111': { RecoveryClass: 'critical' },
      'sys-prod-cloudtrail-access-logs-111111111111': { RecoveryClass: 'log' },
    });
    expect(resourcesOf(json, 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
  });

  test('with replica: key, access-log bucket and replica in the DR region, the trail bucket replicating into it', () => {
    const json = withReplica();
    const buckets = Object.fromEntries(resourcesOf(json, 'aws_s3_bucket').map(([id, b]) => [b.bucket, { id, b }]));
    const replica = buckets['sys-prod-cloudtrail-dr-111111111111'];
    expect(replica.b).toMatchObject({ provider: 'aws.west', tags: { RecoveryClass: 'critical' } });
    expect(buckets['sys-prod-cloudtrail-dr-access-logs-111111111111'].b).toMatchObject({ provider: 'aws.west', tags: { RecoveryClass: 'log' } });
    const [[, config]] = resourcesOf(json, 'aws_s3_bucket_replication_configuration');
    expect(config.bucket).toBe(`\${aws_s3_bucket.${buckets['sys-prod-cloudtrail-111111111111'].id}.bucket}`);
    expect(config.rule[0].destination.bucket).toBe(`\${aws_s3_bucket.${replica.id}.arn}`);
    const westKeys = resourcesOf(json, 'aws_kms_key').filter(([, k]) => k.provider === 'aws.west');
    expect(westKeys).toHaveLength(1);
    expect(config.rule[0].destination.encryption_configuration.replica_kms_key_id).toBe(`\${aws_kms_key.${westKeys[0][0]}.arn}`);
  });

  test('rejects a replica in its own region or next to a central bucket', () => {
    const s = stack();
    const p = new AwsProvider(s, 'aws', { region: 'us-east-1' });
    expect(() => new AuditTrail(s, 'a', { ...props, replica: { provider: p, region: 'us-east-1' } })).toThrow("AuditTrail sys-prod-trail: replica.region us-east-1 is the trail's own region; give the DR region");
    expect(() => new AuditTrail(s, 'b', { ...props, centralBucket: { bucketName: 'central', keyPrefix: 'x/y' }, replica: { provider: p, region: 'us-west-2' } })).toThrow('replica and centralBucket are both set');
  });

  test('the replica plans offline against the real provider', () => {
    expectOfflinePlan(withReplica());
  }, 300_000);
});
