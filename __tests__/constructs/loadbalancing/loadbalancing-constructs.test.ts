import { Testing, TerraformStack } from 'cdktf';
import { ApplicationLoadBalancer } from '../../../src/constructs/loadbalancing/application-load-balancer';
import { HttpsRedirectListener } from '../../../src/constructs/loadbalancing/https-redirect-listener';
import { RoutedListener } from '../../../src/constructs/loadbalancing/routed-listener';
import { ServiceTargetGroup } from '../../../src/constructs/loadbalancing/service-target-group';
import { resourcesOf, synthJson } from '../../helpers';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('ApplicationLoadBalancer', () => {
  test('drops invalid headers, strictest desync mitigation, access logs on', () => {
    const s = stack();
    new ApplicationLoadBalancer(s, 'alb', { name: 'sys-dev-alb', internal: false, subnetIds: ['a', 'b'], securityGroupIds: ['sg'], accessLogs: { bucket: 'logs', prefix: 'alb' }, deletionProtection: true });
    const [[, lb]] = resourcesOf(synthJson(s), 'aws_lb');
    expect(lb).toMatchObject({ drop_invalid_header_fields: true, desync_mitigation_mode: 'strictest', enable_deletion_protection: true, access_logs: { bucket: 'logs', prefix: 'alb', enabled: true } });
  });

  test('rejects one subnet and names over 32 characters', () => {
    const base = { internal: true, securityGroupIds: [], accessLogs: { bucket: 'b', prefix: 'p' } };
    expect(() => new ApplicationLoadBalancer(stack(), 'a', { ...base, name: 'ok', subnetIds: ['a'] })).toThrow(/two AZs/);
    expect(() => new ApplicationLoadBalancer(stack(), 'a', { ...base, name: 'x'.repeat(33), subnetIds: ['a', 'b'] })).toThrow(/1-32/);
  });
});

describe('listeners', () => {
  test('HTTPS listener uses the TLS 1.3 policy, 404 default and ordered rules; HTTP redirects with 301', () => {
    const s = stack();
    new HttpsRedirectListener(s, 'http', { loadBalancerArn: 'arn:lb' });
    new RoutedListener(s, 'https', {
      loadBalancerArn: 'arn:lb',
      protocol: 'HTTPS',
      port: 443,
      certificateArn: 'arn:cert',
      routes: [
        { priority: 100, hostHeaders: ['app.x.io'], action: { forwardTo: 'arn:tg' } },
        { priority: 200, pathPatterns: ['/health'], action: { fixedResponse: { statusCode: '200', body: 'OK' } } },
      ],
    });
    const json = synthJson(s);
    const listeners = resourcesOf(json, 'aws_lb_listener').map(([, l]) => l);
    expect(listeners.find((l) => l.port === 80)!.default_action[0].redirect).toEqual({ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' });
    const https = listeners.find((l) => l.port === 443)!;
    expect(https.ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(https.default_action[0].fixed_response.status_code).toBe('404');
    expect(resourcesOf(json, 'aws_lb_listener_rule').map(([, r]) => r.priority)).toEqual([100, 200]);
  });

  test('refuses HTTPS without a certificate, a weak TLS policy and duplicate priorities', () => {
    const base = { loadBalancerArn: 'arn', port: 443, routes: [] };
    expect(() => new RoutedListener(stack(), 'l', { ...base, protocol: 'HTTPS' })).toThrow(/needs certificateArn/);
    expect(() => new RoutedListener(stack(), 'l', { ...base, protocol: 'HTTPS', certificateArn: 'c', sslPolicy: 'ELBSecurityPolicy-2016-08' })).toThrow(/below 1.2/);
    const route = { priority: 1, pathPatterns: ['/'], action: { forwardTo: 'tg' } };
    expect(() => new RoutedListener(stack(), 'l', { ...base, protocol: 'HTTP', port: 80, routes: [route, route] })).toThrow(/repeat/);
  });
});

describe('ServiceTargetGroup', () => {
  test('ip targets with the seed health check defaults', () => {
    const s = stack();
    new ServiceTargetGroup(s, 'tg', { name: 'sys-dev-tg', vpcId: 'vpc', port: 3000, healthCheckPath: '/api/health' });
    const [[, tg]] = resourcesOf(synthJson(s), 'aws_lb_target_group');
    expect(tg).toMatchObject({ target_type: 'ip', port: 3000, health_check: { path: '/api/health', interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, matcher: '200' } });
  });

  test('refuses a timeout not below the interval', () => {
    expect(() => new ServiceTargetGroup(stack(), 't', { name: 'tg', vpcId: 'v', port: 80, healthCheckPath: '/', healthCheckIntervalSeconds: 5, healthCheckTimeoutSeconds: 5 })).toThrow(/below the interval/);
  });
});

describe('ServiceTargetGroup protocol', () => {
  test('HTTPS targets: the health check follows the protocol', () => {
    const s = stack();
    new ServiceTargetGroup(s, 'tg', { name: 'sys-prod-tg', vpcId: 'vpc', port: 8443, healthCheckPath: '/health', protocol: 'HTTPS' });
    const [[, tg]] = resourcesOf(synthJson(s), 'aws_lb_target_group');
    expect(tg).toMatchObject({ protocol: 'HTTPS', protocol_version: 'HTTP1', port: 8443, target_type: 'ip', health_check: { protocol: 'HTTPS', port: '8443', path: '/health' } });
  });

  test('defaults to HTTP for target and health check', () => {
    const s = stack();
    new ServiceTargetGroup(s, 'tg', { name: 'sys-dev-tg', vpcId: 'vpc', port: 3000, healthCheckPath: '/' });
    const [[, tg]] = resourcesOf(synthJson(s), 'aws_lb_target_group');
    expect(tg.protocol).toBe('HTTP');
    expect(tg.health_check.protocol).toBe('HTTP');
  });

  test('refuses another protocol', () => {
    expect(() => new ServiceTargetGroup(stack(), 't', { name: 'tg', vpcId: 'v', port: 80, healthCheckPath: '/', protocol: 'TCP' as any })).toThrow(`ServiceTargetGroup tg: protocol "TCP" is not 'HTTP' or 'HTTPS'`);
  });
});
