import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Fn, Token } from 'cdktf';
import { LayerStack } from '../../src/core/layer-stack';
import { METRICS_NAMESPACE } from './compute-events';

/** The seed's "Custom Metrics Namespace" (the compute layer's metric filters and task role use the same). */
export const BIRD_AGENT_METRICS_NAMESPACE = METRICS_NAMESPACE;

/** Billing metrics exist in us-east-1 only. */
const BILLING_REGION = 'us-east-1';

/** What the dashboards chart, from the upstream layers. */
export interface BirdAgentDashboardInputs {
  readonly apiName: string;
  readonly stageName: string;
  readonly clusterName: string;
  /** ECS service names by the seed's service name. */
  readonly services: Readonly<Record<string, string>>;
  /** Lambda function names by the seed's function name. */
  readonly functions: Readonly<Record<string, string>>;
  readonly auroraClusterIdentifier: string;
  readonly albArnSuffix: string;
  /** ALB target group ARN suffixes by the seed's service name. */
  readonly targetGroups: Readonly<Record<string, string>>;
  /** SQS queue URLs by the seed's queue name. */
  readonly queues: Readonly<Record<string, string>>;
  readonly stateMachineArn: string;
  readonly analyticsStreamArn: string;
  readonly configurationsTableName: string;
  readonly flowLogGroupName: string;
}

type MetricOptions = { readonly stat?: string; readonly label?: string; readonly id?: string; readonly visible?: boolean; readonly yAxis?: 'left' | 'right' };
type MetricLine = readonly (string | MetricOptions)[];
type Expression = readonly [{ readonly expression: string; readonly label?: string; readonly id: string; readonly yAxis?: 'left' | 'right' }];

interface MetricWidget {
  readonly type: 'metric';
  readonly properties: { readonly title: string; readonly region: string; readonly view: 'timeSeries'; readonly stat: string; readonly period: number; readonly metrics: readonly (MetricLine | Expression)[] };
}
interface LogWidget {
  readonly type: 'log';
  readonly properties: { readonly title: string; readonly region: string; readonly view: 'table'; readonly query: string };
}
type Widget = MetricWidget | LogWidget;

const metricWidget = (title: string, region: string, metrics: readonly (MetricLine | Expression)[], stat = 'Sum', period = 300): MetricWidget => ({
  type: 'metric',
  properties: { title, region, view: 'timeSeries', stat, period, metrics },
});
/** A metric-math line; without a label a SEARCH names each series it finds. */
const expression = (id: string, expr: string, label?: string, yAxis?: 'left' | 'right'): Expression => [{ expression: expr, ...(label ? { label } : {}), id, ...(yAxis ? { yAxis } : {}) }];

/** A title row, then the widgets two to a row (12 wide, 6 high). */
function body(title: string, text: string, widgets: readonly Widget[]): string {
  return JSON.stringify({
    widgets: [
      { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: `# ${title}\n${text}` } },
      ...widgets.map((w, i) => ({ ...w, x: (i % 2) * 12, y: 2 + Math.floor(i / 2) * 6, width: 12, height: 6 })),
    ],
  });
}

/**
 * The last `/` part of a URL or ARN: a queue's name from its URL (the `QueueName` dimension), a
 * stream's from its ARN (`StreamName`). basename() needs no quoted argument, so the dashboard body
 * stays valid JSON around the interpolation.
 */
const lastPart = (value: string): string => Token.asString(Fn.basename(value));

/** The dashboards built, by the seed's name. */
export type BirdAgentDashboards = Readonly<Record<'BirdAgent-Overview' | 'BirdAgent-Performance' | 'BirdAgent-Infrastructure', CloudwatchDashboard>>;

/**
 * The seed's three dashboards, named `<prefix>-BirdAgent-Overview|Performance|Infrastructure`:
 * Overview (API requests and latency, ECS CPU and memory, Lambda invocations and errors, database
 * connections and query latency), Performance (response time percentiles, throughput including the
 * `BirdAgent` custom metrics, error rates by service, cost), Infrastructure (flow log summary, NAT
 * bandwidth, load balancer, autoscaling activity).
 */
