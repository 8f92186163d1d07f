/**
 * Bucket recovery classes, in one place for the policy rule (S3-09), the bucket builders and the
 * docs, so they cannot disagree. A bucket's class says what losing it (region loss, deletion) costs:
 * - critical: loss is unrecoverable (user/customer data, documents, knowledge bases, media uploads,
 *   Terraform state, audit evidence); in prod it replicates to another region;
 * - rebuildable: contents are re-created from another source (web assets and pipeline artifacts from
 *   CI, Athena results, derived outputs such as BDA output, transient inputs);
 * - log: operational logs that expire under lifecycle (S3 access-log buckets).
 * checkov CKV_AWS_144 asks every bucket to replicate; we ask it where a loss cannot be undone.
 * Classification does not depend on the environment: every env tags its buckets, only prod (and
 * the prod-grade bootstrap) must replicate the critical ones.
 */

export type RecoveryClass = 'critical' | 'rebuildable' | 'log';

/** The tag a bucket carries its class in. */
export const RECOVERY_CLASS_TAG = 'RecoveryClass';

/** One-line definition per class (docs, error messages). */
export const RECOVERY_CLASSES: Readonly<Record<RecoveryClass, string>> = {
  critical: 'loss is unrecoverable (user/customer data, documents, knowledge bases, media uploads, state, audit evidence): replicated to another region in prod',
  rebuildable: 'contents are re-created from another source (web assets and pipeline artifacts from CI, Athena results, derived outputs, transient inputs)',
  log: 'operational logs that expire under lifecycle (S3 access-log buckets)',
};

export function isRecoveryClass(value: unknown): value is RecoveryClass {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RECOVERY_CLASSES, value);
}

/** Whether a bucket of this class must replicate to another region in a prod-grade environment. */
export function requiresReplication(cls: RecoveryClass): boolean {
  return cls === 'critical';
}
