import { BackupPlan as BackupPlanResource, BackupPlanRule as BackupPlanRuleConfig } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { BackupVaultLockConfiguration } from '@cdktf/provider-aws/lib/backup-vault-lock-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { scheduleProblem } from '../../config/aws-limits';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { serviceTrustPolicy } from '../../core/iam/policy-document';

export interface BackupRuleCopy {
  /**
   * Vault the recovery points are copied to (another region or account).
   * @default - the copy vault this construct builds through `copyRegionProvider`
   */
  readonly vaultArn?: string;
  /** Days the copy is kept (required: a copy without retention is kept forever). */
  readonly deleteAfterDays: number;
  /**
   * Days after which the copy moves to cold storage (it must then stay 90 days).
   * @default - no cold storage
   */
  readonly moveToColdStorageAfterDays?: number;
}

export interface BackupRule {
  /** AWS cron expression (6 fields, UTC), for example `cron(0 5 * * ? *)` (daily at 05:00). */
  readonly schedule: string;
  /** Days a recovery point is kept. */
  readonly deleteAfterDays: number;
  /**
   * Days after which a recovery point moves to cold storage, for resources that support it (it must
   * then stay 90 days: `deleteAfterDays >= moveToColdStorageAfterDays + 90`).
   * @default - no cold storage
   */
  readonly moveToColdStorageAfterDays?: number;
  /**
   * Copy every recovery point of the rule to another vault (cross-region DR).
   * @default - no copy
   */
  readonly copy?: BackupRuleCopy;
  /**
   * Continuous backup (point-in-time restore) for the resources that support it (RDS, Aurora, S3;
   * others get snapshots). Continuous backup keeps at most 35 days and has no cold storage.
   * @default - on when the rule keeps 35 days or less without cold storage, off otherwise
   */
  readonly continuousBackup?: boolean;
  /**
   * Minutes after the scheduled time within which a backup must start (60 or more).
   * @default 60
   */
  readonly startWindowMinutes?: number;
  /**
   * Minutes after the scheduled time within which a backup must complete.
   * @default 10080 (7 days, the AWS default)
   */
  readonly completionWindowMinutes?: number;
}

export interface VaultLock {
  /** Shortest retention a recovery point in the vault may have (1 or more). */
  readonly minRetentionDays: number;
  /** Longest retention a recovery point in the vault may have (at most 36500). */
  readonly maxRetentionDays: number;
  /**
   * Days before the lock becomes immutable (compliance mode, 3 or more). After that nobody, root
   * included, can change or delete the lock or shorten a recovery point's retention.
   * @default - governance mode (users with the IAM permission may remove the lock)
   */
  readonly changeableForDays?: number;
}

export interface BackupPlanProps extends ProviderScopedProps {
  /** Name of the vault, the plan and the selection (2-50 letters, digits, `-`, `_`), for example `<system>-<env>-backup`. */
  readonly name: string;
  /** Customer-managed KMS key that encrypts the vault's recovery points. */
  readonly kmsKeyArn: string;
  /** Account of the environment (`aws:SourceAccount` of the backup role's trust policy). */
  readonly accountId: string;
  /** Name of the IAM role AWS Backup uses (at most 64 characters). */
  readonly roleName: string;
  /** Backup rules keyed by rule name (1-50 letters, digits, `-`, `_`, `.`). */
  readonly rules: Readonly<Record<string, BackupRule>>;
  /**
   * ARNs of the resources to back up other than S3 buckets (DynamoDB tables, Aurora clusters, EFS, ...).
   * @default []
   */
  readonly resourceArns?: readonly string[];
  /**
   * ARNs of the S3 buckets to back up (versioned); the role then gets the S3 backup and restore policies.
   * @default []
   */
  readonly s3BucketArns?: readonly string[];
  /**
   * Vault lock (WORM) on the vault and the copy vault. Only when asked, typically in prod: a
   * compliance-mode lock cannot be undone once `changeableForDays` have passed.
   * @default - no lock
   */
  readonly vaultLock?: VaultLock;
  /**
   * Let `terraform destroy` delete the vaults with their recovery points. Only for unprotected environments.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Provider of the region where this construct builds the copy vault, for example
   * `stack.secondaryProvider` (us-west-2). Rules whose `copy` names no `vaultArn` copy there.
   * @default - no copy vault
   */
  readonly copyRegionProvider?: TerraformProvider;
  /**
   * Customer-managed KMS key in the copy region that encrypts the copy vault; required with `copyRegionProvider`.
   * @default - none (no copy vault)
   */
  readonly copyVaultKmsKeyArn?: string;
  /**
   * Name of the copy vault.
   * @default `${name}-copy`
   */
  readonly copyVaultName?: string;
}

