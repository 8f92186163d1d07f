import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { TerraformOutput, Testing } from 'cdktf';
import { add, expectCompliant, expectNotApplicable, expectViolation, ref, stackOf } from './harness';

describe('LB-01 HTTPS listeners', () => {
  it('passes for HTTPS and for an HTTP->HTTPS redirect', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LbListener, 'https', { load_balancer_arn: 'arn', protocol: 'HTTPS', port: 443, default_action: [{ type: 'forward', target_group_arn: 'tg' }] });
    add(stack, LbListener, 'redirect', { load_balancer_arn: 'arn', protocol: 'HTTP', port: 80, default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }] });
    expectCompliant('LB-01', stack, 'aws_lb_listener.https');
    expectCompliant('LB-01', stack, 'aws_lb_listener.redirect');
  });
  it('fails for a plain HTTP forward (protocol absent = HTTP)', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LbListener, 'http', { load_balancer_arn: 'arn', port: 80, default_action: [{ type: 'forward', target_group_arn: 'tg' }] });
    expectViolation('LB-01', stack, 'aws_lb_listener.http', 'default_action');
  });
});

describe('LB-02 TLS policy', () => {
  it('passes for ELBSecurityPolicy-TLS13-1-2-2021-06; n/a for HTTP', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LbListener, 'https', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    add(stack, LbListener, 'http', { protocol: 'HTTP' });
    expectCompliant('LB-02', stack, 'aws_lb_listener.https');
    expectNotApplicable('LB-02', stack, 'aws_lb_listener.http');
  });
  it('fails for the provider default and for TLS 1.0 policies', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, LbListener, 'default', { protocol: 'HTTPS' });
    add(stack, LbListener, 'old', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' });
    expectViolation('LB-02', stack, 'aws_lb_listener.default', 'ssl_policy');
    expectViolation('LB-02', stack, 'aws_lb_listener.old', 'ssl_policy');
  });
});

describe('LB-03 header hygiene', () => {
  it('passes with drop_invalid_header_fields and default desync mode', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, Lb, 'alb', { drop_invalid_header_fields: true });
    expectCompliant('LB-03', stack, 'aws_lb.alb');
  });
  it('fails with the defaults (headers kept) and monitor mode', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, Lb, 'alb', { desync_mitigation_mode: 'monitor' });
    expectViolation('LB-03', stack, 'aws_lb.alb', 'drop_invalid_header_fields');
    expectViolation('LB-03', stack, 'aws_lb.alb', 'desync_mitigation_mode');
  });
});

describe('LB-04 access logs', () => {
  it('passes with access_logs enabled', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, Lb, 'alb', { access_logs: { bucket: 'logs', enabled: true } });
    expectCompliant('LB-04', stack, 'aws_lb.alb');
  });
  it('fails with a bucket but no enabled flag (provider default false)', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, Lb, 'alb', { access_logs: { bucket: 'logs' } });
    expectViolation('LB-04', stack, 'aws_lb.alb', 'access_logs.enabled');
  });
});

describe('LB-05 WAF on internet-facing ALBs', () => {
  it('passes when the web ACL association lives in the later edge layer (cross-stack)', () => {
    const app = Testing.app();
    const compute = stackOf('bidops-prod-compute', app);
    const alb = add(compute, Lb, 'external', { internal: false });
    new TerraformOutput(compute, 'external_alb_arn', { value: ref(alb, 'arn'), staticId: true });
    const edge = stackOf('bidops-prod-edge', app);
    edge.addOverride('data.terraform_remote_state.compute', { backend: 's3', config: { bucket: 'b', key: 'bidops/prod/compute.tfstate', region: 'us-east-1' } });
    add(edge, Wafv2WebAclAssociation, 'alb', { resource_arn: '${data.terraform_remote_state.compute.outputs.external_alb_arn}', web_acl_arn: 'arn:waf' });
    expectCompliant('LB-05', [compute, edge], 'aws_lb.external');
    add(compute, Lb, 'internal', { internal: true });
    expectCompliant('LB-05', compute, 'aws_lb.internal');
  });
  it('fails for an internet-facing ALB without association (even if another env has one) and for a public NLB', () => {
    const app = Testing.app();
    const compute = stackOf('bidops-prod-compute', app);
    const alb = add(compute, Lb, 'external', { internal: false });
    add(compute, Lb, 'nlb', { load_balancer_type: 'network' });
    const otherEnv = stackOf('bidops-dev-edge', app);
    add(otherEnv, Wafv2WebAclAssociation, 'alb', { resource_arn: 'arn:aws:elasticloadbalancing:dev', web_acl_arn: 'arn:waf' });
    void alb;
    expectViolation('LB-05', [compute, otherEnv], 'aws_lb.external', 'aws_wafv2_web_acl_association');
    expectViolation('LB-05', compute, 'aws_lb.nlb', 'internal');
  });
});

