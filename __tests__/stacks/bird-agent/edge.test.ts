import { EnvName } from '../../../src/core/names';
import { evaluate } from '../../../src/policy';
import { auroraLocalStorageBytes } from '../../../src/config/aws-catalog';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { birdAgentConfigError, birdAgentStacks } from './helpers';

const synths = new Map<string, Json>();
const edge = (env: EnvName): Json => {
  if (!synths.has(env)) synths.set(env, synthJson(birdAgentStacks(env, 'edge').edge));
  return synths.get(env)!;
};
const all = (json: Json, type: string): Json[] => resourcesOf(json, type).map(([, r]) => r);
const remote = (layer: string, output: string) => `\${data.terraform_remote_state.${layer}.outputs.${output}}`;
const ref = (json: Json, type: string, match: (r: Json) => boolean, attribute: string) => `\${${type}.${resourcesOf(json, type).find(([, r]) => match(r))![0]}.${attribute}}`;
const alarm = (json: Json, name: string): Json => {
  const found = all(json, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === name);
  if (!found) throw new Error(`no alarm ${name} (has ${all(json, 'aws_cloudwatch_metric_alarm').map((a) => a.alarm_name).join(', ')})`);
  return found;
};
const CRITICAL = [remote('network', 'critical_alerts_topic_arn')];
const WARNING = [remote('network', 'warning_alerts_topic_arn')];
const PROD_DOMAIN = 'agent.bird-partner.example.com';

