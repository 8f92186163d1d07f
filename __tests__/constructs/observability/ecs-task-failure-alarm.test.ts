import { TerraformStack, Testing } from 'cdktf';
import { EcsTaskFailureAlarm, EcsTaskFailureAlarmProps, failedTaskPattern } from '../../../src/constructs/observability/ecs-task-failure-alarm';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';

const CRITICAL = 'arn:aws:sns:us-east-1:111122223333:lp-prod-critical';
const WARNING = 'arn:aws:sns:us-east-1:111122223333:lp-prod-warning';
const CLUSTER = 'arn:aws:ecs:us-east-1:111122223333:cluster/lp-prod';

function synth(change: Partial<EcsTaskFailureAlarmProps> = {}): Json {
  const stack = new TerraformStack(Testing.app(), 'test');
  new EcsTaskFailureAlarm(stack, 'failed-tasks', { alarmName: 'lp-prod-failed-tasks', topicArns: [CRITICAL], clusterArn: CLUSTER, ...change });
  return synthJson(stack);
}

describe('EcsTaskFailureAlarm', () => {
  test('a rule on stopped tasks of the cluster that failed to start, exited non-zero or failed health checks', () => {
    const rule = onlyResource(synth(), 'aws_cloudwatch_event_rule');
    expect(rule.name).toBe('lp-prod-failed-tasks');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: {
        clusterArn: [CLUSTER],
        lastStatus: ['STOPPED'],
        $or: [
          { stopCode: ['TaskFailedToStart'] },
          { stopCode: ['EssentialContainerExited'], containers: { exitCode: [{ 'anything-but': 0 }] } },
          { stoppedReason: [{ prefix: 'Task failed' }] },
        ],
      },
    });
  });

  test('only the given services: the event group is service:<name>', () => {
    expect(failedTaskPattern(CLUSTER, ['api', 'web']).detail).toMatchObject({ group: ['service:api', 'service:web'] });
    const rule = onlyResource(synth({ serviceNames: ['lp-prod-api'], ruleName: 'lp-prod-api-failed' }), 'aws_cloudwatch_event_rule');
    expect(rule.name).toBe('lp-prod-api-failed');
    expect(JSON.parse(rule.event_pattern).detail.group).toEqual(['service:lp-prod-api']);
  });

  test('each failed task goes to every topic with its ARN, service, stop code and reason', () => {
    const targets = resourcesOf(synth({ topicArns: [CRITICAL, WARNING] }), 'aws_cloudwatch_event_target').map(([, t]) => t);
    expect(targets.map((t) => [t.arn, t.target_id])).toEqual([[CRITICAL, 'alert-topic-0'], [WARNING, 'alert-topic-1']]);
    expect(targets[0].rule).toMatch(/^\$\{aws_cloudwatch_event_rule\.\S+\.name\}$/);
    expect(targets[0].input_transformer).toEqual({
      input_paths: { task: '$.detail.taskArn', group: '$.detail.group', code: '$.detail.stopCode', reason: '$.detail.stoppedReason' },
      input_template: '"ECS task <task> (<group>) stopped: <code>: <reason>"',
    });
  });

  test("the alarm counts the rule's matches (AWS/Events TriggeredRules) over 5 minutes, > 0, missing data not breaching", () => {
    const alarm = onlyResource(synth(), 'aws_cloudwatch_metric_alarm');
    expect(alarm).toMatchObject({
      alarm_name: 'lp-prod-failed-tasks',
      namespace: 'AWS/Events',
      metric_name: 'TriggeredRules',
      statistic: 'Sum',
      period: 300,
      evaluation_periods: 1,
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [CRITICAL],
      ok_actions: [CRITICAL],
    });
    expect(alarm.dimensions).toEqual({ RuleName: expect.stringMatching(/^\$\{aws_cloudwatch_event_rule\.\S+\.name\}$/) });
  });

  test('bad props are rejected, naming the alarm', () => {
    const reject = (change: Partial<EcsTaskFailureAlarmProps>, message: RegExp) => expect(() => synth(change)).toThrow(message);
    reject({ clusterArn: 'lp-prod' }, /^EcsTaskFailureAlarm lp-prod-failed-tasks: clusterArn "lp-prod" is not an ECS cluster ARN/);
    reject({ serviceNames: ['api', 'api'] }, /serviceNames \[api, api\] repeat a service/);
    reject({ serviceNames: ['service:api'] }, /serviceNames entry "service:api" is not a service name/);
    reject({ alarmName: 'lp prod failed tasks' }, /rule name "lp prod failed tasks" must be 1-64 letters, digits, ., - or _; pass ruleName/);
    reject({ ruleName: 'x'.repeat(65) }, /rule name "x+" must be 1-64/);
    reject({ topicArns: [] }, /topicArns has 0 topics/);
  });
});
