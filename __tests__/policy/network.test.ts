import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { add, expectCompliant, expectNotApplicable, expectViolation, json, ref, stackOf } from './harness';

function vpcStack(name = 'bidops-dev-network'): { stack: TerraformStack; vpc: Vpc } {
  const stack = stackOf(name);
  const vpc = add(stack, Vpc, 'vpc', { cidr_block: '10.0.0.0/16' });
  return { stack, vpc };
}

describe('NET-01 flow log per VPC', () => {
  it('passes with an aws_flow_log on the VPC', () => {
    const { stack, vpc } = vpcStack();
    add(stack, FlowLog, 'flow', { vpc_id: ref(vpc), traffic_type: 'ALL' });
    expectCompliant('NET-01', stack, 'aws_vpc.vpc');
  });
  it('fails without one', () => {
    const { stack } = vpcStack();
    expectViolation('NET-01', stack, 'aws_vpc.vpc', 'aws_flow_log');
  });
});

describe('NET-02 no auto-assigned public IPs', () => {
  it('passes when absent or false', () => {
    const { stack, vpc } = vpcStack();
    add(stack, Subnet, 'a', { vpc_id: ref(vpc), cidr_block: '10.0.1.0/24' });
    expectCompliant('NET-02', stack, 'aws_subnet.a');
  });
  it('fails when true', () => {
    const { stack, vpc } = vpcStack();
    add(stack, Subnet, 'a', { vpc_id: ref(vpc), cidr_block: '10.0.1.0/24', map_public_ip_on_launch: true });
    expectViolation('NET-02', stack, 'aws_subnet.a', 'map_public_ip_on_launch');
  });
});

describe('NET-03 default security group without rules', () => {
  it('passes when adopted empty', () => {
    const { stack, vpc } = vpcStack();
    add(stack, DefaultSecurityGroup, 'default', { vpc_id: ref(vpc) });
    expectCompliant('NET-03', stack, 'aws_vpc.vpc');
  });
  it('fails when not managed or when it keeps rules', () => {
    const { stack, vpc } = vpcStack();
    expectViolation('NET-03', stack, 'aws_vpc.vpc', 'aws_default_security_group');
    add(stack, DefaultSecurityGroup, 'default', { vpc_id: ref(vpc), ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true }] });
    expectViolation('NET-03', stack, 'aws_vpc.vpc', 'aws_default_security_group.default');
  });
});

