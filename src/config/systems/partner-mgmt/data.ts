import { EnvName } from '../../../core/names';
import { DataLayerConfig } from '../../layers/data';

/**
 * The seed's "DynamoDB Design" (three tables with their keys, TTLs and GSIs, streams for real-time
 * processing), the S3 data lake with Athena ("Historical Data Processing") and the backup strategy
 * ("daily 30 days, weekly 365 days, monthly 7 years, cross-region replication for critical data").
 */
export function partnerData(env: EnvName): DataLayerConfig {
  const prod = env === 'prod';
  return {
    tables: {
      // Partition: a hash of the input parameters; sort: standard, nova-premier, funding, follow-on.
      'analysis-results': {
        partitionKey: { name: 'opportunityId', type: 'S' },
        sortKey: { name: 'analysisType', type: 'S' },
        ttlAttribute: 'expiresAt',
        ttlHours: 7 * 24,
        globalSecondaryIndexes: { 'customerId-timestamp-index': { partitionKey: { name: 'customerId', type: 'S' }, sortKey: { name: 'timestamp', type: 'S' } } },
        stream: 'NEW_AND_OLD_IMAGES',
      },
      'user-sessions': {
        partitionKey: { name: 'sessionId', type: 'S' },
        ttlAttribute: 'expiresAt',
        ttlHours: 24,
      },
      'analysis-history': {
        partitionKey: { name: 'customerId', type: 'S' },
        sortKey: { name: 'timestamp', type: 'S' },
        ttlAttribute: 'expiresAt',
        ttlHours: 90 * 24,
        globalSecondaryIndexes: { 'opportunityType-timestamp-index': { partitionKey: { name: 'opportunityType', type: 'S' }, sortKey: { name: 'timestamp', type: 'S' } } },
        stream: 'NEW_AND_OLD_IMAGES',
      },
    },
    replicateToSecondaryRegion: prod,
    buckets: {
      // Historical opportunity data, Parquet partitioned by year/month; rarely re-read once old.
      'data-lake': { intelligentTiering: true, recoveryClass: 'critical', replicate: true },
      'athena-results': { expireAfterDays: 30, recoveryClass: 'rebuildable' },
      // Exports and snapshots the application writes; kept a year, copied to the DR region.
      backups: { infrequentAccessAfterDays: 30, expireAfterDays: 365, recoveryClass: 'critical', replicate: true },
      // The dashboard's static files (CloudFront origin, private behind origin access control).
      'frontend-site': { recoveryClass: 'rebuildable' },
    },
    logsBucketExpirationDays: prod ? 365 : 90,
    logRetentionDays: prod ? 90 : 30,
    analytics: {
      lakeBucket: 'data-lake',
      resultsBucket: 'athena-results',
      bytesScannedCutoffPerQueryMb: prod ? 10240 : 1024,
      tables: {
        opportunities: {
          prefix: 'historical/opportunities/',
          description: 'Historical partner opportunities (Parquet), the data the query-generation action group writes SQL for',
          columns: [
            { name: 'opportunity_id', type: 'string' },
            { name: 'customer_id', type: 'string' },
            { name: 'partner_id', type: 'string' },
            { name: 'opportunity_type', type: 'string' },
            { name: 'industry', type: 'string' },
            { name: 'geo', type: 'string' },
            { name: 'stage', type: 'string' },
            { name: 'amount_usd', type: 'decimal(18,2)' },
            { name: 'funding_program', type: 'string' },
            { name: 'created_date', type: 'date' },
            { name: 'close_date', type: 'date' },
            { name: 'services', type: 'array<string>' },
          ],
          partitions: [
            { name: 'year', from: 2015, to: 2035 },
            { name: 'month', from: 1, to: 12, digits: 2 },
          ],
        },
      },
    },
    secrets: [
      {
        id: 'integration_credentials',
        name: 'integrations/crm',
        description: 'JSON of the partner CRM and funding-portal API credentials; values are put out of band by the owning team',
      },
    ],
    // Seed "Automated Backup System". Dev keeps no backups; staging keeps the daily rule in region.
    backup: env === 'dev' ? undefined : {
      rules: prod
        ? {
            daily: { schedule: 'cron(0 5 ? * * *)', deleteAfterDays: 30 },
            weekly: { schedule: 'cron(0 6 ? * SUN *)', deleteAfterDays: 365 },
            monthly: { schedule: 'cron(0 7 1 * ? *)', deleteAfterDays: 2557, moveToColdStorageAfterDays: 90 },
          }
        : { daily: { schedule: 'cron(0 5 ? * * *)', deleteAfterDays: 30 } },
      copyToSecondaryRegion: prod,
      vaultLock: prod ? { minRetentionDays: 7, maxRetentionDays: 2557, changeableForDays: 3 } : undefined,
    },
  };
}
