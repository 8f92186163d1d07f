import { COMPLIANT, NOT_APPLICABLE, block, collector, fail, flag, isRef, isSet, literal, num, unconditionedPublicAllow, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';
import { SECRET_NAME } from './containers';

/** Days in a Secrets Manager schedule expression `rate(N days)`; cron counts as compliant. */
function scheduleDays(expression: unknown): number | undefined {
  const match = /^rate\((\d+)\s+(day|days|hour|hours)\)$/.exec(String(expression ?? '').trim());
  if (!match) return undefined;
  return match[2].startsWith('hour') ? Number(match[1]) / 24 : Number(match[1]);
}

export const KEYS_SECRETS_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'KMS-01',
    title: 'KMS key rotation enabled',
    severity: 'medium',
    pack: 'keys-secrets',
    mappings: { checkov: ['CKV_AWS_7'], trivy: ['AVD-AWS-0065'], cdkNag: ['AwsSolutions-KMS5'], fsbp: ['KMS.4'] },
    appliesTo: ['aws_kms_key'],
    check(key) {
      const spec = String(key.body.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT');
      if (spec !== 'SYMMETRIC_DEFAULT') return NOT_APPLICABLE;
      if (flag(key.body.enable_key_rotation, false)) return COMPLIANT;
      return fail(key, 'enable_key_rotation', 'is not true; enable automatic key rotation');
    },
  }),
  defineRule({
    id: 'KMS-02',
    title: 'Explicit key policy with no unconditioned Principal "*"',
    severity: 'high',
    pack: 'keys-secrets',
    mappings: { checkov: ['CKV2_AWS_64', 'CKV_AWS_33'], fsbp: ['KMS.5'] },
    appliesTo: ['aws_kms_key'],
    check(key, context) {
      const external = context.referrers(key, 'aws_kms_key_policy', 'key_id').map((r) => r.resource);
      const documents = [...(key.body.policy !== undefined ? [{ doc: key.json('policy'), attribute: 'policy' }] : []), ...external.map((p) => ({ doc: p.json('policy'), attribute: `${p.address}.policy` }))];
      if (documents.length === 0) return fail(key, 'policy', 'is absent (the default policy hands the key to every IAM principal of the account); write an explicit key policy');
      const c = collector();
      for (const { doc, attribute } of documents) c.expect(!unconditionedPublicAllow(doc), attribute, 'allows Principal "*" without a condition; name the principals');
      return verdict(key, c.problems);
    },
  }),
  defineRule({
    id: 'SEC-01',
    title: 'Secrets use a customer-managed key; secret SSM parameters are SecureString with a key',
    severity: 'medium',
    pack: 'keys-secrets',
    mappings: { checkov: ['CKV_AWS_149', 'CKV2_AWS_34', 'CKV_AWS_337'], trivy: ['AVD-AWS-0098'] },
    appliesTo: ['aws_secretsmanager_secret', 'aws_ssm_parameter'],
    check(resource) {
      if (resource.type === 'aws_secretsmanager_secret') {
        if (isSet(resource.body.kms_key_id)) return COMPLIANT;
        return fail(resource, 'kms_key_id', 'is not set (aws/secretsmanager is used); encrypt with a customer-managed key');
      }
      const secure = resource.body.type === 'SecureString';
      const secretName = SECRET_NAME.test(`${literal(resource.body.name) ?? ''}`);
      if (!secure && !secretName) return NOT_APPLICABLE;
      const c = collector();
      c.expect(secure || isRef(resource.body.type), 'type', 'is not SecureString for a secret value; use SecureString');
      c.expect(isSet(resource.body.key_id), 'key_id', 'is not set (aws/ssm is used); encrypt with a customer-managed key');
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'SEC-02',
    title: 'Secrets rotate every 90 days or less',
    severity: 'medium',
    pack: 'keys-secrets',
    mappings: { checkov: ['CKV2_AWS_57', 'CKV_AWS_304'], cdkNag: ['AwsSolutions-SMG4'], fsbp: ['SecretsManager.1', 'SecretsManager.4'] },
    appliesTo: ['aws_secretsmanager_secret'],
    check(secret, context) {
      const rotations = context.referrers(secret, 'aws_secretsmanager_secret_rotation', 'secret_id').map((r) => r.resource);
      if (rotations.length === 0) {
        return fail(secret, 'aws_secretsmanager_secret_rotation', 'is missing; rotate the secret (suppress with a reason for a static third-party credential that cannot rotate)');
      }
      const rules = block(rotations[0].body.rotation_rules);
      const days = num(rules?.automatically_after_days) ?? scheduleDays(rules?.schedule_expression);
      const ok = isRef(rules?.automatically_after_days) || (days !== undefined ? days <= 90 : isSet(rules?.schedule_expression));
      return ok ? COMPLIANT : fail(secret, `${rotations[0].address}.rotation_rules`, `rotates every ${days ?? '?'} days; rotate at least every 90 days`);
    },
  }),
];
