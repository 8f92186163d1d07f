import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { TerraformStack } from 'cdktf';
import { REBOOT_RDS_RUNBOOK, RdsRebootOnAlarm, RdsRebootOnAlarmProps } from '../../../src/constructs/observability/rds-reboot-on-alarm';
import { evaluate } from '../../../src/policy/engine';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '123456789012';
const ALARM = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:agent-prod-DatabaseConnectionFailure`;

function props(change: Partial<RdsRebootOnAlarmProps> = {}): RdsRebootOnAlarmProps {
  return { name: 'agent-prod-db-reboot', alarmArn: ALARM, dbInstanceIdentifier: 'agent-prod-writer', accountId: ACCOUNT, region: 'us-east-1', ...change };
}

function synth(change: Partial<RdsRebootOnAlarmProps> = {}, stackName = 'agent-dev-edge'): Json {
  const stack = stackOf(stackName);
  new RdsRebootOnAlarm(stack, 'reboot', props(change));
  return synthJson(stack);
}

const roleNamed = (json: Json, name: string): [string, Json] => resourcesOf(json, 'aws_iam_role').find(([, r]) => r.name === name)!;
const policyOf = (json: Json, roleId: string): Json => parsed(resourcesOf(json, 'aws_iam_role_policy').find(([, p]) => p.role === `\${aws_iam_role.${roleId}.id}`)![1].policy);

describe('RdsRebootOnAlarm', () => {
  const json = synth();

  test('the rule matches the alarm entering ALARM', () => {
    const rule = onlyResource(json, 'aws_cloudwatch_event_rule');
    expect(rule).toMatchObject({ name: 'agent-prod-db-reboot', state: 'ENABLED' });
    expect(rule.event_bus_name).toBeUndefined();
    expect(parsed(rule.event_pattern)).toEqual({
      source: ['aws.cloudwatch'],
      'detail-type': ['CloudWatch Alarm State Change'],
      resources: [ALARM],
      detail: { state: { value: ['ALARM'] } },
    });
  });

  test('the target starts the AWS-RebootRdsInstance runbook with the instance and the automation role, retrying for 15 minutes at most', () => {
    expect(REBOOT_RDS_RUNBOOK).toBe('AWS-RebootRdsInstance');
    const target = onlyResource(json, 'aws_cloudwatch_event_target');
    expect(target.arn).toBe(`arn:aws:ssm:us-east-1:${ACCOUNT}:automation-definition/AWS-RebootRdsInstance:$DEFAULT`);
    const [automationId] = roleNamed(json, 'agent-prod-db-reboot-automation');
    const [eventsId] = roleNamed(json, 'agent-prod-db-reboot-events');
    expect(target.role_arn).toBe(`\${aws_iam_role.${eventsId}.arn}`);
    expect(parsed(target.input)).toEqual({ InstanceId: ['agent-prod-writer'], AutomationAssumeRole: [`\${aws_iam_role.${automationId}.arn}`] });
    expect(target.retry_policy).toEqual({ maximum_event_age_in_seconds: 900, maximum_retry_attempts: 3 });
    expect(target.dead_letter_config).toBeUndefined();
  });

  test('the events role: trusted by EventBridge from this rule only; starts this runbook and passes the automation role to SSM only', () => {
    const [eventsId, events] = roleNamed(json, 'agent-prod-db-reboot-events');
    const [automationId] = roleNamed(json, 'agent-prod-db-reboot-automation');
    expect(parsed(events.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:events:us-east-1:${ACCOUNT}:rule/agent-prod-db-reboot` } },
    });
    expect(policyOf(json, eventsId).Statement).toEqual([
      {
        Sid: 'StartRebootRunbook',
        Effect: 'Allow',
        Action: 'ssm:StartAutomationExecution',
        Resource: [`arn:aws:ssm:us-east-1:${ACCOUNT}:automation-definition/AWS-RebootRdsInstance:*`, 'arn:aws:ssm:us-east-1::automation-definition/AWS-RebootRdsInstance:*'],
      },
      {
        Sid: 'PassAutomationRole',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `\${aws_iam_role.${automationId}.arn}`,
        Condition: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
      },
    ]);
  });

  test('the automation role: trusted by this account\'s automation executions; reboots and describes that one instance', () => {
    const [automationId, automation] = roleNamed(json, 'agent-prod-db-reboot-automation');
    expect(parsed(automation.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'ssm.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': `arn:aws:ssm:us-east-1:${ACCOUNT}:automation-execution/*` } },
    });
    expect(policyOf(json, automationId).Statement).toEqual([
      { Sid: 'RebootThisInstance', Effect: 'Allow', Action: ['rds:DescribeDBInstances', 'rds:RebootDBInstance'], Resource: `arn:aws:rds:us-east-1:${ACCOUNT}:db:agent-prod-writer` },
    ]);
  });

  test('options: role names, a dead-letter queue, disabled', () => {
    const dlq = `arn:aws:sqs:us-east-1:${ACCOUNT}:agent-prod-events-dlq`;
    const custom = synth({ eventsRoleName: 'reboot-events', automationRoleName: 'reboot-ssm', deadLetterQueueArn: dlq, enabled: false });
    expect(resourcesOf(custom, 'aws_iam_role').map(([, r]) => r.name).sort()).toEqual(['reboot-events', 'reboot-ssm']);
    expect(onlyResource(custom, 'aws_cloudwatch_event_target').dead_letter_config).toEqual({ arn: dlq });
    expect(onlyResource(custom, 'aws_cloudwatch_event_rule').state).toBe('DISABLED');
  });

  test('bad props are rejected with what is wrong and the fix', () => {
    const where = 'RdsRebootOnAlarm agent-prod-db-reboot: ';
    expect(() => synth({ alarmArn: 'DatabaseConnectionFailure' })).toThrow(`${where}alarmArn "DatabaseConnectionFailure" is not a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)`);
    expect(() => synth({ alarmArn: `arn:aws:cloudwatch:us-west-2:${ACCOUNT}:alarm:x` })).toThrow(
      `${where}alarm arn:aws:cloudwatch:us-west-2:${ACCOUNT}:alarm:x is not in ${ACCOUNT}/us-east-1; alarm events reach only the default bus of the alarm's own account and region, build this construct there`,
    );
    expect(() => synth({ alarmArn: 'arn:aws:cloudwatch:us-east-1:210987654321:alarm:x' })).toThrow(/is not in 123456789012\/us-east-1/);
    for (const bad of ['1writer', 'writer--1', 'writer-', 'w'.repeat(64), 'writer_1']) expect(() => synth({ dbInstanceIdentifier: bad })).toThrow(`dbInstanceIdentifier "${bad}" is not a DB instance identifier`);
    expect(() => synth({ accountId: '1234' })).toThrow(`${where}accountId "1234" is not a 12-digit account ID`);
    expect(() => synth({ region: 'us-east' })).toThrow(/region "us-east" is not a region name/);
    expect(() => synth({ name: 'reboot on alarm' })).toThrow(/name is not 1-64 letters/);
    expect(() => synth({ automationRoleName: 'r'.repeat(65) })).toThrow(/automationRoleName "r+" is longer than 64 characters/);
  });
});

describe('policy pack', () => {
  test('no open finding for the defaults, in dev and prod', () => {
    for (const name of ['agent-dev-edge', 'agent-prod-edge']) {
      const stack = stackOf(name);
      new RdsRebootOnAlarm(stack, 'reboot', props());
      const open = evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);
      expect({ name, open }).toEqual({ name, open: [] });
    }
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('the reboot rule on the seed\'s DatabaseConnectionFailure alarm validates and plans', () => {
    const stack: TerraformStack = stackOf('agent-dev-edge');
    const alarm = new CloudwatchMetricAlarm(stack, 'db-connections', {
      alarmName: 'agent-dev-DatabaseConnectionFailure',
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions: { DBInstanceIdentifier: 'agent-dev-writer' },
      statistic: 'Average',
      period: 60,
      evaluationPeriods: 3,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
    });
    new RdsRebootOnAlarm(stack, 'reboot', props({ name: 'agent-dev-db-reboot', alarmArn: alarm.arn, dbInstanceIdentifier: 'agent-dev-writer' }));
    expectOfflinePlan(synthJson(stack));
  });
});
