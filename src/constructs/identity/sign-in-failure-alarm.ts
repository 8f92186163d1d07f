import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmTargetProps, EventCountProps, checkAlarmTarget, eventCountCondition, mathInput, notifyingAlarm } from '../observability/notifying-alarm';

export interface SignInFailureAlarmProps extends AlarmTargetProps, EventCountProps {
  /** The user pool (`<region>_<id>`, the `UserPool` dimension). */
  readonly userPoolId: string;
  /** The app client whose sign-ins count (the `UserPoolClient` dimension); one alarm per client. */
  readonly clientId: string;
}

/**
 * The seed's "Failed authentication attempts" for one app client of a Cognito user pool. Cognito
 * reports sign-ins as `AWS/Cognito` `SignInSuccesses` (per `UserPool` and `UserPoolClient`), one
 * sample per attempt valued 1 when it succeeded: `SampleCount` is the attempts, `Sum` the successes,
 * so the failures are their difference (metric math), firing at `threshold` or more failures in
 * the window (10 in 5 minutes by default). Missing data is not breaching: no data means
 * nobody tried to sign in.
 */
export class SignInFailureAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: SignInFailureAlarmProps) {
    super(scope, id);
    const where = `SignInFailureAlarm ${props.alarmName}`;
    checkAlarmTarget(where, props);
    const { threshold, windowMinutes, period, condition } = eventCountCondition(where, props);
    if (!Token.isUnresolved(props.userPoolId) && !/^[a-z]{2}(-[a-z]+)+-\d_[0-9a-zA-Z]+$/.test(props.userPoolId)) {
      throw new Error(`${where}: userPoolId "${props.userPoolId}" is not a user pool ID (<region>_<id>, for example us-east-1_AbCdEf123)`);
    }
    if (!Token.isUnresolved(props.clientId) && !/^[\w+]{1,128}$/.test(props.clientId)) throw new Error(`${where}: clientId "${props.clientId}" is not an app client ID`);

    const dimensions = { UserPool: props.userPoolId, UserPoolClient: props.clientId };
    this.alarm = notifyingAlarm(this, 'alarm', props, {
      alarmDescription: `Cognito ${props.userPoolId} client ${props.clientId}: ${threshold} or more failed sign-ins in ${windowMinutes} minutes (password guessing or credential stuffing)`,
      metricQuery: [
        mathInput('attempts', 'AWS/Cognito', 'SignInSuccesses', dimensions, 'SampleCount', period),
        mathInput('successes', 'AWS/Cognito', 'SignInSuccesses', dimensions, 'Sum', period),
        { id: 'failures', expression: 'attempts - successes', label: 'Failed sign-ins', returnData: true },
      ],
      ...condition,
    });
  }
}
