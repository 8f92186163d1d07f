import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack, Testing } from 'cdktf';
import { EcsTaskRole } from '../../../src/constructs/compute/ecs-task-role';
import { FargateCluster } from '../../../src/constructs/compute/fargate-cluster';
import {
  ADOT_COLLECTOR_IMAGE,
  ADOT_EMF_LOG_GROUP_NAME,
  FargateService,
  FargateServiceProps,
  XRAY_DAEMON_IMAGE,
  adotCollectorTaskRoleStatements,
} from '../../../src/constructs/compute/fargate-service';
import { ServiceAutoScaling } from '../../../src/constructs/compute/service-autoscaling';
import { PrivateDnsNamespace } from '../../../src/constructs/discovery/private-dns-namespace';
import { evaluate } from '../../../src/policy';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const ACCOUNT = '111122223333';
const REGISTRY = `arn:aws:servicediscovery:us-east-1:${ACCOUNT}:service/srv-abcdef0123456789`;
const HEALTH = { command: ['CMD-SHELL', 'curl -f http://localhost:8000/health || exit 1'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 60 };

const BASE: FargateServiceProps = {
  serviceName: 'sys-dev-api',
  clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/sys-dev`,
  region: 'us-east-1',
  cpu: 1024,
  memory: 2048,
  desiredCount: 1,
  container: { name: 'fastapi-app', image: 'repo/api:1.0.0', port: 8000, environment: { AWS_DEFAULT_REGION: 'us-east-1' }, secrets: { DATABASE_URL: 'arn:secret:database-url' } },
  executionRoleArn: 'arn:exec',
  taskRoleArn: 'arn:task',
  logGroupName: '/aws/ecs/sys-dev-api',
  logsKmsKeyArn: 'arn:key',
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-1'],
  targetGroupArn: 'arn:tg',
};

function build(change: Partial<FargateServiceProps> = {}): { json: Json; svc: FargateService } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const svc = new FargateService(stack, 'svc', { ...BASE, ...change });
  return { json: synthJson(stack), svc };
}

const containersOf = (json: Json): Json[] => parsed(onlyResource(json, 'aws_ecs_task_definition').container_definitions) as Json[];
const byName = (json: Json): Record<string, Json> => Object.fromEntries(containersOf(json).map((c) => [c.name, c]));
const serviceOf = (json: Json): Json => onlyResource(json, 'aws_ecs_service');
const envOf = (container: Json): Record<string, string> => Object.fromEntries(container.environment.map((e: Json) => [e.name, e.value]));

describe('FargateService container health check', () => {
  test('is written into the app container with every field explicit', () => {
    const app = byName(build({ container: { ...BASE.container, healthCheck: HEALTH } }).json)['fastapi-app'];
    expect(app.healthCheck).toEqual({ command: HEALTH.command, interval: 30, timeout: 5, retries: 3, startPeriod: 60 });
  });

  test('takes the ECS defaults for the fields not given', () => {
    const app = byName(build({ container: { ...BASE.container, healthCheck: { command: ['CMD', '/bin/check'] } } }).json)['fastapi-app'];
    expect(app.healthCheck).toEqual({ command: ['CMD', '/bin/check'], interval: 30, timeout: 5, retries: 3, startPeriod: 0 });
  });

  test('without it the app container has no healthCheck key', () => {
    expect(byName(build().json)['fastapi-app'].healthCheck).toBeUndefined();
  });

  test('values outside the ECS ranges and malformed commands are rejected', () => {
    const reject = (healthCheck: Json, message: string) => expect(() => build({ container: { ...BASE.container, healthCheck: healthCheck as any } })).toThrow(message);
    reject({ ...HEALTH, intervalSeconds: 4 }, 'FargateService sys-dev-api: healthCheck.intervalSeconds 4 is outside 5-300 (ECS limits)');
    reject({ ...HEALTH, intervalSeconds: 301 }, 'healthCheck.intervalSeconds 301 is outside 5-300');
    reject({ ...HEALTH, timeoutSeconds: 1 }, 'healthCheck.timeoutSeconds 1 is outside 2-60');
    reject({ ...HEALTH, timeoutSeconds: 61 }, 'healthCheck.timeoutSeconds 61 is outside 2-60');
    reject({ ...HEALTH, retries: 0 }, 'healthCheck.retries 0 is outside 1-10');
    reject({ ...HEALTH, retries: 11 }, 'healthCheck.retries 11 is outside 1-10');
    reject({ ...HEALTH, startPeriodSeconds: 301 }, 'healthCheck.startPeriodSeconds 301 is outside 0-300');
    reject({ ...HEALTH, startPeriodSeconds: -1 }, 'healthCheck.startPeriodSeconds -1 is outside 0-300');
    reject({ command: ['curl -f http://localhost/health'] }, `healthCheck.command ["curl -f http://localhost/health"] must be ['CMD-SHELL', '<command>'] or ['CMD', '<executable>', ...args]`);
    reject({ command: ['CMD-SHELL'] }, 'healthCheck.command ["CMD-SHELL"] must be');
  });
});

describe('FargateService tracing sidecar', () => {
  test("default stays the X-Ray daemon (non-essential, UDP 2000), as before", () => {
    const { json, svc } = build();
    const containers = byName(json);
    expect(svc.tracingSidecar).toBe('xray');
    expect(Object.keys(containers)).toEqual(['fastapi-app', 'xray-daemon']);
    expect(containers['xray-daemon']).toMatchObject({ image: XRAY_DAEMON_IMAGE, essential: false });
    expect(envOf(containers['fastapi-app']).AWS_XRAY_DAEMON_ADDRESS).toBe('127.0.0.1:2000');
  });

  test("'adot' adds the essential, health-checked, read-only ADOT collector with the ECS default config", () => {
    const { json, svc } = build({ tracingSidecar: 'adot' });
    const containers = byName(json);
    expect(svc.tracingSidecar).toBe('adot');
    expect(Object.keys(containers)).toEqual(['fastapi-app', 'aws-otel-collector']);
    expect(containers['aws-otel-collector']).toEqual({
      name: 'aws-otel-collector',
      image: ADOT_COLLECTOR_IMAGE,
      essential: true,
      cpu: 128,
      memoryReservation: 256,
      command: ['--config=/etc/ecs/ecs-default-config.yaml'],
      portMappings: [
        { containerPort: 4317, protocol: 'tcp' },
        { containerPort: 4318, protocol: 'tcp' },
        { containerPort: 2000, protocol: 'udp' },
      ],
      readonlyRootFilesystem: true,
      privileged: false,
      linuxParameters: { capabilities: { drop: ['ALL'] } },
      healthCheck: { command: ['CMD', '/healthcheck'], interval: 15, timeout: 5, retries: 3, startPeriod: 10 },
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/aws/ecs/sys-dev-api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'aws-otel-collector', mode: 'non-blocking', 'max-buffer-size': '4m' },
      },
    });
    expect(ADOT_COLLECTOR_IMAGE).toMatch(/^public\.ecr\.aws\/aws-observability\/aws-otel-collector:v\d+\.\d+\.\d+$/);
  });

  test("'adot' points the app at the collector and starts it after the collector", () => {
    const app = byName(build({ tracingSidecar: 'adot' }).json)['fastapi-app'];
    expect(app.environment).toEqual([
      { name: 'AWS_DEFAULT_REGION', value: 'us-east-1' },
      { name: 'AWS_XRAY_DAEMON_ADDRESS', value: '127.0.0.1:2000' },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://127.0.0.1:4317' },
      { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'grpc' },
    ]);
    expect(app.dependsOn).toEqual([{ containerName: 'aws-otel-collector', condition: 'START' }]);
  });

  test("'adot': the app's own environment may switch to OTLP over HTTP; the image can be replaced", () => {
    const { json } = build({
      tracingSidecar: 'adot',
      adotCollectorImage: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.48.0',
      container: { ...BASE.container, environment: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' } },
    });
    const containers = byName(json);
    expect(envOf(containers['fastapi-app'])).toMatchObject({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' });
    expect(containers['aws-otel-collector'].image).toBe('public.ecr.aws/aws-observability/aws-otel-collector:v0.48.0');
  });

  test('false (or the old xrayDaemonImage: false) builds the app container alone', () => {
    for (const change of [{ tracingSidecar: false as const }, { xrayDaemonImage: false as const }]) {
      const { json, svc } = build(change);
      expect(svc.tracingSidecar).toBe(false);
      const [app] = containersOf(json);
      expect(containersOf(json)).toHaveLength(1);
      expect(app.dependsOn).toBeUndefined();
      expect(envOf(app)).toEqual({ AWS_DEFAULT_REGION: 'us-east-1' });
    }
  });

  test('xrayDaemonImage still picks the X-Ray image', () => {
    expect(byName(build({ xrayDaemonImage: 'registry/xray:3.3.10' }).json)['xray-daemon'].image).toBe('registry/xray:3.3.10');
    expect(byName(build({ tracingSidecar: 'xray', xrayDaemonImage: 'registry/xray:3.3.10' }).json)['xray-daemon'].image).toBe('registry/xray:3.3.10');
  });

  test('contradicting sidecar props are rejected', () => {
    expect(() => build({ tracingSidecar: 'adot', xrayDaemonImage: 'registry/xray:3' })).toThrow(`FargateService sys-dev-api: xrayDaemonImage "registry/xray:3" contradicts tracingSidecar "adot"`);
    expect(() => build({ tracingSidecar: 'xray', xrayDaemonImage: false })).toThrow('xrayDaemonImage false contradicts tracingSidecar "xray"');
    expect(() => build({ adotCollectorImage: 'x:1' })).toThrow('adotCollectorImage is set but tracingSidecar is "xray"');
    expect(() => build({ tracingSidecar: 'otel' as any })).toThrow(`tracingSidecar "otel" is not 'xray', 'adot' or false`);
    expect(() => build({ tracingSidecar: 'adot', container: { ...BASE.container, name: 'aws-otel-collector' } })).toThrow("container name aws-otel-collector is the sidecar's");
  });
});

describe('adotCollectorTaskRoleStatements', () => {
  test('X-Ray writes (unscopable) and EMF log writes scoped to the metrics log group, no CreateLogGroup or PutMetricData', () => {
    const statements = adotCollectorTaskRoleStatements({ region: 'us-east-1', accountId: ACCOUNT });
    const group = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${ADOT_EMF_LOG_GROUP_NAME}`;
    expect(statements).toEqual([
      { Sid: 'AdotXRayWrite', Effect: 'Allow', Action: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
      { Sid: 'AdotEmfMetrics', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [group, `${group}:*`] },
    ]);
    expect(ADOT_EMF_LOG_GROUP_NAME).toBe('/aws/ecs/application/metrics');
    expect(adotCollectorTaskRoleStatements({ region: 'eu-west-1', accountId: ACCOUNT, metricsLogGroupName: '/custom/metrics', partition: 'aws-cn' })[1].Resource).toEqual([
      `arn:aws-cn:logs:eu-west-1:${ACCOUNT}:log-group:/custom/metrics`,
      `arn:aws-cn:logs:eu-west-1:${ACCOUNT}:log-group:/custom/metrics:*`,
    ]);
  });
});

