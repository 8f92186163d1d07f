import {
  COMPLIANT,
  NOT_APPLICABLE,
  blocks,
  collector,
  fail,
  flag,
  hasCondition,
  isRef,
  isWildcardPrincipal,
  list,
  literal,
  num,
  statements,
  verdict,
} from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

const OPEN_V4 = '0.0.0.0/0';
const OPEN_V6 = '::/0';
const DB_PORTS = [1433, 1521, 2483, 2484, 3306, 5432, 5439, 6379, 7000, 7001, 8529, 9042, 9160, 9200, 9300, 11211, 27017, 27018, 5984, 50000];
const RULE_TYPES = new Set(['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']);

/** One SG rule, normalized from inline blocks, aws_security_group_rule or aws_vpc_security_group_*_rule. */
interface SgRule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly cidrs: string[];
  readonly description: unknown;
  readonly attribute: string;
}

function normalizeProtocol(value: unknown): string {
  const p = String(value ?? '-1').toLowerCase();
  return p === 'all' || p === '-1' ? '-1' : p === '6' ? 'tcp' : p === '17' ? 'udp' : p;
}

function sgRules(resource: PolicyResource): SgRule[] {
  const b = resource.body;
  switch (resource.type) {
    case 'aws_security_group':
      return (['ingress', 'egress'] as const).flatMap((direction) =>
        blocks(b[direction]).map((r, i) => ({
          direction,
          protocol: normalizeProtocol(r.protocol),
          from: num(r.from_port),
          to: num(r.to_port),
          cidrs: [...list(r.cidr_blocks), ...list(r.ipv6_cidr_blocks)],
          description: r.description,
          attribute: `${direction}[${i}]`,
        })),
      );
    case 'aws_security_group_rule':
      return [{
        direction: b.type === 'egress' ? 'egress' : 'ingress',
        protocol: normalizeProtocol(b.protocol),
        from: num(b.from_port),
        to: num(b.to_port),
        cidrs: [...list(b.cidr_blocks), ...list(b.ipv6_cidr_blocks)],
        description: b.description,
        attribute: 'cidr_blocks',
      }];
    default:
      return [{
        direction: resource.type === 'aws_vpc_security_group_egress_rule' ? 'egress' : 'ingress',
        protocol: normalizeProtocol(b.ip_protocol),
        from: num(b.from_port),
        to: num(b.to_port),
        cidrs: [...list(b.cidr_ipv4), ...list(b.cidr_ipv6)],
        description: b.description,
        attribute: b.cidr_ipv6 !== undefined ? 'cidr_ipv6' : 'cidr_ipv4',
      }];
  }
}

function isOpen(cidrs: readonly string[]): boolean {
  return cidrs.includes(OPEN_V4) || cidrs.includes(OPEN_V6);
}

function coversPort(rule: { protocol: string; from?: number; to?: number }, port: number): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.from === undefined || rule.to === undefined) return false;
  return rule.from <= port && port <= rule.to;
}

function isAllPorts(rule: { protocol: string; from?: number; to?: number }): boolean {
  return rule.protocol === '-1' || (rule.from !== undefined && rule.to !== undefined && rule.from <= 1 && rule.to >= 65535);
}

/** The security group a rule belongs to (itself for inline rules). */
function ownerGroups(resource: PolicyResource, context: PolicyContext): PolicyResource[] {
  if (resource.type === 'aws_security_group') return [resource];
  return context.resolve(resource.body.security_group_id).filter((r) => r.type === 'aws_security_group');
}

const LB_TYPES = ['aws_lb', 'aws_alb'];
const PUBLIC_LB_NAME = /(external|public|internet)[-_ ]?(facing[-_ ]?)?(alb|nlb|elb|lb|load[-_ ]?balancer)|internet-facing/i;

/**
 * The public load balancer's group: attached to an internet-facing aws_lb in the system/env; when no
 * load balancer in the evaluated stacks refers to the group (its layer is not synthesized in this
 * run), the group's name/description must say so (`external-alb`, "Internet-facing ALB").
 */
function isPublicLoadBalancerGroup(group: PolicyResource, context: PolicyContext): boolean {
  const lbs = LB_TYPES.flatMap((t) => context.referrers(group, t, 'security_groups'));
  if (lbs.length > 0) return lbs.some((r) => !flag(r.resource.body.internal, false));
  if (context.groupResources('aws_lb').length + context.groupResources('aws_alb').length > 0) {
    // Load balancers are in the run but none uses this group.
    return false;
  }
  return PUBLIC_LB_NAME.test(`${group.body.name ?? ''} ${group.body.description ?? ''}`);
}

