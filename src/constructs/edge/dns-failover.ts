import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { CLOUDFRONT_HOSTED_ZONE_ID } from './static-site-distribution';

export type FailoverRole = 'primary' | 'secondary';
export type FailoverRecordType = 'A' | 'AAAA';

/** What Route 53 reports while the alarm has too little data. */
export type InsufficientDataHealthStatus = 'Healthy' | 'Unhealthy' | 'LastKnownStatus';

/**
 * Health from a CloudWatch alarm (for example the region's API 5xx rate, or a canary that calls the
 * authenticated API): nothing has to answer unauthenticated requests. The alarm must be on a
 * single standard-resolution metric (Route 53 does not read metric-math or extended-statistic alarms).
 */
export interface AlarmHealthCheckSpec {
  readonly kind: 'alarm';
  readonly alarmName: string;
  /** Region of the alarm, for example `us-west-2`. */
  readonly region: string;
}

/** An HTTPS check from Route 53's checkers of a path that answers without credentials. */
export interface HttpsHealthCheckSpec {
  readonly kind: 'https';
  /** Host checked: the region's own endpoint (not the failover name, which resolves to whichever side is active). */
  readonly fqdn: string;
  /** Path checked, starting with `/`. */
  readonly path: string;
  /**
   * The caller's statement that `path` answers 2xx/3xx to an unauthenticated GET from the internet
   * (Route 53 checkers send no credentials). Use an alarm check for an authenticated API.
   */
  readonly publicPath: true;
  /**
   * Seconds between checks (10 or 30).
   * @default 30
   */
  readonly requestIntervalSeconds?: 10 | 30;
  /**
   * Consecutive failures before the endpoint is unhealthy (1-10).
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** One side of the failover: an alias target (a regional API Gateway custom domain, a load balancer) and its health. */
export interface FailoverTarget {
  /** Alias target DNS name, for example the custom domain's `regional_domain_name`. */
  readonly dnsName: string;
  /** Alias target hosted zone, for example the custom domain's `regional_zone_id`. */
  readonly zoneId: string;
  readonly healthCheck: AlarmHealthCheckSpec | HttpsHealthCheckSpec;
}

export interface DnsFailoverProps extends ProviderScopedProps {
  /** Route 53 hosted zone of the record. */
  readonly hostedZoneId: string;
  /** The record's name, for example `api.example.com`. */
  readonly recordName: string;
  /** Answered while its health check is healthy. */
  readonly primary: FailoverTarget;
  /** Answered while the primary is unhealthy. */
  readonly secondary: FailoverTarget;
  /**
   * Alias record types to create for each side (`AAAA` only for dual-stack targets).
   * @default ['A']
   */
  readonly recordTypes?: readonly FailoverRecordType[];
  /**
   * Health of an alarm check while its alarm has insufficient data.
   * @default 'LastKnownStatus'
   */
  readonly insufficientDataHealthStatus?: InsufficientDataHealthStatus;
}

/**
 * DNS failover of one name between two regions: PRIMARY and SECONDARY failover alias records (target
 * health evaluated) per record type, each with its Route 53 health check, by default on a CloudWatch
 * alarm (CLOUDWATCH_METRIC), so no unauthenticated route is needed; an HTTPS check of a path the
 * caller declares public is the alternative. Route 53 answers the secondary while the primary's
 * check fails, and the primary again when both fail.
 */
export class DnsFailover extends Construct {
  /** Records by `<role>-<type>`, for example `primary-A`, `secondary-A`. */
  readonly records: Readonly<Record<string, Route53Record>>;
  readonly healthChecks: Readonly<Record<FailoverRole, Route53HealthCheck>>;

