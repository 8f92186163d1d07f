import { TerraformStack, Testing } from 'cdktf';
import { SignInFailureAlarm, SignInFailureAlarmProps } from '../../../src/constructs/identity/sign-in-failure-alarm';
import { Json, onlyResource, synthJson } from '../../helpers';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:lp-prod-critical';
const POOL = 'us-east-1_AbCdEf123';
const CLIENT = '1example23456789abcdefghij';

function alarmOf(change: Partial<SignInFailureAlarmProps> = {}): Json {
  const stack = new TerraformStack(Testing.app(), 'test');
  new SignInFailureAlarm(stack, 'sign-in', { alarmName: 'lp-prod-sign-in-failures', topicArns: [TOPIC], userPoolId: POOL, clientId: CLIENT, ...change });
  return onlyResource(synthJson(stack), 'aws_cloudwatch_metric_alarm');
}

describe('SignInFailureAlarm', () => {
  test('failures = SampleCount - Sum of SignInSuccesses (UserPool, UserPoolClient) over 5 minutes, 10 or more', () => {
    const alarm = alarmOf();
    const metric = (stat: string) => ({ namespace: 'AWS/Cognito', metric_name: 'SignInSuccesses', dimensions: { UserPool: POOL, UserPoolClient: CLIENT }, stat, period: 300 });
    expect(alarm.metric_query).toEqual([
      { id: 'attempts', metric: metric('SampleCount'), return_data: false },
      { id: 'successes', metric: metric('Sum'), return_data: false },
      { id: 'failures', expression: 'attempts - successes', label: 'Failed sign-ins', return_data: true },
    ]);
    expect(alarm).toMatchObject({
      alarm_name: 'lp-prod-sign-in-failures',
      threshold: 10,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      evaluation_periods: 1,
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
  });

  test('threshold and window configurable', () => {
    const alarm = alarmOf({ threshold: 25, windowMinutes: 15 });
    expect(alarm.threshold).toBe(25);
    expect(alarm.metric_query[0].metric.period).toBe(900);
  });

  test('bad props are rejected, naming the alarm', () => {
    const reject = (change: Partial<SignInFailureAlarmProps>, message: RegExp) => expect(() => alarmOf(change)).toThrow(message);
    reject({ userPoolId: 'AbCdEf123' }, /^SignInFailureAlarm lp-prod-sign-in-failures: userPoolId "AbCdEf123" is not a user pool ID/);
    reject({ clientId: 'client id' }, /clientId "client id" is not an app client ID/);
    reject({ threshold: 0 }, /threshold 0 must be a positive whole number/);
    reject({ windowMinutes: 0 }, /windowMinutes 0 must be 1-1440/);
    reject({ topicArns: [TOPIC, TOPIC] }, /repeat a topic/);
  });
});
