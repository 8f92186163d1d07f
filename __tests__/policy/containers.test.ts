import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { add, expectCompliant, expectViolation, json, ref, stackOf } from './harness';

const goodContainer = {
  name: 'app',
  image: 'repo/app:1',
  readonlyRootFilesystem: true,
  logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/app' } },
  environment: [{ name: 'DB_SECRET_ARN', value: 'arn:aws:secretsmanager:us-east-1:1:secret:x' }, { name: 'NODE_ENV', value: 'production' }],
  secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:x' }],
};

function task(stack: any, id: string, containers: object[], extra: Record<string, unknown> = {}) {
  return add(stack, EcsTaskDefinition, id, { family: id, network_mode: 'awsvpc', container_definitions: json(containers), execution_role_arn: 'arn:exec', task_role_arn: 'arn:task', ...extra });
}

describe('ECS-01 insights and logs', () => {
  it('passes with containerInsights enabled and logConfiguration on every container', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcsCluster, 'cluster', { name: 'c', setting: [{ name: 'containerInsights', value: 'enabled' }] });
    task(stack, 'task', [goodContainer]);
    expectCompliant('ECS-01', stack, 'aws_ecs_cluster.cluster');
    expectCompliant('ECS-01', stack, 'aws_ecs_task_definition.task');
  });
  it('fails without insights and for a container without logs', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcsCluster, 'cluster', { name: 'c' });
    task(stack, 'task', [{ ...goodContainer, logConfiguration: undefined }]);
    expectViolation('ECS-01', stack, 'aws_ecs_cluster.cluster', 'setting.containerInsights');
    expectViolation('ECS-01', stack, 'aws_ecs_task_definition.task', 'container_definitions[app].logConfiguration');
  });
});

describe('ECS-02 no public IPs', () => {
  it('passes with assign_public_ip false', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcsService, 'svc', { network_configuration: { subnets: ['s'], assign_public_ip: false } });
    expectCompliant('ECS-02', stack, 'aws_ecs_service.svc');
  });
  it('fails with assign_public_ip true', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcsService, 'svc', { network_configuration: [{ subnets: ['s'], assign_public_ip: true }] });
    expectViolation('ECS-02', stack, 'aws_ecs_service.svc', 'network_configuration.assign_public_ip');
  });
});

describe('ECS-03 container hardening', () => {
  it('passes for awsvpc, read-only root, unprivileged', () => {
    const stack = stackOf('bidops-dev-compute');
    task(stack, 'task', [goodContainer]);
    expectCompliant('ECS-03', stack, 'aws_ecs_task_definition.task');
  });
  it('fails for privileged, writable root, bridge mode and host pid', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcsTaskDefinition, 'task', { family: 't', pid_mode: 'host', container_definitions: json([{ ...goodContainer, privileged: true, readonlyRootFilesystem: false }]) });
    for (const attribute of ['network_mode', 'pid_mode', 'container_definitions[app].privileged', 'container_definitions[app].readonlyRootFilesystem']) {
      expectViolation('ECS-03', stack, 'aws_ecs_task_definition.task', attribute);
    }
  });
});

describe('ECS-04 secrets not in environment', () => {
  it('passes when secrets come from valueFrom and environment holds only pointers', () => {
    const stack = stackOf('bidops-dev-compute');
    task(stack, 'task', [goodContainer]);
    expectCompliant('ECS-04', stack, 'aws_ecs_task_definition.task');
  });
  it('fails for a password in environment', () => {
    const stack = stackOf('bidops-dev-compute');
    task(stack, 'task', [{ ...goodContainer, environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }]);
    expectViolation('ECS-04', stack, 'aws_ecs_task_definition.task', 'environment.DB_PASSWORD');
  });
});

describe('ECS-05 roles, circuit breaker, prod count', () => {
  it('passes with distinct roles, a rollback circuit breaker and 2 tasks in prod', () => {
    const stack = stackOf('bidops-prod-compute');
    task(stack, 'task', [goodContainer]);
    add(stack, EcsService, 'svc', { desired_count: 2, deployment_circuit_breaker: { enable: true, rollback: true } });
    expectCompliant('ECS-05', stack, 'aws_ecs_task_definition.task');
    expectCompliant('ECS-05', stack, 'aws_ecs_service.svc');
  });
  it('fails with one role for both, no breaker and 1 task in prod', () => {
    const stack = stackOf('bidops-prod-compute');
    task(stack, 'task', [goodContainer], { task_role_arn: 'arn:exec' });
    add(stack, EcsService, 'svc', { desired_count: 1 });
    expectViolation('ECS-05', stack, 'aws_ecs_task_definition.task', 'task_role_arn');
    expectViolation('ECS-05', stack, 'aws_ecs_service.svc', 'deployment_circuit_breaker');
    expectViolation('ECS-05', stack, 'aws_ecs_service.svc', 'desired_count');
  });
});

describe('ECR-01 repository hygiene', () => {
  it('passes with scan on push, immutable tags, KMS and a lifecycle policy', () => {
    const stack = stackOf('bidops-dev-compute');
    const repo = add(stack, EcrRepository, 'repo', { name: 'r', image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true }, encryption_configuration: [{ encryption_type: 'KMS', kms_key: 'arn:kms' }] });
    add(stack, EcrLifecyclePolicy, 'lc', { repository: ref(repo, 'name'), policy: json({ rules: [] }) });
    expectCompliant('ECR-01', stack, 'aws_ecr_repository.repo');
  });
  it('fails with the defaults', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcrRepository, 'repo', { name: 'r' });
    for (const attribute of ['image_scanning_configuration.scan_on_push', 'image_tag_mutability', 'encryption_configuration', 'aws_ecr_lifecycle_policy']) {
      expectViolation('ECR-01', stack, 'aws_ecr_repository.repo', attribute);
    }
  });
});

describe('ECR-02 repository policy principals', () => {
  it('passes for a named account', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcrRepositoryPolicy, 'p', { repository: 'r', policy: json({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'ecr:BatchGetImage' }] }) });
    expectCompliant('ECR-02', stack, 'aws_ecr_repository_policy.p');
  });
  it('fails for Principal "*"', () => {
    const stack = stackOf('bidops-dev-compute');
    add(stack, EcrRepositoryPolicy, 'p', { repository: 'r', policy: json({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] }) });
    expectViolation('ECR-02', stack, 'aws_ecr_repository_policy.p', 'policy');
  });
});
