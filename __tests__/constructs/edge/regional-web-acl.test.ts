import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { RegionalWebAcl, RegionalWebAclProps, WebAclRuleSpec } from '../../../src/constructs/edge/regional-web-acl';
import { evaluate } from '../../../src/policy/engine';
import { Json, resourcesOf, synthJson } from '../../helpers';
import { doc } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '123456789012';
const STAGE_ARN = 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod';
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;

/** The seed's order with explicit priorities and an allowlist between the managed groups and the blocks. */
const RULES: WebAclRuleSpec[] = [
  { kind: 'managed', name: 'AWSManagedRulesCommonRuleSet', priority: 1 },
  { kind: 'managed', name: 'AWSManagedRulesKnownBadInputsRuleSet', priority: 2 },
  { kind: 'ip-allow', name: 'PartnerAllowlist', priority: 5, addresses: ['192.0.2.0/24', '198.51.100.7/32'] },
  { kind: 'rate-limit', name: 'RateLimit', limit: 2000, priority: 10 },
  { kind: 'geo-block', name: 'GeoBlock', countryCodes: ['CN', 'RU', 'KP'], priority: 20 },
];

function stack(name = 'agents-dev-edge'): TerraformStack {
  const s = new TerraformStack(Testing.app(), name);
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  return s;
}

const props = (change: Partial<RegionalWebAclProps> = {}): RegionalWebAclProps => ({
  name: 'agents-dev-waf',
  rules: RULES,
  associateWith: [STAGE_ARN],
  logGroupName: 'aws-waf-logs-agents-dev',
  logRetentionDays: 30,
  logsKmsKeyArn: LOGS_KEY,
  ...change,
});

function synth(change: Partial<RegionalWebAclProps> = {}): { json: Json; s: TerraformStack; acl: RegionalWebAcl } {
  const s = stack();
  const acl = new RegionalWebAcl(s, 'waf', props(change));
  return { json: synthJson(s), s, acl };
}

const webAcl = (json: Json): Json => resourcesOf(json, 'aws_wafv2_web_acl')[0][1];

