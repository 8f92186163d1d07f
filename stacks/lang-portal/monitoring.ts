import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { auroraLocalStorageBytes } from '../../src/config/aws-catalog';
import { Fn, Token } from 'cdktf';
import { auroraMaxConnections } from '../../src/config/layers/databases';
import { APPS, ContainerApp, SITES } from '../../src/config/systems/lang-portal/apps';
import { GuardrailInterventionAlarm } from '../../src/constructs/ai/guardrail-intervention-alarm';
import { AuroraAlarms } from '../../src/constructs/database/aurora-alarms';
import { StaticSiteDistribution } from '../../src/constructs/edge/static-site-distribution';
import { SignInFailureAlarm } from '../../src/constructs/identity/sign-in-failure-alarm';
import { ApiErrorRateAlarm } from '../../src/constructs/observability/api-error-rate-alarm';
import { ApiLatencyAlarm } from '../../src/constructs/observability/api-latency-alarm';
import { ApiMetricSource, apiMetrics } from '../../src/constructs/observability/api-metric-source';
import { ApplicationInsights } from '../../src/constructs/observability/application-insights';
import { WafBlockSpikeAlarm } from '../../src/constructs/observability/waf-block-spike-alarm';
import { LayerStack } from '../../src/core/layer-stack';
import { outputName } from './data';
import { LangPortalEdgeInputs, LangPortalWebAcls, SiteName } from './edge-sites';


/** Where the requests of an app are measured, by app name (the ALB target group or its HTTP API); internal apps have none. */
export type ApiSources = Readonly<Record<string, ApiMetricSource>>;

/** The request sources of the public apps: HTTP API apps by their API, ALB apps by their target group. */
export function apiSources(inputs: LangPortalEdgeInputs): ApiSources {
  const sources: Record<string, ApiMetricSource> = {};
  for (const app of APPS) {
    // The API apps are measured at their site's HTTP API (one per site).
    const site = SITES.find((s) => s.api === app.name);
    if (app.ingress.via === 'api' && site) sources[app.name] = { kind: 'http-api', apiId: inputs.apiId(site.name) };
    if (app.ingress.via === 'alb') {
      sources[app.name] = {
        kind: 'target-group',
        loadBalancerArnSuffix: inputs.compute.string('alb_arn_suffix'),
        targetGroupArnSuffix: inputs.compute.string(`${outputName(app.name)}_target_group_arn_suffix`),
      };
    }
  }
  return sources;
}

/** What the monitoring step built. */
export interface LangPortalMonitoring {
  readonly applicationInsights: ApplicationInsights;
  /** One dashboard per app, by app name, and the edge dashboard. */
  readonly dashboards: Readonly<Record<string, CloudwatchDashboard>>;
}

type MetricLine = readonly (string | { readonly stat?: string; readonly label?: string })[];

/**
 * The environment's monitoring: Application Insights over every resource tagged with its project,
 * system and environment (the providers' default tags), a dashboard per service and one for the
 * edge, and the seed's alarms to the network's alert topics. Critical (pages): 5xx rate, WAF block
 * spikes and failed sign-ins ("hack attempts"), guardrail interventions, database connections.
 * Warning: p95 latency, database read latency and local storage. The compute layer alarms on ECS
 * CPU/memory and failed tasks.
 */