export function addDashboards(stack: LayerStack, inputs: BirdAgentDashboardInputs): BirdAgentDashboards {
  const { prefix, config } = stack;
  const region = config.region;
  const api = (metric: string, options: MetricOptions): MetricLine => ['AWS/ApiGateway', metric, 'ApiName', inputs.apiName, 'Stage', inputs.stageName, options];
  const ecs = (namespace: string, metric: string, service: string, options: MetricOptions): MetricLine => [namespace, metric, 'ClusterName', inputs.clusterName, 'ServiceName', inputs.services[service], options];
  const lambda = (metric: string, fn: string, options: MetricOptions): MetricLine => ['AWS/Lambda', metric, 'FunctionName', inputs.functions[fn], options];
  const rds = (metric: string, role: 'WRITER' | 'READER', options: MetricOptions): MetricLine => ['AWS/RDS', metric, 'DBClusterIdentifier', inputs.auroraClusterIdentifier, 'Role', role, options];
  const alb = (metric: string, options: MetricOptions): MetricLine => ['AWS/ApplicationELB', metric, 'LoadBalancer', inputs.albArnSuffix, options];
  const targetGroup = (metric: string, service: string, options: MetricOptions): MetricLine => ['AWS/ApplicationELB', metric, 'LoadBalancer', inputs.albArnSuffix, 'TargetGroup', inputs.targetGroups[service], options];
  const services = Object.keys(inputs.services);
  const functions = Object.keys(inputs.functions);
  const roles = ['WRITER', 'READER'] as const;

  const overview: Widget[] = [
    metricWidget('API Gateway requests and latency', region, [
      api('Count', { stat: 'Sum', label: 'requests' }),
      api('Latency', { stat: 'Average', label: 'latency average (ms)', yAxis: 'right' }),
      api('Latency', { stat: 'p95', label: 'latency p95 (ms)', yAxis: 'right' }),
    ]),
    metricWidget('ECS service CPU and memory utilization (%)', region, services.flatMap((s) => [ecs('AWS/ECS', 'CPUUtilization', s, { label: `${s} CPU` }), ecs('AWS/ECS', 'MemoryUtilization', s, { label: `${s} memory` })]), 'Average'),
    metricWidget('Lambda invocations and errors', region, functions.flatMap((f) => [lambda('Invocations', f, { label: `${f} invocations` }), lambda('Errors', f, { label: `${f} errors` })])),
    metricWidget('Database connections', region, roles.map((r) => rds('DatabaseConnections', r, { stat: 'Maximum', label: `${r.toLowerCase()} connections` })), 'Maximum', 60),
    metricWidget('Database query performance: read / write / commit latency (s), DB load', region, [
      ...roles.map((r) => rds('ReadLatency', r, { label: `${r.toLowerCase()} read latency` })),
      rds('WriteLatency', 'WRITER', { label: 'write latency' }),
      rds('CommitLatency', 'WRITER', { label: 'commit latency (ms)' }),
      ...roles.map((r) => rds('DBLoad', r, { label: `${r.toLowerCase()} DB load (sessions)`, yAxis: 'right' })),
    ], 'Average', 60),
  ];

  const queues = Object.entries(inputs.queues);
  const performance: Widget[] = [
    metricWidget('Response time percentiles', region, [
      ...['p50', 'p90', 'p95', 'p99'].map((p) => api('Latency', { stat: p, label: `API ${p} (ms)` })),
      api('IntegrationLatency', { stat: 'p95', label: 'API integration p95 (ms)' }),
      ...services.map((s) => targetGroup('TargetResponseTime', s, { stat: 'p95', label: `${s} p95 (s)`, yAxis: 'right' })),
    ], 'p95'),
    metricWidget('Throughput', region, [
      api('Count', { label: 'API requests' }),
      ...services.map((s) => targetGroup('RequestCount', s, { label: `${s} requests` })),
      ...queues.map(([q, url]) => ['AWS/SQS', 'NumberOfMessagesReceived', 'QueueName', lastPart(url), { label: `${q} messages` }] as MetricLine),
      ['AWS/States', 'ExecutionsStarted', 'StateMachineArn', inputs.stateMachineArn, { label: 'analyses started' }],
      ['AWS/Kinesis', 'IncomingRecords', 'StreamName', lastPart(inputs.analyticsStreamArn), { label: 'analytics records' }],
    ]),
    metricWidget(`Custom metrics (${BIRD_AGENT_METRICS_NAMESPACE})`, region, [expression('custom', `SEARCH('Namespace="${BIRD_AGENT_METRICS_NAMESPACE}"', 'Sum', 300)`)]),
    metricWidget('Error rates by service (%)', region, [
      api('Count', { id: 'apiRequests', visible: false }),
      api('4XXError', { id: 'api4xx', visible: false }),
      api('5XXError', { id: 'api5xx', visible: false }),
      expression('apiRate', 'IF(apiRequests > 0, 100 * (FILL(api4xx, 0) + FILL(api5xx, 0)) / apiRequests, 0)', 'API 4XX + 5XX'),
      ...services.flatMap((s, i) => [
        targetGroup('RequestCount', s, { id: `tgRequests${i}`, visible: false }),
        targetGroup('HTTPCode_Target_5XX_Count', s, { id: `tg5xx${i}`, visible: false }),
        expression(`tgRate${i}`, `IF(tgRequests${i} > 0, 100 * FILL(tg5xx${i}, 0) / tgRequests${i}, 0)`, `${s} 5XX`),
      ]),
      ...functions.flatMap((f, i) => [
        lambda('Invocations', f, { id: `fnCalls${i}`, visible: false }),
        lambda('Errors', f, { id: `fnErrors${i}`, visible: false }),
        expression(`fnRate${i}`, `IF(fnCalls${i} > 0, 100 * FILL(fnErrors${i}, 0) / fnCalls${i}, 0)`, `${f} errors`),
      ]),
      ['AWS/States', 'ExecutionsStarted', 'StateMachineArn', inputs.stateMachineArn, { id: 'sfnStarted', visible: false }],
      ['AWS/States', 'ExecutionsFailed', 'StateMachineArn', inputs.stateMachineArn, { id: 'sfnFailed', visible: false }],
      expression('sfnRate', 'IF(sfnStarted > 0, 100 * FILL(sfnFailed, 0) / sfnStarted, 0)', 'multimodal analysis failures'),
    ]),
    // Billing publishes estimated charges every few hours, in us-east-1, once billing alerts are on (docs/bird-agent.md).
    metricWidget('Cost analysis: estimated charges this month (USD)', BILLING_REGION, [
      ['AWS/Billing', 'EstimatedCharges', 'Currency', 'USD', { label: 'account total' }],
      expression('byService', `SEARCH('{AWS/Billing,Currency,ServiceName} MetricName="EstimatedCharges"', 'Maximum', 21600)`),
    ], 'Maximum', 21600),
  ];

  const infrastructure: Widget[] = [
    {
      type: 'log',
      properties: {
        title: 'VPC flow logs: bytes and flows by action',
        region,
        view: 'table',
        query: `SOURCE '${inputs.flowLogGroupName}' | stats sum(bytes) as totalBytes, count(*) as flows by action | sort totalBytes desc`,
      },
    },
    {
      type: 'log',
      properties: {
        title: 'VPC flow logs: top rejected sources',
        region,
        view: 'table',
        query: `SOURCE '${inputs.flowLogGroupName}' | filter action = "REJECT" | stats count(*) as flows by srcAddr, dstPort | sort flows desc | limit 20`,
      },
    },
    metricWidget('NAT gateway bandwidth (bytes)', region, [
      expression('natOut', `SEARCH('{AWS/NATGateway,NatGatewayId} MetricName="BytesOutToDestination"', 'Sum', 300)`, 'out to internet'),
      expression('natIn', `SEARCH('{AWS/NATGateway,NatGatewayId} MetricName="BytesInFromDestination"', 'Sum', 300)`, 'in from internet'),
    ]),
    metricWidget('Load balancer', region, [
      alb('RequestCount', { label: 'requests' }),
      alb('HTTPCode_ELB_5XX_Count', { label: 'ALB 5XX' }),
      alb('ActiveConnectionCount', { label: 'active connections' }),
      alb('TargetResponseTime', { stat: 'p95', label: 'target response p95 (s)', yAxis: 'right' }),
      ...services.flatMap((s) => [targetGroup('HealthyHostCount', s, { stat: 'Minimum', label: `${s} healthy` }), targetGroup('UnHealthyHostCount', s, { stat: 'Maximum', label: `${s} unhealthy` })]),
    ]),
    metricWidget('Auto scaling activity: ECS tasks, Aurora readers\' CPU, configurations table capacity', region, [
      ...services.flatMap((s) => [ecs('ECS/ContainerInsights', 'DesiredTaskCount', s, { label: `${s} desired` }), ecs('ECS/ContainerInsights', 'RunningTaskCount', s, { label: `${s} running` })]),
      rds('CPUUtilization', 'READER', { label: 'Aurora readers CPU (%) (scales at 70)', yAxis: 'right' }),
      ...['ProvisionedReadCapacityUnits', 'ProvisionedWriteCapacityUnits'].map((m) => ['AWS/DynamoDB', m, 'TableName', inputs.configurationsTableName, { label: m.replace('Provisioned', 'configurations ').replace('CapacityUnits', ' capacity') }] as MetricLine),
    ], 'Average', 60),
  ];

  const dashboard = (name: 'Overview' | 'Performance' | 'Infrastructure', text: string, widgets: readonly Widget[]) =>
    new CloudwatchDashboard(stack, `dashboard-${name.toLowerCase()}`, { dashboardName: `${prefix}-BirdAgent-${name}`, dashboardBody: body(`${prefix} BirdAgent-${name}`, text, widgets) });
  return {
    'BirdAgent-Overview': dashboard('Overview', `REST API stage ${inputs.stageName}, ECS services, Lambda functions and the Aurora cluster.`, overview),
    'BirdAgent-Performance': dashboard('Performance', `Response times, throughput, error rates by service and cost; custom metrics in the \`${BIRD_AGENT_METRICS_NAMESPACE}\` namespace.`, performance),
    'BirdAgent-Infrastructure': dashboard('Infrastructure', 'VPC flow logs, NAT gateways, the internal ALB and autoscaling.', infrastructure),
  };
}
