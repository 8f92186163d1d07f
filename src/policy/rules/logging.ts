import { logGroupRetentionClass, meetsRetentionClass, minimumRetentionDays } from '../../config/retention-classes';
import { COMPLIANT, NOT_APPLICABLE, block, collector, fail, flag, isSet, literal, num, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

export const LOGGING_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'LOG-01',
    title: 'Log groups have retention and a KMS key',
    severity: 'low',
    pack: 'logging',
    mappings: { checkov: ['CKV_AWS_158', 'CKV_AWS_66', 'CKV_AWS_338'], trivy: ['AVD-AWS-0017'], fsbp: ['CloudWatch.16'] },
    appliesTo: ['aws_cloudwatch_log_group'],
    check(group) {
      const c = collector();
      const days = num(group.body.retention_in_days);
      c.expect(isSet(group.body.retention_in_days) && days !== 0, 'retention_in_days', 'is not set (logs never expire); set a retention');
      c.expect(isSet(group.body.kms_key_id), 'kms_key_id', 'is not set; encrypt with the environment logs key (network output logs_kms_key_arn)');
      return verdict(group, c.problems);
    },
  }),
  defineRule({
    id: 'LOG-04',
    title: 'prod: audit and security log groups keep logs 365+ days',
    severity: 'medium',
    pack: 'logging',
    mappings: { checkov: ['CKV_AWS_338'] },
    appliesTo: ['aws_cloudwatch_log_group'],
    check(group, context) {
      // Classes and minimums live in src/config/retention-classes.ts, shared with the config checks.
      const writers = context.referrers(group).map((r) => r.resource.type);
      const cls = logGroupRetentionClass(literal(group.body.name), writers);
      const minimum = minimumRetentionDays(cls, context.stack.isProd);
      if (minimum === 0) return NOT_APPLICABLE;
      const days = num(group.body.retention_in_days);
      // Absent = never expires (LOG-01 reports it); a reference cannot be judged here.
      if (days === undefined) return COMPLIANT;
      return meetsRetentionClass(days, cls, context.stack.isProd)
        ? COMPLIANT
        : fail(group, 'retention_in_days', `is ${days} on a log group of the ${cls} retention class; keep it at least ${minimum} days in prod (or 0, never expire)`);
    },
  }),
  defineRule({
    id: 'CT-01',
    title: 'CloudTrail multi-region, logging on, global service events',
    severity: 'high',
    pack: 'logging',
    mappings: { checkov: ['CKV_AWS_67', 'CKV_AWS_251'], trivy: ['AVD-AWS-0014'], fsbp: ['CloudTrail.1'] },
    appliesTo: ['aws_cloudtrail'],
    check(trail) {
      const c = collector();
      c.expect(flag(trail.body.is_multi_region_trail, false), 'is_multi_region_trail', 'is not true; record every region');
      c.expect(flag(trail.body.enable_logging, true), 'enable_logging', 'is false; keep the trail logging');
      c.expect(flag(trail.body.include_global_service_events, true), 'include_global_service_events', 'is false; include IAM/STS events');
      return verdict(trail, c.problems);
    },
  }),
  defineRule({
    id: 'CT-02',
    title: 'CloudTrail KMS encryption and log file validation',
    severity: 'medium',
    pack: 'logging',
    mappings: { checkov: ['CKV_AWS_35', 'CKV_AWS_36'], trivy: ['AVD-AWS-0015', 'AVD-AWS-0016'], fsbp: ['CloudTrail.2', 'CloudTrail.4'] },
    appliesTo: ['aws_cloudtrail'],
    check(trail) {
      const c = collector();
      c.expect(isSet(trail.body.kms_key_id), 'kms_key_id', 'is not set; encrypt the trail with a customer-managed key');
      c.expect(flag(trail.body.enable_log_file_validation, false), 'enable_log_file_validation', 'is not true; enable log file validation');
      return verdict(trail, c.problems);
    },
  }),
  defineRule({
    id: 'CT-03',
    title: 'CloudTrail to CloudWatch Logs; private, logged trail bucket',
    severity: 'low',
    pack: 'logging',
    mappings: { checkov: ['CKV2_AWS_10'], trivy: ['AVD-AWS-0161', 'AVD-AWS-0162', 'AVD-AWS-0163'], fsbp: ['CloudTrail.5'] },
    appliesTo: ['aws_cloudtrail'],
    check(trail, context) {
      const c = collector();
      c.expect(isSet(trail.body.cloud_watch_logs_group_arn) && isSet(trail.body.cloud_watch_logs_role_arn), 'cloud_watch_logs_group_arn', 'is not set (with cloud_watch_logs_role_arn); deliver the trail to CloudWatch Logs');
      const name = literal(trail.body.s3_bucket_name);
      const buckets = [
        ...context.resolve(trail.body.s3_bucket_name).filter((r) => r.type === 'aws_s3_bucket'),
        ...(name ? context.groupResources('aws_s3_bucket').filter((b) => b.body.bucket === name) : []),
      ];
      for (const bucket of buckets) {
        const pab = context.referrers(bucket, 'aws_s3_bucket_public_access_block', 'bucket').map((r) => r.resource);
        const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
        c.expect(pab.some((p) => flags.every((f) => flag(p.body[f], false))), `${bucket.address}`, 'is not private (public access block with all four flags)');
        const logged = context.referrers(bucket, 'aws_s3_bucket_logging', 'bucket').length > 0 || block(bucket.body.logging) !== undefined;
        c.expect(logged, `${bucket.address}`, 'has no server access logging');
      }
      return c.problems.length ? verdict(trail, c.problems) : COMPLIANT;
    },
  }),
];

