import { BackupConfig } from '../config/layers/backup';
import { BackupPlan } from '../constructs/backup/backup-plan';
import { LayerStack } from '../core/layer-stack';
import { sampleUuid } from '../core/samples';

/**
 * AWS Backup of a data layer's databases (BAK-01), construct ID `backup`: the configured rules,
 * a vault `<prefix>-backup` encrypted with `kmsKeyArn`, a selection of `resourceArns`; published as
 * `backup_vault_name` and `backup_plan_id`. Recovery points outlive the clusters and their
 * automated backups.
 */
export function addDatabaseBackup(stack: LayerStack, backup: BackupConfig, options: { readonly kmsKeyArn: string; readonly resourceArns: string[]; readonly subject: string }): BackupPlan {
  const name = `${stack.prefix}-backup`;
  const plan = new BackupPlan(stack, 'backup', {
    name,
    kmsKeyArn: options.kmsKeyArn,
    accountId: stack.config.accountId,
    roleName: name,
    rules: Object.fromEntries(Object.entries(backup.rules).map(([rule, r]) => [rule, { schedule: r.schedule, deleteAfterDays: r.deleteAfterDays, moveToColdStorageAfterDays: r.moveToColdStorageAfterDays }])),
    resourceArns: options.resourceArns,
    vaultLock: backup.vaultLock,
    forceDestroy: !stack.config.protectStatefulResources,
  });
  stack.publish('backup_vault_name', plan.vault.name, { description: `AWS Backup vault of ${options.subject}`, sample: name });
  stack.publish('backup_plan_id', plan.plan.id, { description: `AWS Backup plan of ${options.subject}`, sample: sampleUuid(`${stack.node.id}:backup`) });
  return plan;
}
