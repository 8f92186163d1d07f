import { PARTNER_FUNCTION_NAMES } from '../../../src/config/systems/partner-mgmt/functions';
import { EnvName } from '../../../src/core/names';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { partnerConfigError, partnerStacks } from './helpers';

const synths = new Map<EnvName, Json>();
const network = (env: EnvName): Json => {
  if (!synths.has(env)) synths.set(env, synthJson(partnerStacks(env, 'network').network));
  return synths.get(env)!;
};
const inRegion = (json: Json, type: string, provider?: string) => resourcesOf(json, type).filter(([, r]) => r.provider === provider);

describe('partner-mgmt network', () => {
  test('a private-only VPC: no internet gateway, no NAT, no public or data subnets', () => {
    const json = network('prod');
    expect(resourcesOf(json, 'aws_internet_gateway')).toEqual([]);
    expect(resourcesOf(json, 'aws_nat_gateway')).toEqual([]);
    expect(resourcesOf(json, 'aws_route')).toEqual([]);
    const subnets = inRegion(json, 'aws_subnet').map(([, s]) => [s.availability_zone, s.cidr_block, s.tags.Tier]);
    expect(subnets).toEqual([
      ['us-east-1a', '10.40.0.0/22', 'private-app'],
      ['us-east-1b', '10.40.4.0/22', 'private-app'],
      ['us-east-1c', '10.40.8.0/22', 'private-app'],
    ]);
    expect(inRegion(network('dev'), 'aws_subnet')).toHaveLength(2);
  });

  test('gateway endpoints for S3 and DynamoDB, interface endpoints for the APIs the functions call, each scoped to the account', () => {
    const endpoints = inRegion(network('dev'), 'aws_vpc_endpoint').map(([, e]) => e);
    expect(endpoints.filter((e) => e.vpc_endpoint_type === 'Gateway').map((e) => e.service_name).sort()).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    expect(endpoints.filter((e) => e.vpc_endpoint_type === 'Interface').map((e) => e.service_name.replace('com.amazonaws.us-east-1.', '')).sort()).toEqual(
      ['athena', 'bedrock-agent-runtime', 'bedrock-runtime', 'events', 'glue', 'logs', 'monitoring', 'secretsmanager', 'ssm', 'sts', 'xray'],
    );
    const dynamodb = endpoints.find((e) => e.service_name.endsWith('.dynamodb'))!;
    const statement = parsed(dynamodb.policy).Statement[0];
    expect(statement.Resource).toEqual(expect.arrayContaining(['arn:aws:dynamodb:us-east-1:601000000001:table/partner-mgmt-dev-*', 'arn:aws:dynamodb:us-east-1:601000000001:table/partner-mgmt-dev-*/stream/*']));
    expect(statement.Condition).toEqual({ StringEquals: { 'aws:PrincipalAccount': '601000000001' } });
  });

  test('one security group per function, allowed HTTPS to the endpoints and the gateway prefix lists only', () => {
    const json = network('dev');
    const groups = inRegion(json, 'aws_security_group').map(([, g]) => g.name).sort();
    expect(groups).toEqual([...PARTNER_FUNCTION_NAMES.map((f) => `partner-mgmt-dev-${f}-sg`), 'partner-mgmt-dev-vpc-endpoint-sg'].sort());
    const egress = inRegion(json, 'aws_vpc_security_group_egress_rule').map(([, r]) => r);
    expect(egress).toHaveLength(PARTNER_FUNCTION_NAMES.length * 3);
    for (const rule of egress) {
      expect([rule.from_port, rule.to_port]).toEqual([443, 443]);
      expect(rule.cidr_ipv4).toBeUndefined();
    }
    expect(egress.filter((r) => r.prefix_list_id?.includes('aws_vpc_endpoint.endpoints_dynamodb'))).toHaveLength(PARTNER_FUNCTION_NAMES.length);
  });

  test('prod builds the same network in us-west-2 for the standby functions, on the aliased provider', () => {
    const json = network('prod');
    expect([].concat(json.provider.aws).map((p: Json) => p.alias ?? p.region)).toEqual(['us-east-1', 'us_west_2']);
    const drSubnets = inRegion(json, 'aws_subnet', 'aws.us_west_2').map(([, s]) => s.availability_zone);
    expect(drSubnets).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(inRegion(json, 'aws_vpc_endpoint', 'aws.us_west_2').map(([, e]) => e.service_name)).toContain('com.amazonaws.us-west-2.bedrock-runtime');
    // Besides the DR logs key, the CloudTrail bucket's replica key (audit evidence copied to us-west-2).
    expect(inRegion(json, 'aws_kms_key', 'aws.us_west_2').map(([id]) => id.split('_')[0]).sort()).toEqual(['audit-trail', 'dr-alerts', 'dr-logs-key']);
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['dr_vpc_id', 'dr_private_app_subnet_ids', 'dr_opportunity_analysis_security_group_id', 'dr_logs_kms_key_arn']));
    expect(inRegion(network('staging'), 'aws_vpc', 'aws.us_west_2')).toEqual([]);
  });

  test('alert topics at the three levels of the seed; budget, anomaly detection and CloudTrail', () => {
    const json = network('staging');
    expect(resourcesOf(json, 'aws_sns_topic').map(([, t]) => t.name).sort()).toEqual(['partner-mgmt-staging-critical', 'partner-mgmt-staging-info', 'partner-mgmt-staging-warning']);
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['critical_alerts_topic_arn', 'warning_alerts_topic_arn', 'info_alerts_topic_arn']));
    expect(resourcesOf(json, 'aws_budgets_budget')[0][1].limit_amount).toBe('400.00');
    expect(resourcesOf(json, 'aws_cloudtrail')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_ce_anomaly_monitor')).toHaveLength(1);
    expect(Object.keys(json.output).filter((o) => o.startsWith('dr_'))).toEqual([]);
  });

  test('prod: the three levels again in us-west-2, where the standby\'s alarms and event rules notify', () => {
    const json = network('prod');
    expect(inRegion(json, 'aws_sns_topic', 'aws.us_west_2').map(([, t]) => t.name).sort()).toEqual(['partner-mgmt-prod-dr-critical', 'partner-mgmt-prod-dr-info', 'partner-mgmt-prod-dr-warning']);
    expect(inRegion(json, 'aws_sns_topic', 'aws.us_west_2').every(([, t]) => String(t.kms_master_key_id).includes('aws_kms_key.dr-alerts'))).toBe(true);
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['dr_critical_alerts_topic_arn', 'dr_warning_alerts_topic_arn', 'dr_info_alerts_topic_arn']));
  });

  test('bad network config is one clear line', () => {
    expect(partnerConfigError((c) => (c.network.enableNatGateway = true))).toBe(
      'Invalid configuration for partner-mgmt/dev: network.enableNatGateway = true needs public subnets for the NAT gateways. Fix: set enableNatGateway: false for a private-only VPC, or give publicSubnetCidrs.',
    );
    expect(partnerConfigError((c) => (c.network.dynamodbGatewayEndpoint = false))).toContain('peer.prefixList = "dynamodb" needs the DynamoDB gateway endpoint');
    expect(partnerConfigError((c) => (c.secondaryRegion = undefined), 'prod')).toContain('network.secondary = "(set)" needs secondaryRegion');
  });
});
