import { APPS, SITES } from '../../../src/config/systems/lang-portal/apps';
import { ADOT_EMF_LOG_GROUP_NAME } from '../../../src/constructs/compute/fargate-service';
import { EnvName } from '../../../src/core/names';
import { evaluate } from '../../../src/policy';
import { LangPortalComputeStack } from '../../../stacks/lang-portal/compute';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { langPortalConfig, langPortalConfigError, langPortalStacks } from './helpers';

const synths = new Map<EnvName, Json>();
const compute = (env: EnvName): Json => {
  if (!synths.has(env)) synths.set(env, synthJson(langPortalStacks(env, 'compute').compute));
  return synths.get(env)!;
};
const all = (json: Json, type: string): Json[] => resourcesOf(json, type).map(([, r]) => r);
const byAddress = (json: Json, type: string, name: string): Json => json.resource[type][name];
const ref = (type: string, id: string, attribute: string) => new RegExp(`^\\$\\{${type}\\.${id}_[A-F0-9]{8}\\.${attribute}\\}$`);
const remote = (layer: string, output: string) => `\${data.terraform_remote_state.${layer}.outputs.${output}}`;
const u = (name: string) => name.replace(/-/g, '_');
const taskOf = (json: Json, app: string): Json => all(json, 'aws_ecs_task_definition').find((t) => t.family === `lang-portal-dev-${app}`)!;
const containersOf = (json: Json, app: string): Json[] => parsed(taskOf(json, app).container_definitions) as unknown as Json[];
const serviceOf = (json: Json, app: string, env: EnvName = 'dev'): Json => all(json, 'aws_ecs_service').find((s) => s.name === `lang-portal-${env}-${app}`)!;
const discoveryServiceId = (json: Json, name: string) => resourcesOf(json, 'aws_service_discovery_service').find(([, s]) => s.name === name)![0];
const policiesOfRole = (json: Json, roleId: string): Json[] =>
  resourcesOf(json, 'aws_iam_role_policy')
    .filter(([, p]) => p.role.startsWith(`\${aws_iam_role.${roleId}_`))
    .flatMap(([, p]) => parsed(p.policy).Statement as Json[]);
const statement = (statements: Json[], sid: string): Json | undefined => statements.find((s) => s.Sid === sid);

/** The seed's "Task Definition per application": container, port, health path, secrets. */
const SEED = {
  'lang-portal-api': { container: 'fastapi-app', port: 8000, health: '/health', secrets: { DATABASE_URL: 'lang_portal_database_url_secret_arn', JWT_SECRET: 'jwt_secret_secret_arn', LANG_PORTAL_API_KEY: 'lang_portal_api_key_secret_arn' } },
  'haiku-api': { container: 'fastapi-app', port: 8000, health: '/health', secrets: { DATABASE_URL: 'haiku_database_url_secret_arn' } },
  'vocab-generator-frontend': { container: 'streamlit-app', port: 8501, health: '/healthz', secrets: { LANG_PORTAL_API_KEY: 'lang_portal_api_key_secret_arn' } },
  'vocab-generator-backend': { container: 'fastapi-app', port: 8000, health: '/health', secrets: { LANG_PORTAL_API_KEY: 'lang_portal_api_key_secret_arn' } },
  'writing-practice': { container: 'gradio-app', port: 7860, health: '/healthz', secrets: { LANG_PORTAL_API_KEY: 'lang_portal_api_key_secret_arn' } },
} as const;

