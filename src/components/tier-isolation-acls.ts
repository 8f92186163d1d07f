import { NetworkConfig } from '../config/types';
import { NaclRule, SubnetTierAcls } from '../constructs/network/network-acls';
import { TieredVpc } from '../constructs/network/tiered-vpc';
import { LayerStack } from '../core/layer-stack';

const ANYWHERE = '0.0.0.0/0';

/**
 * Return traffic from the internet lands on ephemeral ports; split around 3389 so the ACL never
 * admits RDP from anywhere (NACLs are stateless: every answer needs its own rule). Rule numbers
 * `first` and `first + 1`.
 */
export function ephemeralFrom(cidr: string, first: number): NaclRule[] {
  return [
    { ruleNumber: first, action: 'allow', protocol: 'tcp', fromPort: 1024, toPort: 3388, cidrBlock: cidr },
    { ruleNumber: first + 1, action: 'allow', protocol: 'tcp', fromPort: 3390, toPort: 65535, cidrBlock: cidr },
  ];
}

/**
 * Network ACLs that isolate the three subnet tiers of a TieredVpc under its security groups (the
 * "Network ACLs for subnet isolation" of a seed), built in the network stack as `tier-acls`:
 * - public: HTTPS and HTTP from anywhere (the ALB), everything from inside the VPC (NAT traffic,
 *   target responses), ephemeral return traffic of NAT'd connections; out HTTP(S), ephemeral
 *   answers to clients, everything into the VPC;
 * - private app: everything from inside the VPC, ephemeral return traffic from the internet (NAT);
 *   out HTTPS anywhere and everything into the VPC;
 * - private data: only the private app subnets, only on the database ports, and answers to them.
 */
export function addTierIsolationAcls(stack: LayerStack, vpc: TieredVpc, net: NetworkConfig): SubnetTierAcls {
  const vpcCidr = net.vpcCidr;
  const app = net.privateAppSubnetCidrs;
  const ports = net.networkAcls!.databasePorts;
  const dataIngress: NaclRule[] = app.flatMap((cidr, i) =>
    ports.map((port, j) => ({ ruleNumber: 100 + i * 10 + j, action: 'allow' as const, protocol: 'tcp' as const, fromPort: port, toPort: port, cidrBlock: cidr })),
  );
  const dataEgress: NaclRule[] = app.map((cidr, i) => ({ ruleNumber: 100 + i * 10, action: 'allow', protocol: 'tcp', fromPort: 1024, toPort: 65535, cidrBlock: cidr }));
  return new SubnetTierAcls(stack, 'tier-acls', {
    name: stack.prefix,
    vpcId: vpc.vpc.id,
    tiers: {
      public: {
        subnetIds: vpc.publicSubnets.map((s) => s.id),
        ingress: [
          { ruleNumber: 100, action: 'allow', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlock: ANYWHERE },
          { ruleNumber: 110, action: 'allow', protocol: 'tcp', fromPort: 80, toPort: 80, cidrBlock: ANYWHERE },
          { ruleNumber: 120, action: 'allow', protocol: '-1', cidrBlock: vpcCidr },
          ...ephemeralFrom(ANYWHERE, 130),
        ],
        egress: [
          { ruleNumber: 100, action: 'allow', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlock: ANYWHERE },
          { ruleNumber: 110, action: 'allow', protocol: 'tcp', fromPort: 80, toPort: 80, cidrBlock: ANYWHERE },
          { ruleNumber: 120, action: 'allow', protocol: '-1', cidrBlock: vpcCidr },
          { ruleNumber: 130, action: 'allow', protocol: 'tcp', fromPort: 1024, toPort: 65535, cidrBlock: ANYWHERE },
        ],
      },
      'private-app': {
        subnetIds: vpc.privateAppSubnets.map((s) => s.id),
        ingress: [{ ruleNumber: 100, action: 'allow', protocol: '-1', cidrBlock: vpcCidr }, ...ephemeralFrom(ANYWHERE, 110)],
        egress: [
          { ruleNumber: 100, action: 'allow', protocol: '-1', cidrBlock: vpcCidr },
          { ruleNumber: 110, action: 'allow', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlock: ANYWHERE },
        ],
      },
      'private-data': { subnetIds: vpc.privateDataSubnets.map((s) => s.id), ingress: dataIngress, egress: dataEgress },
    },
  });
}
