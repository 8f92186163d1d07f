import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EnvName } from '../../../src/core/names';
import { evaluate } from '../../../src/policy';
import { suppressionsOf } from '../../../src/policy/suppressions';
import { BIRD_AGENT_REQUEST, BIRD_AGENT_RESPONSE, ERROR_RESPONSE } from '../../../stacks/bird-agent/compute-api';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { birdAgentConfigError, birdAgentStacks } from './helpers';

const synths = new Map<string, Json>();
/** The compute stack of an environment (cached), optionally with a config change under a label. */
const compute = (env: EnvName, label = '', change?: (draft: any) => void): Json => {
  const key = `${env}:${label}`;
  if (!synths.has(key)) synths.set(key, synthJson(birdAgentStacks(env, 'compute', change).compute));
  return synths.get(key)!;
};
const all = (json: Json, type: string): [string, Json][] => resourcesOf(json, type);
const primary = (json: Json, type: string): Json[] => all(json, type).filter(([name]) => !name.startsWith('dr_')).map(([, r]) => r);
const standby = (json: Json, type: string): Json[] => all(json, type).filter(([name]) => name.startsWith('dr_')).map(([, r]) => r);
const remote = (layer: string, output: string) => `\${data.terraform_remote_state.${layer}.outputs.${output}}`;
const serviceOf = (json: Json, name: string, dr = false): Json => (dr ? standby : primary)(json, 'aws_ecs_service').find((s) => s.name.endsWith(`-${name}`))!;
const taskOf = (json: Json, name: string, dr = false): Json => (dr ? standby : primary)(json, 'aws_ecs_task_definition').find((t) => t.family.endsWith(`-${name}`))!;
const appContainer = (json: Json, name: string, dr = false): Json => (parsed(taskOf(json, name, dr).container_definitions) as unknown as Json[]).find((c) => c.name === name)!;
const policyOfRole = (json: Json, roleName: string): Json[] => {
  const [roleId] = all(json, 'aws_iam_role').find(([, r]) => r.name === roleName)!;
  return all(json, 'aws_iam_role_policy')
    .filter(([, p]) => p.role === `\${aws_iam_role.${roleId}.id}`)
    .flatMap(([, p]) => parsed(p.policy).Statement as Json[]);
};
const statement = (statements: Json[], sid: string): Json => statements.find((s) => s.Sid === sid)!;

