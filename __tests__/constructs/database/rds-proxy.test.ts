import { TerraformOutput, TerraformStack } from 'cdktf';
import { AuroraProvisionedCluster } from '../../../src/constructs/database/aurora-provisioned-cluster';
import { RdsProxy, RdsProxyProps } from '../../../src/constructs/database/rds-proxy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyJson, serviceTrustPolicy } from '../../../src/core/iam/policy-document';
import { evaluate } from '../../../src/policy/engine';
import { expectOfflinePlan } from '../../terraform-offline';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const key = (name: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${name}`;
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!cluster-0000-abcdef`;

const BASE: RdsProxyProps = {
  name: 'sys-dev-db-proxy',
  accountId: ACCOUNT,
  region: REGION,
  clusterIdentifier: 'sys-dev-aurora',
  secretArn: SECRET,
  secretKmsKeyArn: key('secret'),
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-proxy'],
  logsKmsKeyArn: key('logs'),
  logRetentionDays: 30,
};

function build(change: Partial<RdsProxyProps> = {}, stackName?: string): { stack: TerraformStack; proxy: RdsProxy; json: Json } {
  const stack = stackOf(stackName);
  const proxy = new RdsProxy(stack, 'proxy', { ...BASE, ...change });
  return { stack, proxy, json: synthJson(stack) };
}

/** The seed's database: a writer and one reader behind a proxy with a read-only endpoint. */
function clusterWithProxy(stackName = 'sys-dev-data'): { stack: TerraformStack; cluster: AuroraProvisionedCluster; proxy: RdsProxy } {
  const stack = stackOf(stackName);
  const cluster = new AuroraProvisionedCluster(stack, 'db', {
    clusterIdentifier: 'sys-dev-aurora',
    engineVersion: '16.4',
    instanceClass: 'db.r6g.large',
    readerCount: 1,
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    subnetIds: ['subnet-a', 'subnet-b'],
    securityGroupIds: ['sg-db'],
    storageKmsKeyArn: key('storage'),
    secretKmsKeyArn: key('secret'),
    logsKmsKeyArn: key('logs'),
    logRetentionDays: 30,
    backupRetentionDays: 7,
    databaseName: 'app',
    accountId: ACCOUNT,
  });
  const proxy = new RdsProxy(stack, 'proxy', {
    ...BASE,
    clusterIdentifier: cluster.identifier,
    secretArn: cluster.masterUserSecretArn,
    readOnlyEndpoint: true,
  });
  return { stack, cluster, proxy };
}

describe('RdsProxy', () => {
  test('a PostgreSQL proxy requiring TLS and IAM auth, logging in with the secret, no debug logging', () => {
    const proxy = onlyResource(build().json, 'aws_db_proxy');
    expect(proxy).toMatchObject({
      name: 'sys-dev-db-proxy',
      engine_family: 'POSTGRESQL',
      require_tls: true,
      debug_logging: false,
      idle_client_timeout: 1800,
      vpc_subnet_ids: ['subnet-a', 'subnet-b'],
      vpc_security_group_ids: ['sg-proxy'],
    });
    expect(proxy.auth).toEqual([
      expect.objectContaining({ auth_scheme: 'SECRETS', iam_auth: 'REQUIRED', client_password_auth_type: 'POSTGRES_SCRAM_SHA_256', secret_arn: SECRET }),
    ]);
  });

  test('the role is trusted by rds.amazonaws.com for this account, reads exactly the secret and decrypts only through Secrets Manager', () => {
    const { json } = build();
    const [[roleName, role]] = resourcesOf(json, 'aws_iam_role');
    expect(role.name).toBe('sys-dev-db-proxy-rds-proxy');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'rds.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
    ]);
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policy.role).toBe(`\${aws_iam_role.${roleName}.id}`);
    expect(parsed(policy.policy).Statement).toEqual([
      { Sid: 'ReadDatabaseSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET },
      { Sid: 'DecryptDatabaseSecret', Effect: 'Allow', Action: 'kms:Decrypt', Resource: key('secret'), Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } },
    ]);
    expect(onlyResource(json, 'aws_db_proxy').role_arn).toBe(`\${aws_iam_role.${roleName}.arn}`);
  });

  test('the proxy log group is created first, with retention and the logs key', () => {
    const { json } = build();
    const [[id, group]] = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(group).toEqual(expect.objectContaining({ name: '/aws/rds/proxy/sys-dev-db-proxy', retention_in_days: 30, kms_key_id: key('logs') }));
    const [[policy]] = resourcesOf(json, 'aws_iam_role_policy');
    expect(onlyResource(json, 'aws_db_proxy').depends_on).toEqual([`aws_cloudwatch_log_group.${id}`, `aws_iam_role_policy.${policy}`]);
  });

  test('the default target group pools 90 % of connections, keeps 50 % idle, waits 120 s; the cluster is its target', () => {
    const { json } = build();
    const [[proxyName]] = resourcesOf(json, 'aws_db_proxy');
    const [[groupName, group]] = resourcesOf(json, 'aws_db_proxy_default_target_group');
    expect(group).toEqual(expect.objectContaining({
      db_proxy_name: `\${aws_db_proxy.${proxyName}.name}`,
      connection_pool_config: { max_connections_percent: 90, max_idle_connections_percent: 50, connection_borrow_timeout: 120 },
    }));
    expect(onlyResource(json, 'aws_db_proxy_target')).toEqual(expect.objectContaining({
      db_proxy_name: `\${aws_db_proxy.${proxyName}.name}`,
      target_group_name: `\${aws_db_proxy_default_target_group.${groupName}.name}`,
      db_cluster_identifier: 'sys-dev-aurora',
    }));
  });

  test('pool settings and idle timeout can be changed', () => {
    const { json } = build({ maxConnectionsPercent: 75, maxIdleConnectionsPercent: 10, connectionBorrowTimeoutSeconds: 30, idleClientTimeoutSeconds: 600 });
    expect(onlyResource(json, 'aws_db_proxy_default_target_group').connection_pool_config).toEqual({ max_connections_percent: 75, max_idle_connections_percent: 10, connection_borrow_timeout: 30 });
    expect(onlyResource(json, 'aws_db_proxy').idle_client_timeout).toBe(600);
  });

  test('no read-only endpoint by default; when asked, `<name>-read-only` targets the readers in the same subnets and groups', () => {
    expect(resourcesOf(build().json, 'aws_db_proxy_endpoint')).toEqual([]);
    const { json, proxy } = build({ readOnlyEndpoint: true });
    const [[proxyName]] = resourcesOf(json, 'aws_db_proxy');
    expect(onlyResource(json, 'aws_db_proxy_endpoint')).toEqual(expect.objectContaining({
      db_proxy_name: `\${aws_db_proxy.${proxyName}.name}`,
      db_proxy_endpoint_name: 'sys-dev-db-proxy-read-only',
      target_role: 'READ_ONLY',
      vpc_subnet_ids: ['subnet-a', 'subnet-b'],
      vpc_security_group_ids: ['sg-proxy'],
    }));
    expect(proxy.readOnlyEndpoint).toBeDefined();
    expect(build().proxy.readOnlyEndpoint).toBeUndefined();
  });

  test('outputs: the endpoints and the ARN; connectStatement grants rds-db:connect on the proxy resource ID (from the ARN) for one user', () => {
    const { stack, proxy } = build({ readOnlyEndpoint: true });
    const statement = proxy.connectStatement('app_user');
    new TerraformOutput(stack, 'endpoint', { value: proxy.endpoint });
    new TerraformOutput(stack, 'read_only', { value: proxy.readOnlyEndpoint });
    new TerraformOutput(stack, 'arn', { value: proxy.arn });
    new TerraformOutput(stack, 'policy', { value: policyJson({ Statement: [statement] }) });
    const json = synthJson(stack);
    const [[proxyName]] = resourcesOf(json, 'aws_db_proxy');
    const [[endpointName]] = resourcesOf(json, 'aws_db_proxy_endpoint');
    expect(json.output.endpoint.value).toBe(`\${aws_db_proxy.${proxyName}.endpoint}`);
    expect(json.output.read_only.value).toBe(`\${aws_db_proxy_endpoint.${endpointName}.endpoint}`);
    expect(json.output.arn.value).toBe(`\${aws_db_proxy.${proxyName}.arn}`);
    expect(statement).toMatchObject({ Effect: 'Allow', Action: 'rds-db:connect' });
    // The prx-... ID is the last field of the proxy ARN, in a local so the policy stays parseable JSON.
    const [[local, expression]] = Object.entries<string>(json.locals);
    expect(expression).toBe(`\${element(split(":", aws_db_proxy.${proxyName}.arn), 6)}`);
    expect(parsed(json.output.policy.value).Statement[0].Resource).toBe(`arn:aws:rds-db:us-east-1:${ACCOUNT}:dbuser:\${local.${local}}/app_user`);
  });

  test('connectStatement rejects wildcards and empty user names', () => {
    const { proxy } = build();
    expect(() => proxy.connectStatement('*')).toThrow('dbUser "*" is not a database user name');
    expect(() => proxy.connectStatement('')).toThrow('dbUser "" is not a database user name');
  });

  test.each([
    [{ name: '1proxy' }, 'name "1proxy" is not valid; use 1-63 letters'],
    [{ name: 'a--b' }, 'name "a--b" is not valid'],
    [{ name: 'proxy-' }, 'name "proxy-" is not valid'],
    [{ name: `p${'x'.repeat(53)}`, readOnlyEndpoint: true }, 'is not valid; use 1-53 letters, digits and single dashes, starting with a letter (the read-only endpoint adds "-read-only")'],
    [{ accountId: '1234' }, 'accountId "1234" is not a 12-digit account ID'],
    [{ region: 'east' }, 'region "east" is not a region name'],
    [{ roleName: 'r'.repeat(65) }, 'is longer than 64 characters; pass a shorter roleName'],
    [{ subnetIds: ['subnet-a'] }, '1 subnet(s); RDS Proxy needs subnets in two or more AZs'],
    [{ idleClientTimeoutSeconds: 0 }, 'idleClientTimeoutSeconds 0 is outside 1-28800'],
    [{ maxConnectionsPercent: 101 }, 'maxConnectionsPercent 101 is outside 1-100'],
    [{ maxConnectionsPercent: 40, maxIdleConnectionsPercent: 50 }, 'maxIdleConnectionsPercent 50 is outside 0-40'],
    [{ connectionBorrowTimeoutSeconds: 3601 }, 'connectionBorrowTimeoutSeconds 3601 is outside 0-3600'],
  ])('rejects %p', (change, message) => {
    expect(() => build(change as Partial<RdsProxyProps>)).toThrow(message);
  });

  test('error messages name the construct and the proxy', () => {
    expect(() => build({ maxConnectionsPercent: 0 })).toThrow(/^RdsProxy sys-dev-db-proxy: /);
  });
});

