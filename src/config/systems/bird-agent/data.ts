import { EnvName } from '../../../core/names';
import { DataLayerConfig } from '../../layers/data';
import { TableConfig } from '../../layers/tables';

/**
 * The seed's "Database Infrastructure", "S3 Storage Design", "Secrets Manager" and "Backup
 * Strategy". prod runs the seed's settings with disaster recovery in us-west-2 (Aurora Global
 * Database, DynamoDB global tables, replicated buckets and secrets, backup copies); staging keeps
 * prod's sizes in one region; dev runs one small reader and a small Redis, without replicas.
 * Names keep the seed's as suffixes: `bird-agent-<env>-agent-sessions`, ... (docs/DEVIATIONS.md).
 */
const DAY_HOURS = 24;

function tables(env: EnvName): Record<string, TableConfig> {
  return {
    'agent-sessions': {
      partitionKey: { name: 'sessionId', type: 'S' },
      sortKey: { name: 'timestamp', type: 'S' },
      globalSecondaryIndexes: { UserIndex: { partitionKey: { name: 'userId', type: 'S' }, projection: 'ALL' } },
      stream: 'NEW_AND_OLD_IMAGES',
      // "Item TTL: 30 days (ttl attribute)": the application writes ttl = now + 30 days.
      ttlAttribute: 'ttl',
      ttlHours: 30 * DAY_HOURS,
    },
    'agent-events': {
      partitionKey: { name: 'eventId', type: 'S' },
      globalSecondaryIndexes: {
        TimestampIndex: { partitionKey: { name: 'date', type: 'S' }, sortKey: { name: 'timestamp', type: 'S' } },
        TypeIndex: { partitionKey: { name: 'eventType', type: 'S' }, sortKey: { name: 'timestamp', type: 'S' } },
      },
      // "Stream: Enabled" (no view type): the one global tables replicate through.
      stream: 'NEW_AND_OLD_IMAGES',
    },
    // The seed names no keys: one item per agent and configuration key. Its stream lets the services
    // drop cached configurations on change, and a global table needs it anyway.
    'agent-configurations': {
      partitionKey: { name: 'agentId', type: 'S' },
      sortKey: { name: 'configKey', type: 'S' },
      stream: 'NEW_AND_OLD_IMAGES',
      // Provisioned 10 RCU / 5 WCU, auto scaled 5-200 at 70 %; prod's global table is on demand
      // (a provisioned global table needs auto scaling in every replica region: docs/DEVIATIONS.md).
      capacity: env === 'prod' ? undefined : { read: 10, write: 5, autoScaling: { minCapacity: 5, maxCapacity: 200, targetUtilizationPercent: 70 } },
    },
  };
}

export function birdAgentData(env: EnvName): DataLayerConfig {
  const prod = env === 'prod';
  const dev = env === 'dev';
  return {
    databases: {
      aurora: {
        // The seed's 15.4 is retired (docs/DEVIATIONS.md).
        engineVersion: '16.6',
        instanceClass: dev ? 'db.t4g.medium' : 'db.r6g.large',
        // Writer in us-east-1a, readers in 1b and 1c; dev keeps one reader.
        readerCount: dev ? 1 : 2,
        readerAutoScaling: { minReaders: 1, maxReaders: dev ? 2 : 5, targetCpuPercent: 70, scaleInCooldownSeconds: 900, scaleOutCooldownSeconds: 300 },
        backupRetentionDays: 7,
        backupWindow: '03:00-04:00',
        maintenanceWindow: 'sun:04:00-sun:05:00',
        databaseName: 'agentdb',
        masterUsername: 'postgres',
        masterPasswordRotationDays: 30,
        performanceInsightsRetentionDays: 7,
        monitoringIntervalSeconds: 60,
        // The services connect to the writer and reader endpoints with IAM authentication and TLS.
        rdsProxy: false,
        globalSecondary: prod ? { instanceCount: 2 } : undefined,
      },
    },
    tables: tables(env),
    replicateToSecondaryRegion: prod,
    cache: {
      engineVersion: '7.1',
      nodeType: dev ? 'cache.t4g.medium' : 'cache.r6g.large',
      numCacheClusters: prod ? 3 : 2,
      multiAz: true,
      snapshotRetentionDays: 5,
      snapshotWindow: '05:00-06:00',
      maintenanceWindow: 'sun:06:00-sun:07:00',
      parameters: { 'maxmemory-policy': 'allkeys-lru', timeout: 300, 'tcp-keepalive': 300 },
      authTokenSecret: 'redis_auth_token',
    },
    buckets: {
      // SSE-S3 as the seed asks; images/, audio/, documents/, processed/ and temp/ are prefixes.
      'agent-media': {
        encryption: 'S3_MANAGED',
        abortIncompleteUploadsAfterDays: 7,
        infrequentAccessAfterDays: 30,
        glacierAfterDays: 90,
        expireAfterDays: 365,
        prefixExpirations: { 'temp/': 7 },
        // Customers' uploads: nothing else holds them.
        recoveryClass: 'critical',
        replicate: true,
      },
      'agent-config': { encryption: 'KMS', recoveryClass: 'critical', replicate: true },
    },
    // The seed's agent-logs-bucket: STANDARD_IA after 30 days, Glacier after 180, deleted after
    // 2555 (7 years); dev and staging keep less.
    logsBucketExpirationDays: prod ? 2555 : dev ? 90 : 365,
    logsBucketGlacierAfterDays: dev ? undefined : 180,
    secrets: [
      { id: 'bird_com_api_credentials', name: 'bird-com-api-credentials', description: 'Bird.com platform API credentials (JSON); put and rotated by hand by the integration owners' },
      { id: 'redis_auth_token', name: 'redis-auth-token', description: 'ElastiCache Redis AUTH token (generated)', generatedLength: 64 },
      { id: 'bedrock_api_keys', name: 'bedrock-api-keys', description: 'Bedrock service API keys (JSON); put and rotated by hand by the AI platform owners' },
    ],
    logRetentionDays: prod ? 90 : 30,
    // Seed "Backup Strategy": monthly RDS snapshots kept a year, weekly RDS snapshots and DynamoDB
    // backups copied to us-west-2. dev keeps only the automated backups and PITR.
    backup: dev
      ? undefined
      : {
          rules: {
            'aurora-monthly': { schedule: 'cron(0 7 1 * ? *)', deleteAfterDays: 365, resources: ['databases'], copyToSecondaryRegion: false },
            'aurora-weekly': { schedule: 'cron(0 5 ? * SUN *)', deleteAfterDays: 90, resources: ['databases'] },
            'dynamodb-weekly': { schedule: 'cron(0 6 ? * SUN *)', deleteAfterDays: 90, resources: ['tables'] },
          },
          copyToSecondaryRegion: prod,
        },
  };
}