describe('FargateService load balancer, service discovery and log group', () => {
  test('default: the target group, the grace period and an own KMS log group, as before', () => {
    const { json, svc } = build();
    const service = serviceOf(json);
    expect(service.load_balancer).toEqual([{ target_group_arn: 'arn:tg', container_name: 'fastapi-app', container_port: 8000 }]);
    expect(service.health_check_grace_period_seconds).toBe(60);
    expect(service.service_registries).toBeUndefined();
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/ecs/sys-dev-api', retention_in_days: 30, kms_key_id: 'arn:key' });
    expect(svc.logGroup).toBeDefined();
  });

  test('serviceRegistryArn adds service_registries; without a target group there is no load_balancer', () => {
    const service = serviceOf(build({ targetGroupArn: undefined, serviceRegistryArn: REGISTRY, container: { ...BASE.container, healthCheck: HEALTH } }).json);
    expect(service.service_registries).toEqual({ registry_arn: REGISTRY });
    expect(service.load_balancer).toBeUndefined();
    // The container health check is what the grace period covers now.
    expect(service.health_check_grace_period_seconds).toBe(60);
  });

  test('registerContainerPort registers the app container and port (SRV records); it needs a registry', () => {
    const service = serviceOf(build({ serviceRegistryArn: REGISTRY, registerContainerPort: true }).json);
    expect(service.service_registries).toEqual({ registry_arn: REGISTRY, container_name: 'fastapi-app', container_port: 8000 });
    expect(serviceOf(build({ serviceRegistryArn: REGISTRY, registerContainerPort: false }).json).service_registries).toEqual({ registry_arn: REGISTRY });
    expect(() => build({ registerContainerPort: true })).toThrow('FargateService sys-dev-api: registerContainerPort is true but there is no serviceRegistryArn; give the Cloud Map service or drop registerContainerPort');
  });

  test('no grace period when there is no health check at all (neither target group nor container check)', () => {
    const service = serviceOf(build({ targetGroupArn: undefined, serviceRegistryArn: REGISTRY }).json);
    expect(service.health_check_grace_period_seconds).toBeUndefined();
    // The ADOT collector's own health check counts.
    expect(serviceOf(build({ targetGroupArn: undefined, tracingSidecar: 'adot' }).json).health_check_grace_period_seconds).toBe(60);
  });

  test('neither target group nor registry is allowed (a worker)', () => {
    const service = serviceOf(build({ targetGroupArn: undefined }).json);
    expect(service.load_balancer).toBeUndefined();
    expect(service.service_registries).toBeUndefined();
  });

  test('a malformed registry ARN is rejected', () => {
    expect(() => build({ serviceRegistryArn: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x' })).toThrow(
      'FargateService sys-dev-api: serviceRegistryArn "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x" is not a Cloud Map service ARN',
    );
  });

  test('createLogGroup false writes to a shared group with a shared stream prefix on every container', () => {
    const { json, svc } = build({ createLogGroup: false, logGroupName: '/ecs/app-dw', logStreamPrefix: 'ecs', logsKmsKeyArn: undefined, tracingSidecar: 'adot' });
    expect(resourcesOf(json, 'aws_cloudwatch_log_group')).toEqual([]);
    expect(svc.logGroup).toBeUndefined();
    for (const container of containersOf(json)) {
      expect(container.logConfiguration.options).toMatchObject({ 'awslogs-group': '/ecs/app-dw', 'awslogs-stream-prefix': 'ecs' });
    }
  });

  test('logStreamPrefix also applies with an own log group; a missing KMS key or a bad prefix is rejected', () => {
    const containers = containersOf(build({ logStreamPrefix: 'api' }).json);
    expect(containers.map((c) => c.logConfiguration.options['awslogs-stream-prefix'])).toEqual(['api', 'api']);
    expect(() => build({ logsKmsKeyArn: undefined })).toThrow('FargateService sys-dev-api: logsKmsKeyArn is missing; the log group this construct builds is KMS-encrypted (LOG-01)');
    expect(() => build({ logStreamPrefix: 'a:b' })).toThrow('logStreamPrefix "a:b" must be 1-512 characters without : or *');
  });
});

/**
 * A lang-portal-like compute stack: a Spot-weighted cluster with an on-demand base, a Cloud Map
 * namespace, a shared KMS log group, roles, a backend reached only through service discovery with
 * the ADOT sidecar and a container health check, and its autoscaling as the seed sets it.
 */
function seedStack(name = 'sys-dev-compute'): TerraformStack {
  const stack = stackOf(name);
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
  const subnets = ['10.0.3.0/24', '10.0.4.0/24'].map((cidr, i) => new Subnet(stack, `app-${i}`, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: `us-east-1${'ab'[i]}` }).id);
  const sg = new SecurityGroup(stack, 'backend-sg', {
    name: 'sys-dev-backend',
    description: 'Backend tasks: HTTP from the VPC only',
    vpcId: vpc.id,
    ingress: [{ description: 'HTTP from the VPC', protocol: 'tcp', fromPort: 8000, toPort: 8000, cidrBlocks: ['10.0.0.0/16'] }],
    egress: [{ description: 'HTTPS to AWS APIs', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] }],
  });
  const cluster = new FargateCluster(stack, 'cluster', { clusterName: 'sys-dev', capacity: { onDemandBase: 1, onDemandWeight: 0, spotWeight: 1 } });
  // SRV as well as A: an API Gateway private integration reads each task's port from Cloud Map.
  const discovery = new PrivateDnsNamespace(stack, 'discovery', { namespaceName: 'app-dw.internal', vpcId: vpc.id, services: ['haiku-api'], recordTypes: { 'haiku-api': ['A', 'SRV'] } });
  const logsKey = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
  const shared = new CloudwatchLogGroup(stack, 'shared-logs', { name: '/ecs/app-dw', retentionInDays: 30, kmsKeyId: logsKey });
  new CloudwatchLogGroup(stack, 'adot-metrics', { name: ADOT_EMF_LOG_GROUP_NAME, retentionInDays: 30, kmsKeyId: logsKey });
  const execution = new EcsTaskRole(stack, 'exec-role', {
    roleName: 'sys-dev-haiku-exec',
    description: 'ECS agent: pull, logs, secrets',
    accountId: ACCOUNT,
    region: 'us-east-1',
    statements: [{ Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`${shared.arn}:*`] }],
  });
  const task = new EcsTaskRole(stack, 'task-role', {
    roleName: 'sys-dev-haiku-task',
    description: 'haiku application',
    accountId: ACCOUNT,
    region: 'us-east-1',
    statements: adotCollectorTaskRoleStatements({ region: 'us-east-1', accountId: ACCOUNT }),
  });
  const service = new FargateService(stack, 'haiku', {
    ...BASE,
    serviceName: 'sys-dev-haiku',
    clusterArn: cluster.arn,
    executionRoleArn: execution.arn,
    taskRoleArn: task.arn,
    subnetIds: subnets,
    securityGroupIds: [sg.id],
    targetGroupArn: undefined,
    serviceRegistryArn: discovery.serviceArns['haiku-api'],
    registerContainerPort: true,
    createLogGroup: false,
    logsKmsKeyArn: undefined,
    logGroupName: shared.name,
    logStreamPrefix: 'ecs',
    tracingSidecar: 'adot',
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    capacity: cluster.capacity,
    dependsOn: [cluster.capacityProviders],
    container: { ...BASE.container, healthCheck: HEALTH },
  });
  new ServiceAutoScaling(stack, 'haiku-scaling', {
    clusterName: cluster.name,
    serviceName: service.name,
    minTasks: 1,
    maxTasks: 3,
    cpuTarget: 70,
    memoryTarget: 70,
    scaleInCooldownSeconds: 300,
    scaleOutCooldownSeconds: 60,
  });
  return stack;
}

