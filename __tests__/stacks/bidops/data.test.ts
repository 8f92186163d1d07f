import { Testing } from 'cdktf';
import { bidopsBlueprint } from '../../../stacks/bidops';
import { BidopsDataStack } from '../../../stacks/bidops/data';
import { buildLayers } from '../../../src/app/build-app';
import { AccountBaseline } from '../../../src/config/baseline';
import { validateEnvironmentConfig } from '../../../src/config/validate';
import { SystemBlueprint } from '../../../src/core/blueprint';
import { LayerGraph } from '../../../src/core/layer-graph';
import { EnvName } from '../../../src/core/names';
import { STATEFUL_RESOURCE_TYPES } from '../../../src/core/stateful';
import { suppressionsOf } from '../../../src/policy/suppressions';
import { DEFAULT_STATE, Json, PLATFORM, bidopsConfig, bidopsStacks, configErrorOf, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';

const ACCOUNT: Record<EnvName, string> = { dev: '222222222222', staging: '333333333333', prod: '444444444444' };

const stacks = new Map<EnvName, BidopsDataStack>();
const synths = new Map<EnvName, Json>();
function dataStack(env: EnvName): BidopsDataStack {
  if (!stacks.has(env)) stacks.set(env, bidopsStacks(env, 'data').data as BidopsDataStack);
  return stacks.get(env)!;
}
function data(env: EnvName): Json {
  if (!synths.has(env)) synths.set(env, synthJson(dataStack(env)));
  return synths.get(env)!;
}
const remote = (name: string) => `\${data.terraform_remote_state.network.outputs.${name}}`;

function bucketsByName(json: Json): Record<string, { id: string; bucket: Json }> {
  return Object.fromEntries(resourcesOf(json, 'aws_s3_bucket').map(([id, bucket]) => [bucket.bucket, { id, bucket }]));
}
/** The resource of `type` whose `bucket` attribute references the aws_s3_bucket with this ID. */
function ofBucket(json: Json, type: string, bucketId: string): Json {
  const found = resourcesOf(json, type).filter(([, r]) => r.bucket === `\${aws_s3_bucket.${bucketId}.id}`);
  expect(found).toHaveLength(1);
  return found[0][1];
}

describe('BidopsDataStack (bidops): Aurora', () => {
  test('the seed capacities: dev and staging 0-16 ACU pausing after 5 minutes, prod 0.5-16 ACU always on', () => {
    expect(onlyResource(data('dev'), 'aws_rds_cluster').serverlessv2_scaling_configuration).toEqual({ min_capacity: 0, max_capacity: 16, seconds_until_auto_pause: 300 });
    expect(onlyResource(data('staging'), 'aws_rds_cluster').serverlessv2_scaling_configuration).toEqual({ min_capacity: 0, max_capacity: 16, seconds_until_auto_pause: 300 });
    expect(onlyResource(data('prod'), 'aws_rds_cluster').serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 16 });
  });

  test('PostgreSQL 16.4, encrypted with the database key, master secret with the data key, 7-day backups', () => {
    const json = data('prod');
    const cluster = onlyResource(json, 'aws_rds_cluster');
    // The DR key (prod, us-west-2) encrypts bucket replicas only.
    const keys = Object.fromEntries(resourcesOf(json, 'aws_kms_key').filter(([, key]) => !key.provider).map(([id, key]) => [key.description.includes('Aurora') ? 'database' : 'data', id]));
    expect(cluster).toMatchObject({
      engine: 'aurora-postgresql',
      engine_version: '16.4',
      storage_encrypted: true,
      kms_key_id: `\${aws_kms_key.${keys.database}.arn}`,
      manage_master_user_password: true,
      master_user_secret_kms_key_id: `\${aws_kms_key.${keys.data}.arn}`,
      backup_retention_period: 7,
      copy_tags_to_snapshot: true,
      iam_database_authentication_enabled: true,
      database_name: 'bidops',
      vpc_security_group_ids: [remote('database_security_group_id')],
    });
    expect(onlyResource(json, 'aws_db_subnet_group').subnet_ids).toBe(remote('private_data_subnet_ids'));
  });

  test('prod: writer in 1a and reader in 1b; dev: one writer', () => {
    expect(resourcesOf(data('prod'), 'aws_rds_cluster_instance').map(([, i]) => i.availability_zone)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(resourcesOf(data('dev'), 'aws_rds_cluster_instance')).toHaveLength(1);
  });

  test('prod is protected (deletion protection, final snapshot, prevent_destroy); dev is not', () => {
    const prod = onlyResource(data('prod'), 'aws_rds_cluster');
    expect(prod).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: 'bidops-prod-aurora-final', lifecycle: { prevent_destroy: true } });
    const dev = onlyResource(data('dev'), 'aws_rds_cluster');
    expect(dev).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(dev.lifecycle?.prevent_destroy).toBeUndefined();
  });

  test('master password rotates every 30 days (seed), managed by RDS', () => {
    expect(onlyResource(data('dev'), 'aws_secretsmanager_secret_rotation').rotation_rules).toEqual({ automatically_after_days: 30 });
  });

  test('alarms go to the network layer\'s alert topics', () => {
    const alarms = Object.fromEntries(resourcesOf(data('prod'), 'aws_cloudwatch_metric_alarm').map(([, a]) => [a.metric_name, a]));
    expect(alarms.DatabaseConnections.alarm_actions).toEqual([remote('critical_alerts_topic_arn')]);
    expect(alarms.ReadLatency.alarm_actions).toEqual([remote('warning_alerts_topic_arn')]);
  });

  test('prod (never pauses) alarms on zero connections; dev (auto-pause) does not', () => {
    const names = (env: EnvName) => resourcesOf(data(env), 'aws_cloudwatch_metric_alarm').map(([, a]) => a.alarm_name);
    expect(names('prod')).toContainEqual(expect.stringMatching(/-no-connections$/));
    expect(names('dev').filter((n: string) => /-no-connections$/.test(n))).toEqual([]);
  });

  test('cluster failovers and failures reach the critical topic through an RDS event subscription', () => {
    const subscription = onlyResource(data('prod'), 'aws_db_event_subscription');
    expect(subscription).toMatchObject({ name: 'bidops-prod-aurora-events', sns_topic: remote('critical_alerts_topic_arn'), source_type: 'db-cluster' });
    expect(subscription.event_categories).toEqual(expect.arrayContaining(['failover', 'failure']));
  });

  test('HIGH/CRITICAL image-scan findings of the three repositories reach the alert topics', () => {
    const json = data('dev');
    const rules = resourcesOf(json, 'aws_cloudwatch_event_rule').map(([, r]) => JSON.parse(r.event_pattern));
    const basic = rules.filter((p) => p.source[0] === 'aws.ecr');
    expect(basic).toHaveLength(2);
    expect(basic[0].detail['repository-name']).toHaveLength(3);
    const targets = resourcesOf(json, 'aws_cloudwatch_event_target').map(([, t]) => t.arn).sort();
    expect(targets).toEqual([remote('critical_alerts_topic_arn'), remote('critical_alerts_topic_arn'), remote('warning_alerts_topic_arn'), remote('warning_alerts_topic_arn')]);
  });
});

