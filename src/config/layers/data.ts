import { Fail } from './fail';

/** Configuration of the data layer (databases, search, buckets, identity, registries, secrets). */
export interface DataLayerConfig {
  /** @default - the system has no Aurora database */
  readonly aurora?: AuroraConfig;
}

export interface AuroraConfig {
  /** Aurora PostgreSQL engine version, for example `16.4`. */
  readonly engineVersion: string;
  /** Minimum Aurora Serverless v2 capacity in ACU; 0 allows auto-pause. */
  readonly minCapacity: number;
  /** Maximum Aurora Serverless v2 capacity in ACU (at most 256). */
  readonly maxCapacity: number;
  /**
   * Seconds of inactivity before an Aurora Serverless v2 cluster pauses (needs `minCapacity` 0).
   * @default - no auto-pause
   */
  readonly autoPauseSeconds?: number;
  /** Number of cluster instances: one writer plus readers. */
  readonly instanceCount: number;
  /** Automated backup retention in days (1-35). */
  readonly backupRetentionDays: number;
}

export function validateDataConfig(data: DataLayerConfig, fail: Fail): void {
  const db = data.aurora;
  if (!db) return;
  const f = 'data.aurora';
  if (!/^\d+\.\d+$/.test(db.engineVersion ?? '')) fail(`${f}.engineVersion`, db.engineVersion, 'is not an Aurora PostgreSQL version', 'use major.minor, for example 16.4');
  if (!(db.minCapacity >= 0 && db.minCapacity <= 256 && (db.minCapacity * 2) % 1 === 0)) {
    fail(`${f}.minCapacity`, db.minCapacity, 'is not an ACU value from 0 to 256 in steps of 0.5', 'use 0, 0.5, 1, ...');
  }
  if (!(db.maxCapacity >= 1 && db.maxCapacity <= 256 && (db.maxCapacity * 2) % 1 === 0)) {
    fail(`${f}.maxCapacity`, db.maxCapacity, 'is not an ACU value from 1 to 256 in steps of 0.5', 'use 1, 1.5, 2, ...');
  }
  if (db.minCapacity > db.maxCapacity) {
    fail(`${f}.minCapacity`, db.minCapacity, `is greater than ${f}.maxCapacity (${db.maxCapacity})`, 'make minCapacity <= maxCapacity');
  }
  if (db.autoPauseSeconds !== undefined) {
    if (db.minCapacity !== 0) fail(`${f}.autoPauseSeconds`, db.autoPauseSeconds, `needs ${f}.minCapacity 0 (it is ${db.minCapacity})`, 'set minCapacity to 0 or drop autoPauseSeconds');
    if (db.autoPauseSeconds < 300 || db.autoPauseSeconds > 86400) fail(`${f}.autoPauseSeconds`, db.autoPauseSeconds, 'is outside 300-86400 seconds', 'use at least 300 (5 minutes)');
  }
  if (!Number.isInteger(db.instanceCount) || db.instanceCount < 1 || db.instanceCount > 16) fail(`${f}.instanceCount`, db.instanceCount, 'is not 1 to 16 instances', 'use a writer plus readers');
  if (!Number.isInteger(db.backupRetentionDays) || db.backupRetentionDays < 1 || db.backupRetentionDays > 35) fail(`${f}.backupRetentionDays`, db.backupRetentionDays, 'is outside 1-35 days', 'use 7 or more');
}
