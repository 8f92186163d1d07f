import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Construct } from 'constructs';

/** A metric line: [namespace, metricName, dim1, value1, ..., { stat, label }]. */
type MetricLine = readonly (string | { readonly stat?: string; readonly label?: string })[];

interface MetricWidget {
  readonly type: 'metric';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: {
    readonly title: string;
    readonly region: string;
    readonly metrics: readonly MetricLine[];
    readonly view: 'timeSeries' | 'singleValue';
    readonly stat: string;
    readonly period: number;
    readonly stacked?: boolean;
  };
}

interface TextWidget {
  readonly type: 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: { readonly markdown: string };
}

type Widget = MetricWidget | TextWidget;

export interface DashboardsProps {
  /** Prefix of dashboard names (`<system>-<env>`): `<prefix>-operations|business|security`. */
  readonly namePrefix: string;
  readonly region: string;
  readonly externalAlbArnSuffix: string;
  readonly frontendTargetGroupArnSuffix: string;
  readonly backendTargetGroupArnSuffix: string;
  /**
   * ARN suffix of the internal ALB (backend); omitted from the dashboards when unset.
   * @default - external ALB only
   */
  readonly internalAlbArnSuffix?: string;
  readonly clusterName: string;
  readonly serviceNames: readonly string[];
  /** Web ACL name and the metric names of its rules (AWS/WAFV2 `Rule` dimension). */
  readonly webAclName: string;
  readonly wafRuleMetricNames: readonly string[];
  /**
   * Route 53 health check ID (its metrics exist in us-east-1 only).
   * @default - no health check widget
   */
  readonly healthCheckId?: string;
  /** CloudWatch namespace of the application's custom business metrics, for example `MyApp`. */
  readonly customNamespace: string;
  /**
   * Text under the business dashboard's title.
   * @default - names the namespace
   */
  readonly businessNote?: string;
}

/**
 * The seed's three CloudWatch dashboards: operations (health, utilization, errors, latency), business
 * (the application's custom metrics) and security (WAF blocks per rule, client errors).
 */
export class Dashboards extends Construct {
  readonly operations: CloudwatchDashboard;
  readonly business: CloudwatchDashboard;
  readonly security: CloudwatchDashboard;
  /** Widgets per dashboard, as rendered into `dashboard_body`. */
  readonly bodies: { readonly operations: readonly Widget[]; readonly business: readonly Widget[]; readonly security: readonly Widget[] };