describe('FargateService in a stack', () => {
  test('the seed-like service wires registry, shared log group, ADOT and the Spot-weighted capacity', () => {
    const json = synthJson(seedStack());
    const service = serviceOf(json);
    expect(service.service_registries.registry_arn).toMatch(/^\$\{aws_service_discovery_service\.discovery_service-haiku-api_[A-F0-9]{8}\.arn\}$/);
    expect(service.service_registries).toMatchObject({ container_name: 'fastapi-app', container_port: 8000 });
    expect(service.capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', base: 1, weight: 0 },
      { capacity_provider: 'FARGATE_SPOT', weight: 1 },
    ]);
    expect(resourcesOf(json, 'aws_ecs_cluster_capacity_providers')[0][1].default_capacity_provider_strategy).toEqual(service.capacity_provider_strategy);
    const containers = containersOf(json);
    expect(containers.map((c) => c.logConfiguration.options['awslogs-group'])).toEqual(['${aws_cloudwatch_log_group.shared-logs.name}', '${aws_cloudwatch_log_group.shared-logs.name}']);
    const tracking = resourcesOf(json, 'aws_appautoscaling_policy')
      .map(([, p]) => p.target_tracking_scaling_policy_configuration)
      .filter(Boolean);
    expect(tracking.map((t) => [t.predefined_metric_specification.predefined_metric_type, t.target_value, t.scale_in_cooldown, t.scale_out_cooldown])).toEqual([
      ['ECSServiceAverageCPUUtilization', 70, 300, 60],
      ['ECSServiceAverageMemoryUtilization', 70, 300, 60],
    ]);
  });

  test('policy pack: the cluster, task definition, service, roles and log groups raise no finding', () => {
    const stack = seedStack();
    const report = evaluate([{ name: stack.node.id, json: synthJson(stack) }]);
    const findings = report.stacks[0].findings;
    expect(report.stacks[0].evaluated).toBeGreaterThan(10);
    // Only the bare test VPC fires (flow log, default SG, S3 endpoint): not these constructs'.
    expect(findings.filter((f) => !f.address.startsWith('aws_vpc.'))).toEqual([]);
    expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual(['NET-01', 'NET-03', 'NET-09']);
  });

  test('terraform validates and plans the stack offline, without warnings', () => {
    expect(expectOfflinePlan(synthJson(seedStack()))).not.toMatch(/Warning/);
  });
});