describe('bird-agent edge: WAF', () => {
  test('bird-agent-<env>-waf, REGIONAL: core rule set 1, known bad inputs 2, Bird.com allowlist 5 (allow), rate limit 10, geo block 20; default allow', () => {
    const [acl] = all(edge('dev'), 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ name: 'bird-agent-dev-waf', scope: 'REGIONAL', default_action: { allow: {} } });
    const action = (r: Json) => Object.keys(r.action ?? r.override_action)[0];
    expect(acl.rule.map((r: Json) => `${r.priority} ${r.name} ${action(r)}`)).toEqual([
      // Managed groups block through their own rules ("override: none").
      '1 AWSManagedRulesCommonRuleSet none',
      '2 AWSManagedRulesKnownBadInputsRuleSet none',
      '5 BirdComAllowlist allow',
      '10 RateLimitRule block',
      '20 GeoBlockingRule block',
    ]);
    expect(acl.rule[0].statement.managed_rule_group_statement[0]).toEqual({ name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' });
    expect(acl.rule[3].statement.rate_based_statement[0]).toEqual({ limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 });
    expect(acl.rule[4].statement.geo_match_statement[0].country_codes).toEqual(['CN', 'RU', 'KP']);
    // The allowlist runs after the content rules and before both blocks (docs/DEVIATIONS.md).
    const [set] = all(edge('dev'), 'aws_wafv2_ip_set');
    expect(set).toEqual({ name: 'bird-agent-dev-waf-BirdComAllowlist-ipv4', description: 'bird-agent-dev-waf: addresses BirdComAllowlist allows', scope: 'REGIONAL', ip_address_version: 'IPV4', addresses: ['192.0.2.0/24', '198.51.100.0/24'] });
    expect(acl.rule[2].statement).toEqual({ ip_set_reference_statement: [{ arn: ref(edge('dev'), 'aws_wafv2_ip_set', () => true, 'arn') }] });
    for (const rule of acl.rule) expect(rule.visibility_config).toEqual({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: rule.name });
  });

  test('associated with the REST API stage; logs to aws-waf-logs-bird-agent-<env> for 30 days with the logs key', () => {
    const json = edge('dev');
    expect(all(json, 'aws_wafv2_web_acl_association')).toEqual([{ resource_arn: remote('compute', 'rest_api_stage_arn'), web_acl_arn: ref(json, 'aws_wafv2_web_acl', () => true, 'arn') }]);
    expect(all(json, 'aws_cloudwatch_log_group')).toEqual([{ name: 'aws-waf-logs-bird-agent-dev', retention_in_days: 30, kms_key_id: remote('network', 'logs_kms_key_arn') }]);
    expect(all(json, 'aws_wafv2_web_acl_logging_configuration')).toEqual([
      expect.objectContaining({ resource_arn: ref(json, 'aws_wafv2_web_acl', () => true, 'arn'), log_destination_configs: [ref(json, 'aws_cloudwatch_log_group', () => true, 'arn')] }),
    ]);
  });

  test('prod: the same ACL in us-west-2 on the standby stage, logging with the DR logs key', () => {
    const json = edge('prod');
    const acls = all(json, 'aws_wafv2_web_acl');
    expect(acls.map((a) => [a.name, a.provider ?? 'default', a.rule.map((r: Json) => r.priority)])).toEqual([
      ['bird-agent-prod-waf', 'aws.us_west_2', [1, 2, 5, 10, 20]],
      ['bird-agent-prod-waf', 'default', [1, 2, 5, 10, 20]],
    ]);
    const associations = all(json, 'aws_wafv2_web_acl_association').map((a) => [a.resource_arn, a.provider ?? 'default']);
    expect(associations).toEqual([
      [remote('compute', 'dr_rest_api_stage_arn'), 'aws.us_west_2'],
      [remote('compute', 'rest_api_stage_arn'), 'default'],
    ]);
    const drGroup = all(json, 'aws_cloudwatch_log_group').find((g) => g.provider === 'aws.us_west_2')!;
    expect(drGroup).toMatchObject({ name: 'aws-waf-logs-bird-agent-prod', retention_in_days: 365, kms_key_id: remote('network', 'dr_logs_kms_key_arn') });
  });

  test('without allowed addresses there is no allowlist rule; bad addresses and names are config errors', () => {
    const acl = all(synthJson(birdAgentStacks('dev', 'edge', (c) => (c.edge.wafAllowedIps = [])).edge), 'aws_wafv2_web_acl')[0];
    expect(acl.rule.map((r: Json) => r.priority)).toEqual([1, 2, 10, 20]);
    expect(birdAgentConfigError((c) => (c.edge.wafAllowedIps = ['192.0.2.1/24']))).toBe(
      'Invalid configuration for bird-agent/dev: edge.wafAllowedIps[0] = "192.0.2.1/24" is not an IPv4 or IPv6 CIDR block WAF accepts. Fix: use a.b.c.d/n (n 1-32, no host bits set) or an IPv6 block such as 2001:db8::/32.',
    );
    expect(birdAgentConfigError((c) => (c.edge.wafAllowedIps = ['192.0.2.0/24', '192.0.2.0/24']))).toBe('Invalid configuration for bird-agent/dev: edge.wafAllowedIps = "192.0.2.0/24" is listed twice. Fix: list each block once.');
    expect(birdAgentConfigError((c) => (c.edge.apiFailover.subdomain = 'API'))).toBe(
      'Invalid configuration for bird-agent/dev: edge.apiFailover.subdomain = "API" is not a single lower-case DNS label. Fix: use for example api, api-east and api-west.',
    );
    expect(birdAgentConfigError((c) => (c.edge.apiFailover.subdomain = 'api-west'))).toBe(
      'Invalid configuration for bird-agent/dev: edge.apiFailover = "api-west, api-east, api-west" names a subdomain twice. Fix: give the public name and the two regional endpoints three different subdomains.',
    );
  });
});

describe('bird-agent edge: Route 53', () => {
  test('prod: api-east and api-west alias the compute layer\'s regional custom domains', () => {
    const records = Object.fromEntries(all(edge('prod'), 'aws_route53_record').filter((r) => !r.set_identifier).map((r) => [r.name, r]));
    expect(records[`api-east.${PROD_DOMAIN}`]).toEqual({
      zone_id: remote('network', 'hosted_zone_id'),
      name: `api-east.${PROD_DOMAIN}`,
      type: 'A',
      alias: { name: remote('compute', 'rest_api_regional_domain_name'), zone_id: remote('compute', 'rest_api_regional_zone_id'), evaluate_target_health: true },
    });
    expect(records[`api-west.${PROD_DOMAIN}`].alias).toEqual({ name: remote('compute', 'dr_rest_api_regional_domain_name'), zone_id: remote('compute', 'dr_rest_api_regional_zone_id'), evaluate_target_health: true });
  });

  test('prod: api.<domain> is a custom domain of each region\'s stage, with its regional certificate', () => {
    const json = edge('prod');
    expect(all(json, 'aws_api_gateway_domain_name').map((d) => [d.domain_name, d.regional_certificate_arn, d.security_policy, d.endpoint_configuration.types, d.provider ?? 'default'])).toEqual([
      [`api.${PROD_DOMAIN}`, remote('network', 'certificate_arn'), 'TLS_1_2', ['REGIONAL'], 'default'],
      [`api.${PROD_DOMAIN}`, remote('network', 'dr_certificate_arn'), 'TLS_1_2', ['REGIONAL'], 'aws.us_west_2'],
    ]);
    expect(all(json, 'aws_api_gateway_base_path_mapping').map((m) => [m.api_id, m.stage_name, m.base_path ?? '(root)'])).toEqual([
      [remote('compute', 'rest_api_id'), remote('compute', 'rest_api_stage_name'), '(root)'],
      [remote('compute', 'dr_rest_api_id'), remote('compute', 'dr_rest_api_stage_name'), '(root)'],
    ]);
  });

  test('prod: failover records PRIMARY (us-east-1) and SECONDARY (us-west-2), each with a health check on its region\'s alarm', () => {
    const json = edge('prod');
    const failover = all(json, 'aws_route53_record').filter((r) => r.set_identifier);
    const domains = resourcesOf(json, 'aws_api_gateway_domain_name');
    const domainRef = (provider: string | undefined, attr: string) => `\${aws_api_gateway_domain_name.${domains.find(([, d]) => d.provider === provider)![0]}.${attr}}`;
    expect(failover.map((r) => [r.name, r.type, r.failover_routing_policy.type, r.alias.name])).toEqual([
      [`api.${PROD_DOMAIN}`, 'A', 'PRIMARY', domainRef(undefined, 'regional_domain_name')],
      [`api.${PROD_DOMAIN}`, 'A', 'SECONDARY', domainRef('aws.us_west_2', 'regional_domain_name')],
    ]);
    const checks = resourcesOf(json, 'aws_route53_health_check');
    expect(checks.map(([, c]) => [c.type, c.cloudwatch_alarm_name, c.cloudwatch_alarm_region])).toEqual([
      ['CLOUDWATCH_METRIC', ref(json, 'aws_cloudwatch_metric_alarm', (a) => a.alarm_name === 'bird-agent-prod-api-east-health', 'alarm_name'), 'us-east-1'],
      ['CLOUDWATCH_METRIC', ref(json, 'aws_cloudwatch_metric_alarm', (a) => a.alarm_name === 'bird-agent-prod-api-west-health', 'alarm_name'), 'us-west-2'],
    ]);
    expect(failover.map((r) => r.health_check_id)).toEqual(checks.map(([name]) => `\${aws_route53_health_check.${name}.id}`));
  });

  test('prod: each region is healthy while its ALB has a healthy conversation-manager target (the 30 s x 3 target group check), judged over 3 minutes', () => {
    const json = edge('prod');
    const east = alarm(json, 'bird-agent-prod-api-east-health');
    expect(east).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HealthyHostCount',
      dimensions: { LoadBalancer: remote('compute', 'alb_arn_suffix'), TargetGroup: remote('compute', 'conversation_manager_target_group_arn_suffix') },
      statistic: 'Minimum',
      period: 60,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
      alarm_actions: CRITICAL,
    });
    const west = alarm(json, 'bird-agent-prod-api-west-health');
    expect(west).toMatchObject({ provider: 'aws.us_west_2', dimensions: { LoadBalancer: remote('compute', 'dr_alb_arn_suffix'), TargetGroup: remote('compute', 'dr_conversation_manager_target_group_arn_suffix') }, period: 60, evaluation_periods: 3 });
    // Alarm actions reach same-region topics only: the standby's warns through the DR region's topic.
    expect(west).toMatchObject({ alarm_actions: [remote('network', 'dr_warning_alerts_topic_arn')], ok_actions: [remote('network', 'dr_warning_alerts_topic_arn')] });
  });

  test('dev: api-east and api.<domain> (a simple alias to its own custom domain); no failover, no health checks', () => {
    const json = edge('dev');
    const records = all(json, 'aws_route53_record');
    expect(records.map((r) => [r.name, r.set_identifier ?? null])).toEqual([
      ['api.dev.agent.bird-partner.example.com', null],
      ['api-east.dev.agent.bird-partner.example.com', null],
    ]);
    expect(records[0].alias.name).toBe(ref(json, 'aws_api_gateway_domain_name', () => true, 'regional_domain_name'));
    expect(resourcesOf(json, 'aws_route53_health_check')).toEqual([]);
  });
});

