import { RECOVERY_CLASS_TAG, RECOVERY_CLASSES, isRecoveryClass, requiresReplication } from '../../config/recovery-classes';
import { BOOTSTRAP_STACK } from '../../core/names';
import {
  COMPLIANT,
  NOT_APPLICABLE,
  block,
  blocks,
  collector,
  deniesInsecureTransport,
  fail,
  flag,
  isRef,
  isSet,
  literal,
  principals,
  statements,
  tags,
  unconditionedPublicAllow,
  verdict,
} from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

const BUCKET = 'aws_s3_bucket';
const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];
const LOG_WRITERS = ['logging.s3.amazonaws.com', 'delivery.logs.amazonaws.com', 'logdelivery.elasticloadbalancing.amazonaws.com', 'cloudtrail.amazonaws.com'];

/** Bucket-level companion resources (`bucket = aws_s3_bucket.x.id`). */
function companions(bucket: PolicyResource, context: PolicyContext, type: string): PolicyResource[] {
  return context.referrers(bucket, type, 'bucket').map((r) => r.resource);
}

/** Bucket policy documents: aws_s3_bucket_policy resources and the legacy inline `policy`. */
function bucketPolicies(bucket: PolicyResource, context: PolicyContext): { document: any; attribute: string; unknown: boolean }[] {
  const out = companions(bucket, context, 'aws_s3_bucket_policy').map((p) => ({ document: p.json('policy'), attribute: `${p.address}.policy`, unknown: isRef(p.body.policy) && p.json('policy') === undefined }));
  if (bucket.body.policy !== undefined) out.push({ document: bucket.json('policy'), attribute: 'policy', unknown: bucket.json('policy') === undefined });
  return out;
}

/**
 * A log bucket: the target of another bucket's access logging, of an ALB's or CloudFront's logs,
 * or its policy admits a log-delivery service. Such buckets may use SSE-S3 (AES256).
 */
export function isLogBucket(bucket: PolicyResource, context: PolicyContext): boolean {
  if (context.referrers(bucket, 'aws_s3_bucket_logging', 'target_bucket').length > 0) return true;
  // Only the attribute that names a log destination counts: a distribution whose origin is the
  // bucket does not make it a log bucket.
  const writers: [string, string][] = [['aws_lb', 'access_logs'], ['aws_alb', 'access_logs'], ['aws_cloudfront_distribution', 'logging_config'], ['aws_cloudtrail', 's3_bucket_name']];
  if (writers.some(([type, attribute]) => context.referrers(bucket, type, attribute).length > 0)) return true;
  return bucketPolicies(bucket, context).some(({ document }) =>
    statements(document).some((s) => s.Effect === 'Allow' && (principals(s.Principal).Service ?? []).some((p) => LOG_WRITERS.includes(p))),
  );
}

/**
 * S3-09: in prod and the bootstrap (prod-grade: it holds every stack's state) every bucket declares
 * its recovery class, and a `critical` one is the source of a replication configuration whose
 * destination is another bucket (cross-stack destinations are ARNs; the other region is the
 * replication construct's own check), or is itself such a destination (the replica).
 */
