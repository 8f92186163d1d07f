import { securityGroupOutputName } from '../../../stacks/bidops/network';
import { EnvName } from '../../../src/core/names';
import { Json, bidopsStacks, parsed, resourcesOf, synthJson } from '../../helpers';

const synths = new Map<EnvName, Json>();
function network(env: EnvName): Json {
  if (!synths.has(env)) synths.set(env, synthJson(bidopsStacks(env, 'network').network));
  return synths.get(env)!;
}

/** The KMS key CloudWatch Logs may use (flow logs and every later layer's log groups). */
function logsKey(json: Json): Json {
  const [, key] = resourcesOf(json, 'aws_kms_key').find(([, k]) => k.policy.includes('logs.us-east-1.amazonaws.com'))!;
  return key;
}

/** SG name -> its rules as "direction port peer" strings, peers rendered as group names or CIDRs. */
function sgRules(json: Json): Record<string, string[]> {
  const groupByRef = new Map<string, string>();
  for (const [id, sg] of resourcesOf(json, 'aws_security_group')) groupByRef.set(`\${aws_security_group.${id}.id}`, sg.name.replace(/^bidops-dev-|-sg$/g, ''));
  const rules: Record<string, string[]> = {};
  for (const direction of ['ingress', 'egress']) {
    for (const [, rule] of resourcesOf(json, `aws_vpc_security_group_${direction}_rule`)) {
      const group = groupByRef.get(rule.security_group_id)!;
      const peer = rule.referenced_security_group_id ? groupByRef.get(rule.referenced_security_group_id) : rule.cidr_ipv4;
      expect(rule.description).toBeTruthy();
      (rules[group] ??= []).push(`${direction} ${rule.from_port} ${peer}`);
    }
  }
  for (const list of Object.values(rules)) list.sort();
  return rules;
}

