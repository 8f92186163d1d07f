import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { ApiMetricSource, apiMetrics, checkApiMetricSource } from './api-metric-source';
import { AlarmTargetProps, checkAlarmTarget, checkPercent, checkPositive, mathInput, notifyingAlarm } from './notifying-alarm';

export interface ApiErrorRateAlarmProps extends AlarmTargetProps {
  /** The requests measured: an ALB target group (the service's own 5xx) or an HTTP API. */
  readonly source: ApiMetricSource;
  /**
   * Share of requests answered 5xx, in percent, over 5 minutes that fires (seed: "5xx errors > 5% in 5 minutes").
   * @default 5
   */
  readonly thresholdPercent?: number;
  /**
   * Requests a 5-minute period needs before its rate counts: with little traffic one failed request
   * out of three is 33 %, which pages on noise. 1 evaluates every request.
   * @default 10
   */
  readonly minimumRequests?: number;
}

const PERIOD_SECONDS = 300;

/**
 * The 5xx error rate of an API as a metric-math alarm: `100 * FILL(errors, 0) / requests` over 5
 * minutes, where errors are the target's own 5xx (`HTTPCode_Target_5XX_Count`, not the load
 * balancer's) or an HTTP API's `5xx`, and requests `RequestCount` / `Count`. ALBs report the error
 * count only when it is non-zero, hence FILL. Missing data is not breaching: no requests means
 * nothing failed.
 */
export class ApiErrorRateAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: ApiErrorRateAlarmProps) {
    super(scope, id);
    const where = `ApiErrorRateAlarm ${props.alarmName}`;
    const thresholdPercent = props.thresholdPercent ?? 5;
    const minimumRequests = props.minimumRequests ?? 10;
    checkAlarmTarget(where, props);
    checkApiMetricSource(where, props.source);
    checkPercent(where, 'thresholdPercent', thresholdPercent);
    checkPositive(where, 'minimumRequests', minimumRequests, true);

    const metrics = apiMetrics(props.source);
    this.alarm = notifyingAlarm(this, 'alarm', props, {
      alarmDescription: `${metrics.label}: more than ${thresholdPercent}% of requests answered 5xx in 5 minutes (periods with fewer than ${minimumRequests} requests count as 0%)`,
      metricQuery: [
        mathInput('errors', metrics.namespace, metrics.errors, metrics.dimensions, 'Sum', PERIOD_SECONDS),
        mathInput('requests', metrics.namespace, metrics.requests, metrics.dimensions, 'Sum', PERIOD_SECONDS),
        { id: 'rate', expression: `IF(requests >= ${minimumRequests}, 100 * FILL(errors, 0) / requests, 0)`, label: '5xx responses (% of requests)', returnData: true },
      ],
      evaluationPeriods: 1,
      threshold: thresholdPercent,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
  }
}