describe('NET-04 internet ingress', () => {
  it('passes for 443 from anywhere on the internet-facing ALB group (ALB in a later layer)', () => {
    const app = Testing.app();
    const network = stackOf('bidops-prod-network', app);
    const sg = add(network, SecurityGroup, 'alb', { name: 'bidops-prod-external-alb-sg', description: 'Internet-facing ALB', vpc_id: 'vpc-1' });
    add(network, VpcSecurityGroupIngressRule, 'https', { security_group_id: ref(sg), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0', description: 'HTTPS' });
    new TerraformOutput(network, 'alb_sg', { value: ref(sg), staticId: true });
    const compute = stackOf('bidops-prod-compute', app);
    compute.addOverride('data.terraform_remote_state.network', { backend: 's3', config: { bucket: 'b', key: 'bidops/prod/network.tfstate', region: 'us-east-1' } });
    add(compute, Lb, 'alb', { internal: false, security_groups: ['${data.terraform_remote_state.network.outputs.alb_sg}'] });
    expectCompliant('NET-04', [network, compute], 'aws_vpc_security_group_ingress_rule.https');
  });
  it('fails for SSH, for all protocols, and for 443 on a group no internet-facing LB uses', () => {
    const app = Testing.app();
    const network = stackOf('bidops-prod-network', app);
    const sg = add(network, SecurityGroup, 'app', { name: 'app', description: 'App tasks', vpc_id: 'vpc-1' });
    add(network, VpcSecurityGroupIngressRule, 'ssh', { security_group_id: ref(sg), ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' });
    add(network, SecurityGroupRule, 'all', { type: 'ingress', security_group_id: ref(sg), protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] });
    add(network, VpcSecurityGroupIngressRule, 'web', { security_group_id: ref(sg), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv6: '::/0' });
    const compute = stackOf('bidops-prod-compute', app);
    add(compute, Lb, 'internal', { internal: true, security_groups: [ref(add(compute, SecurityGroup, 'x', { description: 'x' }))] });
    expectViolation('NET-04', network, 'aws_vpc_security_group_ingress_rule.ssh', 'cidr_ipv4');
    expectViolation('NET-04', network, 'aws_security_group_rule.all', 'cidr_blocks');
    expectViolation('NET-04', [network, compute], 'aws_vpc_security_group_ingress_rule.web', 'cidr_ipv6');
  });
});

describe('NET-05 egress', () => {
  it('passes for 443 to anywhere and for group peers', () => {
    const { stack } = vpcStack();
    add(stack, VpcSecurityGroupEgressRule, 'https', { security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' });
    expectCompliant('NET-05', stack, 'aws_vpc_security_group_egress_rule.https');
  });
  it('fails for all-protocol egress to 0.0.0.0/0 (inline)', () => {
    const { stack } = vpcStack();
    add(stack, SecurityGroup, 'open', { description: 'x', egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] });
    expectViolation('NET-05', stack, 'aws_security_group.open', 'egress[0]');
  });
});

describe('NET-06 descriptions and use', () => {
  it('passes for a described, attached group with described rules', () => {
    const { stack } = vpcStack();
    const sg = add(stack, SecurityGroup, 'db', { description: 'Database', ingress: [{ protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: ['sg-2'], description: 'From app' }] });
    add(stack, VpcEndpoint, 'ep', { vpc_id: 'vpc-1', service_name: 'com.amazonaws.us-east-1.ssm', vpc_endpoint_type: 'Interface', security_group_ids: [ref(sg)] });
    expectCompliant('NET-06', stack, 'aws_security_group.db');
  });
  it('fails for a group without description, rule descriptions or any user', () => {
    const { stack } = vpcStack();
    add(stack, SecurityGroup, 'orphan', { ingress: [{ protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: ['sg-2'] }] });
    const result = expectViolation('NET-06', stack, 'aws_security_group.orphan', 'description');
    expect(result.status === 'non-compliant' && result.message).toContain('not attached');
    add(stack, VpcSecurityGroupIngressRule, 'undescribed', { security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 1, to_port: 1, referenced_security_group_id: 'sg-2' });
    expectViolation('NET-06', stack, 'aws_vpc_security_group_ingress_rule.undescribed', 'description');
  });
});

describe('NET-07 NACLs', () => {
  it('passes for a VPC-only, associated NACL', () => {
    const { stack, vpc } = vpcStack();
    add(stack, NetworkAcl, 'data', { vpc_id: ref(vpc), subnet_ids: ['subnet-1'], ingress: [{ rule_no: 100, action: 'allow', protocol: '-1', from_port: 0, to_port: 0, cidr_block: '10.0.0.0/16' }] });
    expectCompliant('NET-07', stack, 'aws_network_acl.data');
  });
  it('fails for allow-all from the internet and for an unassociated NACL', () => {
    const { stack, vpc } = vpcStack();
    add(stack, DefaultNetworkAcl, 'default', { default_network_acl_id: 'acl-1', ingress: [{ rule_no: 100, action: 'allow', protocol: '-1', from_port: 0, to_port: 0, cidr_block: '0.0.0.0/0' }] });
    add(stack, NetworkAcl, 'lonely', { vpc_id: ref(vpc), ingress: [{ rule_no: 100, action: 'allow', protocol: 'tcp', from_port: 22, to_port: 22, cidr_block: '0.0.0.0/0' }] });
    expectViolation('NET-07', stack, 'aws_default_network_acl.default', 'ingress[0]');
    expectViolation('NET-07', stack, 'aws_network_acl.lonely', 'subnet_ids');
  });
});

function natStack(env: string, perAz: boolean): TerraformStack {
  const { stack, vpc } = vpcStack(`bidops-${env}-network`);
  const azs = ['us-east-1a', 'us-east-1b'];
  const pub = azs.map((az, i) => add(stack, Subnet, `public-${i}`, { vpc_id: ref(vpc), availability_zone: az }));
  const priv = azs.map((az, i) => add(stack, Subnet, `private-${i}`, { vpc_id: ref(vpc), availability_zone: az }));
  const nats = (perAz ? [0, 1] : [0]).map((i) => add(stack, NatGateway, `nat-${i}`, { subnet_id: ref(pub[i]), allocation_id: 'eipalloc-1' }));
  priv.forEach((subnet, i) => {
    const table = add(stack, RouteTable, `rt-${i}`, { vpc_id: ref(vpc) });
    add(stack, Route, `default-${i}`, { route_table_id: ref(table), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref(nats[perAz ? i : 0]) });
    add(stack, RouteTableAssociation, `rta-${i}`, { subnet_id: ref(subnet), route_table_id: ref(table) });
  });
  return stack;
}

describe('NET-08 NAT per AZ in prod', () => {
  it('passes in prod with one NAT per AZ and same-AZ routes; not applicable outside prod', () => {
    expectCompliant('NET-08', natStack('prod', true), 'aws_vpc.vpc');
    expectNotApplicable('NET-08', natStack('dev', false), 'aws_vpc.vpc');
  });
  it('fails in prod with a single NAT', () => {
    expectViolation('NET-08', natStack('prod', false), 'aws_vpc.vpc', 'aws_nat_gateway');
  });
});

describe('NET-09 endpoints', () => {
  it('passes with an S3 gateway endpoint and a scoped, private-DNS interface endpoint', () => {
    const { stack, vpc } = vpcStack();
    add(stack, VpcEndpoint, 's3', { vpc_id: ref(vpc), service_name: 'com.amazonaws.us-east-1.s3', vpc_endpoint_type: 'Gateway' });
    add(stack, VpcEndpoint, 'ssm', {
      vpc_id: ref(vpc), service_name: 'com.amazonaws.us-east-1.ssm', vpc_endpoint_type: 'Interface', private_dns_enabled: true,
      policy: json({ Statement: [{ Effect: 'Allow', Principal: '*', Action: ['ssm:GetParameter'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } } }] }),
    });
    expectCompliant('NET-09', stack, 'aws_vpc.vpc');
    expectCompliant('NET-09', stack, 'aws_vpc_endpoint.ssm');
  });
  it('fails without the S3/DynamoDB gateways, and for an interface endpoint without private DNS or policy', () => {
    const { stack, vpc } = vpcStack();
    add(stack, DynamodbTable, 'table', { name: 't', hash_key: 'k' });
    add(stack, VpcEndpoint, 'ssm', { vpc_id: ref(vpc), service_name: 'com.amazonaws.us-east-1.ssm', vpc_endpoint_type: 'Interface' });
    const result = expectViolation('NET-09', stack, 'aws_vpc.vpc', 'aws_vpc_endpoint');
    expect(result.status === 'non-compliant' && result.message).toContain('DynamoDB');
    expectViolation('NET-09', stack, 'aws_vpc_endpoint.ssm', 'private_dns_enabled');
    expectViolation('NET-09', stack, 'aws_vpc_endpoint.ssm', 'policy');
  });
});
