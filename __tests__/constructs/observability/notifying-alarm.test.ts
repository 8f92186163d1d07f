import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { checkAlarmTarget, checkPercent, checkPositive, checkWindowMinutes, mathInput, notifyingAlarm } from '../../../src/constructs/observability/notifying-alarm';
import { onlyResource, synthJson } from '../../helpers';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:lp-prod-critical';

describe('notifyingAlarm', () => {
  test('notifies every topic on ALARM and on OK, with the given name and condition', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const other = 'arn:aws:sns:us-east-1:111122223333:lp-prod-warning';
    notifyingAlarm(stack, 'a', { alarmName: 'lp-prod-x', topicArns: [TOPIC, other] }, { namespace: 'N', metricName: 'M', statistic: 'Sum', period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'notBreaching' });
    expect(onlyResource(synthJson(stack), 'aws_cloudwatch_metric_alarm')).toEqual({
      alarm_name: 'lp-prod-x',
      namespace: 'N',
      metric_name: 'M',
      statistic: 'Sum',
      period: 60,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC, other],
      ok_actions: [TOPIC, other],
    });
  });

  test('mathInput: a metric of an expression, not returned', () => {
    expect(mathInput('m', 'AWS/X', 'Count', { A: 'b' }, 'Sum', 300)).toEqual({ id: 'm', metric: { namespace: 'AWS/X', metricName: 'Count', dimensions: { A: 'b' }, stat: 'Sum', period: 300 }, returnData: false });
  });
});

describe('alarm prop checks', () => {
  const target = (change: object) => () => checkAlarmTarget('X a', { alarmName: 'a', topicArns: [TOPIC], ...change });

  test('topics: 1-5 SNS ARNs, each once', () => {
    expect(target({})).not.toThrow();
    const reference = new TerraformVariable(new TerraformStack(Testing.app(), 'test'), 'topic', { type: 'string' }).stringValue;
    expect(target({ topicArns: [reference] })).not.toThrow();
    expect(target({ topicArns: [] })).toThrow('X a: topicArns has 0 topics; pass 1-5 (CloudWatch allows 5 actions per alarm state)');
    expect(target({ topicArns: [1, 2, 3, 4, 5, 6].map((i) => `${TOPIC}${i}`) })).toThrow(/topicArns has 6 topics; pass 1-5/);
    expect(target({ topicArns: ['lp-prod-critical'] })).toThrow('X a: topicArns entry "lp-prod-critical" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)');
    expect(target({ topicArns: [TOPIC, TOPIC] })).toThrow(/topicArns \[\S+, \S+\] repeat a topic; list each once/);
  });

  test('alarm name: 1-255 characters without control characters', () => {
    expect(target({ alarmName: '' })).toThrow('X a: alarmName "" must be 1-255 characters without control characters');
    expect(target({ alarmName: 'x'.repeat(256) })).toThrow(/alarmName "x+" must be 1-255 characters/);
    expect(target({ alarmName: 'a\nb' })).toThrow(/must be 1-255 characters without control characters/);
  });

  test('positive numbers, percentages and windows', () => {
    expect(() => checkPositive('X a', 'threshold', 0)).toThrow('X a: threshold 0 must be a positive number');
    expect(() => checkPositive('X a', 'threshold', 1.5, true)).toThrow('X a: threshold 1.5 must be a positive whole number');
    expect(() => checkPositive('X a', 'threshold', Number.NaN)).toThrow(/threshold NaN must be a positive number/);
    expect(() => checkPercent('X a', 'thresholdPercent', 101)).toThrow('X a: thresholdPercent 101 is not a percentage (above 0, at most 100)');
    expect(() => checkPercent('X a', 'thresholdPercent', 0)).toThrow(/thresholdPercent 0 is not a percentage/);
    expect(() => checkPercent('X a', 'thresholdPercent', 100)).not.toThrow();
    expect(() => checkWindowMinutes('X a', 0)).toThrow('X a: windowMinutes 0 must be 1-1440');
    expect(() => checkWindowMinutes('X a', 1441)).toThrow(/windowMinutes 1441 must be 1-1440/);
    expect(() => checkWindowMinutes('X a', 2.5)).toThrow(/windowMinutes 2.5 must be 1-1440/);
  });
});
