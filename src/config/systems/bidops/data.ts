import { EnvName } from '../../../core/names';
import { AuroraConfig, DataLayerConfig } from '../../layers/data';

/**
 * BidOps.ai data layer per environment. Aurora: the seed's 0.5-16 ACU with 5-minute auto-pause;
 * auto-pause needs minimum 0 ACU and engine 16.3+ (the seed's 15.4 cannot pause), so dev pauses
 * and prod keeps a warm 0.5 ACU floor with a writer and a reader. The master secret rotates every
 * 30 days (seed "Auto-rotation: 30 days"). OpenSearch: the seed's 2 x t3.small.search, 20 GB gp3.
 */
export function bidopsData(env: EnvName): DataLayerConfig {
  return {
    aurora: aurora(env),
    // One dedicated account per environment, so this stack owns the OpenSearch service-linked role.
    // Prod: 3 data nodes over 3 AZs and 3 dedicated masters, so one AZ failure leaves a master quorum
    // (the seed's 2 nodes have 2 master-eligible nodes: 1 of 2 is no majority). m6g.large is AWS's
    // smallest recommended production master.
    search: {
      engineVersion: 'OpenSearch_2.19',
      instanceType: 't3.small.search',
      instanceCount: env === 'prod' ? 3 : 2,
      volumeSizeGb: 20,
      createServiceLinkedRole: true,
      dedicatedMasters: env === 'prod' ? { instanceType: 'm6g.large.search', count: 3 } : undefined,
    },
    // Recovery classes (src/config/recovery-classes.ts): uploads and knowledge-base sources exist
    // nowhere else, so prod replicates them to us-west-2; the rest is re-created from CI or inputs.
    buckets: {
      // User uploads: read often while a bid is active, rarely afterwards.
      documents: { infrequentAccessAfterDays: 90, recoveryClass: 'critical', replicate: true },
      // Knowledge base sources: re-read on every sync, so they stay in STANDARD until cold.
      'knowledge-base': { infrequentAccessAfterDays: 180, recoveryClass: 'critical', replicate: true },
      // Build and agent artifacts: kept a year for rollbacks and audits; CI rebuilds them.
      artifacts: { infrequentAccessAfterDays: 30, expireAfterDays: 365, recoveryClass: 'rebuildable' },
      // Bedrock Data Automation scratch space: inputs and outputs are copied into documents/KB.
      'bda-input': { expireAfterDays: 30, recoveryClass: 'rebuildable' },
      'bda-output': { expireAfterDays: 90, recoveryClass: 'rebuildable' },
    },
    replicateToSecondaryRegion: env === 'prod',
    // Seed log retention: security/infrastructure logs 90 days, audit a year (prod).
    logsBucketExpirationDays: env === 'prod' ? 365 : 90,
    // Prod: a year, because the OpenSearch audit log group shares this value (audit class, LOG-04).
    logRetentionDays: env === 'prod' ? 365 : 30,
    userPool: {
      // Dev: AUDIT records risk signals without blocking automated and test sign-ins.
      advancedSecurityMode: env === 'dev' ? 'AUDIT' : 'ENFORCED',
      // The seed keeps roles as rows (roles table, no enum); these are the Cognito groups they map to.
      groups: [
        { name: 'admin', description: 'Administrators: manage users, roles and system settings', precedence: 0 },
        { name: 'bid-manager', description: 'Bid managers: create projects, run agents, approve submissions', precedence: 10 },
        { name: 'contributor', description: 'Contributors: upload documents and edit bid content', precedence: 20 },
        { name: 'viewer', description: 'Viewers: read-only access to projects and documents', precedence: 30 },
      ],
    },
    // Prod: AWS Backup of Aurora beyond its 7-day automated backups (daily a month, monthly a year).
    backup: env === 'prod'
      ? { rules: { daily: { schedule: 'cron(0 5 ? * * *)', deleteAfterDays: 35 }, monthly: { schedule: 'cron(0 7 1 * ? *)', deleteAfterDays: 365 } } }
      : undefined,
    // staging/prod also hold the tls-proxy image of compute.targetTls (images/tls-proxy).
    containerRepositories: ['frontend', 'backend', 'agentcore', ...(env === 'dev' ? [] : ['tls-proxy'])],
    containerImageRetention: { prodImagesKept: 10, devImagesKept: 5, untaggedExpiryDays: 1 },
    // Seed: basic scanning everywhere, enhanced scanning (on push + continuous) for production.
    enhancedImageScanning: env === 'prod',
    secrets: [
      { id: 'jwt', name: 'api/jwt-secret', description: 'JWT signing secret of the GraphQL API (generated)', generatedLength: 64 },
      {
        id: 'external_apis',
        name: 'external-apis',
        description: 'JSON of third-party API keys (openai_api_key, third_party_api_key); values are put out of band by the owning team',
      },
    ],
  };
}

function aurora(env: EnvName): AuroraConfig {
  const common = { engineVersion: '16.4', maxCapacity: 16, backupRetentionDays: 7, databaseName: 'bidops', masterUsername: 'postgres', masterPasswordRotationDays: 30 };
  switch (env) {
    case 'dev':
      return { ...common, minCapacity: 0, autoPauseSeconds: 300, instanceCount: 1 };
    // Enhanced Monitoring every 60 s where the cluster serves users (the seed leaves it off in dev).
    case 'staging':
      return { ...common, minCapacity: 0, autoPauseSeconds: 300, instanceCount: 2, monitoringIntervalSeconds: 60 };
    case 'prod':
      return { ...common, minCapacity: 0.5, instanceCount: 2, monitoringIntervalSeconds: 60 };
  }
}
