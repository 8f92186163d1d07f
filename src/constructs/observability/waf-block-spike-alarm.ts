import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { CLOUDFRONT_REGION, providerRegion, requireCloudFrontRegion } from '../edge/global-region';
import { AlarmTargetProps, checkAlarmTarget, checkPositive, notifyingAlarm } from './notifying-alarm';

export interface WafBlockSpikeAlarmProps extends AlarmTargetProps, ProviderScopedProps {
  /**
   * The web ACL's metric name (`visibility_config.metric_name`, the `WebACL` dimension; not
   * necessarily the ACL's name).
   */
  readonly webAclMetricName: string;
  /**
   * Scope of the web ACL. CLOUDFRONT metrics are reported in us-east-1 without a `Region`
   * dimension, so the alarm must be created there (pass a us-east-1 provider); REGIONAL metrics
   * carry the `region`.
   */
  readonly scope: 'CLOUDFRONT' | 'REGIONAL';
  /**
   * Region of a REGIONAL web ACL (the `Region` dimension); not for CLOUDFRONT.
   * @default - none (CLOUDFRONT)
   */
  readonly region?: string;
  /**
   * Width of the expected band in standard deviations: lower is more sensitive.
   * @default 2
   */
  readonly bandWidth?: number;
  /**
   * Consecutive 5-minute periods above the band that fire.
   * @default 1
   */
  readonly evaluationPeriods?: number;
}

const PERIOD_SECONDS = 300;

/**
 * The seed's "WAF block count spike": the web ACL's blocked requests (`AWS/WAFV2` `BlockedRequests`,
 * `Rule=ALL`) summed per 5 minutes against a CloudWatch anomaly-detection band
 * (`ANOMALY_DETECTION_BAND`, which learns the ACL's daily and weekly pattern), firing when the count
 * rises above the band. A fixed threshold would either page on every scanner or miss an attack on a
 * quiet site. The model needs about two weeks of data to settle. Missing data is not breaching: WAF
 * reports blocks only when there are some.
 */
export class WafBlockSpikeAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: WafBlockSpikeAlarmProps) {
    super(scope, id);
    const where = `WafBlockSpikeAlarm ${props.alarmName}`;
    const bandWidth = props.bandWidth ?? 2;
    const evaluationPeriods = props.evaluationPeriods ?? 1;
    checkAlarmTarget(where, props);
    if (!Token.isUnresolved(props.webAclMetricName) && !/^[A-Za-z0-9_-]{1,128}$/.test(props.webAclMetricName)) {
      throw new Error(`${where}: webAclMetricName "${props.webAclMetricName}" is not a WAF metric name (1-128 letters, digits, - and _)`);
    }
    checkPositive(where, 'bandWidth', bandWidth);
    checkPositive(where, 'evaluationPeriods', evaluationPeriods, true);
    if (props.scope === 'CLOUDFRONT') {
      if (props.region !== undefined) throw new Error(`${where}: region "${props.region}" is set for a CLOUDFRONT-scope web ACL, whose metrics have no Region dimension; omit it`);
      requireCloudFrontRegion(this, props.provider, where, 'an alarm on a CLOUDFRONT-scope web ACL (its metrics are reported there only)');
    } else {
      if (props.region === undefined || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
        throw new Error(`${where}: region "${props.region ?? ''}" is not a region; a REGIONAL web ACL's metrics carry its region (for example us-east-1)`);
      }
      const alarmRegion = providerRegion(this, props.provider);
      if (alarmRegion !== undefined && alarmRegion !== props.region) {
        throw new Error(`${where}: its provider is in ${alarmRegion}, but the web ACL's metrics are in ${props.region}; create the alarm on a ${props.region} provider`);
      }
    }

    const dimensions: Record<string, string> = { WebACL: props.webAclMetricName, Rule: 'ALL' };
    if (props.region !== undefined) dimensions.Region = props.region;
    this.alarm = notifyingAlarm(this, 'alarm', props, {
      alarmDescription: `WAF ${props.webAclMetricName} (${props.scope === 'CLOUDFRONT' ? `CloudFront, ${CLOUDFRONT_REGION}` : props.region}): blocked requests above the expected band (${bandWidth} standard deviations) for ${evaluationPeriods * 5} minutes`,
      metricQuery: [
        { id: 'blocked', metric: { namespace: 'AWS/WAFV2', metricName: 'BlockedRequests', dimensions, stat: 'Sum', period: PERIOD_SECONDS }, returnData: true },
        { id: 'expected', expression: `ANOMALY_DETECTION_BAND(blocked, ${bandWidth})`, label: 'BlockedRequests (expected)', returnData: true },
      ],
      thresholdMetricId: 'expected',
      comparisonOperator: 'GreaterThanUpperThreshold',
      evaluationPeriods,
      treatMissingData: 'notBreaching',
    });
    useProvider(this, props.provider);
  }
}
