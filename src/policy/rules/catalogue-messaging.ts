import { COMPLIANT, collector, isSet, literal, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

/** Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md): streams. */

export const CATALOGUE_MESSAGING_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'KIN-01',
    title: 'Kinesis data streams are encrypted with a customer-managed KMS key',
    severity: 'medium',
    pack: 'messaging',
    mappings: { checkov: ['CKV_AWS_43', 'CKV_AWS_185'], trivy: ['AVD-AWS-0064'], fsbp: ['Kinesis.1'] },
    appliesTo: ['aws_kinesis_stream'],
    check(stream) {
      const c = collector();
      const type = String(stream.body.encryption_type ?? 'NONE');
      c.expect(type === 'KMS', 'encryption_type', `is ${type}; set encryption_type = "KMS"`);
      const key = stream.body.kms_key_id;
      c.expect(isSet(key) && literal(key) !== 'alias/aws/kinesis', 'kms_key_id', `is ${literal(key) ?? 'not set'}; use a customer-managed key, not alias/aws/kinesis`);
      return c.problems.length === 0 ? COMPLIANT : verdict(stream, c.problems);
    },
  }),
];
