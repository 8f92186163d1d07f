import { Testing, TerraformStack } from 'cdktf';
import { EcsTaskRole } from '../../../src/constructs/compute/ecs-task-role';
import { FargateCluster, capacityStrategy } from '../../../src/constructs/compute/fargate-cluster';
import { FargateService, FargateServiceProps } from '../../../src/constructs/compute/fargate-service';
import { GithubDeployRole } from '../../../src/constructs/compute/github-deploy-role';
import { ServiceAutoScaling } from '../../../src/constructs/compute/service-autoscaling';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

const serviceProps: FargateServiceProps = {
  serviceName: 'sys-dev-api',
  clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/sys-dev',
  region: 'us-east-1',
  cpu: 512,
  memory: 1024,
  desiredCount: 2,
  container: { name: 'api', image: 'repo:tag', port: 8080, environment: { MODE: 'x' }, secrets: { DB_PASSWORD: 'arn:secret:password::' } },
  executionRoleArn: 'arn:exec',
  taskRoleArn: 'arn:task',
  logGroupName: '/aws/ecs/sys-dev-api',
  logsKmsKeyArn: 'arn:key',
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-1'],
  targetGroupArn: 'arn:tg',
};

describe('FargateCluster', () => {
  test('Container Insights and both Fargate capacity providers', () => {
    const s = stack();
    new FargateCluster(s, 'c', { clusterName: 'sys-dev', capacity: { onDemandBase: 1, onDemandWeight: 1, spotWeight: 1 } });
    const json = synthJson(s);
    expect(resourcesOf(json, 'aws_ecs_cluster')[0][1].setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    expect(resourcesOf(json, 'aws_ecs_cluster_capacity_providers')[0][1].default_capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', base: 1, weight: 1 },
      { capacity_provider: 'FARGATE_SPOT', weight: 1 },
    ]);
  });

  test('capacityStrategy drops a zero-weight Spot provider and rejects all-zero weights', () => {
    expect(capacityStrategy({ onDemandBase: 2, onDemandWeight: 1, spotWeight: 0 })).toEqual([{ capacityProvider: 'FARGATE', base: 2, weight: 1 }]);
    expect(() => new FargateCluster(stack(), 'c', { clusterName: 'x', capacity: { onDemandBase: 0, onDemandWeight: 0, spotWeight: 0 } })).toThrow(/both 0/);
  });
});

describe('FargateService', () => {
  test('awsvpc task with logging on every container, secrets via valueFrom, circuit breaker, no public IP', () => {
    const s = stack();
    new FargateService(s, 'svc', serviceProps);
    const json = synthJson(s);
    const [[, task]] = resourcesOf(json, 'aws_ecs_task_definition');
    expect(task.network_mode).toBe('awsvpc');
    const containers = parsed(task.container_definitions) as Json[];
    expect(containers.every((c) => c.logConfiguration?.logDriver === 'awslogs' && c.privileged === false)).toBe(true);
    expect(containers[0].secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: 'arn:secret:password::' }]);
    expect(containers[0].environment.map((e: Json) => e.name)).toEqual(['AWS_XRAY_DAEMON_ADDRESS', 'MODE']);
    const [[, service]] = resourcesOf(json, 'aws_ecs_service');
    expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.network_configuration.assign_public_ip).toBe(false);
    expect(service.lifecycle.ignore_changes).toEqual(['desired_count', 'task_definition']);
    const [[, group]] = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ retention_in_days: 30, kms_key_id: 'arn:key' });
  });

  test('refuses shared roles, secrets in environment and ambiguous variables', () => {
    expect(() => new FargateService(stack(), 's', { ...serviceProps, taskRoleArn: 'arn:exec' })).toThrow(/same role/);
    expect(() => new FargateService(stack(), 's', { ...serviceProps, container: { ...serviceProps.container, environment: { API_TOKEN: 'x' } } })).toThrow(/look like secrets/);
    expect(() => new FargateService(stack(), 's', { ...serviceProps, container: { ...serviceProps.container, environment: { DB_PASSWORD: 'x' } } })).toThrow(/both environment and secrets/);
  });

  test('without the X-Ray sidecar there is a single container', () => {
    const s = stack();
    const svc = new FargateService(s, 'svc', { ...serviceProps, xrayDaemonImage: false });
    expect(svc.containers.map((c) => c.name)).toEqual(['api']);
  });
});

