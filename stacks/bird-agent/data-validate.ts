import { Fail } from '../../src/config/layers/fail';
import { EnvironmentConfig } from '../../src/config/types';
import { AURORA } from './data-aurora';

/** The seed's data the data layer publishes under fixed output names (the contract compute and edge read). */
export const BIRD_AGENT_TABLES = ['agent-sessions', 'agent-events', 'agent-configurations'] as const;
export const BIRD_AGENT_BUCKETS = ['agent-media', 'agent-config'] as const;
export const BIRD_AGENT_SECRETS = ['bird_com_api_credentials', 'redis_auth_token', 'bedrock_api_keys'] as const;

/**
 * bird-agent's data checks beyond the shared ones: everything the layer's output contract names is
 * configured (`aurora_*`, `<t>_table_*` with a stream, the buckets, the secrets, Redis with its
 * token), and the global database has the DR network and replication it needs.
 */
export function validateBirdAgentData(config: EnvironmentConfig, fail: Fail): void {
  const data = config.data;
  if (!data) return;
  const lacks = (field: string, have: readonly string[], want: string, why: string) =>
    fail(field, [...have], `lacks "${want}", ${why}`, `add ${want} (see src/config/systems/bird-agent/data.ts)`);
  const databases = Object.keys(data.databases ?? {});
  if (!databases.includes(AURORA)) lacks('data.databases', databases, AURORA, 'which the layer publishes as aurora_*');
  const tables = data.tables ?? {};
  for (const table of BIRD_AGENT_TABLES) {
    if (!tables[table]) lacks('data.tables', Object.keys(tables), table, `which the layer publishes as ${table.replace(/^agent-/, '')}_table_*`);
    if (tables[table].stream === undefined) fail(`data.tables.${table}.stream`, undefined, 'is unset, but the layer publishes the table\'s stream ARN (processors and cache invalidation read it)', 'set stream: NEW_AND_OLD_IMAGES');
  }
  const buckets = Object.keys(data.buckets ?? {});
  for (const bucket of BIRD_AGENT_BUCKETS) if (!buckets.includes(bucket)) lacks('data.buckets', buckets, bucket, `which the layer publishes as ${bucket.replace(/^agent-/, '')}_bucket_*`);
  const secrets = (data.secrets ?? []).map((s) => s.id);
  for (const secret of BIRD_AGENT_SECRETS) if (!secrets.includes(secret)) lacks('data.secrets', secrets, secret, `which the layer publishes as ${secret}_secret_arn`);
  if (!data.cache) fail('data.cache', undefined, 'is missing; the layer publishes redis_* (the seed\'s ElastiCache Redis)', 'add the cache section');
  if (data.cache.authTokenSecret !== 'redis_auth_token') {
    fail('data.cache.authTokenSecret', data.cache.authTokenSecret, 'is not redis_auth_token, the secret the layer publishes as redis_auth_token_secret_arn', 'use redis_auth_token');
  }
  if (data.databases?.[AURORA]?.globalSecondary) {
    if (!data.replicateToSecondaryRegion) fail(`data.databases.${AURORA}.globalSecondary`, data.databases[AURORA].globalSecondary, 'needs data.replicateToSecondaryRegion (the DR keys and replicas are built with it)', 'set replicateToSecondaryRegion: true, or drop globalSecondary');
    if (!config.network?.secondary) fail(`data.databases.${AURORA}.globalSecondary`, data.databases[AURORA].globalSecondary, 'needs network.secondary, the DR VPC the secondary cluster runs in', 'add network.secondary, or drop globalSecondary');
  }
}
