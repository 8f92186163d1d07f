import { EnvName } from '../../../src/core/names';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { partnerConfigError, partnerStacks } from './helpers';

const cache = new Map<string, Json>();
const layer = (env: EnvName, name: 'ai' | 'edge'): Json => {
  const key = `${env}/${name}`;
  if (!cache.has(key)) cache.set(key, synthJson(partnerStacks(env, name)[name]));
  return cache.get(key)!;
};
const only = (json: Json, type: string) => resourcesOf(json, type).map(([, r]) => r);

describe('partner-mgmt ai', () => {
  test('the orchestrator agent: Nova Premier through its US profile, guardrail, knowledge base, idle TTL, KMS', () => {
    const agent = only(layer('prod', 'ai'), 'aws_bedrockagent_agent')[0];
    expect(agent).toMatchObject({ agent_name: 'partner-mgmt-prod-orchestrator', foundation_model: 'us.amazon.nova-premier-v1:0', idle_session_ttl_in_seconds: 900 });
    expect(agent.instruction).toContain('Opportunity Analysis Orchestrator');
    expect(agent.guardrail_configuration).toEqual([expect.objectContaining({ guardrail_identifier: expect.stringContaining('aws_bedrock_guardrail') })]);
    expect(only(layer('prod', 'ai'), 'aws_bedrockagent_agent_knowledge_base_association')).toHaveLength(1);
  });

  test('four action groups, each on its function\'s live alias, each with a Lambda permission scoped to the agent', () => {
    const json = layer('dev', 'ai');
    const groups = only(json, 'aws_bedrockagent_agent_action_group');
    expect(groups.map((g) => g.action_group_name).sort()).toEqual(['data-analysis', 'follow-on-analysis', 'funding-analysis', 'query-generation']);
    const executor = (name: string) => groups.find((g) => g.action_group_name === name)!.action_group_executor[0].lambda;
    expect(executor('data-analysis')).toBe('${data.terraform_remote_state.compute.outputs.data_retrieval_function_alias_arn}');
    expect(executor('query-generation')).toBe('${data.terraform_remote_state.compute.outputs.query_generation_function_alias_arn}');
    for (const group of groups) expect(JSON.parse(group.api_schema[0].payload).openapi).toBe('3.0.0');
    const permissions = only(json, 'aws_lambda_permission');
    expect(permissions).toHaveLength(4);
    for (const p of permissions) expect(p).toMatchObject({ principal: 'bedrock.amazonaws.com', qualifier: 'live', source_arn: expect.stringContaining('aws_bedrockagent_agent') });
  });

  test('one alias per environment, named after it', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) expect(only(layer(env, 'ai'), 'aws_bedrockagent_agent_alias')[0].agent_alias_name).toBe(env);
  });

  test('prompt templates with a baseline and a candidate variant (A/B), each published as a version', () => {
    const json = layer('staging', 'ai');
    const prompts = only(json, 'aws_bedrockagent_prompt');
    expect(prompts.map((p) => p.name).sort()).toEqual(['partner-mgmt-staging-opportunity-summary', 'partner-mgmt-staging-sql-generation']);
    for (const p of prompts) {
      expect(p.variant.map((v: Json) => v.name).sort()).toEqual(['baseline', 'candidate']);
      expect(p.default_variant).toBe('baseline');
    }
    expect(only(json, 'aws_cloudcontrolapi_resource').filter((r) => r.type_name === 'AWS::Bedrock::PromptVersion')).toHaveLength(2);
    const share = only(json, 'aws_ssm_parameter').find((p) => p.name.endsWith('/prompt-candidate-percent'))!;
    expect(share.value).toBe('50');
  });

  test('the orchestrator may invoke exactly this alias; its IDs are in SSM in every region it runs in', () => {
    const json = layer('prod', 'ai');
    const grants = only(json, 'aws_iam_role_policy');
    const orchestrator = grants.find((g) => g.role === '${data.terraform_remote_state.compute.outputs.opportunity_analysis_function_role_name}')!;
    const invoke = parsed(orchestrator.policy).Statement.find((s: Json) => s.Sid === 'InvokeTheOrchestratorAlias');
    expect(invoke.Resource).toEqual([expect.stringContaining('aws_bedrockagent_agent_alias')]);
    expect(grants.some((g) => g.role === '${data.terraform_remote_state.compute.outputs.dr_opportunity_analysis_function_role_name}')).toBe(true);
    const params = only(json, 'aws_ssm_parameter').filter((p) => p.name === '/partner-mgmt/prod/agent/alias-arn');
    expect(params.map((p) => p.provider ?? 'primary').sort()).toEqual(['aws.us_west_2', 'primary']);
  });

  test('bad ai config is one clear line', () => {
    expect(partnerConfigError((c) => (c.ai.agentIdleSessionTtlSeconds = 30))).toContain('ai.agentIdleSessionTtlSeconds = 30 is outside the 60-3600 seconds Bedrock agents accept');
    expect(partnerConfigError((c) => (c.ai.promptCandidatePercent = 120))).toContain('ai.promptCandidatePercent = 120 is not a percentage from 0 to 100');
  });
});

