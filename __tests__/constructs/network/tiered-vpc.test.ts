import { Testing } from 'cdktf';
import { TieredVpc, TieredVpcProps } from '../../../src/constructs/network/tiered-vpc';
import { Json, resourcesOf } from '../../helpers';

const base: TieredVpcProps = {
  namePrefix: 'demo-dev',
  cidrBlock: '10.9.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  publicSubnetCidrs: ['10.9.0.0/24', '10.9.1.0/24'],
  privateAppSubnetCidrs: ['10.9.10.0/24', '10.9.11.0/24'],
  privateDataSubnetCidrs: ['10.9.20.0/24', '10.9.21.0/24'],
};

function synth(props: Partial<TieredVpcProps>): Json {
  return JSON.parse(Testing.synthScope((scope) => new TieredVpc(scope, 'vpc', { ...base, ...props })));
}

describe('TieredVpc', () => {
  test('without NAT, private app subnets get no internet route and no EIPs exist', () => {
    const json = synth({ enableNatGateway: false });
    expect(resourcesOf(json, 'aws_nat_gateway')).toEqual([]);
    expect(resourcesOf(json, 'aws_eip')).toEqual([]);
    expect(resourcesOf(json, 'aws_route').map(([id]) => id).filter((id) => id.includes('private'))).toEqual([]);
  });

  test('one NAT per AZ by default, each in its AZ public subnet', () => {
    const json = synth({});
    const nats = resourcesOf(json, 'aws_nat_gateway');
    expect(nats).toHaveLength(2);
    const publicSubnets = resourcesOf(json, 'aws_subnet').filter(([id]) => id.includes('public'));
    for (const [id, nat] of nats) {
      const az = id.includes('eu-west-1a') ? 'eu-west-1a' : 'eu-west-1b';
      const [subnetId] = publicSubnets.find(([sid]) => sid.includes(az))!;
      expect(nat.subnet_id).toBe(`\${aws_subnet.${subnetId}.id}`);
    }
  });

  test('the data tier has its own NACL that admits only the VPC', () => {
    const [[, nacl]] = resourcesOf(synth({}), 'aws_network_acl');
    expect(nacl.subnet_ids).toHaveLength(2);
    expect(nacl.ingress).toEqual([expect.objectContaining({ action: 'allow', cidr_block: '10.9.0.0/16', protocol: '-1' })]);
    expect(nacl.egress).toEqual([expect.objectContaining({ action: 'allow', cidr_block: '10.9.0.0/16', protocol: '-1' })]);
  });

  test('rejects a tier whose subnet count does not match the AZs', () => {
    expect(() => synth({ privateDataSubnetCidrs: ['10.9.20.0/24'] })).toThrow(
      'TieredVpc demo-dev: privateDataSubnetCidrs has 1 entries for 2 AZs; give one per AZ',
    );
  });
});
