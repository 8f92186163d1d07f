import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack } from 'cdktf';
import { RestApiAlbLink, RestApiAlbLinkProps } from '../../../src/constructs/api/rest-api-vpc-link';
import { ApplicationLoadBalancer } from '../../../src/constructs/loadbalancing/application-load-balancer';
import { RoutedListener } from '../../../src/constructs/loadbalancing/routed-listener';
import { evaluate } from '../../../src/policy/engine';
import { Json, onlyResource, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '123456789012';
const ALB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/agent-prod-alb/50dc6c495c0c9188`;

function props(change: Partial<RestApiAlbLinkProps> = {}): RestApiAlbLinkProps {
  return {
    name: 'agent-prod-api-link',
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: ['subnet-aaaa1111', 'subnet-bbbb2222'],
    securityGroupIds: ['sg-0123456789abcdef0'],
    albArn: ALB_ARN,
    accessLogs: { bucket: 'agent-prod-lb-logs', prefix: 'api-link' },
    ...change,
  };
}

function synth(change: Partial<RestApiAlbLinkProps> = {}, stackName = 'agent-dev-network'): { json: Json; link: RestApiAlbLink } {
  const stack = stackOf(stackName);
  const link = new RestApiAlbLink(stack, 'link', props(change));
  return { json: synthJson(stack), link };
}

describe('RestApiAlbLink', () => {
  const { json, link } = synth();

  test('an internal NLB: cross-zone, access logs, deletion protection, the given groups, PrivateLink traffic not filtered by them', () => {
    expect(onlyResource(json, 'aws_lb')).toMatchObject({
      name: 'agent-prod-api-link',
      load_balancer_type: 'network',
      internal: true,
      subnets: ['subnet-aaaa1111', 'subnet-bbbb2222'],
      security_groups: ['sg-0123456789abcdef0'],
      enable_cross_zone_load_balancing: true,
      enable_deletion_protection: true,
      enforce_security_group_inbound_rules_on_private_link_traffic: 'off',
      access_logs: { bucket: 'agent-prod-lb-logs', prefix: 'api-link', enabled: true },
    });
  });

  test('a TCP 443 listener forwards to an alb-type target group whose target is the ALB on 443', () => {
    const tg = onlyResource(json, 'aws_lb_target_group');
    expect(tg).toMatchObject({ name: 'agent-prod-api-link-alb', target_type: 'alb', protocol: 'TCP', port: 443, vpc_id: 'vpc-0123456789abcdef0' });
    expect(tg.health_check).toMatchObject({ enabled: true, protocol: 'HTTPS', port: 'traffic-port', path: '/', matcher: '200-399' });
    const listener = onlyResource(json, 'aws_lb_listener');
    expect(listener).toMatchObject({ port: 443, protocol: 'TCP' });
    expect(listener.load_balancer_arn).toMatch(/^\$\{aws_lb\..+\.arn\}$/);
    expect(listener.default_action).toEqual([{ type: 'forward', target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\..+\.arn\}$/) }]);
    const attachment = onlyResource(json, 'aws_lb_target_group_attachment');
    expect(attachment).toMatchObject({ target_id: ALB_ARN, port: 443 });
    expect(attachment.depends_on).toBeUndefined();
  });

  test('the REST API VPC link targets the NLB; vpcLinkId and nlbDnsName are references', () => {
    const vpcLink = onlyResource(json, 'aws_api_gateway_vpc_link');
    expect(vpcLink.name).toBe('agent-prod-api-link');
    expect(vpcLink.target_arns).toEqual([expect.stringMatching(/^\$\{aws_lb\..+\.arn\}$/)]);
    expect(link.vpcLinkId).toMatch(/TfToken/);
    expect(link.nlbDnsName).toMatch(/TfToken/);
  });

  test('options: no deletion protection, a target group name, health path, PrivateLink enforcement', () => {
    const { json: custom } = synth({ deletionProtection: false, targetGroupName: 'api-to-alb', healthCheckPath: '/health', enforceSecurityGroupOnPrivateLinkTraffic: true });
    expect(onlyResource(custom, 'aws_lb')).toMatchObject({ enable_deletion_protection: false, enforce_security_group_inbound_rules_on_private_link_traffic: 'on' });
    expect(onlyResource(custom, 'aws_lb_target_group')).toMatchObject({ name: 'api-to-alb', health_check: { path: '/health' } });
  });

  test('bad props are rejected with what is wrong and the fix', () => {
    const where = 'RestApiAlbLink agent-prod-api-link: ';
    expect(() => synth({ albArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/agent-nlb/50dc6c495c0c9188` })).toThrow(
      `${where}albArn "arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/agent-nlb/50dc6c495c0c9188" is a Network Load Balancer; give the internal ALB's ARN`,
    );
    expect(() => synth({ albArn: 'agent-prod-alb' })).toThrow(/is not an Application Load Balancer ARN/);
    expect(() => synth({ subnetIds: ['subnet-aaaa1111'] })).toThrow(`${where}1 subnet(s); give private subnets in at least two AZs (those of the ALB)`);
    expect(() => synth({ securityGroupIds: [] })).toThrow(`${where}securityGroupIds is empty; an NLB created without security groups can never get one, give at least one`);
    expect(() => synth({ name: 'a-name-that-is-longer-than-32-chars' })).toThrow(/name "a-name-that-is-longer-than-32-chars" is not 1-32 letters/);
    expect(() => synth({ name: 'agent-production-api-link-xyz' })).toThrow(/targetGroupName "agent-production-api-link-xyz-alb" is not 1-32/);
    expect(() => synth({ accessLogs: { bucket: '', prefix: 'x' } })).toThrow(/accessLogs.bucket is empty/);
    expect(() => synth({ healthCheckPath: 'health' })).toThrow(/healthCheckPath "health" must start with \//);
  });
});

