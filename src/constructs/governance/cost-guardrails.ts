import { BudgetsBudget, BudgetsBudgetNotification } from '@cdktf/provider-aws/lib/budgets-budget';
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { Construct } from 'constructs';

export interface CostGuardrailsProps {
  /** Name prefix (`<system>-<env>`). */
  readonly namePrefix: string;
  readonly accountId: string;
  /** Monthly cost budget in USD. */
  readonly monthlyBudgetUsd: number;
  /** Percentages of the budget (actual spend) that notify; the highest goes to the critical topic. */
  readonly thresholdsPercent: readonly number[];
  /** Email that receives every budget notification. */
  readonly alertEmail: string;
  /** Topic for notifications below the highest threshold and for cost anomalies. */
  readonly warningTopicArn: string;
  /** Topic for the highest threshold (budget exhausted) and the forecast overrun. */
  readonly criticalTopicArn: string;
  /**
   * Absolute total impact in USD from which an anomaly is reported.
   * @default 20
   */
  readonly anomalyThresholdUsd?: number;
}

/**
 * A monthly cost budget that notifies email plus the warning/critical SNS topics at each threshold
 * (and when the forecast exceeds 100%), and a Cost Anomaly Detection monitor per AWS service whose
 * anomalies above a dollar impact go to the warning topic immediately.
 */
export class CostGuardrails extends Construct {
  readonly budget: BudgetsBudget;
  readonly monitor: CeAnomalyMonitor;
  readonly subscription: CeAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostGuardrailsProps) {
    super(scope, id);
    const anomalyThresholdUsd = props.anomalyThresholdUsd ?? 20;
    if (!(props.monthlyBudgetUsd > 0)) throw new Error(`CostGuardrails: monthlyBudgetUsd ${props.monthlyBudgetUsd} must be a positive USD amount`);
    if (props.thresholdsPercent.length === 0 || props.thresholdsPercent.length > 4) {
      throw new Error(`CostGuardrails: thresholdsPercent [${props.thresholdsPercent.join(', ')}] must have 1-4 entries (AWS allows 5 notifications per budget; one is the forecast)`);
    }
    if (!(anomalyThresholdUsd > 0)) throw new Error(`CostGuardrails: anomalyThresholdUsd ${anomalyThresholdUsd} must be positive`);

    const sorted = [...props.thresholdsPercent].sort((a, b) => a - b);
    const highest = sorted[sorted.length - 1];
    const notifications: BudgetsBudgetNotification[] = sorted.map((threshold) => ({
      comparisonOperator: 'GREATER_THAN',
      notificationType: 'ACTUAL',
      threshold,
      thresholdType: 'PERCENTAGE',
      subscriberEmailAddresses: [props.alertEmail],
      subscriberSnsTopicArns: [threshold >= highest ? props.criticalTopicArn : props.warningTopicArn],
    }));
    notifications.push({
      comparisonOperator: 'GREATER_THAN',
      notificationType: 'FORECASTED',
      threshold: 100,
      thresholdType: 'PERCENTAGE',
      subscriberEmailAddresses: [props.alertEmail],
      subscriberSnsTopicArns: [props.warningTopicArn],
    });

    this.budget = new BudgetsBudget(this, 'monthly', {
      name: `${props.namePrefix}-monthly-cost`,
      accountId: props.accountId,
      budgetType: 'COST',
      limitAmount: props.monthlyBudgetUsd.toFixed(2),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      notification: notifications,
    });

    this.monitor = new CeAnomalyMonitor(this, 'anomaly-monitor', {
      name: `${props.namePrefix}-services`,
      monitorType: 'DIMENSIONAL',
      monitorDimension: 'SERVICE',
    });
    this.subscription = new CeAnomalySubscription(this, 'anomaly-subscription', {
      name: `${props.namePrefix}-anomalies`,
      accountId: props.accountId,
      frequency: 'IMMEDIATE',
      monitorArnList: [this.monitor.arn],
      subscriber: [{ type: 'SNS', address: props.warningTopicArn }],
      thresholdExpression: {
        dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', matchOptions: ['GREATER_THAN_OR_EQUAL'], values: [String(anomalyThresholdUsd)] },
      },
    });
  }
}
