import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclAssociation } from '@cdktf/provider-aws/lib/network-acl-association';
import { TerraformProvider, dependable } from 'cdktf';
import { NetworkConfig } from '../config/types';
import { NaclRule, NaclTier, SubnetTierAcls } from '../constructs/network/network-acls';
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

/** Where and how {@link addTierIsolationAcls} builds the ACLs, beyond the defaults lang-portal uses. */
export interface TierIsolationAclsOptions {
  /**
   * Construct ID of the ACLs (a Terraform address: keep it once deployed).
   * @default 'tier-acls'
   */
  readonly id?: string;
  /**
   * Prefix of the NACLs' Name tags.
   * @default - the stack's prefix
   */
  readonly name?: string;
  /**
   * Provider of the VPC's region (the secondary region's VPC of a DR setup).
   * @default - the stack's default provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Adopt a deployed VPC whose subnets sat on the allow-all default NACL and whose data subnets
   * had TieredVpc's own NACL at this address (for example `aws_network_acl.vpc_private-data-nacl_6CFFA5DF`).
   * That NACL becomes the data tier's (a `moved` block, `<id>-private-data`) and is updated in
   * place, so the data subnets never fall back to the emptied default NACL; its rules stay inline
   * (the in-place update swaps the old VPC-wide entries for the port rules; separate rule resources
   * would collide with the old inline entry numbers). Implies `deployedVpc`.
   * @default - the data tier gets a new ACL
   */
  readonly adoptDataAclFrom?: string;
  /**
   * The VPC is deployed with its subnets on the allow-all default NACL (TieredVpc's
   * `manageNetworkAcls`): each subnet joins its tier ACL through an `aws_network_acl_association`
   * that waits for the tier's rules (a NACL that takes subnets before its rules exist denies
   * everything meanwhile), and the default NACL is emptied only after every subnet has left it.
   * @default false
   */
  readonly deployedVpc?: boolean;
}

/**
 * Network ACLs that isolate the three subnet tiers of a TieredVpc under its security groups (the
 * "Network ACLs for subnet isolation" of a seed), built in the network stack as `tier-acls` (or `options.id`):
 * - public: HTTPS and HTTP from anywhere (the ALB), everything from inside the VPC (NAT traffic,
 *   target responses), ephemeral return traffic of NAT'd connections; out HTTP(S), ephemeral
 *   answers to clients, everything into the VPC;
 * - private app: everything from inside the VPC, ephemeral return traffic from the internet (NAT);
 *   out HTTPS anywhere and everything into the VPC;
 * - private data: only the private app subnets, only on the database ports, and answers to them.
 * A tier without subnets (a private-only VPC has no public tier, a VPC without databases no data
 * tier) gets no ACL.
 */
export function addTierIsolationAcls(stack: LayerStack, vpc: TieredVpc, net: NetworkConfig, options: TierIsolationAclsOptions = {}): SubnetTierAcls {
  const vpcCidr = net.vpcCidr;
  const app = net.privateAppSubnetCidrs;
  const ports = net.networkAcls!.databasePorts;
  const dataIngress: NaclRule[] = app.flatMap((cidr, i) =>
    ports.map((port, j) => ({ ruleNumber: 100 + i * 10 + j, action: 'allow' as const, protocol: 'tcp' as const, fromPort: port, toPort: port, cidrBlock: cidr })),
  );
  const dataEgress: NaclRule[] = app.map((cidr, i) => ({ ruleNumber: 100 + i * 10, action: 'allow', protocol: 'tcp', fromPort: 1024, toPort: 65535, cidrBlock: cidr }));
  const tiers: Record<string, NaclTier> = {
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
  };
  const id = options.id ?? 'tier-acls';
  const name = options.name ?? stack.prefix;
  const adopt = options.adoptDataAclFrom;
  const data = tiers['private-data'];
  const separate = Object.fromEntries(Object.entries(tiers).filter(([tier, spec]) => spec.subnetIds.length > 0 && !(adopt && tier === 'private-data')));
  const acls = new SubnetTierAcls(stack, id, { name, vpcId: vpc.vpc.id, tiers: separate, provider: options.provider });
  if (adopt || options.deployedVpc) {
    // What must exist before the default NACL loses its allow-all rules.
    const first: string[] = [];
    for (const [tier, acl] of Object.entries(acls.acls)) {
      const tierRules = Object.entries(acls.rules).filter(([key]) => key.startsWith(`${tier}-ingress-`) || key.startsWith(`${tier}-egress-`));
      acl.resetSubnetIds();
      separate[tier].subnetIds.forEach((subnetId, i) => {
        const association = new NetworkAclAssociation(acls, `${tier}-association-${net.availabilityZones[i]}`, {
          networkAclId: acl.id,
          subnetId,
          dependsOn: tierRules.map(([, rule]) => rule),
          provider: options.provider,
        });
        first.push(dependable(association));
      });
    }
    if (adopt && data.subnetIds.length > 0) {
      const inline = (rules: readonly NaclRule[]) =>
        rules.map((r) => ({ ruleNo: r.ruleNumber, action: r.action, protocol: r.protocol, fromPort: r.fromPort ?? 0, toPort: r.toPort ?? 0, cidrBlock: r.cidrBlock }));
      const dataAcl = new NetworkAcl(stack, `${id}-private-data`, {
        vpcId: vpc.vpc.id,
        subnetIds: [...data.subnetIds],
        ingress: inline(data.ingress),
        egress: inline(data.egress),
        tags: { Name: `${name}-private-data` },
        provider: options.provider,
      });
      dataAcl.moveFromId(adopt);
      first.push(dependable(dataAcl));
    }
    vpc.defaultNetworkAcl.dependsOn = [...(vpc.defaultNetworkAcl.dependsOn ?? []), ...first];
  }
  return acls;
}
