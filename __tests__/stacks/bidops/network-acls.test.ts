import { EnvName } from '../../../src/core/names';
import { evaluate } from '../../../src/policy';
import { Json, bidopsStacks, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';

const synths = new Map<EnvName, Json>();
function network(env: EnvName): Json {
  if (!synths.has(env)) synths.set(env, synthJson(bidopsStacks(env, 'network').network));
  return synths.get(env)!;
}

const APP = ['10.0.11.0/24', '10.0.12.0/24', '10.0.13.0/24'];
/** The data-tier NACL TieredVpc managed before the tier ACLs (its address in deployed state). */
const OLD_DATA_ACL = 'aws_network_acl.vpc_private-data-nacl_6CFFA5DF';

/** Tier name -> "direction rule protocol from-to cidr" of its separate rule resources. */
function tierRules(json: Json): Record<string, string[]> {
  const tierOf = new Map(resourcesOf(json, 'aws_network_acl').map(([id, acl]) => [`\${aws_network_acl.${id}.id}`, String(acl.tags.Name).replace(/^bidops-\w+-/, '')]));
  const rules: Record<string, string[]> = {};
  for (const [, r] of resourcesOf(json, 'aws_network_acl_rule')) {
    const ports = r.protocol === '-1' ? 'all' : `${r.from_port}-${r.to_port}`;
    (rules[tierOf.get(r.network_acl_id)!] ??= []).push(`${r.egress ? 'out' : 'in'} ${r.rule_number} ${r.protocol} ${ports} ${r.cidr_block} ${r.rule_action}`);
  }
  return rules;
}

/** Subnet IDs (as references) of one tier. */
function subnetsOf(json: Json, tier: string): string[] {
  return resourcesOf(json, 'aws_subnet').filter(([, s]) => s.tags.Tier === tier).map(([id]) => `\${aws_subnet.${id}.id}`).sort();
}

/** Subnets of a NACL: its own subnet_ids, or those of the associations naming it. */
function aclSubnets(json: Json, aclId: string): string[] {
  const [, acl] = resourcesOf(json, 'aws_network_acl').find(([id]) => id === aclId)!;
  const associated = resourcesOf(json, 'aws_network_acl_association').filter(([, a]) => a.network_acl_id === `\${aws_network_acl.${aclId}.id}`).map(([, a]) => a.subnet_id);
  return [...(acl.subnet_ids ?? []), ...associated].sort();
}

describe('bidops tier network ACLs', () => {
  test.each(['dev', 'staging', 'prod'] as const)('%s: public and private app tiers have their own ACLs; the default NACL keeps no rules', (env) => {
    const json = network(env);
    const acls = Object.fromEntries(resourcesOf(json, 'aws_network_acl').map(([id, acl]) => [acl.tags.Name, id]));
    expect(Object.keys(acls).sort()).toEqual([`bidops-${env}-private-app`, `bidops-${env}-private-data`, `bidops-${env}-public`]);
    expect(aclSubnets(json, acls[`bidops-${env}-public`])).toEqual(subnetsOf(json, 'public'));
    expect(aclSubnets(json, acls[`bidops-${env}-private-app`])).toEqual(subnetsOf(json, 'private-app'));
    expect(aclSubnets(json, acls[`bidops-${env}-private-data`])).toEqual(subnetsOf(json, 'private-data'));
    const [[, defaultAcl]] = resourcesOf(json, 'aws_default_network_acl');
    expect(defaultAcl.ingress).toBeUndefined();
    expect(defaultAcl.egress).toBeUndefined();
    expect(defaultAcl['//']?.policy_suppressions).toBeUndefined();
  });

  test('public: 80/443 in from anywhere, the VPC, and NAT/ALB return traffic split around 3389; private app: the VPC, HTTPS out, answers from anywhere', () => {
    const rules = tierRules(network('prod'));
    expect(rules.public.sort()).toEqual([
      'in 100 tcp 443-443 0.0.0.0/0 allow',
      'in 110 tcp 80-80 0.0.0.0/0 allow',
      'in 120 -1 all 10.0.0.0/16 allow',
      'in 130 tcp 1024-3388 0.0.0.0/0 allow',
      'in 131 tcp 3390-65535 0.0.0.0/0 allow',
      'out 100 tcp 443-443 0.0.0.0/0 allow',
      'out 110 tcp 80-80 0.0.0.0/0 allow',
      'out 120 -1 all 10.0.0.0/16 allow',
      'out 130 tcp 1024-65535 0.0.0.0/0 allow',
    ]);
    expect(rules['private-app'].sort()).toEqual([
      'in 100 -1 all 10.0.0.0/16 allow',
      'in 110 tcp 1024-3388 0.0.0.0/0 allow',
      'in 111 tcp 3390-65535 0.0.0.0/0 allow',
      'out 100 -1 all 10.0.0.0/16 allow',
      'out 110 tcp 443-443 0.0.0.0/0 allow',
    ]);
    // The data tier's rules are inline on its adopted NACL, not separate resources.
    expect(rules['private-data']).toBeUndefined();
  });

  test('data tier: Aurora 5432 and OpenSearch 443 only from the three private app subnets, answers only to them', () => {
    const [, data] = resourcesOf(network('prod'), 'aws_network_acl').find(([, acl]) => acl.tags.Name === 'bidops-prod-private-data')!;
    const entry = (e: Json) => `${e.rule_no} ${e.protocol} ${e.from_port}-${e.to_port} ${e.cidr_block} ${e.action}`;
    expect(data.ingress.map(entry)).toEqual(APP.flatMap((cidr, i) => [`${100 + i * 10} tcp 5432-5432 ${cidr} allow`, `${101 + i * 10} tcp 443-443 ${cidr} allow`]));
    expect(data.egress.map(entry)).toEqual(APP.map((cidr, i) => `${100 + i * 10} tcp 1024-65535 ${cidr} allow`));
  });

  test('the deployed data-tier NACL is moved to the tier ACL (updated in place), and is the address the VPC used without tier ACLs', () => {
    const json = network('prod');
    expect(json.moved).toEqual([{ from: OLD_DATA_ACL, to: 'aws_network_acl.tier-acls-private-data' }]);
    const before = synthJson(bidopsStacks('prod', 'network', (d) => delete d.network.networkAcls).network);
    expect(resourcesOf(before, 'aws_network_acl').map(([id]) => `aws_network_acl.${id}`)).toEqual([OLD_DATA_ACL]);
  });

  test('rollout order: a subnet joins its tier ACL only once the tier\'s rules exist; the default NACL is emptied after every subnet left it', () => {
    const json = network('prod');
    const rulesOf = (aclId: string) =>
      resourcesOf(json, 'aws_network_acl_rule').filter(([, r]) => r.network_acl_id === `\${aws_network_acl.${aclId}.id}`).map(([id]) => `aws_network_acl_rule.${id}`).sort();
    const associations = resourcesOf(json, 'aws_network_acl_association');
    expect(associations).toHaveLength(6);
    for (const [, a] of associations) {
      const aclId = String(a.network_acl_id).replace(/^\$\{aws_network_acl\.(.*)\.id\}$/, '$1');
      expect([...a.depends_on].sort()).toEqual(rulesOf(aclId));
      expect(rulesOf(aclId).length).toBeGreaterThan(0);
    }
    const [[, defaultAcl]] = resourcesOf(json, 'aws_default_network_acl');
    const expected = [...associations.map(([id]) => `aws_network_acl_association.${id}`), 'aws_network_acl.tier-acls-private-data'];
    expect([...defaultAcl.depends_on].sort()).toEqual(expected.sort());
  });

  test.each(['staging', 'prod'] as const)('policy pack (%s): no NET-07 finding, open or suppressed, on the network stack', (env) => {
    const report = evaluate([{ name: `bidops-${env}-network`, json: network(env) }]);
    const stack = report.stacks[0];
    expect(stack.findings.filter((f) => f.ruleId === 'NET-07')).toEqual([]);
    expect(stack.suppressions.filter((s) => s.ruleId === 'NET-07')).toEqual([]);
  });

  test('prod network stack plans offline against the real provider (moved block included)', () => {
    expectOfflinePlan(network('prod'));
  }, 300_000);
});
