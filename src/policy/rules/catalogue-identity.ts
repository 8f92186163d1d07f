import { collector, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

/** Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md): identity pools. */

/** Literally true (a reference is not known to be true). */
const on = (value: unknown): boolean => value === true || value === 'true';

export const CATALOGUE_IDENTITY_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'COG-03',
    title: 'Identity pools admit no unauthenticated (guest) identities and no basic (classic) flow',
    severity: 'high',
    pack: 'identity',
    mappings: { checkov: ['CKV_AWS_366'], fsbp: ['Cognito.2'] },
    appliesTo: ['aws_cognito_identity_pool'],
    check(pool) {
      const c = collector();
      c.expect(!on(pool.body.allow_unauthenticated_identities), 'allow_unauthenticated_identities', 'is true; guests would get AWS credentials without signing in');
      // The basic flow skips the session policy that the enhanced flow applies to the role credentials.
      c.expect(!on(pool.body.allow_classic_flow), 'allow_classic_flow', 'is true; use the enhanced (simplified) authflow');
      return verdict(pool, c.problems);
    },
  }),
];
