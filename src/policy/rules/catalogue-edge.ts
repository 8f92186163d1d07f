import { COMPLIANT, block, fail, literal } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

/** Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md): certificates. */

export const CATALOGUE_EDGE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'ACM-01',
    title: 'ACM certificates keep certificate transparency logging on',
    severity: 'low',
    pack: 'edge',
    mappings: { checkov: ['CKV_AWS_234'] },
    appliesTo: ['aws_acm_certificate'],
    check(certificate) {
      // CT logs are how a domain owner notices a certificate issued for its names by someone else.
      const preference = literal(block(certificate.body.options)?.certificate_transparency_logging_preference);
      return preference === 'DISABLED'
        ? fail(certificate, 'options.certificate_transparency_logging_preference', 'is DISABLED; keep ENABLED so mis-issued certificates for the domain can be detected')
        : COMPLIANT;
    },
  }),
];
