import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ELASTICACHE_NODE_TYPES, instanceTypeProblem } from '../../config/aws-catalog';
import { LOG_RETENTION_DAYS } from '../../config/layers/fail';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** Redis OSS versions of the `redis7` parameter family (7.1 is the last Redis OSS release on ElastiCache). */
export type RedisEngineVersion = '7.0' | '7.1';

/**
 * How a changed `authToken` is applied: `ROTATE` adds the new token and keeps the old one valid
 * until the next `SET` (clients move over without downtime); `SET` makes the new token the only one.
 */
export type AuthTokenUpdateStrategy = 'ROTATE' | 'SET';

export interface RedisReplicationGroupProps extends ProviderScopedProps {
  /** Replication group ID (1-40 lower-case letters, digits and single dashes, starting with a letter), for example `<system>-<env>-cache`. */
  readonly replicationGroupId: string;
  /**
   * Description of the replication group.
   * @default `Redis ${engineVersion} for ${replicationGroupId}`
   */
  readonly description?: string;
  /** Node type, `cache.<family>.<size>` offered in ELASTICACHE_NODE_TYPES, for example `cache.r6g.large` or `cache.t4g.small`. */
  readonly nodeType: string;
  /**
   * Redis OSS engine version (parameter family `redis7`).
   * @default '7.1'
   */
  readonly engineVersion?: RedisEngineVersion;
  /**
   * Nodes of the group: one primary and `numCacheClusters - 1` replicas (1-6; 2 or more for
   * automatic failover).
   * @default 2
   */
  readonly numCacheClusters?: number;
  /**
   * Promote a replica when the primary fails (needs 2+ cache clusters).
   * @default true
   */
  readonly automaticFailover?: boolean;
  /**
   * Place the replicas in other zones than the primary (needs automatic failover).
   * @default - the value of `automaticFailover`
   */
  readonly multiAz?: boolean;
  /**
   * Zones of the cache clusters in order, the primary first (one per cache cluster).
   * @default - ElastiCache spreads the nodes over the subnet group's zones
   */
  readonly availabilityZones?: readonly string[];
  /** Private data subnets of the subnet group (in two or more zones for Multi-AZ). */
  readonly subnetIds: readonly string[];
  /**
   * Name of the subnet group.
   * @default `${replicationGroupId}-subnets`
   */
  readonly subnetGroupName?: string;
  /** Security groups of the nodes (the cache security group). */
  readonly securityGroupIds: readonly string[];
  /** Customer-managed KMS key that encrypts the nodes' data and snapshots at rest (EC-01). */
  readonly kmsKeyArn: string;
  /**
   * Redis AUTH token: a Terraform reference to a secret value, for example the `secret_string` of
   * an `aws_secretsmanager_secret_version`; never a literal. 16-128 printable characters without
   * `/`, `"`, `@` or `%` (ElastiCache's rule, checked by AWS). The token is stored in Terraform
   * state (the provider has no write-only argument for it), so keep state encrypted.
   */
  readonly authToken: string;
  /**
   * How a changed token is applied.
   * @default 'ROTATE'
   */
  readonly authTokenUpdateStrategy?: AuthTokenUpdateStrategy;
  /**
   * Parameters of the group's `redis7` parameter group, for example
   * `{ 'maxmemory-policy': 'allkeys-lru', timeout: 300, 'tcp-keepalive': 300 }`.
   * `cluster-enabled` is not allowed (this is a cluster-mode-disabled group).
   * @default {} - the family defaults
   */
  readonly parameters?: Readonly<Record<string, string | number>>;
  /**
   * Name of the parameter group.
   * @default `${replicationGroupId}-redis7`
   */
  readonly parameterGroupName?: string;
  /**
   * Days automatic snapshots are kept (1-35; EC-03 wants them kept).
   * @default 7
   */
  readonly snapshotRetentionDays?: number;
  /**
   * Daily snapshot window (UTC) `hh24:mi-hh24:mi`, 60 minutes or more, outside the maintenance window.
   * @default '03:00-04:00'
   */
  readonly snapshotWindow?: string;
  /**
   * Weekly maintenance window (UTC) `ddd:hh24:mi-ddd:hh24:mi`, 60 minutes or more, outside the
   * snapshot window. Windows that only touch (one ends when the other starts) do not overlap.
   * @default 'sun:05:00-sun:06:00'
   */
  readonly maintenanceWindow?: string;
  /** KMS key of the slow-log and engine-log log groups (the environment's logs key). */
  readonly logsKmsKeyArn: string;
  /** Retention of the slow-log and engine-log log groups; one of LOG_RETENTION_DAYS. */
  readonly logRetentionDays: number;
  /**
   * Port the nodes listen on.
   * @default 6379
   */
  readonly port?: number;
}

