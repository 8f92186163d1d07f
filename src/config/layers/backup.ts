import { cronProblem } from '../../constructs/backup/backup-plan';
import { Fail } from './fail';

export interface BackupRuleConfig {
  /** AWS cron expression (six fields, UTC), for example `cron(0 5 ? * * *)`. */
  readonly schedule: string;
  /** Days a recovery point is kept. */
  readonly deleteAfterDays: number;
  /**
   * Days before a recovery point moves to cold storage (it must then be kept 90 days more).
   * @default - never
   */
  readonly moveToColdStorageAfterDays?: number;
  /**
   * What the rule backs up, where a layer backs up several kinds (a rule with its own selection
   * becomes its own plan and vault).
   * @default - everything the layer backs up
   */
  readonly resources?: readonly BackupResourceKind[];
  /**
   * Copy this rule's recovery points to the `secondaryRegion` vault.
   * @default - `copyToSecondaryRegion` of the backup
   */
  readonly copyToSecondaryRegion?: boolean;
}

/** Kinds of data-layer resources a backup rule selects. */
export type BackupResourceKind = 'databases' | 'tables' | 'buckets';

export const BACKUP_RESOURCE_KINDS: readonly BackupResourceKind[] = ['databases', 'tables', 'buckets'];

/** AWS Backup of the data layer's tables and buckets. */
export interface BackupConfig {
  /** Rules keyed by name. */
  readonly rules: Readonly<Record<string, BackupRuleConfig>>;
  /**
   * Copy every recovery point to a vault in the environment's `secondaryRegion`, kept as long.
   * @default false
   */
  readonly copyToSecondaryRegion?: boolean;
  /**
   * Vault lock (WORM): recovery points cannot be deleted early, even by an administrator. Compliance
   * mode after `changeableForDays` (3 or more), governance mode without it.
   * @default - no lock
   */
  readonly vaultLock?: { readonly minRetentionDays: number; readonly maxRetentionDays: number; readonly changeableForDays?: number };
}

const CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;

export function validateBackup(backup: BackupConfig, hasSecondaryRegion: boolean, fail: Fail): void {
  const rules = Object.entries(backup.rules ?? {});
  if (rules.length === 0) fail('data.backup.rules', backup.rules, 'is empty', 'give at least one rule, for example daily: { schedule: "cron(0 5 ? * * *)", deleteAfterDays: 30 }');
  for (const [name, rule] of rules) {
    const f = `data.backup.rules.${name}`;
    if (!/^[a-z][a-z0-9-]{0,49}$/.test(name)) fail('data.backup.rules', name, 'is not a rule name', 'use lower-case letters, digits and dashes');
    if (!CRON.test(rule.schedule ?? '')) fail(`${f}.schedule`, rule.schedule, 'is not a six-field AWS cron() expression', 'use for example cron(0 5 ? * * *) for daily at 05:00 UTC');
    // The backup construct's own check (EventBridge syntax, at most hourly), so it never throws later.
    const problem = cronProblem(rule.schedule);
    if (problem) fail(`${f}.schedule`, rule.schedule, problem, 'use for example cron(0 5 ? * * *) for daily at 05:00 UTC');
    if (!(Number.isInteger(rule.deleteAfterDays) && rule.deleteAfterDays >= 1)) fail(`${f}.deleteAfterDays`, rule.deleteAfterDays, 'is not a whole number of days', 'use for example 30');
    const cold = rule.moveToColdStorageAfterDays;
    if (cold !== undefined && !(Number.isInteger(cold) && cold >= 1 && rule.deleteAfterDays >= cold + 90)) {
      fail(`${f}.moveToColdStorageAfterDays`, cold, `leaves less than the 90 days cold storage requires before deleteAfterDays (${rule.deleteAfterDays})`, `move to cold storage at most ${rule.deleteAfterDays - 90} days in, or keep longer`);
    }
    const kinds = rule.resources;
    if (kinds !== undefined) {
      if (!Array.isArray(kinds) || kinds.length === 0) fail(`${f}.resources`, kinds, 'is empty', `list what the rule backs up: ${BACKUP_RESOURCE_KINDS.join(', ')}`);
      kinds.forEach((kind, i) => {
        if (!BACKUP_RESOURCE_KINDS.includes(kind)) fail(`${f}.resources[${i}]`, kind, 'is not a kind of resource the data layer backs up', `use ${BACKUP_RESOURCE_KINDS.join(', ')}`);
      });
      if (new Set(kinds).size !== kinds.length) fail(`${f}.resources`, kinds, 'repeats a kind', 'list each kind once');
    }
    if (rule.copyToSecondaryRegion && !hasSecondaryRegion) fail(`${f}.copyToSecondaryRegion`, true, 'needs secondaryRegion', 'set secondaryRegion, or turn the copy off');
    const lock = backup.vaultLock;
    if (lock && (rule.deleteAfterDays < lock.minRetentionDays || rule.deleteAfterDays > lock.maxRetentionDays)) {
      fail(`${f}.deleteAfterDays`, rule.deleteAfterDays, `is outside the vault lock's ${lock.minRetentionDays}-${lock.maxRetentionDays} days`, 'keep every rule inside the lock range, or widen the lock');
    }
  }
  if (backup.copyToSecondaryRegion && !hasSecondaryRegion) fail('data.backup.copyToSecondaryRegion', true, 'needs secondaryRegion', 'set secondaryRegion, or turn the copy off');
  const lock = backup.vaultLock;
  if (lock) {
    if (!(Number.isInteger(lock.minRetentionDays) && lock.minRetentionDays >= 1 && lock.maxRetentionDays >= lock.minRetentionDays)) {
      fail('data.backup.vaultLock', lock, 'needs 1 <= minRetentionDays <= maxRetentionDays', 'use for example { minRetentionDays: 7, maxRetentionDays: 2557 }');
    }
    if (lock.changeableForDays !== undefined && !(Number.isInteger(lock.changeableForDays) && lock.changeableForDays >= 3)) {
      fail('data.backup.vaultLock.changeableForDays', lock.changeableForDays, 'is below the 3 days AWS requires', 'use 3 or more (compliance mode), or leave it out (governance mode)');
    }
  }
}