describe('BidopsNetworkStack (bidops)', () => {
  test('VPC 10.0.0.0/16 with DNS support and hostnames', () => {
    const [[, vpc]] = resourcesOf(network('prod'), 'aws_vpc');
    expect(vpc).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
  });

  test('three subnets per tier with the seed CIDRs, one per AZ, none auto-assigning public IPs', () => {
    const subnets = resourcesOf(network('prod'), 'aws_subnet').map(([, s]) => s);
    const byTier = (tier: string) => subnets.filter((s) => s.tags.Tier === tier).map((s) => `${s.availability_zone} ${s.cidr_block}`).sort();
    expect(byTier('public')).toEqual(['us-east-1a 10.0.1.0/24', 'us-east-1b 10.0.2.0/24', 'us-east-1c 10.0.3.0/24']);
    expect(byTier('private-app')).toEqual(['us-east-1a 10.0.11.0/24', 'us-east-1b 10.0.12.0/24', 'us-east-1c 10.0.13.0/24']);
    expect(byTier('private-data')).toEqual(['us-east-1a 10.0.21.0/24', 'us-east-1b 10.0.22.0/24', 'us-east-1c 10.0.23.0/24']);
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  test('dev has one NAT gateway that every private app route table uses', () => {
    const json = network('dev');
    const nats = resourcesOf(json, 'aws_nat_gateway');
    expect(nats).toHaveLength(1);
    const appRoutes = resourcesOf(json, 'aws_route').filter(([id]) => id.includes('private-app'));
    expect(appRoutes).toHaveLength(3);
    expect(new Set(appRoutes.map(([, r]) => r.nat_gateway_id))).toEqual(new Set([`\${aws_nat_gateway.${nats[0][0]}.id}`]));
  });

  test('prod has one NAT gateway per AZ and each private app route table uses its own AZ', () => {
    const json = network('prod');
    const nats = resourcesOf(json, 'aws_nat_gateway');
    expect(nats).toHaveLength(3);
    for (const az of ['us-east-1a', 'us-east-1b', 'us-east-1c']) {
      const [natId] = nats.find(([id]) => id.includes(az))!;
      const [, route] = resourcesOf(json, 'aws_route').find(([id]) => id.includes(`private-app-default-route-${az}`))!;
      expect(route.nat_gateway_id).toBe(`\${aws_nat_gateway.${natId}.id}`);
    }
  });

  test('the private data route table has no route to the internet', () => {
    const json = network('prod');
    const [dataTableId] = resourcesOf(json, 'aws_route_table').find(([id]) => id.includes('private-data'))!;
    const routes = resourcesOf(json, 'aws_route').filter(([, r]) => r.route_table_id.includes(dataTableId));
    expect(routes).toEqual([]);
  });

  test('security groups and rules follow the seed enterprise pattern', () => {
    expect(sgRules(network('dev'))).toEqual({
      'external-alb': ['egress 3000 frontend', 'ingress 443 0.0.0.0/0', 'ingress 80 0.0.0.0/0'],
      'internal-alb': ['egress 4000 backend', 'ingress 80 frontend'],
      frontend: ['egress 443 0.0.0.0/0', 'egress 443 agentcore', 'egress 80 internal-alb', 'ingress 3000 external-alb'],
      backend: ['egress 443 0.0.0.0/0', 'egress 443 opensearch', 'egress 443 vpc-endpoint', 'egress 5432 database', 'ingress 4000 internal-alb'],
      database: ['ingress 5432 agentcore', 'ingress 5432 backend'],
      opensearch: ['ingress 443 backend'],
      agentcore: ['egress 443 0.0.0.0/0', 'egress 443 vpc-endpoint', 'egress 5432 database', 'ingress 443 frontend'],
      'vpc-endpoint': ['ingress 443 agentcore', 'ingress 443 backend', 'ingress 443 frontend'],
    });
  });

  test('the default security group is adopted with no rules', () => {
    const [[, sg]] = resourcesOf(network('dev'), 'aws_default_security_group');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test('S3 gateway endpoint on every private route table, scoped to this env and the ECR layer bucket', () => {
    const json = network('prod');
    const [, s3] = resourcesOf(json, 'aws_vpc_endpoint').find(([, e]) => e.vpc_endpoint_type === 'Gateway')!;
    expect(s3.service_name).toBe('com.amazonaws.us-east-1.s3');
    expect(s3.route_table_ids).toHaveLength(4);
    const policy = parsed(s3.policy);
    expect(policy.Statement[0].Resource).toEqual(['arn:aws:s3:::bidops-prod-*', 'arn:aws:s3:::bidops-prod-*/*']);
    expect(policy.Statement[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalAccount': '444444444444' } });
    expect(policy.Statement[0].Action).not.toContain('s3:*');
    expect(policy.Statement[1].Resource).toBe('arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*');
  });

  test('interface endpoints with private DNS in the app subnets, each with an account-scoped policy', () => {
    const interfaces = resourcesOf(network('dev'), 'aws_vpc_endpoint').filter(([, e]) => e.vpc_endpoint_type === 'Interface').map(([, e]) => e);
    expect(interfaces.map((e) => e.service_name.replace('com.amazonaws.us-east-1.', '')).sort()).toEqual(['bedrock-runtime', 'ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm']);
    for (const endpoint of interfaces) {
      expect(endpoint.private_dns_enabled).toBe(true);
      expect(endpoint.subnet_ids).toHaveLength(3);
      const [statement] = parsed(endpoint.policy).Statement;
      expect(statement.Condition.StringEquals['aws:PrincipalAccount']).toBe('222222222222');
      expect(statement.Action.every((a: string) => !a.endsWith(':*'))).toBe(true);
    }
  });

  test('flow logs capture all traffic into a KMS-encrypted log group with the env retention', () => {
    const json = network('dev');
    const [[, flowLog]] = resourcesOf(json, 'aws_flow_log');
    expect(flowLog.traffic_type).toBe('ALL');
    const [, group] = resourcesOf(json, 'aws_cloudwatch_log_group').find(([, g]) => g.name.startsWith('/aws/vpc/flowlogs/'))!;
    expect(group).toMatchObject({ name: '/aws/vpc/flowlogs/bidops-dev', retention_in_days: 30 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    const [, role] = resourcesOf(json, 'aws_iam_role').find(([, r]) => r.assume_role_policy.includes('vpc-flow-logs.amazonaws.com'))!;
    const trust = parsed(role.assume_role_policy);
    expect(trust.Statement[0].Condition.StringEquals['aws:SourceAccount']).toBe('222222222222');
  });

  test('the logs key rotates and admits CloudWatch Logs only for this account and region', () => {
    const key = logsKey(network('prod'));
    expect(key.enable_key_rotation).toBe(true);
    const service = parsed(key.policy).Statement.find((s: Json) => s.Principal.Service);
    expect(service.Principal.Service).toBe('logs.us-east-1.amazonaws.com');
    expect(service.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toBe('arn:aws:logs:us-east-1:444444444444:log-group:*');
  });

  test('prod protects stateful resources with prevent_destroy; dev does not', () => {
    expect(logsKey(network('prod')).lifecycle).toEqual({ prevent_destroy: true });
    expect(logsKey(network('dev')).lifecycle).toBeUndefined();
  });

  test('provider: region, account guard, assume role and the default tags', () => {
    const [provider] = network('staging').provider.aws;
    expect(provider.region).toBe('us-east-1');
    expect(provider.allowed_account_ids).toEqual(['333333333333']);
    expect(provider.assume_role[0].role_arn).toBe('arn:aws:iam::333333333333:role/terraform-deployer');
    expect(provider.default_tags[0].tags).toEqual({
      Project: 'bidops-ai', System: 'bidops', Environment: 'staging', Layer: 'network', Owner: 'hackathon-team', CostCenter: 'hackathon-2024', ManagedBy: 'terraform-cdktf',
    });
  });

  test('uses no data source that calls AWS at plan time', () => {
    const calling = ['aws_caller_identity', 'aws_region', 'aws_availability_zones', 'aws_partition', 'aws_elb_service_account'];
    expect(Object.keys(network('prod').data ?? {}).filter((type) => calling.includes(type))).toEqual([]);
  });

  test('publishes the documented outputs, one per security group', () => {
    const outputs = network('dev').output;
    for (const name of ['vpc_id', 'vpc_cidr_block', 'public_subnet_ids', 'private_app_subnet_ids', 'private_data_subnet_ids', 'private_app_route_table_ids', 'logs_kms_key_arn']) {
      expect(outputs[name].description).toBeTruthy();
    }
    for (const group of ['external-alb', 'internal-alb', 'frontend', 'backend', 'database', 'opensearch', 'agentcore', 'vpc-endpoint']) {
      expect(outputs[securityGroupOutputName(group)]).toBeDefined();
    }
  });
});

describe('BidopsNetworkStack governance, DNS and certificate (bidops)', () => {
  const byName = (json: Json, type: string, name: string): Json => {
    const found = resourcesOf(json, type).find(([, r]) => r.name === name);
    if (!found) throw new Error(`no ${type} named ${name}`);
    return found[1];
  };

  test('critical and warning topics are KMS-encrypted and their policies deny non-TLS and scope publishers to the account', () => {
    const json = network('dev');
    for (const severity of ['critical', 'warning']) {
      const [id, topic] = resourcesOf(json, 'aws_sns_topic').find(([, t]) => t.name === `bidops-dev-${severity}`)!;
      expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
      const [, policy] = resourcesOf(json, 'aws_sns_topic_policy').find(([, p]) => p.arn === `\${aws_sns_topic.${id}.arn}`)!;
      const statements = parsed(policy.policy).Statement as Json[];
      expect(statements[0]).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
      const allows = statements.filter((s) => s.Effect === 'Allow');
      expect(allows.map((s) => s.Principal.Service).sort()).toEqual(['budgets.amazonaws.com', 'cloudwatch.amazonaws.com', 'costalerts.amazonaws.com', 'events.amazonaws.com', 'events.rds.amazonaws.com']);
      for (const allow of allows) {
        expect(allow.Action).toBe('sns:Publish');
        expect(allow.Condition.StringEquals['aws:SourceAccount']).toBe('222222222222');
      }
      const sourceArn = (service: string) => allows.find((s) => s.Principal.Service === service)!.Condition.ArnLike['aws:SourceArn'];
      expect(sourceArn('cloudwatch.amazonaws.com')).toBe('arn:aws:cloudwatch:us-east-1:222222222222:alarm:*');
      expect(sourceArn('events.amazonaws.com')).toBe('arn:aws:events:us-east-1:222222222222:rule/*');
      expect(sourceArn('events.rds.amazonaws.com')).toBe('arn:aws:rds:us-east-1:222222222222:es:*');
    }
    const outputs = json.output;
    expect(outputs.critical_alerts_topic_arn.value).toMatch(/^\$\{aws_sns_topic\.alerts_critical/);
    expect(outputs.warning_alerts_topic_arn.value).toMatch(/^\$\{aws_sns_topic\.alerts_warning/);
  });

  test('the alerts key admits CloudWatch, Budgets, Cost Anomaly Detection, EventBridge and RDS events, and rotates', () => {
    const [, key] = resourcesOf(network('prod'), 'aws_kms_key').find(([, k]) => k.policy.includes('costalerts.amazonaws.com'))!;
    expect(key.enable_key_rotation).toBe(true);
    const services = parsed(key.policy).Statement.filter((s: Json) => s.Principal.Service).map((s: Json) => s.Principal.Service).sort();
    expect(services).toEqual(['budgets.amazonaws.com', 'cloudwatch.amazonaws.com', 'costalerts.amazonaws.com', 'events.amazonaws.com', 'events.rds.amazonaws.com']);
  });

  test('CloudTrail: multi-region, global events, validation, KMS, CloudWatch Logs (365 days) and a SourceArn-scoped bucket policy', () => {
    const json = network('prod');
    const trail = byName(json, 'aws_cloudtrail', 'bidops-prod-trail');
    expect(trail).toMatchObject({ is_multi_region_trail: true, include_global_service_events: true, enable_log_file_validation: true, enable_logging: true });
    expect(trail.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(trail.cloud_watch_logs_group_arn).toMatch(/:\*$/);
    expect(trail.cloud_watch_logs_role_arn).toMatch(/^\$\{aws_iam_role\./);
    const group = byName(json, 'aws_cloudwatch_log_group', '/aws/cloudtrail/bidops-prod');
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.network-logs|^\$\{aws_kms_key\.logs-key/);
    const trailArn = 'arn:aws:cloudtrail:us-east-1:444444444444:trail/bidops-prod-trail';
    const [, bucketPolicy] = resourcesOf(json, 'aws_s3_bucket_policy').find(([, p]) => p.policy.includes('AWSCloudTrailWrite'))!;
    const write = parsed(bucketPolicy.policy).Statement.find((s: Json) => s.Sid === 'AWSCloudTrailWrite');
    expect(write.Resource).toBe('arn:aws:s3:::bidops-prod-cloudtrail-444444444444/AWSLogs/444444444444/*');
    expect(write.Condition.StringEquals).toEqual({ 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn });
    const role = resourcesOf(json, 'aws_iam_role').find(([, r]) => r.name === 'bidops-prod-cloudtrail-to-logs')![1];
    expect(parsed(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': '444444444444', 'aws:SourceArn': trailArn });
  });

  test('monthly $500 budget notifies at 50/80/100% (100% to the critical topic) plus a forecast notice', () => {
    const json = network('dev');
    const budget = byName(json, 'aws_budgets_budget', 'bidops-dev-monthly-cost');
    expect(budget).toMatchObject({ budget_type: 'COST', limit_amount: '500.00', limit_unit: 'USD', time_unit: 'MONTHLY', account_id: '222222222222' });
    const actual = budget.notification.filter((n: Json) => n.notification_type === 'ACTUAL');
    expect(actual.map((n: Json) => n.threshold)).toEqual([50, 80, 100]);
    for (const n of budget.notification) expect(n.subscriber_email_addresses).toEqual(['ops@bidops.ai']);
    expect(actual[2].subscriber_sns_topic_arns[0]).toMatch(/alerts_critical/);
    expect(actual[0].subscriber_sns_topic_arns[0]).toMatch(/alerts_warning/);
    expect(budget.notification.some((n: Json) => n.notification_type === 'FORECASTED')).toBe(true);
  });

  test('cost anomaly monitor per service with an immediate SNS subscription above $20', () => {
    const json = network('dev');
    const [[, monitor]] = resourcesOf(json, 'aws_ce_anomaly_monitor');
    expect(monitor).toMatchObject({ monitor_type: 'DIMENSIONAL', monitor_dimension: 'SERVICE' });
    const [[, sub]] = resourcesOf(json, 'aws_ce_anomaly_subscription');
    expect(sub.frequency).toBe('IMMEDIATE');
    expect(sub.subscriber[0].type).toBe('SNS');
    expect(sub.threshold_expression.dimension).toEqual({ key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', match_options: ['GREATER_THAN_OR_EQUAL'], values: ['20'] });
  });

  test('hosted zone for the env domain and a DNS-validated *.<domain> certificate with the seed SANs', () => {
    const json = network('dev');
    const [[, zone]] = resourcesOf(json, 'aws_route53_zone');
    expect(zone.name).toBe('dev.bidops.ai');
    const [[certId, cert]] = resourcesOf(json, 'aws_acm_certificate');
    expect(cert).toMatchObject({ domain_name: '*.dev.bidops.ai', validation_method: 'DNS', key_algorithm: 'RSA_2048' });
    expect(cert.subject_alternative_names).toEqual(['dev.bidops.ai', 'app.dev.bidops.ai', 'api.dev.bidops.ai']);
    const [[recordId, record]] = resourcesOf(json, 'aws_route53_record');
    expect(record.for_each).toContain(`aws_acm_certificate.${certId}.domain_validation_options`);
    expect(record.allow_overwrite).toBe(true);
    const [[, validation]] = resourcesOf(json, 'aws_acm_certificate_validation');
    expect(validation.validation_record_fqdns).toContain(`aws_route53_record.${recordId}`);
    expect(json.output.certificate_arn.value).toMatch(/aws_acm_certificate_validation\./);
    expect(json.output.hosted_zone_id.value).toMatch(/aws_route53_zone\./);
    expect(json.output.hosted_zone_name_servers).toBeDefined();
  });

  test('an existing hosted zone ID is used instead of creating a zone', () => {
    const json = synthJson(bidopsStacks('dev', 'network', (c) => (c.edge.hostedZoneId = 'Z0123456789ABCDEFGHIJ')).network);
    expect(resourcesOf(json, 'aws_route53_zone')).toEqual([]);
    expect(json.output.hosted_zone_id.value).toBe('Z0123456789ABCDEFGHIJ');
    const [[, record]] = resourcesOf(json, 'aws_route53_record');
    expect(record.zone_id).toBe('Z0123456789ABCDEFGHIJ');
  });

  test('prod protects the new stateful resources (topics, trail, zone, trail buckets)', () => {
    const json = network('prod');
    for (const type of ['aws_sns_topic', 'aws_cloudtrail', 'aws_route53_zone', 'aws_s3_bucket']) {
      for (const [, r] of resourcesOf(json, type)) expect(r.lifecycle).toEqual({ prevent_destroy: true });
    }
  });
});
