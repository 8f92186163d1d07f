import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformProvider } from 'cdktf';
import { DnsFailover } from '../../src/constructs/edge/dns-failover';
import { LayerStack, RemoteLayer } from '../../src/core/layer-stack';

/** One region's API as the compute layer publishes it (`dr_` outputs for the standby). */
export interface RegionalApiOutputs {
  readonly region: string;
  readonly provider?: TerraformProvider;
  /** The compute layer's custom domain of this region (`api-east.<domain>`, `api-west.<domain>`). */
  readonly endpointName: string;
  readonly endpointRegionalDomainName: string;
  readonly endpointRegionalZoneId: string;
  readonly restApiId: string;
  readonly stageName: string;
  /** ACM certificate for `*.<domain>` in this region (network layer). */
  readonly certificateArn: string;
  /** The internal ALB and the target group of the default service (conversation-manager): the region's health. */
  readonly albArnSuffix: string;
  readonly targetGroupArnSuffix: string;
}

export interface BirdAgentDnsInputs {
  readonly hostedZoneId: string;
  /** The public name of the API, `<edge.apiSubdomain>.<domain>`. */
  readonly apiName: string;
  readonly primary: RegionalApiOutputs;
  /** The standby API (prod): with it `apiName` fails over. */
  readonly secondary?: RegionalApiOutputs;
  /** Notified when the primary region turns unhealthy (Route 53 then answers with the standby). */
  readonly criticalTopicArn: string;
  /**
   * Notified when the standby turns unhealthy (failover would have nowhere to go): a topic in the
   * standby's region, since an alarm can only notify topics of its own. Required with `secondary`.
   */
  readonly standbyWarningTopicArn?: string;
}

/** What the DNS step built. */
export interface BirdAgentDns {
  /** Route 53 records of the regional endpoint names, by name. */
  readonly endpointRecords: Readonly<Record<string, Route53Record>>;
  /** `apiName` as a regional custom domain in each region, primary first. */
  readonly apiDomains: readonly ApiGatewayDomainName[];
  /** The failover of `apiName` (prod), or its plain alias record. */
  readonly failover?: DnsFailover;
  readonly apiRecord?: Route53Record;
  /** The health alarms Route 53 reads, primary first (prod). */
  readonly healthAlarms: readonly CloudwatchMetricAlarm[];
  /** Their names, primary first. */
  readonly healthAlarmNames: readonly string[];
}

/**
 * The API's names in Route 53: an alias record for each regional custom domain the compute layer
 * created (`api-east.<domain>`, in prod also `api-west.<domain>` in us-west-2), and the public name
 * `api.<domain>` as a custom domain of each region's API (API Gateway answers only names it has as
 * custom domains, so the failover name needs its own in both regions). In prod `api.<domain>` fails
 * over: PRIMARY (us-east-1) while its health check passes, else SECONDARY (us-west-2).
 *
 * The health checks read a CloudWatch alarm per region, not an HTTPS probe: the API's only method
 * is IAM-signed, and Route 53 checkers send no credentials, so any probe of `api-east` would be
 * answered 403 and count as down (an unauthenticated health route is what APIG-03 forbids). Each
 * region is healthy while its internal ALB has a healthy conversation-manager target (the seed's
 * target group check: `/health` every 30 s, unhealthy after 3 failures); the alarm fires after 3
 * minutes without one, and a region that stops reporting counts as down.
 */
