import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { BucketLifecycleConfig } from '../config/layers/data';

/** Days SecureBucket already aborts incomplete multipart uploads after (its built-in rule). */
const BUILT_IN_ABORT_DAYS = 7;

/**
 * The lifecycle rules of a configured bucket: Intelligent-Tiering, STANDARD_IA and GLACIER
 * transitions, expiry, earlier expiry per key prefix, and a stricter abort of incomplete uploads.
 * Fields left unset add no rule, so a bucket configured before these fields existed keeps its rules.
 */
export function lifecycleRules(spec: BucketLifecycleConfig): S3BucketLifecycleConfigurationRule[] {
  const rules: S3BucketLifecycleConfigurationRule[] = [];
  if (spec.intelligentTiering) rules.push({ id: 'to-intelligent-tiering', status: 'Enabled', filter: [{}], transition: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] });
  if (spec.infrequentAccessAfterDays !== undefined) rules.push({ id: 'to-standard-ia', status: 'Enabled', filter: [{}], transition: [{ days: spec.infrequentAccessAfterDays, storageClass: 'STANDARD_IA' }] });
  if (spec.glacierAfterDays !== undefined) rules.push({ id: 'to-glacier', status: 'Enabled', filter: [{}], transition: [{ days: spec.glacierAfterDays, storageClass: 'GLACIER' }] });
  if (spec.expireAfterDays !== undefined) rules.push({ id: 'expire-current', status: 'Enabled', filter: [{}], expiration: [{ days: spec.expireAfterDays }] });
  for (const [prefix, days] of Object.entries(spec.prefixExpirations ?? {})) {
    rules.push({ id: `expire-prefix-${prefix}`, status: 'Enabled', filter: [{ prefix }], expiration: [{ days }] });
  }
  const abort = spec.abortIncompleteUploadsAfterDays;
  if (abort !== undefined && abort < BUILT_IN_ABORT_DAYS) {
    rules.push({ id: 'abort-incomplete-uploads-early', status: 'Enabled', filter: [{}], abortIncompleteMultipartUpload: [{ daysAfterInitiation: abort }] });
  }
  return rules;
}
