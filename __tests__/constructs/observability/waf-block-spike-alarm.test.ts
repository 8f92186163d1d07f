import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { WafBlockSpikeAlarm, WafBlockSpikeAlarmProps } from '../../../src/constructs/observability/waf-block-spike-alarm';
import { Json, onlyResource, synthJson } from '../../helpers';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:lp-prod-warning';

function stackIn(region: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region });
  return stack;
}

function alarmOf(change: Partial<WafBlockSpikeAlarmProps> = {}, region = 'us-east-1'): Json {
  const stack = stackIn(region);
  new WafBlockSpikeAlarm(stack, 'waf', { alarmName: 'lp-prod-waf-block-spike', topicArns: [TOPIC], webAclMetricName: 'lp-prod-cdn', scope: 'CLOUDFRONT', ...change });
  return onlyResource(synthJson(stack), 'aws_cloudwatch_metric_alarm');
}

describe('WafBlockSpikeAlarm', () => {
  test('CLOUDFRONT: BlockedRequests (WebACL, Rule=ALL, no Region) per 5 minutes above an anomaly band of 2 deviations', () => {
    const alarm = alarmOf();
    expect(alarm.metric_query).toEqual([
      { id: 'blocked', metric: { namespace: 'AWS/WAFV2', metric_name: 'BlockedRequests', dimensions: { WebACL: 'lp-prod-cdn', Rule: 'ALL' }, stat: 'Sum', period: 300 }, return_data: true },
      { id: 'expected', expression: 'ANOMALY_DETECTION_BAND(blocked, 2)', label: 'BlockedRequests (expected)', return_data: true },
    ]);
    expect(alarm).toMatchObject({
      threshold_metric_id: 'expected',
      comparison_operator: 'GreaterThanUpperThreshold',
      evaluation_periods: 1,
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
    expect(alarm.threshold).toBeUndefined();
  });

  test('REGIONAL: the Region dimension; band width and periods configurable', () => {
    const alarm = alarmOf({ scope: 'REGIONAL', region: 'us-west-2', bandWidth: 3, evaluationPeriods: 2 }, 'us-west-2');
    expect(alarm.metric_query[0].metric.dimensions).toEqual({ WebACL: 'lp-prod-cdn', Rule: 'ALL', Region: 'us-west-2' });
    expect(alarm.metric_query[1].expression).toBe('ANOMALY_DETECTION_BAND(blocked, 3)');
    expect(alarm.evaluation_periods).toBe(2);
  });

  test('a CLOUDFRONT alarm from a stack in another region goes on the given us-east-1 provider', () => {
    const stack = stackIn('eu-west-1');
    const east = new AwsProvider(stack, 'east', { region: 'us-east-1', alias: 'us_east_1' });
    new WafBlockSpikeAlarm(stack, 'waf', { alarmName: 'a', topicArns: [TOPIC], webAclMetricName: 'acl', scope: 'CLOUDFRONT', provider: east });
    expect(onlyResource(synthJson(stack), 'aws_cloudwatch_metric_alarm').provider).toBe('aws.us_east_1');
  });

  test('bad props are rejected, naming the alarm', () => {
    const reject = (change: Partial<WafBlockSpikeAlarmProps>, message: RegExp, region = 'us-east-1') => expect(() => alarmOf(change, region)).toThrow(message);
    reject({}, /^WafBlockSpikeAlarm lp-prod-waf-block-spike: its provider is in eu-west-1, but an alarm on a CLOUDFRONT-scope web ACL \(its metrics are reported there only\) must be created in us-east-1/, 'eu-west-1');
    reject({ region: 'us-east-1' }, /region "us-east-1" is set for a CLOUDFRONT-scope web ACL, whose metrics have no Region dimension; omit it/);
    reject({ scope: 'REGIONAL' }, /region "" is not a region; a REGIONAL web ACL's metrics carry its region/);
    reject({ scope: 'REGIONAL', region: 'us-west-2' }, /its provider is in us-east-1, but the web ACL's metrics are in us-west-2/);
    reject({ webAclMetricName: 'lp prod cdn' }, /webAclMetricName "lp prod cdn" is not a WAF metric name/);
    reject({ bandWidth: 0 }, /bandWidth 0 must be a positive number/);
    reject({ evaluationPeriods: 1.5 }, /evaluationPeriods 1.5 must be a positive whole number/);
  });
});
