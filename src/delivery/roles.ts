import { ResolvedCiDelivery } from '../config/delivery';
import { S3StateSettings } from '../config/platform';
import { PolicyDocument, PolicyStatement } from '../core/iam/policy-document';
import { ENVIRONMENTS, EnvName } from '../core/names';
import { GITHUB_OIDC_HOST } from '../constructs/compute/github-deploy-role';

/** One CI role as IAM needs it: where it lives, who may assume it, what it may do. */
export interface CiRole {
  readonly env: EnvName;
  readonly purpose: 'plan' | 'apply';
  readonly roleArn: string;
  readonly trustPolicy: PolicyDocument;
  readonly permissionsPolicy: PolicyDocument;
}

export interface CiRolesInput {
  readonly delivery: ResolvedCiDelivery;
  readonly state: S3StateSettings;
  readonly stateAccountId: string;
  /** Per environment: the systems with stacks there and their deploy roles (provider assume_role). */
  readonly environments: readonly { readonly env: EnvName; readonly systems: readonly string[]; readonly deployRoleArns: readonly string[] }[];
}

/** The OIDC `sub` values a role trusts: plans from pull requests and the branch; applies only from their GitHub environment. */
export function trustedSubjects(delivery: ResolvedCiDelivery, env: EnvName, purpose: 'plan' | 'apply'): string[] {
  const prefix = delivery.oidcSubjectPrefix;
  if (purpose === 'apply') return [`${prefix}:environment:${delivery.environments[env]!.githubEnvironment}`];
  return [`${prefix}:pull_request`, `${prefix}:ref:refs/heads/${delivery.branch}`];
}

/**
 * The trust and permissions policies of every CI role (delivery/ci-roles.json, docs/ci.md).
 * Plan: read the environment's state objects (and decrypt them), assume its deploy roles. Apply:
 * also write those objects (state, S3-native lock files) and the DynamoDB lock rows. Nothing else
 * in the state account: the stacks' own resources are reached through the deploy roles.
 */
export function ciRoles(input: CiRolesInput): CiRole[] {
  const { delivery, state, stateAccountId } = input;
  const oidcProvider = `arn:aws:iam::${stateAccountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
  const bucket = `arn:aws:s3:::${state.bucket}`;
  const kms = kmsStatement(state, stateAccountId);
  const roles: CiRole[] = [];
  for (const env of ENVIRONMENTS) {
    const entry = delivery.environments[env];
    const scope = input.environments.find((e) => e.env === env);
    if (!entry || !scope) continue;
    const prefixes = scope.systems.map((system) => `${system}/${env}/`);
    const objects = prefixes.map((p) => `${bucket}/${p}*`);
    for (const purpose of ['plan', 'apply'] as const) {
      const statements: PolicyStatement[] = [
        { Sid: 'ListStateKeys', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket, Condition: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } } },
        { Sid: purpose === 'plan' ? 'ReadState' : 'ReadWriteState', Effect: 'Allow', Action: purpose === 'plan' ? 's3:GetObject' : ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: objects },
      ];
      if (purpose === 'apply' && state.dynamodbTable) {
        statements.push({ Sid: 'StateLock', Effect: 'Allow', Action: ['dynamodb:DeleteItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem'], Resource: `arn:aws:dynamodb:${state.region}:${stateAccountId}:table/${state.dynamodbTable}` });
      }
      if (kms) {
        const action = purpose === 'plan' ? 'kms:Decrypt' : ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
        statements.push({ Sid: kms.Sid, Effect: 'Allow', Action: action, Resource: kms.Resource, ...(kms.Condition ? { Condition: kms.Condition } : {}) });
      }
      if (scope.deployRoleArns.length > 0) statements.push({ Sid: 'AssumeDeployRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [...scope.deployRoleArns] });
      roles.push({
        env,
        purpose,
        roleArn: purpose === 'plan' ? entry.planRoleArn : entry.applyRoleArn,
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'GitHubActions',
              Effect: 'Allow',
              Principal: { Federated: oidcProvider },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: trustedSubjects(delivery, env, purpose) } },
            },
          ],
        },
        permissionsPolicy: { Version: '2012-10-17', Statement: statements },
      });
    }
  }
  return roles;
}

/** Use of the state key: by ARN, or for an alias, any key carrying that alias (IAM cannot name a key by alias). */
function kmsStatement(state: S3StateSettings, stateAccountId: string): Omit<PolicyStatement, 'Action'> | undefined {
  if (!state.kmsKeyId) return undefined;
  const alias = /:(alias\/.+)$/.exec(state.kmsKeyId)?.[1];
  if (!alias) return { Sid: 'StateKey', Effect: 'Allow', Resource: state.kmsKeyId };
  return {
    Sid: 'StateKey',
    Effect: 'Allow',
    Resource: `arn:aws:kms:${state.region}:${stateAccountId}:key/*`,
    Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': alias } },
  };
}
