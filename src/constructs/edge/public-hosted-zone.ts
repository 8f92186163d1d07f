import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';

export interface PublicHostedZoneProps {
  /** Apex domain, for example `example.com`. */
  readonly domainName: string;
  /**
   * Use this existing public hosted zone instead of creating one.
   * @default - a new public hosted zone for `domainName`
   */
  readonly existingZoneId?: string;
}

/**
 * The system's public Route 53 hosted zone: a new one for `domainName`, or an existing zone by ID
 * (then the name servers are not known to Terraform and `nameServers` is empty).
 */
export class PublicHostedZone extends Construct {
  readonly zoneId: string;
  readonly domainName: string;
  /** Name servers to delegate to; empty for an existing zone. */
  readonly nameServers: string[];
  /** The zone resource, when this construct created it. */
  readonly zone?: Route53Zone;

  constructor(scope: Construct, id: string, props: PublicHostedZoneProps) {
    super(scope, id);
    if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(props.domainName)) {
      throw new Error(`PublicHostedZone: domainName "${props.domainName}" is not a lower-case domain name such as example.com`);
    }
    if (props.existingZoneId !== undefined && !/^Z[A-Z0-9]{1,31}$/.test(props.existingZoneId)) {
      throw new Error(`PublicHostedZone: existingZoneId "${props.existingZoneId}" is not a Route 53 hosted zone ID (Z...)`);
    }
    this.domainName = props.domainName;
    if (props.existingZoneId) {
      this.zoneId = props.existingZoneId;
      this.nameServers = [];
    } else {
      this.zone = new Route53Zone(this, 'zone', {
        name: props.domainName,
        comment: `Public zone of ${props.domainName} (managed by Terraform)`,
        forceDestroy: false,
      });
      this.zoneId = this.zone.zoneId;
      this.nameServers = this.zone.nameServers;
    }
  }
}
