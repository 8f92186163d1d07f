import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseCidr } from '../../config/cidr';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';

/** One entry of a network ACL (one direction). */
export interface NaclRule {
  /**
   * Evaluation order, 1-32766, unique per direction of a tier: the lowest matching number decides
   * (allow or deny) and later rules are not read. Leave gaps (100, 110, ...) so a rule can be put
   * between two others without renumbering.
   */
  readonly ruleNumber: number;
  /** `deny` rules exist to carve an exception out of a later, broader `allow` (for example 3389 from the internet). */
  readonly action: 'allow' | 'deny';
  /** `-1` is every protocol and every port (give no ports then); `icmp` takes `icmpType`/`icmpCode` instead of ports. */
  readonly protocol: 'tcp' | 'udp' | 'icmp' | '-1';
  /**
   * First port of the range (tcp/udp only, 0-65535).
   * @default - none; required for tcp and udp
   */
  readonly fromPort?: number;
  /**
   * Last port of the range (tcp/udp only, 0-65535, at least `fromPort`).
   * @default - none; required for tcp and udp
   */
  readonly toPort?: number;
  /** IPv4 range the rule matches: the source for ingress, the destination for egress (for example the VPC CIDR). */
  readonly cidrBlock: string;
  /**
   * ICMP type for `icmp` rules (-1 = every type).
   * @default -1
   */
  readonly icmpType?: number;
  /**
   * ICMP code for `icmp` rules (-1 = every code).
   * @default -1
   */
  readonly icmpCode?: number;
}

/** The NACL of one subnet tier. */
export interface NaclTier {
  /** Subnets of the tier; each is moved from its current NACL (usually the VPC default) to this one. */
  readonly subnetIds: readonly string[];
  /**
   * Inbound rules. NACLs are stateless: replies to connections the tier opens (through NAT, to
   * endpoints, to the database tier) come back on ephemeral ports and need an inbound rule for
   * 1024-65535 from the peer's range; see {@link SubnetTierAcls}.
   */
  readonly ingress: readonly NaclRule[];
  /**
   * Outbound rules, including the replies to inbound connections (for example to the ALB or the
   * clients on 1024-65535).
   */
  readonly egress: readonly NaclRule[];
}

export interface SubnetTierAclsProps extends ProviderScopedProps {
  /** Prefix of every NACL's Name tag, `<name>-<tier>`, for example `<system>-prod`. */
  readonly name: string;
  readonly vpcId: string;
  /** NACL per tier, keyed by tier name (letters, digits, `-`), for example `public`, `private-app`, `private-data`. */
  readonly tiers: Readonly<Record<string, NaclTier>>;
  /**
   * Rules allowed per direction of one NACL (the AWS default quota; raise it only after raising the
   * "Rules per network ACL" quota of the account, at most 40).
   * @default 20
   */
  readonly maxRulesPerDirection?: number;
}

const TIER_NAME = /^[A-Za-z0-9-]{1,64}$/;
const MIN_RULE_NUMBER = 1;
const MAX_RULE_NUMBER = 32766;
const DEFAULT_RULE_QUOTA = 20;
const HARD_RULE_QUOTA = 40;
const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'icmp', '-1'];