export const S3_CROSS_REGION_REPLICATION_RULE: PolicyRule = defineRule({
  id: 'S3-09',
  title: 'prod: every bucket declares its recovery class; unrecoverable (critical) buckets replicate to another region',
  severity: 'medium',
  pack: 'storage',
  mappings: { checkov: ['CKV_AWS_144'], fsbp: ['S3.7'] },
  appliesTo: [BUCKET],
  check(bucket, context) {
    if (!context.stack.isProd && context.stack.name !== BOOTSTRAP_STACK) return NOT_APPLICABLE;
    const cls = tags(bucket)[RECOVERY_CLASS_TAG];
    if (cls === undefined) return fail(bucket, `tags.${RECOVERY_CLASS_TAG}`, `is missing; declare its class (${Object.keys(RECOVERY_CLASSES).join(', ')}; src/config/recovery-classes.ts)`);
    if (!isRecoveryClass(cls)) return fail(bucket, `tags.${RECOVERY_CLASS_TAG}`, `is "${cls}", not a recovery class; use ${Object.keys(RECOVERY_CLASSES).join(', ')}`);
    if (!requiresReplication(cls)) return COMPLIANT;
    // The replica itself (destination of a replication in the group) is the other region's copy.
    const replicaOf = context.referrers(bucket, 'aws_s3_bucket_replication_configuration', 'rule').filter((r) => !context.resolve(r.resource.body.bucket).includes(bucket));
    if (replicaOf.length > 0) return COMPLIANT;
    const destinations = companions(bucket, context, 'aws_s3_bucket_replication_configuration')
      .flatMap((r) => blocks(r.body.rule))
      .filter((r) => r.status === 'Enabled')
      .map((r) => block(r.destination)?.bucket)
      .filter((d) => isSet(d));
    const name = literal(bucket.body.bucket);
    const itself = (d: unknown) => context.resolve(d).includes(bucket) || (name !== undefined && (literal(d) === name || literal(d) === `arn:aws:s3:::${name}`));
    const elsewhere = destinations.some((d) => !itself(d));
    if (elsewhere) return COMPLIANT;
    return fail(
      bucket,
      'aws_s3_bucket_replication_configuration',
      destinations.length === 0
        ? 'is missing on a critical bucket; replicate it to a bucket in another region (or classify it rebuildable/log if its loss can be undone)'
        : 'replicates the bucket into itself; give a bucket in another region as destination',
    );
  },
});