  constructor(scope: Construct, id: string, props: DashboardsProps) {
    super(scope, id);
    const ns = props.customNamespace;
    if (props.serviceNames.length === 0) throw new Error('Dashboards: serviceNames is empty; name the ECS services to chart');
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(props.namePrefix)) throw new Error(`Dashboards: namePrefix "${props.namePrefix}" must be letters, digits, - or _`);
    const { region } = props;
    const alb = (metric: string, stat?: string, label?: string): MetricLine => ['AWS/ApplicationELB', metric, 'LoadBalancer', props.externalAlbArnSuffix, { ...(stat ? { stat } : {}), ...(label ? { label } : {}) }];
    const layout = (widgets: Omit<MetricWidget, 'x' | 'y' | 'width' | 'height'>[], header: string): Widget[] => [
      { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: header } },
      ...widgets.map((w, i) => ({ ...w, x: (i % 3) * 8, y: 2 + Math.floor(i / 3) * 6, width: 8, height: 6 })),
    ];
    const metric = (title: string, metrics: MetricLine[], stat = 'Sum', period = 300, view: 'timeSeries' | 'singleValue' = 'timeSeries') =>
      ({ type: 'metric' as const, properties: { title, region, metrics, view, stat, period } });

    const serviceLines = (metricName: string): MetricLine[] =>
      props.serviceNames.map((s) => ['AWS/ECS', metricName, 'ClusterName', props.clusterName, 'ServiceName', s, { label: s }]);
    const tg = (suffix: string, lbSuffix: string, metricName: string, label: string): MetricLine => ['AWS/ApplicationELB', metricName, 'TargetGroup', suffix, 'LoadBalancer', lbSuffix, { label }];
    const operations = layout(
      [
        metric('Requests (external ALB)', [alb('RequestCount', 'Sum', 'requests')]),
        metric('5xx errors', [alb('HTTPCode_ELB_5XX_Count', 'Sum', 'ALB 5xx'), alb('HTTPCode_Target_5XX_Count', 'Sum', 'target 5xx')]),
        metric('Target response time (s)', [alb('TargetResponseTime', 'Average', 'average'), alb('TargetResponseTime', 'p99', 'p99')], 'Average'),
        metric('ECS CPU utilization (%)', serviceLines('CPUUtilization'), 'Average', 60),
        metric('ECS memory utilization (%)', serviceLines('MemoryUtilization'), 'Average', 60),
        metric(
          'Healthy targets',
          [
            tg(props.frontendTargetGroupArnSuffix, props.externalAlbArnSuffix, 'HealthyHostCount', 'frontend healthy'),
            tg(props.frontendTargetGroupArnSuffix, props.externalAlbArnSuffix, 'UnHealthyHostCount', 'frontend unhealthy'),
            ...(props.internalAlbArnSuffix
              ? [
                  tg(props.backendTargetGroupArnSuffix, props.internalAlbArnSuffix, 'HealthyHostCount', 'backend healthy'),
                  tg(props.backendTargetGroupArnSuffix, props.internalAlbArnSuffix, 'UnHealthyHostCount', 'backend unhealthy'),
                ]
              : []),
          ],
          'Minimum',
          60,
        ),
        ...(props.internalAlbArnSuffix
          ? [
              metric('Backend (internal ALB) 5xx and latency', [
                ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', props.internalAlbArnSuffix, { stat: 'Sum', label: 'backend 5xx' }],
                ['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', props.internalAlbArnSuffix, { stat: 'Average', label: 'backend latency (s)' }],
              ]),
            ]
          : []),
        ...(props.healthCheckId
          ? [metric('Route 53 health check (1 = healthy)', [['AWS/Route53', 'HealthCheckStatus', 'HealthCheckId', props.healthCheckId, { stat: 'Minimum' }]], 'Minimum', 60)]
          : []),
        metric('Running tasks', props.serviceNames.map((s) => ['ECS/ContainerInsights', 'RunningTaskCount', 'ClusterName', props.clusterName, 'ServiceName', s, { label: s }]), 'Average', 60),
      ],
      `# ${props.namePrefix} operations\nSystem health, utilization, errors and latency of the external ALB, target groups and ECS services.`,
    );
    const business = layout(
      [
        metric('Projects created', [[ns, 'Projects/Created']]),
        metric('Documents processed', [[ns, 'Documents/Processed']]),
        metric('Agent executions', [[ns, 'Agents/Executions'], [ns, 'Agents/Failures', { label: 'failures' }]]),
        metric('Agent execution time (ms)', [[ns, 'Agents/ExecutionTime', { stat: 'Average' }]], 'Average'),
        metric('Active user sessions', [[ns, 'Users/ActiveSessions', { stat: 'Maximum' }]], 'Maximum'),
        metric('Bedrock invocation latency (ms)', [[ns, 'Bedrock/InvocationLatency', { stat: 'Average' }]], 'Average'),
      ],
      `# ${props.namePrefix} business\n${props.businessNote ?? `Custom metrics the application publishes in namespace \`${ns}\`.`}`,
    );
    const wafLine = (rule: string): MetricLine => ['AWS/WAFV2', 'BlockedRequests', 'WebACL', props.webAclName, 'Region', region, 'Rule', rule, { label: rule }];
    const security = layout(
      [
        metric('WAF blocked requests (all rules)', [wafLine('ALL')], 'Sum', 60),
        metric('WAF blocked requests per rule', props.wafRuleMetricNames.map(wafLine), 'Sum', 300),
        metric('WAF allowed vs blocked', [
          ['AWS/WAFV2', 'AllowedRequests', 'WebACL', props.webAclName, 'Region', region, 'Rule', 'ALL', { label: 'allowed' }],
          ['AWS/WAFV2', 'BlockedRequests', 'WebACL', props.webAclName, 'Region', region, 'Rule', 'ALL', { label: 'blocked' }],
        ]),
        metric('Client errors (4xx: authentication failures, probes)', [alb('HTTPCode_ELB_4XX_Count', 'Sum', 'ALB 4xx'), alb('HTTPCode_Target_4XX_Count', 'Sum', 'target 4xx')]),
        metric('Rejected and TLS-failed connections', [alb('RejectedConnectionCount', 'Sum', 'rejected'), alb('ClientTLSNegotiationErrorCount', 'Sum', 'TLS negotiation errors')]),
      ],
      `# ${props.namePrefix} security\nWAF blocks (rate limiting, geo blocking, managed rules, bots) and suspicious client behaviour.`,
    );
    this.bodies = { operations, business, security };

    const dashboard = (name: string, widgets: Widget[]) =>
      new CloudwatchDashboard(this, name, { dashboardName: `${props.namePrefix}-${name}`, dashboardBody: JSON.stringify({ widgets }) });
    this.operations = dashboard('operations', operations);
    this.business = dashboard('business', business);
    this.security = dashboard('security', security);
  }
}
