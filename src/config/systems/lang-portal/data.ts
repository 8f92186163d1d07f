import { EnvName } from '../../../core/names';
import { DataLayerConfig } from '../../layers/data';
import { ProvisionedDatabaseConfig } from '../../layers/databases';
import { APPS } from './apps';

/**
 * The seed's Database, Storage and Authentication stacks. Both apps keep under 1 GB (seed), so
 * dev runs each cluster on one db.t4g.medium writer; staging and prod run the seed's db.r6g.large
 * writer, and prod adds the seed's reader "if needed" in another AZ for fast failover
 * (docs/DEVIATIONS.md).
 */
function database(env: EnvName, databaseName: string): ProvisionedDatabaseConfig {
  return {
    engineVersion: '16.4',
    instanceClass: env === 'dev' ? 'db.t4g.medium' : 'db.r6g.large',
    readerCount: env === 'prod' ? 1 : 0,
    backupRetentionDays: env === 'prod' ? 14 : 7,
    databaseName,
    masterUsername: 'postgres',
    performanceInsightsRetentionDays: 7,
    monitoringIntervalSeconds: 60,
    readOnlyProxyEndpoint: env === 'prod',
  };
}

export function langPortalData(env: EnvName): DataLayerConfig {
  return {
    databases: { 'lang-portal': database(env, 'lang_portal'), haiku: database(env, 'haiku') },
    // Prod: AWS Backup of both clusters beyond their automated backups (daily a month, monthly a year).
    backup: env === 'prod'
      ? { rules: { daily: { schedule: 'cron(0 5 ? * * *)', deleteAfterDays: 35 }, monthly: { schedule: 'cron(0 7 1 * ? *)', deleteAfterDays: 365 } } }
      : undefined,
    // Recovery classes (src/config/recovery-classes.ts): the sites and artifacts come from CI; the
    // media the apps generated for learners (Bedrock images are not reproducible, the databases point
    // at them) exist nowhere else, so prod replicates them to us-west-2.
    buckets: {
      'lang-portal-frontend': { recoveryClass: 'rebuildable' },
      'haiku-frontend': { recoveryClass: 'rebuildable' },
      // Polly audio and generated images: read while fresh, so they cool down under Intelligent-Tiering.
      'lang-portal-media': { intelligentTiering: true, recoveryClass: 'critical', replicate: true },
      'haiku-media': { intelligentTiering: true, recoveryClass: 'critical', replicate: true },
      'pipeline-artifacts': { expireAfterDays: 30, recoveryClass: 'rebuildable' },
    },
    replicateToSecondaryRegion: env === 'prod',
    logsBucketExpirationDays: env === 'prod' ? 365 : 30,
    // staging/prod also hold the tls-proxy image of compute.targetTls (images/tls-proxy).
    containerRepositories: [...APPS.map((app) => app.name), ...(env === 'dev' ? [] : ['tls-proxy'])],
    containerImageRetention: { prodImagesKept: 10, devImagesKept: 5, untaggedExpiryDays: 1 },
    secrets: [
      { id: 'jwt_secret', name: 'jwt-secret', description: 'JWT signing secret of the Lang Portal API (generated)', generatedLength: 64 },
      { id: 'lang_portal_api_key', name: 'lang-portal-api-key', description: 'API key the Vocab Generator and Writing Practice present to the Lang Portal API (generated)', generatedLength: 48 },
    ],
    logRetentionDays: 7,
    userPool: {
      // The seed: "Advanced security mode: Audit only".
      advancedSecurityMode: 'AUDIT',
      groups: [
        { name: 'learners', description: 'Language learners', precedence: 10 },
        { name: 'teachers', description: 'Teachers who curate word groups', precedence: 5 },
        { name: 'admins', description: 'Portal administrators', precedence: 0 },
      ],
      hostedUiSubdomain: 'auth',
      appClients: { 'lang-portal': { subdomain: 'lang-portal' }, haiku: { subdomain: 'haiku' }, vocab: { subdomain: 'vocab' }, writing: { subdomain: 'writing' } },
      accessTokenValidityMinutes: 60,
      idTokenValidityMinutes: 60,
      refreshTokenValidityDays: 30,
      rememberDevices: true,
      identityPool: { allowUnauthenticatedIdentities: false },
    },
  };
}
