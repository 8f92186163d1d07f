import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ApiGatewayAccount } from '../../../src/constructs/api/api-gateway-account';
import { ACCESS_LOG_FORMAT, RestApi, RestApiProps, RestApiRoute } from '../../../src/constructs/api/rest-api';
import { evaluate } from '../../../src/policy/engine';
import { Finding } from '../../../src/policy/types';
import { expectOfflinePlan } from '../../terraform-offline';
import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { doc } from '../../policy/harness';

const ACCOUNT = '123456789012';
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:partners-dev-analyses:live`;
const LAMBDA = {
  invokeArn: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`,
  functionName: 'partners-dev-analyses',
  qualifier: 'live',
};
const LOGS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const WEB_ACL = `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/partners-dev-api/0a1b2c3d`;
const ANALYSIS_SCHEMA = { type: 'object', required: ['partnerId'], properties: { partnerId: { type: 'string' } } };

/** A typical API: a validated POST, a GET with a path parameter, a health check, CORS, two keys, a WAF. */
function typicalProps(change: Partial<RestApiProps> = {}): RestApiProps {
  return {
    name: 'partners-dev',
    description: 'Partner management API',
    stageName: 'v1',
    routes: {
      'POST /analyses': { lambda: LAMBDA, requestModel: { name: 'AnalysisRequest', schema: ANALYSIS_SCHEMA }, throttle: { rateLimit: 5, burstLimit: 10 } },
      'GET /analyses/{jobId}': { lambda: LAMBDA, requiredQueryParameters: ['view'], requiredHeaders: ['X-Request-Id'] },
      'GET /health': { lambda: LAMBDA },
    },
    cors: { allowOrigins: ['https://partners.example.com'] },
    apiKeys: { bird: { description: 'Bird.com agent' }, portal: {} },
    usagePlan: { throttle: { rateLimit: 50, burstLimit: 100 }, quota: { limit: 100000, period: 'MONTH' } },
    logRetentionDays: 365,
    logsKmsKeyArn: LOGS_KEY,
    webAclArn: WEB_ACL,
    ...change,
  };
}

function withRoutes(routes: Record<string, RestApiRoute>, change: Partial<RestApiProps> = {}): RestApiProps {
  return typicalProps({ routes, ...change });
}

