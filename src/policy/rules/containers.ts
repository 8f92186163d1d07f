import { COMPLIANT, NOT_APPLICABLE, block, blocks, collector, fail, flag, isRef, isSet, isWildcardPrincipal, literal, num, statements, verdict } from '../helpers';
import { PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

/** Container definitions of a task definition (the JSON string, parsed once per resource). */
function containers(task: PolicyResource): Record<string, any>[] {
  const parsed = task.json('container_definitions');
  return Array.isArray(parsed) ? parsed.filter((c) => c && typeof c === 'object') : [];
}

/** Environment variable names that hold secrets (pointers such as *_ARN or *_NAME are fine). */
export const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|CLIENT_?SECRET|AUTH_?KEY|DSN|CONNECTION_?STRING)/i;
const POINTER_SUFFIX = /(_ARN|_NAME|_ID|_PATH|_URL|_URI|_REGION|_TTL|_HEADER|_FILE|_PARAMETER|_PARAM)$/i;
/** Values that look like credentials whatever the variable is called. */
const SECRET_VALUE = /(AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^\s:@/]+:[^\s@/]+@)/;

export function isSecretVariable(name: string, value: unknown): boolean {
  if (typeof value === 'string' && SECRET_VALUE.test(value)) return true;
  return SECRET_NAME.test(name) && !POINTER_SUFFIX.test(name) && value !== undefined && value !== '';
}

const name = (c: Record<string, any>, i: number) => `container_definitions[${c.name ?? i}]`;