describe('ServiceAutoScaling', () => {
  test('CPU/memory target tracking with asymmetric cooldowns and a +N step policy on its alarm', () => {
    const s = stack();
    new ServiceAutoScaling(s, 'as', { clusterName: 'c', serviceName: 'svc', minTasks: 1, maxTasks: 4, burstTasks: 3 });
    const json = synthJson(s);
    const policies = resourcesOf(json, 'aws_appautoscaling_policy').map(([, p]) => p);
    const cpu = policies.find((p) => p.name === 'svc-cpu-target')!;
    expect(cpu.target_tracking_scaling_policy_configuration).toMatchObject({ target_value: 70, scale_out_cooldown: 300, scale_in_cooldown: 600 });
    expect(policies.find((p) => p.name === 'svc-memory-target')!.target_tracking_scaling_policy_configuration.target_value).toBe(80);
    expect(policies.find((p) => p.name === 'svc-cpu-burst')!.step_scaling_policy_configuration.step_adjustment[0].scaling_adjustment).toBe(3);
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')[0][1].threshold).toBe(90);
  });

  test('rejects min > max and a burst threshold below the target', () => {
    expect(() => new ServiceAutoScaling(stack(), 'a', { clusterName: 'c', serviceName: 's', minTasks: 3, maxTasks: 2 })).toThrow(/min <= max/);
    expect(() => new ServiceAutoScaling(stack(), 'a', { clusterName: 'c', serviceName: 's', minTasks: 1, maxTasks: 2, burstCpuThreshold: 60 })).toThrow(/above cpuTarget/);
  });

  test('off hours: scale to zero on the stop schedule and back to min/max on the start schedule', () => {
    const s = stack();
    const offHours = { stopSchedule: 'cron(0 20 ? * MON-FRI *)', startSchedule: 'cron(0 7 ? * MON-FRI *)', timezone: 'Europe/Berlin' };
    new ServiceAutoScaling(s, 'as', { clusterName: 'c', serviceName: 'svc', minTasks: 1, maxTasks: 4, offHours });
    const actions = Object.fromEntries(resourcesOf(synthJson(s), 'aws_appautoscaling_scheduled_action').map(([, a]) => [a.name, a]));
    expect(actions['svc-off-hours-stop']).toMatchObject({ schedule: offHours.stopSchedule, timezone: 'Europe/Berlin', scalable_target_action: { min_capacity: '0', max_capacity: '0' } });
    expect(actions['svc-off-hours-start']).toMatchObject({ schedule: offHours.startSchedule, scalable_target_action: { min_capacity: '1', max_capacity: '4' } });
  });

  test('without off hours there is no scheduled action, and a malformed schedule is refused', () => {
    const s = stack();
    new ServiceAutoScaling(s, 'as', { clusterName: 'c', serviceName: 'svc', minTasks: 1, maxTasks: 4 });
    expect(resourcesOf(synthJson(s), 'aws_appautoscaling_scheduled_action')).toEqual([]);
    expect(() =>
      new ServiceAutoScaling(stack(), 'a', { clusterName: 'c', serviceName: 's', minTasks: 1, maxTasks: 2, offHours: { stopSchedule: '0 20 * * *', startSchedule: 'cron(0 7 ? * MON-FRI *)', timezone: 'UTC' } }),
    ).toThrow('offHours stop schedule "0 20 * * *" is not cron(...), rate(...) or at(...)');
  });
});

describe('EcsTaskRole', () => {
  test('trust is limited to ECS tasks of the account; wildcard actions are refused', () => {
    const s = stack();
    new EcsTaskRole(s, 'r', { roleName: 'r', description: 'd', accountId: '111111111111', region: 'us-east-1', statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    const [[, role]] = resourcesOf(synthJson(s), 'aws_iam_role');
    const [trust] = parsed(role.assume_role_policy).Statement;
    expect(trust.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:111111111111:*' } });
    expect(() => new EcsTaskRole(stack(), 'r', { roleName: 'r', description: 'd', accountId: '111111111111', region: 'us-east-1', statements: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).toThrow(/IAM-01/);
  });
});

describe('GithubDeployRole', () => {
  const props = { roleName: 'deploy', accountId: '111111111111', region: 'us-east-1', repository: 'org/repo', branch: 'main', ecrRepositoryArns: ['arn:ecr'], clusterName: 'c', serviceNames: ['s'], passRoleArns: ['arn:role'] };
  test('reuses an existing OIDC provider when given', () => {
    const s = stack();
    new GithubDeployRole(s, 'g', { ...props, oidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' });
    const json = synthJson(s);
    expect(resourcesOf(json, 'aws_iam_openid_connect_provider')).toEqual([]);
    const [trust] = parsed(resourcesOf(json, 'aws_iam_role')[0][1].assume_role_policy).Statement;
    expect(trust.Principal.Federated).toBe('arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com');
  });

  test('refuses wildcard branches', () => {
    expect(() => new GithubDeployRole(stack(), 'g', { ...props, branch: '*' })).toThrow(/without wildcards/);
  });
});
