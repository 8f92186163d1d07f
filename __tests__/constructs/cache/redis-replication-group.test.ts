import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Lazy, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { RedisReplicationGroup, RedisReplicationGroupProps } from '../../../src/constructs/cache/redis-replication-group';
import { evaluate } from '../../../src/policy/engine';
import { expectOfflinePlan } from '../../terraform-offline';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';

const ACCOUNT = '111111111111';
const key = (name: string, region = 'us-east-1') => `arn:aws:kms:${region}:${ACCOUNT}:key/${name}`;
const TOKEN_REFERENCE = '${aws_secretsmanager_secret_version.redis_auth.secret_string}';
/** An unresolved token standing for the secret version's value, as a caller's reference is. */
const TOKEN = Lazy.stringValue({ produce: () => TOKEN_REFERENCE });

/** The seed's cache: cache.r6g.large, 3 nodes, Multi-AZ, snapshots 5 days 05:00-06:00, maintenance Sun 06:00-07:00. */
const BASE: RedisReplicationGroupProps = {
  replicationGroupId: 'sys-dev-cache',
  nodeType: 'cache.r6g.large',
  numCacheClusters: 3,
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  securityGroupIds: ['sg-cache'],
  kmsKeyArn: key('cache'),
  authToken: TOKEN,
  parameters: { 'maxmemory-policy': 'allkeys-lru', timeout: 300, 'tcp-keepalive': 300 },
  snapshotRetentionDays: 5,
  snapshotWindow: '05:00-06:00',
  maintenanceWindow: 'sun:06:00-sun:07:00',
  logsKmsKeyArn: key('logs'),
  logRetentionDays: 30,
};

function synth(change: Partial<RedisReplicationGroupProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new RedisReplicationGroup(scope, 'cache', { ...BASE, ...change })));
}

const group = (change: Partial<RedisReplicationGroupProps> = {}): Json => onlyResource(synth(change), 'aws_elasticache_replication_group');

