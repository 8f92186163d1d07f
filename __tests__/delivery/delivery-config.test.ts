import { CI_DELIVERY, CiDeliveryConfig, resolveCiDelivery } from '../../src/config/delivery';
import { ConfigError } from '../../src/config/errors';

const CONTEXT = { stateAccountId: '111111111111', environments: ['dev', 'staging', 'prod'] as const };

/** A deep copy of the project's CI delivery config with a change applied. */
function changed(change: (draft: any) => void): CiDeliveryConfig {
  const draft = JSON.parse(JSON.stringify(CI_DELIVERY));
  change(draft);
  return draft;
}

function errorOf(change: (draft: any) => void, context: typeof CONTEXT | { stateAccountId: string; environments: readonly ('dev' | 'staging' | 'prod')[] } = CONTEXT): string {
  try {
    resolveCiDelivery(changed(change), context);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('CI delivery config', () => {
  it('resolves the project config with its defaults', () => {
    const resolved = resolveCiDelivery(CI_DELIVERY, CONTEXT);
    expect(resolved).toMatchObject({
      repository: 'acme/aws-reference-platform',
      branch: 'main',
      oidcSubjectPrefix: 'repo:acme/aws-reference-platform',
      runner: 'ubuntu-latest',
      artifactRetentionDays: 30,
      applyDependents: true,
    });
    expect(resolved.environments.prod).toEqual({
      githubEnvironment: 'prod',
      requiresApproval: true,
      planRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-prod-plan',
      applyRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-prod-apply',
    });
  });

  it('accepts the immutable subject claim form of the same repository', () => {
    const resolved = resolveCiDelivery(changed((d) => (d.oidcSubjectPrefix = 'repo:acme@1234/aws-reference-platform@5678')), CONTEXT);
    expect(resolved.oidcSubjectPrefix).toBe('repo:acme@1234/aws-reference-platform@5678');
  });

  it.each([
    ['a repository that is not owner/name', (d: any) => (d.repository = 'acme'), 'repository = "acme" is not a GitHub owner/name'],
    ['a branch pattern', (d: any) => (d.branch = 'release/*'), 'branch = "release/*" is not one branch name'],
    ['a subject prefix of another repository', (d: any) => (d.oidcSubjectPrefix = 'repo:evil/aws-reference-platform'), 'names another repository than acme/aws-reference-platform'],
    ['an unknown region', (d: any) => (d.awsRegion = 'us-east-7'), 'awsRegion = "us-east-7" is not an AWS region'],
    ['a retention GitHub does not keep', (d: any) => (d.artifactRetentionDays = 120), 'artifactRetentionDays = 120 is outside 1-90'],
    ['a role outside the state account', (d: any) => (d.environments.dev.applyRoleArn = 'arn:aws:iam::222222222222:role/ci'), 'environments.dev.applyRoleArn = "arn:aws:iam::222222222222:role/ci" is not in the state account 111111111111'],
    ['a role that is not a role ARN', (d: any) => (d.environments.dev.planRoleArn = 'terraform-ci-dev-plan'), 'environments.dev.planRoleArn = "terraform-ci-dev-plan" is not an IAM role ARN'],
    ['one role for plans and applies', (d: any) => (d.environments.staging.planRoleArn = d.environments.staging.applyRoleArn), 'environments.staging.applyRoleArn = "arn:aws:iam::111111111111:role/terraform-ci-staging-apply" is also environments.staging.planRoleArn'],
    ['prod without reviewers', (d: any) => (d.environments.prod.requiresApproval = false), 'environments.prod.requiresApproval = false is false in prod'],
    ['two environments in one GitHub environment', (d: any) => (d.environments.staging.githubEnvironment = 'prod'), 'environments.prod.githubEnvironment = "prod" is also staging\'s'],
    ['a misspelled field', (d: any) => (d.environments.dev.applyRole = 'x'), 'environments.dev.applyRole = "x" is not a field of environments.dev. Fix: rename it to applyRoleArn'],
    ['a configured environment without an entry', (d: any) => delete d.environments.staging, 'environments.staging = (missing) is missing, but stacks are configured for staging'],
  ])('refuses %s in one line', (_, change, message) => {
    const error = errorOf(change);
    expect(error).toContain(message);
    expect(error.startsWith('Invalid configuration for ci delivery (src/config/delivery.ts): ')).toBe(true);
    expect(error).not.toContain('\n');
  });

  it('does not need an entry for an environment no system configures', () => {
    expect(() => resolveCiDelivery(changed((d) => delete d.environments.staging), { stateAccountId: '111111111111', environments: ['dev', 'prod'] })).not.toThrow();
  });
});