const SG_TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

export const NETWORK_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'NET-01',
    title: 'Every VPC has a flow log',
    severity: 'medium',
    pack: 'network',
    mappings: { checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178'], cdkNag: ['AwsSolutions-VPC7'], fsbp: ['EC2.6'] },
    appliesTo: ['aws_vpc'],
    check(vpc, context) {
      if (context.referrers(vpc, 'aws_flow_log', 'vpc_id').length > 0) return COMPLIANT;
      return fail(vpc, 'aws_flow_log.vpc_id', 'has no aws_flow_log; add one whose vpc_id refers to this VPC');
    },
  }),
  defineRule({
    id: 'NET-02',
    title: 'Subnets do not auto-assign public IPs',
    severity: 'medium',
    pack: 'network',
    mappings: { checkov: ['CKV_AWS_130'], trivy: ['AVD-AWS-0164'], fsbp: ['EC2.15'] },
    appliesTo: ['aws_subnet', 'aws_default_subnet'],
    check(subnet) {
      if (!flag(subnet.body.map_public_ip_on_launch, subnet.type === 'aws_default_subnet')) return COMPLIANT;
      return fail(subnet, 'map_public_ip_on_launch', 'is true; set it to false and give load balancers/NAT their addresses explicitly');
    },
  }),
  defineRule({
    id: 'NET-03',
    title: "Each VPC's default security group has no rules",
    severity: 'medium',
    pack: 'network',
    mappings: { checkov: ['CKV2_AWS_12'], trivy: ['AVD-AWS-0173'], fsbp: ['EC2.2'] },
    appliesTo: ['aws_vpc'],
    check(vpc, context) {
      const defaults = context.referrers(vpc, 'aws_default_security_group', 'vpc_id').map((r) => r.resource);
      if (defaults.length === 0) {
        return fail(vpc, 'aws_default_security_group', 'is not managed, so AWS keeps its allow-all rules; adopt it with an aws_default_security_group without ingress/egress');
      }
      const withRules = defaults.find((d) => blocks(d.body.ingress).length > 0 || blocks(d.body.egress).length > 0);
      if (withRules) return fail(vpc, `${withRules.address}.ingress/egress`, 'has rules; remove every rule from the default security group');
      return COMPLIANT;
    },
  }),
  defineRule({
    id: 'NET-04',
    title: 'No ingress from the internet except 80/443 on the public load balancer',
    severity: 'high',
    pack: 'network',
    mappings: { checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277'], trivy: ['AVD-AWS-0107'], cdkNag: ['AwsSolutions-EC23'], fsbp: ['EC2.18', 'EC2.19'] },
    appliesTo: SG_TYPES.filter((t) => t !== 'aws_vpc_security_group_egress_rule'),
    check(resource, context) {
      const open = sgRules(resource).filter((r) => r.direction === 'ingress' && isOpen(r.cidrs));
      if (open.length === 0) return sgRules(resource).some((r) => r.direction === 'ingress') ? COMPLIANT : NOT_APPLICABLE;
      const c = collector();
      for (const rule of open) {
        const where = rule.attribute;
        const range = rule.protocol === '-1' ? 'all protocols' : `${rule.protocol} ${rule.from}-${rule.to}`;
        if (rule.protocol === '-1' || isAllPorts(rule)) {
          c.expect(false, where, `admits ${range} from the internet; never open all protocols or ports`);
          continue;
        }
        const forbidden = [22, 3389, ...DB_PORTS].filter((p) => coversPort(rule, p));
        c.expect(forbidden.length === 0, where, `admits port ${forbidden.join(', ')} from the internet; admit admin and database ports only from security groups`);
        if (forbidden.length > 0) continue;
        const webOnly = rule.protocol === 'tcp' && rule.from === rule.to && (rule.from === 80 || rule.from === 443);
        const publicLb = ownerGroups(resource, context).some((g) => isPublicLoadBalancerGroup(g, context));
        c.expect(webOnly && publicLb, where, `admits ${range} from ${rule.cidrs.join(', ')}; only the public load balancer's group may admit 80/443 from the internet, use a security-group peer instead`);
      }
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'NET-05',
    title: 'No all-protocol egress to the internet',
    severity: 'medium',
    pack: 'network',
    mappings: { checkov: ['CKV_AWS_382'], trivy: ['AVD-AWS-0104'] },
    appliesTo: SG_TYPES.filter((t) => t !== 'aws_vpc_security_group_ingress_rule'),
    check(resource) {
      const egress = sgRules(resource).filter((r) => r.direction === 'egress');
      if (egress.length === 0) return NOT_APPLICABLE;
      const c = collector();
      for (const rule of egress) {
        c.expect(!(isOpen(rule.cidrs) && isAllPorts(rule)), rule.attribute, 'allows all protocols/ports to the internet; egress to security groups, prefix lists or 443 only');
      }
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'NET-06',
    title: 'Security groups and rules are described; every security group is used',
    severity: 'low',
    pack: 'network',
    mappings: { checkov: ['CKV_AWS_23', 'CKV2_AWS_5'], trivy: ['AVD-AWS-0099', 'AVD-AWS-0124'], cdkNag: ['AwsSolutions-EC27'] },
    appliesTo: SG_TYPES,
    check(resource, context) {
      const c = collector();
      const described = (v: unknown) => typeof v === 'string' && v.trim() !== '' && v !== 'Managed by Terraform';
      if (resource.type === 'aws_security_group') {
        c.expect(described(resource.body.description), 'description', 'is missing (the provider default "Managed by Terraform" says nothing); describe what the group is for');
        for (const rule of sgRules(resource)) c.expect(described(rule.description), `${rule.attribute}.description`, 'is missing; describe every rule');
        const used =
          context.isPublished(resource) ||
          context.referrers(resource).some((r) => !RULE_TYPES.has(r.resource.type) && r.resource.type !== 'aws_security_group');
        c.expect(used, 'id', 'is not attached to anything (no load balancer, endpoint, service, database ... refers to it, and it is not published); remove it or attach it');
      } else {
        c.expect(described(resource.body.description), 'description', 'is missing; describe every rule');
      }
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'NET-07',
    title: 'NACLs do not admit 22, 3389 or all ports from the internet; every NACL is associated',
    severity: 'medium',
    pack: 'network',
    mappings: { checkov: ['CKV_AWS_231', 'CKV_AWS_232', 'CKV_AWS_352', 'CKV2_AWS_1'], trivy: ['AVD-AWS-0102', 'AVD-AWS-0105'], cdkNag: ['AwsSolutions-VPC3'], fsbp: ['EC2.21', 'EC2.16'] },
    appliesTo: ['aws_network_acl', 'aws_default_network_acl', 'aws_network_acl_rule'],
    check(acl, context) {
      const c = collector();
      const entries =
        acl.type === 'aws_network_acl_rule'
          ? flag(acl.body.egress, false)
            ? []
            : [{ entry: { ...acl.body, action: acl.body.rule_action }, attribute: 'cidr_block' }]
          : blocks(acl.body.ingress).map((entry, i) => ({ entry, attribute: `ingress[${i}]` }));
      for (const { entry, attribute } of entries) {
        if (String(entry.action ?? '').toLowerCase() !== 'allow') continue;
        if (!isOpen([...list(entry.cidr_block), ...list(entry.ipv6_cidr_block)])) continue;
        const rule = { protocol: normalizeProtocol(entry.protocol), from: num(entry.from_port), to: num(entry.to_port) };
        const bad = isAllPorts(rule) ? 'all ports' : [22, 3389].filter((p) => coversPort(rule, p)).join(', ');
        c.expect(!bad, attribute, `allows ${bad} from the internet; narrow the rule (ports and source)`);
      }
      if (acl.type === 'aws_network_acl') {
        const associated =
          list(acl.body.subnet_ids).length > 0 || context.referrers(acl, 'aws_network_acl_association', 'network_acl_id').length > 0;
        c.expect(associated, 'subnet_ids', 'is empty and no aws_network_acl_association uses the NACL; associate it or remove it');
      }
      return verdict(acl, c.problems);
    },
  }),
  defineRule({
    id: 'NET-08',
    title: 'prod: one NAT gateway per AZ, private routes to the same-AZ NAT',
    severity: 'medium',
    pack: 'network',
    mappings: { checkov: ['CKV2_AWS_35'] },
    appliesTo: ['aws_vpc'],
    check(vpc, context) {
      if (!context.stack.isProd) return NOT_APPLICABLE;
      const subnets = context.referrers(vpc, 'aws_subnet', 'vpc_id').map((r) => r.resource);
      const azOf = (subnet: PolicyResource) => literal(subnet.body.availability_zone) ?? literal(subnet.body.availability_zone_id);
      const nats = subnets.flatMap((s) => context.referrers(s, 'aws_nat_gateway', 'subnet_id').map((r) => ({ nat: r.resource, az: azOf(s) })));
      const publicNats = nats.filter((n) => (n.nat.body.connectivity_type ?? 'public') === 'public');
      if (publicNats.length === 0) return NOT_APPLICABLE;
      const c = collector();
      const vpcAzs = new Set(subnets.map(azOf).filter((a): a is string => !!a));
      const natAzs = new Set(publicNats.map((n) => n.az));
      const missing = [...vpcAzs].filter((az) => !natAzs.has(az));
      c.expect(missing.length === 0, 'aws_nat_gateway', `has no NAT gateway in ${missing.join(', ')}; create one NAT gateway per AZ`);
      const natAz = new Map(publicNats.map((n) => [n.nat, n.az]));
      for (const subnet of subnets) {
        for (const association of context.referrers(subnet, 'aws_route_table_association', 'subnet_id')) {
          for (const table of context.resolve(association.resource.body.route_table_id)) {
            const targets = [
              ...blocks(table.body.route).map((r) => r.nat_gateway_id),
              ...context.referrers(table, 'aws_route', 'route_table_id').map((r) => r.resource.body.nat_gateway_id),
            ];
            for (const target of targets) {
              for (const nat of context.resolve(target).filter((r) => natAz.has(r))) {
                c.expect(natAz.get(nat) === azOf(subnet), `${table.address}.nat_gateway_id`, `sends ${subnet.address} (${azOf(subnet)}) to ${nat.address} in ${natAz.get(nat)}; route each private subnet to its same-AZ NAT`);
              }
            }
          }
        }
      }
      return verdict(vpc, c.problems.filter((p, i, all) => all.findIndex((q) => q.problem === p.problem) === i));
    },
  }),
  defineRule({
    id: 'NET-09',
    title: 'Gateway endpoints for S3 (and DynamoDB); interface endpoints with private DNS and a scoped policy',
    severity: 'low',
    pack: 'network',
    mappings: { fsbp: ['EC2.55', 'EC2.56'] },
    appliesTo: ['aws_vpc', 'aws_vpc_endpoint'],
    check(resource, context) {
      const c = collector();
      if (resource.type === 'aws_vpc') {
        const endpoints = context.referrers(resource, 'aws_vpc_endpoint', 'vpc_id').map((r) => r.resource);
        const gateway = (service: string) =>
          endpoints.some((e) => String(e.body.service_name ?? '').endsWith(`.${service}`) && String(e.body.vpc_endpoint_type ?? 'Gateway') === 'Gateway');
        c.expect(gateway('s3'), 'aws_vpc_endpoint', 'has no S3 gateway endpoint; add one on the private route tables');
        if (context.groupResources('aws_dynamodb_table').length > 0) {
          c.expect(gateway('dynamodb'), 'aws_vpc_endpoint', 'has no DynamoDB gateway endpoint although the system uses DynamoDB');
        }
        return verdict(resource, c.problems);
      }
      if (String(resource.body.vpc_endpoint_type ?? 'Gateway') !== 'Interface') return NOT_APPLICABLE;
      c.expect(flag(resource.body.private_dns_enabled, false), 'private_dns_enabled', 'is not true; enable private DNS so clients use the endpoint');
      const policy = resource.json('policy');
      if (resource.body.policy === undefined) {
        c.expect(false, 'policy', 'is absent (full access to the service); scope it to this account and the actions used');
      } else if (!isRef(resource.body.policy)) {
        const open = statements(policy).some(
          (s) => s.Effect === 'Allow' && isWildcardPrincipal(s.Principal ?? '*') && !hasCondition(s) && (s.Action.includes('*') || s.Resource.includes('*')),
        );
        c.expect(!open, 'policy', 'allows any principal any action/resource without a condition; scope it (aws:PrincipalAccount, actions)');
      }
      return verdict(resource, c.problems);
    },
  }),
];
