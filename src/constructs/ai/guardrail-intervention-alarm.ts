import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmTargetProps, EventCountProps, checkAlarmTarget, eventCountCondition, notifyingAlarm } from '../observability/notifying-alarm';

export interface GuardrailInterventionAlarmProps extends AlarmTargetProps, EventCountProps {
  /** ARN of the guardrail (`Guardrail.arn`; the `GuardrailArn` dimension). */
  readonly guardrailArn: string;
  /** Version the application calls (`Guardrail.versionNumber`, or `DRAFT`; the `GuardrailVersion` dimension). */
  readonly guardrailVersion: string;
}

/**
 * The seed's "Guardrail violation count": invocations in which a Bedrock guardrail blocked or masked
 * content (`AWS/Bedrock/Guardrails` `InvocationsIntervened` by `GuardrailArn` and `GuardrailVersion`,
 * input and output together) summed over a window, firing at `threshold` or more (10 in 5 minutes by
 * default; not 0, since masking PII such as a name counts as an intervention too). Missing data is
 * not breaching: the metric is only reported while the guardrail is called.
 */
export class GuardrailInterventionAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: GuardrailInterventionAlarmProps) {
    super(scope, id);
    const where = `GuardrailInterventionAlarm ${props.alarmName}`;
    checkAlarmTarget(where, props);
    const { threshold, windowMinutes, period, condition } = eventCountCondition(where, props);
    if (!Token.isUnresolved(props.guardrailArn) && !/^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:guardrail\/[a-z0-9]+$/.test(props.guardrailArn)) {
      throw new Error(`${where}: guardrailArn "${props.guardrailArn}" is not a guardrail ARN (arn:aws:bedrock:<region>:<account>:guardrail/<id>)`);
    }
    if (!Token.isUnresolved(props.guardrailVersion) && !/^(DRAFT|[1-9]\d{0,7})$/.test(props.guardrailVersion)) {
      throw new Error(`${where}: guardrailVersion "${props.guardrailVersion}" must be a version number or DRAFT`);
    }

    this.alarm = notifyingAlarm(this, 'alarm', props, {
      alarmDescription: `Bedrock guardrail ${props.guardrailArn} version ${props.guardrailVersion}: ${threshold} or more interventions (blocked or masked prompts and responses) in ${windowMinutes} minutes`,
      namespace: 'AWS/Bedrock/Guardrails',
      metricName: 'InvocationsIntervened',
      dimensions: { GuardrailArn: props.guardrailArn, GuardrailVersion: props.guardrailVersion },
      statistic: 'Sum',
      period,
      ...condition,
    });
  }
}
