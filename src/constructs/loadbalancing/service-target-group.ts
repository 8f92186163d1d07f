import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Construct } from 'constructs';

export interface ServiceTargetGroupProps {
  /** Name (at most 32 characters), for example `<system>-prod-frontend-tg`. */
  readonly name: string;
  readonly vpcId: string;
  /** Port the tasks listen on (also the health check port). */
  readonly port: number;
  /** Health check path, for example `/api/health`. */
  readonly healthCheckPath: string;
  /**
   * @default 30
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * @default 5
   */
  readonly healthCheckTimeoutSeconds?: number;
  /**
   * @default 2
   */
  readonly healthyThreshold?: number;
  /**
   * @default 3
   */
  readonly unhealthyThreshold?: number;
  /**
   * HTTP codes that count as healthy.
   * @default '200'
   */
  readonly matcher?: string;
  /**
   * Seconds in-flight requests may finish on a deregistering task.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
  /**
   * Protocol from the load balancer to the tasks (the health check uses the same). HTTPS needs a TLS
   * endpoint in the task, for example FargateService's `tlsProxy` on `port`; the ALB does not
   * validate its certificate, so a self-signed one works. An HTTPS group is created before the group
   * it replaces is destroyed, so give it a name of its own (for example `-tls` for `-tg`).
   * @default 'HTTP'
   */
  readonly protocol?: 'HTTP' | 'HTTPS';
}

/** An HTTP or HTTPS target group of ECS Fargate tasks (`target_type = ip`) with an explicit health check. */
export class ServiceTargetGroup extends Construct {
  readonly targetGroup: LbTargetGroup;
  readonly arn: string;
  readonly arnSuffix: string;

  constructor(scope: Construct, id: string, props: ServiceTargetGroupProps) {
    super(scope, id);
    const interval = props.healthCheckIntervalSeconds ?? 30;
    const timeout = props.healthCheckTimeoutSeconds ?? 5;
    const healthy = props.healthyThreshold ?? 2;
    const unhealthy = props.unhealthyThreshold ?? 3;
    const protocol = props.protocol ?? 'HTTP';
    const where = `ServiceTargetGroup ${props.name}`;
    if (protocol !== 'HTTP' && protocol !== 'HTTPS') throw new Error(`${where}: protocol ${JSON.stringify(protocol)} is not 'HTTP' or 'HTTPS'`);
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(props.name)) throw new Error(`${where}: name must be 1-32 letters, digits or dashes, not ending with a dash`);
    if (!props.healthCheckPath.startsWith('/')) throw new Error(`${where}: healthCheckPath "${props.healthCheckPath}" must start with /`);
    if (!(props.port >= 1 && props.port <= 65535)) throw new Error(`${where}: port ${props.port} is outside 1-65535`);
    if (interval < 5 || interval > 300) throw new Error(`${where}: healthCheckIntervalSeconds ${interval} is outside 5-300`);
    if (timeout < 2 || timeout > 120 || timeout >= interval) throw new Error(`${where}: healthCheckTimeoutSeconds ${timeout} must be 2-120 and below the interval ${interval}`);
    for (const [n, v] of [['healthyThreshold', healthy], ['unhealthyThreshold', unhealthy]] as const) {
      if (!(Number.isInteger(v) && v >= 2 && v <= 10)) throw new Error(`${where}: ${n} ${v} is outside 2-10`);
    }

    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      name: props.name,
      vpcId: props.vpcId,
      port: props.port,
      protocol,
      protocolVersion: 'HTTP1',
      targetType: 'ip',
      deregistrationDelay: String(props.deregistrationDelaySeconds ?? 30),
      healthCheck: {
        enabled: true,
        path: props.healthCheckPath,
        protocol,
        port: String(props.port),
        interval,
        timeout,
        healthyThreshold: healthy,
        unhealthyThreshold: unhealthy,
        matcher: props.matcher ?? '200',
      },
      // Port and protocol cannot change in place: switching a running HTTP group to HTTPS replaces
      // it, and the listener still forwards to the old one, so the new group (under a new name)
      // must exist first.
      ...(protocol === 'HTTPS' ? { lifecycle: { createBeforeDestroy: true } } : {}),
    });
    this.arn = this.targetGroup.arn;
    this.arnSuffix = this.targetGroup.arnSuffix;
  }
}