describe('RdsProxy with an AuroraProvisionedCluster', () => {
  test("the proxy logs in with the cluster's managed master secret and targets the cluster", () => {
    const { stack } = clusterWithProxy();
    const json = synthJson(stack);
    const [[clusterName]] = resourcesOf(json, 'aws_rds_cluster');
    expect(onlyResource(json, 'aws_db_proxy').auth[0].secret_arn).toBe(`\${aws_rds_cluster.${clusterName}.master_user_secret[0].secret_arn}`);
    expect(onlyResource(json, 'aws_db_proxy_target').db_cluster_identifier).toBe(`\${aws_rds_cluster.${clusterName}.cluster_identifier}`);
    expect(parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement[0].Resource).toBe(`\${aws_rds_cluster.${clusterName}.master_user_secret[0].secret_arn}`);
  });
});

describe('policy pack', () => {
  // BAK-01 (prod: a backup plan selects the cluster) is the caller's: the plan lives in the data layer, beside the cluster.
  const open = (stack: TerraformStack) => evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed && f.ruleId !== 'BAK-01').map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);

  test('no open finding for the default proxy, nor for cluster + proxy with a read-only endpoint, in dev and prod', () => {
    for (const name of ['sys-dev-data', 'sys-prod-data']) {
      const alone = stackOf(name);
      new RdsProxy(alone, 'proxy', BASE);
      expect({ name, open: open(alone) }).toEqual({ name, open: [] });
      expect({ name, open: open(clusterWithProxy(name).stack) }).toEqual({ name, open: [] });
    }
  });

  test('a role policy with connectStatement stays readable JSON for the pack (IAM-01 sees a scoped rds-db:connect)', () => {
    const { stack, proxy } = clusterWithProxy();
    const role = new IamRole(stack, 'app-role', { name: 'app', assumeRolePolicy: serviceTrustPolicy('ecs-tasks.amazonaws.com', ACCOUNT) });
    new IamRolePolicy(stack, 'app-connect', { name: 'connect', role: role.id, policy: policyJson({ Statement: [proxy.connectStatement('app_user')] }) });
    const json = synthJson(stack);
    const [, connect] = resourcesOf(json, 'aws_iam_role_policy').find(([name]) => name.startsWith('app-connect'))!;
    expect(parsed(connect.policy).Statement[0].Action).toBe('rds-db:connect');
    expect(open(stack)).toEqual([]);
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('cluster (writer + 1 reader) and proxy with a read-only endpoint validate and plan', () => {
    const { stack, proxy } = clusterWithProxy();
    new TerraformOutput(stack, 'connect_policy', { value: policyJson({ Statement: [proxy.connectStatement('app_user')] }) });
    expectOfflinePlan(synthJson(stack));
  });
});
