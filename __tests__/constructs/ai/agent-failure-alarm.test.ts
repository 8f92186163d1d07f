import { Testing } from 'cdktf';
import { AgentFailureAlarm } from '../../../src/constructs/ai/agent-failure-alarm';
import { Json, onlyResource } from '../../helpers';

describe('AgentFailureAlarm', () => {
  test('custom namespace, threshold and window', () => {
    const json: Json = JSON.parse(Testing.synthScope((scope) => void new AgentFailureAlarm(scope, 'a', { alarmName: 'x', topicArn: 't', namespace: 'Shop', threshold: 3, windowMinutes: 5 })));
    expect(onlyResource(json, 'aws_cloudwatch_metric_alarm')).toMatchObject({ namespace: 'Shop', metric_name: 'Agents/Failures', period: 300, threshold: 3, ok_actions: ['t'] });
  });

  test('rejects a window outside 1-1440 minutes and a non-positive threshold', () => {
    expect(() => Testing.synthScope((scope) => void new AgentFailureAlarm(scope, 'a', { alarmName: 'x', topicArn: 't', namespace: 'Shop', windowMinutes: 0 }))).toThrow('AgentFailureAlarm x: windowMinutes 0 must be 1-1440');
    expect(() => Testing.synthScope((scope) => void new AgentFailureAlarm(scope, 'a', { alarmName: 'x', topicArn: 't', namespace: 'Shop', threshold: 0 }))).toThrow('threshold 0 must be a positive whole number');
  });
});
