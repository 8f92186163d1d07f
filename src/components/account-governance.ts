import { AlertLevel, AlertTopics } from '../constructs/governance/alerting';
import { AuditTrail } from '../constructs/governance/audit-trail';
import { CostGuardrails } from '../constructs/governance/cost-guardrails';
import { LayerStack } from '../core/layer-stack';
import { centralLogPrefix, publishCentralLoggingPolicies } from './central-logging';
import { sampleArn } from '../core/samples';

export interface AccountGovernanceOptions {
  /** The environment's CloudWatch Logs key (CloudTrail's log group). */
  readonly logsKmsKeyArn: string;
  /**
   * A third alert level, `info` (published as `info_alerts_topic_arn`).
   * @default false
   */
  readonly infoTopic?: boolean;
  /**
   * Alert topics of these levels in the secondary region as well (construct ID `dr-alerts`, published
   * as `dr_<level>_alerts_topic_arn`), for the alarms and event rules of a standby that runs there:
   * an alarm or an EventBridge rule can only notify a topic in its own region.
   * @default - none
   */
  readonly drAlerts?: readonly AlertLevel[];
}

/**
 * The environment's alerting and its share of the account baseline, built in the stack that calls
 * it (construct IDs `alerts`, `audit-trail`, `cost-guardrails`): the critical/warning alert topics
 * (published as `critical_alerts_topic_arn`, `warning_alerts_topic_arn`), and, only where this
 * environment owns them in its account, the CloudTrail trail and the budget with cost anomaly
 * detection (from `governance`). With `governance.centralLogging` the trail delivers to the logging
 * account's bucket, and the bucket policies that account attaches are published.
 */
export function addAccountGovernance(stack: LayerStack, options: AccountGovernanceOptions): AlertTopics {
  const { config, prefix, baseline } = stack;
  const governance = config.governance;
  const alerts = new AlertTopics(stack, 'alerts', {
    namePrefix: prefix,
    accountId: config.accountId,
    region: config.region,
    subscriptionEmail: governance?.alertEmail,
    includeInfo: options.infoTopic,
  });
  // Account singletons: only the environment that owns them in this account creates them.
  const central = governance?.centralLogging;
  const replicateTrail = !central && (governance?.replicateAuditTrail ?? (config.env === 'prod' && config.secondaryRegion !== undefined));
  if (baseline.owns('cloudtrail')) {
    new AuditTrail(stack, 'audit-trail', {
      namePrefix: prefix,
      accountId: config.accountId,
      region: config.region,
      logsKmsKeyArn: options.logsKmsKeyArn,
      retentionDays: governance?.auditLogRetentionDays ?? 365,
      forceDestroy: !config.protectStatefulResources,
      centralBucket: central ? { bucketName: central.bucketName, keyPrefix: `${centralLogPrefix(config)}/cloudtrail`, kmsKeyArn: central.cloudTrailKmsKeyArn } : undefined,
      // Audit evidence is unrecoverable: prod copies the local trail bucket into the DR region.
      replica: replicateTrail ? { provider: stack.secondaryProvider, region: config.secondaryRegion! } : undefined,
    });
  }
  publishCentralLoggingPolicies(stack);
  if (governance && baseline.owns('cost-guardrails')) {
    new CostGuardrails(stack, 'cost-guardrails', {
      namePrefix: prefix,
      accountId: config.accountId,
      monthlyBudgetUsd: governance.monthlyBudgetUsd ?? 500,
      thresholdsPercent: governance.budgetThresholdsPercent ?? [50, 80, 100],
      alertEmail: governance.alertEmail,
      warningTopicArn: alerts.warning.arn,
      criticalTopicArn: alerts.critical.arn,
      anomalyThresholdUsd: governance.anomalyThresholdUsd,
    });
  }
  const topicSample = (severity: string) => sampleArn({ service: 'sns', region: config.region, account: config.accountId, resource: `${prefix}-${severity}` });
  stack.publish('critical_alerts_topic_arn', alerts.critical.arn, { description: 'SNS topic (KMS-encrypted) for critical alarms; CloudWatch alarms of this account may publish', sample: topicSample('critical') });
  stack.publish('warning_alerts_topic_arn', alerts.warning.arn, { description: 'SNS topic (KMS-encrypted) for warning alarms; CloudWatch alarms of this account may publish', sample: topicSample('warning') });
  if (alerts.info) {
    stack.publish('info_alerts_topic_arn', alerts.info.arn, { description: 'SNS topic (KMS-encrypted) for informational alerts (reports, low-urgency anomalies)', sample: topicSample('info') });
  }
  if (options.drAlerts && options.drAlerts.length > 0) addDrAlerts(stack, options.drAlerts);
  return alerts;
}

/** The secondary region's alert topics of `levels`, with the same subscription as the primary's. */
function addDrAlerts(stack: LayerStack, levels: readonly AlertLevel[]): void {
  const { config, prefix } = stack;
  const region = config.secondaryRegion;
  if (!region) throw new Error(`${stack.node.id}: drAlerts needs secondaryRegion in the ${prefix} config (the region of the standby whose alarms notify them)`);
  const namePrefix = `${prefix}-dr`;
  const alerts = new AlertTopics(stack, 'dr-alerts', {
    namePrefix,
    accountId: config.accountId,
    region,
    subscriptionEmail: config.governance?.alertEmail,
    levels,
    provider: stack.secondaryProvider,
  });
  const purpose: Record<AlertLevel, string> = { critical: 'critical alarms', warning: 'warning alarms', info: 'informational alerts' };
  for (const level of levels) {
    stack.publish(`dr_${level}_alerts_topic_arn`, alerts.topicOf(level).arn, {
      description: `SNS topic (KMS-encrypted) in ${region} for ${purpose[level]} of the standby there`,
      sample: sampleArn({ service: 'sns', region, account: config.accountId, resource: `${namePrefix}-${level}` }),
    });
  }
}
