import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DnsFailover, DnsFailoverProps, FailoverTarget } from '../../../src/constructs/edge/dns-failover';
import { Json, resourcesOf, synthJson } from '../../helpers';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const PRIMARY: FailoverTarget = {
  dnsName: 'd-abc123.execute-api.us-east-1.amazonaws.com',
  zoneId: 'Z1UJRXOUMOOFQ8',
  healthCheck: { kind: 'alarm', alarmName: 'partner-mgmt-prod-api-5xx', region: 'us-east-1' },
};
const SECONDARY: FailoverTarget = {
  dnsName: 'd-def456.execute-api.us-west-2.amazonaws.com',
  zoneId: 'Z2OJLYMUO9EFXC',
  healthCheck: { kind: 'alarm', alarmName: 'partner-mgmt-prod-api-5xx', region: 'us-west-2' },
};

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'partner-mgmt-prod-edge');
  new AwsProvider(s, 'aws', { region: 'us-east-1' });
  return s;
}

function props(change: Partial<DnsFailoverProps> = {}): DnsFailoverProps {
  return { hostedZoneId: ZONE, recordName: 'api.example.com', primary: PRIMARY, secondary: SECONDARY, ...change };
}

function synth(change: Partial<DnsFailoverProps> = {}): { json: Json; failover: DnsFailover; byName: (type: string, part: string) => Json } {
  const s = stack();
  const failover = new DnsFailover(s, 'api-failover', props(change));
  const json = synthJson(s);
  const byName = (type: string, part: string) => {
    const found = resourcesOf(json, type).filter(([name]) => name.includes(part));
    if (found.length !== 1) throw new Error(`expected one ${type} named *${part}*, found ${found.length}`);
    return found[0][1];
  };
  return { json, failover, byName };
}

describe('DnsFailover', () => {
  test('PRIMARY and SECONDARY alias records with their health check IDs, evaluating target health', () => {
    const { json, byName } = synth();
    expect(resourcesOf(json, 'aws_route53_record')).toHaveLength(2);
    const primary = byName('aws_route53_record', 'primary-a');
    expect(primary).toEqual({
      zone_id: ZONE,
      name: 'api.example.com',
      type: 'A',
      set_identifier: 'primary',
      failover_routing_policy: { type: 'PRIMARY' },
      health_check_id: expect.stringMatching(/^\$\{aws_route53_health_check\.api-failover_primary-health-check_\w+\.id\}$/),
      alias: { name: PRIMARY.dnsName, zone_id: PRIMARY.zoneId, evaluate_target_health: true },
    });
    const secondary = byName('aws_route53_record', 'secondary-a');
    expect(secondary).toMatchObject({
      set_identifier: 'secondary',
      failover_routing_policy: { type: 'SECONDARY' },
      health_check_id: expect.stringMatching(/^\$\{aws_route53_health_check\.api-failover_secondary-health-check_\w+\.id\}$/),
      alias: { name: SECONDARY.dnsName, zone_id: SECONDARY.zoneId, evaluate_target_health: true },
    });
  });

  test('alarm-based health checks (CLOUDWATCH_METRIC) with LastKnownStatus by default, no HTTP route needed', () => {
    const { byName } = synth();
    expect(byName('aws_route53_health_check', 'primary')).toEqual({
      type: 'CLOUDWATCH_METRIC',
      cloudwatch_alarm_name: 'partner-mgmt-prod-api-5xx',
      cloudwatch_alarm_region: 'us-east-1',
      insufficient_data_health_status: 'LastKnownStatus',
      tags: { Name: 'api.example.com primary' },
    });
    expect(byName('aws_route53_health_check', 'secondary')).toMatchObject({ type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_region: 'us-west-2' });
  });

  test('insufficient-data status is configurable', () => {
    const { byName } = synth({ insufficientDataHealthStatus: 'Unhealthy' });
    expect(byName('aws_route53_health_check', 'primary').insufficient_data_health_status).toBe('Unhealthy');
  });

  test('an HTTPS health check on a path the caller declares public', () => {
    const { byName } = synth({
      secondary: { ...SECONDARY, healthCheck: { kind: 'https', fqdn: 'xyz789.execute-api.us-west-2.amazonaws.com', path: '/prod/health', publicPath: true, requestIntervalSeconds: 10, failureThreshold: 2 } },
    });
    expect(byName('aws_route53_health_check', 'secondary')).toEqual({
      type: 'HTTPS',
      fqdn: 'xyz789.execute-api.us-west-2.amazonaws.com',
      port: 443,
      resource_path: '/prod/health',
      enable_sni: true,
      request_interval: 10,
      failure_threshold: 2,
      tags: { Name: 'api.example.com secondary' },
    });
  });

  test('A and AAAA records per side when asked; records and health checks are exposed by role', () => {
    const { json, failover } = synth({ recordTypes: ['A', 'AAAA'] });
    expect(resourcesOf(json, 'aws_route53_record').map(([, r]) => [r.set_identifier, r.type])).toEqual(
      expect.arrayContaining([['primary', 'A'], ['primary', 'AAAA'], ['secondary', 'A'], ['secondary', 'AAAA']]),
    );
    expect(Object.keys(failover.records).sort()).toEqual(['primary-A', 'primary-AAAA', 'secondary-A', 'secondary-AAAA']);
    expect(Object.keys(failover.healthChecks).sort()).toEqual(['primary', 'secondary']);
  });

  test('rejects bad props with the value and the fix', () => {
    const reject = (change: Partial<DnsFailoverProps>, message: RegExp) => expect(() => new DnsFailover(stack(), 'f', props(change))).toThrow(message);
    const https = (publicPath: boolean) => ({ ...SECONDARY, healthCheck: { kind: 'https', fqdn: 'x.example.com', path: '/health', publicPath } as any });
    reject({ secondary: https(false) }, /DnsFailover api.example.com secondary: an HTTPS health check needs publicPath: true \(Route 53 checkers send no credentials\); for an authenticated API use \{ kind: 'alarm', alarmName, region \}/);
    reject({ secondary: { ...SECONDARY, healthCheck: { kind: 'https', fqdn: 'x.example.com', path: 'health', publicPath: true } } }, /healthCheck.path "health" must start with \//);
    reject({ secondary: { ...SECONDARY, healthCheck: { kind: 'alarm', alarmName: 'a', region: 'Oregon' } } }, /healthCheck.region "Oregon" is not an AWS region name/);
    reject({ secondary: { ...SECONDARY, dnsName: PRIMARY.dnsName } }, /primary and secondary both target d-abc123/);
    reject({ primary: { ...PRIMARY, zoneId: 'Z2FDTNDATAQYW2' } }, /zoneId Z2FDTNDATAQYW2 is CloudFront's; Route 53 cannot evaluate a distribution's health/);
    reject({ primary: { ...PRIMARY, zoneId: 'zone-1' } }, /primary: zoneId "zone-1" is not a Route 53 zone ID/);
    reject({ recordName: 'API.example.com' }, /recordName "API.example.com" is not a lower-case domain name/);
    reject({ hostedZoneId: 'example.com' }, /hostedZoneId "example.com" is not a Route 53 zone ID/);
    reject({ recordTypes: [] }, /recordTypes \[\] must be A and\/or AAAA, each once/);
    reject({ recordTypes: ['A', 'A'] }, /recordTypes \[A, A\] must be A and\/or AAAA/);
    reject({ insufficientDataHealthStatus: 'Unknown' as any }, /insufficientDataHealthStatus "Unknown" must be Healthy, Unhealthy or LastKnownStatus/);
  });
});
