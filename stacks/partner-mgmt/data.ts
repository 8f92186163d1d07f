import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { BackupRegionSettings } from '@cdktf/provider-aws/lib/backup-region-settings';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { lifecycleRules } from '../../src/components/bucket-lifecycle';
import { addLayerBucketReplica } from '../../src/components/bucket-replica';
import { S3_ACCESS_LOG_PREFIX, addLogsBucket } from '../../src/components/logs-bucket';
import { AnalyticsConfig, LakeTableConfig } from '../../src/config/layers/analytics';
import { BackupConfig } from '../../src/config/layers/backup';
import { BackupPlan } from '../../src/constructs/backup/backup-plan';
import { invocationLogsBucketStatement } from '../../src/constructs/ai/model-invocation-logging';
import { AppTable } from '../../src/constructs/database/dynamodb-table';
import { AppSecret } from '../../src/constructs/secrets/app-secret';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { SecureBucket } from '../../src/constructs/storage/secure-bucket';
import { PolicyStatement } from '../../src/core/iam/policy-document';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { sampleArn, sampleToken, sampleUuid } from '../../src/core/samples';
import { suppressRule } from '../../src/policy/suppressions';

/** The bucket that holds the dashboard: served by CloudFront, so SSE-S3 (see below) and no replication. */
export const SITE_BUCKET = 'frontend-site';

/** Output prefix of a name: `analysis-results` -> `analysis_results`. */
export const outputName = (name: string) => name.replace(/-/g, '_');

/**
 * Partner management data layer: the data key (and its DR twin), the three DynamoDB tables (global
 * tables in prod), the buckets (data lake, Athena results, backups, the dashboard site, logs) with
 * cross-region replication of the critical ones in prod, the Athena workgroup and Glue catalog with
 * partition projection over the lake, the integration secret, and AWS Backup with the seed's rules.
 */
