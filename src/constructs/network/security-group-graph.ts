import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
import { SecurityGroupPeer, SecurityGroupRuleSpec, SecurityGroupSpec } from '../../config/types';

export interface SecurityGroupGraphProps extends ProviderScopedProps {
  readonly namePrefix: string;
  readonly vpcId: string;
  /** Groups keyed by name; rules reference other groups by these names. */
  readonly groups: Readonly<Record<string, SecurityGroupSpec>>;
  /**
   * Prefix list IDs for `{ prefixList: ... }` peers, keyed by the peer's name.
   * @default {}
   */
  readonly prefixLists?: Readonly<Record<string, string>>;
}

/**
 * Every security group of a system and the rules between them, one `aws_vpc_security_group_*_rule`
 * per rule (each described). Groups are created first and rules after, so cycles (frontend <-> ALB)
 * are fine. A group without egress rules has none: Terraform strips AWS's default allow-all.
 */
export class SecurityGroupGraph extends Construct {
  private readonly groups = new Map<string, SecurityGroup>();

  constructor(scope: Construct, id: string, props: SecurityGroupGraphProps) {
    super(scope, id);
    const names = Object.keys(props.groups).sort();
    for (const name of names) {
      this.groups.set(
        name,
        new SecurityGroup(this, name, {
          name: `${props.namePrefix}-${name}-sg`,
          description: props.groups[name].description,
          vpcId: props.vpcId,
          tags: { Name: `${props.namePrefix}-${name}-sg` },
          lifecycle: { createBeforeDestroy: true },
        }),
      );
    }
    for (const name of names) {
      const spec = props.groups[name];
      (spec.ingress ?? []).forEach((rule, i) => {
        new VpcSecurityGroupIngressRule(this, `${name}-ingress-${i}`, { securityGroupId: this.id(name), ...this.ruleArgs(rule, props) });
      });
      (spec.egress ?? []).forEach((rule, i) => {
        new VpcSecurityGroupEgressRule(this, `${name}-egress-${i}`, { securityGroupId: this.id(name), ...this.ruleArgs(rule, props) });
      });
    }
    useProvider(this, props.provider);
  }

  /** The ID of a group by name; throws on an unknown name so a typo fails at synth. */
  id(name: string): string {
    const group = this.groups.get(name);
    if (!group) throw new Error(`SecurityGroupGraph has no group "${name}" (it has: ${[...this.groups.keys()].join(', ')})`);
    return group.id;
  }

  get names(): string[] {
    return [...this.groups.keys()];
  }

  private ruleArgs(rule: SecurityGroupRuleSpec, props: SecurityGroupGraphProps) {
    return {
      description: rule.description,
      ipProtocol: rule.protocol ?? 'tcp',
      fromPort: rule.port,
      toPort: rule.toPort ?? rule.port,
      ...this.peerArgs(rule.peer, props),
    };
  }

  private peerArgs(peer: SecurityGroupPeer, props: SecurityGroupGraphProps) {
    if ('securityGroup' in peer) return { referencedSecurityGroupId: this.id(peer.securityGroup) };
    if ('cidr' in peer) return { cidrIpv4: peer.cidr };
    const prefixListId = props.prefixLists?.[peer.prefixList];
    if (!prefixListId) throw new Error(`SecurityGroupGraph: no prefix list "${peer.prefixList}" was given`);
    return { prefixListId };
  }
}