describe('BidopsDataStack (bidops): OpenSearch', () => {
  test('prod: 3 x t3.small.search over 3 zones with 3 dedicated masters (a quorum that survives an AZ), in the data subnets with the OpenSearch group, encrypted with the data key', () => {
    const domain = onlyResource(data('prod'), 'aws_opensearch_domain');
    expect(domain.cluster_config).toEqual({
      instance_type: 't3.small.search',
      instance_count: 3,
      zone_awareness_enabled: true,
      zone_awareness_config: { availability_zone_count: 3 },
      dedicated_master_enabled: true,
      dedicated_master_count: 3,
      dedicated_master_type: 'm6g.large.search',
    });
    expect(onlyResource(data('dev'), 'aws_opensearch_domain').cluster_config).toMatchObject({ instance_type: 't3.small.search', instance_count: 2, zone_awareness_enabled: true });
    expect(domain.ebs_options).toMatchObject({ volume_type: 'gp3', volume_size: 20 });
    expect(domain.vpc_options.subnet_ids).toBe(`\${slice(${remote('private_data_subnet_ids').slice(2, -1)}, 0, 3)}`);
    expect(domain.vpc_options.security_group_ids).toEqual([remote('opensearch_security_group_id')]);
    expect(domain.encrypt_at_rest.kms_key_id).toMatch(/^\$\{aws_kms_key\.data-key_.*\.arn\}$/);
    expect(parsed(domain.access_policies).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::444444444444:root' });
  });

  test('the stack owns the OpenSearch service-linked role (dedicated account) and the domain waits for it', () => {
    const json = data('dev');
    const [[id, role]] = resourcesOf(json, 'aws_iam_service_linked_role');
    expect(role.aws_service_name).toBe('opensearchservice.amazonaws.com');
    expect(onlyResource(json, 'aws_opensearch_domain').depends_on).toContain(`aws_iam_service_linked_role.${id}`);
  });
});

describe('BidopsDataStack (bidops): buckets', () => {
  const PURPOSES = ['artifacts', 'bda-input', 'bda-output', 'documents', 'knowledge-base', 'logs'];

  test.each(['dev', 'prod'] as const)('%s: six buckets named <system>-<env>-<purpose>-<account>', (env) => {
    const primary = Object.entries(bucketsByName(data(env))).filter(([, { bucket }]) => !bucket.provider);
    expect(primary.map(([name]) => name).sort()).toEqual(PURPOSES.map((p) => `bidops-${env}-${p}-${ACCOUNT[env]}`));
  });

  test('application buckets: SSE-KMS with the data key, access logs to the logs bucket; logs bucket SSE-S3', () => {
    const json = data('prod');
    const buckets = Object.fromEntries(Object.entries(bucketsByName(json)).filter(([, { bucket }]) => !bucket.provider));
    const logs = buckets['bidops-prod-logs-444444444444'];
    for (const [name, { id }] of Object.entries(buckets)) {
      const rule = ofBucket(json, 'aws_s3_bucket_server_side_encryption_configuration', id).rule[0];
      if (name.includes('-logs-')) {
        expect(rule.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
        continue;
      }
      expect(rule.apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
      expect(rule.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/aws_kms_key\.data-key_/);
      expect(ofBucket(json, 'aws_s3_bucket_logging', id).target_bucket).toBe(`\${aws_s3_bucket.${logs.id}.bucket}`);
      expect(ofBucket(json, 'aws_s3_bucket_versioning', id).versioning_configuration.status).toBe('Enabled');
      expect(ofBucket(json, 'aws_s3_bucket_public_access_block', id)).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
  });

  test('lifecycle: documents to STANDARD_IA after 90 days; logs expire (a year in prod, 90 days in dev)', () => {
    const rules = (env: EnvName, purpose: string) => {
      const json = data(env);
      return ofBucket(json, 'aws_s3_bucket_lifecycle_configuration', bucketsByName(json)[`bidops-${env}-${purpose}-${ACCOUNT[env]}`].id).rule;
    };
    expect(rules('prod', 'documents')).toContainEqual(expect.objectContaining({ transition: [{ days: 90, storage_class: 'STANDARD_IA' }] }));
    expect(rules('prod', 'logs')).toContainEqual(expect.objectContaining({ expiration: [{ days: 365 }] }));
    expect(rules('dev', 'logs')).toContainEqual(expect.objectContaining({ expiration: [{ days: 90 }] }));
  });

  test('logs bucket policy admits ELB log delivery (account 127311923021 and the service) and S3 server access logging of this env', () => {
    const json = data('prod');
    const statements = parsed(ofBucket(json, 'aws_s3_bucket_policy', bucketsByName(json)['bidops-prod-logs-444444444444'].id).policy).Statement;
    const bySid = Object.fromEntries(statements.map((s: Json) => [s.Sid, s]));
    expect(bySid.ElbAccountLogDelivery.Principal).toEqual({ AWS: 'arn:aws:iam::127311923021:root' });
    expect(bySid.ElbAccountLogDelivery.Resource).toContain('arn:aws:s3:::bidops-prod-logs-444444444444/*/AWSLogs/444444444444/*');
    expect(bySid.ElbLogDelivery.Principal).toEqual({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' });
    expect(bySid.S3ServerAccessLogs).toMatchObject({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '444444444444' }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bidops-prod-*' } },
    });
    expect(bySid.DenyInsecureTransport.Effect).toBe('Deny');
    // The ai layer's Bedrock invocation logging writes here, only for this account's Bedrock.
    expect(bySid.AllowBedrockModelInvocationLogs).toMatchObject({
      Principal: { Service: 'bedrock.amazonaws.com' },
      Resource: 'arn:aws:s3:::bidops-prod-logs-444444444444/bedrock-invocation-logs/AWSLogs/444444444444/BedrockModelInvocationLogs/*',
      Condition: { StringEquals: { 'aws:SourceAccount': '444444444444' } },
    });
  });

  test('without an ai layer the logs bucket does not admit Bedrock', () => {
    // A copy of the blueprint that declares only network and data: the system has no ai layer.
    const layers = { network: bidopsBlueprint.layers.network, data: bidopsBlueprint.layers.data };
    const blueprint: SystemBlueprint = { ...bidopsBlueprint, layers };
    const graph = new LayerGraph('bidops', layers);
    const config = bidopsConfig('dev');
    const selected = { blueprint, graph, config, baseline: AccountBaseline.sole(config), layers: graph.closure(['data']) };
    const built = buildLayers(Testing.app(), selected, DEFAULT_STATE, PLATFORM);
    expect(Object.keys(built)).toEqual(['network', 'data']);
    const json = synthJson(built.data!);
    const policies = resourcesOf(json, 'aws_s3_bucket_policy').map(([, p]) => p.policy as string);
    expect(policies.some((p) => p.includes('ElbLogDelivery'))).toBe(true);
    expect(policies.some((p) => p.includes('bedrock.amazonaws.com'))).toBe(false);
  });

  test('force_destroy only where resources are not protected', () => {
    expect(resourcesOf(data('dev'), 'aws_s3_bucket').every(([, b]) => b.force_destroy === true)).toBe(true);
    expect(resourcesOf(data('prod'), 'aws_s3_bucket').every(([, b]) => b.force_destroy === false)).toBe(true);
  });
});

describe('BidopsDataStack (bidops): recovery classes and cross-region replication', () => {
  const CLASSES: Record<string, string> = { documents: 'critical', 'knowledge-base': 'critical', artifacts: 'rebuildable', 'bda-input': 'rebuildable', 'bda-output': 'rebuildable', logs: 'log' };

  test.each(['dev', 'staging', 'prod'] as const)('%s: every bucket carries its RecoveryClass tag', (env) => {
    for (const [purpose, cls] of Object.entries(CLASSES)) expect(bucketsByName(data(env))[`bidops-${env}-${purpose}-${ACCOUNT[env]}`].bucket.tags).toEqual({ RecoveryClass: cls });
  });

  test('prod: documents and knowledge-base replicate to us-west-2 (DR key, DR logs bucket, RTC); nothing else does', () => {
    const json = data('prod');
    const buckets = bucketsByName(json);
    const configs = resourcesOf(json, 'aws_s3_bucket_replication_configuration').map(([, c]) => c);
    expect(configs.map((c) => c.bucket).sort()).toEqual(['documents', 'knowledge-base'].map((p) => `\${aws_s3_bucket.${buckets[`bidops-prod-${p}-444444444444`].id}.bucket}`));
    const [drKeyId] = resourcesOf(json, 'aws_kms_key').find(([, k]) => k.provider === 'aws.us_west_2')!;
    for (const purpose of ['documents', 'knowledge-base']) {
      const replica = buckets[`bidops-prod-${purpose}-dr-444444444444`];
      expect(replica.bucket).toMatchObject({ provider: 'aws.us_west_2', tags: { RecoveryClass: 'critical' }, lifecycle: { prevent_destroy: true } });
      const config = configs.find((c) => c.rule[0].destination.bucket === `\${aws_s3_bucket.${replica.id}.arn}`)!;
      expect(config.rule[0].destination.encryption_configuration.replica_kms_key_id).toBe(`\${aws_kms_key.${drKeyId}.arn}`);
      expect(config.rule[0].destination.replication_time.status).toBe('Enabled');
      expect(ofBucket(json, 'aws_s3_bucket_logging', replica.id).target_bucket).toBe(`\${aws_s3_bucket.${buckets['bidops-prod-dr-logs-444444444444'].id}.bucket}`);
    }
    expect(buckets['bidops-prod-dr-logs-444444444444'].bucket).toMatchObject({ provider: 'aws.us_west_2', tags: { RecoveryClass: 'log' } });
  });

  test.each(['dev', 'staging'] as const)('%s: no replication (classification only)', (env) => {
    expect(resourcesOf(data(env), 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
    expect(resourcesOf(data(env), 'aws_s3_bucket').filter(([, b]) => b.provider)).toHaveLength(0);
  });
});

describe('BidopsDataStack (bidops): Cognito, ECR, secrets, parameters', () => {
  test('user pool: 12+ character complex passwords, optional MFA, ENFORCED in prod and AUDIT in dev', () => {
    const prod = onlyResource(data('prod'), 'aws_cognito_user_pool');
    expect(prod.password_policy).toMatchObject({ minimum_length: 12, require_uppercase: true, require_lowercase: true, require_numbers: true, require_symbols: true });
    expect(prod).toMatchObject({ mfa_configuration: 'OPTIONAL', user_pool_add_ons: { advanced_security_mode: 'ENFORCED' }, deletion_protection: 'ACTIVE' });
    const dev = onlyResource(data('dev'), 'aws_cognito_user_pool');
    expect(dev).toMatchObject({ user_pool_add_ons: { advanced_security_mode: 'AUDIT' }, deletion_protection: 'INACTIVE' });
  });

  test('app client calls back to the Next.js route on app.<domain>', () => {
    expect(onlyResource(data('prod'), 'aws_cognito_user_pool_client').callback_urls).toEqual(['https://app.bidops.ai/api/auth/callback/cognito']);
    expect(onlyResource(data('dev'), 'aws_cognito_user_pool_client').callback_urls).toEqual(['https://app.dev.bidops.ai/api/auth/callback/cognito']);
  });

  test('RBAC groups', () => {
    expect(resourcesOf(data('dev'), 'aws_cognito_user_group').map(([, g]) => g.name).sort()).toEqual(['admin', 'bid-manager', 'contributor', 'viewer']);
  });

  test('ECR: frontend, backend, agentcore (and tls-proxy for compute.targetTls outside dev); immutable, scanned, KMS; force delete only in dev', () => {
    const repos = (env: EnvName) => resourcesOf(data(env), 'aws_ecr_repository').map(([, r]) => r);
    expect(repos('prod').map((r) => r.name).sort()).toEqual(['bidops-prod-agentcore', 'bidops-prod-backend', 'bidops-prod-frontend', 'bidops-prod-tls-proxy']);
    expect(repos('dev').map((r) => r.name)).not.toContain('bidops-dev-tls-proxy');
    for (const r of repos('prod')) {
      expect(r).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true }, force_delete: false });
      expect(r.encryption_configuration[0].encryption_type).toBe('KMS');
    }
    expect(repos('dev').every((r) => r.force_delete === true)).toBe(true);
    const lifecycles = resourcesOf(data('prod'), 'aws_ecr_lifecycle_policy').map(([, l]) => parsed(l.policy).rules.map((r: Json) => r.selection));
    expect(lifecycles).toHaveLength(4);
    for (const rules of lifecycles) {
      expect(rules).toEqual([
        expect.objectContaining({ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 1 }),
        expect.objectContaining({ tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 10 }),
        expect.objectContaining({ tagPrefixList: ['dev'], countType: 'imageCountMoreThan', countNumber: 5 }),
      ]);
    }
  });

  test('enhanced (continuous) image scanning in prod only, for this env\'s repositories', () => {
    expect(onlyResource(data('prod'), 'aws_ecr_registry_scanning_configuration')).toEqual({
      scan_type: 'ENHANCED',
      rule: [{ scan_frequency: 'CONTINUOUS_SCAN', repository_filter: [{ filter: 'bidops-prod-*', filter_type: 'WILDCARD' }] }],
    });
    expect(resourcesOf(data('dev'), 'aws_ecr_registry_scanning_configuration')).toHaveLength(0);
  });

  test('secrets: generated JWT secret stored as a version, external-apis without one, all with the data key', () => {
    const json = data('staging');
    const secrets: Record<string, { id: string; s: Json }> = Object.fromEntries(resourcesOf(json, 'aws_secretsmanager_secret').map(([id, s]) => [s.name, { id, s }]));
    expect(Object.keys(secrets).sort()).toEqual(['bidops/staging/api/jwt-secret', 'bidops/staging/cognito/app-client-secret', 'bidops/staging/external-apis']);
    for (const { s } of Object.values(secrets)) expect(s.kms_key_id).toMatch(/aws_kms_key\.data-key_/);
    const versions = resourcesOf(json, 'aws_secretsmanager_secret_version').map(([, v]) => v);
    const jwt = versions.find((v) => v.secret_id.includes(secrets['bidops/staging/api/jwt-secret'].id))!;
    expect(jwt.secret_string).toMatch(/^\$\{random_password\./);
    expect(versions.some((v) => v.secret_id.includes(secrets['bidops/staging/external-apis'].id))).toBe(false);
    expect(json.provider.random).toBeDefined();
  });

  test('SSM parameters under /bidops/<env>/', () => {
    const params = resourcesOf(data('dev'), 'aws_ssm_parameter').map(([, p]) => p.name).sort();
    expect(params).toEqual(['/bidops/dev/cognito/client-id', '/bidops/dev/cognito/user-pool-id', '/bidops/dev/database/host', '/bidops/dev/database/reader-host', '/bidops/dev/s3/documents-bucket']);
  });
});

describe('BidopsDataStack (bidops): keys, logs, protection', () => {
  test('two customer keys with rotation', () => {
    const keys = resourcesOf(data('dev'), 'aws_kms_key').map(([, k]) => k);
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(k.enable_key_rotation).toBe(true);
  });

  test('every log group has retention and the network logs key', () => {
    const groups = resourcesOf(data('prod'), 'aws_cloudwatch_log_group').map(([, g]) => g);
    expect(groups).toHaveLength(5);
    // Prod keeps a year: the OpenSearch audit group is audit-class (src/config/retention-classes.ts).
    for (const g of groups) expect(g).toMatchObject({ retention_in_days: 365, kms_key_id: remote('logs_kms_key_arn') });
  });

  test('every stateful resource gets prevent_destroy in prod and not in dev', () => {
    for (const [type, resources] of Object.entries<Json>(data('prod').resource)) {
      if (!STATEFUL_RESOURCE_TYPES.has(type)) continue;
      for (const r of Object.values<Json>(resources)) expect(r.lifecycle?.prevent_destroy).toBe(true);
    }
    for (const [type, resources] of Object.entries<Json>(data('dev').resource)) {
      if (!STATEFUL_RESOURCE_TYPES.has(type)) continue;
      for (const r of Object.values<Json>(resources)) expect(r.lifecycle?.prevent_destroy).toBeUndefined();
    }
  });

  test('stateful addresses are pinned (a rename needs a moved block)', () => {
    const addresses = Object.entries<Json>(data('prod').resource)
      .filter(([type]) => STATEFUL_RESOURCE_TYPES.has(type))
      .flatMap(([type, resources]) => Object.keys(resources).map((name) => `${type}.${name}`))
      .sort();
    expect(addresses).toEqual([
      'aws_backup_vault.backup_vault_A3268EAD',
      'aws_cloudwatch_log_group.aurora_postgresql-logs_46D5CE9E',
      'aws_cloudwatch_log_group.search_logs-application_32EA6740',
      'aws_cloudwatch_log_group.search_logs-audit_BFD67440',
      'aws_cloudwatch_log_group.search_logs-index-slow_1C622458',
      'aws_cloudwatch_log_group.search_logs-search-slow_37EAEBB7',
      'aws_cognito_user_pool.user-pool_8104F59E',
      'aws_ecr_repository.ecr-agentcore_repository_C5E1D73A',
      'aws_ecr_repository.ecr-backend_repository_16AD38B3',
      'aws_ecr_repository.ecr-frontend_repository_1A19570C',
      'aws_ecr_repository.ecr-tls-proxy_repository_0D739827',
      'aws_kms_key.data-key_5D719C34',
      'aws_kms_key.database-key_C4D88439',
      'aws_kms_key.dr-data-key_090C4780',
      'aws_opensearch_domain.search_domain_662C30ED',
      'aws_rds_cluster.aurora_cluster_059EF40F',
      'aws_rds_cluster_instance.aurora_instance-1_9808E0A1',
      'aws_rds_cluster_instance.aurora_instance-2_9D522FE3',
      'aws_s3_bucket.bucket-artifacts_bucket_F8E3A613',
      'aws_s3_bucket.bucket-bda-input_bucket_2912D992',
      'aws_s3_bucket.bucket-bda-output_bucket_49916182',
      'aws_s3_bucket.bucket-documents_bucket_6F14FA10',
      'aws_s3_bucket.bucket-knowledge-base_bucket_FA38C8A3',
      'aws_s3_bucket.bucket-logs_bucket_CF86FC38',
      'aws_s3_bucket.dr-bucket-documents_bucket_3ECD5282',
      'aws_s3_bucket.dr-bucket-knowledge-base_bucket_97750427',
      'aws_s3_bucket.dr-bucket-logs_bucket_DE00BEA8',
      'aws_secretsmanager_secret.secret-cognito-client_secret_949E7DC4',
      'aws_secretsmanager_secret.secret-external-apis_secret_9BE8CA20',
      'aws_secretsmanager_secret.secret-jwt_secret_14B56253',
    ]);
  });
});

describe('BidopsDataStack (bidops): recorded policy suppressions', () => {
  const ids = (resource: Parameters<typeof suppressionsOf>[0]) => suppressionsOf(resource).map((r) => r.id);

  test('seed-driven exceptions carry a written reason: MFA optional, OpenSearch sizing, unrotatable secrets', () => {
    const stack = dataStack('prod');
    expect(ids(stack.userPool!.userPool)).toEqual(['COG-02']);
    // prod's domain meets OS-05 (three dedicated masters over three AZs): no exception left.
    expect(ids(stack.search!.domain)).toEqual([]);
    for (const secret of Object.values(stack.secrets)) {
      expect(ids(secret.secret)).toEqual(['SEC-02']);
      expect(suppressionsOf(secret.secret)[0].reason.length).toBeGreaterThan(40);
    }
    // The Aurora master secret rotates: nothing suppressed on the cluster.
    expect(ids(stack.aurora!.cluster)).toEqual([]);
  });
});

describe('BidopsDataStack (bidops): published contract', () => {
  const CONTRACT = [
    'data_kms_key_arn', 'database_kms_key_arn', 'aurora_cluster_arn', 'aurora_cluster_id', 'aurora_cluster_endpoint', 'aurora_reader_endpoint',
    'aurora_cluster_resource_id', 'aurora_master_user_secret_arn', 'aurora_database_name', 'aurora_port', 'opensearch_domain_arn',
    'opensearch_domain_endpoint', 'opensearch_domain_name', 'documents_bucket_name', 'documents_bucket_arn', 'knowledge_base_bucket_name',
    'knowledge_base_bucket_arn', 'artifacts_bucket_name', 'artifacts_bucket_arn', 'logs_bucket_name', 'logs_bucket_arn', 'bda_input_bucket_name',
    'bda_input_bucket_arn', 'bda_output_bucket_name', 'bda_output_bucket_arn', 'cognito_user_pool_id', 'cognito_user_pool_arn',
    'cognito_user_pool_client_id', 'cognito_user_pool_domain', 'ecr_frontend_repository_url', 'ecr_frontend_repository_arn',
    'ecr_backend_repository_url', 'ecr_backend_repository_arn', 'ecr_agentcore_repository_url', 'ecr_agentcore_repository_arn',
    'jwt_secret_arn', 'external_apis_secret_arn', 'ssm_parameter_path',
  ];

  test.each(['dev', 'staging', 'prod'] as const)('%s publishes every agreed output', (env) => {
    const names = dataStack(env).contract.map((o) => o.name);
    for (const name of CONTRACT) expect(names).toContain(name);
    expect(Object.keys(data(env).output)).toEqual(expect.arrayContaining(CONTRACT));
  });

  test('samples are shaped like the real values', () => {
    const samples = Object.fromEntries(dataStack('staging').contract.map((o) => [o.name, o.sample]));
    for (const [name, sample] of Object.entries(samples)) {
      if (name.endsWith('_arn') && !name.endsWith('bucket_arn')) expect(sample).toMatch(/^arn:aws:[a-z0-9-]+:(us-east-1)?:(333333333333)?:.+/);
    }
    expect(samples.documents_bucket_arn).toBe('arn:aws:s3:::bidops-staging-documents-333333333333');
    expect(samples.aurora_port).toBe(5432);
    expect(samples.aurora_cluster_endpoint).toMatch(/^bidops-staging-aurora\.cluster-[a-z0-9]{12}\.us-east-1\.rds\.amazonaws\.com$/);
    expect(samples.aurora_reader_endpoint).toMatch(/\.cluster-ro-[a-z0-9]{12}\.us-east-1\.rds\.amazonaws\.com$/);
    expect(samples.opensearch_domain_endpoint).toMatch(/^vpc-bidops-staging-search-[a-z0-9]+\.us-east-1\.es\.amazonaws\.com$/);
    expect(samples.ecr_backend_repository_url).toBe('333333333333.dkr.ecr.us-east-1.amazonaws.com/bidops-staging-backend');
    expect(samples.cognito_user_pool_id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(samples.jwt_secret_arn).toMatch(/^arn:aws:secretsmanager:us-east-1:333333333333:secret:bidops\/staging\/api\/jwt-secret-[A-Za-z0-9]{6}$/);
    expect(samples.ssm_parameter_path).toBe('/bidops/staging/');
  });

  test('no output exposes a secret value', () => {
    for (const output of Object.values<Json>(data('prod').output)) expect(String(output.value)).not.toMatch(/random_password|\.client_secret\}|secret_string/);
  });
});

describe('BidopsDataStack (bidops): wiring and configuration', () => {
  test('needs the network layer', () => {
    expect(dataStack('dev').dependencies.map((d) => d.node.id)).toEqual(['bidops-dev-network']);
    const graph = new LayerGraph('bidops', bidopsBlueprint.layers);
    const config = bidopsConfig('dev');
    const dataAlone = { blueprint: bidopsBlueprint, graph, config, baseline: AccountBaseline.sole(config), layers: ['data' as const] };
    expect(() => buildLayers(Testing.app(), dataAlone, DEFAULT_STATE, PLATFORM)).toThrow('bidops/dev: data reads network, which is not built before it');
  });

  const errorOf = configErrorOf;

  test.each([
    [(c: any) => (c.data.aurora.engineVersion = '15.4'), 'data.aurora.engineVersion = "15.4" cannot auto-pause'],
    [(c: any) => (c.data.aurora.masterPasswordRotationDays = 400), 'data.aurora.masterPasswordRotationDays = 400 is outside 1-365 days'],
    [(c: any) => (c.data.aurora.databaseName = 'Bad-Name'), 'data.aurora.databaseName = "Bad-Name"'],
    [(c: any) => (c.data.search.instanceType = 't2.small.search'), 'data.search.instanceType = "t2.small.search" is not an offered family'],
    [(c: any) => (c.data.search.instanceCount = 0), 'data.search.instanceCount = 0'],
    [(c: any) => (c.data.search.engineVersion = '2.19'), 'data.search.engineVersion = "2.19"'],
    [(c: any) => (c.data.buckets.documents.infrequentAccessAfterDays = 10), 'data.buckets.documents.infrequentAccessAfterDays = 10 is below the 30 days'],
    [(c: any) => (c.data.buckets.logs = {}), 'data.buckets = "logs" is reserved'],
    [(c: any) => (c.data.buckets.artifacts.expireAfterDays = 20), 'data.buckets.artifacts.expireAfterDays = 20 is not after infrequentAccessAfterDays (30)'],
    [(c: any) => (c.data.logsBucketExpirationDays = 0), 'data.logsBucketExpirationDays = 0'],
    [(c: any) => (c.data.logRetentionDays = 31), 'data.logRetentionDays = 31 is not a retention CloudWatch Logs accepts'],
    [(c: any) => (c.data.userPool.advancedSecurityMode = 'ON'), 'data.userPool.advancedSecurityMode = "ON"'],
    [(c: any) => (c.data.userPool.groups[1].precedence = 0), 'data.userPool.groups[1].precedence = 0 repeats a precedence'],
    [(c: any) => (c.data.userPool.groups[1].name = 'Admins'), 'data.userPool.groups[1].name = "Admins"'],
    [(c: any) => c.data.containerRepositories.push('backend'), 'data.containerRepositories'],
    [(c: any) => (c.data.containerImageRetention.devImagesKept = 0), 'data.containerImageRetention.devImagesKept = 0'],
    [(c: any) => (c.data.secrets[0].generatedLength = 8), 'data.secrets[0].generatedLength = 8'],
    [(c: any) => (c.data.secrets[1].id = 'jwt'), 'data.secrets[1].id = "jwt" repeats a secret id'],
  ])('rejects bad data config %#', (change, message) => {
    expect(errorOf(change)).toContain(message);
  });

  test('the shipped data configs are valid', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) expect(() => validateEnvironmentConfig(bidopsConfig(env))).not.toThrow();
  });
});
