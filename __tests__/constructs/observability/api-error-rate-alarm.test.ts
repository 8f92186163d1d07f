import { TerraformStack, Testing } from 'cdktf';
import { ApiErrorRateAlarm, ApiErrorRateAlarmProps } from '../../../src/constructs/observability/api-error-rate-alarm';
import { Json, onlyResource, synthJson } from '../../helpers';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:lp-prod-critical';
const LB = 'app/lp-prod-public/0123456789abcdef';
const TG = 'targetgroup/lp-prod-api/fedcba9876543210';

function alarmOf(change: Partial<ApiErrorRateAlarmProps> = {}): { alarm: Json; construct: ApiErrorRateAlarm } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const construct = new ApiErrorRateAlarm(stack, 'rate', {
    alarmName: 'lp-prod-api-5xx-rate',
    topicArns: [TOPIC],
    source: { kind: 'target-group', loadBalancerArnSuffix: LB, targetGroupArnSuffix: TG },
    ...change,
  });
  return { alarm: onlyResource(synthJson(stack), 'aws_cloudwatch_metric_alarm'), construct };
}

describe('ApiErrorRateAlarm', () => {
  test('target group: 100 * target 5xx / requests over 5 minutes above 5 %, counted from 10 requests, to the topics on ALARM and OK', () => {
    const { alarm } = alarmOf();
    const dimensions = { LoadBalancer: LB, TargetGroup: TG };
    expect(alarm).toMatchObject({
      alarm_name: 'lp-prod-api-5xx-rate',
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
      evaluation_periods: 1,
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
    expect(alarm.metric_query).toEqual([
      { id: 'errors', metric: { namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_Target_5XX_Count', dimensions, stat: 'Sum', period: 300 }, return_data: false },
      { id: 'requests', metric: { namespace: 'AWS/ApplicationELB', metric_name: 'RequestCount', dimensions, stat: 'Sum', period: 300 }, return_data: false },
      { id: 'rate', expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)', label: '5xx responses (% of requests)', return_data: true },
    ]);
    // A metric-math alarm names no metric of its own.
    expect(alarm.metric_name).toBeUndefined();
    expect(alarm.alarm_description).toContain(`target group ${TG}: more than 5% of requests answered 5xx in 5 minutes`);
  });

  test('HTTP API: AWS/ApiGateway 5xx and Count by ApiId (and Stage), own threshold and minimum', () => {
    const { alarm } = alarmOf({ source: { kind: 'http-api', apiId: 'a1b2c3d4e5', stage: '$default' }, thresholdPercent: 2, minimumRequests: 1 });
    const dimensions = { ApiId: 'a1b2c3d4e5', Stage: '$default' };
    expect(alarm.threshold).toBe(2);
    expect(alarm.metric_query.map((q: Json) => q.metric?.metric_name ?? q.expression)).toEqual(['5xx', 'Count', 'IF(requests >= 1, 100 * FILL(errors, 0) / requests, 0)']);
    expect(alarm.metric_query[0].metric).toMatchObject({ namespace: 'AWS/ApiGateway', dimensions, stat: 'Sum', period: 300 });
    expect(alarmOf({ source: { kind: 'http-api', apiId: 'a1b2c3d4e5' } }).alarm.metric_query[1].metric.dimensions).toEqual({ ApiId: 'a1b2c3d4e5' });
  });

  test('bad props are rejected, naming the alarm', () => {
    const reject = (change: Partial<ApiErrorRateAlarmProps>, message: RegExp) => expect(() => alarmOf(change)).toThrow(message);
    reject({ thresholdPercent: 150 }, /^ApiErrorRateAlarm lp-prod-api-5xx-rate: thresholdPercent 150 is not a percentage/);
    reject({ minimumRequests: 0 }, /minimumRequests 0 must be a positive whole number/);
    reject({ topicArns: [] }, /topicArns has 0 topics/);
    reject({ source: { kind: 'target-group', loadBalancerArnSuffix: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/1', targetGroupArnSuffix: TG } }, /source.loadBalancerArnSuffix "\S+" is not an ALB's arn_suffix \(app\/<name>\/<id>\)/);
    reject({ source: { kind: 'target-group', loadBalancerArnSuffix: LB, targetGroupArnSuffix: 'lp-prod-api' } }, /source.targetGroupArnSuffix "lp-prod-api" is not a target group's arn_suffix/);
    reject({ source: { kind: 'http-api', apiId: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com' } }, /source.apiId "\S+" is not an API Gateway API ID/);
    reject({ source: { kind: 'http-api', apiId: 'a1b2c3d4e5', stage: 'prod/v1' } }, /source.stage "prod\/v1" is not a stage name/);
  });
});
