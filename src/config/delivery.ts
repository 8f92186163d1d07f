import { ENVIRONMENTS, EnvName } from '../core/names';
import { REGION_ZONES, nearest } from './aws-limits';
import { CI_DELIVERY_KEYS } from './config-keys';
import { ConfigError } from './errors';
import { checkKnownKeys } from './known-keys';
import { Fail } from './layers/fail';

/**
 * How the generated GitHub Actions pipeline (.github/workflows/terraform.yml) reaches AWS and
 * promotes changes: the repository whose workflows may assume the CI roles, one pair of OIDC roles
 * per environment in the state account, and the GitHub environment that gates each apply.
 * Named CiDeliveryConfig because the edge layer's `delivery` section is the apps' CodePipeline.
 */
export interface CiDeliveryConfig {
  /** `owner/name` of the GitHub repository that holds this project. */
  readonly repository: string;
  /** The branch whose pushes apply (every environment, in order). */
  readonly branch: string;
  /**
   * The start of the OIDC `sub` claim the roles trust: `repo:owner/name`, or the immutable form
   * `repo:owner@<org id>/name@<repo id>` that GitHub emits for repositories created from 15 July
   * 2026 on (and for older ones that opted in).
   * @default `repo:${repository}`
   */
  readonly oidcSubjectPrefix?: string;
  /** Region the credentials are issued for (STS and the state bucket's region). */
  readonly awsRegion: string;
  /**
   * GitHub-hosted runner label of every job.
   * @default 'ubuntu-latest'
   */
  readonly runner?: string;
  /**
   * Days the synthesized output and the plans are kept as artifacts: at least as long as a prod
   * apply may wait for its reviewers.
   * @default 30
   */
  readonly artifactRetentionDays?: number;
  /**
   * On the branch, also plan and apply the stacks that read a changed stack (same system and
   * environment), since an upstream apply can change the outputs they read.
   * @default true
   */
  readonly applyDependents?: boolean;
  /** One entry per environment the app configures, promoted in the order dev, staging, prod. */
  readonly environments: Readonly<Partial<Record<EnvName, CiEnvironment>>>;
}

export interface CiEnvironment {
  /**
   * GitHub environment the apply jobs run in (Settings -> Environments): its deployment branch
   * rule and required reviewers gate the apply, and it puts `environment:<name>` in the OIDC `sub`.
   */
  readonly githubEnvironment: string;
  /**
   * Whether the GitHub environment has required reviewers (set in the repository settings; the
   * workflow cannot set them). Must be true in prod. Documents the intent in docs/ci.md and sets
   * Terraform Cloud's auto-apply off.
   */
  readonly requiresApproval: boolean;
  /**
   * IAM role in the state account that pull-request and branch plans assume through OIDC: reads
   * the environment's state, assumes the environment's deploy roles; no state writes, no locks.
   */
  readonly planRoleArn: string;
  /**
   * IAM role in the state account that applies assume through OIDC, only from jobs in
   * `githubEnvironment`: reads and writes the environment's state and lock, assumes its deploy roles.
   */
  readonly applyRoleArn: string;
}

export const CI_DELIVERY: CiDeliveryConfig = {
  repository: 'acme/aws-reference-platform',
  branch: 'main',
  awsRegion: 'us-east-1',
  environments: {
    dev: {
      githubEnvironment: 'dev',
      requiresApproval: false,
      planRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-dev-plan',
      applyRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-dev-apply',
    },
    staging: {
      githubEnvironment: 'staging',
      requiresApproval: true,
      planRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-staging-plan',
      applyRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-staging-apply',
    },
    prod: {
      githubEnvironment: 'prod',
      requiresApproval: true,
      planRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-prod-plan',
      applyRoleArn: 'arn:aws:iam::111111111111:role/terraform-ci-prod-apply',
    },
  },
};

/** A CI delivery config with every default applied. */
export interface ResolvedCiDelivery extends Required<Omit<CiDeliveryConfig, 'environments'>> {
  readonly environments: Readonly<Partial<Record<EnvName, CiEnvironment>>>;
}

const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const SUBJECT_PREFIX = /^repo:[A-Za-z0-9][A-Za-z0-9-]{0,38}(@\d+)?\/[A-Za-z0-9._-]{1,100}(@\d+)?$/;
// Git ref rules, narrowed: no wildcards (a role trusts one branch), no spaces, no `..`.
const BRANCH = /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]{1,200}$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const GITHUB_ENVIRONMENT = /^[A-Za-z0-9._-]{1,255}$/;
const RUNNER = /^[a-z0-9][a-z0-9.-]*$/;

export interface CiDeliveryContext {
  /** Account of the state bucket, lock table and key: the CI roles live there. */
  readonly stateAccountId: string;
  /** Environments some system configures: each needs an entry. */
  readonly environments: readonly EnvName[];
}

/**
 * Validates the CI delivery config and applies its defaults. A problem is one ConfigError line
 * naming the field, the value and the fix.
 */
