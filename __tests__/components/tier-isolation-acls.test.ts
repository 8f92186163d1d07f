import { Json, bidopsStacks, resourcesOf, synthJson } from '../helpers';
import { langPortalStacks } from '../stacks/lang-portal/helpers';

const names = (json: Json) => resourcesOf(json, 'aws_network_acl').map(([, acl]) => acl.tags.Name).sort();

describe('addTierIsolationAcls', () => {
  test('default options (lang-portal): three tier ACLs with separate rules, no moved block, no ordering on the default NACL', () => {
    const json = synthJson(langPortalStacks('dev', 'network').network);
    expect(names(json)).toEqual(['lang-portal-dev-private-app', 'lang-portal-dev-private-data', 'lang-portal-dev-public']);
    expect(resourcesOf(json, 'aws_network_acl').every(([, acl]) => acl.ingress === undefined && acl.egress === undefined && acl.subnet_ids.length === 3)).toBe(true);
    expect(resourcesOf(json, 'aws_network_acl_association')).toEqual([]);
    expect(resourcesOf(json, 'aws_network_acl_rule').some(([id]) => id.includes('private-data'))).toBe(true);
    expect(json.moved).toBeUndefined();
    const [[, defaultAcl]] = resourcesOf(json, 'aws_default_network_acl');
    expect(defaultAcl.depends_on).toBeUndefined();
  });

  test('adoptDataAclFrom: the data tier keeps its NACL (moved, inline rules); the other tiers get separate rules', () => {
    const json = synthJson(bidopsStacks('dev', 'network').network);
    const [id, data] = resourcesOf(json, 'aws_network_acl').find(([, acl]) => acl.tags.Name === 'bidops-dev-private-data')!;
    expect(id).toBe('tier-acls-private-data');
    expect(data.ingress.length).toBeGreaterThan(0);
    expect(json.moved).toEqual([{ from: 'aws_network_acl.vpc_private-data-nacl_6CFFA5DF', to: 'aws_network_acl.tier-acls-private-data' }]);
    expect(resourcesOf(json, 'aws_network_acl_rule').some(([rule]) => rule.includes('private-data'))).toBe(false);
  });

  test('a tier without subnets gets no ACL; without data subnets nothing is adopted', () => {
    const json = synthJson(bidopsStacks('dev', 'network', (d) => (d.network.privateDataSubnetCidrs = [])).network);
    expect(names(json)).toEqual(['bidops-dev-private-app', 'bidops-dev-public']);
    expect(json.moved).toBeUndefined();
    const [[, defaultAcl]] = resourcesOf(json, 'aws_default_network_acl');
    // Subnets join through associations that wait for their tier's rules; the default NACL waits for them.
    expect(resourcesOf(json, 'aws_network_acl').every(([, acl]) => acl.subnet_ids === undefined)).toBe(true);
    expect(defaultAcl.depends_on).toHaveLength(6);
    expect(resourcesOf(json, 'aws_network_acl_association')).toHaveLength(6);
  });
});
