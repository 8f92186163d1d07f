import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { add, expectCompliant, expectNotApplicable, expectViolation, json, stackOf } from './harness';

const GH = 'token.actions.githubusercontent.com';
const webIdentity = (condition: unknown, federated = `arn:aws:iam::111122223333:oidc-provider/${GH}`) =>
  json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}) }] });

describe('IAM-05 web-identity trusts', () => {
  it('passes for a GitHub role pinned to one repository and branch', () => {
    const stack = stackOf('bidops-prod-compute');
    add(stack, IamRole, 'gh', { name: 'deploy', assume_role_policy: webIdentity({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' } }) });
    expectCompliant('IAM-05', stack, 'aws_iam_role.gh');
  });
  it('passes for a Cognito identity pool role with aud and amr', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, IamRole, 'pool', { name: 'auth', assume_role_policy: webIdentity({ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }, 'cognito-identity.amazonaws.com') });
    expectCompliant('IAM-05', stack, 'aws_iam_role.pool');
  });
  it('does not apply to service trusts', () => {
    const stack = stackOf('bidops-prod-compute');
    add(stack, IamRole, 'svc', { name: 'svc', assume_role_policy: json({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });
    expectNotApplicable('IAM-05', stack, 'aws_iam_role.svc');
  });
  it('fails for an audience-only GitHub trust and for a wildcard owner', () => {
    const stack = stackOf('bidops-prod-compute');
    add(stack, IamRole, 'aud', { name: 'a', assume_role_policy: webIdentity({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } }) });
    add(stack, IamRole, 'any', { name: 'b', assume_role_policy: webIdentity({ StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:*/app:*' } }) });
    const first = expectViolation('IAM-05', stack, 'aws_iam_role.aud', 'Condition');
    expect(first.status === 'non-compliant' && first.message).toContain(':sub');
    expectViolation('IAM-05', stack, 'aws_iam_role.any', `Condition.${GH}:sub`);
  });
  it('fails for a Cognito trust without aud', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, IamRole, 'pool', { name: 'auth', assume_role_policy: webIdentity({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }, 'cognito-identity.amazonaws.com') });
    const result = expectViolation('IAM-05', stack, 'aws_iam_role.pool', 'Condition');
    expect(result.status === 'non-compliant' && result.message).toContain('cognito-identity.amazonaws.com:aud');
  });
});
