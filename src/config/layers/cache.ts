import { ELASTICACHE_NODE_TYPES, instanceTypeProblem } from '../aws-catalog';
import type { AppSecretConfig } from './data';
import { Fail } from './fail';
import { dailyOverlapsWeekly, dailyWindow, weeklyWindow } from './windows';

/**
 * An ElastiCache Redis OSS replication group (cluster mode disabled) in the private data subnets:
 * TLS and AUTH required, encrypted at rest with a customer-managed key (`data.cache`).
 */
export interface CacheConfig {
  /**
   * Redis OSS version of the redis7 parameter family: 7.0 or 7.1.
   * @default '7.1'
   */
  readonly engineVersion?: string;
  /** Node type, for example `cache.r6g.large` (prod) or `cache.t4g.medium` (dev). */
  readonly nodeType: string;
  /** Cache clusters: the primary plus replicas (1-6). */
  readonly numCacheClusters: number;
  /**
   * Automatic failover to a replica in another zone (Multi-AZ); needs 2 or more cache clusters.
   * @default true
   */
  readonly multiAz?: boolean;
  /** Days automatic snapshots are kept (1-35). */
  readonly snapshotRetentionDays: number;
  /** Daily snapshot window (UTC) `hh:mm-hh:mm`, 60 minutes or more. */
  readonly snapshotWindow: string;
  /** Weekly maintenance window (UTC) `ddd:hh:mm-ddd:hh:mm`, 60 minutes to 24 hours, not overlapping the snapshot window. */
  readonly maintenanceWindow: string;
  /**
   * Parameters of the group's redis7 parameter group, for example `{ 'maxmemory-policy': 'allkeys-lru' }`.
   * @default {} - the family defaults
   */
  readonly parameters?: Readonly<Record<string, string | number>>;
  /**
   * `id` of the generated secret in `data.secrets` whose value is the AUTH token (16-128 characters).
   */
  readonly authTokenSecret: string;
}

const ENGINE_VERSIONS = ['7.0', '7.1'];
const PARAMETER = /^[a-z][a-z0-9-]*$/;
const EVICTION_POLICIES = ['volatile-lru', 'allkeys-lru', 'volatile-lfu', 'allkeys-lfu', 'volatile-random', 'allkeys-random', 'volatile-ttl', 'noeviction'];

export function validateCache(cache: CacheConfig, secrets: readonly AppSecretConfig[], fail: Fail): void {
  const f = 'data.cache';
  if (cache.engineVersion !== undefined && !ENGINE_VERSIONS.includes(cache.engineVersion)) {
    fail(`${f}.engineVersion`, cache.engineVersion, 'is not a Redis OSS version of the redis7 family', `use ${ENGINE_VERSIONS.join(' or ')}`);
  }
  const type = instanceTypeProblem(cache.nodeType, ELASTICACHE_NODE_TYPES, { prefix: 'cache.', suffix: '' });
  if (type) fail(`${f}.nodeType`, cache.nodeType, type, 'use for example cache.r6g.large (prod) or cache.t4g.medium (dev)');
  const clusters = cache.numCacheClusters;
  if (!(Number.isInteger(clusters) && clusters >= 1 && clusters <= 6)) fail(`${f}.numCacheClusters`, clusters, 'is not 1 to 6 cache clusters (a primary and up to 5 replicas)', 'use 2 or more for failover');
  if ((cache.multiAz ?? true) && clusters < 2) fail(`${f}.numCacheClusters`, clusters, 'leaves Multi-AZ failover no replica to promote', 'use 2 or more, or set multiAz: false');
  const days = cache.snapshotRetentionDays;
  if (!(Number.isInteger(days) && days >= 1 && days <= 35)) fail(`${f}.snapshotRetentionDays`, days, 'is outside 1-35 days', 'use for example 5');
  const snapshot = dailyWindow(cache.snapshotWindow);
  if (!snapshot || snapshot.minutes < 60) fail(`${f}.snapshotWindow`, cache.snapshotWindow, 'is not a daily hh:mm-hh:mm window (UTC) of 60 minutes or more', 'use for example 05:00-06:00');
  const maintenance = weeklyWindow(cache.maintenanceWindow);
  if (!maintenance || maintenance.minutes < 60 || maintenance.minutes > 24 * 60) {
    fail(`${f}.maintenanceWindow`, cache.maintenanceWindow, 'is not a weekly ddd:hh:mm-ddd:hh:mm window (UTC) of 60 minutes to 24 hours', 'use for example sun:06:00-sun:07:00');
  }
  if (dailyOverlapsWeekly(snapshot, maintenance)) fail(`${f}.snapshotWindow`, cache.snapshotWindow, `overlaps the maintenance window ${cache.maintenanceWindow}`, 'move one of them; ElastiCache refuses overlapping windows');
  for (const [name, value] of Object.entries(cache.parameters ?? {})) {
    const field = `${f}.parameters.${name}`;
    if (!PARAMETER.test(name)) fail(`${f}.parameters`, name, 'is not a Redis parameter name', 'use lower-case letters, digits and dashes, for example maxmemory-policy');
    if (name === 'cluster-enabled') fail(field, value, 'is not allowed (the group runs with cluster mode disabled)', 'drop it');
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || value.length === 0) fail(field, value, 'has no value', 'give a value or drop the parameter');
    if (name === 'maxmemory-policy' && !EVICTION_POLICIES.includes(String(value))) fail(field, value, 'is not an eviction policy', `use one of ${EVICTION_POLICIES.join(', ')}`);
  }
  const secret = secrets.find((s) => s.id === cache.authTokenSecret);
  if (!secret) fail(`${f}.authTokenSecret`, cache.authTokenSecret, 'is not the id of a secret in data.secrets', `name one of ${secrets.map((s) => s.id).join(', ') || '(none: add a generated secret)'}`);
  const length = secret.generatedLength;
  if (length === undefined || length < 16 || length > 128) {
    fail(`${f}.authTokenSecret`, cache.authTokenSecret, `names a secret that is not generated with 16-128 characters (generatedLength ${length ?? 'unset'}), the AUTH token ElastiCache accepts`, 'give that secret generatedLength 64');
  }
}
