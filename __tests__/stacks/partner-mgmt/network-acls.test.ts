import { EnvName } from '../../../src/core/names';
import { evaluate } from '../../../src/policy';
import { Json, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { partnerStacks } from './helpers';

const synths = new Map<EnvName, Json>();
const network = (env: EnvName): Json => {
  if (!synths.has(env)) synths.set(env, synthJson(partnerStacks(env, 'network').network));
  return synths.get(env)!;
};
const inRegion = (json: Json, type: string, provider?: string) => resourcesOf(json, type).filter(([, r]) => r.provider === provider);
const DR = 'aws.us_west_2';

/** "direction rule protocol from-to cidr action" of the rules of one provider's NACLs. */
function rules(json: Json, provider?: string): string[] {
  return inRegion(json, 'aws_network_acl_rule', provider)
    .map(([, r]) => `${r.egress ? 'out' : 'in'} ${r.rule_number} ${r.protocol} ${r.protocol === '-1' ? 'all' : `${r.from_port}-${r.to_port}`} ${r.cidr_block} ${r.rule_action}`)
    .sort();
}

/** Subnets associated with a NACL (through aws_network_acl_association). */
function associated(json: Json, aclId: string): string[] {
  expect(resourcesOf(json, 'aws_network_acl').find(([id]) => id === aclId)![1].subnet_ids).toBeUndefined();
  return resourcesOf(json, 'aws_network_acl_association').filter(([, a]) => a.network_acl_id === `\${aws_network_acl.${aclId}.id}`).map(([, a]) => a.subnet_id).sort();
}

const appRules = (vpcCidr: string) => [
  `in 100 -1 all ${vpcCidr} allow`,
  'in 110 tcp 1024-3388 0.0.0.0/0 allow',
  'in 111 tcp 3390-65535 0.0.0.0/0 allow',
  `out 100 -1 all ${vpcCidr} allow`,
  'out 110 tcp 443-443 0.0.0.0/0 allow',
];

describe('partner-mgmt tier network ACLs', () => {
  test.each(['dev', 'staging', 'prod'] as const)('%s: the app subnets have their own ACL; the default NACL keeps no rules and is emptied last', (env) => {
    const json = network(env);
    const acls = inRegion(json, 'aws_network_acl');
    expect(acls.map(([, a]) => a.tags.Name)).toEqual([`partner-mgmt-${env}-private-app`]);
    const appSubnets = inRegion(json, 'aws_subnet').map(([id]) => `\${aws_subnet.${id}.id}`).sort();
    expect(associated(json, acls[0][0])).toEqual(appSubnets);
    expect(rules(json)).toEqual(appRules('10.40.0.0/16'));
    // Subnets join the ACL once its rules exist; the default NACL is emptied once they left it.
    const ruleIds = inRegion(json, 'aws_network_acl_rule').map(([id]) => `aws_network_acl_rule.${id}`).sort();
    const associations = inRegion(json, 'aws_network_acl_association');
    for (const [, a] of associations) expect([...a.depends_on].sort()).toEqual(ruleIds);
    const [[, defaultAcl]] = inRegion(json, 'aws_default_network_acl');
    expect(defaultAcl.ingress).toBeUndefined();
    expect(defaultAcl.egress).toBeUndefined();
    expect([...defaultAcl.depends_on].sort()).toEqual(associations.map(([id]) => `aws_network_acl_association.${id}`).sort());
    expect(json.moved).toBeUndefined();
  });

  test('prod: the DR VPC in us-west-2 gets the same ACL on its provider', () => {
    const json = network('prod');
    const acls = inRegion(json, 'aws_network_acl', DR);
    expect(acls.map(([, a]) => a.tags.Name)).toEqual(['partner-mgmt-prod-dr-private-app']);
    const drSubnets = inRegion(json, 'aws_subnet', DR).map(([id]) => `\${aws_subnet.${id}.id}`).sort();
    expect(associated(json, acls[0][0])).toEqual(drSubnets);
    expect(inRegion(json, 'aws_network_acl_association', DR)).toHaveLength(3);
    expect(rules(json, DR)).toEqual(appRules('10.41.0.0/16'));
    const [[, defaultAcl]] = inRegion(json, 'aws_default_network_acl', DR);
    expect(defaultAcl.ingress).toBeUndefined();
    expect(defaultAcl.depends_on).toHaveLength(3);
    expect(network('staging').resource.aws_default_network_acl).toBeDefined();
    expect(inRegion(network('staging'), 'aws_network_acl', DR)).toEqual([]);
  });

  test.each(['staging', 'prod'] as const)('policy pack (%s): no NET-07 finding, open or suppressed, on the network stack', (env) => {
    const report = evaluate([{ name: `partner-mgmt-${env}-network`, json: network(env) }]);
    const stack = report.stacks[0];
    expect(stack.findings.filter((f) => f.ruleId === 'NET-07')).toEqual([]);
    expect(stack.suppressions.filter((s) => s.ruleId === 'NET-07')).toEqual([]);
  });

  test('prod network stack (both VPCs) plans offline against the real provider', () => {
    expectOfflinePlan(network('prod'));
  }, 300_000);
});