describe('RegionalWebAcl: priorities and IP allowlists', () => {
  test('explicit priorities are kept; without them rules count 1, 2, ... as before', () => {
    const acl = webAcl(synth().json);
    expect(acl.rule.map((r: Json) => `${r.priority} ${r.name}`)).toEqual(['1 AWSManagedRulesCommonRuleSet', '2 AWSManagedRulesKnownBadInputsRuleSet', '5 PartnerAllowlist', '10 RateLimit', '20 GeoBlock']);
    const plain = webAcl(synth({ rules: RULES.map(({ priority: _, ...rule }) => rule as WebAclRuleSpec) }).json);
    expect(plain.rule.map((r: Json) => r.priority)).toEqual([1, 2, 3, 4, 5]);
    // Without an allowlist the description is the one bidops and lang-portal have always had.
    const noAllow = webAcl(synth({ rules: RULES.filter((r) => r.kind !== 'ip-allow') }).json);
    expect(noAllow.description).toBe('agents-dev-waf: managed rule groups, rate limit and geo blocking');
    expect(resourcesOf(synth({ rules: RULES.filter((r) => r.kind !== 'ip-allow') }).json, 'aws_wafv2_ip_set')).toEqual([]);
  });

  test('an IPv4 allowlist is one IP set, referenced by an allow rule; the blocks stay block', () => {
    const { json } = synth();
    const sets = resourcesOf(json, 'aws_wafv2_ip_set');
    expect(sets.map(([, s]) => s)).toEqual([
      { name: 'agents-dev-waf-PartnerAllowlist-ipv4', description: 'agents-dev-waf: addresses PartnerAllowlist allows', scope: 'REGIONAL', ip_address_version: 'IPV4', addresses: ['192.0.2.0/24', '198.51.100.7/32'] },
    ]);
    const acl = webAcl(json);
    expect(acl.rule[2]).toMatchObject({ action: { allow: {} }, statement: { ip_set_reference_statement: [{ arn: `\${aws_wafv2_ip_set.${sets[0][0]}.arn}` }] } });
    expect(acl.rule[3].action).toEqual({ block: {} });
    expect(acl.rule[4]).toMatchObject({ action: { block: {} }, statement: { geo_match_statement: [{ country_codes: ['CN', 'RU', 'KP'] }] } });
    expect(acl.default_action).toEqual({ allow: {} });
    expect(acl.description).toBe('agents-dev-waf: managed rule groups, IP allowlist, rate limit and geo blocking');
  });

  test('IPv4 and IPv6 addresses: one set per family, matched by an OR of both', () => {
    const rules: WebAclRuleSpec[] = [{ kind: 'managed', name: 'AWSManagedRulesKnownBadInputsRuleSet' }, { kind: 'ip-allow', name: 'Allow', addresses: ['2001:db8::/32', '192.0.2.0/24'] }];
    const { json, acl } = synth({ rules });
    expect(resourcesOf(json, 'aws_wafv2_ip_set').map(([, s]) => [s.name, s.ip_address_version, s.addresses])).toEqual([
      ['agents-dev-waf-Allow-ipv4', 'IPV4', ['192.0.2.0/24']],
      ['agents-dev-waf-Allow-ipv6', 'IPV6', ['2001:db8::/32']],
    ]);
    expect(acl.ipSets).toHaveLength(2);
    const statements = webAcl(json).rule[1].statement.or_statement[0].statement;
    expect(statements.map((s: Json) => s.ip_set_reference_statement[0].arn)).toEqual([expect.stringMatching(/^\$\{aws_wafv2_ip_set\.waf_Allow-ipv4_\w+\.arn\}$/), expect.stringMatching(/^\$\{aws_wafv2_ip_set\.waf_Allow-ipv6_\w+\.arn\}$/)]);
  });

  test('associates with a REST API stage', () => {
    expect(resourcesOf(synth().json, 'aws_wafv2_web_acl_association').map(([, a]) => a.resource_arn)).toEqual([STAGE_ARN]);
  });

  test('rejects priorities out of order, negative or fractional, and bad allowlists', () => {
    const bad = (rules: WebAclRuleSpec[]) => () => new RegionalWebAcl(stack(), 'waf', props({ rules }));
    const managed: WebAclRuleSpec = { kind: 'managed', name: 'AWSManagedRulesKnownBadInputsRuleSet', priority: 10 };
    expect(bad([managed, { kind: 'rate-limit', name: 'Rate', limit: 100, priority: 10 }])).toThrow('RegionalWebAcl agents-dev-waf: priority 10 of Rate is not above 10 of AWSManagedRulesKnownBadInputsRuleSet; list rules in evaluation order with increasing priorities');
    expect(bad([{ ...managed, priority: -1 }])).toThrow('priority -1 of AWSManagedRulesKnownBadInputsRuleSet must be a whole number, 0 or more');
    expect(bad([{ ...managed, priority: 1.5 }])).toThrow(/priority 1.5 .* whole number/);
    expect(bad([managed, { kind: 'ip-allow', name: 'Allow', addresses: [] }])).toThrow('Allow: addresses is empty; an allowlist without addresses allows nobody, drop the rule instead');
    for (const address of ['192.0.2.0', '192.0.2.0/0', '192.0.2.1/24', '300.0.0.0/8', 'bird.com/32', '2001:db8::/0']) {
      expect(bad([managed, { kind: 'ip-allow', name: 'Allow', priority: 11, addresses: [address] }])).toThrow(`address "${address}" is not an IPv4 or IPv6 CIDR block`);
    }
    expect(bad([managed, { kind: 'ip-allow', name: 'Allow', priority: 11, addresses: ['192.0.2.0/24', '192.0.2.0/24'] }])).toThrow(/repeat an entry/);
    const many = Array.from({ length: 10001 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
    expect(bad([managed, { kind: 'ip-allow', name: 'Allow', priority: 11, addresses: many }])).toThrow('10001 IPV4 addresses exceed the 10000 a WAF IP set holds');
  });

  test('policy pack: no open finding (rules, KnownBadInputs, metrics, logging)', () => {
    const { s } = synth();
    expect(evaluate([doc(s)]).stacks.flatMap((r) => r.findings).filter((f) => !f.suppressed)).toEqual([]);
  });

  test('terraform validates and plans it offline, IPv4 and IPv6 sets included', () => {
    const rules: WebAclRuleSpec[] = [...RULES.slice(0, 2), { kind: 'ip-allow', name: 'PartnerAllowlist', priority: 5, addresses: ['192.0.2.0/24', '2001:db8::/32'] }, ...RULES.slice(3)];
    expect(expectOfflinePlan(synth({ rules }).json)).not.toMatch(/Warning/);
  });
});
