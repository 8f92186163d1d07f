import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { BucketLifecycleConfig } from '../config/layers/data';

/** The lifecycle rules of a configured bucket: Intelligent-Tiering, a STANDARD_IA transition, expiry. */
export function lifecycleRules(spec: BucketLifecycleConfig): S3BucketLifecycleConfigurationRule[] {
  const rules: S3BucketLifecycleConfigurationRule[] = [];
  if (spec.intelligentTiering) rules.push({ id: 'to-intelligent-tiering', status: 'Enabled', filter: [{}], transition: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] });
  if (spec.infrequentAccessAfterDays !== undefined) rules.push({ id: 'to-standard-ia', status: 'Enabled', filter: [{}], transition: [{ days: spec.infrequentAccessAfterDays, storageClass: 'STANDARD_IA' }] });
  if (spec.expireAfterDays !== undefined) rules.push({ id: 'expire-current', status: 'Enabled', filter: [{}], expiration: [{ days: spec.expireAfterDays }] });
  return rules;
}