describe('RedisReplicationGroup', () => {
  test('Redis 7.1 replication group of the node type, 3 cache clusters with automatic failover across zones', () => {
    expect(group()).toMatchObject({
      replication_group_id: 'sys-dev-cache',
      description: 'Redis 7.1 for sys-dev-cache',
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.r6g.large',
      port: 6379,
      num_cache_clusters: 3,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      security_group_ids: ['sg-cache'],
      apply_immediately: false,
      auto_minor_version_upgrade: 'true',
    });
    expect(group().preferred_cache_cluster_azs).toBeUndefined();
    expect(group({ availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }).preferred_cache_cluster_azs).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(group({ engineVersion: '7.0', description: 'Session cache' })).toMatchObject({ engine_version: '7.0', description: 'Session cache' });
  });

  test('defaults: 2 cache clusters with failover and Multi-AZ, 7 days of snapshots, windows that do not overlap', () => {
    expect(group({ numCacheClusters: undefined, snapshotRetentionDays: undefined, snapshotWindow: undefined, maintenanceWindow: undefined })).toMatchObject({
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      snapshot_retention_limit: 7,
      snapshot_window: '03:00-04:00',
      maintenance_window: 'sun:05:00-sun:06:00',
    });
  });

  test('a single node without failover (dev) when both are turned off', () => {
    expect(group({ numCacheClusters: 1, automaticFailover: false })).toMatchObject({ num_cache_clusters: 1, automatic_failover_enabled: false, multi_az_enabled: false });
    expect(group({ automaticFailover: true, multiAz: false })).toMatchObject({ automatic_failover_enabled: true, multi_az_enabled: false });
  });

  test('encrypted at rest with the KMS key and in transit with TLS required; AUTH token from the reference with ROTATE', () => {
    expect(group()).toMatchObject({
      at_rest_encryption_enabled: 'true',
      kms_key_id: BASE.kmsKeyArn,
      transit_encryption_enabled: true,
      transit_encryption_mode: 'required',
      auth_token: TOKEN_REFERENCE,
      auth_token_update_strategy: 'ROTATE',
    });
    expect(group({ authTokenUpdateStrategy: 'SET' }).auth_token_update_strategy).toBe('SET');
  });

  test('subnet group over the subnets and a redis7 parameter group with the given parameters, both referenced by the group', () => {
    const json = synth();
    const [[subnetName, subnetGroup]] = resourcesOf(json, 'aws_elasticache_subnet_group');
    expect(subnetGroup).toMatchObject({ name: 'sys-dev-cache-subnets', subnet_ids: ['subnet-a', 'subnet-b', 'subnet-c'] });
    const [[parameterName, parameterGroup]] = resourcesOf(json, 'aws_elasticache_parameter_group');
    expect(parameterGroup).toMatchObject({ name: 'sys-dev-cache-redis7', family: 'redis7', lifecycle: { create_before_destroy: true } });
    expect(parameterGroup.parameter).toEqual([
      { name: 'maxmemory-policy', value: 'allkeys-lru' },
      { name: 'timeout', value: '300' },
      { name: 'tcp-keepalive', value: '300' },
    ]);
    const replicationGroup = onlyResource(json, 'aws_elasticache_replication_group');
    expect(replicationGroup.subnet_group_name).toBe(`\${aws_elasticache_subnet_group.${subnetName}.name}`);
    expect(replicationGroup.parameter_group_name).toBe(`\${aws_elasticache_parameter_group.${parameterName}.name}`);
    const named = synth({ subnetGroupName: 'agent-cache-subnet-group', parameterGroupName: 'agent-cache-params', parameters: undefined });
    expect(onlyResource(named, 'aws_elasticache_subnet_group').name).toBe('agent-cache-subnet-group');
    expect(onlyResource(named, 'aws_elasticache_parameter_group')).toMatchObject({ name: 'agent-cache-params' });
    expect(onlyResource(named, 'aws_elasticache_parameter_group').parameter).toBeUndefined();
  });

  test('snapshots kept the given days in the snapshot window; the maintenance window lower-cased', () => {
    expect(group({ maintenanceWindow: 'Sun:06:00-Sun:07:00' })).toMatchObject({ snapshot_retention_limit: 5, snapshot_window: '05:00-06:00', maintenance_window: 'sun:06:00-sun:07:00' });
  });

  test('slow log and engine log delivered as JSON to log groups it creates with retention and the logs key', () => {
    const json = synth();
    const logGroups = resourcesOf(json, 'aws_cloudwatch_log_group').map(([name, body]) => [name, body] as const);
    expect(logGroups.map(([, body]) => body).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: '/aws/elasticache/sys-dev-cache/engine-log', retention_in_days: 30, kms_key_id: BASE.logsKmsKeyArn },
      { name: '/aws/elasticache/sys-dev-cache/slow-log', retention_in_days: 30, kms_key_id: BASE.logsKmsKeyArn },
    ]);
    const byName = Object.fromEntries(logGroups.map(([name, body]) => [body.name, name]));
    expect(onlyResource(json, 'aws_elasticache_replication_group').log_delivery_configuration).toEqual([
      { destination: `\${aws_cloudwatch_log_group.${byName['/aws/elasticache/sys-dev-cache/slow-log']}.name}`, destination_type: 'cloudwatch-logs', log_format: 'json', log_type: 'slow-log' },
      { destination: `\${aws_cloudwatch_log_group.${byName['/aws/elasticache/sys-dev-cache/engine-log']}.name}`, destination_type: 'cloudwatch-logs', log_format: 'json', log_type: 'engine-log' },
    ]);
  });

  test('exposes the primary and reader endpoints, port, ARN and ID; puts everything on the given provider', () => {
    const stack = stackOf('sys-dev-data');
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    const cache = new RedisReplicationGroup(stack, 'cache', { ...BASE, port: 6380, provider: west });
    new TerraformOutput(stack, 'primary', { value: cache.primaryEndpoint });
    new TerraformOutput(stack, 'reader', { value: cache.readerEndpoint });
    new TerraformOutput(stack, 'arn', { value: cache.arn });
    new TerraformOutput(stack, 'id', { value: cache.replicationGroupId });
    expect(cache.port).toBe(6380);
    const json = synthJson(stack);
    expect(json.output.primary.value).toMatch(/^\$\{aws_elasticache_replication_group\.\w+\.primary_endpoint_address\}$/);
    expect(json.output.reader.value).toMatch(/^\$\{aws_elasticache_replication_group\.\w+\.reader_endpoint_address\}$/);
    expect(json.output.arn.value).toMatch(/^\$\{aws_elasticache_replication_group\.\w+\.arn\}$/);
    expect(json.output.id.value).toMatch(/^\$\{aws_elasticache_replication_group\.\w+\.id\}$/);
    for (const type of ['aws_elasticache_replication_group', 'aws_elasticache_subnet_group', 'aws_elasticache_parameter_group', 'aws_cloudwatch_log_group']) {
      for (const [, body] of resourcesOf(json, type)) expect({ type, provider: body.provider }).toEqual({ type, provider: 'aws.us_west_2' });
    }
  });

  describe('rejects', () => {
    test.each<[Partial<RedisReplicationGroupProps>, string]>([
      [{ authToken: 'correct-horse-battery-staple' }, 'RedisReplicationGroup sys-dev-cache: authToken is a literal string; pass a Terraform reference to the secret'],
      // A hand-written interpolation is still a literal string to the construct: pass the resource's attribute.
      [{ authToken: TOKEN_REFERENCE }, 'authToken is a literal string'],
      [{ nodeType: 'r6g.large' }, 'nodeType "r6g.large" is not an instance type (cache.<family>.<size>)'],
      [{ nodeType: 'cache.r4.large' }, 'nodeType "cache.r4.large" is not an offered family'],
      [{ nodeType: 'cache.r6g.medium' }, 'nodeType "cache.r6g.medium" has no size medium in family r6g'],
      [{ engineVersion: '6.2' as never }, 'engineVersion "6.2" is not a Redis OSS version of the redis7 family (7.0, 7.1)'],
      [{ numCacheClusters: 7 }, 'numCacheClusters 7 is not a whole number in 1-6'],
      [{ numCacheClusters: 0 }, 'numCacheClusters 0 is not a whole number in 1-6'],
      [{ numCacheClusters: 1 }, 'automaticFailover needs a replica to promote but numCacheClusters is 1'],
      [{ automaticFailover: false, multiAz: true }, 'multiAz needs automaticFailover'],
      [{ availabilityZones: ['us-east-1a', 'us-east-1b'] }, 'availabilityZones lists 2 zones for 3 cache clusters'],
      [{ replicationGroupId: 'Sys_Cache' }, 'RedisReplicationGroup Sys_Cache: replicationGroupId is not 1-40 lower-case letters'],
      [{ replicationGroupId: 'a'.repeat(41) }, 'replicationGroupId is not 1-40 lower-case letters'],
      [{ subnetGroupName: 'bad name' }, 'subnetGroupName "bad name" is not 1-255 lower-case letters'],
      [{ subnetIds: [] }, 'subnetIds is empty'],
      [{ securityGroupIds: [] }, 'securityGroupIds is empty'],
      [{ authTokenUpdateStrategy: 'DELETE' as never }, 'authTokenUpdateStrategy "DELETE" is not ROTATE or SET'],
      [{ parameters: { 'cluster-enabled': 'yes' } }, 'parameter cluster-enabled is not allowed'],
      [{ parameters: { 'maxmemory-policy': 'allkeys-lru2' } }, 'maxmemory-policy "allkeys-lru2" is not one of volatile-lru, allkeys-lru'],
      [{ parameters: { Timeout: 300 } }, 'parameter "Timeout" is not a Redis parameter name'],
      [{ parameters: { timeout: '' } }, 'parameter timeout has no value'],
      [{ snapshotRetentionDays: 0 }, 'snapshotRetentionDays 0 is outside 1-35'],
      [{ snapshotWindow: '5:00-6:00' }, 'snapshotWindow "5:00-6:00" is not hh24:mi-hh24:mi'],
      [{ snapshotWindow: '05:00-05:30' }, 'snapshotWindow "05:00-05:30" lasts 30 minutes; ElastiCache needs 60 or more'],
      [{ maintenanceWindow: 'sunday:06:00-sunday:07:00' }, 'maintenanceWindow "sunday:06:00-sunday:07:00" is not ddd:hh24:mi-ddd:hh24:mi'],
      [{ maintenanceWindow: 'sun:06:00' }, 'maintenanceWindow "sun:06:00" is not ddd:hh24:mi-ddd:hh24:mi'],
      [{ maintenanceWindow: 'sun:06:00-sun:06:30' }, 'maintenanceWindow "sun:06:00-sun:06:30" lasts 30 minutes; ElastiCache needs 60 minutes to 24 hours'],
      [{ maintenanceWindow: 'sun:05:30-sun:06:30' }, 'snapshotWindow "05:00-06:00" overlaps maintenanceWindow "sun:05:30-sun:06:30" on sun'],
      // Across midnight: the daily 23:30-00:30 snapshot overlaps Tuesday 00:00-01:00.
      [{ snapshotWindow: '23:30-00:30', maintenanceWindow: 'tue:00:00-tue:01:00' }, 'snapshotWindow "23:30-00:30" overlaps maintenanceWindow "tue:00:00-tue:01:00" on tue'],
      // A weekly window across the week's end (Saturday to Sunday).
      [{ snapshotWindow: '00:00-01:00', maintenanceWindow: 'sat:23:00-sun:00:30' }, 'overlaps maintenanceWindow "sat:23:00-sun:00:30" on sun'],
      [{ logRetentionDays: 10 }, 'logRetentionDays 10 is not a CloudWatch Logs retention'],
      [{ port: 70000 }, 'port 70000 is not a TCP port'],
    ])('%j', (change, message) => {
      expect(() => synth(change)).toThrow(message);
    });

    test('windows that only touch are accepted (the seed: snapshots 05:00-06:00, maintenance Sun 06:00-07:00)', () => {
      expect(() => synth({ snapshotWindow: '05:00-06:00', maintenanceWindow: 'sun:06:00-sun:07:00' })).not.toThrow();
      expect(() => synth({ snapshotWindow: '07:00-08:00', maintenanceWindow: 'sun:06:00-sun:07:00' })).not.toThrow();
    });
  });
});

