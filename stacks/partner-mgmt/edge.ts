import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { PARTNER_FUNCTIONS, PARTNER_FUNCTION_NAMES } from '../../src/config/systems/partner-mgmt/functions';
import { GLOBAL_SERVICES_REGION } from '../../src/config/types';
import { CloudFrontWebAcl } from '../../src/constructs/edge/cloudfront-web-acl';
import { DnsFailover } from '../../src/constructs/edge/dns-failover';
import { DnsValidatedCertificate } from '../../src/constructs/edge/dns-validated-certificate';
import { PublicHostedZone } from '../../src/constructs/edge/public-hosted-zone';
import { StaticSiteDistribution } from '../../src/constructs/edge/static-site-distribution';
import { LayerContext, LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { sampleToken } from '../../src/core/samples';
import { outputName } from './data';
import { PARTNER_METRICS_NAMESPACE } from './shared';

/** Base path of the API on its custom domain: CloudFront's `/api/*` reaches the stage with `/api` stripped. */
const API_BASE_PATH = 'api';

/** One region's API behind `api.<domain>`. */
interface RegionalApi {
  readonly regionalDomainName: string;
  readonly regionalZoneId: string;
  readonly healthAlarmName: string;
  readonly region: string;
}

/**
 * Partner management edge layer: the dashboard on CloudFront (private S3 origin, security headers,
 * SPA routing, `/api/*` to the API with the dashboard's key injected, CLOUDFRONT-scope WAF, logs),
 * `dashboard.<domain>` and `api.<domain>` with their certificates and the API custom domains, DNS
 * failover of `api.<domain>` between the primary and the standby in prod, and the seed's dashboards
 * and alarms (error rates, p95/p99 latency, throttles, DLQ depth, DynamoDB throttles).
 */
export class PartnerEdgeStack extends LayerStack {
  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'edge', context);
    const { config, prefix } = this;
    const edge = this.section('edge');
    const network = this.upstream('network');
    const data = this.upstream('data');
    const compute = this.upstream('compute');
    const account = config.accountId;
    const domain = edge.domainName;
    const dashboardName = `dashboard.${domain}`;
    const apiName = `api.${domain}`;
    const logsKey = network.string('logs_kms_key_arn');
    const retention = config.compute?.logRetentionDays ?? 30;
    const standby = config.compute?.standbyInSecondaryRegion === true;
    // CloudFront's certificate, WAF and logs live in us-east-1 (the primary region here, so no alias).
    const global = this.providerFor(GLOBAL_SERVICES_REGION);

    // --- Zone and certificates: one for the dashboard and the primary API, one in the DR region.
    const zone = new PublicHostedZone(this, 'public-zone', { domainName: domain, existingZoneId: edge.hostedZoneId });
    const certificate = new DnsValidatedCertificate(this, 'certificate', { domainName: dashboardName, subjectAlternativeNames: [apiName], hostedZoneId: zone.zoneId, provider: global });

    // --- API custom domains (TLS 1.2) per region and the failover between them.
    const apis: RegionalApi[] = [this.regionalApi('', compute, apiName, certificate.arn, undefined)];
    if (standby) {
      const drCertificate = new DnsValidatedCertificate(this, 'dr-certificate', { domainName: apiName, hostedZoneId: zone.zoneId, provider: this.secondaryProvider });
      apis.push(this.regionalApi('dr', compute, apiName, drCertificate.arn, this.secondaryProvider));
    }
    if (apis.length === 2) {
      // Health from each region's health-check metric (no unauthenticated route needed).
      const target = (api: RegionalApi) => ({ dnsName: api.regionalDomainName, zoneId: api.regionalZoneId, healthCheck: { kind: 'alarm' as const, alarmName: api.healthAlarmName, region: api.region } });
      new DnsFailover(this, 'api-failover', { hostedZoneId: zone.zoneId, recordName: apiName, primary: target(apis[0]), secondary: target(apis[1]) });
    } else {
      new Route53Record(this, 'api-record', { zoneId: zone.zoneId, name: apiName, type: 'A', alias: { name: apis[0].regionalDomainName, zoneId: apis[0].regionalZoneId, evaluateTargetHealth: true } });
    }

    // --- The dashboard: CloudFront over the site bucket, `/api/*` to api.<domain> with the key injected.
    const waf = new CloudFrontWebAcl(this, 'cdn-waf', {
      name: `${prefix}-cdn`,
      accountId: account,
      rateLimit: edge.wafRateLimit ?? 2000,
      rateLimitPathPrefix: '/api/',
      blockAnonymousIps: config.env === 'prod',
      logRetentionDays: retention,
      logsKmsKeyArn: logsKey,
      provider: global,
    });
    const site = new StaticSiteDistribution(this, 'dashboard', {
      name: `${prefix}-dashboard`,
      accountId: account,
      siteBucket: { regionalDomainName: data.string('frontend_site_bucket_regional_domain_name'), arn: data.string('frontend_site_bucket_arn') },
      api: { domainName: apiName, pathPattern: '/api/*', customHeaders: { 'x-api-key': compute.string('dashboard_api_key_value') } },
      aliases: [dashboardName],
      certificateArn: certificate.arn,
      webAclArn: waf.arn,
      accessLogs: { retentionDays: retention, kmsKeyArn: logsKey },
      // Error responses would turn the API's 4xx into index.html; the rewrite touches the site only.
      spaRouting: 'rewrite-function',
      provider: global,
    });
    for (const type of ['A', 'AAAA'] as const) {
      new Route53Record(this, `dashboard-record-${type.toLowerCase()}`, { zoneId: zone.zoneId, name: dashboardName, type, alias: { name: site.domainName, zoneId: site.hostedZoneId, evaluateTargetHealth: false } });
    }

    // --- Alarms and dashboards.
    this.alarmsAndDashboards(network, data, compute);

    this.publish('dashboard_url', `https://${dashboardName}`, { description: 'URL of the partner dashboard', sample: `https://${dashboardName}` });
    this.publish('api_url', `https://${apiName}/${API_BASE_PATH}`, { description: 'Public base URL of the API (DNS failover in prod)', sample: `https://${apiName}/${API_BASE_PATH}` });
    this.publish('cloudfront_distribution_id', site.id, { description: 'ID of the dashboard distribution (cache invalidations after a deploy)', sample: `E${sampleToken(`${this.node.id}:cf`, 13).toUpperCase()}` });
    this.publish('hosted_zone_id', zone.zoneId, { description: `Route 53 zone of ${domain}`, sample: edge.hostedZoneId ?? `Z${sampleToken(`${this.node.id}:zone`, 20).toUpperCase()}` });
    this.publish('hosted_zone_name_servers', zone.nameServers, { description: 'Name servers to delegate the domain to (empty with an existing zone)', sample: edge.hostedZoneId ? [] : ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.co.uk', 'ns-3.awsdns-03.com', 'ns-4.awsdns-04.net'] });
  }

  /** `api.<domain>` as a regional custom domain of one region's API, and that region's health alarm. */
  private regionalApi(label: string, compute: RemoteLayer, apiName: string, certificateArn: string, provider: TerraformProvider | undefined): RegionalApi {
    // The primary's alarm pages (the service is down there: Route 53 fails over); the standby's warns
    // (failover would have nowhere to go). Each notifies a topic of its own region.
    const topic = this.upstream('network').string(label ? `${label}_warning_alerts_topic_arn` : 'critical_alerts_topic_arn');
    const id = (name: string) => (label ? `${label}-${name}` : name);
    const out = (name: string) => (label ? `${label}_${name}` : name);
    const region = label ? this.config.secondaryRegion! : this.config.region;
    const domainName = new ApiGatewayDomainName(this, id('api-domain'), {
      domainName: apiName,
      regionalCertificateArn: certificateArn,
      endpointConfiguration: { types: ['REGIONAL'] },
      securityPolicy: 'TLS_1_2',
      provider,
    });
    new ApiGatewayBasePathMapping(this, id('api-mapping'), { apiId: compute.string(out('api_id')), stageName: compute.string(out('api_stage_name')), domainName: domainName.domainName, basePath: API_BASE_PATH, provider });
    const alarmName = `${this.prefix}${label ? `-${label}` : ''}-service-health`;
    new CloudwatchMetricAlarm(this, id('health-alarm'), {
      alarmName,
      alarmDescription: `The health check in ${region} reports the service unhealthy, or stopped reporting: Route 53 fails api.${this.section('edge').domainName} over`,
      namespace: PARTNER_METRICS_NAMESPACE,
      metricName: 'Healthy',
      dimensions: { Environment: this.config.env },
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      // Route 53's failover health check reads both.
      alarmActions: [topic],
      okActions: [topic],
      provider,
    });
    return { regionalDomainName: domainName.regionalDomainName, regionalZoneId: domainName.regionalZoneId, healthAlarmName: alarmName, region };
  }

  private alarmsAndDashboards(network: RemoteLayer, data: RemoteLayer, compute: RemoteLayer): void {
    const { prefix, config } = this;
    const region = config.region;
    const critical = network.string('critical_alerts_topic_arn');
    const warning = network.string('warning_alerts_topic_arn');
    const alarm = (id: string, spec: Omit<CloudwatchMetricAlarmConfig, 'alarmActions' | 'okActions'>, topic: string) =>
      new CloudwatchMetricAlarm(this, id, { treatMissingData: 'notBreaching', ...spec, alarmActions: [topic], okActions: [topic] });
    const apiName = `${prefix}-api`;
    const stage = compute.string('api_stage_name');
    const apiDims = { ApiName: apiName, Stage: stage };

    // API: 5XX rate (critical), p95 and p99 latency (warning).
    new CloudwatchMetricAlarm(this, 'alarm-api-5xx-rate', {
      alarmName: `${prefix}-api-5xx-rate`,
      alarmDescription: 'More than 5 % of API requests failed with 5XX over 5 minutes',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 5,
      evaluationPeriods: 1,
      treatMissingData: 'notBreaching',
      metricQuery: [
        { id: 'errors', metric: { namespace: 'AWS/ApiGateway', metricName: '5XXError', dimensions: apiDims, period: 300, stat: 'Sum' } },
        { id: 'requests', metric: { namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: apiDims, period: 300, stat: 'Sum' } },
        { id: 'rate', expression: 'IF(requests > 0, 100 * errors / requests, 0)', label: '5XX %', returnData: true },
      ],
      alarmActions: [critical],
      okActions: [critical],
    });
    for (const [p, seconds] of [['p95', 2], ['p99', 5]] as const) {
      alarm(`alarm-api-latency-${p}`, { alarmName: `${prefix}-api-latency-${p}`, alarmDescription: `API ${p} latency above ${seconds} s`, namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensions: apiDims, extendedStatistic: p, period: 300, evaluationPeriods: 3, threshold: seconds * 1000, comparisonOperator: 'GreaterThanThreshold' }, warning);
    }

    // Functions: throttles, and p99 duration close to the timeout (errors alarm in the compute layer).
    for (const name of PARTNER_FUNCTION_NAMES) {
      const fn = compute.string(`${outputName(name)}_function_name`);
      alarm(`alarm-${name}-throttles`, { alarmName: `${prefix}-${name}-throttles`, alarmDescription: `${name} was throttled (reserved concurrency exhausted)`, namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: fn }, statistic: 'Sum', period: 300, evaluationPeriods: 1, threshold: 0, comparisonOperator: 'GreaterThanThreshold' }, warning);
      const timeoutMs = (config.compute?.functions?.[name]?.timeoutSeconds ?? PARTNER_FUNCTIONS[name].timeoutSeconds) * 1000;
      alarm(`alarm-${name}-duration-p99`, { alarmName: `${prefix}-${name}-duration-p99`, alarmDescription: `${name} p99 duration above 80 % of its timeout`, namespace: 'AWS/Lambda', metricName: 'Duration', dimensions: { FunctionName: fn }, extendedStatistic: 'p99', period: 300, evaluationPeriods: 3, threshold: Math.round(timeoutMs * 0.8), comparisonOperator: 'GreaterThanThreshold' }, warning);
      alarm(`alarm-${name}-dlq`, { alarmName: `${prefix}-${name}-dlq-depth`, alarmDescription: `${name} has failed asynchronous events in its dead-letter queue`, namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: compute.string(`${outputName(name)}_function_dlq_name`) }, statistic: 'Maximum', period: 300, evaluationPeriods: 1, threshold: 0, comparisonOperator: 'GreaterThanThreshold' }, warning);
    }
    for (const [id, output] of [['events', 'events_dlq_name'], ['stream', 'stream_dlq_name']] as const) {
      alarm(`alarm-${id}-dlq`, { alarmName: `${prefix}-${id}-dlq-depth`, alarmDescription: `Messages in the ${id} dead-letter queue`, namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: compute.string(output) }, statistic: 'Maximum', period: 300, evaluationPeriods: 1, threshold: 0, comparisonOperator: 'GreaterThanThreshold' }, warning);
    }

    // DynamoDB throttles per table.
    const tables = Object.keys(config.data?.tables ?? {}).map((key) => data.string(`${outputName(key)}_table_name`));
    Object.keys(config.data?.tables ?? {}).forEach((key, i) => {
      alarm(`alarm-table-${key}-throttles`, { alarmName: `${prefix}-${key}-throttles`, alarmDescription: `Requests to ${key} were throttled`, namespace: 'AWS/DynamoDB', metricName: 'ThrottledRequests', dimensions: { TableName: tables[i] }, statistic: 'Sum', period: 300, evaluationPeriods: 1, threshold: 0, comparisonOperator: 'GreaterThanThreshold' }, warning);
    });

    // The operations and business dashboards.
    const fnMetric = (metric: string, stat: string) => PARTNER_FUNCTION_NAMES.map((name) => ['AWS/Lambda', metric, 'FunctionName', compute.string(`${outputName(name)}_function_name`), { stat, label: name }]);
    const widget = (title: string, metrics: unknown[], x: number, y: number) => ({ type: 'metric', x, y, width: 12, height: 6, properties: { title, region, view: 'timeSeries', period: 300, metrics } });
    new CloudwatchDashboard(this, 'dashboard-operations', {
      dashboardName: `${prefix}-operations`,
      dashboardBody: JSON.stringify({
        widgets: [
          widget('Lambda errors', fnMetric('Errors', 'Sum'), 0, 0),
          widget('Lambda duration p99 (ms)', fnMetric('Duration', 'p99'), 12, 0),
          widget('Lambda throttles', fnMetric('Throttles', 'Sum'), 0, 6),
          widget('API requests, 4XX, 5XX', ['Count', '4XXError', '5XXError'].map((m) => ['AWS/ApiGateway', m, 'ApiName', apiName, 'Stage', stage, { stat: 'Sum', label: m }]), 12, 6),
          widget('API latency p50/p95/p99 (ms)', ['p50', 'p95', 'p99'].map((p) => ['AWS/ApiGateway', 'Latency', 'ApiName', apiName, 'Stage', stage, { stat: p, label: p }]), 0, 12),
          widget('DynamoDB throttled requests', tables.map((t) => ['AWS/DynamoDB', 'ThrottledRequests', 'TableName', t, { stat: 'Sum' }]), 12, 12),
        ],
      }),
    });
    new CloudwatchDashboard(this, 'dashboard-business', {
      dashboardName: `${prefix}-business`,
      dashboardBody: JSON.stringify({
        widgets: [
          widget('Analyses requested / completed / failed', ['AnalysesRequested', 'AnalysesCompleted', 'AnalysesFailed'].map((m) => [PARTNER_METRICS_NAMESPACE, m, 'Environment', config.env, { stat: 'Sum', label: m }]), 0, 0),
          widget('Analysis time p95 (s)', [[PARTNER_METRICS_NAMESPACE, 'AnalysisSeconds', 'Environment', config.env, { stat: 'p95' }]], 12, 0),
          widget('Funding identified (USD)', [[PARTNER_METRICS_NAMESPACE, 'FundingIdentifiedUsd', 'Environment', config.env, { stat: 'Sum' }]], 0, 6),
          widget('Service health', [[PARTNER_METRICS_NAMESPACE, 'Healthy', 'Environment', config.env, { stat: 'Minimum' }]], 12, 6),
        ],
      }),
    });
  }
}
