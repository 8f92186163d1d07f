import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

export interface AgentFailureAlarmProps {
  /** Alarm name, for example `<system>-prod-agent-execution-failures`. */
  readonly alarmName: string;
  /** Topic notified when the alarm fires and clears. */
  readonly topicArn: string;
  /** CloudWatch namespace the application publishes its custom metrics in, for example `MyApp`. */
  readonly namespace: string;
  /**
   * Failures within `windowMinutes` that raise the alarm.
   * @default 5
   */
  readonly threshold?: number;
  /**
   * @default 10
   */
  readonly windowMinutes?: number;
}

/**
 * The seed's AgentExecutionFailures alarm: the custom metric `Agents/Failures` (published by the
 * agent) summed over a window. No data means no failures: the agent only reports when it runs.
 */
export class AgentFailureAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: AgentFailureAlarmProps) {
    super(scope, id);
    const { namespace } = props;
    const threshold = props.threshold ?? 5;
    const windowMinutes = props.windowMinutes ?? 10;
    if (!(Number.isInteger(threshold) && threshold > 0)) throw new Error(`AgentFailureAlarm ${props.alarmName}: threshold ${threshold} must be a positive whole number`);
    if (!(Number.isInteger(windowMinutes) && windowMinutes >= 1 && windowMinutes <= 1440)) {
      throw new Error(`AgentFailureAlarm ${props.alarmName}: windowMinutes ${windowMinutes} must be 1-1440`);
    }
    this.alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: props.alarmName,
      alarmDescription: `AgentExecutionFailures: ${threshold} or more agent failures (${namespace}/Agents/Failures) in ${windowMinutes} minutes`,
      namespace,
      metricName: 'Agents/Failures',
      statistic: 'Sum',
      period: windowMinutes * 60,
      evaluationPeriods: 1,
      threshold,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
