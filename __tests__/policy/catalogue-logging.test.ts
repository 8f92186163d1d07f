import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { add, expectCompliant, expectViolation, ref, stackOf } from './harness';

const metric = { comparison_operator: 'GreaterThanThreshold', evaluation_periods: 1, metric_name: 'Errors', namespace: 'AWS/Lambda', period: 60, statistic: 'Sum', threshold: 0 };

describe('CW-01 alarms act', () => {
  it('passes with an alarm action, or outside prod when a health check or a CodeDeploy rollback reads the alarm', () => {
    const stack = stackOf('partner-mgmt-staging-compute');
    const edge = stackOf('partner-mgmt-staging-edge');
    add(stack, CloudwatchMetricAlarm, 'paged', { ...metric, alarm_name: 'paged', alarm_actions: ['arn:aws:sns:us-east-1:1:alerts'] });
    const rollback = add(stack, CloudwatchMetricAlarm, 'rollback', { ...metric, alarm_name: 'rollback' });
    add(stack, CodedeployDeploymentGroup, 'group', { app_name: 'a', deployment_group_name: 'g', service_role_arn: 'arn:role', alarm_configuration: { alarms: [ref(rollback, 'alarm_name')], enabled: true } });
    add(stack, CloudwatchMetricAlarm, 'health', { ...metric, alarm_name: 'svc-health' });
    add(edge, Route53HealthCheck, 'hc', { type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_name: 'svc-health', cloudwatch_alarm_region: 'us-east-1', insufficient_data_health_status: 'LastKnownStatus' });
    expectCompliant('CW-01', [stack, edge], 'aws_cloudwatch_metric_alarm.paged');
    expectCompliant('CW-01', [stack, edge], 'aws_cloudwatch_metric_alarm.rollback');
    expectCompliant('CW-01', [stack, edge], 'aws_cloudwatch_metric_alarm.health');
  });
  it('in prod, an alarm a failover or rollback reads must page too; a composite alarm\'s child need not', () => {
    const stack = stackOf('partner-mgmt-prod-compute');
    const edge = stackOf('partner-mgmt-prod-edge');
    const rollback = add(stack, CloudwatchMetricAlarm, 'rollback', { ...metric, alarm_name: 'rollback' });
    add(stack, CodedeployDeploymentGroup, 'group', { app_name: 'a', deployment_group_name: 'g', service_role_arn: 'arn:role', alarm_configuration: { alarms: [ref(rollback, 'alarm_name')], enabled: true } });
    add(stack, CloudwatchMetricAlarm, 'health', { ...metric, alarm_name: 'svc-health' });
    add(edge, Route53HealthCheck, 'hc', { type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_name: 'svc-health', cloudwatch_alarm_region: 'us-east-1', insufficient_data_health_status: 'LastKnownStatus' });
    const child = add(stack, CloudwatchMetricAlarm, 'child', { ...metric, alarm_name: 'child' });
    add(stack, CloudwatchCompositeAlarm, 'composite', { alarm_name: 'composite', alarm_rule: `ALARM(${ref(child, 'alarm_name')})`, alarm_actions: ['arn:aws:sns:us-east-1:1:alerts'] });
    expect(JSON.stringify(expectViolation('CW-01', [stack, edge], 'aws_cloudwatch_metric_alarm.rollback', 'alarm_actions'))).toContain('must page too');
    expect(JSON.stringify(expectViolation('CW-01', [stack, edge], 'aws_cloudwatch_metric_alarm.health', 'alarm_actions'))).toContain('must page too');
    expectCompliant('CW-01', [stack, edge], 'aws_cloudwatch_metric_alarm.child');
  });
  it('fails for an alarm nobody reads and for disabled actions', () => {
    const stack = stackOf('partner-mgmt-prod-compute');
    add(stack, CloudwatchMetricAlarm, 'silent', { ...metric, alarm_name: 'silent' });
    add(stack, CloudwatchMetricAlarm, 'off', { ...metric, alarm_name: 'off', actions_enabled: false, alarm_actions: ['arn:aws:sns:us-east-1:1:alerts'] });
    expectViolation('CW-01', stack, 'aws_cloudwatch_metric_alarm.silent', 'alarm_actions');
    expectViolation('CW-01', stack, 'aws_cloudwatch_metric_alarm.off', 'actions_enabled');
  });
});
