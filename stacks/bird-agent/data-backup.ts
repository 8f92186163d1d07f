import { BackupRegionSettings } from '@cdktf/provider-aws/lib/backup-region-settings';
import { TerraformProvider } from 'cdktf';
import { BACKUP_RESOURCE_KINDS, BackupConfig, BackupResourceKind } from '../../src/config/layers/backup';
import { BackupPlan, BackupRule } from '../../src/constructs/backup/backup-plan';
import { sampleUuid } from '../../src/core/samples';
import { DataScope } from './data-scope';

/**
 * The seed's "Backup Strategy" in AWS Backup: rules are grouped by what they select (an AWS Backup
 * selection applies to every rule of its plan), so the Aurora rules (monthly kept a year, weekly
 * copied to the DR region) and the DynamoDB rule (weekly, copied) become one plan and vault each,
 * encrypted with the rds key; copies land in a vault in the DR region under its twin. The account's
 * region settings opt DynamoDB into advanced backup (cross-region copies) where this environment
 * owns them.
 */
export function addBackup(at: DataScope, backup: BackupConfig, arns: Readonly<Record<BackupResourceKind, readonly string[]>>): void {
  const { stack, keys, dr } = at;
  const { config, prefix } = stack;
  const copyRegion = backup.copyToSecondaryRegion && dr && keys.dr ? { ...dr, key: keys.dr.rds } : undefined;
  const settings = (id: string, provider?: TerraformProvider) =>
    new BackupRegionSettings(stack, id, {
      resourceTypeOptInPreference: { DynamoDB: true, S3: true, Aurora: true, RDS: true, EBS: true, EC2: true, EFS: true },
      resourceTypeManagementPreference: { DynamoDB: true, EFS: true },
      provider,
    });
  if (stack.baseline.owns('backup-region-settings')) settings('backup-region-settings');
  if (copyRegion && stack.baseline.owns('backup-region-settings', copyRegion.region)) settings('dr-backup-region-settings', copyRegion.provider);

  // One plan per selection, named by its kinds (`databases`, `tables`, ...), in configuration order.
  const groups = new Map<string, { kinds: readonly BackupResourceKind[]; rules: Record<string, BackupRule> }>();
  for (const [name, rule] of Object.entries(backup.rules)) {
    const kinds = BACKUP_RESOURCE_KINDS.filter((kind) => (rule.resources ?? BACKUP_RESOURCE_KINDS).includes(kind) && arns[kind].length > 0);
    if (kinds.length === 0) continue;
    const group = kinds.join('-');
    const copy = (rule.copyToSecondaryRegion ?? backup.copyToSecondaryRegion) && copyRegion;
    const entry = groups.get(group) ?? { kinds, rules: {} };
    entry.rules[name] = {
      schedule: rule.schedule,
      deleteAfterDays: rule.deleteAfterDays,
      moveToColdStorageAfterDays: rule.moveToColdStorageAfterDays,
      copy: copy ? { deleteAfterDays: rule.deleteAfterDays, moveToColdStorageAfterDays: rule.moveToColdStorageAfterDays } : undefined,
    };
    groups.set(group, entry);
  }
  for (const [group, { kinds, rules }] of groups) {
    const copies = Object.values(rules).some((rule) => rule.copy);
    const name = `${prefix}-${group}-backup`;
    const plan = new BackupPlan(stack, `backup-${group}`, {
      name,
      kmsKeyArn: keys.rds.arn,
      accountId: config.accountId,
      roleName: name,
      rules,
      resourceArns: kinds.filter((kind) => kind !== 'buckets').flatMap((kind) => arns[kind]),
      s3BucketArns: kinds.includes('buckets') ? [...arns.buckets] : [],
      vaultLock: backup.vaultLock,
      forceDestroy: !config.protectStatefulResources,
      copyRegionProvider: copies ? copyRegion!.provider : undefined,
      copyVaultKmsKeyArn: copies ? copyRegion!.key.arn : undefined,
    });
    const out = group.replace(/-/g, '_');
    stack.publish(`${out}_backup_vault_name`, plan.vault.name, { description: `AWS Backup vault of the ${kinds.join(' and ')}`, sample: name });
    stack.publish(`${out}_backup_plan_id`, plan.plan.id, { description: `AWS Backup plan of the ${kinds.join(' and ')} (rules ${Object.keys(rules).join(', ')})`, sample: sampleUuid(`${stack.node.id}:${group}-backup`) });
  }
}