const VAULT_NAME = /^[a-zA-Z0-9_-]{2,50}$/;
const RULE_NAME = /^[a-zA-Z0-9_.-]{1,50}$/;
const COLD_STORAGE_MINIMUM_DAYS = 90;
const CONTINUOUS_MAXIMUM_DAYS = 35;
const MAXIMUM_RETENTION_DAYS = 36500;
const MINIMUM_CHANGEABLE_DAYS = 3;
const MANAGED_POLICY = 'arn:aws:iam::aws:policy';
const ROLE_POLICIES: readonly [string, string][] = [
  ['backup-policy', `${MANAGED_POLICY}/service-role/AWSBackupServiceRolePolicyForBackup`],
  ['restore-policy', `${MANAGED_POLICY}/service-role/AWSBackupServiceRolePolicyForRestores`],
];
const S3_ROLE_POLICIES: readonly [string, string][] = [
  ['s3-backup-policy', `${MANAGED_POLICY}/AWSBackupServiceRolePolicyForS3Backup`],
  ['s3-restore-policy', `${MANAGED_POLICY}/AWSBackupServiceRolePolicyForS3Restore`],
];

/**
 * AWS Backup for a set of resources: a KMS-encrypted vault (optionally locked), a plan whose rules
 * (keyed by name) schedule backups with a lifecycle, continuous backup where supported and copies to
 * another vault, and a selection of resources by ARN with the role AWS Backup assumes (the AWS
 * managed backup/restore policies, plus the S3 ones when buckets are selected). With
 * `copyRegionProvider` it also builds the destination vault in the other region, so copies have a
 * real target.
 */
export class BackupPlan extends Construct {
  readonly vault: BackupVault;
  /** The vault in the copy region, when `copyRegionProvider` is given. */
  readonly copyVault?: BackupVault;
  readonly plan: BackupPlanResource;
  readonly role: IamRole;
  readonly selection: BackupSelection;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    const label = `BackupPlan ${props.name}`;
    const rules = Object.entries(props.rules);
    const resourceArns = props.resourceArns ?? [];
    const s3BucketArns = props.s3BucketArns ?? [];
    const forceDestroy = props.forceDestroy ?? false;
    const copyVaultName = props.copyVaultName ?? `${props.name}-copy`;
    const lock = props.vaultLock;
    const buildsCopyVault = props.copyRegionProvider !== undefined;