describe('policy pack', () => {
  const open = (stack: TerraformStack) => evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);

  test('no open finding for the defaults (EC-01..03, LOG-01), in dev and prod', () => {
    for (const name of ['sys-dev-data', 'sys-prod-data']) {
      const stack = stackOf(name);
      const token = new TerraformVariable(stack, 'auth_token', { type: 'string', sensitive: true });
      new RedisReplicationGroup(stack, 'cache', {
        replicationGroupId: 'sys-cache',
        nodeType: 'cache.t4g.small',
        subnetIds: ['subnet-a', 'subnet-b'],
        securityGroupIds: ['sg-cache'],
        kmsKeyArn: key('cache'),
        authToken: token.stringValue,
        logsKmsKeyArn: key('logs'),
        logRetentionDays: 30,
      });
      const report = evaluate([doc(stack)]);
      expect(report.stacks[0].evaluated).toBeGreaterThan(0);
      expect({ name, open: open(stack) }).toEqual({ name, open: [] });
    }
  });

  test('a single node without failover is an EC-02 finding (dev suppresses it with a reason)', () => {
    const stack = stackOf('sys-dev-data');
    new RedisReplicationGroup(stack, 'cache', { ...BASE, authToken: new TerraformVariable(stack, 't', { type: 'string', sensitive: true }).stringValue, numCacheClusters: 1, automaticFailover: false });
    expect(open(stack)).toEqual([
      expect.stringMatching(/^EC-02 aws_elasticache_replication_group\.\S+ automatic_failover_enabled, multi_az_enabled, num_cache_clusters$/),
    ]);
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('3 cache clusters, TLS required, auth token from a Secrets Manager secret version', () => {
    const stack = new TerraformStack(Testing.app(), 'sys-dev-data');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const token = new TerraformVariable(stack, 'redis_auth_token', { type: 'string', sensitive: true, default: 'offline-plan-only-token-0123456789' });
    const secret = new SecretsmanagerSecret(stack, 'redis-auth', { name: 'sys/dev/redis-auth-token', kmsKeyId: key('secrets') });
    const version = new SecretsmanagerSecretVersion(stack, 'redis-auth-version', { secretId: secret.id, secretString: token.stringValue });
    const cache = new RedisReplicationGroup(stack, 'cache', {
      ...BASE,
      authToken: version.secretString,
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    new TerraformOutput(stack, 'primary', { value: cache.primaryEndpoint });
    new TerraformOutput(stack, 'reader', { value: cache.readerEndpoint });
    new TerraformOutput(stack, 'port', { value: cache.port });
    const json = synthJson(stack);
    expect(onlyResource(json, 'aws_elasticache_replication_group').auth_token).toMatch(/^\$\{aws_secretsmanager_secret_version\.[\w-]+\.secret_string\}$/);
    expectOfflinePlan(json);
  });
});
