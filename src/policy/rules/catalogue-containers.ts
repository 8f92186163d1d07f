import { COMPLIANT, NOT_APPLICABLE, block, blocks, collector, flag, isSet, literal, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';
import { isSecretVariable } from './containers';

/**
 * Second-pass rules from the checkov/trivy catalogue comparison (docs/POLICY-CATALOGUE.md):
 * ECS services and the build/deploy pipeline that produces the images (CodeBuild, CodePipeline).
 */

/** Whether a service runs on Fargate (launch type or a FARGATE/FARGATE_SPOT capacity provider). */
function onFargate(service: { body: Readonly<Record<string, any>> }): boolean {
  if (service.body.launch_type === 'FARGATE') return true;
  return blocks(service.body.capacity_provider_strategy).some((s) => /^FARGATE/.test(String(s.capacity_provider ?? '')));
}

export const CATALOGUE_CONTAINER_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'ECS-06',
    title: 'Fargate services on the LATEST platform version; ECS Exec only with KMS-encrypted, logged sessions',
    severity: 'medium',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_332', 'CKV_AWS_223', 'CKV_AWS_224'], fsbp: ['ECS.10'] },
    appliesTo: ['aws_ecs_service'],
    check(service, context) {
      const c = collector();
      if (onFargate(service)) {
        const version = literal(service.body.platform_version);
        c.expect(version === undefined || version === 'LATEST', 'platform_version', `is ${version}; use LATEST so tasks get the platform's security patches`);
      }
      if (flag(service.body.enable_execute_command, false)) {
        const clusters = context.resolve(service.body.cluster).filter((r) => r.type === 'aws_ecs_cluster');
        for (const cluster of clusters) {
          const exec = block(block(cluster.body.configuration)?.execute_command_configuration);
          const logging = String(exec?.logging ?? 'DEFAULT');
          const log = block(exec?.log_configuration);
          c.expect(isSet(exec?.kms_key_id), 'enable_execute_command', `is on but cluster ${cluster.address} has no configuration.execute_command_configuration.kms_key_id; encrypt exec sessions with a customer-managed key`);
          c.expect(logging === 'OVERRIDE' && (flag(log?.cloud_watch_encryption_enabled, false) || flag(log?.s3_bucket_encryption_enabled, false)), 'enable_execute_command',
            `is on but cluster ${cluster.address} does not log exec sessions (execute_command_configuration.logging = OVERRIDE with an encrypted log_configuration)`);
        }
      }
      return verdict(service, c.problems);
    },
  }),
  defineRule({
    id: 'CB-01',
    title: 'CodeBuild: customer-managed key; artifacts and S3 logs encrypted; a log destination; no plaintext secrets in the environment',
    severity: 'medium',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_147', 'CKV_AWS_78', 'CKV_AWS_311', 'CKV_AWS_314'], trivy: ['AVD-AWS-0018'], fsbp: ['CodeBuild.2', 'CodeBuild.3', 'CodeBuild.4'] },
    appliesTo: ['aws_codebuild_project'],
    check(project) {
      const c = collector();
      c.expect(isSet(project.body.encryption_key), 'encryption_key', 'is not set; encrypt build output with a customer-managed KMS key');
      const artifacts = [...blocks(project.body.artifacts), ...blocks(project.body.secondary_artifacts)];
      c.expect(!artifacts.some((a) => a.encryption_disabled === true || a.encryption_disabled === 'true'), 'artifacts.encryption_disabled', 'is true; keep build artifacts encrypted');
      const logs = block(project.body.logs_config);
      const cloudwatch = block(logs?.cloudwatch_logs);
      const s3 = block(logs?.s3_logs);
      const cloudwatchOn = !!cloudwatch && String(cloudwatch.status ?? 'ENABLED') === 'ENABLED';
      const s3On = !!s3 && String(s3.status ?? 'DISABLED') === 'ENABLED';
      c.expect(cloudwatchOn || s3On, 'logs_config', 'names no enabled destination; send build logs to a log group with retention and a KMS key');
      c.expect(!(s3On && (s3?.encryption_disabled === true || s3?.encryption_disabled === 'true')), 'logs_config.s3_logs.encryption_disabled', 'is true; keep S3 build logs encrypted');
      for (const variable of blocks(block(project.body.environment)?.environment_variable)) {
        const type = String(variable.type ?? 'PLAINTEXT');
        c.expect(!(type === 'PLAINTEXT' && isSecretVariable(String(variable.name ?? ''), variable.value)), `environment.environment_variable.${variable.name}`,
          'holds a secret as PLAINTEXT; use type SECRETS_MANAGER or PARAMETER_STORE');
      }
      return verdict(project, c.problems);
    },
  }),
  defineRule({
    id: 'CP-01',
    title: 'CodePipeline artifact stores are encrypted with a customer-managed KMS key',
    severity: 'medium',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_219'] },
    appliesTo: ['aws_codepipeline'],
    check(pipeline) {
      const stores = blocks(pipeline.body.artifact_store);
      if (stores.length === 0) return NOT_APPLICABLE;
      const c = collector();
      stores.forEach((store, i) => {
        const key = block(store.encryption_key);
        c.expect(key?.type === 'KMS' && isSet(key?.id), `artifact_store[${store.region ?? i}].encryption_key`, 'is not a KMS key; set encryption_key { type = "KMS", id = <customer-managed key ARN> }');
      });
      return c.problems.length === 0 ? COMPLIANT : verdict(pipeline, c.problems);
    },
  }),
];

