import { Token } from 'cdktf';

/** An ALB target group's requests (`AWS/ApplicationELB`, per load balancer and target group). */
export interface TargetGroupMetricSource {
  readonly kind: 'target-group';
  /** `app/<name>/<id>` (the load balancer's `arn_suffix`). */
  readonly loadBalancerArnSuffix: string;
  /** `targetgroup/<name>/<id>` (the target group's `arn_suffix`). */
  readonly targetGroupArnSuffix: string;
}

/** An API Gateway HTTP API's requests (`AWS/ApiGateway` with the `ApiId` dimension). */
export interface HttpApiMetricSource {
  readonly kind: 'http-api';
  /** The HTTP API's ID (10 lower-case letters and digits). */
  readonly apiId: string;
  /**
   * Stage whose requests count (for example `$default`).
   * @default - every stage of the API (the `ApiId` dimension alone)
   */
  readonly stage?: string;
}

/** Where an API's requests are measured: the ALB target group in front of the service, or an HTTP API. */
export type ApiMetricSource = TargetGroupMetricSource | HttpApiMetricSource;

/** The metrics of one source that the API alarms read. */
export interface ApiMetrics {
  readonly namespace: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Count of server-side (5xx) errors; reported only when non-zero on an ALB. */
  readonly errors: string;
  /** Count of requests. */
  readonly requests: string;
  /** Response time, in `latencyUnitsPerSecond` units. */
  readonly latency: string;
  /** 1 for seconds (TargetResponseTime), 1000 for milliseconds (API Gateway Latency). */
  readonly latencyUnitsPerSecond: number;
  /** Short description of the source for alarm descriptions. */
  readonly label: string;
}

/** Rejects a malformed source; `where` names the construct. */
export function checkApiMetricSource(where: string, source: ApiMetricSource): void {
  const bad = (field: string, value: string, want: string) => new Error(`${where}: source.${field} "${value}" is not ${want}`);
  if (source.kind === 'target-group') {
    const { loadBalancerArnSuffix: lb, targetGroupArnSuffix: tg } = source;
    if (!Token.isUnresolved(lb) && !/^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{1,32}$/.test(lb)) throw bad('loadBalancerArnSuffix', lb, "an ALB's arn_suffix (app/<name>/<id>)");
    if (!Token.isUnresolved(tg) && !/^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{1,32}$/.test(tg)) throw bad('targetGroupArnSuffix', tg, "a target group's arn_suffix (targetgroup/<name>/<id>)");
  } else {
    if (!Token.isUnresolved(source.apiId) && !/^[a-z0-9]{10}$/.test(source.apiId)) throw bad('apiId', source.apiId, 'an API Gateway API ID (10 lower-case letters and digits)');
    if (source.stage !== undefined && !Token.isUnresolved(source.stage) && !/^(\$default|[A-Za-z0-9_-]{1,128})$/.test(source.stage)) throw bad('stage', source.stage, 'a stage name ($default or letters, digits, - and _)');
  }
}

export function apiMetrics(source: ApiMetricSource): ApiMetrics {
  if (source.kind === 'target-group') {
    return {
      namespace: 'AWS/ApplicationELB',
      dimensions: { LoadBalancer: source.loadBalancerArnSuffix, TargetGroup: source.targetGroupArnSuffix },
      errors: 'HTTPCode_Target_5XX_Count',
      requests: 'RequestCount',
      latency: 'TargetResponseTime',
      latencyUnitsPerSecond: 1,
      label: `target group ${source.targetGroupArnSuffix}`,
    };
  }
  return {
    namespace: 'AWS/ApiGateway',
    dimensions: source.stage === undefined ? { ApiId: source.apiId } : { ApiId: source.apiId, Stage: source.stage },
    errors: '5xx',
    requests: 'Count',
    latency: 'Latency',
    latencyUnitsPerSecond: 1000,
    label: `HTTP API ${source.apiId}${source.stage === undefined ? '' : ` stage ${source.stage}`}`,
  };
}