export function resolveCiDelivery(config: CiDeliveryConfig, context: CiDeliveryContext): ResolvedCiDelivery {
  const fail: Fail = (field, value, problem, fix) => {
    throw new ConfigError('ci delivery (src/config/delivery.ts)', field, value, problem, fix);
  };
  checkKnownKeys(config, CI_DELIVERY_KEYS, fail);
  if (!REPOSITORY.test(config.repository ?? '')) fail('repository', config.repository, 'is not a GitHub owner/name', 'use the repository as GitHub spells it, for example acme/aws-reference-platform');
  if (!BRANCH.test(config.branch ?? '') || config.branch.endsWith('.lock')) fail('branch', config.branch, 'is not one branch name', 'name one branch, without wildcards or spaces, for example main');
  const oidcSubjectPrefix = config.oidcSubjectPrefix ?? `repo:${config.repository}`;
  if (!SUBJECT_PREFIX.test(oidcSubjectPrefix)) fail('oidcSubjectPrefix', oidcSubjectPrefix, 'is not an OIDC subject prefix', 'use repo:owner/name, or repo:owner@<org id>/name@<repo id> for immutable subject claims');
  const bare = oidcSubjectPrefix.replace(/@\d+/g, '');
  if (bare !== `repo:${config.repository}`) fail('oidcSubjectPrefix', oidcSubjectPrefix, `names another repository than ${config.repository}`, `use repo:${config.repository} (with @<id> suffixes if immutable)`);
  if (!REGION_ZONES[config.awsRegion]) fail('awsRegion', config.awsRegion, 'is not an AWS region', `use ${nearest(String(config.awsRegion), Object.keys(REGION_ZONES))} or another region`);
  const runner = config.runner ?? 'ubuntu-latest';
  if (!RUNNER.test(runner)) fail('runner', runner, 'is not a runner label', 'use a GitHub-hosted label such as ubuntu-latest or ubuntu-24.04');
  const artifactRetentionDays = config.artifactRetentionDays ?? 30;
  if (!Number.isInteger(artifactRetentionDays) || artifactRetentionDays < 1 || artifactRetentionDays > 90) {
    fail('artifactRetentionDays', artifactRetentionDays, 'is outside 1-90 (GitHub keeps artifacts at most 90 days)', 'use a whole number of days, for example 30');
  }

  const roles = new Map<string, string>();
  const githubEnvironments = new Map<string, string>();
  for (const env of ENVIRONMENTS) {
    const entry = config.environments?.[env];
    if (!entry) {
      if (context.environments.includes(env)) fail(`environments.${env}`, entry, `is missing, but stacks are configured for ${env}`, `add the ${env} roles and GitHub environment`);
      continue;
    }
    const at = `environments.${env}`;
    if (!GITHUB_ENVIRONMENT.test(entry.githubEnvironment ?? '')) fail(`${at}.githubEnvironment`, entry.githubEnvironment, 'is not a GitHub environment name this pipeline accepts', 'use letters, digits, dots, dashes and underscores, for example prod');
    const sameEnvironment = githubEnvironments.get(entry.githubEnvironment);
    if (sameEnvironment) fail(`${at}.githubEnvironment`, entry.githubEnvironment, `is also ${sameEnvironment}'s`, 'give each environment its own GitHub environment, so its reviewers and OIDC subject are its own');
    githubEnvironments.set(entry.githubEnvironment, env);
    if (typeof entry.requiresApproval !== 'boolean') fail(`${at}.requiresApproval`, entry.requiresApproval, 'is not true or false', 'say whether the GitHub environment has required reviewers');
    if (env === 'prod' && !entry.requiresApproval) fail(`${at}.requiresApproval`, entry.requiresApproval, 'is false in prod', 'give the prod GitHub environment required reviewers and set requiresApproval: true');
    for (const field of ['planRoleArn', 'applyRoleArn'] as const) {
      const arn = entry[field];
      const match = ROLE_ARN.exec(arn ?? '');
      if (!match) fail(`${at}.${field}`, arn, 'is not an IAM role ARN', 'use arn:aws:iam::<12-digit account>:role/<name>');
      if (match![1] !== context.stateAccountId) {
        fail(`${at}.${field}`, arn, `is not in the state account ${context.stateAccountId}`, 'create the CI roles in the state account: their credentials reach the state bucket, and the stacks assume each environment\'s deploy role from there');
      }
      const other = roles.get(arn);
      if (other) fail(`${at}.${field}`, arn, `is also ${other}`, 'use one role per environment and purpose, so a pull request can never apply and one environment\'s approval never opens another');
      roles.set(arn, `${at}.${field}`);
    }
  }
  return {
    repository: config.repository,
    branch: config.branch,
    oidcSubjectPrefix,
    awsRegion: config.awsRegion,
    runner,
    artifactRetentionDays,
    applyDependents: config.applyDependents ?? true,
    environments: config.environments,
  };
}
