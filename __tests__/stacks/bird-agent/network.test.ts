import { Json, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { birdAgentConfigError, birdAgentStacks } from './helpers';

const rules = (json: Json, tier: string, egress: boolean, prefix = 'tier-acls') =>
  resourcesOf(json, 'aws_network_acl_rule')
    .filter(([name]) => name.startsWith(`${prefix}_${tier}-${egress ? 'egress' : 'ingress'}`))
    .map(([, r]) => [r.rule_number, r.protocol, r.from_port ?? null, r.to_port ?? null, r.cidr_block])
    .sort((a, b) => (a[0] as number) - (b[0] as number));

describe('bird-agent network layer', () => {
  const dev = synthJson(birdAgentStacks('dev', 'network').network);
  const prod = synthJson(birdAgentStacks('prod', 'network').network);

  test('the seed\'s VPC: DNS support and hostnames, public 10.0.1-3, app 10.0.11-13, data 10.0.21-23 over us-east-1a/b/c', () => {
    const [, vpc] = resourcesOf(dev, 'aws_vpc')[0];
    expect(vpc).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    const subnets = Object.fromEntries(resourcesOf(dev, 'aws_subnet').map(([, s]) => [s.cidr_block, s.availability_zone]));
    for (const [i, az] of ['a', 'b', 'c'].entries()) {
      for (const base of [1, 11, 21]) expect(subnets[`10.0.${base + i}.0/24`]).toBe(`us-east-1${az}`);
    }
  });

  test('three NAT gateways with Elastic IPs in prod, one in dev', () => {
    expect(resourcesOf(prod, 'aws_nat_gateway').filter(([name]) => !name.startsWith('dr-'))).toHaveLength(3);
    expect(resourcesOf(prod, 'aws_eip').filter(([name]) => !name.startsWith('dr-'))).toHaveLength(3);
    expect(resourcesOf(dev, 'aws_nat_gateway')).toHaveLength(1);
  });

  test('the seed\'s NACLs rule by rule, with the ephemeral range split around 3389 and NAT return traffic admitted to the app tier', () => {
    expect(rules(dev, 'public', false)).toEqual([
      [100, 'tcp', 80, 80, '0.0.0.0/0'],
      [110, 'tcp', 443, 443, '0.0.0.0/0'],
      [120, 'tcp', 22, 22, '203.0.113.0/24'],
      [130, 'tcp', 1024, 3388, '0.0.0.0/0'],
      [131, 'tcp', 3390, 65535, '0.0.0.0/0'],
    ]);
    expect(rules(dev, 'public', true)).toEqual([[100, '-1', null, null, '0.0.0.0/0']]);
    expect(rules(dev, 'private-app', false)).toEqual([
      [100, '-1', null, null, '10.0.0.0/16'],
      [110, 'tcp', 443, 443, '0.0.0.0/0'],
      [120, 'tcp', 1024, 3388, '0.0.0.0/0'],
      [121, 'tcp', 3390, 65535, '0.0.0.0/0'],
    ]);
    expect(rules(dev, 'private-app', true)).toEqual([[100, '-1', null, null, '0.0.0.0/0']]);
    expect(rules(dev, 'private-data', false)).toEqual([[100, '-1', null, null, '10.0.0.0/16']]);
    expect(rules(dev, 'private-data', true)).toEqual([[100, '-1', null, null, '10.0.0.0/16']]);
    // The VPC's own default ACL keeps no rules (every subnet is in a tier ACL).
    const [, defaultAcl] = resourcesOf(dev, 'aws_default_network_acl')[0];
    expect(defaultAcl.ingress ?? []).toEqual([]);
  });

  test('the seed\'s security groups, each rule with its description; no egress from the database and cache', () => {
    const ingress = resourcesOf(dev, 'aws_vpc_security_group_ingress_rule').map(([, r]) => `${r.from_port} ${r.description}`).sort();
    expect(ingress).toEqual(
      [
        '443 Port 443 from API Gateway (VPC link NLB)',
        '80 Port 80 from API Gateway (VPC link NLB)',
        '8080 Port 8080 from ALB',
        '8081 Port 8081 from ALB (health checks)',
        '5432 Port 5432 from ECS Services',
        '5432 Port 5432 from Lambda',
        '6379 Port 6379 from ECS Services',
        '6379 Port 6379 from Lambda',
        '443 HTTPS from ECS Services',
        '443 HTTPS from Lambda',
      ].sort(),
    );
    const egress = resourcesOf(dev, 'aws_vpc_security_group_egress_rule').map(([, r]) => `${r.from_port} ${r.description}`);
    for (const rule of ['8080 Port 8080 to ECS Services', '443 Port 443 to Internet (AWS API calls)', '5432 Port 5432 to Database', '6379 Port 6379 to Cache']) expect(egress).toContain(rule);
    const egressByGroup = (group: string) => resourcesOf(dev, 'aws_vpc_security_group_egress_rule').filter(([, r]) => String(r.security_group_id).includes(`aws_security_group.security-groups_${group}_`));
    expect(egressByGroup('database')).toEqual([]);
    expect(egressByGroup('cache')).toEqual([]);
    expect(egressByGroup('alb').map(([, r]) => r.from_port).sort()).toEqual([8080, 8081]);
  });

  test('prod builds the DR network in us-west-2 with the same tiers and ACLs', () => {
    const dr = resourcesOf(prod, 'aws_vpc').find(([name]) => name.startsWith('dr-'))![1];
    expect(dr.cidr_block).toBe('10.1.0.0/16');
    expect(String(dr.provider)).toBe('aws.us_west_2');
    expect(rules(prod, 'private-data', false, 'dr-tier-acls')).toEqual([[100, '-1', null, null, '10.1.0.0/16']]);
    expect(prod.output.dr_vpc_id).toBeDefined();
    expect(prod.output.dr_certificate_arn).toBeDefined();
    expect(dev.output.dr_vpc_id).toBeUndefined();
  });

  test('prod: a warning topic in us-west-2 for the standby\'s health alarm (the only level it needs)', () => {
    const west = resourcesOf(prod, 'aws_sns_topic').filter(([, t]) => t.provider === 'aws.us_west_2').map(([, t]) => t.name);
    expect(west).toEqual(['bird-agent-prod-dr-warning']);
    expect(prod.output.dr_warning_alerts_topic_arn).toBeDefined();
    expect(prod.output.dr_critical_alerts_topic_arn).toBeUndefined();
    expect(Object.keys(dev.output).filter((o) => o.includes('alerts_topic'))).toEqual(['critical_alerts_topic_arn', 'warning_alerts_topic_arn']);
  });

  test('a management network wider than a /16 is refused', () => {
    expect(birdAgentConfigError((c) => (c.network.networkAcls.managementCidr = '0.0.0.0/0'))).toBe(
      "Invalid configuration for bird-agent/dev: network.networkAcls.managementCidr = \"0.0.0.0/0\" admits SSH from more than a /16. Fix: give the administrators' own network, for example 203.0.113.0/24.",
    );
  });

  test('plans offline against the real provider (prod, with the DR region)', () => {
    expectOfflinePlan(prod);
  }, 300_000);
});
