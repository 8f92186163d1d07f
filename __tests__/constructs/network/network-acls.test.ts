import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { NaclRule, NaclTier, SubnetTierAcls, SubnetTierAclsProps } from '../../../src/constructs/network/network-acls';
import { evaluate } from '../../../src/policy';
import { Json, resourcesOf, synthJson } from '../../helpers';
import { stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const VPC_CIDR = '10.0.0.0/16';
const ANYWHERE = '0.0.0.0/0';
const tcp = (ruleNumber: number, fromPort: number, toPort: number, cidrBlock: string, action: 'allow' | 'deny' = 'allow'): NaclRule => ({ ruleNumber, action, protocol: 'tcp', fromPort, toPort, cidrBlock });
const all = (ruleNumber: number, cidrBlock: string): NaclRule => ({ ruleNumber, action: 'allow', protocol: '-1', cidrBlock });
/** Return traffic from the internet on the ephemeral ports, split around 3389 (NET-07). */
const ephemeralFromInternet = (first: number): NaclRule[] => [tcp(first, 1024, 3388, ANYWHERE), tcp(first + 10, 3390, 65535, ANYWHERE)];

/** A three-tier layout as the seeds describe: ALB + NAT in public, ECS in app, Aurora in data. */
function tiers(subnets: { public: string[]; app: string[]; data: string[] }): Record<string, NaclTier> {
  return {
    public: {
      subnetIds: subnets.public,
      ingress: [tcp(100, 443, 443, ANYWHERE), tcp(110, 80, 80, ANYWHERE), all(120, VPC_CIDR), ...ephemeralFromInternet(130)],
      egress: [all(100, VPC_CIDR), tcp(110, 443, 443, ANYWHERE), tcp(120, 1024, 65535, ANYWHERE)],
    },
    'private-app': {
      subnetIds: subnets.app,
      ingress: [all(100, VPC_CIDR), ...ephemeralFromInternet(110)],
      egress: [all(100, VPC_CIDR), tcp(110, 443, 443, ANYWHERE)],
    },
    'private-data': {
      subnetIds: subnets.data,
      ingress: [tcp(100, 5432, 5432, '10.0.3.0/24'), tcp(110, 5432, 5432, '10.0.4.0/24'), { ruleNumber: 200, action: 'allow', protocol: 'icmp', cidrBlock: VPC_CIDR, icmpType: 3, icmpCode: 4 }],
      egress: [tcp(100, 1024, 65535, '10.0.3.0/24'), tcp(110, 1024, 65535, '10.0.4.0/24')],
    },
  };
}

const LITERAL_SUBNETS = { public: ['subnet-pub-a', 'subnet-pub-b'], app: ['subnet-app-a', 'subnet-app-b'], data: ['subnet-data-a', 'subnet-data-b'] };
const BASE: SubnetTierAclsProps = { name: 'sys-dev', vpcId: 'vpc-0123456789abcdef0', tiers: tiers(LITERAL_SUBNETS) };

function synth(change: Partial<SubnetTierAclsProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new SubnetTierAcls(scope, 'nacl', { ...BASE, ...change })));
}

/** A plain VPC with two subnets per tier, and the NACLs on it. */
function vpcStack(name = 'sys-dev-network'): { stack: TerraformStack; acls: SubnetTierAcls } {
  const stack = stackOf(name);
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: VPC_CIDR, tags: { Name: 'sys-dev-vpc' } });
  const subnet = (id: string, cidr: string, az: string) => new Subnet(stack, id, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: az, tags: { Name: `sys-dev-${id}` } }).id;
  const subnets = {
    public: [subnet('public-a', '10.0.0.0/24', 'us-east-1a'), subnet('public-b', '10.0.1.0/24', 'us-east-1b')],
    app: [subnet('app-a', '10.0.3.0/24', 'us-east-1a'), subnet('app-b', '10.0.4.0/24', 'us-east-1b')],
    data: [subnet('data-a', '10.0.6.0/24', 'us-east-1a'), subnet('data-b', '10.0.7.0/24', 'us-east-1b')],
  };
  const acls = new SubnetTierAcls(stack, 'nacl', { name: 'sys-dev', vpcId: vpc.id, tiers: tiers(subnets) });
  return { stack, acls };
}

const ruleByKey = (json: Json, key: string): Json => {
  const exact = resourcesOf(json, 'aws_network_acl_rule').filter(([name]) => new RegExp(`^nacl_${key}_[A-F0-9]{8}$`).test(name));
  if (exact.length !== 1) throw new Error(`expected one rule ${key}, found ${exact.map(([n]) => n).join(', ')}`);
  return exact[0][1];
};