/**
 * One network ACL per subnet tier, each with its own ingress and egress rules, associated with the
 * tier's subnets (which leave the VPC's default NACL). Network ACLs are a coarse, subnet-level
 * second line behind security groups: typically the data tier admits only the app tier's ranges.
 *
 * NACLs are STATELESS, unlike security groups: a reply is matched against the rules of the other
 * direction like any other packet. Callers must therefore admit the ephemeral ports 1024-65535
 * (the range NAT gateways, ALBs and Linux/ECS clients use for their side of a connection):
 * - inbound 1024-65535 (tcp) from wherever the tier connects to: from 0.0.0.0/0 for traffic out
 *   through a NAT gateway or to AWS public endpoints, from the peer tier's CIDRs inside the VPC;
 * - outbound 1024-65535 (tcp) to whoever connects to the tier: to the ALB subnets for an app tier,
 *   to 0.0.0.0/0 for an internet-facing ALB in the public tier.
 * An inbound 1024-65535 rule from 0.0.0.0/0 covers 3389 (RDP), which the policy pack (NET-07) and
 * checkov/trivy flag: split it into 1024-3388 and 3390-65535, or put a lower-numbered deny of 3389
 * before it (the split keeps NET-07 quiet; the deny alone does not, as NET-07 reads allow rules).
 *
 * Rules are separate `aws_network_acl_rule` resources rather than inline `ingress`/`egress` blocks:
 * inline rules are a set, so changing one rule shows the whole set being replaced in the plan and
 * the provider rewrites the entries, while a separate resource (addressed by tier, direction and
 * rule number) changes only that rule and leaves the rest of the plan empty. The NACL then carries
 * no inline rules (its `ingress`/`egress` are computed from the rule resources, so they never
 * diff); do not add inline rules or other `aws_network_acl_rule`s to these NACLs. A changed rule
 * is replaced (delete, then create under the same number), so the packets it matched fall through
 * to the next rule for a moment: add the new rule under a new number first when that matters.
 */
export class SubnetTierAcls extends Construct {
  /** The NACL of each tier, by tier name. */
  readonly acls: Readonly<Record<string, NetworkAcl>>;
  /** NACL ids by tier name. */
  readonly aclIds: Readonly<Record<string, string>>;
  /** Every rule resource, by `<tier>-<ingress|egress>-<ruleNumber>`. */
  readonly rules: Readonly<Record<string, NetworkAclRule>>;

  constructor(scope: Construct, id: string, props: SubnetTierAclsProps) {
    super(scope, id);
    const quota = props.maxRulesPerDirection ?? DEFAULT_RULE_QUOTA;
    const where = `SubnetTierAcls ${props.name}`;
    const tierNames = Object.keys(props.tiers);

    if (!(Number.isInteger(quota) && quota >= 1 && quota <= HARD_RULE_QUOTA)) {
      throw new Error(`${where}: maxRulesPerDirection ${quota} is outside 1-${HARD_RULE_QUOTA} (AWS allows at most ${HARD_RULE_QUOTA} rules per direction)`);
    }
    if (tierNames.length === 0) throw new Error(`${where}: tiers is empty; give at least one tier with its subnets and rules`);
    for (const tier of tierNames) {
      const spec = props.tiers[tier];
      const at = `${where} tier ${tier}`;
      if (!TIER_NAME.test(tier)) throw new Error(`${where}: tier name "${tier}" must be 1-64 letters, digits or -`);
      if (spec.subnetIds.length === 0) throw new Error(`${at}: subnetIds is empty; a NACL without subnets filters nothing (NET-07), give the tier's subnets or drop the tier`);
      const duplicates = spec.subnetIds.filter((s, i) => !Token.isUnresolved(s) && spec.subnetIds.indexOf(s) !== i);
      if (duplicates.length > 0) throw new Error(`${at}: subnet ${duplicates[0]} is listed twice`);
      for (const [direction, rules] of [['ingress', spec.ingress], ['egress', spec.egress]] as const) {
        validateRules(`${at} ${direction}`, rules, quota);
      }
    }
    // A subnet belongs to exactly one NACL; two tiers claiming it would fight over the association.
    const owner = new Map<string, string>();
    for (const tier of tierNames) {
      for (const subnet of props.tiers[tier].subnetIds) {
        if (Token.isUnresolved(subnet)) continue;
        const other = owner.get(subnet);
        if (other) throw new Error(`${where}: subnet ${subnet} is in tiers ${other} and ${tier}; a subnet has one NACL`);
        owner.set(subnet, tier);
      }
    }

    const acls: Record<string, NetworkAcl> = {};
    const rules: Record<string, NetworkAclRule> = {};
    for (const tier of tierNames) {
      const spec = props.tiers[tier];
      const acl = new NetworkAcl(this, tier, {
        vpcId: props.vpcId,
        subnetIds: [...spec.subnetIds],
        tags: { Name: `${props.name}-${tier}` },
      });
      acls[tier] = acl;
      for (const [direction, list] of [['ingress', spec.ingress], ['egress', spec.egress]] as const) {
        for (const rule of [...list].sort((a, b) => a.ruleNumber - b.ruleNumber)) {
          const key = `${tier}-${direction}-${rule.ruleNumber}`;
          const ports = rule.protocol === 'tcp' || rule.protocol === 'udp';
          rules[key] = new NetworkAclRule(this, key, {
            networkAclId: acl.id,
            egress: direction === 'egress',
            ruleNumber: rule.ruleNumber,
            ruleAction: rule.action,
            protocol: rule.protocol,
            cidrBlock: rule.cidrBlock,
            ...(ports ? { fromPort: rule.fromPort, toPort: rule.toPort } : {}),
            ...(rule.protocol === 'icmp' ? { icmpType: rule.icmpType ?? -1, icmpCode: rule.icmpCode ?? -1 } : {}),
          });
        }
      }
    }
    this.acls = acls;
    this.aclIds = Object.fromEntries(tierNames.map((tier) => [tier, acls[tier].id]));
    this.rules = rules;
    useProvider(this, props.provider);
  }
}

