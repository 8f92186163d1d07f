import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultRouteTable } from '@cdktf/provider-aws/lib/default-route-table';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { suppressRule } from '../../policy/suppressions';

export interface TieredVpcProps extends ProviderScopedProps {
  /** Prefix of every Name tag, for example `<system>-prod`. */
  readonly namePrefix: string;
  readonly cidrBlock: string;
  /** AZ names; each tier gets one subnet per AZ, in this order. */
  readonly availabilityZones: readonly string[];
  /** One per AZ, or none: a private-only VPC has no internet gateway and no NAT. */
  readonly publicSubnetCidrs: readonly string[];
  readonly privateAppSubnetCidrs: readonly string[];
  /** One per AZ, or none (a system without databases). */
  readonly privateDataSubnetCidrs: readonly string[];
  /**
   * Route the private app subnets to the internet through NAT.
   * @default true
   */
  readonly enableNatGateway?: boolean;
  /**
   * One NAT gateway in the first AZ for all private app subnets, instead of one per AZ.
   * @default false
   */
  readonly singleNatGateway?: boolean;
  /**
   * Build the VPC's own network ACLs: an allow-all default NACL for the public and app tiers and a
   * VPC-only NACL for the data tier. Turn off when the caller puts every subnet in its own ACLs
   * (a subnet belongs to exactly one): the default NACL then keeps no rules and no subnets.
   * @default true
   */
  readonly manageNetworkAcls?: boolean;
}

/**
 * A three-tier VPC: public subnets behind an internet gateway, private app subnets with one route
 * table per AZ (to the same-AZ NAT, or the single NAT), and private data subnets sharing one route
 * table with no internet route. The public and data tiers are optional: without public subnets
 * there is no internet gateway (and no NAT), a private-only VPC that reaches AWS through endpoints. The default security group, route table and NACL are adopted and
 * emptied so nothing relies on them by accident; the data tier has its own VPC-only NACL.
 */
