import { Testing, TerraformStack } from 'cdktf';
import { Dashboards } from '../../../src/constructs/observability/dashboards';
import { EdgeAlarms } from '../../../src/constructs/observability/edge-alarms';
import { ServiceAlarms } from '../../../src/constructs/observability/service-alarms';
import { TracingSamplingRule } from '../../../src/constructs/observability/tracing-sampling-rule';
import { parsed, resourcesOf, synthJson } from '../../helpers';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

describe('ServiceAlarms', () => {
  test('5xx > 10 in 5 minutes is critical, CPU 80 / memory 85 warn, every alarm also notifies OK', () => {
    const s = stack();
    new ServiceAlarms(s, 'a', { namePrefix: 'p', loadBalancers: [{ label: 'alb', arnSuffix: 'app/x/1', targetGroupArnSuffixes: ['targetgroup/t/1'] }], clusterName: 'c', serviceNames: ['svc'], criticalTopicArn: 'crit', warningTopicArn: 'warn' });
    const alarms = resourcesOf(synthJson(s), 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
    const elb = alarms.find((a) => a.metric_name === 'HTTPCode_ELB_5XX_Count')!;
    expect(elb).toMatchObject({ threshold: 10, period: 300, alarm_actions: ['crit'], ok_actions: ['crit'] });
    expect(alarms.find((a) => a.metric_name === 'CPUUtilization')!).toMatchObject({ threshold: 80, alarm_actions: ['warn'] });
    expect(alarms.find((a) => a.metric_name === 'MemoryUtilization')!.threshold).toBe(85);
    expect(alarms.find((a) => a.metric_name === 'UnHealthyHostCount')!.dimensions).toEqual({ LoadBalancer: 'app/x/1', TargetGroup: 'targetgroup/t/1' });
  });

  test('refuses a percentage above 100', () => {
    expect(() => new ServiceAlarms(stack(), 'a', { namePrefix: 'p', loadBalancers: [], clusterName: 'c', serviceNames: ['s'], criticalTopicArn: 'c', warningTopicArn: 'w', cpuWarningPercent: 120 })).toThrow(/percentage/);
  });
});

describe('EdgeAlarms', () => {
  test('no Route 53 health check alarm outside us-east-1 (its metrics live there only)', () => {
    const s = stack();
    new EdgeAlarms(s, 'e', { namePrefix: 'p', region: 'eu-west-1', webAclName: 'acl', watchedRules: [], warningTopicArn: 'w', criticalTopicArn: 'c', healthCheckId: 'hc' });
    const alarms = resourcesOf(synthJson(s), 'aws_cloudwatch_metric_alarm').map(([, a]) => a.namespace);
    expect(alarms).toEqual(['AWS/WAFV2']);
  });
});

describe('Dashboards', () => {
  test('three dashboards with valid JSON bodies', () => {
    const s = stack();
    new Dashboards(s, 'd', { namePrefix: 'p', region: 'us-east-1', externalAlbArnSuffix: 'app/x/1', frontendTargetGroupArnSuffix: 'tg/f', backendTargetGroupArnSuffix: 'tg/b', clusterName: 'c', serviceNames: ['f', 'b'], webAclName: 'acl', wafRuleMetricNames: ['R1'], customNamespace: 'Shop' });
    const bodies = resourcesOf(synthJson(s), 'aws_cloudwatch_dashboard').map(([, d]) => parsed(d.dashboard_body));
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(body.widgets.length).toBeGreaterThan(2);
    expect(bodies.filter((b) => JSON.stringify(b).includes('"Shop"'))).toHaveLength(1);
  });
});

describe('TracingSamplingRule', () => {
  test('refuses a fixed rate above 1', () => {
    expect(() => new TracingSamplingRule(stack(), 'x', { ruleName: 'r', serviceName: 's', fixedRate: 2 })).toThrow(/0-1/);
  });
});