describe('bird-agent edge: alarms', () => {
  test('HighErrorRate: (4XX + 5XX) / requests of the stage above 5 % for 2 x 5 minutes (metric math), critical', () => {
    const a = alarm(edge('prod'), 'bird-agent-prod-HighErrorRate');
    const dims = { ApiName: remote('compute', 'rest_api_name'), Stage: remote('compute', 'rest_api_stage_name') };
    expect(a.metric_query).toEqual([
      { id: 'errors4xx', metric: { namespace: 'AWS/ApiGateway', metric_name: '4XXError', dimensions: dims, stat: 'Sum', period: 300 }, return_data: false },
      { id: 'errors5xx', metric: { namespace: 'AWS/ApiGateway', metric_name: '5XXError', dimensions: dims, stat: 'Sum', period: 300 }, return_data: false },
      { id: 'requests', metric: { namespace: 'AWS/ApiGateway', metric_name: 'Count', dimensions: dims, stat: 'Sum', period: 300 }, return_data: false },
      { id: 'rate', expression: 'IF(requests >= 10, 100 * (FILL(errors4xx, 0) + FILL(errors5xx, 0)) / requests, 0)', label: '4XX + 5XX (% of requests)', return_data: true },
    ]);
    expect(a).toMatchObject({ threshold: 5, comparison_operator: 'GreaterThanThreshold', evaluation_periods: 2, datapoints_to_alarm: 2, alarm_actions: CRITICAL, ok_actions: CRITICAL });
  });

  test('HighLatency: p95 of Latency above 10 s (10000 ms) for 2 x 5 minutes, critical', () => {
    expect(alarm(edge('prod'), 'bird-agent-prod-HighLatency')).toMatchObject({
      namespace: 'AWS/ApiGateway',
      metric_name: 'Latency',
      extended_statistic: 'p95',
      period: 300,
      evaluation_periods: 2,
      threshold: 10000,
      comparison_operator: 'GreaterThanThreshold',
      alarm_actions: CRITICAL,
    });
  });

  test('DatabaseConnectionFailure: writer connections under 1 for 3 x 1 minute, critical, and the seed\'s "Restart RDS" through SSM Automation', () => {
    const json = edge('prod');
    const a = alarm(json, 'bird-agent-prod-DatabaseConnectionFailure');
    expect(a).toMatchObject({
      namespace: 'AWS/RDS',
      metric_name: 'DatabaseConnections',
      dimensions: { DBClusterIdentifier: remote('data', 'aurora_cluster_identifier'), Role: 'WRITER' },
      statistic: 'Maximum',
      period: 60,
      evaluation_periods: 3,
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
      alarm_actions: CRITICAL,
    });
    const [rule] = all(json, 'aws_cloudwatch_event_rule');
    expect(rule.name).toBe('bird-agent-prod-db-reboot');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.cloudwatch'],
      'detail-type': ['CloudWatch Alarm State Change'],
      resources: [ref(json, 'aws_cloudwatch_metric_alarm', (x) => x.alarm_name === 'bird-agent-prod-DatabaseConnectionFailure', 'arn')],
      detail: { state: { value: ['ALARM'] } },
    });
    const [target] = all(json, 'aws_cloudwatch_event_target');
    expect(target.arn).toBe('arn:aws:ssm:us-east-1:801000000003:automation-definition/AWS-RebootRdsInstance:$DEFAULT');
    expect(parsed(target.input).InstanceId).toEqual([remote('data', 'aurora_writer_instance_identifier')]);
    const automation = all(json, 'aws_iam_role_policy').map((p) => parsed(p.policy)).find((p) => p.Statement[0].Sid === 'RebootThisInstance')!;
    expect(automation.Statement[0].Resource).toBe(`arn:aws:rds:us-east-1:801000000003:db:${remote('data', 'aurora_writer_instance_identifier')}`);
  });

  test('HighCPUUtilization (> 80 %) and HighMemoryUtilization (> 85 %) per ECS service for 2 x 10 minutes, warning', () => {
    const json = edge('dev');
    for (const [service, output] of [['conversation-manager', 'conversation_manager_service_name'], ['multimodal-processor', 'multimodal_processor_service_name']]) {
      for (const [name, metric, threshold] of [['HighCPUUtilization', 'CPUUtilization', 80], ['HighMemoryUtilization', 'MemoryUtilization', 85]] as const) {
        expect(alarm(json, `bird-agent-dev-${name}-${service}`)).toMatchObject({
          namespace: 'AWS/ECS',
          metric_name: metric,
          dimensions: { ClusterName: remote('compute', 'ecs_cluster_name'), ServiceName: remote('compute', output) },
          statistic: 'Average',
          period: 600,
          evaluation_periods: 2,
          threshold,
          comparison_operator: 'GreaterThanThreshold',
          alarm_actions: WARNING,
          ok_actions: WARNING,
        });
      }
    }
  });

  test('DiskSpaceUsage: FreeLocalStorage of writer and readers under 20 % of the class\'s local storage (db.r6g.large: 32 GiB), 1 x 5 minutes, warning', () => {
    expect(auroraLocalStorageBytes('db.r6g.large')).toBe(32 * 2 ** 30);
    for (const [role, label] of [['WRITER', 'writer'], ['READER', 'readers']]) {
      expect(alarm(edge('prod'), `bird-agent-prod-DiskSpaceUsage-${label}`)).toMatchObject({
        namespace: 'AWS/RDS',
        metric_name: 'FreeLocalStorage',
        dimensions: { DBClusterIdentifier: remote('data', 'aurora_cluster_identifier'), Role: role },
        statistic: 'Minimum',
        period: 300,
        evaluation_periods: 1,
        threshold: Math.floor(32 * 2 ** 30 * 0.2),
        comparison_operator: 'LessThanThreshold',
        alarm_actions: WARNING,
      });
    }
    // dev's db.t4g.medium has 8.13 GiB.
    expect(alarm(edge('dev'), 'bird-agent-dev-DiskSpaceUsage-writer').threshold).toBe(Math.floor(Math.floor(8.13 * 2 ** 30) * 0.2));
  });
});