export function addApiDns(stack: LayerStack, inputs: BirdAgentDnsInputs): BirdAgentDns {
  const { prefix } = stack;
  const regions = inputs.secondary ? [inputs.primary, inputs.secondary] : [inputs.primary];
  const label = (i: number) => (i === 0 ? '' : 'dr-');

  const endpointRecords: Record<string, Route53Record> = {};
  regions.forEach((api, i) => {
    endpointRecords[api.endpointName] = new Route53Record(stack, `${label(i)}endpoint-record`, {
      zoneId: inputs.hostedZoneId,
      name: api.endpointName,
      type: 'A',
      alias: { name: api.endpointRegionalDomainName, zoneId: api.endpointRegionalZoneId, evaluateTargetHealth: true },
    });
  });

  const apiDomains = regions.map((api, i) => {
    const domain = new ApiGatewayDomainName(stack, `${label(i)}api-domain`, {
      domainName: inputs.apiName,
      regionalCertificateArn: api.certificateArn,
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: 'TLS_1_2',
      provider: api.provider,
    });
    // Root mapping: the same paths as on the regional names (`/api/v1/agents/process`).
    new ApiGatewayBasePathMapping(stack, `${label(i)}api-base-path`, { apiId: api.restApiId, stageName: api.stageName, domainName: domain.domainName, provider: api.provider });
    return domain;
  });

  if (!inputs.secondary) {
    const apiRecord = new Route53Record(stack, 'api-record', {
      zoneId: inputs.hostedZoneId,
      name: inputs.apiName,
      type: 'A',
      alias: { name: apiDomains[0].regionalDomainName, zoneId: apiDomains[0].regionalZoneId, evaluateTargetHealth: true },
    });
    return { endpointRecords, apiDomains, apiRecord, healthAlarms: [], healthAlarmNames: [] };
  }

  const healthAlarmNames = regions.map((api) => `${prefix}-${api.endpointName.split('.')[0]}-health`);
  if (!inputs.standbyWarningTopicArn) throw new Error(`${stack.node.id}: the standby API's health alarm needs standbyWarningTopicArn, a topic in ${regions[1].region} (the network layer's dr_warning_alerts_topic_arn)`);
  const topics = [inputs.criticalTopicArn, inputs.standbyWarningTopicArn];
  const healthAlarms = regions.map((api, i) => {
    return new CloudwatchMetricAlarm(stack, `${label(i)}health-alarm`, {
      alarmName: healthAlarmNames[i],
      alarmDescription: `${api.endpointName} (${api.region}) has no healthy conversation-manager target behind its ALB for 3 minutes: Route 53 ${i === 0 ? `answers ${inputs.apiName} with the standby` : 'stops failing over to this region'}`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'HealthyHostCount',
      dimensions: { LoadBalancer: api.albArnSuffix, TargetGroup: api.targetGroupArnSuffix },
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      // A load balancer that stops reporting is no healthier than one without targets.
      treatMissingData: 'breaching',
      // Alarm actions reach topics of the alarm's own region: the primary's pages on-call, the
      // standby's warns through the standby region's topic; Route 53 reads both.
      alarmActions: [topics[i]],
      okActions: [topics[i]],
      provider: api.provider,
    });
  });
  const target = (i: number) => ({
    dnsName: apiDomains[i].regionalDomainName,
    zoneId: apiDomains[i].regionalZoneId,
    // By reference: the health check is created after its alarm exists.
    healthCheck: { kind: 'alarm' as const, alarmName: healthAlarms[i].alarmName, region: regions[i].region },
  });
  const failover = new DnsFailover(stack, 'api-failover', { hostedZoneId: inputs.hostedZoneId, recordName: inputs.apiName, primary: target(0), secondary: target(1) });
  return { endpointRecords, apiDomains, failover, healthAlarms, healthAlarmNames };
}

/** The compute layer's outputs of one region's API (`dr` for the standby). */
export function regionalApiOutputs(stack: LayerStack, compute: RemoteLayer, network: RemoteLayer, label: '' | 'dr', endpointName: string): RegionalApiOutputs {
  const out = (name: string) => (label ? `dr_${name}` : name);
  const standby = label === 'dr';
  return {
    region: standby ? stack.config.secondaryRegion! : stack.config.region,
    provider: standby ? stack.secondaryProvider : undefined,
    endpointName,
    endpointRegionalDomainName: compute.string(out('rest_api_regional_domain_name')),
    endpointRegionalZoneId: compute.string(out('rest_api_regional_zone_id')),
    restApiId: compute.string(out('rest_api_id')),
    stageName: compute.string(out('rest_api_stage_name')),
    certificateArn: network.string(out('certificate_arn')),
    albArnSuffix: compute.string(out('alb_arn_suffix')),
    targetGroupArnSuffix: compute.string(out('conversation_manager_target_group_arn_suffix')),
  };
}
