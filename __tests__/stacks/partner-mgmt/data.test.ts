import { EnvName } from '../../../src/core/names';
import { Json, parsed, resourcesOf, synthJson } from '../../helpers';
import { partnerConfigError, partnerStacks } from './helpers';

const synths = new Map<EnvName, Json>();
const data = (env: EnvName): Json => {
  if (!synths.has(env)) synths.set(env, synthJson(partnerStacks(env, 'data').data));
  return synths.get(env)!;
};
const table = (json: Json, suffix: string): Json => resourcesOf(json, 'aws_dynamodb_table').find(([, t]) => t.name.endsWith(suffix))![1];
const names = (blocks: Json[]) => blocks.map((b) => `${b.name}:${b.type}`).sort();

describe('partner-mgmt data', () => {
  test('the seed\'s three tables: keys, TTL attributes, GSIs; on demand, KMS, PITR, deletion protection in protected envs', () => {
    const results = table(data('staging'), '-analysis-results');
    expect(results).toMatchObject({ billing_mode: 'PAY_PER_REQUEST', hash_key: 'opportunityId', range_key: 'analysisType', deletion_protection_enabled: true, stream_enabled: true, stream_view_type: 'NEW_AND_OLD_IMAGES' });
    expect(results.ttl).toMatchObject({ attribute_name: 'expiresAt', enabled: true });
    expect(results.point_in_time_recovery).toMatchObject({ enabled: true });
    expect(results.server_side_encryption).toMatchObject({ enabled: true });
    expect(results.server_side_encryption.kms_key_arn).toContain('aws_kms_key.data-key');
    expect(results.global_secondary_index).toEqual([expect.objectContaining({ name: 'customerId-timestamp-index', hash_key: 'customerId', range_key: 'timestamp', projection_type: 'ALL' })]);
    expect(names(results.attribute)).toEqual(['analysisType:S', 'customerId:S', 'opportunityId:S', 'timestamp:S']);

    const sessions = table(data('staging'), '-user-sessions');
    expect(sessions).toMatchObject({ hash_key: 'sessionId', ttl: { attribute_name: 'expiresAt', enabled: true } });
    expect(sessions.range_key).toBeUndefined();

    const history = table(data('staging'), '-analysis-history');
    expect(history).toMatchObject({ hash_key: 'customerId', range_key: 'timestamp' });
    expect(history.global_secondary_index).toEqual([expect.objectContaining({ name: 'opportunityType-timestamp-index', hash_key: 'opportunityType', range_key: 'timestamp' })]);
    expect(table(data('dev'), '-user-sessions').deletion_protection_enabled).toBe(false);
  });

  test('prod tables are global tables with a KMS-encrypted replica in us-west-2', () => {
    for (const suffix of ['-analysis-results', '-user-sessions', '-analysis-history']) {
      const replicas = table(data('prod'), suffix).replica;
      expect(replicas).toEqual([expect.objectContaining({ region_name: 'us-west-2', point_in_time_recovery: true })]);
      expect(replicas[0].kms_key_arn).toContain('aws_kms_key.dr-data-key');
    }
    expect(table(data('staging'), '-user-sessions').replica).toBeUndefined();
  });

  test('buckets: the lake in Intelligent-Tiering, expiring query results, replication of lake and backups to us-west-2 in prod', () => {
    const json = data('prod');
    const lifecycle = (purpose: string) => resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration').find(([id]) => id.startsWith(`bucket-${purpose}_`))![1].rule;
    expect(lifecycle('data-lake')).toContainEqual(expect.objectContaining({ id: 'to-intelligent-tiering', transition: [{ days: 0, storage_class: 'INTELLIGENT_TIERING' }] }));
    expect(lifecycle('athena-results')).toContainEqual(expect.objectContaining({ id: 'expire-current', expiration: [{ days: 30 }] }));
    const replications = resourcesOf(json, 'aws_s3_bucket_replication_configuration').map(([, r]) => r);
    expect(replications).toHaveLength(2);
    for (const r of replications) {
      expect(r.rule[0].destination).toMatchObject({ replication_time: { status: 'Enabled', time: { minutes: 15 } } });
      expect(r.rule[0].destination.encryption_configuration.replica_kms_key_id).toContain('aws_kms_key.dr-data-key');
    }
    const replicaBuckets = resourcesOf(json, 'aws_s3_bucket').filter(([, b]) => b.provider === 'aws.us_west_2').map(([, b]) => b.bucket).sort();
    expect(replicaBuckets).toEqual(['partner-mgmt-prod-athena-results-dr-601000000003', 'partner-mgmt-prod-backups-dr-601000000003', 'partner-mgmt-prod-data-lake-dr-601000000003', 'partner-mgmt-prod-dr-logs-601000000003']);
    expect(resourcesOf(data('staging'), 'aws_s3_bucket_replication_configuration')).toEqual([]);
  });

  test('the integration secret is replicated to us-west-2 with the DR key in prod only', () => {
    const secret = resourcesOf(data('prod'), 'aws_secretsmanager_secret')[0][1];
    expect(secret.replica).toEqual([{ region: 'us-west-2', kms_key_id: expect.stringContaining('aws_kms_key.dr-data-key') }]);
    expect(resourcesOf(data('staging'), 'aws_secretsmanager_secret')[0][1].replica).toBeUndefined();
  });

  test('prod also has a workgroup and catalog in us-west-2 over the replicated lake', () => {
    const json = data('prod');
    const workgroups = resourcesOf(json, 'aws_athena_workgroup').map(([, w]) => [w.provider ?? 'primary', w.configuration.result_configuration.output_location]);
    expect(workgroups).toEqual([
      ['primary', expect.stringContaining('aws_s3_bucket.bucket-athena-results_bucket')],
      ['aws.us_west_2', expect.stringContaining('aws_s3_bucket.dr-bucket-athena-results_bucket')],
    ]);
    const drTable = resourcesOf(json, 'aws_glue_catalog_table').find(([, t]) => t.provider === 'aws.us_west_2')![1];
    expect(drTable.storage_descriptor.location).toContain('aws_s3_bucket.dr-bucket-data-lake_bucket');
    expect(resourcesOf(data('staging'), 'aws_athena_workgroup')).toHaveLength(1);
  });

  test('the site bucket admits only CloudFront distributions of the account', () => {
    const policy = resourcesOf(data('dev'), 'aws_s3_bucket_policy').find(([id]) => id.startsWith('bucket-frontend-site_'))![1];
    const statement = parsed(policy.policy).Statement.find((s: Json) => s.Sid === 'CloudFrontOriginAccessControl');
    expect(statement).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceAccount': '601000000001' }, ArnLike: { 'aws:SourceArn': 'arn:aws:cloudfront::601000000001:distribution/*' } } });
  });

  test('Athena workgroup enforces its results location, KMS and scan limit; the Glue table projects year/month partitions', () => {
    const json = data('dev');
    const workgroup = resourcesOf(json, 'aws_athena_workgroup')[0][1];
    expect(workgroup.configuration).toMatchObject({ enforce_workgroup_configuration: true, bytes_scanned_cutoff_per_query: 1024 * 1024 * 1024 });
    expect(workgroup.configuration.result_configuration.encryption_configuration).toMatchObject({ encryption_option: 'SSE_KMS' });
    const glue = resourcesOf(json, 'aws_glue_catalog_table')[0][1];
    expect(glue.partition_keys).toEqual([{ name: 'year', type: 'int' }, { name: 'month', type: 'int' }]);
    expect(glue.parameters).toMatchObject({ 'projection.enabled': 'true', 'projection.month.range': '1,12', 'projection.month.digits': '2' });
    expect(glue.parameters['storage.location.template']).toMatch(/\/historical\/opportunities\/year=\$\$\{year\}\/month=\$\$\{month\}\/$/);
  });

  test('backup: the seed\'s daily 30 d, weekly 365 d, monthly 7 y, copied to us-west-2, vault locked, tables and critical buckets selected', () => {
    const json = data('prod');
    const plan = resourcesOf(json, 'aws_backup_plan')[0][1];
    const rules = Object.fromEntries(plan.rule.map((r: Json) => [r.rule_name, r]));
    expect(rules.daily.lifecycle).toMatchObject({ delete_after: 30 });
    expect(rules.weekly.lifecycle).toMatchObject({ delete_after: 365 });
    expect(rules.monthly.lifecycle).toMatchObject({ delete_after: 2557, cold_storage_after: 90 });
    for (const rule of plan.rule) expect(rule.copy_action[0].destination_vault_arn).toContain('aws_backup_vault.backup_copy-region_vault');
    expect(resourcesOf(json, 'aws_backup_vault').map(([, v]) => v.provider ?? 'primary').sort()).toEqual(['aws.us_west_2', 'primary']);
    expect(resourcesOf(json, 'aws_backup_vault_lock_configuration')).toHaveLength(2);
    const selection = resourcesOf(json, 'aws_backup_selection')[0][1];
    expect(selection.resources).toHaveLength(5);
    expect(resourcesOf(data('staging'), 'aws_backup_plan')[0][1].rule).toHaveLength(1);
    expect(resourcesOf(data('dev'), 'aws_backup_plan')).toEqual([]);
  });

  test('bad data config is one clear line', () => {
    expect(partnerConfigError((c) => (c.data.tables['user-sessions'].ttlHours = 0))).toBe(
      'Invalid configuration for partner-mgmt/dev: data.tables.user-sessions.ttlHours = 0 is not a whole number of hours above 0. Fix: use for example 24 (a day) or 168 (a week).',
    );
    expect(partnerConfigError((c) => (c.data.tables['analysis-history'].globalSecondaryIndexes['opportunityType-timestamp-index'].sortKey.type = 'N'))).toContain(
      'data.tables.analysis-history.globalSecondaryIndexes.opportunityType-timestamp-index.sortKey.type = "N" differs from the type S that timestamp has elsewhere in the table',
    );
    expect(partnerConfigError((c) => (c.data.backup.rules.monthly.moveToColdStorageAfterDays = 2500), 'prod')).toContain('data.backup.rules.monthly.moveToColdStorageAfterDays = 2500 leaves less than the 90 days');
    expect(partnerConfigError((c) => (c.data.backup.rules.daily.schedule = 'cron(0 5 * * *)'), 'staging')).toContain('data.backup.rules.daily.schedule = "cron(0 5 * * *)" is not a six-field AWS cron() expression');
    // A schedule the backup construct would refuse is refused by validation first, as one line.
    expect(partnerConfigError((c) => (c.data.backup.rules.daily.schedule = 'cron(0/15 * * * ? *)'), 'staging')).toContain('data.backup.rules.daily.schedule = "cron(0/15 * * * ? *)" runs more than once an hour');
    expect(partnerConfigError((c) => (c.data.analytics.resultsBucket = 'results'))).toContain('data.analytics.resultsBucket = "results" is not a bucket in data.buckets');
    expect(partnerConfigError((c) => (c.data.analytics.bytesScannedCutoffPerQueryMb = 5))).toContain('is below the 10 MB Athena accepts');
    expect(partnerConfigError((c) => (c.data.replicateToSecondaryRegion = true))).toContain('data.replicateToSecondaryRegion = true needs secondaryRegion');
  });
});