    for (const [field, name] of [['name', props.name], ['copyVaultName', copyVaultName]] as const) {
      if (!Token.isUnresolved(name) && !VAULT_NAME.test(name)) throw new Error(`${label}: ${field} "${name}" is not 2-50 letters, digits, "-" or "_"; rename it`);
    }
    if (props.roleName.length > 64) throw new Error(`${label}: role name "${props.roleName}" is longer than 64 characters; shorten it`);
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`${label}: accountId "${props.accountId}" is not a 12-digit account ID`);
    if (buildsCopyVault !== (props.copyVaultKmsKeyArn !== undefined)) {
      throw new Error(`${label}: copyRegionProvider and copyVaultKmsKeyArn go together (the copy vault needs a key in its own region); give both or neither`);
    }
    if (buildsCopyVault && props.copyRegionProvider === props.provider) {
      throw new Error(`${label}: copyRegionProvider is the vault's own provider; a copy in the same region is no DR copy, give the other region's provider`);
    }

    if (rules.length === 0) throw new Error(`${label}: no rules; give at least one, for example daily: { schedule: 'cron(0 5 * * ? *)', deleteAfterDays: 35 }`);
    const continuous = new Map<string, boolean>();
    for (const [name, rule] of rules) {
      const where = `${label}: rule ${name}`;
      if (!RULE_NAME.test(name)) throw new Error(`${label}: rule name "${name}" is not 1-50 letters, digits, "-", "_" or "."; rename it`);
      const cron = cronProblem(rule.schedule);
      if (cron) throw new Error(`${where}: schedule "${rule.schedule}" ${cron}`);
      checkLifecycle(where, '', rule.deleteAfterDays, rule.moveToColdStorageAfterDays);
      const supportsContinuous = rule.deleteAfterDays <= CONTINUOUS_MAXIMUM_DAYS && rule.moveToColdStorageAfterDays === undefined;
      if (rule.continuousBackup === true && !supportsContinuous) {
        throw new Error(
          `${where}: continuousBackup with ${rule.deleteAfterDays} days${rule.moveToColdStorageAfterDays !== undefined ? ' and cold storage' : ''}; continuous backup keeps at most ${CONTINUOUS_MAXIMUM_DAYS} days without cold storage, set continuousBackup: false or shorten the rule`,
        );
      }
      continuous.set(name, rule.continuousBackup ?? supportsContinuous);
      const start = rule.startWindowMinutes ?? 60;
      const completion = rule.completionWindowMinutes ?? 10080;
      if (!Number.isInteger(start) || start < 60) throw new Error(`${where}: startWindowMinutes ${start} is below 60 (the AWS minimum); use 60 or more`);
      if (!Number.isInteger(completion) || completion < start + 60) {
        throw new Error(`${where}: completionWindowMinutes ${completion} leaves less than an hour after the start window (${start}); use at least ${start + 60}`);
      }
      if (rule.copy) {
        if (rule.copy.deleteAfterDays === undefined) {
          throw new Error(`${where}: copy has no deleteAfterDays; set the copy's retention (usually the rule's ${rule.deleteAfterDays} days)`);
        }
        checkLifecycle(where, 'copy.', rule.copy.deleteAfterDays, rule.copy.moveToColdStorageAfterDays);
        if (rule.copy.vaultArn === undefined && !buildsCopyVault) {
          throw new Error(`${where}: copy names no vaultArn and there is no copy vault; give copy.vaultArn, or copyRegionProvider and copyVaultKmsKeyArn`);
        }
      }
    }

    if (resourceArns.length === 0 && s3BucketArns.length === 0) throw new Error(`${label}: nothing to back up; give resourceArns and/or s3BucketArns`);
    for (const arn of resourceArns) {
      if (!Token.isUnresolved(arn) && arn.startsWith('arn:aws:s3:::')) {
        throw new Error(`${label}: resourceArns has the S3 bucket ${arn}; put buckets in s3BucketArns so the role gets the S3 backup policies`);
      }
    }
    for (const arn of s3BucketArns) {
      if (!Token.isUnresolved(arn) && !/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(arn)) {
        throw new Error(`${label}: s3BucketArns has "${arn}", which is not a bucket ARN (arn:aws:s3:::<bucket>)`);
      }
    }

    if (lock) {
      const { minRetentionDays: min, maxRetentionDays: max, changeableForDays } = lock;
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > MAXIMUM_RETENTION_DAYS || min > max) {
        throw new Error(`${label}: vaultLock retention ${min}-${max} days is not a range within 1-${MAXIMUM_RETENTION_DAYS}; give whole days with min <= max`);
      }
      if (changeableForDays !== undefined && (!Number.isInteger(changeableForDays) || changeableForDays < MINIMUM_CHANGEABLE_DAYS)) {
        throw new Error(`${label}: vaultLock changeableForDays ${changeableForDays} is below ${MINIMUM_CHANGEABLE_DAYS} (the AWS minimum cooling-off); use ${MINIMUM_CHANGEABLE_DAYS} or more`);
      }
      if (forceDestroy) throw new Error(`${label}: forceDestroy with a vault lock; a lock keeps recovery points from deletion, drop one of them`);
      const locked: [string, number][] = rules.flatMap(([name, rule]): [string, number][] => [
        [`rule ${name} deleteAfterDays`, rule.deleteAfterDays],
        ...(rule.copy && rule.copy.vaultArn === undefined ? [[`rule ${name} copy.deleteAfterDays`, rule.copy.deleteAfterDays] as [string, number]] : []),
      ]);
      for (const [what, days] of locked) {
        if (days < min || days > max) {
          throw new Error(`${label}: ${what} ${days} is outside the vault lock's ${min}-${max} days, so its backups would fail; widen the lock or change the retention`);
        }
      }
    }

    this.vault = new BackupVault(this, 'vault', { name: props.name, kmsKeyArn: props.kmsKeyArn, forceDestroy });
    if (lock) new BackupVaultLockConfiguration(this, 'vault-lock', { backupVaultName: this.vault.name, ...lockConfig(lock) });

    const copyRegion = new Construct(this, 'copy-region');
    if (buildsCopyVault) {
      this.copyVault = new BackupVault(copyRegion, 'vault', { name: copyVaultName, kmsKeyArn: props.copyVaultKmsKeyArn, forceDestroy });
      if (lock) new BackupVaultLockConfiguration(copyRegion, 'vault-lock', { backupVaultName: this.copyVault.name, ...lockConfig(lock) });
    }
    const copyVaultArn = this.copyVault?.arn;

    this.plan = new BackupPlanResource(this, 'plan', {
      name: props.name,
      rule: rules.map(([name, rule]): BackupPlanRuleConfig => ({
        ruleName: name,
        targetVaultName: this.vault.name,
        schedule: rule.schedule,
        startWindow: rule.startWindowMinutes ?? 60,
        completionWindow: rule.completionWindowMinutes ?? 10080,
        enableContinuousBackup: continuous.get(name),
        lifecycle: lifecycleOf(rule.deleteAfterDays, rule.moveToColdStorageAfterDays),
        copyAction: rule.copy
          ? [{ destinationVaultArn: rule.copy.vaultArn ?? copyVaultArn!, lifecycle: lifecycleOf(rule.copy.deleteAfterDays, rule.copy.moveToColdStorageAfterDays) }]
          : undefined,
      })),
    });

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `AWS Backup for ${props.name}`,
      assumeRolePolicy: serviceTrustPolicy('backup.amazonaws.com', props.accountId, 'BackupAssumesRoleForThisAccount'),
    });
    const attachments = [...ROLE_POLICIES, ...(s3BucketArns.length > 0 ? S3_ROLE_POLICIES : [])].map(
      ([attachmentId, policyArn]) => new IamRolePolicyAttachment(this, attachmentId, { role: this.role.name, policyArn }),
    );
    this.selection = new BackupSelection(this, 'selection', {
      name: props.name,
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      resources: [...resourceArns, ...s3BucketArns],
      // The first job must find the role with its policies.
      dependsOn: attachments,
    });

    useProvider(this, props.provider);
    useProvider(copyRegion, props.copyRegionProvider);
  }

  get vaultArn(): string {
    return this.vault.arn;
  }

  get vaultName(): string {
    return this.vault.name;
  }

  /** ARN of the copy vault, when this construct builds one. */
  get copyVaultArn(): string | undefined {
    return this.copyVault?.arn;
  }

  get planArn(): string {
    return this.plan.arn;
  }
}