export class TieredVpc extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[];
  readonly privateAppSubnets: Subnet[];
  readonly privateDataSubnets: Subnet[];
  /** Only with public subnets. */
  readonly publicRouteTable?: RouteTable;
  readonly privateAppRouteTables: RouteTable[];
  /** Only with data subnets. */
  readonly privateDataRouteTable?: RouteTable;
  readonly natGateways: NatGateway[];
  readonly natPublicIps: Eip[];
  readonly defaultNetworkAcl: DefaultNetworkAcl;
  /** Only with data subnets. */
  readonly dataNetworkAcl?: NetworkAcl;

  constructor(scope: Construct, id: string, props: TieredVpcProps) {
    super(scope, id);
    const enableNat = props.enableNatGateway ?? true;
    const singleNat = props.singleNatGateway ?? false;
    const azs = props.availabilityZones;
    const name = (suffix: string) => ({ Name: `${props.namePrefix}-${suffix}` });
    for (const [field, list, optional] of [
      ['publicSubnetCidrs', props.publicSubnetCidrs, true],
      ['privateAppSubnetCidrs', props.privateAppSubnetCidrs, false],
      ['privateDataSubnetCidrs', props.privateDataSubnetCidrs, true],
    ] as const) {
      if (list.length !== azs.length && !(optional && list.length === 0)) {
        throw new Error(`TieredVpc ${props.namePrefix}: ${field} has ${list.length} entries for ${azs.length} AZs; give one per AZ${optional ? ' or none' : ''}`);
      }
    }
    const hasPublic = props.publicSubnetCidrs.length > 0;
    if (enableNat && !hasPublic) throw new Error(`TieredVpc ${props.namePrefix}: NAT needs public subnets; set enableNatGateway false for a private-only VPC`);

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: name('vpc'),
    });

    // Adopt the defaults: the default SG loses every rule (nothing may rely on it), the default
    // route table gets no routes. The default NACL (public and app tiers) is written out as AWS's
    // allow-all: security groups filter there (port rules must admit NAT, ALB and gateway-endpoint
    // return traffic on 1024-65535; addTierIsolationAcls does). The data tier gets its own NACL
    // that admits only the VPC. With manageNetworkAcls off the caller's ACLs hold every subnet and
    // the default keeps no rules.
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id, tags: name('default-do-not-use') });
    new DefaultRouteTable(this, 'default-rt', { defaultRouteTableId: this.vpc.defaultRouteTableId, tags: name('default-do-not-use') });
    const manageAcls = props.manageNetworkAcls ?? true;
    this.defaultNetworkAcl = new DefaultNetworkAcl(this, 'default-nacl', {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      ...(manageAcls
        ? {
            ingress: [{ ruleNo: 100, action: 'allow', protocol: '-1', fromPort: 0, toPort: 0, cidrBlock: '0.0.0.0/0' }],
            egress: [{ ruleNo: 100, action: 'allow', protocol: '-1', fromPort: 0, toPort: 0, cidrBlock: '0.0.0.0/0' }],
          }
        : {}),
      // Subnets join the default NACL implicitly; listing them here would fight the data NACL.
      lifecycle: { ignoreChanges: ['subnet_ids'] },
      tags: name('default-nacl'),
    });
    if (manageAcls) {
      suppressRule(
        this.defaultNetworkAcl,
        'NET-07',
        props.publicSubnetCidrs.length > 0
          ? 'Simple ACL set of a VPC without tier ACLs (manageNetworkAcls): the public and app tiers stay on the allow-all default NACL and security groups filter there, the data tier has a VPC-only NACL; a system that wants subnet-level isolation configures networkAcls (addTierIsolationAcls), whose ephemeral-port rules carry NAT and ALB return traffic'
          : 'Simple ACL set of a private-only VPC without tier ACLs (manageNetworkAcls): the app tier stays on the allow-all default NACL and security groups filter every flow; a system that wants subnet-level isolation configures tier ACLs (addTierIsolationAcls), whose ephemeral-port rules carry the gateway endpoints\' return traffic from AWS public ranges',
      );
    }

    const igw = hasPublic ? new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: name('igw') }) : undefined;

    const subnets = (tier: string, cidrs: readonly string[]) =>
      cidrs.map(
        (cidr, i) =>
          new Subnet(this, `${tier}-${azs[i]}`, {
            vpcId: this.vpc.id,
            cidrBlock: cidr,
            availabilityZone: azs[i],
            // Public subnets hold only load balancers and NAT gateways, which get their addresses
            // explicitly; nothing launched here should receive a public IP by accident.
            mapPublicIpOnLaunch: false,
            tags: { ...name(`${tier}-${azs[i]}`), Tier: tier },
          }),
      );
    this.publicSubnets = subnets('public', props.publicSubnetCidrs);
    this.privateAppSubnets = subnets('private-app', props.privateAppSubnetCidrs);
    this.privateDataSubnets = subnets('private-data', props.privateDataSubnetCidrs);

    if (igw) {
      const publicRouteTable = new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: name('public-rt') });
      new Route(this, 'public-default-route', {
        routeTableId: publicRouteTable.id,
        destinationCidrBlock: '0.0.0.0/0',
        gatewayId: igw.id,
      });
      this.publicSubnets.forEach((subnet, i) => {
        new RouteTableAssociation(this, `public-rta-${azs[i]}`, { subnetId: subnet.id, routeTableId: publicRouteTable.id });
      });
      this.publicRouteTable = publicRouteTable;
    }

    const natAzs = igw && enableNat ? (singleNat ? [0] : azs.map((_, i) => i)) : [];
    this.natPublicIps = natAzs.map((i) => new Eip(this, `nat-eip-${azs[i]}`, { domain: 'vpc', tags: name(`nat-eip-${azs[i]}`), dependsOn: [igw!] }));
    this.natGateways = natAzs.map(
      (i, n) =>
        new NatGateway(this, `nat-${azs[i]}`, {
          allocationId: this.natPublicIps[n].allocationId,
          subnetId: this.publicSubnets[i].id,
          connectivityType: 'public',
          tags: name(`nat-${azs[i]}`),
          dependsOn: [igw!],
        }),
    );

    this.privateAppRouteTables = this.privateAppSubnets.map((subnet, i) => {
      const table = new RouteTable(this, `private-app-rt-${azs[i]}`, { vpcId: this.vpc.id, tags: name(`private-app-rt-${azs[i]}`) });
      if (this.natGateways.length > 0) {
        // Same-AZ NAT when there is one per AZ, so an AZ outage cannot cut the others off.
        const nat = this.natGateways[singleNat ? 0 : i];
        new Route(this, `private-app-default-route-${azs[i]}`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      }
      new RouteTableAssociation(this, `private-app-rta-${azs[i]}`, { subnetId: subnet.id, routeTableId: table.id });
      return table;
    });

    if (this.privateDataSubnets.length > 0) {
      const dataRouteTable = new RouteTable(this, 'private-data-rt', { vpcId: this.vpc.id, tags: name('private-data-rt') });
      this.privateDataSubnets.forEach((subnet, i) => {
        new RouteTableAssociation(this, `private-data-rta-${azs[i]}`, { subnetId: subnet.id, routeTableId: dataRouteTable.id });
      });
      if (manageAcls) this.dataNetworkAcl = new NetworkAcl(this, 'private-data-nacl', {
        vpcId: this.vpc.id,
        subnetIds: this.privateDataSubnets.map((s) => s.id),
        ingress: [{ ruleNo: 100, action: 'allow', protocol: '-1', fromPort: 0, toPort: 0, cidrBlock: props.cidrBlock }],
        egress: [{ ruleNo: 100, action: 'allow', protocol: '-1', fromPort: 0, toPort: 0, cidrBlock: props.cidrBlock }],
        tags: name('private-data-nacl'),
      });
      this.privateDataRouteTable = dataRouteTable;
    }
    useProvider(this, props.provider);
  }

  /** Every private route table: where gateway endpoints attach. */
  get privateRouteTables(): RouteTable[] {
    return [...this.privateAppRouteTables, ...(this.privateDataRouteTable ? [this.privateDataRouteTable] : [])];
  }
}