describe('policy pack', () => {
  test('no open finding for the defaults, in dev and prod', () => {
    for (const name of ['agent-dev-network', 'agent-prod-network']) {
      const stack = stackOf(name);
      new RestApiAlbLink(stack, 'link', props());
      const open = evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);
      expect({ name, open }).toEqual({ name, open: [] });
    }
  });

  test('in prod, turning deletion protection off is an LB-06 finding', () => {
    const stack = stackOf('agent-prod-network');
    new RestApiAlbLink(stack, 'link', props({ deletionProtection: false }));
    const open = evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed);
    expect(open.map((f) => [f.ruleId, f.attribute])).toEqual([['LB-06', 'enable_deletion_protection']]);
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('an internal ALB behind the NLB and a REST API VPC link, in a minimal VPC, validates and plans', () => {
    const stack: TerraformStack = stackOf('agent-dev-network');
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
    const subnets = ['10.0.11.0/24', '10.0.12.0/24'].map((cidr, i) => new Subnet(stack, `app-${i}`, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: `us-east-1${'ab'[i]}` }).id);
    const nlbSg = new SecurityGroup(stack, 'nlb-sg', {
      name: 'agent-dev-api-link',
      description: 'REST API VPC link NLB: HTTPS to the ALB',
      vpcId: vpc.id,
      egress: [{ description: 'HTTPS to the internal ALB', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.0.0/16'] }],
    });
    const albSg = new SecurityGroup(stack, 'alb-sg', {
      name: 'agent-dev-alb',
      description: 'Internal ALB: HTTPS from the API link NLB',
      vpcId: vpc.id,
      ingress: [{ description: 'HTTPS from the NLB', protocol: 'tcp', fromPort: 443, toPort: 443, securityGroups: [nlbSg.id] }],
    });
    const alb = new ApplicationLoadBalancer(stack, 'alb', { name: 'agent-dev-alb', internal: true, subnetIds: subnets, securityGroupIds: [albSg.id], accessLogs: { bucket: 'agent-dev-lb-logs', prefix: 'alb' } });
    const https = new RoutedListener(stack, 'https', {
      loadBalancerArn: alb.arn,
      protocol: 'HTTPS',
      port: 443,
      certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`,
      routes: [],
    });
    const link = new RestApiAlbLink(stack, 'link', {
      name: 'agent-dev-api-link',
      vpcId: vpc.id,
      subnetIds: subnets,
      securityGroupIds: [nlbSg.id],
      albArn: alb.arn,
      accessLogs: { bucket: 'agent-dev-lb-logs', prefix: 'api-link' },
      deletionProtection: false,
      albDependencies: [https.listener],
    });
    const json = synthJson(stack);
    expect(onlyResource(json, 'aws_lb_target_group_attachment').depends_on).toEqual([expect.stringMatching(/^aws_lb_listener\./)]);
    expect(link.vpcLinkId).toBeDefined();
    expectOfflinePlan(json);
  });
});
