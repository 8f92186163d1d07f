import { CI_DELIVERY, resolveCiDelivery } from '../../src/config/delivery';
import { ciRoles } from '../../src/delivery/roles';
import { graphFromContracts } from '../../src/delivery/stack-graph';
import { tfcWorkspaces } from '../../src/delivery/tfc';

const DELIVERY = resolveCiDelivery(CI_DELIVERY, { stateAccountId: '111111111111', environments: ['dev', 'staging', 'prod'] });
const STATE = {
  bucket: 'acme-state',
  region: 'us-east-1',
  dynamodbTable: 'acme-locks',
  encrypt: true,
  kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:alias/acme-state',
  locking: 'dynamodb' as const,
};

describe('CI roles', () => {
  const roles = ciRoles({
    delivery: DELIVERY,
    state: STATE,
    stateAccountId: '111111111111',
    environments: [{ env: 'prod', systems: ['blog', 'shop'], deployRoleArns: ['arn:aws:iam::333333333333:role/terraform-deployer', 'arn:aws:iam::444444444444:role/terraform-deployer'] }],
  });

  it('has a plan and an apply role for each environment with stacks', () => {
    expect(roles.map((r) => [r.env, r.purpose, r.roleArn])).toEqual([
      ['prod', 'plan', 'arn:aws:iam::111111111111:role/terraform-ci-prod-plan'],
      ['prod', 'apply', 'arn:aws:iam::111111111111:role/terraform-ci-prod-apply'],
    ]);
  });

  it('trusts pull requests and the branch for plans, and only the GitHub environment for applies', () => {
    const [plan, apply] = roles;
    expect(apply.trustPolicy.Statement).toEqual([
      {
        Sid: 'GitHubActions',
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': ['repo:acme/aws-reference-platform:environment:prod'] } },
      },
    ]);
    expect(plan.trustPolicy.Statement[0].Condition!.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/aws-reference-platform:pull_request',
      'repo:acme/aws-reference-platform:ref:refs/heads/main',
    ]);
  });

  it('lets plans read the environment\'s state and applies also write it and its lock, nothing more', () => {
    const [plan, apply] = roles;
    const bySid = (role: typeof plan) => Object.fromEntries(role.permissionsPolicy.Statement.map((s) => [s.Sid, s]));
    // State keys are <system>/<env>/<layer>.tfstate: prod of blog and shop only.
    expect(bySid(plan).ListStateKeys).toMatchObject({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-state', Condition: { StringLike: { 's3:prefix': ['blog/prod/*', 'shop/prod/*'] } } });
    expect(bySid(plan).ReadState).toMatchObject({ Action: 's3:GetObject', Resource: ['arn:aws:s3:::acme-state/blog/prod/*', 'arn:aws:s3:::acme-state/shop/prod/*'] });
    expect(bySid(plan).StateLock).toBeUndefined();
    expect(bySid(plan).StateKey).toMatchObject({ Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111111111111:key/*', Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/acme-state' } } });
    expect(bySid(apply).ReadWriteState.Action).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    expect(bySid(apply).StateLock).toMatchObject({ Resource: 'arn:aws:dynamodb:us-east-1:111111111111:table/acme-locks' });
    expect(bySid(apply).StateKey.Action).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
    for (const role of roles) {
      expect(bySid(role).AssumeDeployRoles).toEqual({ Sid: 'AssumeDeployRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ['arn:aws:iam::333333333333:role/terraform-deployer', 'arn:aws:iam::444444444444:role/terraform-deployer'] });
      for (const statement of role.permissionsPolicy.Statement) expect([statement.Action].flat().some((a) => a.includes('*'))).toBe(false);
    }
  });
});

describe('Terraform Cloud workspaces', () => {
  // shop: network <- data <- compute; edge reads network and compute.
  const graph = graphFromContracts({
    'shop-prod-network': { dependsOn: [] },
    'shop-prod-data': { dependsOn: ['shop-prod-network'] },
    'shop-prod-compute': { dependsOn: ['shop-prod-data'] },
    'shop-prod-edge': { dependsOn: ['shop-prod-compute', 'shop-prod-network'] },
    'shop-dev-network': { dependsOn: [] },
  });
  const list = tfcWorkspaces(graph, DELIVERY, '1.11.4');

  it('has one workspace per stack in deploy order, run triggers from what it reads, state shared with its readers', () => {
    expect(list.workspaces.map((w) => w.name)).toEqual(['shop-dev-network', 'shop-prod-network', 'shop-prod-data', 'shop-prod-compute', 'shop-prod-edge']);
    const network = list.workspaces.find((w) => w.name === 'shop-prod-network')!;
    expect(network).toEqual({
      name: 'shop-prod-network',
      tags: ['system:shop', 'env:prod', 'layer:network'],
      working_directory: 'cdktf.out/stacks/shop-prod-network',
      trigger_patterns: ['cdktf.out/stacks/shop-prod-network/**/*'],
      terraform_version: '1.11.4',
      auto_apply: false,
      auto_apply_run_trigger: false,
      run_trigger_sources: [],
      // data and edge read the network.
      remote_state_consumers: ['shop-prod-data', 'shop-prod-edge'],
    });
    expect(list.workspaces.find((w) => w.name === 'shop-prod-edge')!.run_trigger_sources).toEqual(['shop-prod-compute', 'shop-prod-network']);
  });

  it('auto-applies only where the environment needs no reviewers', () => {
    expect(list.workspaces.find((w) => w.name === 'shop-dev-network')).toMatchObject({ auto_apply: true, auto_apply_run_trigger: true });
  });
});