describe('bird-agent edge: dashboards', () => {
  const dashboards = (env: EnvName) => Object.fromEntries(all(edge(env), 'aws_cloudwatch_dashboard').map((d) => [d.dashboard_name, JSON.parse(d.dashboard_body)]));
  const titles = (body: Json) => body.widgets.filter((w: Json) => w.type !== 'text').map((w: Json) => w.properties.title);

  test('BirdAgent-Overview, -Performance and -Infrastructure per environment with the seed\'s widgets', () => {
    const boards = dashboards('prod');
    expect(Object.keys(boards).sort()).toEqual(['bird-agent-prod-BirdAgent-Infrastructure', 'bird-agent-prod-BirdAgent-Overview', 'bird-agent-prod-BirdAgent-Performance']);
    expect(titles(boards['bird-agent-prod-BirdAgent-Overview'])).toEqual([
      'API Gateway requests and latency',
      'ECS service CPU and memory utilization (%)',
      'Lambda invocations and errors',
      'Database connections',
      'Database query performance: read / write / commit latency (s), DB load',
    ]);
    expect(titles(boards['bird-agent-prod-BirdAgent-Performance'])).toEqual(['Response time percentiles', 'Throughput', 'Custom metrics (BirdAgent)', 'Error rates by service (%)', 'Cost analysis: estimated charges this month (USD)']);
    expect(titles(boards['bird-agent-prod-BirdAgent-Infrastructure'])).toEqual([
      'VPC flow logs: bytes and flows by action',
      'VPC flow logs: top rejected sources',
      'NAT gateway bandwidth (bytes)',
      'Load balancer',
      "Auto scaling activity: ECS tasks, Aurora readers' CPU, configurations table capacity",
    ]);
  });

  test('widgets chart the upstream resources: the stage, every function, the flow logs, the BirdAgent namespace', () => {
    const boards = dashboards('dev');
    const overview = JSON.stringify(boards['bird-agent-dev-BirdAgent-Overview']);
    expect(overview).toContain(JSON.stringify(['AWS/ApiGateway', 'Count', 'ApiName', remote('compute', 'rest_api_name'), 'Stage', remote('compute', 'rest_api_stage_name'), { stat: 'Sum', label: 'requests' }]));
    for (const fn of ['event_processor', 'multimodal_analysis', 'content_classifier', 'image_analyzer', 'text_extractor', 'metadata_enricher', 'results_aggregator']) expect(overview).toContain(remote('compute', `${fn}_function_name`));
    const performance = boards['bird-agent-dev-BirdAgent-Performance'];
    expect(JSON.stringify(performance)).toContain(`SEARCH('Namespace=\\"BirdAgent\\"', 'Sum', 300)`);
    // Queue and stream names from their URL and ARN with basename(): no quotes inside the interpolation, so the body is JSON as written.
    expect(JSON.stringify(performance)).toContain(JSON.stringify(['AWS/SQS', 'NumberOfMessagesReceived', 'QueueName', '${basename(data.terraform_remote_state.compute.outputs.message_processing_queue_url)}', { label: 'message-processing messages' }]));
    expect(JSON.stringify(performance)).toContain('"StreamName","${basename(data.terraform_remote_state.compute.outputs.analytics_stream_arn)}"');
    const cost = performance.widgets.find((w: Json) => w.properties?.title?.startsWith('Cost'));
    expect(cost.properties.region).toBe('us-east-1');
    const flow = boards['bird-agent-dev-BirdAgent-Infrastructure'].widgets.find((w: Json) => w.type === 'log');
    expect(flow.properties.query).toBe(`SOURCE '${remote('network', 'flow_log_group_name')}' | stats sum(bytes) as totalBytes, count(*) as flows by action | sort totalBytes desc`);
  });
});