export function addMonitoring(stack: LayerStack, inputs: LangPortalEdgeInputs, sites: Record<SiteName, StaticSiteDistribution>, waf: LangPortalWebAcls): LangPortalMonitoring {
  const { config, prefix } = stack;
  const { network, data, ai } = inputs;
  const critical = [network.string('critical_alerts_topic_arn')];
  const warning = [network.string('warning_alerts_topic_arn')];
  const sources = apiSources(inputs);

  const applicationInsights = new ApplicationInsights(stack, 'application-insights', {
    name: prefix,
    tagFilters: { Project: config.project ?? config.system, System: config.system, Environment: config.env },
  });

  // --- Application health: the seed's 5xx rate and p95 latency per public app.
  for (const [app, source] of Object.entries(sources)) {
    new ApiErrorRateAlarm(stack, `alarm-${app}-5xx-rate`, { alarmName: `${prefix}-${app}-5xx-rate`, topicArns: critical, source, thresholdPercent: 5 });
    new ApiLatencyAlarm(stack, `alarm-${app}-latency-p95`, { alarmName: `${prefix}-${app}-latency-p95`, topicArns: warning, source, thresholdSeconds: 1, percentile: 95 });
  }

  // --- Security: WAF block spikes on both ACLs, failed sign-ins per app client, guardrail interventions.
  new WafBlockSpikeAlarm(stack, 'alarm-cloudfront-waf-blocks', { alarmName: `${prefix}-cloudfront-waf-block-spike`, topicArns: critical, webAclMetricName: waf.metricNames.cloudFront, scope: 'CLOUDFRONT', provider: inputs.global });
  new WafBlockSpikeAlarm(stack, 'alarm-alb-waf-blocks', { alarmName: `${prefix}-alb-waf-block-spike`, topicArns: critical, webAclMetricName: waf.metricNames.regional, scope: 'REGIONAL', region: config.region });
  const userPoolId = data.string('cognito_user_pool_id');
  for (const client of Object.keys(stack.section('data').userPool?.appClients ?? {})) {
    new SignInFailureAlarm(stack, `alarm-${client}-sign-in-failures`, { alarmName: `${prefix}-${client}-sign-in-failures`, topicArns: critical, userPoolId, clientId: data.string(`cognito_${outputName(client)}_client_id`) });
  }
  new GuardrailInterventionAlarm(stack, 'alarm-guardrail-interventions', { alarmName: `${prefix}-guardrail-interventions`, topicArns: critical, guardrailArn: ai.string('guardrail_arn'), guardrailVersion: ai.string('guardrail_version') });

  // --- Databases: connections over 80 % of max_connections, local storage under 20 % free per instance.
  for (const [name, db] of Object.entries(stack.section('data').databases ?? {})) {
    const d = outputName(name);
    // The data layer publishes the same figure (<d>_max_connections), but the alarm needs it at synth, not as a remote-state reference.
    const instances = data.list(`${d}_instance_identifiers`);
    new AuroraAlarms(stack, `alarms-${name}-aurora`, {
      clusterIdentifier: data.string(`${d}_cluster_identifier`),
      criticalTopicArn: critical[0],
      warningTopicArn: warning[0],
      maxConnections: auroraMaxConnections(db.instanceClass),
      connectionsPercent: 80,
      localStorage: {
        // Writer first, then the readers: one alarm per instance.
        instanceIdentifiers: Array.from({ length: 1 + db.readerCount }, (_, i) => Token.asString(Fn.element(instances, i))),
        bytesPerInstance: auroraLocalStorageBytes(db.instanceClass),
        minimumFreePercent: 20,
      },
    });
  }

  // --- Dashboards: one per service, one for the edge.
  const dashboards: Record<string, CloudwatchDashboard> = {};
  for (const app of APPS) dashboards[app.name] = serviceDashboard(stack, inputs, app, sources[app.name]);
  dashboards.edge = edgeDashboard(stack, inputs, sites, waf);
  return { applicationInsights, dashboards };
}

const widget = (title: string, region: string, metrics: readonly MetricLine[], stat = 'Sum', period = 300) => ({ type: 'metric' as const, properties: { title, region, view: 'timeSeries', stat, period, metrics } });

/** Lays widgets out three to a row under a title. */
function body(title: string, text: string, widgets: readonly ReturnType<typeof widget>[]): string {
  return JSON.stringify({
    widgets: [
      { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: `# ${title}\n${text}` } },
      ...widgets.map((w, i) => ({ ...w, x: (i % 3) * 8, y: 2 + Math.floor(i / 3) * 6, width: 8, height: 6 })),
    ],
  });
}

/** A service's dashboard: ECS utilization and tasks, its requests, errors and latency, its database. */
function serviceDashboard(stack: LayerStack, inputs: LangPortalEdgeInputs, app: ContainerApp, source: ApiMetricSource | undefined): CloudwatchDashboard {
  const { config, prefix } = stack;
  const { compute, data } = inputs;
  const region = config.region;
  const cluster = compute.string('ecs_cluster_name');
  const service = compute.string(`${outputName(app.name)}_service_name`);
  const ecs = (namespace: string, metric: string, stat: string, label: string): MetricLine => [namespace, metric, 'ClusterName', cluster, 'ServiceName', service, { stat, label }];
  const widgets = [
    widget('CPU and memory utilization (%)', region, [ecs('AWS/ECS', 'CPUUtilization', 'Average', 'CPU'), ecs('AWS/ECS', 'MemoryUtilization', 'Average', 'memory'), ecs('AWS/ECS', 'CPUUtilization', 'Maximum', 'CPU max')], 'Average', 60),
    widget('Tasks', region, [ecs('ECS/ContainerInsights', 'RunningTaskCount', 'Average', 'running'), ecs('ECS/ContainerInsights', 'DesiredTaskCount', 'Average', 'desired')], 'Average', 60),
  ];
  if (source) {
    const m = apiMetrics(source);
    const line = (metric: string, stat: string, label: string): MetricLine => [m.namespace, metric, ...Object.entries(m.dimensions).flat(), { stat, label }];
    const unit = m.latencyUnitsPerSecond === 1 ? 's' : 'ms';
    widgets.push(
      widget('Requests and 5xx', region, [line(m.requests, 'Sum', 'requests'), line(m.errors, 'Sum', '5xx')]),
      widget(`Latency p50 / p95 / p99 (${unit})`, region, ['p50', 'p95', 'p99'].map((p) => line(m.latency, p, p)), 'p95'),
    );
    if (source.kind === 'target-group') {
      widgets.push(widget('Healthy / unhealthy targets', region, [line('HealthyHostCount', 'Minimum', 'healthy'), line('UnHealthyHostCount', 'Maximum', 'unhealthy')], 'Minimum', 60));
    }
  }
  if (app.database) {
    const clusterId = data.string(`${outputName(app.database)}_cluster_identifier`);
    const rds = (metric: string, stat: string, label: string): MetricLine => ['AWS/RDS', metric, 'DBClusterIdentifier', clusterId, { stat, label }];
    widgets.push(
      widget(`Database ${app.database}: connections`, region, [rds('DatabaseConnections', 'Maximum', 'connections')], 'Maximum'),
      widget(`Database ${app.database}: CPU (%) and read latency (s)`, region, [rds('CPUUtilization', 'Average', 'CPU'), rds('ReadLatency', 'Average', 'read latency')], 'Average'),
      widget(`Database ${app.database}: free local storage (bytes)`, region, [rds('FreeLocalStorage', 'Minimum', 'free local storage')], 'Minimum'),
    );
  }
  const reach = app.ingress.via === 'internal' ? 'internal only (Cloud Map)' : `https://${app.ingress.subdomain}.${stack.section('edge').domainName} (${app.ingress.via === 'alb' ? 'ALB' : 'CloudFront and the HTTP API'})`;
  return new CloudwatchDashboard(stack, `dashboard-${app.name}`, {
    dashboardName: `${prefix}-${app.name}`,
    dashboardBody: body(`${prefix} ${app.name}`, `Container \`${app.containerName}\` on port ${app.port}; ${reach}.`, widgets),
  });
}

