import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig, CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/** Name and notifications of a construct that raises one alarm. */
export interface AlarmTargetProps {
  /** Alarm name (1-255 characters, no control characters), for example `<system>-<env>-api-5xx-rate`. */
  readonly alarmName: string;
  /** SNS topics notified when the alarm fires and when it clears: 1-5 (the CloudWatch limit per state). */
  readonly topicArns: readonly string[];
}

/**
 * How periods without data count. Every alarm built here says which it uses and why: most of these
 * metrics are only reported while something happens (requests, sign-ins, blocks), so their
 * absence is "nothing wrong" (`notBreaching`).
 */
export type MissingDataTreatment = 'notBreaching' | 'breaching' | 'ignore' | 'missing';

/** What an alarm measures and when it fires: everything but its name and notifications. */
export type AlarmCondition = Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions' | 'insufficientDataActions' | 'treatMissingData'> & {
  readonly treatMissingData: MissingDataTreatment;
};

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const MAX_ACTIONS_PER_STATE = 5;

/** Rejects a bad alarm name or topic list; `where` names the construct. */
export function checkAlarmTarget(where: string, target: AlarmTargetProps): void {
  const { alarmName, topicArns } = target;
  if (!Token.isUnresolved(alarmName) && !/^[^\x00-\x1f\x7f]{1,255}$/.test(alarmName)) {
    throw new Error(`${where}: alarmName "${alarmName}" must be 1-255 characters without control characters`);
  }
  if (topicArns.length === 0 || topicArns.length > MAX_ACTIONS_PER_STATE) {
    throw new Error(`${where}: topicArns has ${topicArns.length} topics; pass 1-${MAX_ACTIONS_PER_STATE} (CloudWatch allows ${MAX_ACTIONS_PER_STATE} actions per alarm state)`);
  }
  for (const arn of topicArns) {
    if (!Token.isUnresolved(arn) && !SNS_TOPIC_ARN.test(arn)) throw new Error(`${where}: topicArns entry "${arn}" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)`);
  }
  if (new Set(topicArns).size !== topicArns.length) throw new Error(`${where}: topicArns [${topicArns.join(', ')}] repeat a topic; list each once`);
}

/** Rejects a threshold that is not a positive number (`integer`: a positive whole number). */
export function checkPositive(where: string, name: string, value: number, integer = false): void {
  if (!(Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value)))) {
    throw new Error(`${where}: ${name} ${value} must be a positive ${integer ? 'whole number' : 'number'}`);
  }
}

/** Rejects a percentage outside (0, 100]. */
export function checkPercent(where: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0 && value <= 100)) throw new Error(`${where}: ${name} ${value} is not a percentage (above 0, at most 100)`);
}

/** Rejects a window that is not 1-1440 whole minutes (a one-period alarm looks back at most a day). */
export function checkWindowMinutes(where: string, windowMinutes: number): void {
  if (!(Number.isInteger(windowMinutes) && windowMinutes >= 1 && windowMinutes <= 1440)) throw new Error(`${where}: windowMinutes ${windowMinutes} must be 1-1440`);
}

/** An alarm on a count of events (failed sign-ins, interventions) within one window. */
export interface EventCountProps {
  /**
   * Events within `windowMinutes` that fire.
   * @default 10
   */
  readonly threshold?: number;
  /**
   * @default 5
   */
  readonly windowMinutes?: number;
}

/**
 * The resolved window and threshold of an event-count alarm and the condition they give: one
 * period of the window, firing at threshold or more. Missing data is not breaching: these counts
 * are only reported while events happen.
 */
export function eventCountCondition(where: string, props: EventCountProps): { readonly threshold: number; readonly windowMinutes: number; readonly period: number; readonly condition: Pick<AlarmCondition, 'evaluationPeriods' | 'threshold' | 'comparisonOperator' | 'treatMissingData'> } {
  const threshold = props.threshold ?? 10;
  const windowMinutes = props.windowMinutes ?? 5;
  checkPositive(where, 'threshold', threshold, true);
  checkWindowMinutes(where, windowMinutes);
  return {
    threshold,
    windowMinutes,
    period: windowMinutes * 60,
    condition: { evaluationPeriods: 1, threshold, comparisonOperator: 'GreaterThanOrEqualToThreshold', treatMissingData: 'notBreaching' },
  };
}

/** One metric of a metric-math alarm, not itself returned (the expression over it is). */
export function mathInput(id: string, namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, stat: string, period: number): CloudwatchMetricAlarmMetricQuery {
  return { id, metric: { namespace, metricName, dimensions: { ...dimensions }, stat, period }, returnData: false };
}

/**
 * A CloudWatch metric alarm that notifies every topic when it fires (ALARM) and when it clears (OK),
 * so an incident is also seen to end.
 */
export function notifyingAlarm(scope: Construct, id: string, target: AlarmTargetProps, condition: AlarmCondition): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, { alarmName: target.alarmName, ...condition, alarmActions: [...target.topicArns], okActions: [...target.topicArns] });
}
