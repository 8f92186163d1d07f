import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';

export interface AppDnsRecordsProps {
  readonly hostedZoneId: string;
  /** Apex domain, for example `example.com`. */
  readonly domainName: string;
  /** DNS name and Route 53 zone ID of the load balancer the names alias to. */
  readonly aliasTarget: { readonly dnsName: string; readonly zoneId: string };
  /**
   * Sub-domains that get A alias records to the load balancer.
   * @default ['app', 'api']
   */
  readonly aliasNames?: readonly string[];
  /**
   * Sub-domain made a CNAME of `app.<domain>`.
   * @default 'www'
   */
  readonly cnameName?: string;
  /**
   * Path of the HTTPS health check on `app.<domain>`.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * Seconds between health checks (10 or 30).
   * @default 30
   */
  readonly healthCheckIntervalSeconds?: 10 | 30;
  /**
   * Consecutive failures before unhealthy.
   * @default 3
   */
  readonly healthCheckFailureThreshold?: number;
}

/**
 * The public names of the application: `app`/`api` A aliases to the load balancer (evaluating target
 * health), `www` CNAME to `app`, and an HTTPS Route 53 health check of `https://app.<domain><path>`.
 */
export class AppDnsRecords extends Construct {
  readonly records: Record<string, Route53Record> = {};
  readonly healthCheck: Route53HealthCheck;
  readonly appFqdn: string;

  constructor(scope: Construct, id: string, props: AppDnsRecordsProps) {
    super(scope, id);
    const aliasNames = props.aliasNames ?? ['app', 'api'];
    const cname = props.cnameName ?? 'www';
    const path = props.healthCheckPath ?? '/health';
    const interval = props.healthCheckIntervalSeconds ?? 30;
    const threshold = props.healthCheckFailureThreshold ?? 3;
    const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
    for (const n of [...aliasNames, cname]) if (!label.test(n)) throw new Error(`AppDnsRecords: "${n}" is not a DNS label (lower-case letters, digits, dashes)`);
    if (!aliasNames.includes('app')) throw new Error(`AppDnsRecords: aliasNames [${aliasNames.join(', ')}] must include app (the CNAME and health check target)`);
    if (aliasNames.includes(cname)) throw new Error(`AppDnsRecords: ${cname} cannot be both an alias and the CNAME`);
    if (!path.startsWith('/')) throw new Error(`AppDnsRecords: healthCheckPath "${path}" must start with /`);
    if (!(Number.isInteger(threshold) && threshold >= 1 && threshold <= 10)) throw new Error(`AppDnsRecords: healthCheckFailureThreshold ${threshold} is outside 1-10`);

    for (const name of aliasNames) {
      this.records[name] = new Route53Record(this, `${name}-alias`, {
        zoneId: props.hostedZoneId,
        name: `${name}.${props.domainName}`,
        type: 'A',
        alias: { name: props.aliasTarget.dnsName, zoneId: props.aliasTarget.zoneId, evaluateTargetHealth: true },
      });
    }
    this.appFqdn = `app.${props.domainName}`;
    this.records[cname] = new Route53Record(this, `${cname}-cname`, {
      zoneId: props.hostedZoneId,
      name: `${cname}.${props.domainName}`,
      type: 'CNAME',
      ttl: 300,
      records: [this.appFqdn],
    });
    this.healthCheck = new Route53HealthCheck(this, 'health-check', {
      type: 'HTTPS',
      fqdn: this.appFqdn,
      port: 443,
      resourcePath: path,
      requestInterval: interval,
      failureThreshold: threshold,
      enableSni: true,
      measureLatency: true,
      tags: { Name: `${this.appFqdn}${path}` },
    });
  }
}