  constructor(scope: Construct, id: string, props: DnsFailoverProps) {
    super(scope, id);
    const where = `DnsFailover ${props.recordName}`;
    const recordTypes = props.recordTypes ?? ['A'];
    const insufficientData = props.insufficientDataHealthStatus ?? 'LastKnownStatus';
    const targets: Record<FailoverRole, FailoverTarget> = { primary: props.primary, secondary: props.secondary };

    if (!Token.isUnresolved(props.recordName) && !/^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/.test(props.recordName)) {
      throw new Error(`${where}: recordName "${props.recordName}" is not a lower-case domain name`);
    }
    if (!Token.isUnresolved(props.hostedZoneId) && !/^Z[A-Z0-9]{1,31}$/.test(props.hostedZoneId)) {
      throw new Error(`${where}: hostedZoneId "${props.hostedZoneId}" is not a Route 53 zone ID (Z...)`);
    }
    if (recordTypes.length === 0 || new Set(recordTypes).size !== recordTypes.length || recordTypes.some((t) => t !== 'A' && t !== 'AAAA')) {
      throw new Error(`${where}: recordTypes [${recordTypes.join(', ')}] must be A and/or AAAA, each once`);
    }
    if (!['Healthy', 'Unhealthy', 'LastKnownStatus'].includes(insufficientData)) {
      throw new Error(`${where}: insufficientDataHealthStatus "${insufficientData}" must be Healthy, Unhealthy or LastKnownStatus`);
    }
    for (const [role, target] of Object.entries(targets) as [FailoverRole, FailoverTarget][]) checkTarget(`${where} ${role}`, target);
    if (!Token.isUnresolved(props.primary.dnsName) && props.primary.dnsName === props.secondary.dnsName) {
      throw new Error(`${where}: primary and secondary both target ${props.primary.dnsName}; fail over to the other region's endpoint`);
    }

    const healthChecks = {} as Record<FailoverRole, Route53HealthCheck>;
    const records: Record<string, Route53Record> = {};
    for (const [role, target] of Object.entries(targets) as [FailoverRole, FailoverTarget][]) {
      const spec = target.healthCheck;
      healthChecks[role] =
        spec.kind === 'alarm'
          ? new Route53HealthCheck(this, `${role}-health-check`, {
              type: 'CLOUDWATCH_METRIC',
              cloudwatchAlarmName: spec.alarmName,
              cloudwatchAlarmRegion: spec.region,
              insufficientDataHealthStatus: insufficientData,
              tags: { Name: `${props.recordName} ${role}` },
            })
          : new Route53HealthCheck(this, `${role}-health-check`, {
              type: 'HTTPS',
              fqdn: spec.fqdn,
              port: 443,
              resourcePath: spec.path,
              enableSni: true,
              requestInterval: spec.requestIntervalSeconds ?? 30,
              failureThreshold: spec.failureThreshold ?? 3,
              tags: { Name: `${props.recordName} ${role}` },
            });
      for (const type of recordTypes) {
        records[`${role}-${type}`] = new Route53Record(this, `${role}-${type.toLowerCase()}`, {
          zoneId: props.hostedZoneId,
          name: props.recordName,
          type,
          setIdentifier: role,
          failoverRoutingPolicy: { type: role.toUpperCase() },
          healthCheckId: healthChecks[role].id,
          alias: { name: target.dnsName, zoneId: target.zoneId, evaluateTargetHealth: true },
        });
      }
    }
    this.healthChecks = healthChecks;
    this.records = records;
    useProvider(this, props.provider);
  }
}

function checkTarget(where: string, target: FailoverTarget): void {
  if (!Token.isUnresolved(target.dnsName) && !/^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/.test(target.dnsName)) {
    throw new Error(`${where}: dnsName "${target.dnsName}" is not a lower-case DNS name`);
  }
  if (!Token.isUnresolved(target.zoneId)) {
    if (!/^Z[A-Z0-9]{1,31}$/.test(target.zoneId)) throw new Error(`${where}: zoneId "${target.zoneId}" is not a Route 53 zone ID (Z...)`);
    if (target.zoneId === CLOUDFRONT_HOSTED_ZONE_ID) {
      throw new Error(`${where}: zoneId ${target.zoneId} is CloudFront's; Route 53 cannot evaluate a distribution's health, so fail over between regional endpoints (API Gateway custom domains, load balancers)`);
    }
  }
  const spec = target.healthCheck;
  if (spec.kind === 'alarm') {
    if (!Token.isUnresolved(spec.alarmName) && !/^[^\s][\x20-\x7e]{0,254}$/.test(spec.alarmName)) {
      throw new Error(`${where}: healthCheck.alarmName "${spec.alarmName}" is not a CloudWatch alarm name (1-255 printable characters)`);
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(spec.region)) throw new Error(`${where}: healthCheck.region "${spec.region}" is not an AWS region name such as us-west-2`);
    return;
  }
  if (spec.kind !== 'https') throw new Error(`${where}: healthCheck.kind "${(spec as { kind: string }).kind}" must be alarm or https`);
  if (spec.publicPath !== true) {
    throw new Error(`${where}: an HTTPS health check needs publicPath: true (Route 53 checkers send no credentials); for an authenticated API use { kind: 'alarm', alarmName, region }`);
  }
  if (!Token.isUnresolved(spec.fqdn) && !/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(spec.fqdn)) {
    throw new Error(`${where}: healthCheck.fqdn "${spec.fqdn}" is not a lower-case host name`);
  }
  if (!spec.path.startsWith('/')) throw new Error(`${where}: healthCheck.path "${spec.path}" must start with /`);
  const interval = spec.requestIntervalSeconds ?? 30;
  if (interval !== 10 && interval !== 30) throw new Error(`${where}: healthCheck.requestIntervalSeconds ${interval} must be 10 or 30`);
  const threshold = spec.failureThreshold ?? 3;
  if (!(Number.isInteger(threshold) && threshold >= 1 && threshold <= 10)) throw new Error(`${where}: healthCheck.failureThreshold ${threshold} is outside 1-10`);
}