/** The edge dashboard: CloudFront traffic and errors per site, WAF allowed/blocked on both ACLs, sign-ins, guardrail. */
function edgeDashboard(stack: LayerStack, inputs: LangPortalEdgeInputs, sites: Record<SiteName, StaticSiteDistribution>, waf: LangPortalWebAcls): CloudwatchDashboard {
  const { config, prefix } = stack;
  const region = config.region;
  // CloudFront and CLOUDFRONT-scope WAF metrics exist in us-east-1 only.
  const global = 'us-east-1';
  const cf = (metric: string, site: SiteName, stat: string): MetricLine => ['AWS/CloudFront', metric, 'DistributionId', sites[site].id, 'Region', 'Global', { stat, label: `${site} ${metric}` }];
  const cfAcl = waf.metricNames.cloudFront;
  const albAcl = waf.metricNames.regional;
  const userPoolId = inputs.data.string('cognito_user_pool_id');
  const widgets = [
    widget('CloudFront requests', global, SITES.map((s) => cf('Requests', s.name, 'Sum'))),
    widget('CloudFront error rates (%)', global, SITES.flatMap((s) => [cf('4xxErrorRate', s.name, 'Average'), cf('5xxErrorRate', s.name, 'Average')]), 'Average'),
    widget('WAF (CloudFront) allowed / blocked', global, [
      ['AWS/WAFV2', 'AllowedRequests', 'WebACL', cfAcl, 'Rule', 'ALL', { stat: 'Sum', label: 'allowed' }],
      ['AWS/WAFV2', 'BlockedRequests', 'WebACL', cfAcl, 'Rule', 'ALL', { stat: 'Sum', label: 'blocked' }],
    ]),
    widget('WAF (CloudFront) blocked per rule', global, waf.cloudFront.ruleMetricNames.map((rule) => ['AWS/WAFV2', 'BlockedRequests', 'WebACL', cfAcl, 'Rule', rule, { stat: 'Sum', label: rule }])),
    widget('WAF (ALB) blocked per rule', region, ['ALL', ...waf.regional.ruleMetricNames].map((rule) => ['AWS/WAFV2', 'BlockedRequests', 'WebACL', albAcl, 'Region', region, 'Rule', rule, { stat: 'Sum', label: rule }])),
    widget('Cognito sign-ins (attempts / successes)', region, [
      ['AWS/Cognito', 'SignInSuccesses', 'UserPool', userPoolId, { stat: 'SampleCount', label: 'attempts' }],
      ['AWS/Cognito', 'SignInSuccesses', 'UserPool', userPoolId, { stat: 'Sum', label: 'successes' }],
    ]),
    widget('Guardrail interventions', region, [['AWS/Bedrock/Guardrails', 'InvocationsIntervened', 'GuardrailArn', inputs.ai.string('guardrail_arn'), 'GuardrailVersion', inputs.ai.string('guardrail_version'), { stat: 'Sum', label: 'intervened' }]]),
  ];
  return new CloudwatchDashboard(stack, 'dashboard-edge', {
    dashboardName: `${prefix}-edge`,
    dashboardBody: body(`${prefix} edge`, 'CloudFront, WAF (CloudFront and ALB), Cognito sign-ins and the Bedrock guardrail.', widgets),
  });
}