export class PartnerDataStack extends LayerStack {
  readonly dataKey: EncryptionKey;
  readonly tables: Readonly<Record<string, AppTable>>;
  readonly buckets: Readonly<Record<string, SecureBucket>>;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'data', context);
    const { config, prefix } = this;
    const data = this.section('data');
    const { accountId: account, region } = config;
    const protect = config.protectStatefulResources;
    const dr = data.replicateToSecondaryRegion ? { region: config.secondaryRegion!, provider: this.secondaryProvider } : undefined;
    const seed = this.node.id;
    const keySample = (r: string, name: string) => sampleArn({ service: 'kms', region: r, account, resource: `key/${sampleUuid(`${seed}:${name}`)}` });

    // --- Keys: DynamoDB, S3, Secrets Manager, Athena results and the backup vault use them through
    // grants for the calling principal; the key policy delegates to IAM (no service statements).
    this.dataKey = new EncryptionKey(this, 'data-key', { alias: `${prefix}-data`, description: `${prefix} data at rest: tables, buckets, secrets, query results, backups`, accountId: account });
    const drKey = dr && new EncryptionKey(this, 'dr-data-key', { alias: `${prefix}-data`, description: `${prefix} data at rest in ${dr.region}: table replicas, bucket replicas, backup copies`, accountId: account, provider: dr.provider });
    this.publish('data_kms_key_arn', this.dataKey.arn, { description: 'KMS key of the tables, buckets, secrets, Athena results and backups', sample: keySample(region, 'data') });
    if (drKey) this.publish('dr_data_kms_key_arn', drKey.arn, { description: `KMS key of the replicas in ${dr!.region}`, sample: keySample(dr!.region, 'dr-data') });

    // --- Tables.
    const tables: Record<string, AppTable> = {};
    for (const [name, spec] of Object.entries(data.tables ?? {})) {
      const tableName = `${prefix}-${name}`;
      tables[name] = new AppTable(this, `table-${name}`, {
        tableName,
        partitionKey: spec.partitionKey,
        sortKey: spec.sortKey,
        kmsKeyArn: this.dataKey.arn,
        deletionProtection: protect,
        ttlAttribute: spec.ttlAttribute,
        globalSecondaryIndexes: spec.globalSecondaryIndexes,
        streamViewType: spec.stream,
        replicas: dr && drKey ? [{ region: dr.region, kmsKeyArn: drKey.arn }] : undefined,
      });
      const out = outputName(name);
      this.publish(`${out}_table_name`, tables[name].name, { description: `Name of the ${name} table`, sample: tableName });
      this.publish(`${out}_table_arn`, tables[name].arn, { description: `ARN of the ${name} table`, sample: `arn:aws:dynamodb:${region}:${account}:table/${tableName}` });
      if (spec.stream !== undefined || dr) {
        this.publish(`${out}_table_stream_arn`, tables[name].streamArn, { description: `ARN of the ${name} table's stream`, sample: `arn:aws:dynamodb:${region}:${account}:table/${tableName}/stream/2026-01-01T00:00:00.000` });
      }
    }
    this.tables = tables;

    // --- Buckets: S3 server access logs to the logs bucket; the critical ones replicated in prod.
    // The ai layer's Bedrock model invocation logging delivers here with Bedrock's principal.
    const logs = addLogsBucket(this, {
      bucketName: this.bucketName('logs'),
      expireAfterDays: data.logsBucketExpirationDays ?? 90,
      extraStatements: this.hasLayer('ai') ? [invocationLogsBucketStatement(`arn:aws:s3:::${this.bucketName('logs')}`, account, region)] : [],
    });
    const drLogs = dr && addLogsBucket(this, { id: 'dr-bucket-logs', bucketName: this.bucketName('dr-logs'), expireAfterDays: data.logsBucketExpirationDays ?? 90, provider: dr.provider, region: dr.region });
    const replicaTarget = dr && drKey && drLogs ? { ...dr, kmsKeyArn: drKey.arn, accessLogBucketName: drLogs.name } : undefined;
    const buckets: Record<string, SecureBucket> = {};
    const replicas: Record<string, SecureBucket> = {};
    for (const [purpose, spec] of Object.entries(data.buckets ?? {})) {
      const site = purpose === SITE_BUCKET;
      buckets[purpose] = new SecureBucket(this, `bucket-${purpose}`, {
        bucketName: this.bucketName(purpose),
        // The dashboard's files are public web assets; CloudFront's origin access reads them with
        // SSE-S3, where SSE-KMS would need the key to admit CloudFront (recorded deviation).
        encryption: site ? 'S3_MANAGED' : { kmsKeyArn: this.dataKey.arn },
        accessLogBucket: { bucket: logs.name, prefix: `${S3_ACCESS_LOG_PREFIX}/${purpose}/` },
        lifecycleRules: lifecycleRules(spec),
        policyStatements: site ? [this.cloudFrontRead(`arn:aws:s3:::${this.bucketName(purpose)}`)] : [],
        forceDestroy: !protect,
        recoveryClass: spec.recoveryClass,
      });
      if (site) suppressRule(buckets[purpose].bucket, 'S3-03', 'Static dashboard assets served publicly through CloudFront origin access control; SSE-S3 avoids admitting CloudFront to the data key (docs/DEVIATIONS.md)');
      const out = `${outputName(purpose)}_bucket`;
      this.publish(`${out}_name`, buckets[purpose].name, { description: `Name of the ${purpose} bucket`, sample: this.bucketName(purpose) });
      this.publish(`${out}_arn`, buckets[purpose].arn, { description: `ARN of the ${purpose} bucket`, sample: `arn:aws:s3:::${this.bucketName(purpose)}` });
      if (site) {
        this.publish(`${out}_regional_domain_name`, buckets[purpose].bucket.bucketRegionalDomainName, { description: 'Regional domain name of the site bucket (CloudFront origin)', sample: `${this.bucketName(purpose)}.s3.${region}.amazonaws.com` });
      }
      if (replicaTarget && spec.replicate) {
        const replicaName = this.bucketName(`${purpose}-dr`);
        const replica = addLayerBucketReplica(this, {
          purpose,
          source: buckets[purpose],
          sourceKmsKeyArn: this.dataKey.arn,
          target: replicaTarget,
          lifecycleRules: lifecycleRules(spec),
          forceDestroy: !protect,
          // S3 Replication Time Control: 99.99 % of objects within 15 minutes, inside the 1 h RPO.
          replicationTimeControl: true,
          recoveryClass: spec.recoveryClass,
        });
        this.publish(`${out}_replica_arn`, replica.arn, { description: `ARN of the ${purpose} bucket's replica in ${replicaTarget.region}`, sample: `arn:aws:s3:::${replicaName}` });
        this.publish(`${out}_replica_name`, replica.name, { description: `Name of the ${purpose} bucket's replica in ${replicaTarget.region}`, sample: replicaName });
        replicas[purpose] = replica;
      }
    }
    this.buckets = buckets;
    this.publish('logs_bucket_name', logs.name, { description: 'Name of the logs bucket (S3 server access logs)', sample: this.bucketName('logs') });
    this.publish('logs_bucket_arn', logs.arn, { description: 'ARN of the logs bucket', sample: `arn:aws:s3:::${this.bucketName('logs')}` });

    // --- Athena and the Glue catalog over the lake; in prod also over its replica, so the standby's
    // data-retrieval queries in its own region (the DR VPC reaches only us-west-2 endpoints).
    if (data.analytics) {
      const analytics = data.analytics;
      this.addAnalytics(analytics, { label: '', lake: buckets[analytics.lakeBucket], results: buckets[analytics.resultsBucket], keyArn: this.dataKey.arn, region });
      const drLake = replicas[analytics.lakeBucket];
      if (dr && drKey && drLogs && drLake) {
        const resultsSpec = data.buckets![analytics.resultsBucket];
        const drResults = new SecureBucket(this, `dr-bucket-${analytics.resultsBucket}`, {
          bucketName: this.bucketName(`${analytics.resultsBucket}-dr`),
          encryption: { kmsKeyArn: drKey.arn },
          accessLogBucket: { bucket: drLogs.name, prefix: `${S3_ACCESS_LOG_PREFIX}/${analytics.resultsBucket}-dr/` },
          lifecycleRules: lifecycleRules(resultsSpec),
          forceDestroy: !protect,
          recoveryClass: resultsSpec.recoveryClass,
          provider: dr.provider,
        });
        this.publish(`${outputName(analytics.resultsBucket)}_bucket_replica_name`, drResults.name, { description: `Query results bucket of the ${dr.region} workgroup`, sample: this.bucketName(`${analytics.resultsBucket}-dr`) });
        this.publish(`${outputName(analytics.resultsBucket)}_bucket_replica_arn`, drResults.arn, { description: `ARN of the query results bucket in ${dr.region}`, sample: `arn:aws:s3:::${this.bucketName(`${analytics.resultsBucket}-dr`)}` });
        this.addAnalytics(analytics, { label: 'dr', lake: drLake, results: drResults, keyArn: drKey.arn, region: dr.region, provider: dr.provider });
      }
    }

    // --- Secrets (values put out of band by the owning team).
    for (const spec of data.secrets ?? []) {
      const name = `${config.system}/${config.env}/${spec.name}`;
      const secret = new AppSecret(this, `secret-${spec.id.replace(/_/g, '-')}`, {
        name,
        description: spec.description,
        kmsKeyArn: this.dataKey.arn,
        generatedLength: spec.generatedLength,
        recoveryWindowDays: protect ? 30 : 0,
        // The standby functions read the replica in their own region.
        replicas: dr && drKey ? [{ region: dr.region, kmsKeyArn: drKey.arn }] : undefined,
      });
      suppressRule(secret.secret, 'SEC-02', 'Third-party API credentials issued by the partner CRM and funding portals: they are rotated in those portals and then put into this secret; AWS has no rotation function for them');
      this.publish(`${spec.id}_secret_arn`, secret.arn, {
        description: `ARN of secret ${name}: ${spec.description}`,
        sample: sampleArn({ service: 'secretsmanager', region, account, resource: `secret:${name}-${sampleToken(`${seed}:${name}`, 6, true)}` }),
      });
    }

    // --- AWS Backup of the tables and the lake and backup buckets.
    if (data.backup) this.addBackup(data.backup, Object.values(tables).map((t) => t.arn), Object.entries(data.buckets ?? {}).filter(([, b]) => b.replicate).map(([p]) => buckets[p].arn), drKey?.arn);
  }

  /**
   * CloudFront (origin access control) may read the site. The distribution lives in the edge layer,
   * which reads this one, so the condition names the account's distributions rather than its ARN.
   */
  private cloudFrontRead(bucketArn: string): PolicyStatement {
    const account = this.config.accountId;
    return {
      Sid: 'CloudFrontOriginAccessControl',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${bucketArn}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudfront::${account}:distribution/*` } },
    };
  }

  /** Athena workgroup and Glue catalog over one region's copy of the lake (`dr` prefixes IDs and outputs). */
  private addAnalytics(analytics: AnalyticsConfig, at: { label: '' | 'dr'; lake: SecureBucket; results: SecureBucket; keyArn: string; region: string; provider?: TerraformProvider }): void {
    const { prefix, config } = this;
    const { lake, results, provider } = at;
    const id = (name: string) => (at.label ? `${at.label}-${name}` : name);
    const out = (name: string) => (at.label ? `${at.label}_${name}` : name);
    const workgroupName = `${prefix}-analytics`;
    const workgroup = new AthenaWorkgroup(this, id('athena-workgroup'), {
      provider,
      name: workgroupName,
      description: `${prefix}: queries of the historical opportunity data (data-retrieval function)`,
      state: 'ENABLED',
      forceDestroy: !config.protectStatefulResources,
      configuration: {
        // Clients cannot override the result location, encryption or the scan limit.
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: analytics.bytesScannedCutoffPerQueryMb * 1024 * 1024,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: `s3://${results.name}/athena/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: at.keyArn },
          expectedBucketOwner: config.accountId,
          aclConfiguration: { s3AclOption: 'BUCKET_OWNER_FULL_CONTROL' },
        },
      },
    });
    const databaseName = `${prefix.replace(/-/g, '_')}_lake`;
    const database = new GlueCatalogDatabase(this, id('glue-database'), {
      provider,
      name: databaseName,
      description: `${prefix}: historical partner data in s3://${lake.name}/`,
      catalogId: config.accountId,
    });
    const tableNames: string[] = [];
    for (const [name, table] of Object.entries(analytics.tables)) {
      new GlueCatalogTable(this, id(`glue-table-${name}`), {
        provider,
        name,
        databaseName: database.name,
        catalogId: config.accountId,
        description: table.description,
        tableType: 'EXTERNAL_TABLE',
        parameters: { EXTERNAL: 'TRUE', classification: 'parquet', 'parquet.compression': 'SNAPPY', ...projection(lake.name, table) },
        partitionKeys: table.partitions.map((p) => ({ name: p.name, type: 'int' })),
        storageDescriptor: {
          location: `s3://${lake.name}/${table.prefix}`,
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serDeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', parameters: { 'serialization.format': '1' } },
          columns: table.columns.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
        },
      });
      tableNames.push(name);
    }
    this.publish(out('athena_workgroup_name'), workgroup.name, { description: 'Athena workgroup (enforced result location, KMS, scan limit)', sample: workgroupName });
    this.publish(out('athena_workgroup_arn'), workgroup.arn, { description: 'ARN of the Athena workgroup', sample: `arn:aws:athena:${at.region}:${config.accountId}:workgroup/${workgroupName}` });
    this.publish(out('glue_database_name'), database.name, { description: 'Glue catalog database of the lake', sample: databaseName });
    this.publish(out('glue_table_names'), tableNames, { description: 'Glue tables of the lake (partition projection; no crawler)', sample: tableNames });
  }

  private addBackup(backup: BackupConfig, tableArns: string[], bucketArns: string[], drKeyArn: string | undefined): void {
    const { prefix, config } = this;
    // DynamoDB's advanced backup features (cold storage, cross-region copies) are opted into per
    // account and region: an account singleton, set where this environment owns it.
    if (this.baseline.owns('backup-region-settings')) {
      new BackupRegionSettings(this, 'backup-region-settings', {
        resourceTypeOptInPreference: { 'DynamoDB': true, 'S3': true, 'Aurora': true, 'RDS': true, 'EBS': true, 'EC2': true, 'EFS': true },
        resourceTypeManagementPreference: { DynamoDB: true, EFS: true },
      });
    }
    const copy = backup.copyToSecondaryRegion && drKeyArn;
    const plan = new BackupPlan(this, 'backup', {
      name: `${prefix}-backup`,
      kmsKeyArn: this.dataKey.arn,
      accountId: config.accountId,
      roleName: `${prefix}-backup`,
      rules: Object.fromEntries(
        Object.entries(backup.rules).map(([name, rule]) => [
          name,
          {
            schedule: rule.schedule,
            deleteAfterDays: rule.deleteAfterDays,
            moveToColdStorageAfterDays: rule.moveToColdStorageAfterDays,
            copy: copy ? { deleteAfterDays: rule.deleteAfterDays, moveToColdStorageAfterDays: rule.moveToColdStorageAfterDays } : undefined,
          },
        ]),
      ),
      resourceArns: tableArns,
      s3BucketArns: bucketArns,
      vaultLock: backup.vaultLock,
      forceDestroy: !config.protectStatefulResources,
      copyRegionProvider: copy ? this.secondaryProvider : undefined,
      copyVaultKmsKeyArn: copy ? drKeyArn : undefined,
    });
    this.publish('backup_vault_name', plan.vault.name, { description: 'AWS Backup vault of the tables and buckets', sample: `${prefix}-backup` });
    this.publish('backup_plan_id', plan.plan.id, { description: 'AWS Backup plan (the seed\'s daily/weekly/monthly rules)', sample: sampleUuid(`${this.node.id}:backup`) });
  }
}


/** Athena partition projection: partitions are computed from the key ranges, no crawler or MSCK. */
function projection(bucket: string, table: LakeTableConfig): Record<string, string> {
  const parameters: Record<string, string> = { 'projection.enabled': 'true' };
  for (const p of table.partitions) {
    parameters[`projection.${p.name}.type`] = 'integer';
    parameters[`projection.${p.name}.range`] = `${p.from},${p.to}`;
    if (p.digits) parameters[`projection.${p.name}.digits`] = String(p.digits);
  }
  // `$${x}` is how Terraform spells a literal `${x}`, which Athena fills in.
  const path = table.partitions.map((p) => `${p.name}=$\${${p.name}}`).join('/');
  parameters['storage.location.template'] = `s3://${bucket}/${table.prefix}${path}/`;
  return parameters;
}