describe('SubnetTierAcls', () => {
  const json = synth();

  test('one NACL per tier on the VPC, tagged <name>-<tier>, associated with the tier subnets, without inline rules', () => {
    const acls = resourcesOf(json, 'aws_network_acl').map(([, acl]) => acl);
    expect(acls.map((a) => a.tags.Name).sort()).toEqual(['sys-dev-private-app', 'sys-dev-private-data', 'sys-dev-public']);
    const data = acls.find((a) => a.tags.Name === 'sys-dev-private-data')!;
    expect(data).toEqual({ vpc_id: BASE.vpcId, subnet_ids: ['subnet-data-a', 'subnet-data-b'], tags: { Name: 'sys-dev-private-data' } });
    for (const acl of acls) {
      expect(acl.ingress).toBeUndefined();
      expect(acl.egress).toBeUndefined();
    }
  });

  test('each rule is its own aws_network_acl_rule, addressed by tier, direction and number', () => {
    expect(resourcesOf(json, 'aws_network_acl_rule')).toHaveLength(5 + 3 + 3 + 2 + 3 + 2);
    const aclRef = (tier: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_network_acl\\.nacl_${tier}_[A-F0-9]{8}\\.id\\}$`));
    expect(ruleByKey(json, 'public-ingress-100')).toEqual({
      network_acl_id: aclRef('public'),
      egress: false,
      rule_number: 100,
      rule_action: 'allow',
      protocol: 'tcp',
      cidr_block: ANYWHERE,
      from_port: 443,
      to_port: 443,
    });
    expect(ruleByKey(json, 'private-data-egress-110')).toMatchObject({ network_acl_id: aclRef('private-data'), egress: true, from_port: 1024, to_port: 65535, cidr_block: '10.0.4.0/24' });
  });

  test('all-protocol rules carry no ports; ICMP rules carry type and code (-1 when not given)', () => {
    const allTraffic = ruleByKey(json, 'private-app-ingress-100');
    expect(allTraffic).toMatchObject({ protocol: '-1', cidr_block: VPC_CIDR });
    expect(allTraffic.from_port).toBeUndefined();
    expect(allTraffic.to_port).toBeUndefined();
    expect(ruleByKey(json, 'private-data-ingress-200')).toMatchObject({ protocol: 'icmp', icmp_type: 3, icmp_code: 4 });
    const anyIcmp = synth({ tiers: { app: { subnetIds: ['subnet-a'], ingress: [{ ruleNumber: 100, action: 'allow', protocol: 'icmp', cidrBlock: VPC_CIDR }], egress: [] } } });
    expect(ruleByKey(anyIcmp, 'app-ingress-100')).toMatchObject({ icmp_type: -1, icmp_code: -1 });
  });

  test('a deny rule and the same number in both directions are accepted', () => {
    const json2 = synth({ tiers: { edge: { subnetIds: ['subnet-a'], ingress: [tcp(90, 3389, 3389, ANYWHERE, 'deny'), tcp(100, 443, 443, ANYWHERE)], egress: [tcp(100, 1024, 65535, ANYWHERE)] } } });
    expect(ruleByKey(json2, 'edge-ingress-90')).toMatchObject({ rule_action: 'deny', from_port: 3389, to_port: 3389 });
    expect(ruleByKey(json2, 'edge-egress-100').egress).toBe(true);
  });

  test('exposes NACL ids by tier and puts every resource on the given provider', () => {
    const stack = stackOf('sys-dev-network');
    const west = new AwsProvider(stack, 'aws-us-west-2', { region: 'us-west-2', alias: 'us_west_2' });
    const acls = new SubnetTierAcls(stack, 'nacl', { ...BASE, provider: west });
    expect(Object.keys(acls.aclIds)).toEqual(['public', 'private-app', 'private-data']);
    new TerraformOutput(stack, 'public-acl', { value: acls.aclIds.public });
    const out = synthJson(stack);
    expect(out.output['public-acl'].value).toMatch(/^\$\{aws_network_acl\.nacl_public_[A-F0-9]{8}\.id\}$/);
    for (const type of ['aws_network_acl', 'aws_network_acl_rule']) {
      expect(resourcesOf(out, type).every(([, r]) => r.provider === 'aws.us_west_2')).toBe(true);
    }
  });

  describe('rejects', () => {
    const one = (rules: { ingress?: NaclRule[]; egress?: NaclRule[] }, subnetIds = ['subnet-a']) => ({ tiers: { app: { subnetIds, ingress: rules.ingress ?? [], egress: rules.egress ?? [] } } });
    const rejects = (change: Partial<SubnetTierAclsProps>, message: string) => expect(() => synth(change)).toThrow(message);

    test('rule numbers outside 1-32766 and duplicates within a direction', () => {
      rejects(one({ ingress: [tcp(0, 443, 443, ANYWHERE)] }), 'SubnetTierAcls sys-dev tier app ingress: rule number 0 is outside 1-32766');
      rejects(one({ egress: [tcp(32767, 443, 443, ANYWHERE)] }), 'tier app egress: rule number 32767 is outside 1-32766');
      rejects(one({ ingress: [tcp(100, 443, 443, ANYWHERE), tcp(100, 80, 80, ANYWHERE)] }), 'tier app ingress: rule number 100 is used twice; rule numbers are unique per direction');
    });

    test('ports outside 0-65535, a reversed range, missing ports, ports on -1', () => {
      rejects(one({ ingress: [tcp(100, 443, 70000, ANYWHERE)] }), 'tier app ingress rule 100: toPort 70000 is not a port 0-65535');
      rejects(one({ ingress: [tcp(100, -1, 80, ANYWHERE)] }), 'rule 100: fromPort -1 is not a port 0-65535');
      rejects(one({ ingress: [tcp(100, 8080, 80, ANYWHERE)] }), 'rule 100: fromPort 8080 is above toPort 80');
      rejects(one({ ingress: [{ ruleNumber: 100, action: 'allow', protocol: 'udp', cidrBlock: ANYWHERE }] }), 'rule 100: fromPort undefined is not a port 0-65535; udp rules need fromPort and toPort');
      rejects(one({ egress: [{ ...all(100, VPC_CIDR), fromPort: 0, toPort: 65535 }] }), 'tier app egress rule 100: protocol -1 takes no ports');
      rejects(one({ egress: [{ ...tcp(100, 443, 443, VPC_CIDR), icmpType: 3 }] }), 'rule 100: icmpType/icmpCode apply only to icmp rules');
    });

    test('CIDRs that are not IPv4 networks', () => {
      for (const cidr of ['10.0.0.1/24', '300.0.0.0/8', '10.0.0.0', '::/0', '10.0.0.0/33']) {
        rejects(one({ ingress: [tcp(100, 443, 443, cidr)] }), `rule 100: cidrBlock "${cidr}" is not an IPv4 CIDR a.b.c.d/n without host bits`);
      }
    });

    test('more than 20 rules in one direction (the AWS default quota) unless the quota is raised', () => {
      const many = Array.from({ length: 21 }, (_, i) => tcp(100 + i, 443, 443, ANYWHERE));
      rejects(one({ ingress: many }), 'tier app ingress: 21 rules exceed the 20 allowed per direction (AWS default quota)');
      expect(() => synth({ ...one({ ingress: many }), maxRulesPerDirection: 40 })).not.toThrow();
      rejects({ maxRulesPerDirection: 41 }, 'maxRulesPerDirection 41 is outside 1-40');
    });

    test('a tier without subnets, a subnet in two tiers, bad tier names, no tiers, bad protocol', () => {
      rejects(one({}, []), 'tier app: subnetIds is empty; a NACL without subnets filters nothing (NET-07)');
      rejects({ tiers: { a: { subnetIds: ['subnet-1'], ingress: [], egress: [] }, b: { subnetIds: ['subnet-1'], ingress: [], egress: [] } } }, 'subnet subnet-1 is in tiers a and b; a subnet has one NACL');
      rejects({ tiers: { 'bad tier': { subnetIds: ['subnet-1'], ingress: [], egress: [] } } }, 'tier name "bad tier" must be 1-64 letters, digits or -');
      rejects({ tiers: {} }, 'SubnetTierAcls sys-dev: tiers is empty');
      rejects(one({ ingress: [{ ...tcp(100, 443, 443, ANYWHERE), protocol: 'all' as any }] }), 'rule 100: protocol "all" is not one of tcp, udp, icmp, -1');
    });
  });

  test('policy pack: the NACLs raise no finding (NET-07 compliant: ephemeral range split around 3389, every NACL associated)', () => {
    const { stack } = vpcStack();
    const report = evaluate([{ name: stack.node.id, json: synthJson(stack) }]);
    const findings = report.stacks[0].findings;
    expect(findings.filter((f) => f.address.startsWith('aws_network_acl'))).toEqual([]);
    // Only the bare test VPC fires (no flow log, default SG not adopted, no S3 gateway endpoint): TieredVpc and its companions cover those.
    expect([...new Set(findings.map((f) => `${f.ruleId} ${f.address.split('.')[0]}`))].sort()).toEqual(['NET-01 aws_vpc', 'NET-03 aws_vpc', 'NET-09 aws_vpc']);
  });

  test('policy pack: NET-07 flags an unsplit 1024-65535 from the internet (it covers 3389)', () => {
    const stack = stackOf('sys-dev-network');
    new SubnetTierAcls(stack, 'nacl', { name: 'sys-dev', vpcId: 'vpc-1', tiers: { public: { subnetIds: ['subnet-1'], ingress: [tcp(100, 1024, 65535, ANYWHERE)], egress: [] } } });
    const report = evaluate([{ name: stack.node.id, json: synthJson(stack) }]);
    expect(report.stacks[0].findings.map((f) => [f.ruleId, f.attribute, f.message.includes('3389')])).toEqual([['NET-07', 'cidr_block', true]]);
  });

  test('terraform validates and plans the NACLs on a small VPC offline', () => {
    const { stack } = vpcStack();
    expect(expectOfflinePlan(synthJson(stack))).not.toMatch(/Warning/);
  });
});
