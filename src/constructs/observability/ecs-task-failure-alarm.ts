import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmTargetProps, checkAlarmTarget, notifyingAlarm } from './notifying-alarm';

export interface EcsTaskFailureAlarmProps extends AlarmTargetProps {
  /** `arn:aws:ecs:<region>:<account>:cluster/<name>`: task events carry the full cluster ARN. */
  readonly clusterArn: string;
  /**
   * Services whose tasks count (names). Standalone tasks and other services' tasks are ignored.
   * @default - every task of the cluster
   */
  readonly serviceNames?: readonly string[];
  /**
   * Name of the EventBridge rule (1-64 letters, digits, `.`, `-`, `_`).
   * @default alarmName
   */
  readonly ruleName?: string;
}

/**
 * Stopped tasks that count as failed: those that never started (image pull, secrets, ENI), those
 * whose essential container exited with a non-zero code, and those ECS replaced after failing ELB
 * or container health checks. Spot interruptions, scale-in and deployments are not failures.
 */
export function failedTaskPattern(clusterArn: string, serviceNames: readonly string[]): Record<string, unknown> {
  return {
    source: ['aws.ecs'],
    'detail-type': ['ECS Task State Change'],
    detail: {
      clusterArn: [clusterArn],
      ...(serviceNames.length > 0 ? { group: serviceNames.map((s) => `service:${s}`) } : {}),
      lastStatus: ['STOPPED'],
      $or: [
        { stopCode: ['TaskFailedToStart'] },
        { stopCode: ['EssentialContainerExited'], containers: { exitCode: [{ 'anything-but': 0 }] } },
        { stoppedReason: [{ prefix: 'Task failed' }] },
      ],
    },
  };
}

/**
 * The seed's "Failed ECS task count > 0". ECS has no failed-task metric, so an EventBridge rule on
 * `ECS Task State Change` events (`failedTaskPattern`) publishes each failed task to the topics as it
 * happens (task ARN, service, stop code and reason through an input transformer: the alarm alone
 * could not say which task or why), and an alarm counts the rule's matches (`AWS/Events`
 * `TriggeredRules` by `RuleName`) over 5 minutes, so the failure also shows as an alarm state that
 * clears after 5 quiet minutes. The rule has targets, so EventBridge runs it and reports the metric.
 * Missing data is not breaching: the metric exists only for periods in which the rule matched. The
 * topics' policies must let `events.amazonaws.com` publish (AlertTopics does).
 */
export class EcsTaskFailureAlarm extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly targets: CloudwatchEventTarget[];
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: EcsTaskFailureAlarmProps) {
    super(scope, id);
    const where = `EcsTaskFailureAlarm ${props.alarmName}`;
    const serviceNames = props.serviceNames ?? [];
    const ruleName = props.ruleName ?? props.alarmName;
    checkAlarmTarget(where, props);
    if (!Token.isUnresolved(props.clusterArn) && !/^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/.test(props.clusterArn)) {
      throw new Error(`${where}: clusterArn "${props.clusterArn}" is not an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>); task events name the cluster by ARN`);
    }
    for (const service of serviceNames) {
      if (!Token.isUnresolved(service) && !/^[A-Za-z0-9_-]{1,255}$/.test(service)) throw new Error(`${where}: serviceNames entry "${service}" is not a service name (letters, digits, - and _)`);
    }
    if (new Set(serviceNames).size !== serviceNames.length) throw new Error(`${where}: serviceNames [${serviceNames.join(', ')}] repeat a service`);
    if (!Token.isUnresolved(ruleName) && !/^[.\-_A-Za-z0-9]{1,64}$/.test(ruleName)) {
      throw new Error(`${where}: rule name "${ruleName}" must be 1-64 letters, digits, ., - or _; pass ruleName when alarmName does not fit`);
    }

    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: ruleName,
      description: 'ECS tasks that failed to start, exited non-zero or failed health checks',
      eventPattern: JSON.stringify(failedTaskPattern(props.clusterArn, serviceNames)),
    });
    this.targets = props.topicArns.map(
      (arn, i) =>
        new CloudwatchEventTarget(this, `topic-${i}`, {
          rule: this.rule.name,
          arn,
          targetId: `alert-topic-${i}`,
          inputTransformer: {
            inputPaths: { task: '$.detail.taskArn', group: '$.detail.group', code: '$.detail.stopCode', reason: '$.detail.stoppedReason' },
            inputTemplate: '"ECS task <task> (<group>) stopped: <code>: <reason>"',
          },
        }),
    );
    this.alarm = notifyingAlarm(this, 'alarm', props, {
      alarmDescription: `Failed ECS tasks in ${props.clusterArn.split('/').pop()} (rule ${ruleName} matched) in the last 5 minutes; the topics also got each task's stop reason`,
      namespace: 'AWS/Events',
      metricName: 'TriggeredRules',
      dimensions: { RuleName: this.rule.name },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
  }
}