export const CONTAINER_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'ECS-01',
    title: 'Container Insights on; every container has a log configuration',
    severity: 'medium',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_65'], trivy: ['AVD-AWS-0034'], cdkNag: ['AwsSolutions-ECS4', 'AwsSolutions-ECS7'], fsbp: ['ECS.12', 'ECS.9'] },
    appliesTo: ['aws_ecs_cluster', 'aws_ecs_task_definition'],
    check(resource) {
      if (resource.type === 'aws_ecs_cluster') {
        const insights = blocks(resource.body.setting).find((s) => s.name === 'containerInsights');
        if (insights && ['enabled', 'enhanced'].includes(String(insights.value)) ) return COMPLIANT;
        if (insights && isRef(insights.value)) return COMPLIANT;
        return fail(resource, 'setting.containerInsights', 'is not enabled; add setting { name = "containerInsights", value = "enabled" }');
      }
      const defs = containers(resource);
      if (defs.length === 0) return NOT_APPLICABLE;
      const c = collector();
      defs.forEach((d, i) => c.expect(isSet(d.logConfiguration?.logDriver) || isSet(d.logConfiguration), `${name(d, i)}.logConfiguration`, 'is missing; send the container logs to CloudWatch (awslogs) or FireLens'));
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'ECS-02',
    title: 'Services do not assign public IPs',
    severity: 'high',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_333'], fsbp: ['ECS.2'] },
    appliesTo: ['aws_ecs_service'],
    check(service) {
      if (flag(block(service.body.network_configuration)?.assign_public_ip, false)) {
        return fail(service, 'network_configuration.assign_public_ip', 'is true; run tasks in private subnets with assign_public_ip = false');
      }
      return COMPLIANT;
    },
  }),
  defineRule({
    id: 'ECS-03',
    title: 'No privileged containers; read-only root filesystem; awsvpc; no host PID',
    severity: 'high',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_336', 'CKV_AWS_335'], fsbp: ['ECS.4', 'ECS.5', 'ECS.3', 'ECS.1'] },
    appliesTo: ['aws_ecs_task_definition'],
    check(task) {
      const c = collector();
      c.expect(task.body.network_mode === 'awsvpc' || isRef(task.body.network_mode), 'network_mode', `is ${task.body.network_mode ?? 'absent (bridge on EC2)'}; use awsvpc`);
      c.expect(task.body.pid_mode !== 'host', 'pid_mode', 'is host; do not share the host process namespace');
      containers(task).forEach((d, i) => {
        c.expect(d.privileged !== true, `${name(d, i)}.privileged`, 'is true; containers must not run privileged');
        c.expect(d.readonlyRootFilesystem === true, `${name(d, i)}.readonlyRootFilesystem`, 'is not true; mount writable paths as volumes and make the root filesystem read-only (suppress with a reason where the image cannot)');
      });
      return verdict(task, c.problems);
    },
  }),
  defineRule({
    id: 'ECS-04',
    title: 'Secrets come from container secrets (valueFrom), never environment',
    severity: 'high',
    pack: 'containers',
    mappings: { trivy: ['AVD-AWS-0036'], cdkNag: ['AwsSolutions-ECS2'], fsbp: ['ECS.8'] },
    appliesTo: ['aws_ecs_task_definition'],
    check(task) {
      const defs = containers(task);
      if (defs.length === 0) return NOT_APPLICABLE;
      const c = collector();
      defs.forEach((d, i) => {
        for (const variable of Array.isArray(d.environment) ? d.environment : []) {
          const n = String(variable?.name ?? '');
          c.expect(!isSecretVariable(n, variable?.value), `${name(d, i)}.environment.${n}`, 'holds a secret in plain text; move it to secrets [{ name, valueFrom = <Secrets Manager/SSM ARN> }]');
        }
      });
      return verdict(task, c.problems);
    },
  }),
  defineRule({
    id: 'ECS-05',
    title: 'Execution role differs from task role; circuit breaker with rollback; prod desired count 2+',
    severity: 'medium',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_249'] },
    appliesTo: ['aws_ecs_task_definition', 'aws_ecs_service'],
    check(resource, context) {
      const c = collector();
      if (resource.type === 'aws_ecs_task_definition') {
        const exec = resource.body.execution_role_arn;
        const task = resource.body.task_role_arn;
        if (exec === undefined || task === undefined) return NOT_APPLICABLE;
        c.expect(exec !== task, 'task_role_arn', 'is the execution role; give the task its own least-privilege role');
        return verdict(resource, c.problems);
      }
      const breaker = block(resource.body.deployment_circuit_breaker);
      c.expect(!!breaker && flag(breaker.enable, false) && flag(breaker.rollback, false), 'deployment_circuit_breaker', 'is not enabled with rollback; set { enable = true, rollback = true }');
      if (context.stack.isProd && resource.body.scheduling_strategy !== 'DAEMON') {
        const desired = num(resource.body.desired_count);
        c.expect(isRef(resource.body.desired_count) || (desired ?? 0) >= 2, 'desired_count', `is ${desired ?? 0}; run 2+ tasks in prod`);
      }
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'ECR-01',
    title: 'ECR: scan on push, immutable tags, KMS encryption, a lifecycle policy',
    severity: 'medium',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_163', 'CKV_AWS_51', 'CKV_AWS_136'], trivy: ['AVD-AWS-0030', 'AVD-AWS-0031', 'AVD-AWS-0033'], fsbp: ['ECR.1', 'ECR.2', 'ECR.3'] },
    appliesTo: ['aws_ecr_repository'],
    check(repo, context) {
      const c = collector();
      c.expect(flag(block(repo.body.image_scanning_configuration)?.scan_on_push, false), 'image_scanning_configuration.scan_on_push', 'is not true; scan images on push');
      c.expect(String(repo.body.image_tag_mutability ?? 'MUTABLE').startsWith('IMMUTABLE'), 'image_tag_mutability', 'is MUTABLE; use IMMUTABLE (or suppress with the reason tags must move)');
      const encryption = block(repo.body.encryption_configuration);
      c.expect(String(encryption?.encryption_type ?? 'AES256').startsWith('KMS') && isSet(encryption?.kms_key), 'encryption_configuration', 'is not KMS with a customer-managed kms_key; set encryption_type = "KMS" and kms_key');
      c.expect(context.referrers(repo, 'aws_ecr_lifecycle_policy', 'repository').length > 0, 'aws_ecr_lifecycle_policy', 'is missing; expire untagged and old images');
      return verdict(repo, c.problems);
    },
  }),
  defineRule({
    id: 'ECR-02',
    title: 'ECR repository policies have no Principal "*"',
    severity: 'high',
    pack: 'containers',
    mappings: { checkov: ['CKV_AWS_32'], trivy: ['AVD-AWS-0032'], cdkNag: ['AwsSolutions-ECR1'] },
    appliesTo: ['aws_ecr_repository_policy'],
    check(policy) {
      const open = statements(policy.json('policy')).find((s) => s.Effect === 'Allow' && isWildcardPrincipal(s.Principal));
      if (!open) return COMPLIANT;
      return fail(policy, 'policy', `statement ${literal(open.Sid) ?? ''} allows Principal "*"; name the accounts or roles that may pull/push`);
    },
  }),
];
