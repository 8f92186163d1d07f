import { AURORA_INSTANCE_CLASSES, auroraPostgresVersionProblem, instanceTypeProblem } from '../aws-catalog';
import { DEFAULT_BACKUP_WINDOW, DEFAULT_MAINTENANCE_WINDOW } from '../../constructs/database/aurora-common';
import { Fail } from './fail';
import { dailyOverlapsWeekly, dailyWindow, weeklyWindow } from './windows';

/** A provisioned Aurora PostgreSQL cluster, by default behind an RDS Proxy (`data.databases.<name>`). */
export interface ProvisionedDatabaseConfig {
  /** Aurora PostgreSQL `major.minor`, for example `16.4`. */
  readonly engineVersion: string;
  /** Instance class of the writer and the readers, for example `db.r6g.large`. */
  readonly instanceClass: string;
  /** Readers besides the writer (0 to 15); a reader in another AZ makes failover fast. */
  readonly readerCount: number;
  /** Days of automated backups (1 to 35). */
  readonly backupRetentionDays: number;
  /** Database created in the cluster. */
  readonly databaseName: string;
  /**
   * Master user (its password is managed by RDS in Secrets Manager; a global database's primary
   * keeps a generated one in a secret the layer rotates).
   * @default 'postgres'
   */
  readonly masterUsername?: string;
  /**
   * Performance Insights retention: 7 (free tier) or a multiple of 31 up to 731.
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Enhanced monitoring interval in seconds (1, 5, 10, 15, 30 or 60; 0 turns it off).
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * The proxy's read-only endpoint (reads go to the readers); needs `readerCount` of at least 1.
   * @default - on when there are readers
   */
  readonly readOnlyProxyEndpoint?: boolean;
  /**
   * Share of the cluster's max_connections the proxy may open (1 to 100).
   * @default 90
   */
  readonly proxyMaxConnectionsPercent?: number;
  /**
   * Put an RDS Proxy in front of the cluster (apps connect through it with IAM authentication).
   * Without it, apps connect to the cluster's writer and reader endpoints directly.
   * @default true
   */
  readonly rdsProxy?: boolean;
  /**
   * Aurora Auto Scaling of the readers on their average CPU. The bounds count every reader,
   * the `readerCount` Terraform manages included, so `maxReaders` must exceed `readerCount`.
   * @default - a fixed `readerCount`
   */
  readonly readerAutoScaling?: ReaderAutoScalingConfig;
  /**
   * Daily automated backup window (UTC) `hh:mm-hh:mm`, 30 minutes or more, outside the maintenance window.
   * @default '03:00-04:00' (DEFAULT_BACKUP_WINDOW)
   */
  readonly backupWindow?: string;
  /**
   * Weekly maintenance window (UTC) `ddd:hh:mm-ddd:hh:mm`, 30 minutes to 24 hours.
   * @default 'sun:04:30-sun:05:30' (DEFAULT_MAINTENANCE_WINDOW)
   */
  readonly maintenanceWindow?: string;
  /**
   * Days between rotations of the master password (1-365).
   * @default - the RDS default (7 days) for the RDS-managed secret; 30 for a global database's primary
   */
  readonly masterPasswordRotationDays?: number;
  /**
   * Make the cluster the primary of an Aurora Global Database with a read-only secondary cluster in
   * the environment's `secondaryRegion` (needs it).
   * @default - a regional cluster
   */
  readonly globalSecondary?: GlobalSecondaryConfig;
}

export interface ReaderAutoScalingConfig {
  /** Fewest readers (0-15). */
  readonly minReaders: number;
  /** Most readers (1-15), above `readerCount`. */
  readonly maxReaders: number;
  /**
   * Average reader CPU (%) the policy holds.
   * @default 70
   */
  readonly targetCpuPercent?: number;
  /**
   * Seconds after a scale-in before the next.
   * @default 900
   */
  readonly scaleInCooldownSeconds?: number;
  /**
   * Seconds after a scale-out before the next.
   * @default 300
   */
  readonly scaleOutCooldownSeconds?: number;
}

export interface GlobalSecondaryConfig {
  /** Instances of the secondary cluster (1-16, all readers until a failover promotes it). */
  readonly instanceCount: number;
}

/**
 * Aurora PostgreSQL's default max_connections for an instance class: LEAST(DBInstanceClassMemory /
 * 9531392, 5000), with the memory of the class (r-classes 8 GiB per vCPU, x2g 16, t-classes 4 GiB
 * per medium). The connection alarm compares against it.
 */