const GROUP_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const GROUP_ID_MAX = 40;
const RESOURCE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ENGINE_VERSIONS: readonly string[] = ['7.0', '7.1'];
const PARAMETER_FAMILY = 'redis7';
const MAX_CACHE_CLUSTERS = 6;
const PARAMETER_NAME = /^[a-z][a-z0-9-]*$/;
const EVICTION_POLICIES: readonly string[] = ['volatile-lru', 'allkeys-lru', 'volatile-lfu', 'allkeys-lfu', 'volatile-random', 'allkeys-random', 'volatile-ttl', 'noeviction'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MIN_WINDOW_MINUTES = 60;
const LOG_TYPES = ['slow-log', 'engine-log'] as const;

/**
 * An ElastiCache Redis OSS replication group (cluster mode disabled) as EC-01..03 ask: a primary
 * and replicas with automatic failover across zones, a subnet group over private subnets, at-rest
 * encryption with a customer-managed key, TLS required (`transit_encryption_mode = required`),
 * AUTH with a caller-supplied token, a `redis7` parameter group, daily snapshots, a weekly
 * maintenance window that avoids the snapshot window, automatic minor upgrades, and the slow log
 * and engine log delivered as JSON to log groups it creates (retention, KMS). Changes wait for the
 * maintenance window (`apply_immediately = false`).
 *
 * Delivery to CloudWatch Logs is a vended log delivery: the deploying role needs
 * `logs:CreateLogDelivery` and its related permissions, and the logs key's policy must let
 * CloudWatch Logs use the key.
 */
export class RedisReplicationGroup extends Construct {
  readonly group: ElasticacheReplicationGroup;
  readonly subnetGroup: ElasticacheSubnetGroup;
  readonly parameterGroup: ElasticacheParameterGroup;
  /** Log groups by log type (`slow-log`, `engine-log`). */
  readonly logGroups: Readonly<Record<(typeof LOG_TYPES)[number], CloudwatchLogGroup>>;
  /** Port the nodes listen on. */
  readonly port: number;

  constructor(scope: Construct, id: string, props: RedisReplicationGroupProps) {
    super(scope, id);
    const name = props.replicationGroupId;
    const where = `RedisReplicationGroup ${name}`;
    const engineVersion = props.engineVersion ?? '7.1';
    const description = props.description ?? `Redis ${engineVersion} for ${name}`;
    const numCacheClusters = props.numCacheClusters ?? 2;
    const automaticFailover = props.automaticFailover ?? true;
    const multiAz = props.multiAz ?? automaticFailover;
    const subnetGroupName = props.subnetGroupName ?? `${name}-subnets`;
    const parameterGroupName = props.parameterGroupName ?? `${name}-${PARAMETER_FAMILY}`;
    const parameters = Object.entries(props.parameters ?? {});
    const authTokenUpdateStrategy = props.authTokenUpdateStrategy ?? 'ROTATE';
    const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
    const snapshotWindow = props.snapshotWindow ?? '03:00-04:00';
    const maintenanceWindow = (props.maintenanceWindow ?? 'sun:05:00-sun:06:00').toLowerCase();
    const port = props.port ?? 6379;
    this.port = port;

    if (!Token.isUnresolved(name) && (!GROUP_ID.test(name) || name.length > GROUP_ID_MAX)) {
      throw new Error(`${where}: replicationGroupId is not 1-${GROUP_ID_MAX} lower-case letters, digits and single dashes starting with a letter; rename it`);
    }
    for (const [what, value] of [['subnetGroupName', subnetGroupName], ['parameterGroupName', parameterGroupName]] as const) {
      if (!Token.isUnresolved(value) && (!RESOURCE_NAME.test(value) || value.length > 255)) {
        throw new Error(`${where}: ${what} "${value}" is not 1-255 lower-case letters, digits and single dashes starting with a letter; rename it`);
      }
    }
    const nodeProblem = instanceTypeProblem(props.nodeType, ELASTICACHE_NODE_TYPES, { prefix: 'cache.', suffix: '' });
    if (nodeProblem) throw new Error(`${where}: nodeType "${props.nodeType}" ${nodeProblem}`);
    if (!ENGINE_VERSIONS.includes(engineVersion)) {
      throw new Error(`${where}: engineVersion "${engineVersion}" is not a Redis OSS version of the ${PARAMETER_FAMILY} family (${ENGINE_VERSIONS.join(', ')}); use 7.1`);
    }
    if (!Number.isInteger(numCacheClusters) || numCacheClusters < 1 || numCacheClusters > MAX_CACHE_CLUSTERS) {
      throw new Error(`${where}: numCacheClusters ${numCacheClusters} is not a whole number in 1-${MAX_CACHE_CLUSTERS} (a primary and up to 5 replicas)`);
    }
    if (automaticFailover && numCacheClusters < 2) {
      throw new Error(`${where}: automaticFailover needs a replica to promote but numCacheClusters is ${numCacheClusters}; use 2 or more, or turn automaticFailover and multiAz off (EC-02 then needs a suppression)`);
    }
    if (multiAz && !automaticFailover) {
      throw new Error(`${where}: multiAz needs automaticFailover (ElastiCache fails over to the replica in another zone); turn automaticFailover on or multiAz off`);
    }
    if (props.availabilityZones !== undefined && props.availabilityZones.length !== numCacheClusters) {
      throw new Error(`${where}: availabilityZones lists ${props.availabilityZones.length} zones for ${numCacheClusters} cache clusters; give one zone per cache cluster, the primary's first`);
    }
    if (props.subnetIds.length === 0) throw new Error(`${where}: subnetIds is empty; pass the private data subnets`);
    if (props.securityGroupIds.length === 0) throw new Error(`${where}: securityGroupIds is empty; pass the cache security group`);
    if (!Token.isUnresolved(props.authToken)) {
      throw new Error(`${where}: authToken is a literal string; pass a Terraform reference to the secret (for example the secret_string of an aws_secretsmanager_secret_version) so no token sits in code`);
    }
    if (!['ROTATE', 'SET'].includes(authTokenUpdateStrategy)) {
      throw new Error(`${where}: authTokenUpdateStrategy "${authTokenUpdateStrategy}" is not ROTATE or SET`);
    }
    checkParameters(where, parameters);
    if (!Number.isInteger(snapshotRetentionDays) || snapshotRetentionDays < 1 || snapshotRetentionDays > 35) {
      throw new Error(`${where}: snapshotRetentionDays ${snapshotRetentionDays} is outside 1-35; keep daily snapshots (EC-03)`);
    }
    checkWindows(where, snapshotWindow, maintenanceWindow);
    if (!LOG_RETENTION_DAYS.includes(props.logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${props.logRetentionDays} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(', ')}`);
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${where}: port ${port} is not a TCP port (1-65535); use 6379`);
    }

    this.subnetGroup = new ElasticacheSubnetGroup(this, 'subnet-group', {
      name: subnetGroupName,
      description: `Private data subnets of ${name}`,
      subnetIds: [...props.subnetIds],
    });

    this.parameterGroup = new ElasticacheParameterGroup(this, 'parameter-group', {
      name: parameterGroupName,
      family: PARAMETER_FAMILY,
      description: `Parameters of ${name}`,
      parameter: parameters.length === 0 ? undefined : parameters.map(([parameter, value]) => ({ name: parameter, value: String(value) })),
      // A group in use cannot be deleted: a replacement is created and switched to first.
      lifecycle: { createBeforeDestroy: true },
    });

    // Created before the group (referenced by the log delivery) so the logs land with retention and KMS.
    const logGroup = (type: (typeof LOG_TYPES)[number]) =>
      new CloudwatchLogGroup(this, type, {
        name: `/aws/elasticache/${name}/${type}`,
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.logsKmsKeyArn,
      });
    this.logGroups = { 'slow-log': logGroup('slow-log'), 'engine-log': logGroup('engine-log') };

    this.group = new ElasticacheReplicationGroup(this, 'group', {
      replicationGroupId: name,
      description,
      engine: 'redis',
      engineVersion,
      nodeType: props.nodeType,
      port,
      numCacheClusters,
      automaticFailoverEnabled: automaticFailover,
      multiAzEnabled: multiAz,
      preferredCacheClusterAzs: props.availabilityZones === undefined ? undefined : [...props.availabilityZones],
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [...props.securityGroupIds],
      parameterGroupName: this.parameterGroup.name,
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      authToken: props.authToken,
      authTokenUpdateStrategy,
      snapshotRetentionLimit: snapshotRetentionDays,
      snapshotWindow,
      maintenanceWindow,
      autoMinorVersionUpgrade: 'true',
      applyImmediately: false,
      logDeliveryConfiguration: LOG_TYPES.map((type) => ({
        destination: this.logGroups[type].name,
        destinationType: 'cloudwatch-logs',
        logFormat: 'json',
        logType: type,
      })),
    });
    useProvider(this, props.provider);
  }

  /** Replication group ID. */
  get replicationGroupId(): string {
    return this.group.id;
  }

  get arn(): string {
    return this.group.arn;
  }

  /** Address of the primary (read/write) endpoint; TLS and AUTH required. */
  get primaryEndpoint(): string {
    return this.group.primaryEndpointAddress;
  }

  /** Address of the reader endpoint, balanced over the replicas; TLS and AUTH required. */
  get readerEndpoint(): string {
    return this.group.readerEndpointAddress;
  }
}

