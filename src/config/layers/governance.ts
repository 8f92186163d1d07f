import { Fail, LOG_RETENTION_DAYS } from './fail';

/**
 * Account/environment-level governance built in the network layer: alert topics, CloudTrail,
 * budgets and cost anomaly detection.
 */
export interface GovernanceConfig {
  /** Email address that receives budget notifications and is subscribed to the alert topics. */
  readonly alertEmail: string;
  /**
   * Monthly cost budget of the environment's account, in USD.
   * @default 500
   */
  readonly monthlyBudgetUsd?: number;
  /**
   * Percentages of the budget at which a notification is sent (actual spend).
   * @default [50, 80, 100]
   */
  readonly budgetThresholdsPercent?: readonly number[];
  /**
   * Retention of the CloudTrail CloudWatch log group and trail bucket objects, in days.
   * @default 365
   */
  readonly auditLogRetentionDays?: number;
  /**
   * Replicate the CloudTrail bucket (audit evidence) into the environment's `secondaryRegion` (not
   * with `centralLogging`: the logging account keeps the copies).
   * @default - true in prod with a secondaryRegion, false elsewhere
   */
  readonly replicateAuditTrail?: boolean;
  /**
   * Absolute total impact (USD) from which a cost anomaly is reported.
   * @default 20
   */
  readonly anomalyThresholdUsd?: number;
  /**
   * A central logging bucket in another account (the seeds' logging account) that the
   * environment's CloudTrail, VPC flow logs, load balancer access logs and WAF logs are delivered
   * to. The logging account owns the buckets and their policies; the network layer publishes the
   * statements they need as `central_logging_bucket_policy_json`.
   * @default - logs stay in this environment's account
   */
  readonly centralLogging?: CentralLoggingConfig;
}

export interface CentralLoggingConfig {
  /** The logging account: 12 digits, not the environment's own account. */
  readonly accountId: string;
  /**
   * Bucket in the logging account, in the environment's region (load balancers deliver only to
   * their own region), encrypted with SSE-S3 (load balancer access logs accept nothing else).
   * Objects land under `<system>/<env>/` (`cloudtrail/`, `vpc-flow-logs/`, `<load balancer>/`).
   */
  readonly bucketName: string;
  /**
   * The same for the secondary region's load balancers and flow logs.
   * @default - the secondary region's logs stay in this environment's account
   */
  readonly secondaryRegionBucketName?: string;
  /**
   * KMS key in the logging account that CloudTrail encrypts its log files with (its key policy
   * admits CloudTrail for this account's trail).
   * @default - the environment's own CloudTrail key
   */
  readonly cloudTrailKmsKeyArn?: string;
  /**
   * Bucket in the logging account for WAF logs (WAF delivers only to buckets named `aws-waf-logs-*`).
   * @default - WAF logs stay in the environment's `aws-waf-logs-*` log group
   */
  readonly wafBucketName?: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

export function validateGovernanceConfig(governance: GovernanceConfig, fail: Fail, accountId?: string): void {
  const f = 'governance';
  if (!governance.alertEmail || !EMAIL.test(governance.alertEmail)) {
    fail(`${f}.alertEmail`, governance.alertEmail, 'is not an email address', 'give the address of the on-call team, for example ops@example.com');
  }
  const budget = governance.monthlyBudgetUsd;
  if (budget !== undefined && !(Number.isFinite(budget) && budget > 0)) {
    fail(`${f}.monthlyBudgetUsd`, budget, 'is not a positive amount', 'give the monthly limit in USD, for example 500');
  }
  const thresholds = governance.budgetThresholdsPercent;
  if (thresholds !== undefined) {
    if (thresholds.length === 0 || thresholds.length > 4) fail(`${f}.budgetThresholdsPercent`, thresholds, 'must list 1 to 4 thresholds (a budget has 5 notifications; one is the forecast)', 'use for example [50, 80, 100]');
    thresholds.forEach((t, i) => {
      if (!(Number.isFinite(t) && t > 0 && t <= 1000)) fail(`${f}.budgetThresholdsPercent[${i}]`, t, 'is not a percentage from 1 to 1000', 'use for example 80');
    });
    if (new Set(thresholds).size !== thresholds.length) fail(`${f}.budgetThresholdsPercent`, thresholds, 'has duplicates', 'list each threshold once');
  }
  const retention = governance.auditLogRetentionDays;
  if (retention !== undefined && !LOG_RETENTION_DAYS.includes(retention)) {
    fail(`${f}.auditLogRetentionDays`, retention, 'is not a CloudWatch Logs retention value', `use one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  if (retention !== undefined && retention < 365) {
    fail(`${f}.auditLogRetentionDays`, retention, 'is shorter than a year', 'audit logs are kept at least 365 days');
  }
  const anomaly = governance.anomalyThresholdUsd;
  if (anomaly !== undefined && !(Number.isFinite(anomaly) && anomaly > 0)) {
    fail(`${f}.anomalyThresholdUsd`, anomaly, 'is not a positive amount', 'give an impact in USD, for example 20');
  }
  if (governance.centralLogging) validateCentralLogging(governance.centralLogging, fail, accountId);
}

function validateCentralLogging(central: CentralLoggingConfig, fail: Fail, accountId?: string): void {
  const f = 'governance.centralLogging';
  if (!/^\d{12}$/.test(central.accountId ?? '')) fail(`${f}.accountId`, central.accountId, 'is not a 12-digit account ID', 'give the logging account, for example 123456789012');
  else if (central.accountId === accountId) fail(`${f}.accountId`, central.accountId, "is the environment's own account", 'name the separate logging account, or drop centralLogging to keep logs in the account');
  const buckets: [string, string | undefined][] = [['bucketName', central.bucketName], ['secondaryRegionBucketName', central.secondaryRegionBucketName], ['wafBucketName', central.wafBucketName]];
  for (const [field, name] of buckets) {
    if (name === undefined && field !== 'bucketName') continue;
    if (!name || !BUCKET.test(name) || name.includes('..')) fail(`${f}.${field}`, name, 'is not an S3 bucket name', 'use 3-63 lower-case letters, digits, dots and dashes');
  }
  if (central.wafBucketName !== undefined && !central.wafBucketName.startsWith('aws-waf-logs-')) {
    fail(`${f}.wafBucketName`, central.wafBucketName, 'does not start with aws-waf-logs-, and WAF delivers only to such buckets', `rename it, for example aws-waf-logs-${central.bucketName}`);
  }
  const key = central.cloudTrailKmsKeyArn;
  if (key !== undefined) {
    const match = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-f-]{36}$/.exec(key);
    if (!match) fail(`${f}.cloudTrailKmsKeyArn`, key, 'is not a KMS key ARN', 'give arn:aws:kms:<region>:<logging account>:key/<key id> (an alias ARN will not do for CloudTrail)');
    else if (match[2] !== central.accountId) fail(`${f}.cloudTrailKmsKeyArn`, key, `is in account ${match[2]}, not the logging account ${central.accountId}`, 'use the logging account\'s key');
  }
}
