import { Testing } from 'cdktf';
import { SecurityGroupGraph } from '../../../src/constructs/network/security-group-graph';
import { Json, resourcesOf } from '../../helpers';

describe('SecurityGroupGraph', () => {
  test('creates groups first and one described rule resource per rule, cycles allowed', () => {
    const json: Json = JSON.parse(
      Testing.synthScope((scope) => {
        new SecurityGroupGraph(scope, 'sgs', {
          namePrefix: 'x-dev',
          vpcId: 'vpc-1',
          groups: {
            a: { description: 'A', egress: [{ port: 80, peer: { securityGroup: 'b' }, description: 'to b' }] },
            b: { description: 'B', ingress: [{ port: 80, peer: { securityGroup: 'a' }, description: 'from a' }], egress: [{ port: 443, peer: { cidr: '0.0.0.0/0' }, description: 'https' }] },
          },
        });
      }),
    );
    expect(resourcesOf(json, 'aws_security_group').map(([, g]) => g.name)).toEqual(['x-dev-a-sg', 'x-dev-b-sg']);
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(1);
    const egress = resourcesOf(json, 'aws_vpc_security_group_egress_rule').map(([, r]) => r);
    expect(egress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from_port: 80, to_port: 80, ip_protocol: 'tcp', description: 'to b' }),
        expect.objectContaining({ from_port: 443, cidr_ipv4: '0.0.0.0/0', description: 'https' }),
      ]),
    );
  });

  test('an unknown group name fails at synth with the names it has', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const graph = new SecurityGroupGraph(scope, 'sgs', { namePrefix: 'x', vpcId: 'vpc-1', groups: { a: { description: 'A' } } });
        graph.id('b');
      }),
    ).toThrow('SecurityGroupGraph has no group "b" (it has: a)');
  });
});