describe('FargateService tlsProxy (TLS from the load balancer to the task)', () => {
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/tls-proxy:1.0.0`;
  const IMAGE_DIR = path.join(__dirname, '../../../images/tls-proxy');

  test('adds the essential nginx sidecar and registers it, not the app, in the target group', () => {
    const { json, svc } = build({ tlsProxy: { image: IMAGE } });
    const proxy = byName(json)['tls-proxy'];
    expect(proxy).toMatchObject({
      image: IMAGE,
      essential: true,
      cpu: 64,
      memoryReservation: 64,
      user: '101:101',
      portMappings: [{ containerPort: 8443, protocol: 'tcp', name: 'tls-proxy-https' }],
      readonlyRootFilesystem: true,
      privileged: false,
      mountPoints: [{ sourceVolume: 'tls-proxy-run', containerPath: '/run/tls-proxy', readOnly: false }],
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
      healthCheck: { command: ['CMD-SHELL', 'nc -z 127.0.0.1 8443 || exit 1'], interval: 15, timeout: 5, retries: 3, startPeriod: 10 },
    });
    expect(envOf(proxy)).toEqual({ APP_PORT: '8000', TLS_PORT: '8443' });
    expect(proxy.logConfiguration.options['awslogs-stream-prefix']).toBe('tls-proxy');
    expect(serviceOf(json).load_balancer).toEqual([{ target_group_arn: 'arn:tg', container_name: 'tls-proxy', container_port: 8443 }]);
    expect(onlyResource(json, 'aws_ecs_task_definition').volume).toEqual([{ name: 'scratch-0' }, { name: 'tls-proxy-run' }]);
    expect(svc.targetPort).toBe(8443);
    expect(containersOf(json).map((c) => c.name)).toEqual(['fastapi-app', 'xray-daemon', 'tls-proxy']);
  });

  test('takes its port, cpu and memory from the props', () => {
    const { json, svc } = build({ tlsProxy: { image: IMAGE, port: 9443, cpu: 128, memoryReservation: 32 } });
    const proxy = byName(json)['tls-proxy'];
    expect(proxy).toMatchObject({ cpu: 128, memoryReservation: 32, portMappings: [{ containerPort: 9443 }] });
    expect(envOf(proxy).TLS_PORT).toBe('9443');
    expect(serviceOf(json).load_balancer[0]).toMatchObject({ container_name: 'tls-proxy', container_port: 9443 });
    expect(svc.targetPort).toBe(9443);
  });

  test('without it the output has no proxy and the target group reaches the app container', () => {
    const { json, svc } = build();
    expect(byName(json)['tls-proxy']).toBeUndefined();
    expect(serviceOf(json).load_balancer).toEqual([{ target_group_arn: 'arn:tg', container_name: 'fastapi-app', container_port: 8000 }]);
    expect(svc.targetPort).toBe(8000);
  });

  test('bad props are rejected', () => {
    const reject = (change: Partial<FargateServiceProps>, message: string) => expect(() => build(change)).toThrow(message);
    reject({ tlsProxy: { image: IMAGE }, targetGroupArn: undefined }, 'FargateService sys-dev-api: tlsProxy is set but there is no targetGroupArn');
    reject({ tlsProxy: { image: 'tls-proxy' } }, 'tlsProxy.image "tls-proxy" is not an image URI with a pinned tag or digest');
    reject({ tlsProxy: { image: '' } }, 'tlsProxy.image "" is not an image URI');
    reject({ tlsProxy: { image: IMAGE, port: 443 } }, 'tlsProxy.port 443 is outside 1024-65535 (the proxy runs without root)');
    reject({ tlsProxy: { image: IMAGE, port: 8000 } }, 'tlsProxy.port 8000 is taken by the application or a tracing sidecar');
    reject({ tlsProxy: { image: IMAGE, port: 2000 } }, 'tlsProxy.port 2000 is taken');
    reject({ tlsProxy: { image: IMAGE, cpu: 1024 } }, "tlsProxy.cpu 1024 must be 0 or more and below the task's 1024 units");
    reject({ tlsProxy: { image: IMAGE, memoryReservation: 4 } }, 'tlsProxy.memoryReservation 4 must be 6 MiB or more');
    reject({ tlsProxy: { image: IMAGE }, container: { ...BASE.container, name: 'tls-proxy' } }, "container name tls-proxy is the tls-proxy sidecar's");
  });

  test('images/tls-proxy ships the Dockerfile, entrypoint and a template whose placeholders the construct sets', () => {
    const dockerfile = fs.readFileSync(path.join(IMAGE_DIR, 'Dockerfile'), 'utf8');
    const entrypoint = fs.readFileSync(path.join(IMAGE_DIR, 'entrypoint.sh'), 'utf8');
    const template = fs.readFileSync(path.join(IMAGE_DIR, 'nginx.conf.template'), 'utf8');
    expect(fs.existsSync(path.join(IMAGE_DIR, 'README.md'))).toBe(true);
    // Pinned nginx alpine base, non-root user 101 (the uid the task definition sets).
    expect(dockerfile).toMatch(/^FROM nginx:\d+\.\d+\.\d+-alpine\S*$/m);
    expect(dockerfile).toMatch(/^USER 101:101$/m);
    // The template's placeholders are exactly what the entrypoint substitutes, and the construct sets APP_PORT/TLS_PORT.
    const placeholders = [...new Set([...template.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]))].sort();
    expect(placeholders).toEqual(['APP_PORT', 'RUN_DIR', 'TLS_PORT']);
    expect(entrypoint).toContain("envsubst '${APP_PORT} ${TLS_PORT} ${RUN_DIR}'");
    expect(template).toMatch(/listen \$\{TLS_PORT\} ssl;/);
    expect(template).toMatch(/server 127\.0\.0\.1:\$\{APP_PORT\};/);
    // Everything written lives under the volume the construct mounts.
    expect(dockerfile).toMatch(/RUN_DIR=\/run\/tls-proxy/);
    expect(template).toMatch(/^pid \$\{RUN_DIR\}\/nginx\.pid;$/m);
    const proxy = byName(build({ tlsProxy: { image: IMAGE } }).json)['tls-proxy'];
    expect(Object.keys(envOf(proxy)).sort()).toEqual(['APP_PORT', 'TLS_PORT']);
    expect(proxy.mountPoints[0].containerPath).toBe('/run/tls-proxy');
  });
});
