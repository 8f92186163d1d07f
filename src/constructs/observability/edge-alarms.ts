import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

export interface EdgeAlarmsProps {
  /** Prefix of alarm names (`<system>-<env>`). */
  readonly namePrefix: string;
  readonly region: string;
  readonly webAclName: string;
  /** Rule metric names that warn on any block (for example the geo and rate rules). */
  readonly watchedRules: readonly string[];
  readonly warningTopicArn: string;
  readonly criticalTopicArn: string;
  /**
   * Blocked requests per minute (all rules) that warn (seed: "> 100/minute").
   * @default 100
   */
  readonly blockedPerMinuteThreshold?: number;
  /**
   * Route 53 health check to alarm on (metrics exist in us-east-1 only; skipped elsewhere).
   * @default - no health check alarm
   */
  readonly healthCheckId?: string;
}

/**
 * Edge alarms: a high WAF block rate (warning), any block by the watched rules such as geo blocking
 * and rate limiting (warning), and the Route 53 health check failing (critical).
 */
export class EdgeAlarms extends Construct {
  readonly blockedRequests: CloudwatchMetricAlarm;
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: EdgeAlarmsProps) {
    super(scope, id);
    const threshold = props.blockedPerMinuteThreshold ?? 100;
    if (!(threshold > 0)) throw new Error(`EdgeAlarms: blockedPerMinuteThreshold ${threshold} must be positive`);
    const waf = (alarmId: string, rule: string, name: string, description: string, limit: number, period: number) =>
      new CloudwatchMetricAlarm(this, alarmId, {
        alarmName: `${props.namePrefix}-${name}`,
        alarmDescription: description,
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensions: { WebACL: props.webAclName, Region: props.region, Rule: rule },
        statistic: 'Sum',
        period,
        evaluationPeriods: 1,
        threshold: limit,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [props.warningTopicArn],
        okActions: [props.warningTopicArn],
      });
    this.blockedRequests = waf('waf-blocked', 'ALL', 'waf-high-blocked-requests', `WAF ${props.webAclName} blocked more than ${threshold} requests in a minute`, threshold, 60);
    this.alarms.push(this.blockedRequests);
    props.watchedRules.forEach((rule) => {
      this.alarms.push(waf(`waf-${rule}`, rule, `waf-${rule}-triggered`, `WAF rule ${rule} blocked requests in the last 5 minutes`, 0, 300));
    });
    if (props.healthCheckId && props.region === 'us-east-1') {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, 'health-check', {
          alarmName: `${props.namePrefix}-app-health-check-failing`,
          alarmDescription: 'Route 53 health check of the application is failing',
          namespace: 'AWS/Route53',
          metricName: 'HealthCheckStatus',
          dimensions: { HealthCheckId: props.healthCheckId },
          statistic: 'Minimum',
          period: 60,
          evaluationPeriods: 3,
          threshold: 1,
          comparisonOperator: 'LessThanThreshold',
          treatMissingData: 'breaching',
          alarmActions: [props.criticalTopicArn],
          okActions: [props.criticalTopicArn],
        }),
      );
    }
  }
}
