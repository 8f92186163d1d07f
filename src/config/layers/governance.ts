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
   * Absolute total impact (USD) from which a cost anomaly is reported.
   * @default 20
   */
  readonly anomalyThresholdUsd?: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

export function validateGovernanceConfig(governance: GovernanceConfig, fail: Fail): void {
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
}