describe('bird-agent compute: ECS services, internal ALB, REST API', () => {
  test('cluster <prefix>-cluster with Container Insights and FARGATE 70 / FARGATE_SPOT 30 (cluster default and each service); log group /aws/ecs/<prefix>-cluster, 30 days, logs key', () => {
    const json = compute('dev');
    expect(primary(json, 'aws_ecs_cluster')).toEqual([{ name: 'bird-agent-dev-cluster', setting: [{ name: 'containerInsights', value: 'enabled' }] }]);
    const strategy = [
      { base: 0, capacity_provider: 'FARGATE', weight: 70 },
      { capacity_provider: 'FARGATE_SPOT', weight: 30 },
    ];
    const [providers] = primary(json, 'aws_ecs_cluster_capacity_providers');
    expect(providers.capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(providers.default_capacity_provider_strategy).toEqual(strategy);
    for (const name of ['conversation-manager', 'multimodal-processor']) expect(serviceOf(json, name).capacity_provider_strategy).toEqual(strategy);
    expect(primary(json, 'aws_cloudwatch_log_group').find((g) => g.name === '/aws/ecs/bird-agent-dev-cluster')).toEqual({
      name: '/aws/ecs/bird-agent-dev-cluster',
      retention_in_days: 30,
      kms_key_id: remote('network', 'logs_kms_key_arn'),
    });
  });

  test('the seed\'s service sizes and task counts (prod and staging), dev one task each', () => {
    for (const env of ['prod', 'staging'] as const) {
      const json = compute(env);
      expect(taskOf(json, 'conversation-manager')).toMatchObject({ cpu: '1024', memory: '2048', network_mode: 'awsvpc', requires_compatibilities: ['FARGATE'] });
      expect(taskOf(json, 'multimodal-processor')).toMatchObject({ cpu: '2048', memory: '4096', network_mode: 'awsvpc', requires_compatibilities: ['FARGATE'] });
      expect(serviceOf(json, 'conversation-manager').desired_count).toBe(3);
      expect(serviceOf(json, 'multimodal-processor').desired_count).toBe(2);
    }
    expect(serviceOf(compute('dev'), 'conversation-manager').desired_count).toBe(1);
    expect(serviceOf(compute('dev'), 'multimodal-processor').desired_count).toBe(1);
  });

  test('autoscaling: conversation-manager 2-20 on CPU 70 / memory 80 (out 300 s, in 900 s); multimodal-processor 1-10 on CPU 80 / memory 85 and 10 visible messages per task of its queue', () => {
    const json = compute('prod');
    const targets = Object.fromEntries(primary(json, 'aws_appautoscaling_target').map((t) => [/aws_ecs_service\.([a-z-]+)-service_/.exec(t.resource_id)![1], [t.min_capacity, t.max_capacity]]));
    expect(targets).toEqual({ 'conversation-manager': [2, 20], 'multimodal-processor': [1, 10] });
    const tracking = (service: string) =>
      all(json, 'aws_appautoscaling_policy')
        .filter(([name, p]) => !name.startsWith('dr_') && p.policy_type === 'TargetTrackingScaling' && name.startsWith(service))
        .map(([, p]) => p.target_tracking_scaling_policy_configuration)
        .map((c) => [c.predefined_metric_specification?.predefined_metric_type ?? 'queue', c.target_value, c.scale_out_cooldown, c.scale_in_cooldown])
        .sort();
    expect(tracking('conversation-manager')).toEqual([
      ['ECSServiceAverageCPUUtilization', 70, 300, 900],
      ['ECSServiceAverageMemoryUtilization', 80, 300, 900],
    ]);
    expect(tracking('multimodal-processor')).toEqual([
      ['ECSServiceAverageCPUUtilization', 80, 300, 900],
      ['ECSServiceAverageMemoryUtilization', 85, 300, 900],
      ['queue', 10, 300, 900],
    ]);
    // The queue-depth metric: visible messages of the multimodal queue compute-events.ts builds, per running task.
    const queueName = 'bird-agent-prod-multimodal-processing-queue.fifo';
    expect(primary(json, 'aws_sqs_queue').map((q) => q.name)).toContain(queueName);
    const [queuePolicy] = primary(json, 'aws_appautoscaling_policy').filter((p) => p.name === 'bird-agent-prod-multimodal-processor-queue-backlog');
    const metrics = queuePolicy.target_tracking_scaling_policy_configuration.customized_metric_specification.metrics;
    expect(metrics.map((m: Json) => [m.id, m.expression ?? m.metric_stat.metric.metric_name, m.return_data])).toEqual([
      ['visible', 'ApproximateNumberOfMessagesVisible', false],
      ['tasks', 'RunningTaskCount', false],
      ['backlog', 'visible / tasks', true],
    ]);
    expect(metrics[0].metric_stat.metric.dimensions).toEqual([{ name: 'QueueName', value: queueName }]);
    expect(metrics[1].metric_stat.metric).toMatchObject({ namespace: 'ECS/ContainerInsights', dimensions: [{ name: 'ClusterName', value: 'bird-agent-prod-cluster' }, { name: 'ServiceName', value: 'bird-agent-prod-multimodal-processor' }] });
  });

  test('containers: the app on 8080 (health on 8081), read-only root, secrets injected by ARN, every container logging to the cluster group; an X-Ray daemon sidecar', () => {
    const json = compute('dev');
    for (const name of ['conversation-manager', 'multimodal-processor']) {
      const app = appContainer(json, name);
      expect(app.portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp', name: `${name}-http`, appProtocol: 'http' }]);
      const [repository] = all(json, 'aws_ecr_repository').find(([, r]) => r.name === `bird-agent-dev/${name}`)!;
      expect(app.image).toBe(`\${aws_ecr_repository.${repository}.repository_url}:bootstrap`);
      expect(app.readonlyRootFilesystem).toBe(true);
      const env = Object.fromEntries(app.environment.map((e: Json) => [e.name, e.value]));
      expect(env).toMatchObject({ PORT: '8080', HEALTH_PORT: '8081', SERVICE_NAME: name, SESSIONS_TABLE: remote('data', 'sessions_table_name'), MEDIA_BUCKET: remote('data', 'media_bucket_name'), DB_HOST: remote('data', 'aurora_writer_endpoint'), DB_USER: 'agent_app' });
      expect(env.MULTIMODAL_QUEUE_URL).toBe('https://sqs.us-east-1.amazonaws.com/801000000001/bird-agent-dev-multimodal-processing-queue.fifo');
      expect(app.secrets).toEqual([
        { name: 'BEDROCK_API_KEYS', valueFrom: remote('data', 'bedrock_api_keys_secret_arn') },
        { name: 'BIRD_COM_API_CREDENTIALS', valueFrom: remote('data', 'bird_com_api_credentials_secret_arn') },
        { name: 'REDIS_AUTH_TOKEN', valueFrom: remote('data', 'redis_auth_token_secret_arn') },
      ]);
      const containers = parsed(taskOf(json, name).container_definitions) as unknown as Json[];
      expect(containers.map((c) => c.name)).toEqual([name, 'xray-daemon']);
      for (const container of containers) {
        expect(container.logConfiguration.options['awslogs-group']).toMatch(/^\$\{aws_cloudwatch_log_group\.cluster-log-group\.name\}$/);
      }
      expect(serviceOf(json, name).network_configuration).toMatchObject({ assign_public_ip: false, security_groups: [remote('network', 'ecs_security_group_id')], subnets: remote('network', 'private_app_subnet_ids') });
    }
  });

  test('target groups on 8080 with the seed\'s health checks on the health port 8081, deregistration delays 30/60 s, no stickiness', () => {
    const json = compute('dev');
    const groups = Object.fromEntries(primary(json, 'aws_lb_target_group').filter((t) => t.target_type === 'ip').map((t) => [t.name, t]));
    expect(Object.keys(groups).sort()).toEqual(['bird-agent-dev-conv-mgr-tg', 'bird-agent-dev-mm-proc-tg']);
    const common = { port: 8080, protocol: 'HTTP', stickiness: { enabled: false, type: 'lb_cookie' } };
    expect(groups['bird-agent-dev-conv-mgr-tg']).toMatchObject({
      ...common,
      deregistration_delay: '30',
      health_check: { enabled: true, path: '/health', port: '8081', protocol: 'HTTP', interval: 30, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, matcher: '200' },
    });
    expect(groups['bird-agent-dev-mm-proc-tg']).toMatchObject({
      ...common,
      deregistration_delay: '60',
      health_check: { enabled: true, path: '/health', port: '8081', protocol: 'HTTP', interval: 30, timeout: 10, healthy_threshold: 2, unhealthy_threshold: 2, matcher: '200' },
    });
  });

  test('internal ALB <prefix>-alb in the private app subnets: HTTPS 443 with the network certificate and a TLS 1.3/1.2 policy, default to conversation-manager, /multimodal/* and /health forwarded, /metrics refused', () => {
    const json = compute('dev');
    const alb = primary(json, 'aws_lb').find((lb) => lb.load_balancer_type === 'application')!;
    expect(alb).toMatchObject({ name: 'bird-agent-dev-alb', internal: true, subnets: remote('network', 'private_app_subnet_ids'), security_groups: [remote('network', 'alb_security_group_id')], drop_invalid_header_fields: true });
    expect(alb.access_logs).toEqual({ bucket: remote('data', 'logs_bucket_name'), prefix: 'alb', enabled: true });
    const https = all(json, 'aws_lb_listener').find(([name]) => name.startsWith('https_'))![1];
    expect(https).toMatchObject({ port: 443, protocol: 'HTTPS', certificate_arn: remote('network', 'certificate_arn'), ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(https.default_action).toEqual([{ type: 'forward', target_group_arn: '${aws_lb_target_group.conversation-manager-tg.arn}' }]);
    const rules = primary(json, 'aws_lb_listener_rule').map((r) => [r.priority, r.condition[0].path_pattern.values[0], r.action[0].target_group_arn ?? r.action[0].fixed_response.status_code]);
    expect(rules.sort((a, b) => a[0] - b[0])).toEqual([
      [10, '/multimodal/*', '${aws_lb_target_group.multimodal-processor-tg.arn}'],
      [20, '/health', '${aws_lb_target_group.conversation-manager-tg.arn}'],
      [30, '/metrics', '403'],
    ]);
  });

  test('REST API <prefix>-api, regional: POST /api/v1/agents/process with AWS_IAM, body and parameter validation, the seed\'s models and method responses, HTTP_PROXY over the VPC link, 29 s', () => {
    const json = compute('dev');
    const [api] = primary(json, 'aws_api_gateway_rest_api');
    expect(api).toMatchObject({ name: 'bird-agent-dev-api', endpoint_configuration: { types: ['REGIONAL'] } });
    expect(primary(json, 'aws_api_gateway_resource').map((r) => r.path_part)).toEqual(['api', 'v1', 'agents', 'process']);
    const [method] = primary(json, 'aws_api_gateway_method');
    expect(method).toMatchObject({ http_method: 'POST', authorization: 'AWS_IAM', api_key_required: false });
    expect(method.request_models['application/json']).toMatch(/aws_api_gateway_model\.api_model-BirdAgentRequest_/);
    const [validator] = primary(json, 'aws_api_gateway_request_validator');
    expect(validator).toMatchObject({ validate_request_body: true, validate_request_parameters: true });
    expect(method.request_validator_id).toMatch(/aws_api_gateway_request_validator\.api_validator-body-and-parameters_/);
    const models = Object.fromEntries(primary(json, 'aws_api_gateway_model').map((m) => [m.name, JSON.parse(m.schema)]));
    expect(Object.keys(models).sort()).toEqual(['BirdAgentRequest', 'BirdAgentResponse', 'ErrorResponse']);
    for (const model of [BIRD_AGENT_REQUEST, BIRD_AGENT_RESPONSE, ERROR_RESPONSE]) expect(models[model.name]).toEqual({ $schema: 'http://json-schema.org/draft-04/schema#', ...model.schema });
    expect(models.BirdAgentRequest.required).toEqual(['conversationId', 'message']);
    const responses = primary(json, 'aws_api_gateway_method_response').map((r) => [r.status_code, r.response_models['application/json'].match(/api_model-(\w+)_/)![1]]);
    expect(responses.sort()).toEqual([
      ['200', 'BirdAgentResponse'],
      ['400', 'ErrorResponse'],
      ['500', 'ErrorResponse'],
    ]);
    const [integration] = primary(json, 'aws_api_gateway_integration');
    expect(integration).toMatchObject({
      type: 'HTTP_PROXY',
      integration_http_method: 'POST',
      connection_type: 'VPC_LINK',
      uri: 'https://agent-alb.dev.agent.bird-partner.example.com/api/v1/agents/process',
      timeout_milliseconds: 29000,
    });
    expect(integration.connection_id).toMatch(/^\$\{aws_api_gateway_vpc_link\.api-link_vpc-link_[A-F0-9]{8}\.id\}$/);
    expect(resourcesOf(json, 'aws_api_gateway_usage_plan')).toEqual([]);
  });

  test('VPC link: an internal NLB (api-link group, access logs) forwarding TCP 443 to the ALB as an alb-type target, health-checked on /health', () => {
    const json = compute('dev');
    const [link] = primary(json, 'aws_api_gateway_vpc_link');
    expect(link.name).toBe('bird-agent-dev-api-link');
    const nlb = all(json, 'aws_lb').find(([, lb]) => lb.load_balancer_type === 'network')!;
    expect(link.target_arns).toEqual([`\${aws_lb.${nlb[0]}.arn}`]);
    expect(nlb[1]).toMatchObject({ internal: true, security_groups: [remote('network', 'api_link_security_group_id')], access_logs: { bucket: remote('data', 'logs_bucket_name'), enabled: true } });
    const albTarget = primary(json, 'aws_lb_target_group').find((t) => t.target_type === 'alb')!;
    expect(albTarget).toMatchObject({ protocol: 'TCP', port: 443, health_check: { protocol: 'HTTPS', path: '/health' } });
    const [attachment] = primary(json, 'aws_lb_target_group_attachment');
    expect(attachment.target_id).toMatch(/^\$\{aws_lb\.alb_[A-F0-9]{8}\.arn\}$/);
  });

  test('stage per environment with the seed\'s variables, X-Ray, access logs in /aws/apigateway/<prefix>-api (30 days; prod 365, security class), throttling burst 5000 / rate 2000, execution logging', () => {
    for (const [env, variable] of [['dev', 'development'], ['prod', 'production']] as const) {
      const json = compute(env);
      const [stage] = primary(json, 'aws_api_gateway_stage');
      expect(stage).toMatchObject({ stage_name: env, xray_tracing_enabled: true });
      expect(stage.variables).toEqual({ backend_url: `https://agent-alb.${env === 'dev' ? 'dev.' : ''}agent.bird-partner.example.com`, api_version: 'v1', environment: variable });
      const access = primary(json, 'aws_cloudwatch_log_group').find((g) => g.name === `/aws/apigateway/bird-agent-${env}-api`)!;
      expect(access).toMatchObject({ retention_in_days: env === 'prod' ? 365 : 30, kms_key_id: remote('network', 'logs_kms_key_arn') });
      const [settings] = primary(json, 'aws_api_gateway_method_settings');
      expect(settings).toMatchObject({ method_path: '*/*', settings: { throttling_burst_limit: 5000, throttling_rate_limit: 2000, logging_level: 'INFO', metrics_enabled: true, data_trace_enabled: false } });
    }
  });

  test('custom domain api-east.<domain> (regional, TLS 1.2, the network certificate) mapped to the stage', () => {
    const json = compute('dev');
    const [domain] = primary(json, 'aws_api_gateway_domain_name');
    expect(domain).toEqual({ domain_name: 'api-east.dev.agent.bird-partner.example.com', regional_certificate_arn: remote('network', 'certificate_arn'), endpoint_configuration: { types: ['REGIONAL'] }, security_policy: 'TLS_1_2' });
    const [mapping] = primary(json, 'aws_api_gateway_base_path_mapping');
    expect(mapping.stage_name).toMatch(/aws_api_gateway_stage\.api_stage_[A-F0-9]{8}\.stage_name/);
    expect(mapping.domain_name).toBe('${aws_api_gateway_domain_name.api-domain.domain_name}');
  });

  test('roles: BirdAgentECSTaskExecutionRole and BirdAgentECSTaskRole per environment, trusted by ECS tasks of this account and region only, least privilege', () => {
    const json = compute('dev');
    const [, execution] = all(json, 'aws_iam_role').find(([, r]) => r.name === 'bird-agent-dev-BirdAgentECSTaskExecutionRole')!;
    expect(parsed(execution.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '801000000001' }, ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:801000000001:*' } },
    });
    const exec = policyOfRole(json, 'bird-agent-dev-BirdAgentECSTaskExecutionRole');
    expect(exec.map((s) => s.Sid)).toEqual(['EcrAuthorizationToken', 'PullServiceImages', 'WriteClusterLogs', 'InjectSecrets', 'DecryptSecretsThroughSecretsManager']);
    expect(statement(exec, 'WriteClusterLogs').Resource).toBe('arn:aws:logs:us-east-1:801000000001:log-group:/aws/ecs/bird-agent-dev-cluster:log-stream:*');
    expect(statement(exec, 'DecryptSecretsThroughSecretsManager')).toMatchObject({ Resource: remote('data', 'secrets_kms_key_arn'), Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } });

    const task = policyOfRole(json, 'bird-agent-dev-BirdAgentECSTaskRole');
    expect(statement(task, 'InvokeConfiguredModels')).toMatchObject({
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: [
        'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
        'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
        'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0',
      ],
    });
    // Rekognition detection has no resource type; a Deny keeps every Rekognition resource out.
    expect(statement(task, 'DetectInImages')).toMatchObject({ Resource: '*', Action: ['rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText'] });
    expect(statement(task, 'NoRekognitionResources')).toMatchObject({ Effect: 'Deny', Resource: 'arn:aws:rekognition:*:*:*' });
    expect(statement(task, 'MediaObjects').Resource).toBe(`${remote('data', 'media_bucket_arn')}/*`);
    expect(statement(task, 'SessionsAndEvents').Resource).toEqual([
      `arn:aws:dynamodb:us-east-1:801000000001:table/${remote('data', 'sessions_table_name')}`,
      `arn:aws:dynamodb:us-east-1:801000000001:table/${remote('data', 'events_table_name')}`,
      `arn:aws:dynamodb:us-east-1:801000000001:table/${remote('data', 'sessions_table_name')}/index/*`,
      `arn:aws:dynamodb:us-east-1:801000000001:table/${remote('data', 'events_table_name')}/index/*`,
    ]);
    expect(statement(task, 'ReadConfigurations').Action).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(statement(task, 'UseTheTablesKeyThroughDynamoDb').Resource).toBe(remote('data', 'rds_kms_key_arn'));
    expect(statement(task, 'ReadSecrets').Resource).toEqual([remote('data', 'bird_com_api_credentials_secret_arn'), remote('data', 'bedrock_api_keys_secret_arn'), remote('data', 'redis_auth_token_secret_arn')]);
    expect(statement(task, 'ConnectAsApplicationUser').Resource).toBe(`arn:aws:rds-db:us-east-1:801000000001:dbuser:${remote('data', 'aurora_cluster_resource_id')}/agent_app`);
    expect(statement(task, 'MultimodalQueue').Resource).toBe('arn:aws:sqs:us-east-1:801000000001:bird-agent-dev-multimodal-processing-queue.fifo');
    expect(statement(task, 'PublishAgentMetrics').Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'BirdAgent' } });
    for (const s of [...exec, ...task]) for (const action of [s.Action].flat()) expect(action).not.toMatch(/(^\*$|:\*$)/);
  });

  test('BirdAgentAPIGatewayExecutionRole: the account\'s API Gateway CloudWatch role (this environment owns the singleton), no Lambda invoke', () => {
    const json = compute('dev');
    const [, role] = all(json, 'aws_iam_role').find(([, r]) => r.name === 'bird-agent-dev-BirdAgentAPIGatewayExecutionRole')!;
    expect(parsed(role.assume_role_policy).Statement[0]).toMatchObject({ Principal: { Service: 'apigateway.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '801000000001' } } });
    expect(primary(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs']);
    expect(primary(json, 'aws_api_gateway_account')).toHaveLength(1);
    expect(all(json, 'aws_lambda_permission').filter(([, p]) => p.principal === 'apigateway.amazonaws.com')).toEqual([]);
  });

  test('prod: the standby in us-west-2 (cluster, both services with one task, ALB, API with api-west.<domain> and the DR certificate) with dr_ outputs', () => {
    const json = compute('prod');
    for (const type of ['aws_ecs_cluster', 'aws_ecs_service', 'aws_lb', 'aws_api_gateway_rest_api', 'aws_api_gateway_domain_name', 'aws_iam_role_policy']) {
      const dr = standby(json, type);
      expect({ type, count: dr.length > 0 }).toEqual({ type, count: true });
      for (const resource of dr) expect(resource.provider).toBe('aws.us_west_2');
    }
    expect(serviceOf(json, 'conversation-manager', true).desired_count).toBe(1);
    expect(serviceOf(json, 'multimodal-processor', true).desired_count).toBe(1);
    expect(standby(json, 'aws_lb').find((lb) => lb.load_balancer_type === 'application')).toMatchObject({ name: 'bird-agent-prod-dr-alb', subnets: remote('network', 'dr_private_app_subnet_ids') });
    // Load balancer logs stay in their region: the data layer's us-west-2 logs bucket.
    for (const lb of standby(json, 'aws_lb')) expect(lb.access_logs).toMatchObject({ bucket: remote('data', 'dr_logs_bucket_name'), enabled: true });
    expect(standby(json, 'aws_api_gateway_domain_name')).toEqual([
      { domain_name: 'api-west.agent.bird-partner.example.com', regional_certificate_arn: remote('network', 'dr_certificate_arn'), endpoint_configuration: { types: ['REGIONAL'] }, security_policy: 'TLS_1_2', provider: 'aws.us_west_2' },
    ]);
    const drApp = appContainer(json, 'conversation-manager', true);
    // The standby injects the secrets' replicas by name and has no Redis, queue or writer until a failover.
    expect(drApp.secrets).toEqual([
      { name: 'BEDROCK_API_KEYS', valueFrom: 'bird-agent/prod/bedrock-api-keys' },
      { name: 'BIRD_COM_API_CREDENTIALS', valueFrom: 'bird-agent/prod/bird-com-api-credentials' },
    ]);
    const drEnv = Object.fromEntries(drApp.environment.map((e: Json) => [e.name, e.value]));
    expect(drEnv).toMatchObject({ AWS_REGION: 'us-west-2', DB_READER_HOST: remote('data', 'dr_aurora_reader_endpoint'), MEDIA_BUCKET: remote('data', 'media_bucket_replica_name') });
    expect(drEnv.REDIS_HOST).toBeUndefined();
    const drTask = policyOfRole(json, 'bird-agent-prod-dr-BirdAgentECSTaskRole');
    expect(statement(drTask, 'ReadSecrets').Resource).toEqual(['arn:aws:secretsmanager:us-west-2:801000000003:secret:bird-agent/prod/bird-com-api-credentials-??????', 'arn:aws:secretsmanager:us-west-2:801000000003:secret:bird-agent/prod/bedrock-api-keys-??????']);
    expect(statement(drTask, 'InvokeConfiguredModels').Resource[0]).toBe('arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0');
    expect(statement(drTask, 'MultimodalQueue')).toBeUndefined();
    expect(Object.keys(json.output).filter((o) => o.startsWith('dr_')).sort()).toEqual(
      expect.arrayContaining(['dr_rest_api_id', 'dr_rest_api_stage_arn', 'dr_rest_api_regional_domain_name', 'dr_rest_api_regional_zone_id', 'dr_ecs_cluster_name', 'dr_alb_arn_suffix']),
    );
    expect(Object.keys(compute('dev').output).filter((o) => o.startsWith('dr_'))).toEqual([]);
  });

  test('publishes the compute contract with realistic samples', () => {
    const stack = birdAgentStacks('prod', 'compute').compute;
    const samples = Object.fromEntries(stack.contract.map((o) => [o.name, o.sample]));
    for (const name of [
      'ecs_cluster_name',
      'ecs_cluster_arn',
      'conversation_manager_service_name',
      'multimodal_processor_service_name',
      'alb_arn',
      'alb_arn_suffix',
      'conversation_manager_target_group_arn_suffix',
      'multimodal_processor_target_group_arn_suffix',
      'rest_api_id',
      'rest_api_stage_name',
      'rest_api_stage_arn',
      'rest_api_execution_arn',
      'rest_api_regional_domain_name',
      'rest_api_regional_zone_id',
      'dr_rest_api_id',
      'dr_rest_api_stage_arn',
      'dr_rest_api_regional_domain_name',
      'dr_rest_api_regional_zone_id',
    ]) {
      expect({ name, published: name in samples }).toEqual({ name, published: true });
    }
    expect(samples.ecs_cluster_name).toBe('bird-agent-prod-cluster');
    expect(samples.alb_arn_suffix).toMatch(/^app\/bird-agent-prod-alb\/[0-9a-f]{16}$/);
    expect(samples.conversation_manager_target_group_arn_suffix).toMatch(/^targetgroup\/bird-agent-prod-conv-mgr-tls\/[0-9a-f]{16}$/);
    expect(samples.rest_api_stage_arn).toMatch(/^arn:aws:apigateway:us-east-1::\/restapis\/[a-z0-9]{10}\/stages\/prod$/);
    expect(samples.dr_rest_api_regional_domain_name).toMatch(/^d-[a-z0-9]{10}\.execute-api\.us-west-2\.amazonaws\.com$/);
    expect(samples.rest_api_regional_zone_id).toBe('Z1UJRXOUMOOFQ8');
    expect(samples.dr_rest_api_regional_zone_id).toBe('Z2OJLYMUO9EFXC');
  });

  describe('GPU option (off by default; Fargate has no GPUs)', () => {
    const GPU = { amiId: 'ami-0123456789abcdef0', instanceType: 'g5.xlarge', maxInstances: 4, services: ['multimodal-processor'] };
    const withGpu = () => compute('dev', 'gpu', (c) => (c.compute.gpuCapacity = GPU));

    test('off: no EC2 capacity, every service on Fargate', () => {
      expect(resourcesOf(compute('dev'), 'aws_ecs_capacity_provider')).toEqual([]);
      expect(resourcesOf(compute('dev'), 'aws_launch_template')).toEqual([]);
    });

    test('on: a GPU capacity provider joins the cluster; the multimodal processor runs there with a GPU per task, the conversation manager stays on Fargate', () => {
      const json = withGpu();
      const [provider] = primary(json, 'aws_ecs_capacity_provider');
      expect(provider.name).toBe('bird-agent-dev-gpu');
      expect(primary(json, 'aws_launch_template')[0]).toMatchObject({ image_id: GPU.amiId, instance_type: 'g5.xlarge', metadata_options: { http_tokens: 'required' } });
      expect(primary(json, 'aws_ecs_cluster_capacity_providers')[0].capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT', expect.stringMatching(/aws_ecs_capacity_provider\.gpu-capacity_capacity-provider_[A-F0-9]{8}\.name/)]);
      expect(taskOf(json, 'multimodal-processor').requires_compatibilities).toEqual(['EC2']);
      expect(appContainer(json, 'multimodal-processor').resourceRequirements).toEqual([{ type: 'GPU', value: '1' }]);
      expect(serviceOf(json, 'multimodal-processor').capacity_provider_strategy).toEqual([{ capacity_provider: expect.stringMatching(/gpu-capacity_capacity-provider/), weight: 1, base: 0 }]);
      expect(serviceOf(json, 'multimodal-processor').platform_version).toBeUndefined();
      expect(taskOf(json, 'conversation-manager').requires_compatibilities).toEqual(['FARGATE']);
      const [key] = primary(json, 'aws_kms_key').filter((k) => k.description.includes('GPU'));
      expect(parsed(key.policy).Statement.map((s: Json) => s.Sid)).toEqual(['AccountAdministersKeyThroughIam', 'AutoScalingEncryptsInstanceVolumes', 'AutoScalingGrantsToEc2']);
    });

    test('on: plans offline', () => {
      const stacks = birdAgentStacks('dev', 'compute', (c) => (c.compute.gpuCapacity = GPU));
      expectOfflinePlan(withGpu(), [stacks.network, stacks.data]);
    }, 600_000);
  });

  describe('bad config is rejected with one clear line', () => {
    const error = (change: (c: any) => void, env: EnvName = 'dev') => birdAgentConfigError(change, env);
    test.each([
      ['compute.services.conversation-manager.scaling.cpuTarget = 95 is not a utilization percentage from 10 to 89', (c: any) => (c.compute.services['conversation-manager'].scaling.cpuTarget = 95)],
      ['compute.services.multimodal-processor.scaling.scaleInCooldownSeconds = -1 is not a cooldown from 0 to 86400 seconds', (c: any) => (c.compute.services['multimodal-processor'].scaling.scaleInCooldownSeconds = -1)],
      ['compute.services.multimodal-processor.scaling.queueBacklogPerTask = 0 is not a whole number of messages per task from 1 to 10000', (c: any) => (c.compute.services['multimodal-processor'].scaling.queueBacklogPerTask = 0)],
      ['compute.services.multimodal-processor.minTasks = 0 is 0, but queue-depth scaling divides the backlog by the running tasks', (c: any) => (c.compute.services['multimodal-processor'].minTasks = 0)],
      ['compute.gpuCapacity.amiId = "ami-123" is not an AMI ID', (c: any) => (c.compute.gpuCapacity = { amiId: 'ami-123', instanceType: 'g5.xlarge', maxInstances: 2, services: ['multimodal-processor'] })],
      ['compute.gpuCapacity.instanceType = "m5.xlarge" is not an NVIDIA GPU instance type', (c: any) => (c.compute.gpuCapacity = { amiId: 'ami-0123456789abcdef0', instanceType: 'm5.xlarge', maxInstances: 2, services: ['multimodal-processor'] })],
      ['compute.gpuCapacity.services[0] = "image-resizer" is not a key of compute.services', (c: any) => (c.compute.gpuCapacity = { amiId: 'ami-0123456789abcdef0', instanceType: 'g5.xlarge', maxInstances: 2, services: ['image-resizer'] })],
      ['compute.bedrockModelIds[0] = "anthropic.claude-9" is not a Bedrock model ID', (c: any) => (c.compute.bedrockModelIds = ['anthropic.claude-9'])],
      ['compute.restApi.apiKeys = ["bird"] names keys, but AWS_IAM authorization has no usage plan to hold them', (c: any) => (c.compute.restApi.apiKeys = ['bird'])],
      ['compute.restApi.apiKeys = [] is empty', (c: any) => (c.compute.restApi.authorization = 'API_KEY')],
      ['compute.restApi.stageVariables.backend_url = "https://alb example" has characters API Gateway refuses in a stage variable', (c: any) => (c.compute.restApi.stageVariables.backend_url = 'https://alb example')],
      ['compute.restApi.customDomain.subdomain = "API_EAST" is not one DNS label', (c: any) => (c.compute.restApi.customDomain.subdomain = 'API_EAST')],
      ['compute.restApi.customDomain.secondarySubdomain = "api-west" names the standby API, but standbyInSecondaryRegion is off', (c: any) => (c.compute.restApi.customDomain.secondarySubdomain = 'api-west')],
      ['compute.services.multimodal-processor = (missing) is missing', (c: any) => delete c.compute.services['multimodal-processor']],
      ['compute.services = "worker" is not a bird-agent service', (c: any) => (c.compute.services.worker = { ...c.compute.services['conversation-manager'] })],
      ['compute.services.conversation-manager.scaling.cpuTargt', (c: any) => (c.compute.services['conversation-manager'].scaling.cpuTargt = 70)],
    ] as [string, (c: any) => void][])('%s', (message, change) => {
      expect(error(change)).toContain(message);
    });

    test('the standby needs the secondary region\'s network', () => {
      const standbyWithoutNetwork = (c: any) => {
        c.secondaryRegion = 'us-west-2';
        c.compute.standbyInSecondaryRegion = true;
      };
      expect(error(standbyWithoutNetwork, 'staging')).toContain('compute.standbyInSecondaryRegion = true needs network.secondary');
    });

    test('the standby needs the data layer in the secondary region (replicated secrets, media and its logs bucket)', () => {
      const standbyWithoutReplication = (c: any) => {
        c.data.replicateToSecondaryRegion = false;
        delete c.data.databases.aurora.globalSecondary;
      };
      expect(error(standbyWithoutReplication, 'prod')).toContain('compute.standbyInSecondaryRegion = true needs data.replicateToSecondaryRegion');
    });
  });

  test.each(['dev', 'staging', 'prod'] as const)('policy pack (%s): no open finding but the stage WAF association, which the edge layer makes', (env) => {
    const stacks = birdAgentStacks(env, 'compute');
    const report = evaluate(Object.values(stacks).map((s) => ({ name: s.node.id, json: synthJson(s) })));
    const stackReport = report.stacks.find((s) => s.stack === `bird-agent-${env}-compute`)!;
    // Testing.synth drops the "//" metadata, so in-code suppressions are checked on the resources.
    const open = stackReport.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address.split('.')[0]}`);
    const services = stacks.compute.node.findAll().filter((c): c is EcsService => c instanceof EcsService);
    const standbyServices = services.filter((s) => s.node.path.includes('/dr/'));
    expect(open).toEqual(env === 'prod' ? ['APIG-02 aws_api_gateway_stage', 'APIG-02 aws_api_gateway_stage', 'ECS-05 aws_ecs_service', 'ECS-05 aws_ecs_service'] : ['APIG-02 aws_api_gateway_stage']);
    // The standby's one task per service is the only suppression of this file, with its reason.
    expect(standbyServices.map((s) => suppressionsOf(s).map((r) => r.id))).toEqual(env === 'prod' ? [['ECS-05'], ['ECS-05']] : []);
    for (const service of services.filter((s) => !standbyServices.includes(s))) expect(suppressionsOf(service)).toEqual([]);
  });

  test.each(['dev', 'prod'] as const)('plans offline against the real provider (%s), network and data standing in from their samples', (env) => {
    const stacks = birdAgentStacks(env, 'compute');
    expectOfflinePlan(compute(env), [stacks.network, stacks.data]);
  }, 600_000);

  test('target TLS (LB-07): staging/prod target groups HTTPS on 8443 through the tls-proxy (both regions), health checks on the app health port, the image in a tls-proxy repository; dev keeps HTTP', () => {
    for (const env of ['staging', 'prod'] as const) {
      const json = compute(env);
      const tgs = all(json, 'aws_lb_target_group').map(([, r]) => r).filter((tg) => tg.target_type === 'ip');
      expect(tgs.length).toBe(env === 'prod' ? 4 : 2);
      for (const tg of tgs) expect(tg).toMatchObject({ protocol: 'HTTPS', port: 8443, health_check: { protocol: 'HTTP', port: '8081', path: '/health' } });
      const repos = all(json, 'aws_ecr_repository').map(([, r]) => r.name).filter((name: string) => name.endsWith('/tls-proxy'));
      expect(repos).toEqual(env === 'prod' ? [`bird-agent-${env}/tls-proxy`, `bird-agent-${env}/tls-proxy`] : [`bird-agent-${env}/tls-proxy`]);
      for (const dr of env === 'prod' ? [false, true] : [false]) {
        for (const name of ['conversation-manager', 'multimodal-processor']) {
          expect(serviceOf(json, name, dr).load_balancer[0]).toMatchObject({ container_name: 'tls-proxy', container_port: 8443 });
          const proxy = (parsed(taskOf(json, name, dr).container_definitions) as unknown as Json[]).find((c) => c.name === 'tls-proxy')!;
          expect(proxy.environment).toEqual([{ name: 'APP_PORT', value: '8080' }, { name: 'TLS_PORT', value: '8443' }]);
          expect(proxy.image).toMatch(/^\$\{aws_ecr_repository\.(dr_)?tls-proxy-repository_[A-F0-9]{8}\.repository_url\}:1\.0\.0$/);
        }
      }
    }
    const dev = compute('dev');
    for (const [, tg] of all(dev, 'aws_lb_target_group').filter(([, r]) => r.target_type === 'ip')) expect(tg.protocol).toBe('HTTP');
    expect(all(dev, 'aws_ecr_repository').map(([, r]) => r.name)).not.toContain('bird-agent-dev/tls-proxy');
  });
});