describe('lang-portal compute', () => {
  test('reads network, data and ai; the cluster has Container Insights and runs on FARGATE_SPOT (prod keeps one on-demand task)', () => {
    const stack = langPortalStacks('dev', 'compute').compute as LangPortalComputeStack;
    expect(stack.dependencies.map((d) => d.node.id)).toEqual(['lang-portal-dev-network', 'lang-portal-dev-data', 'lang-portal-dev-ai']);
    const json = compute('dev');
    expect(all(json, 'aws_ecs_cluster')).toEqual([expect.objectContaining({ name: 'lang-portal-dev', setting: [{ name: 'containerInsights', value: 'enabled' }] })]);
    expect(all(json, 'aws_ecs_cluster_capacity_providers')[0].default_capacity_provider_strategy).toEqual([{ capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    for (const app of APPS) expect(serviceOf(json, app.name).capacity_provider_strategy).toEqual([{ capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    expect(serviceOf(compute('prod'), 'haiku-api', 'prod').capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', base: 1, weight: 0 },
      { capacity_provider: 'FARGATE_SPOT', weight: 1 },
    ]);
  });

  test('one /ecs/app-dw log group (7 days, logs key) and the ADOT metrics group; every container logs there under the ecs prefix', () => {
    const json = compute('dev');
    expect(all(json, 'aws_cloudwatch_log_group').filter((g) => !g.name.startsWith('/aws/apigateway/'))).toEqual([
      { name: ADOT_EMF_LOG_GROUP_NAME, retention_in_days: 7, kms_key_id: remote('network', 'logs_kms_key_arn') },
      { name: '/ecs/app-dw', retention_in_days: 7, kms_key_id: remote('network', 'logs_kms_key_arn') },
    ]);
    for (const app of APPS) {
      for (const container of containersOf(json, app.name)) {
        expect(container.logConfiguration).toMatchObject({ logDriver: 'awslogs', options: { 'awslogs-group': '${aws_cloudwatch_log_group.app-log-group.name}', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' } });
      }
    }
  });

  test("the five task definitions: 1 vCPU / 2 GB, the app container and the ADOT sidecar, the seed's ports, health checks and secrets", () => {
    const json = compute('dev');
    expect(all(json, 'aws_ecs_task_definition').map((t) => t.family).sort()).toEqual(APPS.map((a) => `lang-portal-dev-${a.name}`).sort());
    for (const [name, seed] of Object.entries(SEED)) {
      const task = taskOf(json, name);
      expect(task).toMatchObject({ cpu: '1024', memory: '2048', network_mode: 'awsvpc', requires_compatibilities: ['FARGATE'] });
      expect(task.execution_role_arn).not.toBe(task.task_role_arn);
      const [app, sidecar] = containersOf(json, name);
      expect([app.name, sidecar.name]).toEqual([seed.container, 'aws-otel-collector']);
      expect([app.essential, sidecar.essential]).toEqual([true, true]);
      expect(app.image).toBe(`${remote('data', `ecr_${u(name)}_repository_url`)}:bootstrap`);
      expect(app.portMappings).toEqual([{ containerPort: seed.port, protocol: 'tcp', name: `${seed.container}-http`, appProtocol: 'http' }]);
      expect(app.healthCheck).toEqual({ command: ['CMD-SHELL', `curl -f http://localhost:${seed.port}${seed.health} || exit 1`], interval: 30, timeout: 5, retries: 3, startPeriod: 60 });
      expect(Object.fromEntries(app.secrets.map((s: Json) => [s.name, s.valueFrom]))).toEqual(Object.fromEntries(Object.entries(seed.secrets).map(([k, v]) => [k, remote('data', v)])));
      const environment = Object.fromEntries(app.environment.map((e: Json) => [e.name, e.value]));
      expect(environment).toMatchObject({ AWS_DEFAULT_REGION: 'us-east-1', OTEL_SERVICE_NAME: name });
      expect(app).toMatchObject({ readonlyRootFilesystem: true, privileged: false, mountPoints: [{ sourceVolume: 'scratch-0', containerPath: '/tmp', readOnly: false }] });
    }
    const env = (name: string) => Object.fromEntries(containersOf(json, name)[0].environment.map((e: Json) => [e.name, e.value]));
    expect(env('vocab-generator-frontend')).toMatchObject({ VOCAB_GENERATOR_BACKEND_URL: 'http://vocab-generator-backend.app-dw.internal:8000', LANG_PORTAL_API_URL: 'http://lang-portal-api.app-dw.internal:8000' });
    expect(env('writing-practice')).toMatchObject({ LANG_PORTAL_API_URL: 'http://lang-portal-api.app-dw.internal:8000', GUARDRAIL_ID: remote('ai', 'guardrail_id') });
    expect(env('haiku-api')).toMatchObject({ MEDIA_BUCKET: remote('data', 'haiku_media_bucket_name'), GUARDRAIL_VERSION: remote('ai', 'guardrail_version') });
    expect(env('vocab-generator-frontend').GUARDRAIL_ID).toBeUndefined();
  });

  test('services: rolling 200/100 with circuit-breaker rollback, grace 60 s, private subnets, their security group, registered in Cloud Map', () => {
    const json = compute('dev');
    for (const app of APPS) {
      const service = serviceOf(json, app.name);
      expect(service).toMatchObject({
        deployment_maximum_percent: 200,
        deployment_minimum_healthy_percent: 100,
        deployment_circuit_breaker: { enable: true, rollback: true },
        deployment_controller: { type: 'ECS' },
        health_check_grace_period_seconds: 60,
        desired_count: 1,
        network_configuration: { assign_public_ip: false, subnets: remote('network', 'private_app_subnet_ids'), security_groups: [remote('network', `${u(app.securityGroup)}_security_group_id`)] },
      });
      const registry = service.service_registries;
      expect(registry.registry_arn).toBe(`\${aws_service_discovery_service.${discoveryServiceId(json, app.name)}.arn}`);
      // The API apps register their port too (SRV): API Gateway's Cloud Map integration needs it.
      if (app.ingress.via === 'api') expect(registry).toMatchObject({ container_name: 'fastapi-app', container_port: 8000 });
      else expect(registry.container_port).toBeUndefined();
      if (app.ingress.via === 'alb') expect(service.load_balancer).toEqual([{ target_group_arn: expect.stringMatching(ref('aws_lb_target_group', `${app.name}-tg_target-group`, 'arn')), container_name: app.containerName, container_port: app.port }]);
      else expect(service.load_balancer).toBeUndefined();
    }
  });

  test('Cloud Map: app-dw.internal with the five services, TTL 60; the two APIs with A and SRV records', () => {
    const json = compute('dev');
    expect(all(json, 'aws_service_discovery_private_dns_namespace')).toEqual([expect.objectContaining({ name: 'app-dw.internal', vpc: remote('network', 'vpc_id') })]);
    const records = Object.fromEntries(all(json, 'aws_service_discovery_service').map((s) => [s.name, s.dns_config.dns_records]));
    expect(records).toEqual({
      'lang-portal-api': [{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 60 }],
      'haiku-api': [{ type: 'A', ttl: 60 }, { type: 'SRV', ttl: 60 }],
      'vocab-generator-frontend': [{ type: 'A', ttl: 60 }],
      'vocab-generator-backend': [{ type: 'A', ttl: 60 }],
      'writing-practice': [{ type: 'A', ttl: 60 }],
    });
  });

  test('autoscaling: 1-3 tasks (2-3 in prod), CPU 70 % and memory 70 % target tracking, scale-in cooldown 300 s, scale-out 60 s', () => {
    for (const t of all(compute('dev'), 'aws_appautoscaling_target')) expect([t.min_capacity, t.max_capacity]).toEqual([1, 3]);
    const json = compute('prod');
    const targets = all(json, 'aws_appautoscaling_target');
    expect(targets).toHaveLength(APPS.length);
    for (const app of APPS) expect(targets.filter((t) => t.resource_id.includes(`aws_ecs_service.${app.name}-service_`))).toHaveLength(1);
    for (const t of targets) expect([t.min_capacity, t.max_capacity]).toEqual([2, 3]);
    const tracking = all(json, 'aws_appautoscaling_policy').filter((p) => p.policy_type === 'TargetTrackingScaling');
    expect(tracking).toHaveLength(APPS.length * 2);
    for (const p of tracking) {
      const c = p.target_tracking_scaling_policy_configuration;
      expect([c.target_value, c.scale_in_cooldown, c.scale_out_cooldown]).toEqual([70, 300, 60]);
    }
    expect(tracking.map((p) => p.target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type).sort()).toEqual(
      [...APPS.map(() => 'ECSServiceAverageCPUUtilization'), ...APPS.map(() => 'ECSServiceAverageMemoryUtilization')].sort(),
    );
  });

  test('public ALB over the public subnets: access logs, deletion protection in prod, 80 redirects, 443 TLS 1.3 with host rules 20 (vocab) and 30 (writing)', () => {
    const json = compute('dev');
    expect(all(json, 'aws_lb')).toEqual([
      expect.objectContaining({
        name: 'lang-portal-dev-alb',
        internal: false,
        subnets: remote('network', 'public_subnet_ids'),
        security_groups: [remote('network', 'alb_security_group_id')],
        access_logs: { bucket: remote('data', 'logs_bucket_name'), prefix: 'alb', enabled: true },
        enable_deletion_protection: false,
      }),
    ]);
    expect(all(compute('prod'), 'aws_lb')[0].enable_deletion_protection).toBe(true);
    const listeners = Object.fromEntries(all(json, 'aws_lb_listener').map((l) => [l.port, l]));
    expect(listeners[80]).toMatchObject({ protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }] });
    expect(listeners[443]).toMatchObject({ protocol: 'HTTPS', certificate_arn: remote('network', 'certificate_arn'), ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(listeners[443].default_action[0].fixed_response.status_code).toBe('404');
    const rules = all(json, 'aws_lb_listener_rule').map((r) => [r.priority, r.condition[0].host_header.values, r.action[0].target_group_arn]);
    expect(rules).toEqual([
      [20, ['vocab.dev.app-dw.net'], expect.stringMatching(ref('aws_lb_target_group', 'vocab-generator-frontend-tg_target-group', 'arn'))],
      [30, ['writing.dev.app-dw.net'], expect.stringMatching(ref('aws_lb_target_group', 'writing-practice-tg_target-group', 'arn'))],
    ]);
    expect(all(compute('prod'), 'aws_lb_listener_rule').map((r) => r.condition[0].host_header.values[0])).toEqual(['vocab.app-dw.net', 'writing.app-dw.net']);
  });

  test("target groups: the seed's ports and health checks (interval 30, timeout 5, thresholds 2/3, matcher 200), deregistration 30 s", () => {
    const groups = Object.fromEntries(all(compute('dev'), 'aws_lb_target_group').map((g) => [g.name, g]));
    expect(Object.keys(groups).sort()).toEqual(['lang-portal-dev-vocab-tg', 'lang-portal-dev-writing-tg']);
    for (const [name, port] of [['vocab', 8501], ['writing', 7860]] as const) {
      expect(groups[`lang-portal-dev-${name}-tg`]).toMatchObject({
        port,
        protocol: 'HTTP',
        target_type: 'ip',
        vpc_id: remote('network', 'vpc_id'),
        deregistration_delay: '30',
        health_check: { path: '/healthz', port: String(port), interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, matcher: '200' },
      });
    }
  });

  test('one HTTP API per site: VPC link over the private subnets, Cloud Map integration, ANY /api/{proxy+} behind the Cognito JWT authorizer, throttling, access logs', () => {
    const json = compute('dev');
    const apis = all(json, 'aws_apigatewayv2_api');
    expect(apis.map((a) => a.name).sort()).toEqual(['lang-portal-dev-haiku-api', 'lang-portal-dev-lang-portal-api']);
    for (const link of all(json, 'aws_apigatewayv2_vpc_link')) {
      expect(link).toMatchObject({ subnet_ids: remote('network', 'private_app_subnet_ids'), security_group_ids: [remote('network', 'api_vpc_link_security_group_id')] });
    }
    for (const site of SITES) {
      const api = `${site.name}-http-api`;
      const integration = byAddress(json, 'aws_apigatewayv2_integration', resourcesOf(json, 'aws_apigatewayv2_integration').find(([id]) => id.startsWith(`${api}_`))![0]);
      expect(integration).toMatchObject({ integration_type: 'HTTP_PROXY', connection_type: 'VPC_LINK', integration_uri: `\${aws_service_discovery_service.${discoveryServiceId(json, site.api)}.arn}` });
      const route = resourcesOf(json, 'aws_apigatewayv2_route').find(([id]) => id.startsWith(`${api}_`))![1];
      expect(route).toMatchObject({ route_key: 'ANY /api/{proxy+}', authorization_type: 'JWT' });
      const authorizer = resourcesOf(json, 'aws_apigatewayv2_authorizer').find(([id]) => id.startsWith(`${api}_`))![1];
      expect(authorizer).toMatchObject({
        authorizer_type: 'JWT',
        jwt_configuration: { issuer: `https://cognito-idp.us-east-1.amazonaws.com/${remote('data', 'cognito_user_pool_id')}`, audience: [remote('data', `cognito_${u(site.name)}_client_id`)] },
      });
      const stage = resourcesOf(json, 'aws_apigatewayv2_stage').find(([id]) => id.startsWith(`${api}_`))![1];
      expect(stage.default_route_settings).toMatchObject({ throttling_rate_limit: 50, throttling_burst_limit: 100, detailed_metrics_enabled: true });
      expect(stage.access_log_settings.destination_arn).toMatch(ref('aws_cloudwatch_log_group', `${api}_access-log-group`, 'arn'));
    }
    for (const group of all(json, 'aws_cloudwatch_log_group').filter((g) => g.name.startsWith('/aws/apigateway/'))) expect(group).toMatchObject({ retention_in_days: 7, kms_key_id: remote('network', 'logs_kms_key_arn') });
    const prod = all(compute('prod'), 'aws_apigatewayv2_stage').map((s) => [s.default_route_settings.throttling_rate_limit, s.default_route_settings.throttling_burst_limit]);
    expect(prod).toEqual([[200, 400], [200, 400]]);
  });

  test('least privilege: each execution role pulls its repository and reads exactly its secrets; task roles get their capabilities only', () => {
    const json = compute('dev');
    for (const [name, seed] of Object.entries(SEED)) {
      const execution = policiesOfRole(json, `${name}-execution-role`);
      expect(statement(execution, 'EcrPull')!.Resource).toBe(remote('data', `ecr_${u(name)}_repository_arn`));
      expect(statement(execution, 'WriteLogs')!.Resource).toBe('arn:aws:logs:us-east-1:701000000001:log-group:/ecs/app-dw:log-stream:ecs/*');
      expect(statement(execution, 'InjectSecrets')!.Resource).toEqual([...new Set(Object.values(seed.secrets))].map((o) => remote('data', o)));
      expect(statement(execution, 'DecryptSecrets')).toMatchObject({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } });
    }
    const attachments = all(json, 'aws_iam_role_policy_attachment').map((a) => [a.role.match(/aws_iam_role\.(.+)-task-role_/)![1], a.policy_arn.match(/outputs\.(\w+)\}/)![1]]);
    expect(attachments.sort()).toEqual(
      [
        ['haiku-api', 'bedrock_text_policy_arn'],
        ['lang-portal-api', 'bedrock_image_policy_arn'],
        ['lang-portal-api', 'bedrock_text_policy_arn'],
        ['lang-portal-api', 'polly_policy_arn'],
        ['vocab-generator-backend', 'bedrock_text_policy_arn'],
        ['vocab-generator-backend', 'polly_policy_arn'],
        ['writing-practice', 'bedrock_text_policy_arn'],
      ].sort(),
    );
    const langPortalTask = policiesOfRole(json, 'lang-portal-api-task-role');
    expect(statement(langPortalTask, 'DatabaseConnect')).toEqual({ Sid: 'DatabaseConnect', Effect: 'Allow', Action: 'rds-db:connect', Resource: remote('data', 'lang_portal_proxy_db_user_arn') });
    expect(statement(langPortalTask, 'MediaObjects')!.Resource).toBe(`${remote('data', 'lang_portal_media_bucket_arn')}/*`);
    expect(statement(langPortalTask, 'AdotXRayWrite')).toBeDefined();
    const vocabFrontendTask = policiesOfRole(json, 'vocab-generator-frontend-task-role');
    expect(vocabFrontendTask.map((s) => s.Sid)).toEqual(['AdotXRayWrite', 'AdotEmfMetrics']);
    expect(statement(policiesOfRole(json, 'haiku-api-task-role'), 'DatabaseConnect')!.Resource).toBe(remote('data', 'haiku_proxy_db_user_arn'));
  });

  test('alarms: ECS CPU and memory above 85 % per service (warning topic), failed tasks (critical topic)', () => {
    const json = compute('dev');
    const alarms = all(json, 'aws_cloudwatch_metric_alarm');
    const usage = alarms.filter((a) => a.namespace === 'AWS/ECS' && a.threshold === 85);
    expect(usage).toHaveLength(APPS.length * 2);
    for (const a of usage) expect(a.alarm_actions).toEqual([remote('network', 'warning_alerts_topic_arn')]);
    const failed = alarms.find((a) => a.alarm_name === 'lang-portal-dev-ecs-failed-tasks')!;
    expect(failed).toMatchObject({ namespace: 'AWS/Events', metric_name: 'TriggeredRules', threshold: 0, alarm_actions: [remote('network', 'critical_alerts_topic_arn')] });
    const rule = all(json, 'aws_cloudwatch_event_rule').find((r) => r.name === 'lang-portal-dev-ecs-failed-tasks')!;
    expect(JSON.parse(rule.event_pattern).detail.group).toEqual(APPS.map((a) => `service:lang-portal-dev-${a.name}`));
  });

  test('publishes the compute contract the edge layer reads', () => {
    const stack = langPortalStacks('dev', 'compute').compute;
    const names = stack.contract.map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'ecs_cluster_name',
        'ecs_cluster_arn',
        ...APPS.flatMap((a) => [`${u(a.name)}_service_name`, `${u(a.name)}_task_role_arn`, `${u(a.name)}_execution_role_arn`]),
        'alb_arn',
        'alb_arn_suffix',
        'alb_dns_name',
        'alb_zone_id',
        'vocab_generator_frontend_target_group_arn_suffix',
        'writing_practice_target_group_arn_suffix',
        ...SITES.flatMap((s) => [`${u(s.name)}_http_api_id`, `${u(s.name)}_http_api_endpoint`, `${u(s.name)}_http_api_host`]),
        'cloud_map_namespace_id',
        'app_log_group_name',
      ]),
    );
    const samples = Object.fromEntries(stack.contract.map((o) => [o.name, o.sample]));
    expect(samples.alb_arn_suffix).toMatch(/^app\/lang-portal-dev-alb\/[0-9a-f]{16}$/);
    expect(samples.lang_portal_http_api_host).toMatch(/^[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(samples.app_log_group_name).toBe('/ecs/app-dw');
  });

  test.each(['dev', 'staging', 'prod'] as const)('policy pack (%s): no finding but the ALB WAF association, which the edge layer makes', (env) => {
    const stacks = langPortalStacks(env, 'compute');
    const report = evaluate(Object.values(stacks).map((s) => ({ name: s.node.id, json: synthJson(s) })));
    const findings = report.stacks.find((s) => s.stack === `lang-portal-${env}-compute`)!.findings.filter((f) => !f.suppressed);
    // ECS-05 asks prod for 2+ tasks; it fires only while the prod config keeps the seed's one task.
    const single = env === 'prod' ? APPS.filter((a) => langPortalConfig(env).compute!.services![a.name].desiredTasks < 2).map((a) => `ECS-05 ${a.name}`) : [];
    const seen = findings.map((f) => (f.ruleId === 'ECS-05' ? `ECS-05 ${APPS.find((a) => f.address.startsWith(`aws_ecs_service.${a.name}-service_`))?.name}` : `${f.ruleId} ${f.address}`));
    expect(seen.sort()).toEqual([...single, expect.stringMatching(/^LB-05 aws_lb\.alb_[A-F0-9]{8}$/)].sort());
  });

  test('a config without the HTTP API throttle is rejected', () => {
    expect(langPortalConfigError((d) => delete d.compute.httpApi)).toMatch(/compute\.httpApi/);
  });

  test('terraform validates and plans the dev compute stack offline (upstream outputs from their samples)', () => {
    const stacks = langPortalStacks('dev', 'compute');
    expect(expectOfflinePlan(synthJson(stacks.compute), Object.values(stacks).filter((s) => s !== stacks.compute))).not.toMatch(/Warning/);
  });

  test('target TLS (LB-07): staging/prod ALB target groups speak HTTPS to a tls-proxy on 8443, which forwards to the app port; dev keeps HTTP', () => {
    for (const env of ['staging', 'prod'] as const) {
      const json = compute(env);
      const tgs = all(json, 'aws_lb_target_group');
      expect(tgs.length).toBe(2);
      for (const tg of tgs) expect(tg).toMatchObject({ protocol: 'HTTPS', port: 8443, health_check: { protocol: 'HTTPS', port: '8443' } });
      for (const app of ['vocab-generator-frontend', 'writing-practice']) {
        const appSpec = APPS.find((a) => a.name === app)!;
        expect(serviceOf(json, app, env).load_balancer[0]).toMatchObject({ container_name: 'tls-proxy', container_port: 8443 });
        const task = all(json, 'aws_ecs_task_definition').find((t) => t.family === `lang-portal-${env}-${app}`)!;
        const proxy = (parsed(task.container_definitions) as unknown as Json[]).find((c) => c.name === 'tls-proxy')!;
        expect(proxy.environment).toEqual([{ name: 'APP_PORT', value: String(appSpec.port) }, { name: 'TLS_PORT', value: '8443' }]);
        expect(proxy.image).toBe(`${env === 'prod' ? '701000000003' : '701000000002'}.dkr.ecr.us-east-1.amazonaws.com/lang-portal-${env}-tls-proxy:1.0.0`);
      }
      // Services behind API Gateway (no target group) get no proxy; the execution roles of the ALB apps may pull it.
      const apiTask = all(json, 'aws_ecs_task_definition').find((t) => t.family === `lang-portal-${env}-lang-portal-api`)!;
      expect((parsed(apiTask.container_definitions) as unknown as Json[]).map((c) => c.name)).not.toContain('tls-proxy');
      const pulls = all(json, 'aws_iam_role_policy').filter((p) => p.name === 'tls-proxy-pull');
      expect(pulls.length).toBe(2);
      for (const pull of pulls) expect(JSON.parse(pull.policy).Statement[0].Resource).toMatch(new RegExp(`^arn:aws:ecr:us-east-1:\\d{12}:repository/lang-portal-${env}-tls-proxy$`));
    }
    const dev = compute('dev');
    for (const tg of all(dev, 'aws_lb_target_group')) expect(tg.protocol).toBe('HTTP');
    expect(containersOf(dev, 'writing-practice').map((c) => c.name)).not.toContain('tls-proxy');
  });
});
