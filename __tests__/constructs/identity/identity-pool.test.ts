import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { IdentityPool, IdentityPoolProps } from '../../../src/constructs/identity/identity-pool';
import { evaluate } from '../../../src/policy/engine';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { doc } from '../../policy/harness';

const POOL_ID = 'us-east-1_AbCdEf123';
const BUCKET_ARN = 'arn:aws:s3:::portal-dev-media';
const BASE: IdentityPoolProps = {
  name: 'portal-dev-identities',
  region: 'us-east-1',
  userPoolClients: [
    { userPoolId: POOL_ID, clientId: '1example23456789abcdefghij' },
    { userPoolId: POOL_ID, clientId: '2example23456789abcdefghij' },
  ],
};

function stackOf(name = 'portal-dev-identity'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

function synth(change: Partial<IdentityPoolProps> = {}): Json {
  const stack = stackOf();
  new IdentityPool(stack, 'identities', { ...BASE, ...change });
  return synthJson(stack);
}

const roleNamed = (json: Json, name: string): [string, Json] => {
  const found = resourcesOf(json, 'aws_iam_role').filter(([, r]) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one role ${name}, found ${found.length}`);
  return found[0];
};

describe('IdentityPool', () => {
  const json = synth();
  const pool = onlyResource(json, 'aws_cognito_identity_pool');
  const poolName = resourcesOf(json, 'aws_cognito_identity_pool')[0][0];

  test('enhanced flow only, no guests, each user pool client a provider with server-side token checks', () => {
    expect(pool).toMatchObject({ identity_pool_name: 'portal-dev-identities', allow_unauthenticated_identities: false, allow_classic_flow: false });
    expect(pool.cognito_identity_providers).toEqual(
      BASE.userPoolClients.map((c) => ({ client_id: c.clientId, provider_name: `cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`, server_side_token_check: true })),
    );
  });

  test('only an authenticated role, trusted by Cognito Identity for this pool (aud) and signed-in identities (amr)', () => {
    expect(resourcesOf(json, 'aws_iam_role').map(([, r]) => r.name)).toEqual(['portal-dev-identities-authenticated']);
    const [, role] = roleNamed(json, 'portal-dev-identities-authenticated');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'SignedInUsersOfThisPool',
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': `\${aws_cognito_identity_pool.${poolName}.id}` },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ]);
  });

  test('no statements by default: no role policy', () => {
    expect(resourcesOf(json, 'aws_iam_role_policy')).toEqual([]);
  });

  test('the roles attachment maps the authenticated role only', () => {
    const [roleName] = roleNamed(json, 'portal-dev-identities-authenticated');
    expect(onlyResource(json, 'aws_cognito_identity_pool_roles_attachment')).toEqual({
      identity_pool_id: `\${aws_cognito_identity_pool.${poolName}.id}`,
      roles: { authenticated: `\${aws_iam_role.${roleName}.arn}` },
    });
  });

  test('caller statements become the role policy', () => {
    const statements = [{ Sid: 'ReadMedia', Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: [`${BUCKET_ARN}/public/*`] }];
    const withPolicy = synth({ authenticatedPolicyStatements: statements });
    const [roleName] = roleNamed(withPolicy, 'portal-dev-identities-authenticated');
    const policy = onlyResource(withPolicy, 'aws_iam_role_policy');
    expect(policy.role).toBe(`\${aws_iam_role.${roleName}.id}`);
    expect(parsed(policy.policy)).toEqual({ Version: '2012-10-17', Statement: statements });
  });

  test('guests allowed: an unauthenticated role (amr unauthenticated) with its own statements, attached', () => {
    const guests = synth({
      allowUnauthenticatedIdentities: true,
      roleNamePrefix: 'portal-dev-id',
      unauthenticatedPolicyStatements: [{ Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }],
    });
    expect(onlyResource(guests, 'aws_cognito_identity_pool').allow_unauthenticated_identities).toBe(true);
    const [guestRoleName, guestRole] = roleNamed(guests, 'portal-dev-id-unauthenticated');
    const trust = parsed(guestRole.assume_role_policy).Statement[0];
    expect(trust.Condition['ForAnyValue:StringLike']).toEqual({ 'cognito-identity.amazonaws.com:amr': 'unauthenticated' });
    expect(parsed(onlyResource(guests, 'aws_iam_role_policy').policy).Statement).toEqual([{ Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }]);
    expect(onlyResource(guests, 'aws_cognito_identity_pool_roles_attachment').roles.unauthenticated).toBe(`\${aws_iam_role.${guestRoleName}.arn}`);
  });

  test('exposes the pool ID', () => {
    const stack = stackOf();
    const identities = new IdentityPool(stack, 'identities', BASE);
    new TerraformOutput(stack, 'pool-id', { value: identities.identityPoolId });
    const json = synthJson(stack);
    expect(json.output['pool-id'].value).toBe(`\${aws_cognito_identity_pool.${resourcesOf(json, 'aws_cognito_identity_pool')[0][0]}.id}`);
    expect(identities.unauthenticatedRole).toBeUndefined();
  });

  test.each([
    [{ name: 'bad/name' }, 'IdentityPool "bad/name": name must be 1-128'],
    [{ name: 'portal dev identities' }, 'role name prefix "portal dev identities" must be 1-48'],
    [{ roleNamePrefix: 'x'.repeat(49) }, 'must be 1-48 letters'],
    [{ region: 'useast1' }, 'region "useast1" is not a region code'],
    [{ userPoolClients: [] }, 'userPoolClients is empty and unauthenticated identities are off'],
    [{ userPoolClients: [{ userPoolId: 'AbCdEf123', clientId: 'abc' }] }, 'userPoolId "AbCdEf123" is not a user pool ID'],
    [{ userPoolClients: [{ userPoolId: POOL_ID, clientId: 'a b' }] }, 'clientId "a b" is not an app client ID'],
    [{ userPoolClients: [BASE.userPoolClients[0], BASE.userPoolClients[0]] }, `user pool client ${POOL_ID}/1example23456789abcdefghij is listed twice`],
    [{ unauthenticatedPolicyStatements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET_ARN }] }, 'unauthenticatedPolicyStatements are given but allowUnauthenticatedIdentities is off'],
    [{ authenticatedPolicyStatements: [{ Sid: 'All', Effect: 'Allow', Action: 's3:*', Resource: BUCKET_ARN }] }, 'authenticatedPolicyStatements[All] allows s3:*; list the actions'],
    [{ authenticatedPolicyStatements: [{ Effect: 'Allow', Action: '*', Resource: BUCKET_ARN }] }, 'authenticatedPolicyStatements[0] allows *'],
    [{ authenticatedPolicyStatements: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: BUCKET_ARN }] }, 'has a Principal; role policies are identity policies'],
    [{ authenticatedPolicyStatements: [{ Effect: 'Allow', Action: 's3:GetObject' }] }, 'names no Resource'],
    [{ authenticatedPolicyStatements: [{ Effect: 'Allow', Action: [], Resource: BUCKET_ARN }] }, 'has no actions'],
  ])('rejects %p', (change, message) => {
    expect(() => synth(change as Partial<IdentityPoolProps>)).toThrow(message);
  });

  test('a pool with guests only needs no user pool client', () => {
    expect(() => synth({ userPoolClients: [], allowUnauthenticatedIdentities: true })).not.toThrow();
  });
});

describe('IdentityPool policy pack', () => {
  const findings = (change: Partial<IdentityPoolProps>) => {
    const stack = stackOf('portal-prod-identity');
    new IdentityPool(stack, 'identities', { ...BASE, ...change });
    return evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);
  };

  test('no findings for the defaults; with guests only COG-03 (the caller suppresses it with its reason), scoped statements pass (federated trusts carry aud/amr conditions)', () => {
    expect(findings({})).toEqual([]);
    expect(
      findings({
        allowUnauthenticatedIdentities: true,
        authenticatedPolicyStatements: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`${BUCKET_ARN}/private/*`] }],
        unauthenticatedPolicyStatements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET_ARN}/public/*` }],
      }),
    ).toEqual(['COG-03 aws_cognito_identity_pool.identities_identity-pool_5F783117 allow_unauthenticated_identities']);
  });

  test('a statement on Resource "*" for a scopable action is an IAM-01 finding', () => {
    expect(findings({ authenticatedPolicyStatements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })).toEqual([
      expect.stringMatching(/^IAM-01 aws_iam_role_policy\.\S+ policy\.Statement\[0\]\.Resource$/),
    ]);
  });
});