function apiStack(name = 'partners-dev-compute'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

function synthApi(props: RestApiProps = typicalProps(), stackName?: string): { json: Json; api: RestApi; stack: TerraformStack } {
  const stack = apiStack(stackName);
  const api = new RestApi(stack, 'api', props);
  return { json: synthJson(stack), api, stack };
}

/** `${type.name.attr}` of the one resource of `type` whose body matches `pick`. */
function find(json: Json, type: string, pick: (body: Json) => boolean): [string, Json] {
  const found = resourcesOf(json, type).filter(([, body]) => pick(body));
  if (found.length !== 1) throw new Error(`expected one ${type} matching, found ${found.length}`);
  return found[0];
}

const refOf = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;

function resourceByPathPart(json: Json, pathPart: string): [string, Json] {
  return find(json, 'aws_api_gateway_resource', (r) => r.path_part === pathPart);
}

function methodOf(json: Json, httpMethod: string, resourceName: string | 'root'): Json {
  const resourceRef = resourceName === 'root' ? refOf('aws_api_gateway_rest_api', apiName(json), 'root_resource_id') : refOf('aws_api_gateway_resource', resourceName);
  return find(json, 'aws_api_gateway_method', (m) => m.http_method === httpMethod && m.resource_id === resourceRef)[1];
}

const apiName = (json: Json) => resourcesOf(json, 'aws_api_gateway_rest_api')[0][0];
const triggerOf = (json: Json): string => onlyResource(json, 'aws_api_gateway_deployment').triggers.redeployment;

describe('RestApi routes', () => {
  const { json } = synthApi();

  test('creates one resource per path segment; nested paths share their parent; path parameters are resources', () => {
    const resources = resourcesOf(json, 'aws_api_gateway_resource');
    expect(resources.map(([, r]) => r.path_part).sort()).toEqual(['analyses', 'health', '{jobId}']);
    const [analyses, analysesBody] = resourceByPathPart(json, 'analyses');
    const root = refOf('aws_api_gateway_rest_api', apiName(json), 'root_resource_id');
    expect(analysesBody.parent_id).toBe(root);
    expect(resourceByPathPart(json, 'health')[1].parent_id).toBe(root);
    expect(resourceByPathPart(json, '{jobId}')[1].parent_id).toBe(refOf('aws_api_gateway_resource', analyses));
  });

  test('creates a method and an AWS_PROXY integration per route, path parameters required', () => {
    const [analyses] = resourceByPathPart(json, 'analyses');
    const [jobId] = resourceByPathPart(json, '{jobId}');
    expect(methodOf(json, 'POST', analyses)).toMatchObject({ authorization: 'NONE', api_key_required: true });
    expect(methodOf(json, 'GET', jobId).request_parameters).toEqual({
      'method.request.path.jobId': true,
      'method.request.querystring.view': true,
      'method.request.header.X-Request-Id': true,
    });
    const integrations = resourcesOf(json, 'aws_api_gateway_integration').filter(([, i]) => i.type === 'AWS_PROXY');
    expect(integrations).toHaveLength(3);
    for (const [, integration] of integrations) {
      expect(integration).toMatchObject({ integration_http_method: 'POST', uri: LAMBDA.invokeArn, timeout_milliseconds: 29000 });
    }
  });

  test('a route on the root path uses the root resource', () => {
    const { json: rootJson } = synthApi(withRoutes({ 'GET /': { lambda: LAMBDA } }));
    expect(resourcesOf(rootJson, 'aws_api_gateway_resource')).toEqual([]);
    expect(methodOf(rootJson, 'GET', 'root')).toMatchObject({ api_key_required: true });
    expect(onlyResource(rootJson, 'aws_lambda_permission').source_arn).toBe(`${refOf('aws_api_gateway_rest_api', apiName(rootJson), 'execution_arn')}/v1/GET/`);
  });

  test('a greedy {proxy+} path parameter and ANY method are supported', () => {
    const { json: proxyJson } = synthApi(withRoutes({ 'ANY /files/{proxy+}': { lambda: LAMBDA } }));
    expect(resourceByPathPart(proxyJson, '{proxy+}')[1]).toBeDefined();
    expect(onlyResource(proxyJson, 'aws_lambda_permission').source_arn).toMatch(/\/v1\/\*\/files\/\*$/);
  });

  test('grants the Lambda invoke permission per route, scoped to this API, stage, method and path', () => {
    const execution = refOf('aws_api_gateway_rest_api', apiName(json), 'execution_arn');
    const permissions = resourcesOf(json, 'aws_lambda_permission').map(([, p]) => p);
    expect(permissions.map((p) => p.source_arn).sort()).toEqual([`${execution}/v1/GET/analyses/*`, `${execution}/v1/GET/health`, `${execution}/v1/POST/analyses`]);
    for (const permission of permissions) {
      expect(permission).toMatchObject({ action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com', function_name: 'partners-dev-analyses', qualifier: 'live' });
      expect(permission.statement_id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    }
    expect(new Set(permissions.map((p) => p.statement_id)).size).toBe(3);
  });

  test('the permission is unqualified when no qualifier is given', () => {
    const { json: unqualified } = synthApi(withRoutes({ 'GET /health': { lambda: { invokeArn: LAMBDA.invokeArn, functionName: 'fn' } } }));
    expect(onlyResource(unqualified, 'aws_lambda_permission').qualifier).toBeUndefined();
  });

  test('wires validators and models: body and parameters with a model, parameters only without', () => {
    const [, body] = find(json, 'aws_api_gateway_request_validator', (v) => v.validate_request_body === true);
    const [bodyName] = find(json, 'aws_api_gateway_request_validator', (v) => v.validate_request_body === true);
    const [paramsName, params] = find(json, 'aws_api_gateway_request_validator', (v) => v.validate_request_body === false);
    expect(body).toMatchObject({ name: 'partners-dev-body-and-parameters', validate_request_parameters: true });
    expect(params).toMatchObject({ name: 'partners-dev-parameters', validate_request_parameters: true });

    const [modelName, model] = find(json, 'aws_api_gateway_model', () => true);
    expect(model).toMatchObject({ name: 'AnalysisRequest', content_type: 'application/json' });
    expect(JSON.parse(model.schema)).toEqual({ $schema: 'http://json-schema.org/draft-04/schema#', ...ANALYSIS_SCHEMA });

    const [analyses] = resourceByPathPart(json, 'analyses');
    const post = methodOf(json, 'POST', analyses);
    expect(post.request_validator_id).toBe(refOf('aws_api_gateway_request_validator', bodyName));
    expect(post.request_models).toEqual({ 'application/json': refOf('aws_api_gateway_model', modelName, 'name') });
    const [health] = resourceByPathPart(json, 'health');
    expect(methodOf(json, 'GET', health).request_validator_id).toBe(refOf('aws_api_gateway_request_validator', paramsName));
    expect(methodOf(json, 'GET', health).request_models).toBeUndefined();
  });

  test('routes may share a model by name', () => {
    const shared = { name: 'Partner', schema: { type: 'object' } };
    const { json: sharedJson } = synthApi(withRoutes({ 'POST /partners': { lambda: LAMBDA, requestModel: shared }, 'PUT /partners/{id}': { lambda: LAMBDA, requestModel: shared } }));
    expect(resourcesOf(sharedJson, 'aws_api_gateway_model')).toHaveLength(1);
  });

  test('requires an API key by default and only where not turned off', () => {
    const { json: open } = synthApi(withRoutes({ 'GET /health': { lambda: LAMBDA, apiKeyRequired: false }, 'POST /analyses': { lambda: LAMBDA } }));
    const [health] = resourceByPathPart(open, 'health');
    const [analyses] = resourceByPathPart(open, 'analyses');
    expect(methodOf(open, 'GET', health).api_key_required).toBe(false);
    expect(methodOf(open, 'POST', analyses).api_key_required).toBe(true);
    expect(onlyResource(open, 'aws_api_gateway_rest_api')).toMatchObject({ api_key_source: 'HEADER', endpoint_configuration: { types: ['REGIONAL'] } });
  });
});

describe('RestApi CORS', () => {
  test('an OPTIONS MOCK preflight on every resource that has routes (not on bare parents)', () => {
    const { json } = synthApi(withRoutes({ 'GET /partners/{id}/contracts': { lambda: LAMBDA }, 'POST /partners/{id}/contracts': { lambda: LAMBDA }, 'GET /health': { lambda: LAMBDA } }));
    const options = resourcesOf(json, 'aws_api_gateway_method').filter(([, m]) => m.http_method === 'OPTIONS');
    const [contracts] = resourceByPathPart(json, 'contracts');
    const [health] = resourceByPathPart(json, 'health');
    expect(options.map(([, m]) => m.resource_id).sort()).toEqual([refOf('aws_api_gateway_resource', contracts), refOf('aws_api_gateway_resource', health)].sort());
    for (const [, method] of options) expect(method).toMatchObject({ authorization: 'NONE', api_key_required: false });

    const mocks = resourcesOf(json, 'aws_api_gateway_integration').filter(([, i]) => i.type === 'MOCK');
    expect(mocks).toHaveLength(2);
    expect(mocks[0][1].request_templates).toEqual({ 'application/json': '{"statusCode": 200}' });

    const [, response] = find(json, 'aws_api_gateway_integration_response', (r) => r.resource_id === refOf('aws_api_gateway_resource', contracts));
    expect(response.response_parameters).toEqual({
      'method.response.header.Access-Control-Allow-Headers': "'Content-Type,X-Api-Key,Authorization'",
      'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,POST'",
      'method.response.header.Access-Control-Allow-Origin': "'https://partners.example.com'",
      'method.response.header.Access-Control-Max-Age': "'600'",
    });
    expect(response.response_templates).toBeUndefined();
    expect(response.depends_on).toHaveLength(1);
    const [, methodResponse] = find(json, 'aws_api_gateway_method_response', (r) => r.resource_id === refOf('aws_api_gateway_resource', contracts));
    expect(Object.keys(methodResponse.response_parameters).sort()).toEqual(Object.keys(response.response_parameters).sort());
  });

  test('DEFAULT_4XX and DEFAULT_5XX gateway responses carry the CORS headers', () => {
    const { json } = synthApi();
    const responses = resourcesOf(json, 'aws_api_gateway_gateway_response').map(([, r]) => r);
    expect(responses.map((r) => r.response_type).sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    for (const response of responses) {
      expect(response.response_parameters).toEqual({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://partners.example.com'",
        'gatewayresponse.header.Access-Control-Allow-Headers': "'Content-Type,X-Api-Key,Authorization'",
      });
    }
  });

  test('several origins: the preflight echoes an allowed Origin (Vary: Origin); explicit headers and methods win', () => {
    const { json } = synthApi(typicalProps({ cors: { allowOrigins: ['https://a.example.com', 'https://b.example.com:8443'], allowHeaders: ['Content-Type'], allowMethods: ['GET', 'OPTIONS'], maxAgeSeconds: 60 } }));
    const [analyses] = resourceByPathPart(json, 'analyses');
    const [, response] = find(json, 'aws_api_gateway_integration_response', (r) => r.resource_id === refOf('aws_api_gateway_resource', analyses));
    expect(response.response_parameters).toMatchObject({
      'method.response.header.Access-Control-Allow-Headers': "'Content-Type'",
      'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS'",
      'method.response.header.Access-Control-Allow-Origin': "'https://a.example.com'",
      'method.response.header.Access-Control-Max-Age': "'60'",
      'method.response.header.Vary': "'Origin'",
    });
    const template: string = response.response_templates['application/json'];
    expect(template).toContain('"$!origin" == "https://a.example.com" || "$!origin" == "https://b.example.com:8443"');
    expect(template).toContain('#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)');
    expect(template).not.toContain('${');
  });

  test('no CORS: no OPTIONS methods, no gateway responses', () => {
    const { json } = synthApi(typicalProps({ cors: undefined }));
    expect(resourcesOf(json, 'aws_api_gateway_method').filter(([, m]) => m.http_method === 'OPTIONS')).toEqual([]);
    expect(resourcesOf(json, 'aws_api_gateway_gateway_response')).toEqual([]);
  });
});

describe('RestApi keys, usage plan and stage', () => {
  const { json } = synthApi();

  test('API keys by name, each in the usage plan with per-key throttling and quota', () => {
    const keys = resourcesOf(json, 'aws_api_gateway_api_key').map(([name, k]) => [name, k] as const);
    expect(keys.map(([, k]) => k.name).sort()).toEqual(['partners-dev-bird', 'partners-dev-portal']);
    expect(keys.find(([, k]) => k.name === 'partners-dev-bird')![1]).toMatchObject({ description: 'Bird.com agent', enabled: true });
    const [planName, plan] = find(json, 'aws_api_gateway_usage_plan', () => true);
    expect(plan).toMatchObject({
      name: 'partners-dev-v1',
      throttle_settings: { rate_limit: 50, burst_limit: 100 },
      quota_settings: { limit: 100000, period: 'MONTH', offset: 0 },
    });
    expect(plan.api_stages).toEqual([{ api_id: refOf('aws_api_gateway_rest_api', apiName(json)), stage: refOf('aws_api_gateway_stage', resourcesOf(json, 'aws_api_gateway_stage')[0][0], 'stage_name') }]);
    const planKeys = resourcesOf(json, 'aws_api_gateway_usage_plan_key').map(([, k]) => k);
    expect(planKeys.map((k) => k.key_id).sort()).toEqual(keys.map(([name]) => refOf('aws_api_gateway_api_key', name)).sort());
    for (const key of planKeys) expect(key).toMatchObject({ key_type: 'API_KEY', usage_plan_id: refOf('aws_api_gateway_usage_plan', planName) });
  });

  test('no quota unless given; no keys unless given', () => {
    const { json: bare } = synthApi(typicalProps({ usagePlan: { throttle: { rateLimit: 10, burstLimit: 5 } }, apiKeys: undefined }));
    expect(onlyResource(bare, 'aws_api_gateway_usage_plan').quota_settings).toBeUndefined();
    expect(onlyResource(bare, 'aws_api_gateway_usage_plan').throttle_settings).toEqual({ rate_limit: 10, burst_limit: 5 });
    expect(resourcesOf(bare, 'aws_api_gateway_api_key')).toEqual([]);
  });

  test('stage: X-Ray on, cache cluster off, JSON access logs to a log group with retention and KMS', () => {
    const stage = onlyResource(json, 'aws_api_gateway_stage');
    expect(stage).toMatchObject({ stage_name: 'v1', xray_tracing_enabled: true, cache_cluster_enabled: false });
    expect(stage.cache_cluster_size).toBeUndefined();
    expect(stage.deployment_id).toBe(refOf('aws_api_gateway_deployment', resourcesOf(json, 'aws_api_gateway_deployment')[0][0]));
    const [accessName, access] = find(json, 'aws_cloudwatch_log_group', (g) => g.name === '/aws/apigateway/partners-dev/v1/access');
    expect(access).toMatchObject({ retention_in_days: 365, kms_key_id: LOGS_KEY });
    expect(stage.access_log_settings.destination_arn).toBe(refOf('aws_cloudwatch_log_group', accessName, 'arn'));
    expect(stage.access_log_settings.format).toBe(ACCESS_LOG_FORMAT);
    const format = JSON.parse(stage.access_log_settings.format);
    expect(Object.keys(format)).toEqual(['requestId', 'ip', 'caller', 'user', 'requestTime', 'httpMethod', 'resourcePath', 'status', 'protocol', 'responseLength', 'integrationError', 'xrayTraceId']);
    expect(format).toMatchObject({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', integrationError: '$context.integration.error', xrayTraceId: '$context.xrayTraceId' });
  });

  test("creates AWS's execution log group with retention and KMS before the stage and method settings", () => {
    const [execName, exec] = find(json, 'aws_cloudwatch_log_group', (g) => g.name.startsWith('API-Gateway-Execution-Logs_'));
    expect(exec).toEqual({ name: `API-Gateway-Execution-Logs_${refOf('aws_api_gateway_rest_api', apiName(json))}/v1`, retention_in_days: 365, kms_key_id: LOGS_KEY });
    const dependency = `aws_cloudwatch_log_group.${execName}`;
    expect(onlyResource(json, 'aws_api_gateway_stage').depends_on).toEqual([dependency]);
    for (const [, settings] of resourcesOf(json, 'aws_api_gateway_method_settings')) expect(settings.depends_on).toEqual([dependency]);
  });

  test('method settings: INFO logging, metrics, no data trace, stage throttle on */*, route throttle on its method', () => {
    const stageName = refOf('aws_api_gateway_stage', resourcesOf(json, 'aws_api_gateway_stage')[0][0], 'stage_name');
    const [, all] = find(json, 'aws_api_gateway_method_settings', (s) => s.method_path === '*/*');
    expect(all).toMatchObject({ stage_name: stageName });
    expect(all.settings).toEqual({ logging_level: 'INFO', metrics_enabled: true, data_trace_enabled: false, caching_enabled: false, throttling_rate_limit: 50, throttling_burst_limit: 100 });
    const [, post] = find(json, 'aws_api_gateway_method_settings', (s) => s.method_path === '~1analyses/POST');
    expect(post.settings).toEqual({ logging_level: 'INFO', metrics_enabled: true, data_trace_enabled: false, caching_enabled: false, throttling_rate_limit: 5, throttling_burst_limit: 10 });
    expect(resourcesOf(json, 'aws_api_gateway_method_settings')).toHaveLength(2);
  });

  test('nested and root route throttles use API Gateway method paths (~1 for /)', () => {
    const throttle = { rateLimit: 1, burstLimit: 2 };
    const { json: nested } = synthApi(withRoutes({ 'GET /analyses/{jobId}': { lambda: LAMBDA, throttle }, 'GET /': { lambda: LAMBDA, throttle } }));
    const paths = resourcesOf(nested, 'aws_api_gateway_method_settings').map(([, s]) => s.method_path).sort();
    expect(paths).toEqual(['*/*', '~1/GET', '~1analyses~1{jobId}/GET']);
  });

  test('stage throttle, ERROR logging and an encrypted cache when asked', () => {
    const { json: tuned } = synthApi(typicalProps({ stageThrottle: { rateLimit: 200, burstLimit: 50 }, executionLoggingLevel: 'ERROR', cache: { sizeGb: '0.5' } }));
    expect(onlyResource(tuned, 'aws_api_gateway_stage')).toMatchObject({ cache_cluster_enabled: true, cache_cluster_size: '0.5' });
    const [, all] = find(tuned, 'aws_api_gateway_method_settings', (s) => s.method_path === '*/*');
    expect(all.settings).toMatchObject({ logging_level: 'ERROR', caching_enabled: true, cache_data_encrypted: true, cache_ttl_in_seconds: 300, throttling_rate_limit: 200, throttling_burst_limit: 50 });
  });

  test('associates the WAF web ACL with the stage only when given', () => {
    const stageName = resourcesOf(json, 'aws_api_gateway_stage')[0][0];
    expect(onlyResource(json, 'aws_wafv2_web_acl_association')).toEqual({ resource_arn: refOf('aws_api_gateway_stage', stageName, 'arn'), web_acl_arn: WEB_ACL });
    const { json: without } = synthApi(typicalProps({ webAclArn: undefined }));
    expect(resourcesOf(without, 'aws_wafv2_web_acl_association')).toEqual([]);
  });

  test('exposes the stage, URLs and the CloudFront origin domain', () => {
    const stack = apiStack();
    const api = new RestApi(stack, 'api', typicalProps({ apiKeys: { bird: {} } }));
    new TerraformOutput(stack, 'domain', { value: api.domainName });
    new TerraformOutput(stack, 'url', { value: api.invokeUrl });
    new TerraformOutput(stack, 'stage-arn', { value: api.stageArn });
    new TerraformOutput(stack, 'execution-arn', { value: api.executionArn });
    const out = synthJson(stack).output;
    const stage = Object.keys(synthJson(stack).resource.aws_api_gateway_stage)[0];
    expect(out.domain.value).toBe(`\${element(split("/", aws_api_gateway_stage.${stage}.invoke_url), 2)}`);
    expect(out.url.value).toBe(refOf('aws_api_gateway_stage', stage, 'invoke_url'));
    expect(out['stage-arn'].value).toBe(refOf('aws_api_gateway_stage', stage, 'arn'));
    expect(out['execution-arn'].value).toMatch(/execution_arn\}$/);
    expect(api.stageName).toBe('v1');
    expect(Object.keys(api.apiKeys)).toEqual(['bird']);
    expect(Object.keys(api.methods).sort()).toEqual(['GET /analyses/{jobId}', 'GET /health', 'POST /analyses']);
    expect(api.accessLogGroup).toBeDefined();
    expect(api.usagePlan).toBeDefined();
  });

  test('an EDGE endpoint when asked', () => {
    const { json: edge } = synthApi(typicalProps({ endpointType: 'EDGE' }));
    expect(onlyResource(edge, 'aws_api_gateway_rest_api').endpoint_configuration).toEqual({ types: ['EDGE'] });
  });

  test('puts every resource on the given provider', () => {
    const stack = apiStack();
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new RestApi(stack, 'api', typicalProps({ provider: west }));
    const resources = Object.values<Json>(synthJson(stack).resource).flatMap((byName) => Object.values<Json>(byName));
    expect(resources.length).toBeGreaterThan(30);
    for (const resource of resources) expect(resource.provider).toBe('aws.us_west_2');
  });

  test('waits for the account CloudWatch role when the same stack creates it', () => {
    const stack = apiStack();
    const account = new ApiGatewayAccount(stack, 'apigw-account', { roleName: 'partners-dev-apigw-logs-us-east-1', accountId: ACCOUNT });
    new RestApi(stack, 'api', typicalProps({ accountSettings: account }));
    const json = synthJson(stack);
    const accountAddress = `aws_api_gateway_account.${resourcesOf(json, 'aws_api_gateway_account')[0][0]}`;
    expect(onlyResource(json, 'aws_api_gateway_stage').depends_on).toContain(accountAddress);
    for (const [, settings] of resourcesOf(json, 'aws_api_gateway_method_settings')) expect(settings.depends_on).toContain(accountAddress);
    // RestApi itself never creates the account singleton.
    expect(resourcesOf(synthApi().json, 'aws_api_gateway_account')).toEqual([]);
  });
});

describe('RestApi redeployment', () => {
  test('the deployment depends on every method and integration and is created before the old one is destroyed', () => {
    const { json } = synthApi();
    const deployment = onlyResource(json, 'aws_api_gateway_deployment');
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    for (const type of ['aws_api_gateway_method', 'aws_api_gateway_integration', 'aws_api_gateway_integration_response', 'aws_api_gateway_gateway_response']) {
      for (const [name] of resourcesOf(json, type)) expect(deployment.depends_on).toContain(`${type}.${name}`);
    }
    expect(triggerOf(json)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the trigger is the same for the same routes, synthesized twice (route order does not matter)', () => {
    const props = typicalProps();
    const reversed = typicalProps({ routes: Object.fromEntries(Object.entries(props.routes).reverse()) });
    expect(triggerOf(synthApi(props).json)).toBe(triggerOf(synthApi(typicalProps()).json));
    expect(triggerOf(synthApi(reversed).json)).toBe(triggerOf(synthApi(props).json));
  });

  test('the trigger changes when a route, model, integration or CORS changes', () => {
    const base = triggerOf(synthApi().json);
    const props = typicalProps();
    const changes: Record<string, RestApiProps> = {
      'a route added': typicalProps({ routes: { ...props.routes, 'DELETE /analyses/{jobId}': { lambda: LAMBDA } } }),
      'a key requirement': typicalProps({ routes: { ...props.routes, 'GET /health': { lambda: LAMBDA, apiKeyRequired: false } } }),
      'a model schema': typicalProps({ routes: { ...props.routes, 'POST /analyses': { lambda: LAMBDA, requestModel: { name: 'AnalysisRequest', schema: { type: 'object' } } } } }),
      'an integration target': typicalProps({ routes: { ...props.routes, 'GET /health': { lambda: { ...LAMBDA, invokeArn: LAMBDA.invokeArn.replace(':live/', ':canary/') } } } }),
      'an integration timeout': typicalProps({ routes: { ...props.routes, 'GET /health': { lambda: { ...LAMBDA, timeoutMilliseconds: 3000 } } } }),
      'a required parameter': typicalProps({ routes: { ...props.routes, 'GET /health': { lambda: LAMBDA, requiredQueryParameters: ['deep'] } } }),
      'CORS origins': typicalProps({ cors: { allowOrigins: ['https://other.example.com'] } }),
    };
    for (const [what, changed] of Object.entries(changes)) expect({ what, trigger: triggerOf(synthApi(changed).json) }).not.toEqual({ what, trigger: base });
  });

  test('the trigger does not change for stage-only settings (throttling, keys, quota, logging, WAF)', () => {
    const base = triggerOf(synthApi().json);
    const props = typicalProps();
    const stageOnly: RestApiProps[] = [
      typicalProps({ usagePlan: { throttle: { rateLimit: 1, burstLimit: 1 } } }),
      typicalProps({ stageThrottle: { rateLimit: 7, burstLimit: 3 } }),
      typicalProps({ apiKeys: { someoneElse: {} } }),
      typicalProps({ logRetentionDays: 30, executionLoggingLevel: 'ERROR' }),
      typicalProps({ webAclArn: undefined }),
      typicalProps({ routes: { ...props.routes, 'GET /health': { lambda: LAMBDA, throttle: { rateLimit: 1, burstLimit: 1 } } } }),
    ];
    for (const changed of stageOnly) expect(triggerOf(synthApi(changed).json)).toBe(base);
  });

  test('an invoke ARN given as a reference hashes as its expression, stable across synths', () => {
    const synthWithVariable = (noise: number) => {
      const stack = apiStack();
      // Tokens created before the API shift token numbers; the hash must not see them.
      for (let i = 0; i < noise; i++) void new TerraformVariable(stack, `noise-${i}`, { type: 'string' }).stringValue;
      const invokeArn = new TerraformVariable(stack, 'invoke-arn', { type: 'string' }).stringValue;
      new RestApi(stack, 'api', withRoutes({ 'GET /health': { lambda: { ...LAMBDA, invokeArn } } }));
      return synthJson(stack);
    };
    const first = synthWithVariable(0);
    expect(find(first, 'aws_api_gateway_integration', (i) => i.type === 'AWS_PROXY')[1].uri).toBe('${var.invoke-arn}');
    expect(triggerOf(first)).toBe(triggerOf(synthWithVariable(5)));
  });
});

describe('RestApi rejects bad props', () => {
  const rejects = (props: RestApiProps, message: RegExp) => expect(() => new RestApi(apiStack(), 'api', props)).toThrow(message);
  const route = (key: string, spec: Partial<RestApiRoute> = {}) => withRoutes({ [key]: { lambda: LAMBDA, ...spec } });

  test('malformed route keys, with the expected form', () => {
    for (const key of ['GET', '/analyses', 'GET analyses', 'GET  /analyses', ' GET /analyses', 'GET /analyses ']) {
      rejects(route(key), new RegExp(`RestApi partners-dev: route key "${key.replace(/[/]/g, '\\/')}" is malformed; write "<METHOD> /path/\\{param\\}"`));
    }
    rejects(route('GET /analyses/'), /path ends with \/; drop the trailing slash/);
    rejects(route('GET /a//b'), /has path segment ""/);
    rejects(route('GET /a b'), /is malformed/);
    rejects(route('GET /analyses/{job-id}'), /has path segment "\{job-id\}"/);
    rejects(route('GET /files/{proxy+}/meta'), /greedy parameter \{proxy\+\} must be the last segment/);
    rejects(route('GET /a/{id}/b/{id}'), /repeats path parameter \{id\}/);
  });

  test('unknown and reserved methods', () => {
    rejects(route('FETCH /analyses'), /route "FETCH \/analyses" has unknown method "FETCH"; use one of GET, POST, PUT, PATCH, DELETE, HEAD, ANY/);
    rejects(route('get /analyses'), /unknown method "get".*\(upper case\)/);
    rejects(route('OPTIONS /analyses'), /OPTIONS is generated for CORS; configure cors/);
  });

  test('duplicate routes and conflicting path parameters', () => {
    rejects(withRoutes({ 'GET /analyses/{jobId}': { lambda: LAMBDA }, 'GET /analyses/{id}': { lambda: LAMBDA } }), /routes "GET \/analyses\/\{jobId\}" and "GET \/analyses\/\{id\}" are the same route \(duplicate\)/);
    rejects(withRoutes({ 'GET /analyses/{jobId}': { lambda: LAMBDA }, 'DELETE /analyses/{id}': { lambda: LAMBDA } }), /different path parameters \{jobId\} and \{id\} under \/analyses; API Gateway allows one per level/);
    rejects(withRoutes({ 'GET /a--b': { lambda: LAMBDA }, 'GET /a/b': { lambda: LAMBDA } }), /avoid "--" in a path segment/);
    rejects(withRoutes({}), /routes is empty/);
  });

  test('throttling: negative or fractional-burst limits are rejected, burst below rate is fine', () => {
    rejects(typicalProps({ usagePlan: { throttle: { rateLimit: -1, burstLimit: 10 } } }), /usagePlan\.throttle\.rateLimit -1 must be a number of requests per second, 0 or more/);
    rejects(typicalProps({ usagePlan: { throttle: { rateLimit: 10, burstLimit: -5 } } }), /usagePlan\.throttle\.burstLimit -5 must be a whole number/);
    rejects(typicalProps({ stageThrottle: { rateLimit: 10, burstLimit: 2.5 } }), /stageThrottle\.burstLimit 2\.5 must be a whole number/);
    rejects(route('GET /analyses', { throttle: { rateLimit: Number.NaN, burstLimit: 1 } }), /routes\["GET \/analyses"\]\.throttle\.rateLimit NaN/);
    rejects(route('ANY /analyses', { throttle: { rateLimit: 1, burstLimit: 1 } }), /throttle on an ANY method/);
    expect(() => new RestApi(apiStack(), 'api', typicalProps({ usagePlan: { throttle: { rateLimit: 100, burstLimit: 10 } }, stageThrottle: { rateLimit: 0.5, burstLimit: 0 } }))).not.toThrow();
  });

  test('quota', () => {
    rejects(typicalProps({ usagePlan: { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 0, period: 'DAY' } } }), /quota\.limit 0 must be a positive whole number/);
    rejects(typicalProps({ usagePlan: { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 10, period: 'DAY', offset: 1 } } }), /quota\.offset 1 must be 0-0 for period DAY/);
    rejects(typicalProps({ usagePlan: { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 10, period: 'YEAR' as 'DAY' } } }), /quota\.period "YEAR" must be DAY, WEEK or MONTH/);
  });

  test('CORS origins, headers and methods', () => {
    rejects(typicalProps({ cors: { allowOrigins: [] } }), /cors\.allowOrigins is empty/);
    rejects(typicalProps({ cors: { allowOrigins: ['*', 'https://a.example.com'] } }), /mixes "\*" with origins/);
    for (const origin of ['http://a.example.com', 'https://a.example.com/', 'https://A.example.com', 'a.example.com']) {
      rejects(typicalProps({ cors: { allowOrigins: [origin] } }), /must be https:\/\/<host>\[:port\]/);
    }
    rejects(typicalProps({ cors: { allowOrigins: ['https://a.example.com'], allowHeaders: ['X Bad'] } }), /cors header "X Bad"/);
    rejects(typicalProps({ cors: { allowOrigins: ['https://a.example.com'], allowMethods: ['TRACE'] } }), /cors method "TRACE"/);
    expect(() => new RestApi(apiStack(), 'api', typicalProps({ cors: { allowOrigins: ['*'] } }))).not.toThrow();
    expect(() => new RestApi(apiStack(), 'api', typicalProps({ cors: { allowOrigins: ['http://localhost:3000'] } }))).not.toThrow();
  });

  test('names, logs, models, Lambda targets and the WAF ARN', () => {
    rejects(typicalProps({ name: 'partners dev' }), /RestApi "partners dev": name must be 1-128 letters/);
    rejects(typicalProps({ stageName: 'v1/beta' }), /stageName "v1\/beta"/);
    rejects(typicalProps({ logRetentionDays: 10 }), /logRetentionDays 10 is not a CloudWatch Logs retention; use one of 1, 3, 5/);
    rejects(typicalProps({ logsKmsKeyArn: '' }), /logsKmsKeyArn is empty/);
    rejects(typicalProps({ accessLogGroupName: 'API-Gateway-Execution-Logs_x/v1' }), /prefix AWS reserves for execution logs/);
    rejects(typicalProps({ apiKeys: { 'bad key': {} } }), /API key name "bad key"/);
    rejects(route('POST /a', { requestModel: { name: 'Bad-Name', schema: {} } }), /model name "Bad-Name" must be letters and digits only/);
    rejects(withRoutes({ 'POST /a': { lambda: LAMBDA, requestModel: { name: 'M', schema: { type: 'object' } } }, 'POST /b': { lambda: LAMBDA, requestModel: { name: 'M', schema: { type: 'array' } } } }), /model "M" is given two different schemas/);
    rejects(route('GET /a', { lambda: { ...LAMBDA, invokeArn: FUNCTION_ARN } }), /lambda\.invokeArn ".*" is not a Lambda invoke ARN; pass the alias's invoke_arn/);
    rejects(route('GET /a', { lambda: { ...LAMBDA, timeoutMilliseconds: 30000 } }), /timeoutMilliseconds 30000 is outside 50-29000/);
    rejects(route('GET /a', { lambda: { ...LAMBDA, functionName: '' } }), /lambda\.functionName is empty/);
    rejects(route('GET /a', { requiredHeaders: ['Bad Header'] }), /header "Bad Header" is not a header name/);
    rejects(route('GET /a', { requiredQueryParameters: ['a b'] }), /query parameter "a b" is not a valid name/);
    rejects(typicalProps({ webAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/cdn/1` }), /not a REGIONAL WAFv2 web ACL ARN.*CLOUDFRONT-scope ACL cannot protect a stage/);
    rejects(typicalProps({ cache: { sizeGb: '0.5', ttlSeconds: 7200 } }), /cache\.ttlSeconds 7200 is outside 0-3600/);
  });
});

describe('IAM-authorized HTTP proxy routes (VPC link), response models, stage variables', () => {
  const VPC_LINK = 'abc123';
  const RESPONSE = { name: 'AgentResponse', schema: { type: 'object', required: ['reply'], properties: { reply: { type: 'string' } } } };
  const ERROR = { name: 'ErrorResponse', schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } } };
  const iamProps = (change: Partial<RestApiProps> = {}): RestApiProps => ({
    name: 'agents-dev-api',
    description: 'Agent API',
    stageName: 'dev',
    routes: {
      'POST /agents/process': {
        http: { uri: 'https://alb.example.com/agents/process', vpcLinkId: VPC_LINK, timeoutMilliseconds: 29000 },
        authorization: 'AWS_IAM',
        requestModel: { name: 'AgentRequest', schema: ANALYSIS_SCHEMA },
        responseModels: { '200': RESPONSE, '400': ERROR, '500': ERROR },
      },
      'GET /jobs/{jobId}': { http: { uri: 'https://alb.example.com/jobs/{jobId}', vpcLinkId: VPC_LINK }, authorization: 'AWS_IAM' },
    },
    stageThrottle: { rateLimit: 2000, burstLimit: 5000 },
    stageVariables: { backend_url: 'https://alb.example.com', api_version: 'v1' },
    logRetentionDays: 30,
    logsKmsKeyArn: LOGS_KEY,
    accessLogGroupName: '/aws/apigateway/agents-dev-api',
    webAclArn: WEB_ACL,
    ...change,
  });

  test('AWS_IAM methods without API keys, HTTP_PROXY over the VPC link with path parameters passed on, no Lambda permission', () => {
    const { json, api } = synthApi(iamProps());
    const [, post] = find(json, 'aws_api_gateway_method', (m) => m.http_method === 'POST');
    expect(post).toMatchObject({ authorization: 'AWS_IAM', api_key_required: false, request_models: { 'application/json': expect.stringContaining('aws_api_gateway_model.api_model-AgentRequest_') } });
    const [, integration] = find(json, 'aws_api_gateway_integration', (i) => i.uri === 'https://alb.example.com/agents/process');
    expect(integration).toMatchObject({ type: 'HTTP_PROXY', integration_http_method: 'POST', connection_type: 'VPC_LINK', connection_id: VPC_LINK, timeout_milliseconds: 29000 });
    const [, get] = find(json, 'aws_api_gateway_integration', (i) => i.uri === 'https://alb.example.com/jobs/{jobId}');
    expect(get.request_parameters).toEqual({ 'integration.request.path.jobId': 'method.request.path.jobId' });
    expect(resourcesOf(json, 'aws_lambda_permission')).toEqual([]);
    expect(api.permissions).toEqual({});
  });

  test('method responses with their models; a model used for requests and responses is described by both uses', () => {
    const { json } = synthApi(iamProps());
    const responses = resourcesOf(json, 'aws_api_gateway_method_response').map(([, r]) => [r.status_code, r.response_models['application/json']]);
    expect(responses.map(([status]) => status).sort()).toEqual(['200', '400', '500']);
    for (const [status, model] of responses) expect(model).toContain(status === '200' ? 'api_model-AgentResponse_' : 'api_model-ErrorResponse_');
    const models = Object.fromEntries(resourcesOf(json, 'aws_api_gateway_model').map(([, m]) => [m.name, m]));
    expect(Object.keys(models).sort()).toEqual(['AgentRequest', 'AgentResponse', 'ErrorResponse']);
    expect(JSON.parse(models.ErrorResponse.schema).$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(models.ErrorResponse.description).toBe('agents-dev-api: response of POST /agents/process 400, POST /agents/process 500');
    expect(models.AgentRequest.description).toBe('agents-dev-api: request body of POST /agents/process');
  });

  test('stage variables, stage throttling, no usage plan or keys; the deployment hash follows authorization and responses', () => {
    const { json, api } = synthApi(iamProps());
    expect(onlyResource(json, 'aws_api_gateway_stage').variables).toEqual({ backend_url: 'https://alb.example.com', api_version: 'v1' });
    expect(onlyResource(json, 'aws_api_gateway_method_settings').settings).toMatchObject({ throttling_rate_limit: 2000, throttling_burst_limit: 5000 });
    expect(resourcesOf(json, 'aws_api_gateway_usage_plan')).toEqual([]);
    expect(api.usagePlan).toBeUndefined();
    const hash = (props: RestApiProps) => onlyResource(synthApi(props).json, 'aws_api_gateway_deployment').triggers.redeployment;
    const base = hash(iamProps());
    const withoutResponses = iamProps();
    const routes = { ...withoutResponses.routes, 'POST /agents/process': { ...withoutResponses.routes['POST /agents/process'], responseModels: undefined } };
    expect(hash({ ...withoutResponses, routes })).not.toBe(base);
    expect(hash(iamProps({ stageVariables: { backend_url: 'https://other.example.com' } }))).toBe(base);
  });

  test('no open policy finding (APIG-03 satisfied by AWS_IAM, validators on every method)', () => {
    const stack = apiStack();
    new RestApi(stack, 'api', iamProps());
    const report = evaluate([doc(stack)]);
    expect(report.stacks[0].findings.filter((f: Finding) => !f.suppressed)).toEqual([]);
  });

  const rejects = (props: RestApiProps, message: RegExp) => expect(() => new RestApi(apiStack(), 'api', props)).toThrow(message);
  test('rejects a route with both or neither integration, a plain-HTTP backend, a key-required route without a usage plan, keys without a plan, no throttle at all, bad stage variables and statuses', () => {
    const route = iamProps().routes['POST /agents/process'];
    rejects(iamProps({ routes: { 'POST /x': { ...route, lambda: LAMBDA } } }), /route "POST \/x" gives both lambda and http; give exactly one integration/);
    rejects(iamProps({ routes: { 'POST /x': { authorization: 'AWS_IAM' } } }), /route "POST \/x" gives neither lambda nor http/);
    rejects(iamProps({ routes: { 'POST /x': { http: { uri: 'http://alb.example.com/x' }, authorization: 'AWS_IAM' } } }), /http\.uri "http:\/\/alb\.example\.com\/x" is not an https:\/\/ URL/);
    rejects(iamProps({ routes: { 'POST /x': { http: { uri: 'https://alb.example.com/x', timeoutMilliseconds: 30000 }, authorization: 'AWS_IAM' } } }), /http\.timeoutMilliseconds 30000 is outside 50-29000/);
    rejects(iamProps({ routes: { 'POST /x': { http: { uri: 'https://alb.example.com/x' } } } }), /route "POST \/x" requires an API key, but the API has no usage plan/);
    rejects(iamProps({ apiKeys: { bird: {} } }), /apiKeys \[bird\] need a usage plan/);
    rejects(iamProps({ stageThrottle: undefined }), /neither usagePlan nor stageThrottle is set/);
    rejects(iamProps({ stageVariables: { 'bad-name': 'x' } }), /stage variable name "bad-name"/);
    rejects(iamProps({ stageVariables: { url: 'has space' } }), /stage variable url "has space" has characters API Gateway refuses/);
    rejects(iamProps({ routes: { 'POST /x': { ...route, responseModels: { '2xx': RESPONSE } } } }), /response status "2xx" is not an HTTP status code/);
    rejects(iamProps({ routes: { 'POST /x': { ...route, responseModels: { '200': { name: 'AgentRequest', schema: { type: 'string' } } } } } }), /model "AgentRequest" is given two different schemas/);
  });

  test('plans offline against the real provider (with a VPC link variable standing in)', () => {
    const stack = apiStack();
    const link = new TerraformVariable(stack, 'vpc_link_id', { type: 'string', default: VPC_LINK });
    const props = iamProps();
    const routes = Object.fromEntries(Object.entries(props.routes).map(([key, route]) => [key, { ...route, http: { ...route.http!, vpcLinkId: link.stringValue } }]));
    new RestApi(stack, 'api', { ...props, routes });
    expectOfflinePlan(JSON.parse(Testing.synth(stack)));
  });
});

describe('ApiGatewayAccount (account singleton)', () => {
  test('a role API Gateway assumes for this account only, with the managed CloudWatch Logs policy, set on the account', () => {
    const stack = apiStack();
    const account = new ApiGatewayAccount(stack, 'apigw-account', { roleName: 'partners-dev-apigw-logs-us-east-1', accountId: ACCOUNT });
    const json = synthJson(stack);
    const [roleName, role] = find(json, 'aws_iam_role', () => true);
    expect(role.name).toBe('partners-dev-apigw-logs-us-east-1');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Sid: 'ApiGatewayAssumesRoleForThisAccount', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]);
    const [attachmentName, attachment] = find(json, 'aws_iam_role_policy_attachment', () => true);
    expect(attachment).toEqual({ role: refOf('aws_iam_role', roleName, 'name'), policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs' });
    expect(onlyResource(json, 'aws_api_gateway_account')).toEqual({
      cloudwatch_role_arn: refOf('aws_iam_role', roleName, 'arn'),
      reset_on_delete: true,
      depends_on: [`aws_iam_role_policy_attachment.${attachmentName}`],
    });
    expect(account.roleArn).toBeDefined();
  });

  test('rejects a bad role name or account', () => {
    expect(() => new ApiGatewayAccount(apiStack(), 'a', { roleName: 'x'.repeat(65), accountId: ACCOUNT })).toThrow(/roleName "x+" is not a valid IAM role name/);
    expect(() => new ApiGatewayAccount(apiStack(), 'a', { roleName: 'r', accountId: '1234' })).toThrow(/accountId "1234" is not a 12-digit account ID/);
  });
});

describe('policy pack', () => {
  const findings = (stack: TerraformStack): Finding[] => evaluate([doc(stack)]).stacks.flatMap((s) => s.findings);
  const open = (stack: TerraformStack) => findings(stack).filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);

  test('no open finding for a typical API with a WAF ARN, in dev and prod, with the account singleton', () => {
    for (const name of ['partners-dev-compute', 'partners-prod-compute']) {
      const stack = apiStack(name);
      new ApiGatewayAccount(stack, 'apigw-account', { roleName: 'partners-apigw-logs-us-east-1', accountId: ACCOUNT });
      new RestApi(stack, 'api', typicalProps());
      expect({ name, open: open(stack) }).toEqual({ name, open: [] });
    }
  });

  test('without a WAF ARN only APIG-02 fires on the stage', () => {
    const stack = apiStack();
    new RestApi(stack, 'api', typicalProps({ webAclArn: undefined }));
    expect(findings(stack).map((f) => [f.ruleId, f.address.split('.')[0]])).toEqual([['APIG-02', 'aws_api_gateway_stage']]);
  });

  test('a route without an API key is an APIG-03 finding (never suppressible): apiKeyRequired false needs an authorizer this construct lacks', () => {
    const stack = apiStack();
    new RestApi(stack, 'api', typicalProps({ routes: { 'GET /health': { lambda: LAMBDA, apiKeyRequired: false } } }));
    expect(findings(stack).map((f) => [f.ruleId, f.severity, f.attribute])).toEqual([['APIG-03', 'high', 'authorization']]);
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('the typical API (and the account singleton) validates and plans', () => {
    const stack = apiStack();
    new ApiGatewayAccount(stack, 'apigw-account', { roleName: 'partners-dev-apigw-logs-us-east-1', accountId: ACCOUNT });
    new RestApi(stack, 'api', typicalProps({
      cors: { allowOrigins: ['https://partners.example.com', 'https://admin.example.com'] },
      routes: { ...typicalProps().routes, 'GET /': { lambda: LAMBDA, throttle: { rateLimit: 1, burstLimit: 1 } }, 'ANY /files/{proxy+}': { lambda: LAMBDA } },
      cache: { sizeGb: '0.5' },
    }));
    const source = JSON.parse(Testing.synth(stack));
    expectOfflinePlan(source);
  });
});
