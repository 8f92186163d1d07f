import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { BackupPlan, BackupPlanProps, BackupRule, cronProblem } from '../../../src/constructs/backup/backup-plan';
import { AppTable } from '../../../src/constructs/database/dynamodb-table';
import { EncryptionKey } from '../../../src/constructs/security/kms-key';
import { ProtectStatefulResources } from '../../../src/core/protect-stateful';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, parsed, resourcesOf } from '../../helpers';
import { stackOf } from '../../policy/harness';

const ACCOUNT = '111122223333';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/vault';
const WEST_KEY = 'arn:aws:kms:us-west-2:111122223333:key/copy-vault';
const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/partners-prod-results';
const BUCKET = 'arn:aws:s3:::partners-prod-docs-111122223333';

/** The seed's rules: daily 30 days, weekly 365 days, monthly 7 years (2557 days), each copied to the DR region. */
const SEED_RULES: Record<string, BackupRule> = {
  daily: { schedule: 'cron(0 5 * * ? *)', deleteAfterDays: 30, copy: { deleteAfterDays: 30 } },
  weekly: { schedule: 'cron(0 5 ? * SUN *)', deleteAfterDays: 365, copy: { deleteAfterDays: 365 } },
  monthly: { schedule: 'cron(0 5 1 * ? *)', deleteAfterDays: 2557, moveToColdStorageAfterDays: 90, copy: { deleteAfterDays: 2557, moveToColdStorageAfterDays: 90 } },
};

function build(stack: TerraformStack, change: Partial<BackupPlanProps> = {}): BackupPlan {
  const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
  return new BackupPlan(stack, 'backup', {
    name: 'partners-prod-backup',
    kmsKeyArn: KEY,
    accountId: ACCOUNT,
    roleName: 'partners-prod-backup',
    rules: SEED_RULES,
    resourceArns: [TABLE],
    copyRegionProvider: west,
    copyVaultKmsKeyArn: WEST_KEY,
    ...change,
  });
}

function synth(change: Partial<BackupPlanProps> = {}): Json {
  const stack = stackOf('partners-prod-data');
  build(stack, change);
  return JSON.parse(Testing.synth(stack));
}

const ref = (json: Json, type: string, id: string, attribute: string) => `\${${type}.${resourcesOf(json, type).find(([name]) => name.startsWith(id))![0]}.${attribute}}`;
const rule = (json: Json, name: string): Json => onlyResource(json, 'aws_backup_plan').rule.find((r: Json) => r.rule_name === name);

