import { TerraformStack, Testing } from 'cdktf';
import { GuardrailInterventionAlarm, GuardrailInterventionAlarmProps } from '../../../src/constructs/ai/guardrail-intervention-alarm';
import { Json, onlyResource, synthJson } from '../../helpers';

const TOPIC = 'arn:aws:sns:us-east-1:111122223333:lp-prod-critical';
const GUARDRAIL = 'arn:aws:bedrock:us-east-1:111122223333:guardrail/abc123def456';

function alarmOf(change: Partial<GuardrailInterventionAlarmProps> = {}): Json {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GuardrailInterventionAlarm(stack, 'guardrail', { alarmName: 'lp-prod-guardrail-interventions', topicArns: [TOPIC], guardrailArn: GUARDRAIL, guardrailVersion: '1', ...change });
  return onlyResource(synthJson(stack), 'aws_cloudwatch_metric_alarm');
}

describe('GuardrailInterventionAlarm', () => {
  test('AWS/Bedrock/Guardrails InvocationsIntervened (GuardrailArn, GuardrailVersion) summed over 5 minutes, 10 or more', () => {
    expect(alarmOf()).toMatchObject({
      alarm_name: 'lp-prod-guardrail-interventions',
      namespace: 'AWS/Bedrock/Guardrails',
      metric_name: 'InvocationsIntervened',
      dimensions: { GuardrailArn: GUARDRAIL, GuardrailVersion: '1' },
      statistic: 'Sum',
      period: 300,
      evaluation_periods: 1,
      threshold: 10,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
  });

  test('DRAFT, threshold and window configurable', () => {
    expect(alarmOf({ guardrailVersion: 'DRAFT', threshold: 1, windowMinutes: 60 })).toMatchObject({ dimensions: { GuardrailVersion: 'DRAFT' }, threshold: 1, period: 3600 });
  });

  test('bad props are rejected, naming the alarm', () => {
    const reject = (change: Partial<GuardrailInterventionAlarmProps>, message: RegExp) => expect(() => alarmOf(change)).toThrow(message);
    reject({ guardrailArn: 'abc123def456' }, /^GuardrailInterventionAlarm lp-prod-guardrail-interventions: guardrailArn "abc123def456" is not a guardrail ARN/);
    reject({ guardrailVersion: 'v1' }, /guardrailVersion "v1" must be a version number or DRAFT/);
    reject({ threshold: 2.5 }, /threshold 2.5 must be a positive whole number/);
    reject({ windowMinutes: 2000 }, /windowMinutes 2000 must be 1-1440/);
  });
});