function validateRules(at: string, rules: readonly NaclRule[], quota: number): void {
  if (rules.length > quota) {
    throw new Error(`${at}: ${rules.length} rules exceed the ${quota} allowed per direction (AWS default quota); merge ranges or raise the account quota and maxRulesPerDirection`);
  }
  const seen = new Set<number>();
  for (const rule of rules) {
    const n = rule.ruleNumber;
    const label = `${at} rule ${n}`;
    if (!(Number.isInteger(n) && n >= MIN_RULE_NUMBER && n <= MAX_RULE_NUMBER)) {
      throw new Error(`${at}: rule number ${n} is outside ${MIN_RULE_NUMBER}-${MAX_RULE_NUMBER}`);
    }
    if (!PROTOCOLS.includes(rule.protocol)) throw new Error(`${label}: protocol "${rule.protocol}" is not one of ${PROTOCOLS.join(', ')}`);
    if (rule.action !== 'allow' && rule.action !== 'deny') throw new Error(`${label}: action "${rule.action}" is not allow or deny`);
    if (seen.has(n)) throw new Error(`${at}: rule number ${n} is used twice; rule numbers are unique per direction`);
    seen.add(n);
    if (!Token.isUnresolved(rule.cidrBlock) && !parseCidr(rule.cidrBlock)) {
      throw new Error(`${label}: cidrBlock "${rule.cidrBlock}" is not an IPv4 CIDR a.b.c.d/n without host bits (for example 10.0.3.0/24)`);
    }
    const hasPorts = rule.fromPort !== undefined || rule.toPort !== undefined;
    if (rule.protocol === 'tcp' || rule.protocol === 'udp') {
      for (const [field, port] of [['fromPort', rule.fromPort], ['toPort', rule.toPort]] as const) {
        if (!(port !== undefined && Number.isInteger(port) && port >= 0 && port <= 65535)) {
          throw new Error(`${label}: ${field} ${port} is not a port 0-65535; ${rule.protocol} rules need fromPort and toPort`);
        }
      }
      if (rule.fromPort! > rule.toPort!) throw new Error(`${label}: fromPort ${rule.fromPort} is above toPort ${rule.toPort}`);
    } else if (hasPorts) {
      throw new Error(`${label}: protocol ${rule.protocol} takes no ports (-1 covers every port, icmp uses icmpType/icmpCode); drop fromPort/toPort`);
    }
    if (rule.protocol !== 'icmp' && (rule.icmpType !== undefined || rule.icmpCode !== undefined)) {
      throw new Error(`${label}: icmpType/icmpCode apply only to icmp rules`);
    }
    for (const [field, value] of [['icmpType', rule.icmpType], ['icmpCode', rule.icmpCode]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= -1 && value <= 255)) throw new Error(`${label}: ${field} ${value} is outside -1-255`);
    }
  }
}
