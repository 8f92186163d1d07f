import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { ApiMetricSource, apiMetrics, checkApiMetricSource } from './api-metric-source';
import { AlarmTargetProps, checkAlarmTarget, checkPositive, notifyingAlarm } from './notifying-alarm';

export interface ApiLatencyAlarmProps extends AlarmTargetProps {
  /** The requests measured: an ALB target group (`TargetResponseTime`) or an HTTP API (`Latency`). */
  readonly source: ApiMetricSource;
  /**
   * Response time, in seconds, of the percentile over 5 minutes that fires (seed: "API latency > 1 second p95").
   * @default 1
   */
  readonly thresholdSeconds?: number;
  /**
   * Percentile measured (50-99.9).
   * @default 95
   */
  readonly percentile?: number;
}

const PERIOD_SECONDS = 300;

/**
 * A percentile of an API's response time over 5 minutes: the target group's `TargetResponseTime`
 * (seconds) or an HTTP API's `Latency` (milliseconds; the threshold is converted). Missing data is
 * not breaching: no requests means no slow requests.
 */
export class ApiLatencyAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: ApiLatencyAlarmProps) {
    super(scope, id);
    const where = `ApiLatencyAlarm ${props.alarmName}`;
    const thresholdSeconds = props.thresholdSeconds ?? 1;
    const percentile = props.percentile ?? 95;
    checkAlarmTarget(where, props);
    checkApiMetricSource(where, props.source);
    checkPositive(where, 'thresholdSeconds', thresholdSeconds);
    if (!(percentile >= 50 && percentile <= 99.9 && /^\d+(\.\d)?$/.test(String(percentile)))) {
      throw new Error(`${where}: percentile ${percentile} must be 50-99.9 with at most one decimal (for example 95 or 99.9)`);
    }

    const metrics = apiMetrics(props.source);
    this.alarm = notifyingAlarm(this, 'alarm', props, {
      alarmDescription: `${metrics.label}: p${percentile} response time above ${thresholdSeconds}s over 5 minutes`,
      namespace: metrics.namespace,
      metricName: metrics.latency,
      dimensions: { ...metrics.dimensions },
      extendedStatistic: `p${percentile}`,
      period: PERIOD_SECONDS,
      evaluationPeriods: 1,
      threshold: thresholdSeconds * metrics.latencyUnitsPerSecond,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
  }
}
