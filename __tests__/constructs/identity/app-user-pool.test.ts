import { Testing } from 'cdktf';
import { AppUserPool, AppUserPoolProps } from '../../../src/constructs/identity/app-user-pool';
import { Json, onlyResource, parsed, resourcesOf } from '../../helpers';

const BASE: AppUserPoolProps = {
  name: 'sys-dev-users',
  domainPrefix: 'sys-dev-111111111111',
  accountId: '111111111111',
  region: 'us-east-1',
  callbackUrls: ['https://app.example.com/api/auth/callback/cognito'],
  logoutUrls: ['https://app.example.com/'],
  groups: [
    { name: 'admin', description: 'Admins', precedence: 0 },
    { name: 'viewer', description: 'Read only', precedence: 10 },
  ],
};

function synth(change: Partial<AppUserPoolProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new AppUserPool(scope, 'users', { ...BASE, ...change })));
}

describe('AppUserPool', () => {
  const json = synth();
  const pool = onlyResource(json, 'aws_cognito_user_pool');
  const client = onlyResource(json, 'aws_cognito_user_pool_client');

  test('password policy: 12+ characters with upper, lower, numbers and symbols', () => {
    expect(pool.password_policy).toMatchObject({ minimum_length: 12, require_uppercase: true, require_lowercase: true, require_numbers: true, require_symbols: true });
  });

  test('optional MFA by SMS (scoped role) and TOTP; recovery by email then phone', () => {
    expect(pool.mfa_configuration).toBe('OPTIONAL');
    expect(pool.software_token_mfa_configuration).toEqual({ enabled: true });
    expect(pool.sms_configuration).toMatchObject({ external_id: 'sys-dev-users-sms', sns_region: 'us-east-1' });
    expect(pool.account_recovery_setting.recovery_mechanism).toEqual([
      { name: 'verified_email', priority: 1 },
      { name: 'verified_phone_number', priority: 2 },
    ]);
  });

  test('SMS role trusts Cognito of this account with the external ID; only SMS, no topics', () => {
    const trust = parsed(onlyResource(json, 'aws_iam_role').assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: 'cognito-idp.amazonaws.com' });
    expect(trust.Condition.StringEquals).toEqual({ 'sts:ExternalId': 'sys-dev-users-sms', 'aws:SourceAccount': '111111111111' });
    const statements = parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Resource: 'arn:aws:sns:*:*:*' }));
  });

  test('email sign-in, verified email, required names', () => {
    expect(pool.username_attributes).toEqual(['email']);
    expect(pool.auto_verified_attributes).toEqual(['email']);
    const required = pool.schema.filter((a: Json) => a.required).map((a: Json) => a.name).sort();
    expect(required).toEqual(['email', 'family_name', 'given_name']);
    const mutable = pool.schema.filter((a: Json) => a.mutable).map((a: Json) => a.name).sort();
    expect(mutable).toEqual(['family_name', 'given_name', 'phone_number']);
  });

  test('threat protection ENFORCED on the PLUS plan; deletion protection by default', () => {
    expect(pool.user_pool_add_ons).toEqual({ advanced_security_mode: 'ENFORCED' });
    expect(pool.user_pool_tier).toBe('PLUS');
    expect(pool.deletion_protection).toBe('ACTIVE');
  });

  test('AUDIT mode and no deletion protection when unprotected', () => {
    const dev = onlyResource(synth({ advancedSecurityMode: 'AUDIT', protect: false }), 'aws_cognito_user_pool');
    expect(dev.user_pool_add_ons).toEqual({ advanced_security_mode: 'AUDIT' });
    expect(dev.deletion_protection).toBe('INACTIVE');
  });

  test('app client: SRP + refresh, 1h/1h/30d tokens, code flow, secret, no user existence errors', () => {
    expect(client).toMatchObject({
      explicit_auth_flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      access_token_validity: 1,
      id_token_validity: 1,
      refresh_token_validity: 30,
      token_validity_units: [{ access_token: 'hours', id_token: 'hours', refresh_token: 'days' }],
      allowed_oauth_flows: ['code'],
      allowed_oauth_scopes: ['openid', 'email', 'profile'],
      allowed_oauth_flows_user_pool_client: true,
      generate_secret: true,
      prevent_user_existence_errors: 'ENABLED',
      callback_urls: BASE.callbackUrls,
      logout_urls: BASE.logoutUrls,
    });
  });

  test('hosted UI domain and RBAC groups', () => {
    expect(onlyResource(json, 'aws_cognito_user_pool_domain').domain).toBe('sys-dev-111111111111');
    expect(resourcesOf(json, 'aws_cognito_user_group').map(([, g]) => [g.name, g.precedence])).toEqual([
      ['admin', 0],
      ['viewer', 10],
    ]);
  });

  test.each([
    [{ domainPrefix: 'my-cognito-app' }, 'without aws, amazon or cognito'],
    [{ callbackUrls: ['http://app.example.com/cb'] }, 'is not https'],
    [{ minimumPasswordLength: 6 }, 'minimumPasswordLength 6'],
    [{ groups: [] }, 'groups is empty'],
    [{ groups: [{ name: 'a', description: 'x', precedence: 1 }, { name: 'a', description: 'y', precedence: 2 }] }, 'group "a" is listed twice'],
  ])('rejects %p', (change, message) => {
    expect(() => synth(change as Partial<AppUserPoolProps>)).toThrow(message);
  });
});
