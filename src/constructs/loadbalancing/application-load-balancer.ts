import { Lb } from '@cdktf/provider-aws/lib/lb';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

export interface ApplicationLoadBalancerProps {
  /** Name (at most 32 characters), for example `<system>-prod-ext-alb`. */
  readonly name: string;
  /** `true` for an internal ALB (private subnets), `false` for internet-facing (public subnets). */
  readonly internal: boolean;
  /** Subnets in at least two AZs. */
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** Bucket and prefix of the access logs (the bucket policy must admit ELB log delivery). */
  readonly accessLogs: { readonly bucket: string; readonly prefix: string };
  /**
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * HTTP desync mitigation; `monitor` is not allowed.
   * @default 'strictest'
   */
  readonly desyncMitigationMode?: 'defensive' | 'strictest';
}

/**
 * An Application Load Balancer hardened as LB-03/04/06 ask: invalid header fields dropped, desync
 * mitigation defensive or strictest, access logs on, optional deletion protection, IPv4.
 */
export class ApplicationLoadBalancer extends Construct {
  readonly lb: Lb;
  readonly arn: string;
  readonly arnSuffix: string;
  readonly dnsName: string;
  readonly zoneId: string;

  constructor(scope: Construct, id: string, props: ApplicationLoadBalancerProps) {
    super(scope, id);
    const idle = props.idleTimeoutSeconds ?? 60;
    const desync = props.desyncMitigationMode ?? 'strictest';
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(props.name) || props.name.startsWith('internal-')) {
      throw new Error(`ApplicationLoadBalancer: name "${props.name}" must be 1-32 letters, digits or dashes, not starting with internal- or ending with a dash`);
    }
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) throw new Error(`ApplicationLoadBalancer ${props.name}: needs subnets in at least two AZs (got ${props.subnetIds.length})`);
    if (idle < 1 || idle > 4000) throw new Error(`ApplicationLoadBalancer ${props.name}: idleTimeoutSeconds ${idle} is outside 1-4000`);
    if (!props.accessLogs.bucket) throw new Error(`ApplicationLoadBalancer ${props.name}: accessLogs.bucket is empty (LB-04)`);

    this.lb = new Lb(this, 'alb', {
      name: props.name,
      loadBalancerType: 'application',
      internal: props.internal,
      ipAddressType: 'ipv4',
      subnets: props.subnetIds,
      securityGroups: props.securityGroupIds,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: desync,
      enableDeletionProtection: props.deletionProtection ?? false,
      idleTimeout: idle,
      enableHttp2: true,
      accessLogs: { bucket: props.accessLogs.bucket, prefix: props.accessLogs.prefix, enabled: true },
    });
    this.arn = this.lb.arn;
    this.arnSuffix = this.lb.arnSuffix;
    this.dnsName = this.lb.dnsName;
    this.zoneId = this.lb.zoneId;
  }
}