export function auroraMaxConnections(instanceClass: string): number {
  const [, family, size] = instanceClass.split('.');
  const vcpus: Record<string, number> = { medium: 2, large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '12xlarge': 48, '16xlarge': 64, '24xlarge': 96, '32xlarge': 128, '48xlarge': 192 };
  const gib = family.startsWith('t') ? (size === 'medium' ? 4 : 8) : vcpus[size] * (family.startsWith('x2') ? 16 : 8);
  return Math.min(Math.floor((gib * 1024 ** 3) / 9531392), 5000);
}

const NAME = /^[a-z][a-z0-9-]{0,30}$/;
const PI_RETENTION = (days: number) => days === 7 || (Number.isInteger(days) && days % 31 === 0 && days >= 31 && days <= 731);
export function validateDatabases(databases: Readonly<Record<string, ProvisionedDatabaseConfig>>, fail: Fail, hasSecondaryRegion = false): void {
  for (const [name, db] of Object.entries(databases)) {
    const f = `data.databases.${name}`;
    if (!NAME.test(name)) fail('data.databases', name, 'is not a database key (lower-case letters, digits, dashes; at most 31)', 'use a name such as orders');
    const version = auroraPostgresVersionProblem(db.engineVersion);
    if (version) fail(`${f}.engineVersion`, db.engineVersion, version, 'use an offered major.minor, for example 16.4');
    const type = instanceTypeProblem(db.instanceClass, AURORA_INSTANCE_CLASSES, { prefix: 'db.', suffix: '' });
    if (type) fail(`${f}.instanceClass`, db.instanceClass, `${type} for provisioned Aurora PostgreSQL`, 'use for example db.r6g.large (prod) or db.t4g.medium (dev)');
    if (!Number.isInteger(db.readerCount) || db.readerCount < 0 || db.readerCount > 15) fail(`${f}.readerCount`, db.readerCount, 'is not 0 to 15 readers', 'use 1 in prod (fast failover), 0 in dev');
    if (!Number.isInteger(db.backupRetentionDays) || db.backupRetentionDays < 1 || db.backupRetentionDays > 35) fail(`${f}.backupRetentionDays`, db.backupRetentionDays, 'is outside 1-35 days', 'use 7 or more');
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(db.databaseName ?? '')) fail(`${f}.databaseName`, db.databaseName, 'is not a PostgreSQL database name', 'use lower-case letters, digits and underscores, starting with a letter');
    if (db.masterUsername !== undefined && (!/^[a-z][a-z0-9_]{0,15}$/.test(db.masterUsername) || db.masterUsername === 'rdsadmin')) {
      fail(`${f}.masterUsername`, db.masterUsername, 'is not an allowed master user name', 'use 1-16 lower-case letters, digits, underscores (not rdsadmin)');
    }
    const pi = db.performanceInsightsRetentionDays;
    if (pi !== undefined && !PI_RETENTION(pi)) fail(`${f}.performanceInsightsRetentionDays`, pi, 'is not a Performance Insights retention', 'use 7 (free) or a multiple of 31 up to 731');
    const monitoring = db.monitoringIntervalSeconds;
    if (monitoring !== undefined && ![0, 1, 5, 10, 15, 30, 60].includes(monitoring)) fail(`${f}.monitoringIntervalSeconds`, monitoring, 'is not an enhanced monitoring interval', 'use 0, 1, 5, 10, 15, 30 or 60');
    if (db.readOnlyProxyEndpoint && db.readerCount === 0) fail(`${f}.readOnlyProxyEndpoint`, true, 'needs a reader (readerCount is 0)', 'add a reader or drop the read-only endpoint');
    const share = db.proxyMaxConnectionsPercent;
    if (share !== undefined && !(Number.isInteger(share) && share >= 1 && share <= 100)) fail(`${f}.proxyMaxConnectionsPercent`, share, 'is not a percentage from 1 to 100', 'use 90');
    if (db.rdsProxy === false) {
      for (const field of ['readOnlyProxyEndpoint', 'proxyMaxConnectionsPercent'] as const) {
        if (db[field] !== undefined) fail(`${f}.${field}`, db[field], 'configures the RDS Proxy, but rdsProxy is false', `drop ${field}, or set rdsProxy: true`);
      }
    }
    validateReaderAutoScaling(f, db, fail);
    validateWindows(f, db, fail);
    const rotation = db.masterPasswordRotationDays;
    if (rotation !== undefined && !(Number.isInteger(rotation) && rotation >= 1 && rotation <= 365)) fail(`${f}.masterPasswordRotationDays`, rotation, 'is outside 1-365 days', 'use 30');
    if (db.globalSecondary !== undefined) {
      if (!hasSecondaryRegion) fail(`${f}.globalSecondary`, db.globalSecondary, 'needs secondaryRegion', 'set secondaryRegion, or drop globalSecondary');
      const count = db.globalSecondary.instanceCount;
      if (!(Number.isInteger(count) && count >= 1 && count <= 16)) fail(`${f}.globalSecondary.instanceCount`, count, 'is not 1 to 16 instances', 'use 1, or 2 for a secondary that keeps a reader after a failover');
    }
  }
}