describe('partner-mgmt edge', () => {
  test('the dashboard on CloudFront: private S3 origin, /api/* to the failover name with the key injected, WAF, certificate', () => {
    const json = layer('prod', 'edge');
    const distribution = only(json, 'aws_cloudfront_distribution')[0];
    expect(distribution.aliases).toEqual(['dashboard.partners.example.com']);
    const api = distribution.ordered_cache_behavior.find((b: Json) => b.path_pattern === '/api/*');
    expect(api.viewer_protocol_policy).toBe('redirect-to-https');
    const origin = distribution.origin.find((o: Json) => o.domain_name === 'api.partners.example.com');
    expect(origin.custom_header).toEqual([{ name: 'x-api-key', value: '${data.terraform_remote_state.compute.outputs.dashboard_api_key_value}' }]);
    expect(distribution.web_acl_id).toContain('aws_wafv2_web_acl');
    expect(only(json, 'aws_wafv2_web_acl')[0].scope).toBe('CLOUDFRONT');
  });

  test('api.<domain> fails over from us-east-1 to us-west-2 in prod on health alarms; a plain alias elsewhere', () => {
    const json = layer('prod', 'edge');
    const failover = only(json, 'aws_route53_record').filter((r) => r.failover_routing_policy);
    expect(failover.map((r) => r.failover_routing_policy.type).sort()).toEqual(['PRIMARY', 'SECONDARY']);
    const checks = only(json, 'aws_route53_health_check');
    expect(checks.map((c) => [c.type, c.cloudwatch_alarm_region]).sort()).toEqual([['CLOUDWATCH_METRIC', 'us-east-1'], ['CLOUDWATCH_METRIC', 'us-west-2']]);
    // Each health alarm notifies a topic of its own region: the primary's pages, the standby's warns.
    const health = only(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.alarm_name.endsWith('-service-health'));
    expect(health.map((a) => [a.provider ?? 'primary', a.alarm_actions[0]]).sort()).toEqual([
      ['aws.us_west_2', '${data.terraform_remote_state.network.outputs.dr_warning_alerts_topic_arn}'],
      ['primary', '${data.terraform_remote_state.network.outputs.critical_alerts_topic_arn}'],
    ]);
    const domains = only(json, 'aws_api_gateway_domain_name');
    expect(domains.map((d) => [d.domain_name, d.security_policy, d.provider ?? 'primary']).sort()).toEqual([
      ['api.partners.example.com', 'TLS_1_2', 'aws.us_west_2'],
      ['api.partners.example.com', 'TLS_1_2', 'primary'],
    ]);
    expect(only(layer('dev', 'edge'), 'aws_route53_health_check')).toEqual([]);
    expect(only(layer('dev', 'edge'), 'aws_route53_record').find((r) => r.name === 'api.dev.partners.example.com')!.alias).toBeDefined();
  });

  test('the seed\'s alarms: API 5XX rate (critical), p95/p99 latency, throttles, DLQ depth, DynamoDB throttles (warning)', () => {
    const alarms = only(layer('staging', 'edge'), 'aws_cloudwatch_metric_alarm');
    const byName = (suffix: string) => alarms.filter((a) => a.alarm_name.endsWith(suffix));
    expect(byName('-api-5xx-rate')[0].alarm_actions).toEqual(['${data.terraform_remote_state.network.outputs.critical_alerts_topic_arn}']);
    expect(byName('-api-latency-p99')[0]).toMatchObject({ extended_statistic: 'p99', threshold: 5000 });
    expect(byName('-api-latency-p95')[0]).toMatchObject({ extended_statistic: 'p95', threshold: 2000 });
    expect(byName('-throttles')).toHaveLength(7 + 3);
    expect(byName('-dlq-depth')).toHaveLength(7 + 2);
    expect(byName('-opportunity-analysis-duration-p99')[0].threshold).toBe(720000);
    for (const a of alarms) expect(a.alarm_actions).toHaveLength(1);
    expect(only(layer('staging', 'edge'), 'aws_cloudwatch_dashboard').map((d) => d.dashboard_name).sort()).toEqual(['partner-mgmt-staging-business', 'partner-mgmt-staging-operations']);
  });
});
