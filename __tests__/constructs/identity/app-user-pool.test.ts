import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AppUserPool, AppUserPoolProps } from '../../../src/constructs/identity/app-user-pool';
import { evaluate } from '../../../src/policy/engine';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { doc } from '../../policy/harness';

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

/** A token rendered as Terraform writes it (through an output of the stack). */
function rendered(stack: TerraformStack, value: unknown): unknown {
  new TerraformOutput(stack, 'probe', { value });
  return synthJson(stack).output.probe.value;
}

const CERTIFICATE = 'arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555';
const CUSTOM = { domainName: 'auth.example.com', certificateArn: CERTIFICATE };
const APPS = {
  portal: { callbackUrls: ['https://portal.example.com/auth/callback'], logoutUrls: ['https://portal.example.com/'], generateSecret: false },
  haiku: { callbackUrls: ['https://haiku.example.com/auth/callback'], logoutUrls: ['https://haiku.example.com/'] },
};
/** Drops the single client's URLs (as a caller of `clients` does). */
const NO_URLS = { callbackUrls: undefined, logoutUrls: undefined };

describe('AppUserPool options', () => {
  test('defaults keep the single web client, the prefix domain and no device remembering', () => {
    const json = synth();
    expect(resourcesOf(json, 'aws_cognito_user_pool_client').map(([, c]) => c.name)).toEqual(['sys-dev-users-web']);
    expect(onlyResource(json, 'aws_cognito_user_pool_domain')).not.toHaveProperty('certificate_arn');
    expect(onlyResource(json, 'aws_cognito_user_pool')).not.toHaveProperty('device_configuration');
  });

  test('client and clients by key for the default pool; hosted UI on the prefix domain', () => {
    const stack = new TerraformStack(Testing.app(), 'sys-dev-identity');
    const pool = new AppUserPool(stack, 'users', BASE);
    expect(Object.keys(pool.clients)).toEqual(['web']);
    expect(pool.client).toBe(pool.clients.web);
    expect(pool.prefixDomain).toBe(pool.domain);
    expect(pool.customDomain).toBeUndefined();
    expect(pool.customDomainAliasTarget).toBeUndefined();
    expect(rendered(stack, pool.hostedUiDomain('us-east-1'))).toMatch(/^\$\{aws_cognito_user_pool_domain\.users_domain_[0-9A-F]+\.domain\}\.auth\.us-east-1\.amazoncognito\.com$/);
  });

  test('a custom domain alone: us-east-1 certificate, no prefix domain, alias target from the domain', () => {
    const stack = new TerraformStack(Testing.app(), 'sys-dev-identity');
    const pool = new AppUserPool(stack, 'users', { ...BASE, domainPrefix: undefined, customDomain: CUSTOM });
    const json = synthJson(stack);
    const [name, domain] = resourcesOf(json, 'aws_cognito_user_pool_domain')[0];
    expect(resourcesOf(json, 'aws_cognito_user_pool_domain')).toHaveLength(1);
    expect(domain).toMatchObject({ domain: 'auth.example.com', certificate_arn: CERTIFICATE });
    expect(pool.domain).toBe(pool.customDomain);
    expect(pool.prefixDomain).toBeUndefined();
    expect(rendered(stack, { ...pool.customDomainAliasTarget, hostedUi: pool.hostedUiDomain('us-east-1') })).toEqual({
      dnsName: `\${aws_cognito_user_pool_domain.${name}.cloudfront_distribution}`,
      zoneId: `\${aws_cognito_user_pool_domain.${name}.cloudfront_distribution_zone_id}`,
      hostedUi: `\${aws_cognito_user_pool_domain.${name}.domain}`,
    });
  });

  test('a custom domain with a prefix keeps both (Cognito allows one of each per pool)', () => {
    const json = synth({ customDomain: CUSTOM });
    expect(resourcesOf(json, 'aws_cognito_user_pool_domain').map(([, d]) => [d.domain, d.certificate_arn]).sort()).toEqual([
      ['auth.example.com', CERTIFICATE],
      ['sys-dev-111111111111', undefined],
    ]);
  });

  test('one client per app, named <pool>-<key>, each with its URLs and secret choice; client then refuses', () => {
    const stack = new TerraformStack(Testing.app(), 'sys-dev-identity');
    const pool = new AppUserPool(stack, 'users', { ...BASE, ...NO_URLS, clients: APPS });
    const clients = resourcesOf(synthJson(stack), 'aws_cognito_user_pool_client').map(([, c]) => c);
    expect(clients.map((c) => [c.name, c.generate_secret, c.callback_urls, c.logout_urls]).sort()).toEqual([
      ['sys-dev-users-haiku', true, APPS.haiku.callbackUrls, APPS.haiku.logoutUrls],
      ['sys-dev-users-portal', false, APPS.portal.callbackUrls, APPS.portal.logoutUrls],
    ]);
    for (const c of clients) expect(c).toMatchObject({ allowed_oauth_flows: ['code'], explicit_auth_flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], prevent_user_existence_errors: 'ENABLED' });
    expect(Object.keys(pool.clients)).toEqual(['portal', 'haiku']);
    expect(() => pool.client).toThrow('AppUserPool sys-dev-users: the pool has 2 app clients (portal, haiku); pick one from clients[<key>]');
  });

  test('token lifetimes: whole hours stay in hours, other minutes in minutes, refresh in days, on every client', () => {
    const json = synth({ ...NO_URLS, clients: APPS, accessTokenValidityMinutes: 15, idTokenValidityMinutes: 120, refreshTokenValidityDays: 7 });
    for (const [, c] of resourcesOf(json, 'aws_cognito_user_pool_client')) {
      expect(c).toMatchObject({ access_token_validity: 15, id_token_validity: 2, refresh_token_validity: 7, token_validity_units: [{ access_token: 'minutes', id_token: 'hours', refresh_token: 'days' }] });
    }
  });

  test('rememberDevices: user opt-in, a remembered device stands in for MFA', () => {
    expect(onlyResource(synth({ rememberDevices: true }), 'aws_cognito_user_pool').device_configuration).toEqual({
      challenge_required_on_new_device: true,
      device_only_remembered_on_user_prompt: true,
    });
  });

  test.each([
    [{ domainPrefix: undefined }, 'AppUserPool sys-dev-users: neither domainPrefix nor customDomain is given'],
    [{ customDomain: { ...CUSTOM, certificateArn: CERTIFICATE.replace('us-east-1', 'eu-west-1') } }, 'is not an ACM certificate ARN in us-east-1; Cognito serves custom domains through CloudFront'],
    [{ customDomain: { ...CUSTOM, domainName: 'example.com' } }, 'customDomain.domainName "example.com" is not a lower-case sub-domain such as auth.example.com'],
    [{ customDomain: { ...CUSTOM, domainName: 'Auth.Example.com' } }, 'customDomain.domainName "Auth.Example.com"'],
    [{ clients: APPS }, 'callbackUrls/logoutUrls are given with clients; put the URLs in each client instead'],
    [{ ...NO_URLS, clients: {} }, 'clients is empty'],
    [{ ...NO_URLS, clients: { Portal: APPS.portal } }, 'client key "Portal" must be lower-case letters, digits and dashes'],
    [{ ...NO_URLS, clients: { portal: { ...APPS.portal, callbackUrls: [] } } }, 'client portal: callbackUrls is empty'],
    [{ ...NO_URLS, clients: { portal: { ...APPS.portal, logoutUrls: ['http://portal.example.com/'] } } }, 'client portal: URL "http://portal.example.com/" is not https'],
    [NO_URLS, 'callbackUrls is empty; the code flow needs at least one'],
    [{ accessTokenValidityMinutes: 4 }, 'accessTokenValidityMinutes 4 is outside Cognito\'s 5-1440 minutes'],
    [{ idTokenValidityMinutes: 1441 }, 'idTokenValidityMinutes 1441 is outside Cognito\'s 5-1440 minutes'],
    [{ accessTokenValidityMinutes: 7.5 }, 'accessTokenValidityMinutes 7.5'],
    [{ refreshTokenValidityDays: 0 }, 'refreshTokenValidityDays 0 is outside 1-3650'],
    [{ refreshTokenValidityDays: 3651 }, 'refreshTokenValidityDays 3651 is outside 1-3650'],
  ])('rejects %p', (change, message) => {
    expect(() => synth({ ...change } as Partial<AppUserPoolProps>)).toThrow(message);
  });
});

describe('AppUserPool policy pack', () => {
  const findings = (change: Partial<AppUserPoolProps>, stackName: string) => {
    const stack = new TerraformStack(Testing.app(), stackName);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new AppUserPool(stack, 'users', { ...BASE, ...change });
    return evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).map((f) => `${f.ruleId} ${f.attribute}`);
  };

  test('defaults: only COG-02 for optional MFA, which the caller suppresses with the seed reason', () => {
    expect(findings({}, 'sys-prod-identity')).toEqual(['COG-02 mfa_configuration']);
  });

  test('the seed session settings (AUDIT threat protection) add the advanced-security part of COG-02', () => {
    const seed = { ...NO_URLS, customDomain: CUSTOM, clients: APPS, rememberDevices: true, advancedSecurityMode: 'AUDIT' as const };
    expect(findings(seed, 'sys-dev-identity')).toEqual(['COG-02 mfa_configuration, user_pool_add_ons.advanced_security_mode']);
  });
});