function checkParameters(where: string, parameters: readonly [string, string | number][]): void {
  for (const [name, value] of parameters) {
    if (!PARAMETER_NAME.test(name)) throw new Error(`${where}: parameter "${name}" is not a Redis parameter name (lower-case letters, digits, dashes)`);
    if (name === 'cluster-enabled') {
      throw new Error(`${where}: parameter cluster-enabled is not allowed; this construct builds a cluster-mode-disabled group (one shard with replicas), drop it`);
    }
    if (typeof value === 'number' ? !Number.isFinite(value) : value.length === 0) {
      throw new Error(`${where}: parameter ${name} has no value ("${value}"); give a value or drop the parameter`);
    }
    if (name === 'maxmemory-policy' && !EVICTION_POLICIES.includes(String(value))) {
      throw new Error(`${where}: maxmemory-policy "${value}" is not one of ${EVICTION_POLICIES.join(', ')}`);
    }
  }
}

/** Minute of the day of `hh24:mi`, or undefined. */
function minuteOfDay(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Minute of the week (Sunday 00:00 = 0) of `ddd:hh24:mi`, or undefined. */
function minuteOfWeek(text: string): number | undefined {
  const match = /^([a-z]{3}):(\d\d:\d\d)$/.exec(text);
  const day = match ? DAYS.indexOf(match[1]) : -1;
  const minute = match ? minuteOfDay(match[2]) : undefined;
  return day < 0 || minute === undefined ? undefined : day * MINUTES_PER_DAY + minute;
}

/** Checks both windows' shape and length and that no daily snapshot window overlaps the maintenance window. */
function checkWindows(where: string, snapshotWindow: string, maintenanceWindow: string): void {
  const [snapshotStart, snapshotEnd] = snapshotWindow.split('-').map(minuteOfDay);
  if (snapshotStart === undefined || snapshotEnd === undefined || snapshotWindow.split('-').length !== 2) {
    throw new Error(`${where}: snapshotWindow "${snapshotWindow}" is not hh24:mi-hh24:mi (UTC); use for example 03:00-04:00`);
  }
  const snapshotMinutes = (snapshotEnd - snapshotStart + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  if (snapshotMinutes < MIN_WINDOW_MINUTES) {
    throw new Error(`${where}: snapshotWindow "${snapshotWindow}" lasts ${snapshotMinutes} minutes; ElastiCache needs ${MIN_WINDOW_MINUTES} or more`);
  }
  const [maintenanceStart, maintenanceEnd] = maintenanceWindow.split('-').map(minuteOfWeek);
  if (maintenanceStart === undefined || maintenanceEnd === undefined || maintenanceWindow.split('-').length !== 2) {
    throw new Error(`${where}: maintenanceWindow "${maintenanceWindow}" is not ddd:hh24:mi-ddd:hh24:mi (UTC, days sun-sat); use for example sun:05:00-sun:06:00`);
  }
  const maintenanceMinutes = (maintenanceEnd - maintenanceStart + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  if (maintenanceMinutes < MIN_WINDOW_MINUTES || maintenanceMinutes > MINUTES_PER_DAY) {
    throw new Error(`${where}: maintenanceWindow "${maintenanceWindow}" lasts ${maintenanceMinutes} minutes; ElastiCache needs ${MIN_WINDOW_MINUTES} minutes to 24 hours`);
  }
  // The snapshot window recurs daily: compare each day's window with the weekly one, minute by minute.
  const inMaintenance = (minute: number) => (minute - maintenanceStart + MINUTES_PER_WEEK) % MINUTES_PER_WEEK < maintenanceMinutes;
  for (let day = 0; day < 7; day++) {
    for (let offset = 0; offset < snapshotMinutes; offset++) {
      const minute = (day * MINUTES_PER_DAY + snapshotStart + offset) % MINUTES_PER_WEEK;
      if (inMaintenance(minute)) {
        throw new Error(`${where}: snapshotWindow "${snapshotWindow}" overlaps maintenanceWindow "${maintenanceWindow}" on ${DAYS[Math.floor(minute / MINUTES_PER_DAY)]}; ElastiCache rejects overlapping windows, move one of them`);
      }
    }
  }
}