function validateReaderAutoScaling(f: string, db: ProvisionedDatabaseConfig, fail: Fail): void {
  const scaling = db.readerAutoScaling;
  if (!scaling) return;
  const field = `${f}.readerAutoScaling`;
  if (!(Number.isInteger(scaling.minReaders) && scaling.minReaders >= 0 && scaling.minReaders <= 15)) fail(`${field}.minReaders`, scaling.minReaders, 'is not 0 to 15 readers', 'use for example 1');
  if (!(Number.isInteger(scaling.maxReaders) && scaling.maxReaders >= 1 && scaling.maxReaders <= 15)) fail(`${field}.maxReaders`, scaling.maxReaders, 'is not 1 to 15 readers', 'use for example 5');
  if (scaling.minReaders > scaling.maxReaders) fail(`${field}.minReaders`, scaling.minReaders, `is above maxReaders (${scaling.maxReaders})`, 'make minReaders <= maxReaders');
  if (scaling.maxReaders <= db.readerCount) {
    fail(`${field}.maxReaders`, scaling.maxReaders, `leaves no room above the ${db.readerCount} readers of readerCount (the bounds count them)`, `raise maxReaders above ${db.readerCount}, or drop readerAutoScaling`);
  }
  const cpu = scaling.targetCpuPercent;
  if (cpu !== undefined && !(typeof cpu === 'number' && cpu > 0 && cpu <= 100)) fail(`${field}.targetCpuPercent`, cpu, 'is not a CPU percentage (above 0, at most 100)', 'use 70');
  for (const cooldown of ['scaleInCooldownSeconds', 'scaleOutCooldownSeconds'] as const) {
    const seconds = scaling[cooldown];
    if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 0)) fail(`${field}.${cooldown}`, seconds, 'is not a whole number of seconds', 'use for example 900 in, 300 out');
  }
}

function validateWindows(f: string, db: ProvisionedDatabaseConfig, fail: Fail): void {
  const backup = db.backupWindow === undefined ? undefined : dailyWindow(db.backupWindow);
  if (db.backupWindow !== undefined && (!backup || backup.minutes < 30)) {
    fail(`${f}.backupWindow`, db.backupWindow, 'is not a daily hh:mm-hh:mm window (UTC) of 30 minutes or more', 'use for example 03:00-04:00');
  }
  const maintenance = db.maintenanceWindow === undefined ? undefined : weeklyWindow(db.maintenanceWindow);
  if (db.maintenanceWindow !== undefined && (!maintenance || maintenance.minutes < 30 || maintenance.minutes > 24 * 60)) {
    fail(`${f}.maintenanceWindow`, db.maintenanceWindow, 'is not a weekly ddd:hh:mm-ddd:hh:mm window (UTC) of 30 minutes to 24 hours', 'use for example sun:04:00-sun:05:00');
  }
  // Each side falls back to the construct's default window when only the other is given.
  const daily = backup ?? dailyWindow(DEFAULT_BACKUP_WINDOW)!;
  const weekly = maintenance ?? weeklyWindow(DEFAULT_MAINTENANCE_WINDOW)!;
  if ((backup || maintenance) && dailyOverlapsWeekly(daily, weekly)) {
    fail(`${f}.backupWindow`, db.backupWindow ?? DEFAULT_BACKUP_WINDOW, `overlaps the maintenance window ${db.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW}`, 'move one of them; RDS refuses overlapping windows');
  }
}