export const STORAGE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'S3-01',
    title: 'S3 public access block (all four flags), BucketOwnerEnforced, no public ACLs',
    severity: 'high',
    pack: 'storage',
    mappings: { checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV_AWS_57', 'CKV2_AWS_65', 'CKV_AWS_20'], trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'], cdkNag: ['AwsSolutions-S2'], fsbp: ['S3.8', 'S3.12'] },
    appliesTo: [BUCKET],
    check(bucket, context) {
      const c = collector();
      const blocks_ = companions(bucket, context, 'aws_s3_bucket_public_access_block');
      const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
      const full = blocks_.some((b) => flags.every((f) => flag(b.body[f], false)));
      c.expect(full, 'aws_s3_bucket_public_access_block', blocks_.length === 0 ? 'is missing; add one with all four flags true' : 'does not set all four flags true');
      const ownership = companions(bucket, context, 'aws_s3_bucket_ownership_controls');
      c.expect(ownership.some((o) => block(o.body.rule)?.object_ownership === 'BucketOwnerEnforced'), 'aws_s3_bucket_ownership_controls.rule.object_ownership', 'is not BucketOwnerEnforced; disable ACLs');
      const acls = [bucket.body.acl, ...companions(bucket, context, 'aws_s3_bucket_acl').map((a) => a.body.acl)];
      c.expect(!acls.some((a) => PUBLIC_ACLS.includes(String(a))), 'acl', 'is public; remove public ACLs');
      return verdict(bucket, c.problems);
    },
  }),
  defineRule({
    id: 'S3-02',
    title: 'S3 bucket policy denies non-TLS; no unconditioned Allow to *',
    severity: 'high',
    pack: 'storage',
    mappings: { checkov: ['CKV_AWS_379', 'CKV_AWS_70'], cdkNag: ['AwsSolutions-S10'], fsbp: ['S3.5', 'S3.2', 'S3.3'] },
    appliesTo: [BUCKET],
    check(bucket, context) {
      const policies = bucketPolicies(bucket, context);
      if (policies.length === 0) return fail(bucket, 'aws_s3_bucket_policy', 'is missing; add a policy that denies aws:SecureTransport = false');
      if (policies.some((p) => p.unknown)) return COMPLIANT;
      const c = collector();
      c.expect(policies.some((p) => deniesInsecureTransport(p.document)), policies[0].attribute, 'does not deny aws:SecureTransport = false; add the TLS-only deny');
      for (const p of policies) {
        const open = unconditionedPublicAllow(p.document);
        c.expect(!open, p.attribute, 'allows Principal "*" without a condition; name the principals or add a condition');
      }
      return verdict(bucket, c.problems);
    },
  }),
  defineRule({
    id: 'S3-03',
    title: 'S3 default encryption with KMS (AES256 only for log buckets)',
    severity: 'medium',
    pack: 'storage',
    mappings: { checkov: ['CKV_AWS_19', 'CKV_AWS_145'], trivy: ['AVD-AWS-0132'], fsbp: ['S3.17'] },
    appliesTo: [BUCKET],
    check(bucket, context) {
      const rules = [
        ...companions(bucket, context, 'aws_s3_bucket_server_side_encryption_configuration').flatMap((e) => blocks(e.body.rule)),
        ...blocks(block(bucket.body.server_side_encryption_configuration)?.rule),
      ];
      const algorithms = rules.map((r) => block(r.apply_server_side_encryption_by_default)?.sse_algorithm);
      if (algorithms.some((a) => a === 'aws:kms' || a === 'aws:kms:dsse' || (isRef(a) && literal(a) === undefined))) return COMPLIANT;
      if (algorithms.includes('AES256') && isLogBucket(bucket, context)) return COMPLIANT;
      return fail(bucket, 'aws_s3_bucket_server_side_encryption_configuration', `is ${algorithms.length ? algorithms.join(', ') : 'absent (SSE-S3 default)'}; use sse_algorithm aws:kms with a customer-managed key (AES256 only for log buckets)`);
    },
  }),
  defineRule({
    id: 'S3-04',
    title: 'S3 versioning; lifecycle aborts incomplete uploads and expires noncurrent versions',
    severity: 'medium',
    pack: 'storage',
    mappings: { checkov: ['CKV_AWS_21', 'CKV2_AWS_61', 'CKV_AWS_300'], trivy: ['AVD-AWS-0090'], fsbp: ['S3.10', 'S3.13'] },
    appliesTo: [BUCKET],
    check(bucket, context) {
      const c = collector();
      const versioned =
        companions(bucket, context, 'aws_s3_bucket_versioning').some((v) => block(v.body.versioning_configuration)?.status === 'Enabled') ||
        flag(block(bucket.body.versioning)?.enabled, false);
      c.expect(versioned, 'aws_s3_bucket_versioning', 'is not Enabled; turn versioning on');
      const rules = [
        ...companions(bucket, context, 'aws_s3_bucket_lifecycle_configuration').flatMap((l) => blocks(l.body.rule)),
        ...blocks(bucket.body.lifecycle_rule).map((r) => ({ ...r, status: flag(r.enabled, false) ? 'Enabled' : 'Disabled', noncurrent_version_expiration: r.noncurrent_version_expiration, abort_incomplete_multipart_upload: r.abort_incomplete_multipart_upload_days !== undefined ? [{}] : undefined })),
      ].filter((r) => r.status === 'Enabled');
      c.expect(rules.some((r) => blocks(r.abort_incomplete_multipart_upload).length > 0), 'aws_s3_bucket_lifecycle_configuration', 'has no rule aborting incomplete multipart uploads');
      c.expect(rules.some((r) => blocks(r.noncurrent_version_expiration).length > 0), 'aws_s3_bucket_lifecycle_configuration', 'has no rule expiring noncurrent versions');
      return verdict(bucket, c.problems);
    },
  }),
  defineRule({
    id: 'S3-05',
    title: 'S3 server access logging to a dedicated log bucket',
    severity: 'medium',
    pack: 'storage',
    mappings: { checkov: ['CKV_AWS_18'], trivy: ['AVD-AWS-0089'], cdkNag: ['AwsSolutions-S1'], fsbp: ['S3.9'] },
    appliesTo: [BUCKET],
    check(bucket, context) {
      const logging = [...companions(bucket, context, 'aws_s3_bucket_logging').map((l) => l.body.target_bucket), ...blocks(bucket.body.logging).map((l) => l.target_bucket)];
      if (logging.length === 0) return fail(bucket, 'aws_s3_bucket_logging', 'is missing; log server access to the dedicated access-log bucket');
      const self = logging.some((t) => context.resolve(t).includes(bucket) || (literal(t) !== undefined && literal(t) === literal(bucket.body.bucket)));
      if (self) return fail(bucket, 'aws_s3_bucket_logging.target_bucket', 'is the bucket itself; log to a dedicated log bucket');
      return COMPLIANT;
    },
  }),
  S3_CROSS_REGION_REPLICATION_RULE,
];
