import { AURORA_INSTANCE_CLASSES, auroraPostgresVersionProblem, instanceTypeProblem } from '../aws-catalog';
import { Fail } from './fail';

/** A provisioned Aurora PostgreSQL cluster with its RDS Proxy (`data.databases.<name>`). */
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
   * Master user (its password is managed by RDS in Secrets Manager).
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

export function validateDatabases(databases: Readonly<Record<string, ProvisionedDatabaseConfig>>, fail: Fail): void {
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
  }
}
