import { TerraformStack, Testing } from 'cdktf';
import { ApiLatencyAlarm, ApiLatencyAlarmProps } from '../../../src/constructs/observability/api-latency-alarm';
import { Json, onlyResource, synthJson } from '../../helpers';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:lp-prod-warning';
const LB = 'app/lp-prod-public/0123456789abcdef';
const TG = 'targetgroup/lp-prod-api/fedcba9876543210';

function alarmOf(change: Partial<ApiLatencyAlarmProps> = {}): Json {
  const stack = new TerraformStack(Testing.app(), 'test');
  new ApiLatencyAlarm(stack, 'latency', {
    alarmName: 'lp-prod-api-p95-latency',
    topicArns: [TOPIC],
    source: { kind: 'target-group', loadBalancerArnSuffix: LB, targetGroupArnSuffix: TG },
    ...change,
  });
  return onlyResource(synthJson(stack), 'aws_cloudwatch_metric_alarm');
}

describe('ApiLatencyAlarm', () => {
  test('target group: TargetResponseTime p95 over 5 minutes above 1 second, to the topics on ALARM and OK', () => {
    expect(alarmOf()).toEqual({
      alarm_name: 'lp-prod-api-p95-latency',
      alarm_description: `target group ${TG}: p95 response time above 1s over 5 minutes`,
      namespace: 'AWS/ApplicationELB',
      metric_name: 'TargetResponseTime',
      dimensions: { LoadBalancer: LB, TargetGroup: TG },
      extended_statistic: 'p95',
      period: 300,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
  });

  test('HTTP API: AWS/ApiGateway Latency by ApiId, in milliseconds', () => {
    expect(alarmOf({ source: { kind: 'http-api', apiId: 'a1b2c3d4e5' } })).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: 'Latency',
      dimensions: { ApiId: 'a1b2c3d4e5' },
      extended_statistic: 'p95',
      threshold: 1000,
    });
    expect(alarmOf({ source: { kind: 'http-api', apiId: 'a1b2c3d4e5', stage: 'prod' }, thresholdSeconds: 0.5, percentile: 99.9 })).toMatchObject({
      dimensions: { ApiId: 'a1b2c3d4e5', Stage: 'prod' },
      extended_statistic: 'p99.9',
      threshold: 500,
    });
  });

  test('bad props are rejected, naming the alarm', () => {
    const reject = (change: Partial<ApiLatencyAlarmProps>, message: RegExp) => expect(() => alarmOf(change)).toThrow(message);
    reject({ thresholdSeconds: 0 }, /^ApiLatencyAlarm lp-prod-api-p95-latency: thresholdSeconds 0 must be a positive number/);
    reject({ percentile: 100 }, /percentile 100 must be 50-99.9 with at most one decimal/);
    reject({ percentile: 40 }, /percentile 40 must be 50-99.9/);
    reject({ percentile: 99.95 }, /percentile 99.95 must be 50-99.9/);
    reject({ topicArns: ['warning'] }, /topicArns entry "warning" is not an SNS topic ARN/);
    reject({ source: { kind: 'http-api', apiId: 'A1B2C3D4E5' } }, /source.apiId "A1B2C3D4E5" is not an API Gateway API ID/);
  });
});
