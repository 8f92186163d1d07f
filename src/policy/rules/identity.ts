import { block, collector, flag, num, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';

const POOL = 'aws_cognito_user_pool';

export const IDENTITY_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'COG-01',
    title: 'Password policy: 12+ characters, upper, lower, numbers, symbols',
    severity: 'medium',
    pack: 'identity',
    mappings: { cdkNag: ['AwsSolutions-COG1'], fsbp: ['Cognito.3'] },
    appliesTo: [POOL],
    check(pool) {
      const policy = block(pool.body.password_policy);
      const c = collector();
      const length = num(policy?.minimum_length) ?? 8;
      c.expect(length >= 12, 'password_policy.minimum_length', `is ${length}; require 12+ characters`);
      for (const f of ['require_uppercase', 'require_lowercase', 'require_numbers', 'require_symbols']) {
        c.expect(flag(policy?.[f], policy === undefined), `password_policy.${f}`, 'is not true');
      }
      return verdict(pool, c.problems);
    },
  }),
  defineRule({
    id: 'COG-02',
    title: 'MFA on; advanced security enforced; deletion protection (prod)',
    severity: 'medium',
    pack: 'identity',
    mappings: { cdkNag: ['AwsSolutions-COG2', 'AwsSolutions-COG8'], fsbp: ['Cognito.1'] },
    appliesTo: [POOL],
    check(pool, context) {
      const c = collector();
      const mfa = String(pool.body.mfa_configuration ?? 'OFF');
      c.expect(mfa === 'ON', 'mfa_configuration', `is ${mfa}; require MFA (OPTIONAL only with a recorded reason)`);
      c.expect(block(pool.body.user_pool_add_ons)?.advanced_security_mode === 'ENFORCED', 'user_pool_add_ons.advanced_security_mode', 'is not ENFORCED; enforce threat protection');
      if (context.stack.isProd) c.expect(pool.body.deletion_protection === 'ACTIVE', 'deletion_protection', 'is not ACTIVE; protect the prod user pool');
      return verdict(pool, c.problems);
    },
  }),
];
