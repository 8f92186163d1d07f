import { Testing } from 'cdktf';
import { bidopsBlueprint } from '../../../stacks/bidops';
import { BACKEND, BidopsComputeStack, FRONTEND } from '../../../stacks/bidops/compute';
import { buildLayers } from '../../../src/app/build-app';
import { AccountBaseline } from '../../../src/config/baseline';
import { suppressionsOf } from '../../../src/policy/suppressions';
import { LayerGraph } from '../../../src/core/layer-graph';
import { EnvName } from '../../../src/core/names';
import { DEFAULT_STATE, Json, PLATFORM, bidopsConfig, bidopsStacks, parsed, resourcesOf, synthJson } from '../../helpers';

/** The compute stack of `env` (built after network, data and ai, through the blueprint). */
function buildCompute(env: EnvName): BidopsComputeStack {
  return bidopsStacks(env, 'compute').compute as BidopsComputeStack;
}

const synths = new Map<EnvName, Json>();
function compute(env: EnvName): Json {
  if (!synths.has(env)) synths.set(env, synthJson(buildCompute(env)));
  return synths.get(env)!;
}

const named = (json: Json, type: string, name: string): Json => {
  const found = resourcesOf(json, type).find(([, r]) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found[1];
};
const containersOf = (json: Json, family: string): Json[] => parsed(resourcesOf(json, 'aws_ecs_task_definition').find(([, t]) => t.family === family)![1].container_definitions) as Json[];

describe('BidopsComputeStack (bidops)', () => {
  test('throws a clear error when an upstream layer is missing', () => {
    expect(buildCompute('dev').dependencies.map((d) => d.node.id)).toEqual(['bidops-dev-network', 'bidops-dev-data', 'bidops-dev-ai']);
    const graph = new LayerGraph('bidops', bidopsBlueprint.layers);
    const config = bidopsConfig('dev');
    const withoutDataAndAi = { blueprint: bidopsBlueprint, graph, config, baseline: AccountBaseline.sole(config), layers: ['network' as const, 'compute' as const] };
    expect(() => buildLayers(Testing.app(), withoutDataAndAi, DEFAULT_STATE, PLATFORM)).toThrow(/compute reads data, which is not built before it/);
  });

  test('cluster with Container Insights and FARGATE + FARGATE_SPOT; prod keeps an on-demand base and splits 50/50', () => {
    const json = compute('prod');
    const cluster = named(json, 'aws_ecs_cluster', 'bidops-prod');
    expect(cluster.setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    const [[, providers]] = resourcesOf(json, 'aws_ecs_cluster_capacity_providers');
    expect(providers.capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
    const service = named(json, 'aws_ecs_service', 'bidops-prod-backend');
    expect(service.capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', base: 2, weight: 1 },
      { capacity_provider: 'FARGATE_SPOT', weight: 1 },
    ]);
    const dev = named(compute('dev'), 'aws_ecs_service', 'bidops-dev-frontend');
    const spot = dev.capacity_provider_strategy.find((s: Json) => s.capacity_provider === 'FARGATE_SPOT');
    const onDemand = dev.capacity_provider_strategy.find((s: Json) => s.capacity_provider === 'FARGATE');
    expect(spot.weight).toBeGreaterThan(onDemand.weight);
  });

  test('task sizes and counts come from config (seed prod: frontend 512/1024, backend 1024/2048, desired 2)', () => {
    const json = compute('prod');
    const tasks = Object.fromEntries(resourcesOf(json, 'aws_ecs_task_definition').map(([, t]) => [t.family, t]));
    expect(tasks['bidops-prod-frontend']).toMatchObject({ cpu: '512', memory: '1024', network_mode: 'awsvpc', requires_compatibilities: ['FARGATE'] });
    expect(tasks['bidops-prod-backend']).toMatchObject({ cpu: '1024', memory: '2048', network_mode: 'awsvpc' });
    expect(named(json, 'aws_ecs_service', 'bidops-prod-frontend').desired_count).toBe(2);
    const dev = Object.fromEntries(resourcesOf(compute('dev'), 'aws_ecs_task_definition').map(([, t]) => [t.family, t]));
    expect(dev['bidops-dev-frontend']).toMatchObject({ cpu: '256', memory: '512' });
  });

  test('services: private subnets, no public IP, their own SG, circuit breaker with rollback, 50/200, grace 60s', () => {
    const json = compute('prod');
    for (const [name, sgOutput, port] of [['frontend', 'frontend_security_group_id', 3000], ['backend', 'backend_security_group_id', 4000]] as const) {
      const service = named(json, 'aws_ecs_service', `bidops-prod-${name}`);
      expect(service.network_configuration.assign_public_ip).toBe(false);
      expect(service.network_configuration.subnets).toContain('private_app_subnet_ids');
      expect(service.network_configuration.security_groups[0]).toContain(sgOutput);
      expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
      expect(service).toMatchObject({ deployment_minimum_healthy_percent: 50, deployment_maximum_percent: 200, health_check_grace_period_seconds: 60 });
      // Prod: the ALBs reach the tasks through the tls-proxy sidecar (compute.targetTls); dev the app itself.
      expect(service.load_balancer[0]).toMatchObject({ container_name: 'tls-proxy', container_port: 8443 });
      expect(named(compute('dev'), 'aws_ecs_service', `bidops-dev-${name}`).load_balancer[0]).toMatchObject({ container_name: name, container_port: port });
      expect(service.launch_type).toBeUndefined();
    }
  });

  test('containers: ports, awslogs to /aws/ecs/<prefix>-<service> with KMS and 30 days, X-Ray sidecar logging, no privileges, read-only root', () => {
    const json = compute('dev');
    for (const [name, port] of [['frontend', FRONTEND.port], ['backend', BACKEND.port]] as const) {
      const group = named(json, 'aws_cloudwatch_log_group', `/aws/ecs/bidops-dev-${name}`);
      expect(group.retention_in_days).toBe(30);
      expect(group.kms_key_id).toContain('logs_kms_key_arn');
      const containers = containersOf(json, `bidops-dev-${name}`);
      expect(containers.map((c) => c.name)).toEqual([name, 'xray-daemon']);
      const [app, xray] = containers;
      expect(app.portMappings[0]).toMatchObject({ containerPort: port, protocol: 'tcp' });
      expect(xray.portMappings[0]).toMatchObject({ containerPort: 2000, protocol: 'udp' });
      for (const c of containers) {
        expect(c.logConfiguration.logDriver).toBe('awslogs');
        expect(c.logConfiguration.options['awslogs-group']).toBe(`/aws/ecs/bidops-dev-${name}`);
        expect(c.privileged).toBe(false);
        expect(c.readonlyRootFilesystem).toBe(true);
      }
    }
  });

  test('secrets are injected with valueFrom, never as environment; frontend gets the seed variables', () => {
    const json = compute('dev');
    const [backend] = containersOf(json, 'bidops-dev-backend');
    expect(backend.secrets.map((s: Json) => s.name)).toEqual(['DB_PASSWORD', 'DB_USERNAME', 'EXTERNAL_API_KEYS', 'JWT_SECRET']);
    expect(backend.secrets.find((s: Json) => s.name === 'DB_PASSWORD').valueFrom).toMatch(/aurora_master_user_secret_arn.*:password::$/);
    expect(backend.environment.map((e: Json) => e.name).filter((n: string) => /PASSWORD|SECRET|TOKEN|KEY$/.test(n))).toEqual([]);
    const [frontend] = containersOf(json, 'bidops-dev-frontend');
    const env = Object.fromEntries(frontend.environment.map((e: Json) => [e.name, e.value]));
    expect(env.NEXT_PUBLIC_API_URL).toBe('https://api.dev.bidops.ai/graphql');
    expect(env.NEXT_PUBLIC_COGNITO_USER_POOL_ID).toContain('cognito_user_pool_id');
    expect(env.NEXT_PUBLIC_COGNITO_CLIENT_ID).toContain('cognito_user_pool_client_id');
    expect(env.NEXT_PUBLIC_REGION).toBe('us-east-1');
    expect(env.AGENTCORE_RUNTIME_ARN).toContain('agentcore_runtime_arn');
    expect(env.AGENTCORE_ENDPOINT).toBe('https://bedrock-agentcore.us-east-1.amazonaws.com');
    expect(env.BACKEND_GRAPHQL_URL).toMatch(/^http:\/\/\$\{aws_lb\.internal-alb.*dns_name\}\/graphql$/);
  });

  test('execution and task roles are four distinct roles trusted only by ECS tasks of this account', () => {
    const json = compute('dev');
    const tasks = resourcesOf(json, 'aws_ecs_task_definition').map(([, t]) => t);
    for (const t of tasks) expect(t.execution_role_arn).not.toBe(t.task_role_arn);
    const roles = resourcesOf(json, 'aws_iam_role').filter(([, r]) => r.assume_role_policy.includes('ecs-tasks.amazonaws.com'));
    expect(roles.map(([, r]) => r.name).sort()).toEqual(['bidops-dev-backend-execution', 'bidops-dev-backend-task', 'bidops-dev-frontend-execution', 'bidops-dev-frontend-task']);
    for (const [, role] of roles) {
      const [statement] = parsed(role.assume_role_policy).Statement;
      expect(statement.Condition.StringEquals['aws:SourceAccount']).toBe('222222222222');
    }
  });

  test('backend task policy: the seed actions scoped to this env (models, KB, guardrail, documents, secrets); no wildcard actions', () => {
    const json = compute('dev');
    const [, policy] = resourcesOf(json, 'aws_iam_role_policy').find(([, p]) => p.role.includes('backend-task-role'))!;
    const statements = parsed(policy.policy).Statement as Json[];
    const sid = (s: string) => statements.find((x) => x.Sid === s)!;
    expect(sid('InvokeModels').Resource).toContain('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0');
    expect(sid('KnowledgeBase').Action).toEqual(['bedrock:GetKnowledgeBase', 'bedrock:Retrieve', 'bedrock:RetrieveAndGenerate']);
    expect(sid('KnowledgeBase').Resource).toContain('knowledge_base_arn');
    expect(sid('Guardrail').Resource).toContain('guardrail_arn');
    expect(sid('Documents')).toMatchObject({ Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'] });
    expect(sid('Documents').Resource).toMatch(/documents_bucket_arn.*\/\*$/);
    expect(sid('Secrets').Resource).toHaveLength(3);
    for (const s of statements) {
      const actions = ([] as string[]).concat(s.Action);
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
      if (s.Resource === '*') expect(actions.every((a) => /^(xray:|bedrock:ListFoundationModels$)/.test(a))).toBe(true);
    }
  });

  test('autoscaling: CPU 70 / memory 80 target tracking (out 300s, in 600s), +2 step above 90% CPU with its alarm, ALB requests per target', () => {
    const json = compute('prod');
    const targets = resourcesOf(json, 'aws_appautoscaling_target').map(([, t]) => t);
    const range = (service: string) => targets.filter((t) => t.resource_id.includes(`aws_ecs_service.${service}-service_`)).map((t) => [t.min_capacity, t.max_capacity, t.scalable_dimension]);
    expect(range('frontend')).toEqual([[2, 10, 'ecs:service:DesiredCount']]);
    expect(range('backend')).toEqual([[2, 20, 'ecs:service:DesiredCount']]);
    for (const t of targets) expect(t.resource_id).toMatch(/^service\/\$\{aws_ecs_cluster\./);
    const policies = resourcesOf(json, 'aws_appautoscaling_policy').map(([, p]) => p);
    const tracking = (metric: string) => policies.filter((p) => p.target_tracking_scaling_policy_configuration?.predefined_metric_specification.predefined_metric_type === metric);
    for (const [metric, value] of [['ECSServiceAverageCPUUtilization', 70], ['ECSServiceAverageMemoryUtilization', 80], ['ALBRequestCountPerTarget', 1000]] as const) {
      const found = tracking(metric);
      expect(found).toHaveLength(2);
      for (const p of found) expect(p.target_tracking_scaling_policy_configuration).toMatchObject({ target_value: value, scale_out_cooldown: 300, scale_in_cooldown: 600 });
    }
    expect(tracking('ALBRequestCountPerTarget')[0].target_tracking_scaling_policy_configuration.predefined_metric_specification.resource_label).toMatch(/arn_suffix\}\/\$\{aws_lb_target_group/);
    const steps = policies.filter((p) => p.policy_type === 'StepScaling');
    expect(steps).toHaveLength(2);
    for (const p of steps) expect(p.step_scaling_policy_configuration.step_adjustment).toEqual([{ metric_interval_lower_bound: '0', scaling_adjustment: 2 }]);
    const burst = resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => a).filter((a) => a.alarm_name.endsWith('cpu-above-90'));
    expect(burst).toHaveLength(2);
    for (const a of burst) {
      expect(a).toMatchObject({ metric_name: 'CPUUtilization', threshold: 90, comparison_operator: 'GreaterThanThreshold' });
      expect(a.alarm_actions[0]).toMatch(/aws_appautoscaling_policy/);
    }
  });

  test('dev stops both services outside working hours; staging and prod run around the clock', () => {
    const names = resourcesOf(compute('dev'), 'aws_appautoscaling_scheduled_action').map(([, a]) => a.name).sort();
    expect(names).toHaveLength(4);
    for (const service of ['backend', 'frontend']) {
      for (const step of ['start', 'stop']) expect(names).toContainEqual(expect.stringMatching(new RegExp(`^\\$\\{aws_ecs_service\\.${service}-service_\\w+\\.name\\}-off-hours-${step}$`)));
    }
    expect(resourcesOf(compute('prod'), 'aws_appautoscaling_scheduled_action')).toEqual([]);
    expect(resourcesOf(compute('staging'), 'aws_appautoscaling_scheduled_action')).toEqual([]);
  });

  test('external ALB: public, HTTP 301 redirect, HTTPS with the network certificate and TLS 1.3 policy, 404 default, app host -> frontend, /health 200', () => {
    const json = compute('prod');
    const alb = named(json, 'aws_lb', 'bidops-prod-ext-alb');
    expect(alb).toMatchObject({ internal: false, drop_invalid_header_fields: true, desync_mitigation_mode: 'strictest', enable_deletion_protection: true, load_balancer_type: 'application' });
    expect(alb.access_logs).toMatchObject({ enabled: true, prefix: 'external-alb' });
    expect(alb.access_logs.bucket).toContain('logs_bucket_name');
    expect(alb.subnets).toContain('public_subnet_ids');
    const listeners = resourcesOf(json, 'aws_lb_listener').map(([, l]) => l);
    const http = listeners.find((l) => l.port === 80 && l.load_balancer_arn.includes('external-alb'))!;
    expect(http.default_action[0]).toEqual({ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } });
    const https = listeners.find((l) => l.port === 443)!;
    expect(https).toMatchObject({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(https.certificate_arn).toContain('certificate_arn');
    expect(https.default_action[0].fixed_response.status_code).toBe('404');
    const rules = resourcesOf(json, 'aws_lb_listener_rule').map(([, r]) => r).filter((r) => r.listener_arn.includes('external-https'));
    const app = rules.find((r) => r.priority === 100)!;
    expect(app.condition[0].host_header.values).toEqual(['app.bidops.ai']);
    expect(app.action[0].target_group_arn).toContain('frontend-tg');
    const health = rules.find((r) => r.priority === 200)!;
    expect(health.condition[0].path_pattern.values).toEqual(['/health']);
    expect(health.action[0].fixed_response.status_code).toBe('200');
    expect(named(compute('dev'), 'aws_lb', 'bidops-dev-ext-alb').enable_deletion_protection).toBe(false);
  });

  test('internal ALB: private, HTTP 80 with /graphql -> backend and /health 200, access logs', () => {
    const json = compute('dev');
    const alb = named(json, 'aws_lb', 'bidops-dev-int-alb');
    expect(alb).toMatchObject({ internal: true, drop_invalid_header_fields: true });
    expect(alb.subnets).toContain('private_app_subnet_ids');
    expect(alb.access_logs).toMatchObject({ enabled: true, prefix: 'internal-alb' });
    const listener = resourcesOf(json, 'aws_lb_listener').map(([, l]) => l).find((l) => l.load_balancer_arn.includes('internal-alb'))!;
    expect(listener).toMatchObject({ protocol: 'HTTP', port: 80 });
    const rules = resourcesOf(json, 'aws_lb_listener_rule').map(([, r]) => r).filter((r) => r.listener_arn.includes('internal-http'));
    const graphql = rules.find((r) => r.priority === 100)!;
    expect(graphql.condition[0].path_pattern.values).toContain('/graphql');
    expect(graphql.action[0].target_group_arn).toContain('backend-tg');
    const stack = buildCompute('dev');
    expect(suppressionsOf(stack.internalListener.listener).map((r) => r.id)).toEqual(['LB-01']);
  });

  test('internal ALB in staging and prod: HTTPS 443 with the zone certificate under internal-api.<domain>, no LB-01 exception', () => {
    for (const env of ['staging', 'prod'] as const) {
      const json = compute(env);
      const listener = resourcesOf(json, 'aws_lb_listener').map(([, l]) => l).find((l) => l.load_balancer_arn.includes('internal-alb'))!;
      expect(listener).toMatchObject({ protocol: 'HTTPS', port: 443, ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificate_arn: '${data.terraform_remote_state.network.outputs.certificate_arn}' });
      const domain = env === 'prod' ? 'bidops.ai' : `${env}.bidops.ai`;
      const record = resourcesOf(json, 'aws_route53_record').map(([, r]) => r).find((r) => r.name === `internal-api.${domain}`)!;
      expect(record).toMatchObject({ type: 'A', zone_id: '${data.terraform_remote_state.network.outputs.hosted_zone_id}' });
      expect(record.alias.name).toMatch(/^\$\{aws_lb\.internal-alb.*\.dns_name\}$/);
      const [frontend] = containersOf(json, `bidops-${env}-frontend`);
      const vars = Object.fromEntries(frontend.environment.map((e: Json) => [e.name, e.value]));
      expect(vars.BACKEND_GRAPHQL_URL).toBe(`https://internal-api.${domain}/graphql`);
      expect(suppressionsOf(buildCompute(env).internalListener.listener)).toEqual([]);
    }
  });

  test('target groups: ip targets with the seed health checks (path, 30s, 5s, 2/3, 200)', () => {
    const json = compute('dev');
    for (const [name, port, path] of [['frontend', 3000, '/api/health'], ['backend', 4000, '/health']] as const) {
      const tg = named(json, 'aws_lb_target_group', `bidops-dev-${name}-tg`);
      expect(tg).toMatchObject({ port, protocol: 'HTTP', target_type: 'ip' });
      expect(tg.health_check).toMatchObject({ path, interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, matcher: '200', port: String(port) });
    }
  });

  test('GitHub OIDC deploy role: trusted only by the configured repo and branch, ECR push, ECS update, PassRole constrained', () => {
    const json = compute('dev');
    const [[, provider]] = resourcesOf(json, 'aws_iam_openid_connect_provider');
    expect(provider.url).toBe('https://token.actions.githubusercontent.com');
    expect(provider.client_id_list).toEqual(['sts.amazonaws.com']);
    expect(provider.thumbprint_list.length).toBeGreaterThan(0);
    const role = named(json, 'aws_iam_role', 'bidops-dev-github-deploy');
    const [trust] = parsed(role.assume_role_policy).Statement;
    expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust.Condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': 'repo:bidops-ai/bidops:ref:refs/heads/main',
    });
    const [, policy] = resourcesOf(json, 'aws_iam_role_policy').find(([, p]) => p.role.includes('github-deploy'))!;
    const statements = parsed(policy.policy).Statement as Json[];
    const pass = statements.find((s) => s.Action === 'iam:PassRole')!;
    expect(pass.Resource).toHaveLength(4);
    expect(pass.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
    expect(statements.find((s) => s.Sid === 'DeployServices')!.Resource).toEqual([
      'arn:aws:ecs:us-east-1:222222222222:service/bidops-dev/bidops-dev-frontend',
      'arn:aws:ecs:us-east-1:222222222222:service/bidops-dev/bidops-dev-backend',
    ]);
    expect(statements.find((s) => s.Sid === 'EcrPush')!.Action).toContain('ecr:PutImage');
  });

  test('alarms: ALB 5xx and unhealthy targets to critical, response time and ECS CPU/memory to warning', () => {
    const alarms = resourcesOf(compute('dev'), 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
    const by = (metric: string) => alarms.filter((a) => a.metric_name === metric);
    expect(by('HTTPCode_ELB_5XX_Count')).toHaveLength(2);
    for (const a of by('HTTPCode_ELB_5XX_Count')) {
      expect(a).toMatchObject({ threshold: 10, period: 300, statistic: 'Sum' });
      expect(a.alarm_actions[0]).toContain('critical_alerts_topic_arn');
    }
    for (const a of by('TargetResponseTime')) {
      expect(a.threshold).toBe(2);
      expect(a.alarm_actions[0]).toContain('warning_alerts_topic_arn');
    }
    expect(by('MemoryUtilization').map((a) => a.threshold)).toEqual([85, 85]);
    expect(by('CPUUtilization').filter((a) => a.alarm_actions[0].includes('warning_alerts_topic_arn')).map((a) => a.threshold)).toEqual([80, 80]);
  });

  test('X-Ray sampling rule and the published outputs', () => {
    const json = compute('dev');
    const [[, rule]] = resourcesOf(json, 'aws_xray_sampling_rule');
    expect(rule).toMatchObject({ rule_name: 'bidops-dev', service_name: 'bidops-dev-*' });
    for (const name of ['ecs_cluster_name', 'ecs_cluster_arn', 'external_alb_arn', 'external_alb_arn_suffix', 'external_alb_dns_name', 'external_alb_zone_id', 'internal_alb_arn', 'internal_alb_dns_name', 'frontend_service_name', 'backend_service_name', 'frontend_target_group_arn_suffix', 'backend_target_group_arn_suffix', 'github_deploy_role_arn']) {
      expect(json.output[name]?.description).toBeTruthy();
    }
  });

  test('uses no data source that calls AWS at plan time', () => {
    const calling = ['aws_caller_identity', 'aws_region', 'aws_availability_zones', 'aws_partition', 'aws_elb_service_account'];
    expect(Object.keys(compute('dev').data ?? {}).filter((type) => calling.includes(type))).toEqual([]);
  });

  test('target TLS (LB-07): staging and prod target groups speak HTTPS to the tls-proxy on 8443, dev keeps HTTP to the app ports', () => {
    for (const env of ['staging', 'prod'] as const) {
      const json = compute(env);
      for (const name of ['frontend', 'backend']) {
        // A new name, created before the HTTP group it replaces is destroyed (the listener still uses it).
        const tg = named(json, 'aws_lb_target_group', `bidops-${env}-${name}-tls`);
        expect(tg).toMatchObject({ protocol: 'HTTPS', port: 8443, health_check: { protocol: 'HTTPS', port: '8443' }, lifecycle: { create_before_destroy: true } });
        const proxy = containersOf(json, `bidops-${env}-${name}`).find((c) => c.name === 'tls-proxy')!;
        expect(proxy.image).toMatch(new RegExp(`^\\d{12}\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/bidops-${env}-tls-proxy:1\\.0\\.0$`));
        expect(proxy.environment).toEqual([
          { name: 'APP_PORT', value: String(name === 'frontend' ? FRONTEND.port : BACKEND.port) },
          { name: 'TLS_PORT', value: '8443' },
        ]);
      }
      // The execution roles may pull the proxy image (its repository only).
      const policies = resourcesOf(json, 'aws_iam_role_policy').map(([, p]) => p.policy as string).filter((p) => p.includes('EcrPull'));
      expect(policies.length).toBe(2);
      for (const policy of policies) expect(policy).toContain(`repository/bidops-${env}-tls-proxy`);
    }
    const dev = compute('dev');
    expect(named(dev, 'aws_lb_target_group', 'bidops-dev-frontend-tg')).toMatchObject({ protocol: 'HTTP', port: FRONTEND.port });
    expect(containersOf(dev, 'bidops-dev-frontend').map((c) => c.name)).not.toContain('tls-proxy');
  });
});