describe('LB-06 prod resilience', () => {
  it('passes in prod with deletion protection, 2 AZs and a health check path; n/a in dev', () => {
    const stack = stackOf('bidops-prod-compute');
    const a = add(stack, Subnet, 'a', { availability_zone: 'us-east-1a' });
    const b = add(stack, Subnet, 'b', { availability_zone: 'us-east-1b' });
    add(stack, Lb, 'alb', { enable_deletion_protection: true, subnets: [ref(a), ref(b)] });
    add(stack, LbTargetGroup, 'tg', { protocol: 'HTTP', health_check: { path: '/health' } });
    expectCompliant('LB-06', stack, 'aws_lb.alb');
    expectCompliant('LB-06', stack, 'aws_lb_target_group.tg');
    const dev = stackOf('bidops-dev-compute');
    add(dev, Lb, 'alb', {});
    expectNotApplicable('LB-06', dev, 'aws_lb.alb');
  });
  it('fails in prod without protection, in one AZ, and without a health check path', () => {
    const stack = stackOf('bidops-prod-compute');
    const a = add(stack, Subnet, 'a', { availability_zone: 'us-east-1a' });
    const a2 = add(stack, Subnet, 'a2', { availability_zone: 'us-east-1a' });
    add(stack, Lb, 'alb', { subnets: [ref(a), ref(a2)] });
    add(stack, LbTargetGroup, 'tg', { protocol: 'HTTP' });
    expectViolation('LB-06', stack, 'aws_lb.alb', 'enable_deletion_protection');
    expectViolation('LB-06', stack, 'aws_lb.alb', 'subnets');
    expectViolation('LB-06', stack, 'aws_lb_target_group.tg', 'health_check.path');
  });
});

describe('LB-07 prod: HTTPS to the targets (CKV_AWS_378)', () => {
  it('is in the pack (harness view): HTTPS compliant, HTTP a violation on protocol', () => {
    const stack = stackOf('bidops-prod-compute');
    add(stack, LbTargetGroup, 'https', { target_type: 'ip', protocol: 'HTTPS', port: 8443 });
    add(stack, LbTargetGroup, 'http', { target_type: 'ip', protocol: 'HTTP', port: 8080 });
    add(stack, LbTargetGroup, 'alb', { target_type: 'alb', protocol: 'TCP', port: 443 });
    expectCompliant('LB-07', stack, 'aws_lb_target_group.https');
    expectViolation('LB-07', stack, 'aws_lb_target_group.http', 'protocol');
    expectNotApplicable('LB-07', stack, 'aws_lb_target_group.alb');
  });
  // The rule object itself.
  const { LB_07_TARGET_TLS } = require('../../src/policy/rules/load-balancing') as typeof import('../../src/policy/rules/load-balancing');
  const { StackContext, groupStacks } = require('../../src/policy/context') as typeof import('../../src/policy/context');
  const { doc } = require('./harness') as typeof import('./harness');
  const check = (stack: ReturnType<typeof stackOf>, address: string) => {
    const { model, group } = groupStacks([doc(stack)]).find((g) => g.model.name === stack.node.id)!;
    return LB_07_TARGET_TLS.check(model.byAddress.get(address)!, new StackContext(model, group));
  };
  it('passes for HTTPS ip and instance target groups in prod', () => {
    const stack = stackOf('bidops-prod-compute');
    add(stack, LbTargetGroup, 'ip', { target_type: 'ip', protocol: 'HTTPS', port: 8443, health_check: { protocol: 'HTTPS', path: '/health' } });
    add(stack, LbTargetGroup, 'instance', { target_type: 'instance', protocol: 'HTTPS', port: 443 });
    expect(check(stack, 'aws_lb_target_group.ip')).toEqual({ status: 'compliant' });
    expect(check(stack, 'aws_lb_target_group.instance')).toEqual({ status: 'compliant' });
  });
  it('fails for HTTP (explicit or absent) ip/instance target groups in prod', () => {
    const stack = stackOf('bidops-prod-compute');
    add(stack, LbTargetGroup, 'http', { target_type: 'ip', protocol: 'HTTP', port: 3000 });
    add(stack, LbTargetGroup, 'implicit', { port: 80 });
    for (const address of ['aws_lb_target_group.http', 'aws_lb_target_group.implicit']) {
      const result = check(stack, address);
      expect(result.status).toBe('non-compliant');
      if (result.status === 'non-compliant') {
        expect(result.attribute).toBe('protocol');
        expect(result.message).toMatch(new RegExp(`^${address.replace('.', '\\.')}: protocol is HTTP`));
      }
    }
  });
  it('is not applicable to lambda targets, NLB groups (TCP/TLS) and outside prod', () => {
    const stack = stackOf('bidops-prod-compute');
    add(stack, LbTargetGroup, 'lambda', { target_type: 'lambda' });
    add(stack, LbTargetGroup, 'tcp', { target_type: 'ip', protocol: 'TCP', port: 8000 });
    add(stack, LbTargetGroup, 'tls', { target_type: 'ip', protocol: 'TLS', port: 8443 });
    for (const id of ['lambda', 'tcp', 'tls']) expect(check(stack, `aws_lb_target_group.${id}`)).toEqual({ status: 'not-applicable' });
    const staging = stackOf('bidops-staging-compute');
    add(staging, LbTargetGroup, 'http', { target_type: 'ip', protocol: 'HTTP', port: 3000 });
    expect(check(staging, 'aws_lb_target_group.http')).toEqual({ status: 'not-applicable' });
  });
});
