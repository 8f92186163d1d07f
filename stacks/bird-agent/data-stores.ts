import { RedisEngineVersion, RedisReplicationGroup } from '../../src/constructs/cache/redis-replication-group';
import { AppTable } from '../../src/constructs/database/dynamodb-table';
import { AppSecret } from '../../src/constructs/secrets/app-secret';
import { sampleArn, sampleToken } from '../../src/core/samples';
import { suppressRule } from '../../src/policy/suppressions';
import { DataScope, outputName } from './data-scope';

/**
 * The seed's secrets under `<system>/<env>/`, encrypted with the secrets key and, in prod, replicated
 * to us-west-2 with its twin (the standby reads them there). The seed rotates these by hand; the
 * database credentials, which rotate automatically, are built with the database (data-aurora.ts).
 */
export function addSecrets(at: DataScope): Readonly<Record<string, AppSecret>> {
  const { stack, keys, dr } = at;
  const { config } = stack;
  const secrets: Record<string, AppSecret> = {};
  for (const spec of stack.section('data').secrets ?? []) {
    const name = `${config.system}/${config.env}/${spec.name}`;
    const secret = new AppSecret(stack, `secret-${spec.id.replace(/_/g, '-')}`, {
      name,
      description: spec.description,
      kmsKeyArn: keys.secrets.arn,
      generatedLength: spec.generatedLength,
      recoveryWindowDays: config.protectStatefulResources ? 30 : 0,
      replicas: dr && keys.dr ? [{ region: dr.region, kmsKeyArn: keys.dr.secrets.arn }] : undefined,
    });
    suppressRule(
      secret.secret,
      'SEC-02',
      spec.generatedLength !== undefined
        ? 'Rotated by hand as the seed says ("Rotation: Manual"): replace the random_password (terraform apply -replace) and apply; ElastiCache applies a new AUTH token with the ROTATE strategy, accepting old and new until the services have reloaded it'
        : 'Credentials issued outside AWS (Bird.com platform, Bedrock API keys) that the seed rotates by hand ("Rotation: Manual"): their owners rotate them at the issuer and put the new value; no AWS rotation function exists for them',
    );
    stack.publish(`${spec.id}_secret_arn`, secret.arn, { description: `ARN of secret ${name}: ${spec.description}`, sample: secretSample(at, name) });
    secrets[spec.id] = secret;
  }
  return secrets;
}

/** ARN sample of a secret of this environment. */
export function secretSample(at: DataScope, name: string): string {
  const { config } = at.stack;
  return sampleArn({ service: 'secretsmanager', region: config.region, account: config.accountId, resource: `secret:${name}-${sampleToken(`${at.stack.node.id}:${name}`, 6, true)}` });
}

/**
 * The seed's three DynamoDB tables (`<system>-<env>-agent-sessions`, ...; keys, indexes, streams,
 * TTL, PITR, the rds key instead of the seed's AWS-managed one, provisioned capacity with auto
 * scaling where configured; global tables in prod), and the Redis replication group with its
 * AUTH token from the generated secret.
 */
export function addTablesAndCache(at: DataScope, secrets: Readonly<Record<string, AppSecret>>): AppTable[] {
  const { stack, keys, dr, network } = at;
  const { config, prefix } = stack;
  const { accountId: account, region } = config;
  const data = stack.section('data');
  const protect = config.protectStatefulResources;
  const tables: AppTable[] = [];
  for (const [name, spec] of Object.entries(data.tables ?? {})) {
    const tableName = `${prefix}-${name}`;
    const table = new AppTable(stack, `table-${name}`, {
      tableName,
      partitionKey: spec.partitionKey,
      sortKey: spec.sortKey,
      kmsKeyArn: keys.rds.arn,
      capacity: spec.capacity,
      deletionProtection: protect,
      ttlAttribute: spec.ttlAttribute,
      globalSecondaryIndexes: spec.globalSecondaryIndexes,
      streamViewType: spec.stream,
      replicas: dr && keys.dr ? [{ region: dr.region, kmsKeyArn: keys.dr.rds.arn }] : undefined,
    });
    const out = outputName(name);
    const arn = `arn:aws:dynamodb:${region}:${account}:table/${tableName}`;
    stack.publish(`${out}_table_name`, table.name, { description: `Name of the ${name} table`, sample: tableName });
    stack.publish(`${out}_table_arn`, table.arn, { description: `ARN of the ${name} table`, sample: arn });
    stack.publish(`${out}_table_stream_arn`, table.streamArn, { description: `ARN of the ${name} table's stream`, sample: `${arn}/stream/2026-01-01T00:00:00.000` });
    tables.push(table);
  }

  const cache = data.cache;
  if (cache) {
    const clusters = cache.numCacheClusters;
    const multiAz = cache.multiAz ?? true;
    const id = `${prefix}-redis`;
    const redis = new RedisReplicationGroup(stack, 'redis', {
      replicationGroupId: id,
      description: `${prefix} conversation state and response cache`,
      engineVersion: cache.engineVersion as RedisEngineVersion | undefined,
      nodeType: cache.nodeType,
      numCacheClusters: clusters,
      automaticFailover: multiAz,
      multiAz,
      // The primary in the first zone, replicas in the next ones.
      availabilityZones: stack.section('network').availabilityZones.slice(0, clusters),
      subnetIds: network.list('private_data_subnet_ids'),
      subnetGroupName: `${prefix}-agent-cache-subnet-group`,
      securityGroupIds: [network.string('cache_security_group_id')],
      kmsKeyArn: keys.rds.arn,
      authToken: secrets[cache.authTokenSecret].version!.secretString,
      parameters: cache.parameters,
      snapshotRetentionDays: cache.snapshotRetentionDays,
      snapshotWindow: cache.snapshotWindow,
      maintenanceWindow: cache.maintenanceWindow,
      logsKmsKeyArn: network.string('logs_kms_key_arn'),
      logRetentionDays: data.logRetentionDays ?? 30,
    });
    // ElastiCache host names carry a short region code: us-east-1 -> use1.
    const [area, direction, number] = region.split('-');
    const host = (label: string) => `${label}.${id}.${sampleToken(`${stack.node.id}:redis`, 6)}.${area}${direction[0]}${number}.cache.amazonaws.com`;
    stack.publish('redis_replication_group_id', redis.replicationGroupId, { description: 'ID of the Redis replication group (CloudWatch ReplicationGroupId)', sample: id });
    stack.publish('redis_primary_endpoint', redis.primaryEndpoint, { description: 'Primary (read/write) endpoint of Redis; TLS and AUTH required', sample: host('master') });
    stack.publish('redis_reader_endpoint', redis.readerEndpoint, { description: 'Reader endpoint of Redis, balanced over the replicas; TLS and AUTH required', sample: host('replica') });
    stack.publish('redis_port', redis.port, { description: 'Port of the Redis endpoints', sample: redis.port });
    // The token's secret is published with the others (`redis_auth_token_secret_arn`).
  }
  return tables;
}
