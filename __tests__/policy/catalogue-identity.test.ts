import { CognitoIdentityPool } from '@cdktf/provider-aws/lib/cognito-identity-pool';
import { add, expectCompliant, expectViolation, stackOf } from './harness';

describe('COG-03 identity pools', () => {
  it('passes without guests and with the enhanced flow', () => {
    const stack = stackOf('lang-portal-prod-data');
    add(stack, CognitoIdentityPool, 'pool', { identity_pool_name: 'p', allow_unauthenticated_identities: false, allow_classic_flow: false });
    expectCompliant('COG-03', stack, 'aws_cognito_identity_pool.pool');
  });
  it('fails with guest access and the classic flow', () => {
    const stack = stackOf('lang-portal-prod-data');
    add(stack, CognitoIdentityPool, 'pool', { identity_pool_name: 'p', allow_unauthenticated_identities: true, allow_classic_flow: true });
    expectViolation('COG-03', stack, 'aws_cognito_identity_pool.pool', 'allow_unauthenticated_identities');
    expectViolation('COG-03', stack, 'aws_cognito_identity_pool.pool', 'allow_classic_flow');
  });
});