describe('bird-agent edge: contract, log groups, policy and plan', () => {
  test('publishes the web ACL, the API URL, the health checks (prod), the dashboards and the alarms with realistic samples', () => {
    const stack = birdAgentStacks('prod', 'edge').edge;
    const samples = Object.fromEntries(stack.contract.map((o) => [o.name, o.sample]));
    expect(samples.web_acl_arn).toMatch(/^arn:aws:wafv2:us-east-1:801000000003:regional\/webacl\/bird-agent-prod-waf\/[0-9a-f-]{36}$/);
    expect(samples.dr_web_acl_arn).toMatch(/^arn:aws:wafv2:us-west-2:801000000003:regional\/webacl\/bird-agent-prod-waf\//);
    expect(samples.api_url).toBe(`https://api.${PROD_DOMAIN}`);
    expect(samples.primary_health_check_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(samples.overview_dashboard_name).toBe('bird-agent-prod-BirdAgent-Overview');
    expect(samples.custom_metrics_namespace).toBe('BirdAgent');
    expect(samples.high_error_rate_alarm_arn).toBe('arn:aws:cloudwatch:us-east-1:801000000003:alarm:bird-agent-prod-HighErrorRate');
    expect(stack.dependencies.map((d) => d.node.id).sort()).toEqual(['bird-agent-prod-compute', 'bird-agent-prod-data', 'bird-agent-prod-network']);
    const dev = birdAgentStacks('dev', 'edge').edge.contract.map((o) => o.name);
    expect(dev).not.toContain('primary_health_check_id');
    expect(dev).not.toContain('dr_web_acl_arn');
  });

  test('the seed\'s log groups are the compute layer\'s, with the seed\'s retentions', () => {
    const groups = Object.fromEntries(all(synthJson(birdAgentStacks('dev', 'compute').compute), 'aws_cloudwatch_log_group').map((g) => [g.name, g.retention_in_days]));
    expect(groups['/aws/ecs/bird-agent-dev-cluster']).toBe(30);
    expect(groups['/aws/lambda/bird-agent-dev-event-processor']).toBe(14);
    expect(groups['/aws/apigateway/bird-agent-dev-api']).toBe(30);
    expect(groups['/aws/stepfunctions/bird-agent-dev-multimodal-analysis']).toBe(7);
  });

  test.each(['dev', 'prod'] as const)('policy pack (%s): no finding in the edge stack, and the REST API stage(s) now have the WAF (compute APIG-02 resolved)', (env) => {
    const stacks = birdAgentStacks(env, 'edge');
    const report = evaluate(Object.values(stacks).map((s) => ({ name: s.node.id, json: synthJson(s) })));
    expect(report.stacks.find((s) => s.stack === `bird-agent-${env}-edge`)!.findings).toEqual([]);
    expect(report.stacks.find((s) => s.stack === `bird-agent-${env}-compute`)!.findings.filter((f) => f.ruleId === 'APIG-02')).toEqual([]);
  });

  test.each(['dev', 'prod'] as const)('terraform validates and plans the %s edge stack offline', (env) => {
    const stacks = birdAgentStacks(env, 'edge');
    expect(expectOfflinePlan(synthJson(stacks.edge), Object.values(stacks).filter((s) => s !== stacks.edge))).not.toMatch(/Warning/);
  }, 300_000);
});
