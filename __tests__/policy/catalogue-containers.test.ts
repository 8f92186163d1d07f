import { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project';
import { Codepipeline } from '@cdktf/provider-aws/lib/codepipeline';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { add, expectCompliant, expectViolation, ref, stackOf } from './harness';

describe('ECS-06 platform version and ECS Exec', () => {
  it('passes for LATEST and for exec with an encrypted, logged session', () => {
    const stack = stackOf('bidops-prod-compute');
    const cluster = add(stack, EcsCluster, 'cluster', { name: 'c', configuration: { execute_command_configuration: { kms_key_id: 'arn:kms', logging: 'OVERRIDE', log_configuration: { cloud_watch_encryption_enabled: true, cloud_watch_log_group_name: 'exec' } } } });
    add(stack, EcsService, 'svc', { name: 's', cluster: ref(cluster), launch_type: 'FARGATE', platform_version: 'LATEST', enable_execute_command: true });
    expectCompliant('ECS-06', stack, 'aws_ecs_service.svc');
  });
  it('fails for a pinned platform version and for exec on a cluster without exec settings', () => {
    const stack = stackOf('bidops-prod-compute');
    const cluster = add(stack, EcsCluster, 'cluster', { name: 'c' });
    add(stack, EcsService, 'old', { name: 'o', cluster: ref(cluster), capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }], platform_version: '1.3.0' });
    add(stack, EcsService, 'exec', { name: 'e', cluster: ref(cluster), launch_type: 'FARGATE', enable_execute_command: true });
    expectViolation('ECS-06', stack, 'aws_ecs_service.old', 'platform_version');
    const result = expectViolation('ECS-06', stack, 'aws_ecs_service.exec', 'enable_execute_command');
    expect(result.status === 'non-compliant' && result.message).toContain('kms_key_id');
  });
});

describe('CB-01 CodeBuild projects', () => {
  const environment = (variables: unknown[]) => ({ compute_type: 'BUILD_GENERAL1_SMALL', image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER', environment_variable: variables });
  it('passes with a CMK, CloudWatch logs and secrets from Secrets Manager', () => {
    const stack = stackOf('lang-portal-prod-edge');
    add(stack, CodebuildProject, 'build', { name: 'b', service_role: 'arn:role', encryption_key: 'arn:kms', artifacts: { type: 'CODEPIPELINE' }, source: { type: 'CODEPIPELINE' },
      environment: environment([{ name: 'REPOSITORY_URI', value: 'x', type: 'PLAINTEXT' }, { name: 'NPM_TOKEN', value: 'ci/npm-token', type: 'SECRETS_MANAGER' }]),
      logs_config: { cloudwatch_logs: { group_name: 'builds', status: 'ENABLED' } } });
    expectCompliant('CB-01', stack, 'aws_codebuild_project.build');
  });
  it('fails with the defaults, unencrypted artifacts and a plaintext token', () => {
    const stack = stackOf('lang-portal-prod-edge');
    add(stack, CodebuildProject, 'build', { name: 'b', service_role: 'arn:role', artifacts: { type: 'S3', location: 'bucket', encryption_disabled: true }, source: { type: 'NO_SOURCE', buildspec: 'x' },
      environment: environment([{ name: 'GITHUB_TOKEN', value: 'ghp_123', type: 'PLAINTEXT' }]),
      logs_config: { cloudwatch_logs: { status: 'DISABLED' }, s3_logs: { status: 'ENABLED', location: 'bucket/logs', encryption_disabled: true } } });
    for (const attribute of ['encryption_key', 'artifacts.encryption_disabled', 'logs_config.s3_logs.encryption_disabled', 'environment.environment_variable.GITHUB_TOKEN']) {
      expectViolation('CB-01', stack, 'aws_codebuild_project.build', attribute);
    }
  });
  it('fails when every log destination is off', () => {
    const stack = stackOf('lang-portal-prod-edge');
    add(stack, CodebuildProject, 'build', { name: 'b', service_role: 'arn:role', encryption_key: 'arn:kms', artifacts: { type: 'NO_ARTIFACTS' }, source: { type: 'NO_SOURCE', buildspec: 'x' },
      environment: environment([]), logs_config: { cloudwatch_logs: { status: 'DISABLED' } } });
    expectViolation('CB-01', stack, 'aws_codebuild_project.build', 'logs_config');
  });
});

describe('CP-01 CodePipeline artifact stores', () => {
  const stage = [{ name: 'Source', action: [{ name: 's', category: 'Source', owner: 'AWS', provider: 'S3', version: '1', output_artifacts: ['src'] }] }];
  it('passes with a KMS key', () => {
    const stack = stackOf('lang-portal-prod-edge');
    add(stack, Codepipeline, 'p', { name: 'p', role_arn: 'arn:role', stage, artifact_store: [{ location: 'bucket', type: 'S3', encryption_key: { id: 'arn:kms', type: 'KMS' } }] });
    expectCompliant('CP-01', stack, 'aws_codepipeline.p');
  });
  it('fails without an encryption key', () => {
    const stack = stackOf('lang-portal-prod-edge');
    add(stack, Codepipeline, 'p', { name: 'p', role_arn: 'arn:role', stage, artifact_store: [{ location: 'bucket', type: 'S3' }] });
    expectViolation('CP-01', stack, 'aws_codepipeline.p', 'artifact_store[0].encryption_key');
  });
});
