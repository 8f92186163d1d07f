import { PARTNER_FUNCTIONS, PARTNER_FUNCTION_NAMES } from '../../../src/config/systems/partner-mgmt/functions';
import { EnvName } from '../../../src/core/names';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { partnerConfigError, partnerStacks } from './helpers';

const synths = new Map<EnvName, Json>();
const compute = (env: EnvName): Json => {
  if (!synths.has(env)) synths.set(env, synthJson(partnerStacks(env, 'compute').compute));
  return synths.get(env)!;
};
const primary = (json: Json, type: string) => resourcesOf(json, type).filter(([, r]) => r.provider === undefined).map(([, r]) => r);


describe('partner-mgmt compute', () => {
  test('the seed\'s functions with their timeout and memory, arm64, Node.js 22 (18.x is deprecated), X-Ray, in the VPC', () => {
    const json = compute('staging');
    const functions = primary(json, 'aws_lambda_function');
    expect(functions.map((f) => f.function_name).sort()).toEqual(PARTNER_FUNCTION_NAMES.map((n) => `partner-mgmt-staging-${n}`).sort());
    for (const name of PARTNER_FUNCTION_NAMES) {
      const f = functions.find((x) => x.function_name === `partner-mgmt-staging-${name}`)!;
      expect([f.timeout, f.memory_size]).toEqual([PARTNER_FUNCTIONS[name].timeoutSeconds, PARTNER_FUNCTIONS[name].memoryMb]);
      expect(f).toMatchObject({ architectures: ['arm64'], runtime: 'nodejs22.x', tracing_config: { mode: 'Active' }, reserved_concurrent_executions: 10, publish: true });
      expect(f.vpc_config.subnet_ids).toBe('${data.terraform_remote_state.network.outputs.private_app_subnet_ids}');
      expect(f.layers).toHaveLength(1);
    }
    const seed = Object.fromEntries(functions.map((f) => [f.function_name.replace('partner-mgmt-staging-', ''), [f.timeout, f.memory_size]]));
    expect(seed).toMatchObject({ 'opportunity-analysis': [900, 1024], 'query-generation': [300, 512], 'data-retrieval': [600, 1024], 'funding-analysis': [300, 512], 'follow-on-analysis': [600, 1024] });
  });

  test('live aliases, provisioned concurrency on the orchestrator in prod only, and failures to a dead-letter queue', () => {
    expect(primary(compute('prod'), 'aws_lambda_alias').map((a) => a.name)).toEqual(PARTNER_FUNCTION_NAMES.map(() => 'live'));
    const provisioned = primary(compute('prod'), 'aws_lambda_provisioned_concurrency_config');
    expect(provisioned).toHaveLength(1);
    expect(provisioned[0].function_name).toContain('fn-opportunity-analysis');
    expect(primary(compute('staging'), 'aws_lambda_provisioned_concurrency_config')).toEqual([]);
    for (const config of primary(compute('dev'), 'aws_lambda_function_event_invoke_config')) {
      expect(config.destination_config.on_failure.destination).toMatch(/aws_sqs_queue\..*dead-letter-queue/);
    }
  });

  test('least privilege per function: data-retrieval runs Athena in its workgroup only; the orchestrator cannot query Athena', () => {
    const json = compute('dev');
    const policies = primary(json, 'aws_iam_role_policy').map((p) => ({ role: p.role, statements: parsed(p.policy).Statement as Json[] }));
    const of = (name: string) => policies.filter((p) => p.role.includes(`fn-${name}_`)).flatMap((p) => p.statements);
    const athena = of('data-retrieval').find((s) => s.Sid === 'RunQueries')!;
    expect(athena.Resource).toBe('${data.terraform_remote_state.data.outputs.athena_workgroup_arn}');
    expect(of('opportunity-analysis').flatMap((s) => [].concat(s.Action))).not.toContain('athena:StartQueryExecution');
    expect(of('opportunity-analysis').find((s) => s.Sid === 'ReadTheAgentIds')!.Resource).toBe('arn:aws:ssm:us-east-1:601000000001:parameter/partner-mgmt/dev/agent/*');
    const models = of('query-generation').find((s) => s.Sid === 'InvokeTheConfiguredModels')!.Resource;
    expect(models).toEqual(expect.arrayContaining(['arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1', 'arn:aws:bedrock:us-east-1:601000000001:inference-profile/us.amazon.nova-premier-v1:0', 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-premier-v1:0']));
  });

  test('the asynchronous API: POST /analyses (validated) and GET /analyses/{jobId} on the orchestrator, GET /health; keys, usage plan, WAF', () => {
    const json = compute('prod');
    const methods = primary(json, 'aws_api_gateway_method').filter((m) => m.http_method !== 'OPTIONS');
    expect(methods.map((m) => [m.http_method, m.api_key_required]).sort()).toEqual([['GET', true], ['GET', true], ['POST', true]]);
    const post = methods.find((m) => m.http_method === 'POST')!;
    expect(post.request_validator_id).toBeDefined();
    expect(Object.values(post.request_models)).toHaveLength(1);
    const model = parsed(primary(json, 'aws_api_gateway_model')[0].schema);
    expect(model.required).toEqual(expect.arrayContaining(['customerId', 'opportunityName', 'closeDate']));
    const integrations = primary(json, 'aws_api_gateway_integration').filter((i) => i.type === 'AWS_PROXY');
    expect(integrations.filter((i) => i.uri.includes('fn-opportunity-analysis'))).toHaveLength(2);
    for (const i of integrations) expect(i.timeout_milliseconds).toBeLessThanOrEqual(29000);
    expect(primary(json, 'aws_api_gateway_usage_plan')[0]).toMatchObject({ throttle_settings: { rate_limit: 100, burst_limit: 200 }, quota_settings: { limit: 500000, period: 'MONTH' } });
    expect(primary(json, 'aws_api_gateway_api_key').map((k) => k.name).sort()).toEqual(['partner-mgmt-prod-api-dashboard', 'partner-mgmt-prod-api-partner-integrations']);
    expect(primary(json, 'aws_wafv2_web_acl_association')[0].resource_arn).toContain('aws_api_gateway_stage');
    expect(json.output.dashboard_api_key_value.sensitive).toBe(true);
  });

  test('the analysis workflow runs on a KMS-encrypted bus: requests invoke the orchestrator asynchronously, with retries and a DLQ', () => {
    const json = compute('dev');
    const bus = primary(json, 'aws_cloudwatch_event_bus')[0];
    expect(bus.kms_key_identifier).toContain('aws_kms_key.events-key');
    const rules = Object.fromEntries(primary(json, 'aws_cloudwatch_event_rule').map((r) => [r.name.replace('partner-mgmt-dev-', ''), r]));
    expect(JSON.parse(rules['analysis-requested'].event_pattern)).toEqual({ source: ['partner-mgmt.api'], 'detail-type': ['AnalysisRequested'] });
    expect(rules['health-probe'].schedule_expression).toBe('rate(1 minute)');
    for (const target of primary(json, 'aws_cloudwatch_event_target')) {
      expect(target.dead_letter_config.arn).toContain('events-dlq');
      expect(target.retry_policy).toEqual({ maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 3 });
    }
    const permissions = primary(json, 'aws_lambda_permission').filter((p) => p.principal === 'events.amazonaws.com');
    for (const p of permissions) expect([p.qualifier, p.source_arn]).toEqual(['live', expect.stringContaining('aws_cloudwatch_event_rule')]);
  });

  test('the stream processor consumes both streams with partial-batch failures, bisecting and a DLQ', () => {
    const mappings = primary(compute('dev'), 'aws_lambda_event_source_mapping');
    expect(mappings.map((m) => m.event_source_arn).sort()).toEqual([
      '${data.terraform_remote_state.data.outputs.analysis_history_table_stream_arn}',
      '${data.terraform_remote_state.data.outputs.analysis_results_table_stream_arn}',
    ]);
    for (const m of mappings) expect(m).toMatchObject({ function_response_types: ['ReportBatchItemFailures'], bisect_batch_on_function_error: true, maximum_retry_attempts: 3 });
  });

  test('canary releases in prod (all at once in dev), rolling back on each function\'s error alarm', () => {
    const groups = primary(compute('prod'), 'aws_codedeploy_deployment_group');
    expect(groups).toHaveLength(PARTNER_FUNCTION_NAMES.length);
    for (const g of groups) {
      expect(g).toMatchObject({ deployment_config_name: 'CodeDeployDefault.LambdaCanary10Percent5Minutes', auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] }, alarm_configuration: { enabled: true } });
    }
    expect(primary(compute('dev'), 'aws_codedeploy_deployment_group')[0].deployment_config_name).toBe('CodeDeployDefault.LambdaAllAtOnce');
  });

  test('prod runs the functions and the API again in us-west-2 as a warm standby, on the DR VPC and keys', () => {
    const json = compute('prod');
    const standby = resourcesOf(json, 'aws_lambda_function').filter(([, f]) => f.provider === 'aws.us_west_2').map(([, f]) => f);
    expect(standby.map((f) => f.function_name).sort()).toEqual(PARTNER_FUNCTION_NAMES.map((n) => `partner-mgmt-prod-dr-${n}`).sort());
    expect(standby[0].vpc_config.subnet_ids).toBe('${data.terraform_remote_state.network.outputs.dr_private_app_subnet_ids}');
    expect(standby[0].kms_key_arn).toBe('${data.terraform_remote_state.data.outputs.dr_data_kms_key_arn}');
    expect(resourcesOf(json, 'aws_api_gateway_rest_api').filter(([, a]) => a.provider === 'aws.us_west_2')).toHaveLength(1);
    const drFunding = standby.find((f) => f.function_name === 'partner-mgmt-prod-dr-funding-analysis')!;
    const drRetrieval = standby.find((f) => f.function_name === 'partner-mgmt-prod-dr-data-retrieval')!;
    expect(drRetrieval.environment.variables).toMatchObject({
      ATHENA_WORKGROUP: '${data.terraform_remote_state.data.outputs.dr_athena_workgroup_name}',
      LAKE_BUCKET: '${data.terraform_remote_state.data.outputs.data_lake_bucket_replica_name}',
    });
    expect(drFunding.environment.variables.INTEGRATION_SECRET_ARN).toBe('${replace(data.terraform_remote_state.data.outputs.integration_credentials_secret_arn, ":us-east-1:", ":us-west-2:")}');
    expect(resourcesOf(json, 'aws_lambda_event_source_mapping').filter(([, m]) => m.provider)).toEqual([]);
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['dr_api_domain_name', 'dr_opportunity_analysis_function_alias_arn']));
    expect(resourcesOf(compute('staging'), 'aws_lambda_function').filter(([, f]) => f.provider)).toEqual([]);
  });

  test('the standby notifies topics of its own region: error alarms page through the DR critical topic, notifications go to the DR info topic', () => {
    const json = compute('prod');
    const dr = (name: string) => `\${data.terraform_remote_state.network.outputs.dr_${name}_alerts_topic_arn}`;
    const standbyAlarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm').filter(([, a]) => a.provider === 'aws.us_west_2').map(([, a]) => a);
    expect(standbyAlarms).toHaveLength(PARTNER_FUNCTION_NAMES.length);
    for (const a of standbyAlarms) expect(a).toMatchObject({ alarm_actions: [dr('critical')], ok_actions: [dr('critical')] });
    const targets = resourcesOf(json, 'aws_cloudwatch_event_target');
    expect(targets.find(([id]) => id === 'dr-target-analysis-notifications')![1].arn).toBe(dr('info'));
    expect(targets.find(([id]) => id === 'target-analysis-notifications')![1].arn).toBe('${data.terraform_remote_state.network.outputs.info_alerts_topic_arn}');
  });

  test('bad compute config is one clear line', () => {
    expect(partnerConfigError((c) => (c.compute.functions['opportunity-analysis'].timeoutSeconds = 1800))).toBe(
      'Invalid configuration for partner-mgmt/dev: compute.functions.opportunity-analysis.timeoutSeconds = 1800 is outside the 1-900 seconds Lambda allows. Fix: use at most 900 (15 minutes); longer work belongs in Step Functions.',
    );
    expect(partnerConfigError((c) => (c.compute.functions['health-check'].memoryMb = 64))).toContain('compute.functions.health-check.memoryMb = 64 is outside the 128-10240 MB Lambda allows');
    expect(partnerConfigError((c) => (c.compute.functions['opportunity-analysis'].provisionedConcurrency = 80), 'prod')).toContain('provisionedConcurrency = 80 exceeds reservedConcurrency (50)');
    expect(partnerConfigError((c) => (c.compute.lambdaDeploymentConfig = 'Canary10Percent5Minutes'))).toContain('is not a CodeDeploy Lambda deployment configuration');
    expect(partnerConfigError((c) => delete c.compute.functions['data-retrieval'])).toContain('compute.functions = ');
    expect(partnerConfigError((c) => (c.compute.restApi.apiKeys = ['integrations']))).toContain('lacks "dashboard", which CloudFront sends for the dashboard');
    expect(partnerConfigError((c) => (c.compute.restApi.throttle.burstLimit = 0))).toContain('compute.restApi.throttle.burstLimit = 0 is outside 1-5000');
    expect(partnerConfigError((c) => (c.compute.standbyInSecondaryRegion = true))).toContain('compute.standbyInSecondaryRegion = true needs secondaryRegion');
  });
});