describe('BackupPlan', () => {
  test('a vault encrypted with the KMS key, and a copy vault with its own key on the other region provider', () => {
    const json = synth();
    const [[, copy], [, vault]] = resourcesOf(json, 'aws_backup_vault');
    expect(vault).toEqual(expect.objectContaining({ name: 'partners-prod-backup', kms_key_arn: KEY, force_destroy: false }));
    expect(vault.provider).toBeUndefined();
    expect(copy).toEqual(expect.objectContaining({ name: 'partners-prod-backup-copy', kms_key_arn: WEST_KEY, provider: 'aws.us_west_2' }));
  });

  test('no vault lock unless asked; when asked, both vaults are locked with the same range', () => {
    expect(resourcesOf(synth(), 'aws_backup_vault_lock_configuration')).toEqual([]);
    const json = synth({ vaultLock: { minRetentionDays: 7, maxRetentionDays: 2557, changeableForDays: 3 } });
    const locks = resourcesOf(json, 'aws_backup_vault_lock_configuration').map(([, lock]) => lock);
    expect(locks).toEqual([
      { backup_vault_name: ref(json, 'aws_backup_vault', 'backup_copy-region_vault', 'name'), min_retention_days: 7, max_retention_days: 2557, changeable_for_days: 3, provider: 'aws.us_west_2' },
      { backup_vault_name: ref(json, 'aws_backup_vault', 'backup_vault', 'name'), min_retention_days: 7, max_retention_days: 2557, changeable_for_days: 3 },
    ]);
    // Governance mode: no changeable_for_days.
    const governance = resourcesOf(synth({ vaultLock: { minRetentionDays: 7, maxRetentionDays: 2557 } }), 'aws_backup_vault_lock_configuration');
    expect(governance.every(([, lock]) => lock.changeable_for_days === undefined)).toBe(true);
  });

  test("the seed's rules: schedules, lifecycles, continuous backup where supported, copies to the copy vault", () => {
    const json = synth();
    const plan = onlyResource(json, 'aws_backup_plan');
    expect(plan.name).toBe('partners-prod-backup');
    expect(plan.rule.map((r: Json) => r.rule_name)).toEqual(['daily', 'weekly', 'monthly']);
    const vaultName = ref(json, 'aws_backup_vault', 'backup_vault', 'name');
    const copyVaultArn = ref(json, 'aws_backup_vault', 'backup_copy-region_vault', 'arn');
    expect(rule(json, 'daily')).toEqual({
      rule_name: 'daily',
      target_vault_name: vaultName,
      schedule: 'cron(0 5 * * ? *)',
      start_window: 60,
      completion_window: 10080,
      enable_continuous_backup: true,
      lifecycle: { delete_after: 30 },
      copy_action: [{ destination_vault_arn: copyVaultArn, lifecycle: { delete_after: 30 } }],
    });
    expect(rule(json, 'weekly')).toMatchObject({
      schedule: 'cron(0 5 ? * SUN *)',
      enable_continuous_backup: false,
      lifecycle: { delete_after: 365 },
      copy_action: [{ destination_vault_arn: copyVaultArn, lifecycle: { delete_after: 365 } }],
    });
    const coldLifecycle = { delete_after: 2557, cold_storage_after: 90, opt_in_to_archive_for_supported_resources: true };
    expect(rule(json, 'monthly')).toMatchObject({
      schedule: 'cron(0 5 1 * ? *)',
      enable_continuous_backup: false,
      lifecycle: coldLifecycle,
      copy_action: [{ destination_vault_arn: copyVaultArn, lifecycle: coldLifecycle }],
    });
  });

  test('a copy to an explicit vault ARN, continuous backup turned off, custom windows; no copy vault without copyRegionProvider', () => {
    const other = 'arn:aws:backup:us-west-2:444455556666:backup-vault:central';
    const json = synth({
      copyRegionProvider: undefined,
      copyVaultKmsKeyArn: undefined,
      rules: { hourly: { schedule: 'cron(15 * * * ? *)', deleteAfterDays: 2, continuousBackup: false, startWindowMinutes: 60, completionWindowMinutes: 120, copy: { vaultArn: other, deleteAfterDays: 7 } } },
    });
    expect(resourcesOf(json, 'aws_backup_vault')).toHaveLength(1);
    expect(rule(json, 'hourly')).toMatchObject({ enable_continuous_backup: false, start_window: 60, completion_window: 120, copy_action: [{ destination_vault_arn: other, lifecycle: { delete_after: 7 } }] });
  });

  test('the selection: resources by ARN, the role trusting AWS Backup for this account, the backup and restore policies', () => {
    const json = synth();
    const selection = onlyResource(json, 'aws_backup_selection');
    expect(selection).toMatchObject({
      name: 'partners-prod-backup',
      plan_id: ref(json, 'aws_backup_plan', 'backup_plan', 'id'),
      iam_role_arn: ref(json, 'aws_iam_role', 'backup_role', 'arn'),
      resources: [TABLE],
    });
    const role = onlyResource(json, 'aws_iam_role');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      { Sid: 'BackupAssumesRoleForThisAccount', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]);
    const attachments = resourcesOf(json, 'aws_iam_role_policy_attachment').map(([, a]) => a);
    expect(attachments.every((a) => a.role === ref(json, 'aws_iam_role', 'backup_role', 'name'))).toBe(true);
    expect(attachments.map((a) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
    expect(selection.depends_on).toHaveLength(2);
  });

  test('selecting S3 buckets adds the S3 backup and restore policies', () => {
    const json = synth({ s3BucketArns: [BUCKET] });
    expect(onlyResource(json, 'aws_backup_selection').resources).toEqual([TABLE, BUCKET]);
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').map(([, a]) => a.policy_arn).sort()).toEqual([
      'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',
      'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    ]);
  });

  test('everything but the copy vault is on the given provider; both vaults get prevent_destroy in protected environments', () => {
    const stack = stackOf('partners-prod-data');
    const east2 = new AwsProvider(stack, 'aws-us-east-2', { region: 'us-east-2', alias: 'us_east_2' });
    build(stack, { provider: east2 });
    Aspects.of(stack).add(new ProtectStatefulResources());
    const json = JSON.parse(Testing.synth(stack));
    for (const type of ['aws_backup_plan', 'aws_backup_selection', 'aws_iam_role']) expect(onlyResource(json, type).provider).toBe('aws.us_east_2');
    const vaults = resourcesOf(json, 'aws_backup_vault').map(([, v]) => [v.provider, v.lifecycle]);
    expect(vaults).toEqual([
      ['aws.us_west_2', { prevent_destroy: true }],
      ['aws.us_east_2', { prevent_destroy: true }],
    ]);
  });

  describe('rejects', () => {
    const rejects = (change: Partial<BackupPlanProps>, message: string) => expect(() => synth(change)).toThrow(message);
    const withRule = (r: Partial<BackupRule>) => ({ rules: { daily: { ...SEED_RULES.daily, ...r } } });

    test('a 5-field cron and other schedules AWS Backup refuses', () => {
      rejects(withRule({ schedule: 'cron(0 5 * * *)' }), 'BackupPlan partners-prod-backup: rule daily: schedule "cron(0 5 * * *)" has 5 fields; AWS cron has 6 (minutes hours day-of-month month day-of-week year), for example cron(0 5 * * ? *)');
      rejects(withRule({ schedule: 'rate(1 day)' }), 'schedule "rate(1 day)" is not a cron(...) expression');
      rejects(withRule({ schedule: 'cron(0 5 * * * *)' }), 'needs "?" in exactly one of day-of-month (3rd field) and day-of-week (5th field)');
      rejects(withRule({ schedule: 'cron(0/15 * * * ? *)' }), 'runs more than once an hour (minutes "0/15")');
      expect(cronProblem('cron(30 2 ? * MON-FRI *)')).toBeUndefined();
    });

    test('cold storage too short, for the rule and for its copy', () => {
      rejects(
        withRule({ deleteAfterDays: 120, moveToColdStorageAfterDays: 60, copy: undefined }),
        'BackupPlan partners-prod-backup: rule daily: deleteAfterDays 120 is less than 90 days after moveToColdStorageAfterDays 60; cold storage keeps a recovery point at least 90 days, keep it 150 days or more or drop cold storage',
      );
      rejects(withRule({ copy: { deleteAfterDays: 100, moveToColdStorageAfterDays: 30 } }), 'rule daily: copy.deleteAfterDays 100 is less than 90 days after copy.moveToColdStorageAfterDays 30');
    });

    test('a copy without retention, and a copy with nowhere to go', () => {
      rejects(withRule({ copy: {} as BackupRule['copy'] }), 'rule daily: copy has no deleteAfterDays; set the copy\'s retention (usually the rule\'s 30 days)');
      rejects({ copyRegionProvider: undefined, copyVaultKmsKeyArn: undefined }, 'rule daily: copy names no vaultArn and there is no copy vault; give copy.vaultArn, or copyRegionProvider and copyVaultKmsKeyArn');
    });

    test('continuous backup beyond 35 days or with cold storage', () => {
      rejects(withRule({ deleteAfterDays: 60, continuousBackup: true }), 'rule daily: continuousBackup with 60 days; continuous backup keeps at most 35 days without cold storage');
    });

    test('bad names, windows and retention', () => {
      rejects({ rules: { 'daily backup': SEED_RULES.daily } }, 'rule name "daily backup" is not 1-50 letters');
      rejects({ name: 'partners/prod' }, 'BackupPlan partners/prod: name "partners/prod" is not 2-50 letters, digits, "-" or "_"');
      rejects({ rules: {} }, 'no rules; give at least one');
      rejects(withRule({ startWindowMinutes: 30 }), 'startWindowMinutes 30 is below 60');
      rejects(withRule({ completionWindowMinutes: 90 }), 'completionWindowMinutes 90 leaves less than an hour after the start window (60); use at least 120');
      rejects(withRule({ deleteAfterDays: 0 }), 'deleteAfterDays 0 is not a whole number of days within 1-36500');
    });

    test('a vault lock whose range a rule falls outside, an invalid lock, a lock with forceDestroy', () => {
      rejects({ vaultLock: { minRetentionDays: 31, maxRetentionDays: 2557 } }, "rule daily deleteAfterDays 30 is outside the vault lock's 31-2557 days, so its backups would fail; widen the lock or change the retention");
      rejects({ vaultLock: { minRetentionDays: 7, maxRetentionDays: 365 } }, "rule monthly deleteAfterDays 2557 is outside the vault lock's 7-365 days");
      rejects({ vaultLock: { minRetentionDays: 30, maxRetentionDays: 7 } }, 'vaultLock retention 30-7 days is not a range within 1-36500');
      rejects({ vaultLock: { minRetentionDays: 7, maxRetentionDays: 2557, changeableForDays: 1 } }, 'vaultLock changeableForDays 1 is below 3');
      rejects({ vaultLock: { minRetentionDays: 7, maxRetentionDays: 2557 }, forceDestroy: true }, 'forceDestroy with a vault lock');
    });

    test('nothing selected, a bucket among resourceArns, a copy provider without its key or the same as the vault provider', () => {
      rejects({ resourceArns: [] }, 'nothing to back up; give resourceArns and/or s3BucketArns');
      rejects({ resourceArns: [BUCKET] }, `resourceArns has the S3 bucket ${BUCKET}; put buckets in s3BucketArns so the role gets the S3 backup policies`);
      rejects({ s3BucketArns: [TABLE] }, `s3BucketArns has "${TABLE}", which is not a bucket ARN`);
      rejects({ copyVaultKmsKeyArn: undefined }, 'copyRegionProvider and copyVaultKmsKeyArn go together');
      const stack = stackOf('partners-prod-data');
      const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
      expect(() => new BackupPlan(stack, 'b', { name: 'x-backup', kmsKeyArn: KEY, accountId: ACCOUNT, roleName: 'x', rules: SEED_RULES, resourceArns: [TABLE], provider: west, copyRegionProvider: west, copyVaultKmsKeyArn: WEST_KEY })).toThrow(
        'copyRegionProvider is the vault\'s own provider',
      );
    });
  });

  test('policy pack: a locked prod plan backing up a table, with its keys, has no open finding', () => {
    const stack = stackOf('partners-prod-data');
    const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
    const key = new EncryptionKey(stack, 'key', { alias: 'partners-prod-backup', description: 'backup vault', accountId: ACCOUNT });
    const westKey = new EncryptionKey(stack, 'key-west', { alias: 'partners-prod-backup', description: 'backup copy vault', accountId: ACCOUNT, provider: west });
    const table = new AppTable(stack, 'results', { tableName: 'partners-prod-results', partitionKey: { name: 'id', type: 'S' }, kmsKeyArn: key.arn });
    new BackupPlan(stack, 'backup', {
      name: 'partners-prod-backup',
      kmsKeyArn: key.arn,
      accountId: ACCOUNT,
      roleName: 'partners-prod-backup',
      rules: SEED_RULES,
      resourceArns: [table.arn],
      s3BucketArns: [BUCKET],
      vaultLock: { minRetentionDays: 7, maxRetentionDays: 2557, changeableForDays: 3 },
      copyRegionProvider: west,
      copyVaultKmsKeyArn: westKey.arn,
    });
    const report = evaluate([{ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) }]);
    expect(report.stacks[0].findings).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
