import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { evaluate } from '../../../src/policy';
import { expectOfflinePlan } from '../../terraform-offline';
import { birdAgentConfigError, birdAgentStacks } from './helpers';

/** Resources of a type keyed by one of their attributes. */
const by = (json: Json, type: string, key: string) => Object.fromEntries(resourcesOf(json, type).map(([, r]) => [r[key], r]));
const policy = (json: Json) => JSON.parse(json.policy);
const inWest = (r: Json) => r.provider === 'aws.us_west_2';

describe('bird-agent data layer', () => {
  const devStacks = birdAgentStacks('dev', 'data');
  const prodStacks = birdAgentStacks('prod', 'data');
  const dev = synthJson(devStacks.data);
  const staging = synthJson(birdAgentStacks('staging', 'data').data);
  const prod = synthJson(prodStacks.data);

  test('the seed\'s three keys, rotated, aliased per environment, each admitting its service for this account; DR twins in prod', () => {
    const aliases = resourcesOf(prod, 'aws_kms_alias').map(([, a]) => `${a.name}${inWest(a) ? ' (us-west-2)' : ''}`).sort();
    expect(aliases).toEqual(['rds', 's3', 'secrets'].flatMap((k) => [`alias/bird-agent/prod/${k}`, `alias/bird-agent/prod/${k} (us-west-2)`]).sort());
    expect(resourcesOf(dev, 'aws_kms_alias').map(([, a]) => a.name).sort()).toEqual(['alias/bird-agent/dev/rds', 'alias/bird-agent/dev/s3', 'alias/bird-agent/dev/secrets']);
    const keys = resourcesOf(dev, 'aws_kms_key').map(([, k]) => k);
    for (const key of keys) expect(key.enable_key_rotation).toBe(true);
    const services = keys.map((k) => policy(k).Statement.find((s: Json) => s.Principal.Service));
    expect(services.map((s) => s.Principal.Service).sort()).toEqual(['rds.amazonaws.com', 's3.amazonaws.com', 'secretsmanager.amazonaws.com']);
    for (const s of services) expect(s.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '801000000001' } });
    expect(prod.output.dr_rds_kms_key_arn).toBeDefined();
    expect(dev.output.dr_rds_kms_key_arn).toBeUndefined();
  });

  test('Aurora PostgreSQL 16: db.r6g.large writer in us-east-1a and readers in 1b/1c, the seed\'s windows, TLS, IAM auth, agentdb, PI and 60 s monitoring', () => {
    const cluster = by(prod, 'aws_rds_cluster', 'cluster_identifier')['bird-agent-prod-aurora'];
    expect(cluster).toMatchObject({
      engine: 'aurora-postgresql',
      engine_version: '16.6',
      database_name: 'agentdb',
      backup_retention_period: 7,
      preferred_backup_window: '03:00-04:00',
      preferred_maintenance_window: 'sun:04:00-sun:05:00',
      iam_database_authentication_enabled: true,
      storage_encrypted: true,
      deletion_protection: true,
    });
    expect(cluster.kms_key_id).toContain('aws_kms_key.rds-key');
    const instances = resourcesOf(prod, 'aws_rds_cluster_instance').map(([, i]) => i).filter((i) => !inWest(i));
    expect(instances.map((i) => [i.identifier, i.availability_zone, i.instance_class])).toEqual([
      ['bird-agent-prod-aurora-1', 'us-east-1a', 'db.r6g.large'],
      ['bird-agent-prod-aurora-2', 'us-east-1b', 'db.r6g.large'],
      ['bird-agent-prod-aurora-3', 'us-east-1c', 'db.r6g.large'],
    ]);
    for (const i of instances) expect([i.performance_insights_enabled, i.monitoring_interval, i.publicly_accessible]).toEqual([true, 60, false]);
    const tls = resourcesOf(prod, 'aws_rds_cluster_parameter_group').map(([, g]) => g.parameter.find((p: Json) => p.name === 'rds.force_ssl'));
    expect(tls.every((p) => p.value === '1')).toBe(true);
    // dev: one small reader.
    expect(resourcesOf(dev, 'aws_rds_cluster_instance').map(([, i]) => [i.availability_zone, i.instance_class])).toEqual([['us-east-1a', 'db.t4g.medium'], ['us-east-1b', 'db.t4g.medium']]);
  });

  test('reader auto scaling 1-5 on CPU 70 % with 15 min in and 5 min out (1-2 in dev), after the instances exist', () => {
    const target = resourcesOf(prod, 'aws_appautoscaling_target').map(([, t]) => t).find((t) => t.service_namespace === 'rds')!;
    expect(target).toMatchObject({ scalable_dimension: 'rds:cluster:ReadReplicaCount', min_capacity: 1, max_capacity: 5 });
    expect(target.depends_on).toHaveLength(3);
    const policyConfig = resourcesOf(prod, 'aws_appautoscaling_policy').map(([, p]) => p).find((p) => p.name === 'bird-agent-prod-aurora-reader-cpu')!.target_tracking_scaling_policy_configuration;
    expect(policyConfig).toEqual({ target_value: 70, scale_in_cooldown: 900, scale_out_cooldown: 300, predefined_metric_specification: { predefined_metric_type: 'RDSReaderAverageCPUUtilization' } });
    const devTarget = resourcesOf(dev, 'aws_appautoscaling_target').map(([, t]) => t).find((t) => t.service_namespace === 'rds')!;
    expect([devTarget.min_capacity, devTarget.max_capacity]).toEqual([1, 2]);
  });

  test('dev and staging: the RDS-managed master secret under the secrets key, rotated every 30 days', () => {
    for (const json of [dev, staging]) {
      const cluster = onlyResource(json, 'aws_rds_cluster');
      expect(cluster.manage_master_user_password).toBe(true);
      expect(cluster.master_user_secret_kms_key_id).toContain('aws_kms_key.secrets-key');
      expect(cluster.global_cluster_identifier).toBeUndefined();
      expect(onlyResource(json, 'aws_secretsmanager_secret_rotation').rotation_rules).toEqual({ automatically_after_days: 30 });
      expect(json.output.database_credentials_secret_arn.value).toContain('master_user_secret');
      expect(resourcesOf(json, 'aws_rds_global_cluster')).toEqual([]);
    }
  });

  test('prod: an Aurora Global Database with its secondary in us-west-2, the generated password in database-credentials rotated every 30 days by AWS\'s function', () => {
    const global = onlyResource(prod, 'aws_rds_global_cluster');
    expect(global).toMatchObject({ global_cluster_identifier: 'bird-agent-prod-aurora-global', engine: 'aurora-postgresql', storage_encrypted: true, deletion_protection: true });
    const clusters = by(prod, 'aws_rds_cluster', 'cluster_identifier');
    const primary = clusters['bird-agent-prod-aurora'];
    expect(primary.global_cluster_identifier).toBe('${aws_rds_global_cluster.aurora-global.id}');
    expect(primary.manage_master_user_password).toBeUndefined();
    expect(primary.master_password_wo).toBe('${random_password.aurora-master-password.result}');
    const secondary = clusters['bird-agent-prod-aurora-dr'];
    expect(inWest(secondary)).toBe(true);
    expect(secondary.global_cluster_identifier).toBe(primary.global_cluster_identifier);
    expect([secondary.master_username, secondary.database_name]).toEqual([undefined, undefined]);
    expect(secondary.kms_key_id).toContain('aws_kms_key.dr-rds-key');
    expect(secondary.depends_on.filter((d: string) => d.startsWith('aws_rds_cluster_instance.aurora_'))).toHaveLength(3);
    expect(resourcesOf(prod, 'aws_rds_cluster_instance').filter(([, i]) => inWest(i)).map(([, i]) => i.availability_zone)).toEqual(['us-west-2a', 'us-west-2b']);

    const secret = by(prod, 'aws_secretsmanager_secret', 'name')['bird-agent/prod/database-credentials'];
    expect(secret.replica).toEqual([{ region: 'us-west-2', kms_key_id: '${aws_kms_key.dr-secrets-key_722407EF.arn}' }]);
    const version = resourcesOf(prod, 'aws_secretsmanager_secret_version').map(([, v]) => v).find((v) => String(v.secret_string).includes('"engine" = "postgres"'))!;
    expect(version.lifecycle).toEqual({ ignore_changes: ['secret_string'] });
    for (const field of ['"host" = aws_rds_cluster.aurora_', '"password" = random_password.aurora-master-password.result', '"dbname" = "agentdb"']) expect(version.secret_string).toContain(field);
    const rotator = onlyResource(prod, 'aws_serverlessapplicationrepository_cloudformation_stack');
    expect(rotator.application_id).toBe('arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser');
    expect(rotator.parameters.vpcSecurityGroupIds).toContain('lambda_security_group_id');
    const rotation = onlyResource(prod, 'aws_secretsmanager_secret_rotation');
    expect(rotation.rotation_lambda_arn).toContain('.outputs["RotationLambdaARN"]');
    expect(rotation.rotation_rules).toEqual({ automatically_after_days: 30 });
    expect(prod.output.dr_aurora_reader_endpoint).toBeDefined();
  });

  test('the three tables with the seed\'s keys, indexes, streams, TTL and PITR under the rds key', () => {
    const tables = by(dev, 'aws_dynamodb_table', 'name');
    const sessions = tables['bird-agent-dev-agent-sessions'];
    expect([sessions.billing_mode, sessions.hash_key, sessions.range_key]).toEqual(['PAY_PER_REQUEST', 'sessionId', 'timestamp']);
    expect(sessions.global_secondary_index).toEqual([{ name: 'UserIndex', hash_key: 'userId', projection_type: 'ALL' }]);
    expect([sessions.stream_enabled, sessions.stream_view_type]).toEqual([true, 'NEW_AND_OLD_IMAGES']);
    expect(sessions.ttl).toEqual({ attribute_name: 'ttl', enabled: true });
    const events = tables['bird-agent-dev-agent-events'];
    expect([events.billing_mode, events.hash_key, events.range_key]).toEqual(['PAY_PER_REQUEST', 'eventId', undefined]);
    expect(events.global_secondary_index.map((i: Json) => [i.name, i.hash_key, i.range_key])).toEqual([['TimestampIndex', 'date', 'timestamp'], ['TypeIndex', 'eventType', 'timestamp']]);
    expect(events.stream_enabled).toBe(true);
    for (const table of Object.values<Json>(tables)) {
      expect(table.point_in_time_recovery.enabled).toBe(true);
      expect(table.server_side_encryption.kms_key_arn).toContain('aws_kms_key.rds-key');
    }
  });

  test('agent-configurations: provisioned 10 RCU / 5 WCU auto scaled 5-200 at 70 % (dev, staging); prod\'s global tables replicate to us-west-2 on demand', () => {
    const configurations = by(dev, 'aws_dynamodb_table', 'name')['bird-agent-dev-agent-configurations'];
    expect([configurations.billing_mode, configurations.read_capacity, configurations.write_capacity]).toEqual(['PROVISIONED', 10, 5]);
    const targets = resourcesOf(dev, 'aws_appautoscaling_target').map(([, t]) => t).filter((t) => t.service_namespace === 'dynamodb');
    expect(targets.map((t) => [t.scalable_dimension, t.min_capacity, t.max_capacity])).toEqual([
      ['dynamodb:table:ReadCapacityUnits', 5, 200],
      ['dynamodb:table:WriteCapacityUnits', 5, 200],
    ]);
    const utilization = resourcesOf(dev, 'aws_appautoscaling_policy').map(([, p]) => p.target_tracking_scaling_policy_configuration).filter((c) => c.predefined_metric_specification.predefined_metric_type.startsWith('DynamoDB'));
    expect(utilization.map((c) => c.target_value)).toEqual([70, 70]);
    for (const table of resourcesOf(prod, 'aws_dynamodb_table').map(([, t]) => t)) {
      expect(table.billing_mode).toBe('PAY_PER_REQUEST');
      expect(table.replica).toEqual([{ region_name: 'us-west-2', kms_key_arn: '${aws_kms_key.dr-rds-key_40AC4ABA.arn}', point_in_time_recovery: true, propagate_tags: true }]);
    }
  });

  test('Redis 7: cache.r6g.large x3, Multi-AZ failover, data subnets and cache group, snapshots 5 days 05:00-06:00, maintenance Sun 06:00-07:00, encrypted, AUTH from the secret, the seed\'s parameters', () => {
    const group = onlyResource(prod, 'aws_elasticache_replication_group');
    expect(group).toMatchObject({
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.r6g.large',
      num_cache_clusters: 3,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      snapshot_retention_limit: 5,
      snapshot_window: '05:00-06:00',
      maintenance_window: 'sun:06:00-sun:07:00',
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      preferred_cache_cluster_azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    expect(group.auth_token).toMatch(/^\$\{aws_secretsmanager_secret_version\.secret-redis-auth-token_version_\w+\.secret_string\}$/);
    expect(group.security_group_ids).toEqual(['${data.terraform_remote_state.network.outputs.cache_security_group_id}']);
    const subnets = onlyResource(prod, 'aws_elasticache_subnet_group');
    expect([subnets.name, subnets.subnet_ids]).toEqual(['bird-agent-prod-agent-cache-subnet-group', '${data.terraform_remote_state.network.outputs.private_data_subnet_ids}']);
    expect(onlyResource(prod, 'aws_elasticache_parameter_group').parameter).toEqual([
      { name: 'maxmemory-policy', value: 'allkeys-lru' },
      { name: 'timeout', value: '300' },
      { name: 'tcp-keepalive', value: '300' },
    ]);
    const small = onlyResource(dev, 'aws_elasticache_replication_group');
    expect([small.node_type, small.num_cache_clusters, small.multi_az_enabled]).toEqual(['cache.t4g.medium', 2, true]);
  });

  test('each logs bucket admits the ELB log-delivery account of its own region; the us-west-2 one is published', () => {
    const logs = by(prod, 'aws_s3_bucket', 'bucket');
    const policyOf = (bucket: string) => {
      const name = Object.entries<Json>(prod.resource.aws_s3_bucket).find(([, b]) => b.bucket === bucket)![0];
      const attached = resourcesOf(prod, 'aws_s3_bucket_policy').find(([, p]) => String(p.bucket).includes(`aws_s3_bucket.${name}.`))![1];
      return JSON.parse(attached.policy).Statement.find((s: Json) => s.Sid === 'ElbAccountLogDelivery').Principal.AWS;
    };
    expect(inWest(logs['bird-agent-prod-agent-logs-west-801000000003'])).toBe(true);
    expect(policyOf('bird-agent-prod-agent-logs-801000000003')).toBe('arn:aws:iam::127311923021:root');
    expect(policyOf('bird-agent-prod-agent-logs-west-801000000003')).toBe('arn:aws:iam::797873946194:root');
    expect(prod.output.dr_logs_bucket_name.value).toMatch(/^\$\{aws_s3_bucket\.dr-bucket-logs_bucket_\w+\.bucket\}$/);
    expect(dev.output.dr_logs_bucket_name).toBeUndefined();
  });

  test('buckets: media SSE-S3 with the seed\'s lifecycle and temp/ after 7 days, logs IA 30 / Glacier 180 / 2555 days, config under the s3 key; prod replicates media and config to -west buckets', () => {
    const buckets = (json: Json) => resourcesOf(json, 'aws_s3_bucket').map(([, b]) => b.bucket).sort();
    expect(buckets(dev)).toEqual(['agent-config', 'agent-logs', 'agent-media'].map((p) => `bird-agent-dev-${p}-801000000001`));
    expect(buckets(prod)).toEqual(['agent-config', 'agent-config-west', 'agent-logs', 'agent-logs-west', 'agent-media', 'agent-media-west'].map((p) => `bird-agent-prod-${p}-801000000003`));
    const encryption = Object.fromEntries(resourcesOf(prod, 'aws_s3_bucket_server_side_encryption_configuration').map(([name, e]) => [name.split('_')[0], e.rule[0].apply_server_side_encryption_by_default]));
    expect(encryption['bucket-agent-media']).toEqual({ sse_algorithm: 'AES256' });
    expect(encryption['bucket-agent-config'].sse_algorithm).toBe('aws:kms');
    expect(encryption['bucket-agent-config'].kms_master_key_id).toContain('aws_kms_key.s3-key');
    const rules = (name: string) => {
      const lifecycle = resourcesOf(prod, 'aws_s3_bucket_lifecycle_configuration').find(([n]) => n.startsWith(`${name}_`))![1];
      return lifecycle.rule.map((r: Json) => [r.id, r.filter[0].prefix ?? '', r.transition?.[0].storage_class ?? r.expiration?.[0].days ?? r.abort_incomplete_multipart_upload?.[0].days_after_initiation ?? r.noncurrent_version_expiration?.[0].noncurrent_days, r.transition?.[0].days ?? null]);
    };
    expect(rules('bucket-agent-media')).toEqual([
      ['abort-incomplete-uploads', '', 7, null],
      ['expire-noncurrent-versions', '', 90, null],
      ['to-standard-ia', '', 'STANDARD_IA', 30],
      ['to-glacier', '', 'GLACIER', 90],
      ['expire-current', '', 365, null],
      ['expire-prefix-temp/', 'temp/', 7, null],
    ]);
    expect(rules('bucket-logs')).toEqual([
      ['abort-incomplete-uploads', '', 7, null],
      ['expire-noncurrent-versions', '', 30, null],
      ['expire-logs', '', 2555, null],
      ['logs-to-standard-ia', '', 'STANDARD_IA', 30],
      ['logs-to-glacier', '', 'GLACIER', 180],
    ]);
    const replications = resourcesOf(prod, 'aws_s3_bucket_replication_configuration').map(([, r]) => r);
    expect(replications.map((r) => r.rule[0].destination.bucket.replace(/_bucket_\w+\.arn/, '')).sort()).toEqual(['${aws_s3_bucket.dr-bucket-agent-config}', '${aws_s3_bucket.dr-bucket-agent-media}']);
    for (const r of replications) expect(r.rule[0].destination.replication_time.status).toBe('Enabled');
    expect(resourcesOf(dev, 'aws_s3_bucket_replication_configuration')).toEqual([]);
    for (const [, versioning] of resourcesOf(prod, 'aws_s3_bucket_versioning')) expect(versioning.versioning_configuration.status).toBe('Enabled');
  });

  test('the seed\'s four secrets under the secrets key, replicated to us-west-2 in prod; the Redis token generated', () => {
    const secrets = by(prod, 'aws_secretsmanager_secret', 'name');
    expect(Object.keys(secrets).sort()).toEqual(['bedrock-api-keys', 'bird-com-api-credentials', 'database-credentials', 'redis-auth-token'].map((n) => `bird-agent/prod/${n}`));
    for (const secret of Object.values<Json>(secrets)) {
      expect(secret.kms_key_id).toContain('aws_kms_key.secrets-key');
      expect(secret.replica[0].region).toBe('us-west-2');
    }
    expect(Object.keys(by(dev, 'aws_secretsmanager_secret', 'name')).sort()).toEqual(['bedrock-api-keys', 'bird-com-api-credentials', 'redis-auth-token'].map((n) => `bird-agent/dev/${n}`));
    expect(onlyResource(dev, 'random_password').length).toBe(64);
  });

  test('AWS Backup: monthly Aurora snapshots kept a year, weekly Aurora and DynamoDB backups copied to us-west-2; none in dev', () => {
    const plans = by(prod, 'aws_backup_plan', 'name');
    const rules = (plan: string) => plans[plan].rule.map((r: Json) => [r.rule_name, r.schedule, r.lifecycle.delete_after, r.copy_action?.[0].lifecycle.delete_after ?? null]);
    expect(rules('bird-agent-prod-databases-backup')).toEqual([
      ['aurora-monthly', 'cron(0 7 1 * ? *)', 365, null],
      ['aurora-weekly', 'cron(0 5 ? * SUN *)', 90, 90],
    ]);
    expect(rules('bird-agent-prod-tables-backup')).toEqual([['dynamodb-weekly', 'cron(0 6 ? * SUN *)', 90, 90]]);
    const selections = by(prod, 'aws_backup_selection', 'name');
    expect(selections['bird-agent-prod-databases-backup'].resources).toEqual(['${aws_rds_cluster.aurora_cluster_059EF40F.arn}']);
    expect(selections['bird-agent-prod-tables-backup'].resources).toHaveLength(3);
    expect(resourcesOf(prod, 'aws_backup_vault').filter(([, v]) => inWest(v))).toHaveLength(2);
    expect(resourcesOf(prod, 'aws_backup_region_settings').map(([, s]) => s.resource_type_management_preference.DynamoDB)).toEqual([true, true]);
    expect(resourcesOf(dev, 'aws_backup_plan')).toEqual([]);
    expect(resourcesOf(staging, 'aws_backup_plan').flatMap(([, p]) => p.rule.map((r: Json) => r.copy_action))).toEqual([undefined, undefined, undefined]);
  });

  test('publishes the layer contract', () => {
    const contract = [
      'rds_kms_key_arn', 's3_kms_key_arn', 'secrets_kms_key_arn',
      'aurora_cluster_identifier', 'aurora_cluster_arn', 'aurora_writer_endpoint', 'aurora_reader_endpoint', 'aurora_writer_instance_identifier', 'aurora_cluster_resource_id', 'aurora_database_name', 'database_credentials_secret_arn',
      ...['sessions', 'events', 'configurations'].flatMap((t) => [`${t}_table_name`, `${t}_table_arn`, `${t}_table_stream_arn`]),
      'redis_primary_endpoint', 'redis_reader_endpoint', 'redis_port', 'redis_auth_token_secret_arn',
      ...['media', 'logs', 'config'].flatMap((b) => [`${b}_bucket_name`, `${b}_bucket_arn`]),
      'bird_com_api_credentials_secret_arn', 'bedrock_api_keys_secret_arn',
    ];
    for (const json of [dev, staging, prod]) for (const name of contract) expect([name, json.output[name]]).toEqual([name, expect.anything()]);
    for (const name of ['dr_rds_kms_key_arn', 'dr_s3_kms_key_arn', 'dr_secrets_kms_key_arn', 'dr_aurora_cluster_identifier', 'dr_aurora_reader_endpoint']) {
      expect([name, prod.output[name]]).toEqual([name, expect.anything()]);
      expect(dev.output[name]).toBeUndefined();
    }
  });

  test.each(['dev', 'prod'] as const)('policy pack (%s): nothing open; suppressed only the seed\'s SSE-S3, manual rotation and global-database passwords', (env) => {
    const stacks = env === 'dev' ? devStacks : prodStacks;
    // toTerraform keeps the "//" metadata that carries the suppressions (Testing.synth drops it).
    const report = evaluate([stacks.network, stacks.data].map((s) => ({ name: s.node.id, json: JSON.parse(JSON.stringify(s.toTerraform())) })));
    const findings = report.stacks.find((s) => s.stack === `bird-agent-${env}-data`)!.findings;
    expect(findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
    const suppressed = findings.map((f) => f.ruleId).sort();
    expect(suppressed).toEqual(env === 'prod' ? ['RDS-04', 'RDS-04', 'S3-03', 'S3-03', 'S3-05', 'S3-05', 'SEC-02', 'SEC-02', 'SEC-02'] : ['S3-03', 'S3-05', 'SEC-02', 'SEC-02', 'SEC-02']);
    expect(report.unmatched).toEqual([]);
  });

  test.each([
    [(c: any) => (c.data.tables['agent-configurations'].capacity = { read: 10, write: 5 }), 'data.tables.agent-configurations.capacity = {"read":10,"write":5} is provisioned, but replicateToSecondaryRegion makes every table a global table', 'prod'],
    [(c: any) => (c.data.tables['agent-configurations'].capacity.autoScaling.targetUtilizationPercent = 95), 'data.tables.agent-configurations.capacity.autoScaling.targetUtilizationPercent = 95 is outside the 20-90 %'],
    [(c: any) => (c.data.tables['agent-configurations'].capacity.read = 300), 'data.tables.agent-configurations.capacity.read = 300 is outside autoScaling 5-200'],
    [(c: any) => (c.data.tables['agent-sessions'].globalSecondaryIndexes.UserIndex.projection = []), 'data.tables.agent-sessions.globalSecondaryIndexes.UserIndex.projection = [] is not 1 to 100 attribute names'],
    [(c: any) => delete c.data.tables['agent-events'], 'data.tables = ["agent-sessions","agent-configurations"] lacks "agent-events", which the layer publishes as events_table_*'],
    [(c: any) => (c.data.databases.aurora.readerAutoScaling.maxReaders = 1), 'data.databases.aurora.readerAutoScaling.maxReaders = 1 leaves no room above the 1 readers of readerCount'],
    [(c: any) => (c.data.databases.aurora.backupWindow = '04:00-05:00'), 'data.databases.aurora.backupWindow = "04:00-05:00" overlaps the maintenance window sun:04:00-sun:05:00'],
    [(c: any) => (c.data.databases.aurora.maintenanceWindow = 'sunday 04:00'), 'data.databases.aurora.maintenanceWindow = "sunday 04:00" is not a weekly ddd:hh:mm-ddd:hh:mm window'],
    [(c: any) => (c.data.databases.aurora.proxyMaxConnectionsPercent = 90), 'data.databases.aurora.proxyMaxConnectionsPercent = 90 configures the RDS Proxy, but rdsProxy is false'],
    [(c: any) => (c.data.databases.aurora.globalSecondary = { instanceCount: 1 }), 'data.databases.aurora.globalSecondary = {"instanceCount":1} needs secondaryRegion'],
    [(c: any) => (c.data.databases.aurora.masterPasswordRotationDays = 400), 'data.databases.aurora.masterPasswordRotationDays = 400 is outside 1-365 days'],
    [(c: any) => (c.data.cache.nodeType = 'cache.r6g.huge'), 'data.cache.nodeType = "cache.r6g.huge" has no size huge in family r6g'],
    [(c: any) => (c.data.cache.numCacheClusters = 1), 'data.cache.numCacheClusters = 1 leaves Multi-AZ failover no replica to promote'],
    [(c: any) => (c.data.cache.snapshotWindow = '06:30-07:30'), 'data.cache.snapshotWindow = "06:30-07:30" overlaps the maintenance window sun:06:00-sun:07:00'],
    [(c: any) => (c.data.cache.parameters['maxmemory-policy'] = 'lru'), 'data.cache.parameters.maxmemory-policy = "lru" is not an eviction policy'],
    [(c: any) => (c.data.cache.authTokenSecret = 'bedrock_api_keys'), 'data.cache.authTokenSecret = "bedrock_api_keys" names a secret that is not generated with 16-128 characters'],
    [(c: any) => (c.data.cache.nodetype = 'cache.t4g.medium'), 'data.cache.nodetype = "cache.t4g.medium" is not a field of data.cache. Fix: rename it to nodeType'],
    [(c: any) => (c.data.buckets['agent-media'].glacierAfterDays = 45), 'data.buckets.agent-media.glacierAfterDays = 45 is less than 30 days after infrequentAccessAfterDays (30)'],
    [(c: any) => (c.data.buckets['agent-media'].prefixExpirations['temp/'] = 400), 'data.buckets.agent-media.prefixExpirations.temp/ = 400 is not sooner than the bucket\'s expireAfterDays (365)'],
    [(c: any) => (c.data.buckets['agent-media'].abortIncompleteUploadsAfterDays = 10), 'data.buckets.agent-media.abortIncompleteUploadsAfterDays = 10 is not 1 to 7 days'],
    [(c: any) => (c.data.buckets['agent-config'].encryption = 'AES256'), 'data.buckets.agent-config.encryption = "AES256" is not a bucket encryption'],
    [(c: any) => (c.data.logsBucketGlacierAfterDays = 30), 'data.logsBucketGlacierAfterDays = 30 is not 60 days or more and before logsBucketExpirationDays (365)', 'staging'],
    [(c: any) => (c.data.backup.rules['aurora-weekly'].resources = ['queues']), 'data.backup.rules.aurora-weekly.resources[0] = "queues" is not a kind of resource the data layer backs up', 'staging'],
    [(c: any) => (c.data.backup.rules['aurora-weekly'].copyToSecondaryRegion = true), 'data.backup.rules.aurora-weekly.copyToSecondaryRegion = true needs secondaryRegion', 'staging'],
  ])('bad configuration is one clear line (%#)', (change, message, env = 'dev') => {
    const error = birdAgentConfigError(change, env as 'dev' | 'staging' | 'prod');
    expect(error).toContain(message);
    expect(error.split('\n')).toHaveLength(1);
  });

  test('plans offline against the real provider (dev)', () => {
    expectOfflinePlan(dev, [devStacks.network]);
  }, 300_000);

  test('plans offline against the real provider (prod, with the us-west-2 secondary and replicas)', () => {
    expectOfflinePlan(prod, [prodStacks.network]);
  }, 300_000);
});
