import { Testing } from 'cdktf';
import { bidopsBlueprint } from '../../../stacks/bidops';
import { BidopsEdgeStack } from '../../../stacks/bidops/edge';
import { buildLayers } from '../../../src/app/build-app';
import { AccountBaseline } from '../../../src/config/baseline';
import { LayerGraph } from '../../../src/core/layer-graph';
import { EnvName } from '../../../src/core/names';
import { DEFAULT_STATE, Json, PLATFORM, bidopsConfig, bidopsStacks, parsed, resourcesOf, synthJson } from '../../helpers';

/** The edge stack of `env` (built after every layer it reads, through the blueprint). */
function buildEdge(env: EnvName, change?: (draft: any) => void): BidopsEdgeStack {
  return bidopsStacks(env, 'edge', change).edge as BidopsEdgeStack;
}

const synths = new Map<EnvName, Json>();
function edge(env: EnvName): Json {
  if (!synths.has(env)) synths.set(env, synthJson(buildEdge(env)));
  return synths.get(env)!;
}

describe('BidopsEdgeStack (bidops)', () => {
  test('throws a clear error when compute is missing', () => {
    expect(buildEdge('dev').dependencies.map((d) => d.node.id)).toEqual(['bidops-dev-network', 'bidops-dev-compute']);
    const graph = new LayerGraph('bidops', bidopsBlueprint.layers);
    const config = bidopsConfig('dev');
    const withoutCompute = { blueprint: bidopsBlueprint, graph, config, baseline: AccountBaseline.sole(config), layers: ['network' as const, 'edge' as const] };
    expect(() => buildLayers(Testing.app(), withoutCompute, DEFAULT_STATE, PLATFORM)).toThrow(/edge reads compute, which is not built before it/);
  });

  test('app and api are A aliases to the external ALB (zone ID from compute); www is a CNAME of app', () => {
    const records = resourcesOf(edge('prod'), 'aws_route53_record').map(([, r]) => r);
    const byName = Object.fromEntries(records.map((r) => [r.name, r]));
    for (const name of ['app.bidops.ai', 'api.bidops.ai']) {
      expect(byName[name].type).toBe('A');
      expect(byName[name].alias.name).toContain('external_alb_dns_name');
      expect(byName[name].alias.zone_id).toContain('external_alb_zone_id');
      expect(byName[name].alias.evaluate_target_health).toBe(true);
      expect(byName[name].zone_id).toContain('hosted_zone_id');
    }
    expect(byName['www.bidops.ai']).toMatchObject({ type: 'CNAME', records: ['app.bidops.ai'] });
  });

  test('HTTPS health check on https://app.<domain>/health every 30s, 3 failures', () => {
    const [[, check]] = resourcesOf(edge('dev'), 'aws_route53_health_check');
    expect(check).toMatchObject({ type: 'HTTPS', fqdn: 'app.dev.bidops.ai', resource_path: '/health', port: 443, request_interval: 30, failure_threshold: 3 });
  });

  test('WAF: REGIONAL, default allow, the seed 8 rules in the seed order with metrics on', () => {
    const [[, acl]] = resourcesOf(edge('prod'), 'aws_wafv2_web_acl');
    expect(acl.scope).toBe('REGIONAL');
    expect(acl.default_action).toEqual({ allow: {} });
    expect(acl.visibility_config.cloudwatch_metrics_enabled).toBe(true);
    const rules = [...acl.rule].sort((a: Json, b: Json) => a.priority - b.priority);
    expect(rules.map((r: Json) => `${r.priority} ${r.name}`)).toEqual([
      '1 AWSManagedRulesCommonRuleSet',
      '2 AWSManagedRulesKnownBadInputsRuleSet',
      '3 AWSManagedRulesSQLiRuleSet',
      '4 AWSManagedRulesLinuxRuleSet',
      '5 RateLimitRule',
      '6 GeoBlockingRule',
      '7 AWSManagedRulesAmazonIpReputationList',
      '8 AWSManagedRulesBotControlRuleSet',
    ]);
    for (const r of rules) expect(r.visibility_config).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
    expect(rules[4].statement.rate_based_statement[0]).toMatchObject({ limit: 2000, aggregate_key_type: 'IP', evaluation_window_sec: 300 });
    expect(rules[4].action).toEqual({ block: {} });
    expect(rules[5].statement.geo_match_statement[0].country_codes).toEqual(['CN', 'RU', 'KP']);
    const bot = rules[7].statement.managed_rule_group_statement[0];
    expect(bot.rule_action_override).toEqual([{ name: 'SignalNonBrowserUserAgent', action_to_use: [{ count: [{}] }] }]);
    for (const r of rules.filter((x: Json) => x.statement.managed_rule_group_statement)) expect(r.override_action).toEqual({ none: {} });
  });

  test('WAF is associated with the external ALB and logs to aws-waf-logs-<prefix> with retention and KMS', () => {
    const json = edge('dev');
    const [[, association]] = resourcesOf(json, 'aws_wafv2_web_acl_association');
    expect(association.resource_arn).toContain('external_alb_arn');
    const [[groupId, group]] = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(group.name).toBe('aws-waf-logs-bidops-dev');
    expect(group.retention_in_days).toBe(30);
    expect(group.kms_key_id).toContain('logs_kms_key_arn');
    const [[, logging]] = resourcesOf(json, 'aws_wafv2_web_acl_logging_configuration');
    expect(logging.log_destination_configs).toEqual([`\${aws_cloudwatch_log_group.${groupId}.arn}`]);
  });

  test('Shield Advanced is opt-in (off by default, on with edge.enableShieldAdvanced)', () => {
    expect(resourcesOf(edge('prod'), 'aws_shield_protection')).toEqual([]);
    const json = synthJson(buildEdge('prod', (c) => (c.edge.enableShieldAdvanced = true)));
    const [[, protection]] = resourcesOf(json, 'aws_shield_protection');
    expect(protection.resource_arn).toContain('external_alb_arn');
  });

  test('alarms: WAF blocked requests > 100/minute, geo/rate rule triggers, failing health check', () => {
    const alarms = resourcesOf(edge('dev'), 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
    const blocked = alarms.find((a) => a.alarm_name === 'bidops-dev-waf-high-blocked-requests')!;
    expect(blocked).toMatchObject({ namespace: 'AWS/WAFV2', metric_name: 'BlockedRequests', threshold: 100, period: 60 });
    expect(blocked.dimensions).toEqual({ WebACL: 'bidops-dev-web-acl', Region: 'us-east-1', Rule: 'ALL' });
    expect(blocked.alarm_actions[0]).toContain('warning_alerts_topic_arn');
    expect(alarms.map((a) => a.dimensions.Rule).filter(Boolean).sort()).toEqual(['ALL', 'GeoBlockingRule', 'RateLimitRule']);
    const health = alarms.find((a) => a.namespace === 'AWS/Route53')!;
    expect(health.alarm_actions[0]).toContain('critical_alerts_topic_arn');
  });

  test('dashboards operations/business/security reference the ALB and target groups by arn suffix and the services by name', () => {
    const dashboards = Object.fromEntries(resourcesOf(edge('dev'), 'aws_cloudwatch_dashboard').map(([, d]) => [d.dashboard_name, parsed(d.dashboard_body)]));
    expect(Object.keys(dashboards).sort()).toEqual(['bidops-dev-business', 'bidops-dev-operations', 'bidops-dev-security']);
    const ops = JSON.stringify(dashboards['bidops-dev-operations']);
    for (const ref of ['external_alb_arn_suffix', 'frontend_target_group_arn_suffix', 'frontend_service_name', 'backend_service_name', 'ecs_cluster_name', 'HTTPCode_ELB_5XX_Count', 'TargetResponseTime', 'CPUUtilization', 'MemoryUtilization']) {
      expect(ops).toContain(ref);
    }
    const security = JSON.stringify(dashboards['bidops-dev-security']);
    expect(security).toContain('BlockedRequests');
    expect(security).toContain('GeoBlockingRule');
    expect(JSON.stringify(dashboards['bidops-dev-business'])).toContain('Projects/Created');
  });

  test('publishes the documented outputs', () => {
    const outputs = edge('dev').output;
    for (const name of ['web_acl_arn', 'web_acl_id', 'app_fqdn', 'api_fqdn', 'health_check_id']) expect(outputs[name].description).toBeTruthy();
    expect(outputs.app_fqdn.value).toBe('app.dev.bidops.ai');
  });
});