/** Why `schedule` is not an AWS cron expression AWS Backup accepts, or undefined. */
export function cronProblem(schedule: string): string | undefined {
  const match = /^cron\((.*)\)$/.exec(schedule.trim());
  if (!match) return 'is not a cron(...) expression; use AWS cron with 6 fields, for example cron(0 5 * * ? *)';
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) {
    return `has ${fields.length} fields; AWS cron has 6 (minutes hours day-of-month month day-of-week year), for example cron(0 5 * * ? *)`;
  }
  // Field ranges, names, steps and the `?` rule: the one EventBridge-syntax check config uses too.
  const general = scheduleProblem(schedule.trim(), false);
  if (general) return general;
  const minutes = fields[0];
  if (!/^\d{1,2}$/.test(minutes) || Number(minutes) > 59) return `runs more than once an hour (minutes "${minutes}"); AWS Backup runs at most hourly, give one minute 0-59`;
  return undefined;
}

function checkLifecycle(where: string, prefix: string, deleteAfterDays: number, coldAfterDays: number | undefined): void {
  if (!Number.isInteger(deleteAfterDays) || deleteAfterDays < 1 || deleteAfterDays > MAXIMUM_RETENTION_DAYS) {
    throw new Error(`${where}: ${prefix}deleteAfterDays ${deleteAfterDays} is not a whole number of days within 1-${MAXIMUM_RETENTION_DAYS}`);
  }
  if (coldAfterDays === undefined) return;
  if (!Number.isInteger(coldAfterDays) || coldAfterDays < 1) throw new Error(`${where}: ${prefix}moveToColdStorageAfterDays ${coldAfterDays} is not a whole number of days (1 or more)`);
  if (deleteAfterDays < coldAfterDays + COLD_STORAGE_MINIMUM_DAYS) {
    throw new Error(
      `${where}: ${prefix}deleteAfterDays ${deleteAfterDays} is less than ${COLD_STORAGE_MINIMUM_DAYS} days after ${prefix}moveToColdStorageAfterDays ${coldAfterDays}; cold storage keeps a recovery point at least ${COLD_STORAGE_MINIMUM_DAYS} days, keep it ${coldAfterDays + COLD_STORAGE_MINIMUM_DAYS} days or more or drop cold storage`,
    );
  }
}

function lifecycleOf(deleteAfterDays: number, coldAfterDays: number | undefined) {
  return coldAfterDays === undefined
    ? { deleteAfter: deleteAfterDays }
    : // S3 recovery points move to cold storage only with this opt-in; types that always support it are unaffected.
      { deleteAfter: deleteAfterDays, coldStorageAfter: coldAfterDays, optInToArchiveForSupportedResources: true };
}

function lockConfig(lock: VaultLock) {
  return { minRetentionDays: lock.minRetentionDays, maxRetentionDays: lock.maxRetentionDays, changeableForDays: lock.changeableForDays };
}
