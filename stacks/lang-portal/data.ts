import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Construct } from 'constructs';
import { addDatabaseBackup } from '../../src/components/database-backup';
import { lifecycleRules } from '../../src/components/bucket-lifecycle';
import { addLayerBucketReplica } from '../../src/components/bucket-replica';
import { S3_ACCESS_LOG_PREFIX, addLogsBucket } from '../../src/components/logs-bucket';
import { ProvisionedDatabaseConfig, auroraMaxConnections } from '../../src/config/layers/databases';
import { APPS, SITES } from '../../src/config/systems/lang-portal/apps';
import { invocationLogsBucketStatement } from '../../src/constructs/ai/model-invocation-logging';
import { AuroraProvisionedCluster } from '../../src/constructs/database/aurora-provisioned-cluster';
import { ClusterEventAlerts } from '../../src/constructs/database/cluster-event-alerts';
import { RdsProxy } from '../../src/constructs/database/rds-proxy';
import { cloudFrontReadStatement } from '../../src/constructs/edge/static-site-distribution';
import { AppUserPool } from '../../src/constructs/identity/app-user-pool';
import { IdentityPool } from '../../src/constructs/identity/identity-pool';
import { ContainerRepository } from '../../src/constructs/registry/container-repository';
import { ImageScanAlerts } from '../../src/constructs/registry/image-scan-alerts';
import { AppSecret } from '../../src/constructs/secrets/app-secret';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { SecureBucket } from '../../src/constructs/storage/secure-bucket';
import { LayerContext, LayerStack, RemoteLayer } from '../../src/core/layer-stack';
import { sampleArn, sampleToken, sampleUuid } from '../../src/core/samples';
import { suppressRule } from '../../src/policy/suppressions';

/** Output prefix of a name: `lang-portal-media` -> `lang_portal_media`. */
export const outputName = (name: string) => name.replace(/-/g, '_');

/** Buckets CloudFront serves (the frontends, haiku's media): SSE-S3, read through origin access control. */
const CLOUDFRONT_BUCKETS: readonly string[] = SITES.flatMap((site) => [site.bucket, ...(site.mediaBucket ? [site.mediaBucket] : [])]);

/**
 * lang-portal data layer (the seed's Database, Storage and Authentication stacks): the data key,
 * two provisioned Aurora PostgreSQL clusters each behind an RDS Proxy (IAM auth and TLS required,
 * a read-only endpoint in prod) with their DATABASE_URL secrets, the buckets (frontends, media,
 * pipeline artifacts, logs), the five ECR repositories, the generated secrets, and Cognito: one user
 * pool with an app client per app and an identity pool. The custom hosted-UI domain is built in
 * edge, after the apex record AWS requires exists.
 */
export class LangPortalDataStack extends LayerStack {
  readonly dataKey: EncryptionKey;
  readonly userPool: AppUserPool;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'data', context);
    const { config, prefix } = this;
    const data = this.section('data');
    const network = this.upstream('network');
    const { accountId: account, region } = config;
    const protect = config.protectStatefulResources;
    const seed = this.node.id;
    const logRetentionDays = data.logRetentionDays ?? 7;
    const criticalTopic = network.string('critical_alerts_topic_arn');

    this.dataKey = new EncryptionKey(this, 'data-key', { alias: `${prefix}-data`, description: `${prefix} data at rest: databases, Performance Insights, secrets, buckets, images`, accountId: account });
    this.publish('data_kms_key_arn', this.dataKey.arn, { description: 'KMS key of the databases, secrets, buckets and images', sample: sampleArn({ service: 'kms', region, account, resource: `key/${sampleUuid(`${seed}:data`)}` }) });

    // --- Buckets (ALB and S3 access logs and, with an ai layer, Bedrock invocation logs go to logs).
    const logs = addLogsBucket(this, {
      bucketName: this.bucketName('logs'),
      expireAfterDays: data.logsBucketExpirationDays ?? 90,
      extraStatements: this.hasLayer('ai') ? [invocationLogsBucketStatement(`arn:aws:s3:::${this.bucketName('logs')}`, account, region)] : [],
    });
    this.publish('logs_bucket_name', logs.name, { description: 'Name of the logs bucket (ALB, S3 server access and Bedrock invocation logs)', sample: this.bucketName('logs') });
    this.publish('logs_bucket_arn', logs.arn, { description: 'ARN of the logs bucket', sample: `arn:aws:s3:::${this.bucketName('logs')}` });
    // Prod: buckets marked `replicate` (the unrecoverable ones) copy into the secondary region, with
    // a key and a logs bucket of their own there.
    const dr = data.replicateToSecondaryRegion ? { region: config.secondaryRegion!, provider: this.secondaryProvider } : undefined;
    const drKey = dr && new EncryptionKey(this, 'dr-data-key', { alias: `${prefix}-data`, description: `${prefix} bucket replicas in ${dr.region}`, accountId: account, provider: dr.provider });
    const drLogs = dr && addLogsBucket(this, { id: 'dr-bucket-logs', bucketName: this.bucketName('dr-logs'), expireAfterDays: data.logsBucketExpirationDays ?? 90, provider: dr.provider, region: dr.region });
    const replicaTarget = dr && drKey && drLogs ? { ...dr, kmsKeyArn: drKey.arn, accessLogBucketName: drLogs.name } : undefined;
    for (const [purpose, spec] of Object.entries(data.buckets ?? {})) {
      const viaCloudFront = CLOUDFRONT_BUCKETS.includes(purpose);
      const bucket = new SecureBucket(this, `bucket-${purpose}`, {
        bucketName: this.bucketName(purpose),
        // CloudFront reads these with origin access control; SSE-KMS would need the key to admit it (recorded deviation).
        encryption: viaCloudFront ? 'S3_MANAGED' : { kmsKeyArn: this.dataKey.arn },
        accessLogBucket: { bucket: logs.name, prefix: `${S3_ACCESS_LOG_PREFIX}/${purpose}/` },
        lifecycleRules: lifecycleRules(spec),
        // Any distribution of this account (the edge layer's, which data cannot name: edge reads data).
        policyStatements: viaCloudFront ? [cloudFrontReadStatement(`arn:aws:s3:::${this.bucketName(purpose)}`, account)] : [],
        forceDestroy: !protect,
        recoveryClass: spec.recoveryClass,
      });
      if (viaCloudFront) suppressRule(bucket.bucket, 'S3-03', 'Web assets served through CloudFront origin access control; SSE-S3 avoids admitting CloudFront to the data key (docs/DEVIATIONS.md)');
      const out = `${outputName(purpose)}_bucket`;
      this.publish(`${out}_name`, bucket.name, { description: `Name of the ${purpose} bucket`, sample: this.bucketName(purpose) });
      this.publish(`${out}_arn`, bucket.arn, { description: `ARN of the ${purpose} bucket`, sample: `arn:aws:s3:::${this.bucketName(purpose)}` });
      this.publish(`${out}_regional_domain_name`, bucket.bucket.bucketRegionalDomainName, { description: `Regional domain name of the ${purpose} bucket (CloudFront origin)`, sample: `${this.bucketName(purpose)}.s3.${region}.amazonaws.com` });
      if (replicaTarget && spec.replicate) {
        const replicaName = this.bucketName(`${purpose}-dr`);
        const replica = addLayerBucketReplica(this, {
          purpose,
          source: bucket,
          sourceKmsKeyArn: this.dataKey.arn,
          target: replicaTarget,
          lifecycleRules: lifecycleRules(spec),
          forceDestroy: !protect,
          recoveryClass: spec.recoveryClass,
        });
        this.publish(`${out}_replica_arn`, replica.arn, { description: `ARN of the ${purpose} bucket's replica in ${replicaTarget.region}`, sample: `arn:aws:s3:::${replicaName}` });
      }
    }

    // --- ECR: one repository per app.
    const repositories = (data.containerRepositories ?? []).map((name) => {
      const repoName = `${prefix}-${name}`;
      const repository = new ContainerRepository(this, `ecr-${name}`, { name: repoName, kmsKeyArn: this.dataKey.arn, retention: data.containerImageRetention, forceDelete: !protect });
      const out = `ecr_${outputName(name)}_repository`;
      this.publish(`${out}_url`, repository.url, { description: `URL of the ${repoName} ECR repository`, sample: `${account}.dkr.ecr.${region}.amazonaws.com/${repoName}` });
      this.publish(`${out}_arn`, repository.arn, { description: `ARN of the ${repoName} ECR repository`, sample: `arn:aws:ecr:${region}:${account}:repository/${repoName}` });
      return repository;
    });
    if (repositories.length > 0) {
      new ImageScanAlerts(this, 'image-scan-alerts', { namePrefix: prefix, repositoryNames: repositories.map((r) => r.repository.name), criticalTopicArn: criticalTopic, warningTopicArn: network.string('warning_alerts_topic_arn') });
    }

    // --- Generated application secrets.
    if ((data.secrets ?? []).some((s) => s.generatedLength !== undefined)) new RandomProvider(this, 'random');
    for (const spec of data.secrets ?? []) {
      const name = `${config.system}/${config.env}/${spec.name}`;
      const secret = new AppSecret(this, `secret-${spec.id.replace(/_/g, '-')}`, { name, description: spec.description, kmsKeyArn: this.dataKey.arn, generatedLength: spec.generatedLength, recoveryWindowDays: protect ? 30 : 0 });
      suppressRule(secret.secret, 'SEC-02', 'Generated shared key with no AWS rotation function: rotated by replacing the random_password and redeploying the services that read it (docs/lang-portal.md)');
      this.publish(`${spec.id}_secret_arn`, secret.arn, { description: `ARN of secret ${name}: ${spec.description}`, sample: this.secretSample(name) });
    }

    // --- Databases.
    const clusterArns = Object.entries(data.databases ?? {}).map(([name, db]) => this.addDatabase(name, db, network, logRetentionDays));

    // --- AWS Backup of the clusters (BAK-01): recovery points outlive the clusters and their
    // automated backups, in a vault encrypted with the data key.
    if (data.backup && clusterArns.length > 0) {
      addDatabaseBackup(this, data.backup, { kmsKeyArn: this.dataKey.arn, resourceArns: clusterArns, subject: 'the Aurora clusters' });
    }

    // --- Cognito.
    this.userPool = this.addIdentity();
  }

  /** A provisioned cluster in the data subnets, its proxy in the app subnets, and its DATABASE_URL; returns the cluster ARN. */
  private addDatabase(name: string, db: ProvisionedDatabaseConfig, network: RemoteLayer, logRetentionDays: number): string {
    const { config, prefix } = this;
    const { accountId: account, region } = config;
    const id = `${prefix}-${name}`;
    const out = outputName(name);
    const user = db.masterUsername ?? 'postgres';
    const logsKey = network.string('logs_kms_key_arn');
    const cluster = new AuroraProvisionedCluster(this, `${name}-database`, {
      clusterIdentifier: id,
      engineVersion: db.engineVersion,
      instanceClass: db.instanceClass,
      readerCount: db.readerCount,
      availabilityZones: this.section('network').availabilityZones,
      subnetIds: network.list('private_data_subnet_ids'),
      securityGroupIds: [network.string(`${out}_aurora_security_group_id`)],
      storageKmsKeyArn: this.dataKey.arn,
      secretKmsKeyArn: this.dataKey.arn,
      logsKmsKeyArn: logsKey,
      logRetentionDays,
      backupRetentionDays: db.backupRetentionDays,
      databaseName: db.databaseName,
      masterUsername: user,
      performanceInsightsRetentionDays: db.performanceInsightsRetentionDays ?? 7,
      backupWindow: db.backupWindow,
      maintenanceWindow: db.maintenanceWindow,
      masterPasswordRotationDays: db.masterPasswordRotationDays,
      monitoringIntervalSeconds: (db.monitoringIntervalSeconds ?? 60) as 60,
      accountId: account,
      protect: config.protectStatefulResources,
    });
    // RDS-06 judges prod only.
    if (db.readerCount === 0 && config.env === 'prod') {
      suppressRule(cluster.cluster, 'RDS-06', `One writer and no reader in ${config.env} (the seed's data is under 1 GB, reader "if needed"); Aurora storage stays replicated over three AZs and a failed writer is replaced in minutes (docs/DEVIATIONS.md)`);
    }
    const readOnly = db.readOnlyProxyEndpoint ?? db.readerCount > 0;
    const proxy = new RdsProxy(this, `${name}-proxy`, {
      name: id,
      accountId: account,
      region,
      clusterIdentifier: cluster.identifier,
      secretArn: cluster.masterUserSecretArn,
      secretKmsKeyArn: this.dataKey.arn,
      subnetIds: network.list('private_app_subnet_ids'),
      securityGroupIds: [network.string(`${out}_rds_proxy_security_group_id`)],
      logsKmsKeyArn: logsKey,
      logRetentionDays,
      maxConnectionsPercent: db.proxyMaxConnectionsPercent,
      readOnlyEndpoint: readOnly,
    });
    // No password inside: the proxy requires IAM authentication, so the app signs in with a token.
    const urlName = `${config.system}/${config.env}/${name}/database-url`;
    const url = new AppSecret(this, `${name}-database-url`, {
      name: urlName,
      description: `DATABASE_URL of ${name} through its RDS Proxy (IAM authentication; no password)`,
      kmsKeyArn: this.dataKey.arn,
      value: `postgresql://${user}@${proxy.endpoint}:5432/${db.databaseName}?sslmode=require`,
      recoveryWindowDays: config.protectStatefulResources ? 30 : 0,
    });
    suppressRule(url.secret, 'SEC-02', 'Holds no credential, only the proxy URL and user: the app authenticates with short-lived IAM tokens (the proxy requires IAM auth), and the master password is rotated by RDS');
    new ClusterEventAlerts(this, `${name}-events`, { name: `${id}-events`, clusterIdentifier: cluster.identifier, topicArn: network.string('critical_alerts_topic_arn') });

    const seed = `${this.node.id}:${name}`;
    const proxyId = `prx-${sampleToken(`${seed}:proxy`, 17, true)}`;
    const proxyHost = (label: string) => `${label}.proxy-${sampleToken(`${seed}:host`, 12, true)}.${region}.rds.amazonaws.com`;
    this.publish(`${out}_cluster_identifier`, cluster.identifier, { description: `Identifier of the ${name} Aurora cluster (CloudWatch DBClusterIdentifier)`, sample: id });
    this.publish(`${out}_cluster_endpoint`, cluster.endpoint, { description: `Writer endpoint of the ${name} cluster (migrations; apps use the proxy)`, sample: `${id}.cluster-${sampleToken(`${seed}:cluster`, 12, true)}.${region}.rds.amazonaws.com` });
    this.publish(`${out}_instance_identifiers`, cluster.instances.map((i) => i.identifier), { description: `Instance identifiers of the ${name} cluster, writer first`, sample: cluster.instances.map((_, i) => `${id}-${i + 1}`) });
    this.publish(`${out}_max_connections`, auroraMaxConnections(db.instanceClass), { description: `Default max_connections of ${db.instanceClass} (connection alarm)`, sample: auroraMaxConnections(db.instanceClass) });
    this.publish(`${out}_proxy_endpoint`, proxy.endpoint, { description: `Read/write endpoint of the ${name} RDS Proxy`, sample: proxyHost(id) });
    if (readOnly) this.publish(`${out}_proxy_read_only_endpoint`, proxy.readOnlyEndpoint!, { description: `Read-only endpoint of the ${name} RDS Proxy (readers)`, sample: proxyHost(`${id}-read-only`) });
    this.publish(`${out}_proxy_db_user_arn`, proxy.connectStatement(user).Resource as string, { description: `rds-db:connect resource of the ${name} app user through the proxy`, sample: `arn:aws:rds-db:${region}:${account}:dbuser:${proxyId}/${user}` });
    this.publish(`${out}_database_url_secret_arn`, url.arn, { description: `ARN of the ${name} DATABASE_URL secret`, sample: this.secretSample(urlName) });
    return cluster.cluster.arn;
  }

  /** The user pool (an app client per app on the shared domain) and the identity pool over it. */
  private addIdentity(): AppUserPool {
    const { config, prefix } = this;
    const pool = this.section('data').userPool!;
    const { accountId: account, region } = config;
    const domain = this.section('edge').domainName;
    const seed = this.node.id;
    const clients = Object.fromEntries(
      Object.entries(pool.appClients ?? {}).map(([name, client]) => {
        const origin = `https://${client.subdomain}.${domain}`;
        return [name, { callbackUrls: [`${origin}/auth/callback`], logoutUrls: [`${origin}/`], generateSecret: false }];
      }),
    );
    const userPool = new AppUserPool(this, 'user-pool', {
      name: `${prefix}-users`,
      domainPrefix: `${prefix}-${account}`,
      accountId: account,
      region,
      clients,
      groups: pool.groups,
      advancedSecurityMode: pool.advancedSecurityMode,
      accessTokenValidityMinutes: pool.accessTokenValidityMinutes,
      idTokenValidityMinutes: pool.idTokenValidityMinutes,
      refreshTokenValidityDays: pool.refreshTokenValidityDays,
      rememberDevices: pool.rememberDevices,
      protect: config.protectStatefulResources,
    });
    suppressRule(
      userPool.userPool,
      'COG-02',
      `MFA is OPTIONAL (SMS and TOTP offered, remembered devices stand in) and threat protection runs in ${pool.advancedSecurityMode ?? 'ENFORCED'} mode as the seed asks ("Advanced security mode: Audit only"); the sign-in failure alarm watches what audit mode does not block`,
    );
    const poolId = `${region}_${sampleToken(`${seed}:pool`, 9, true)}`;
    this.publish('cognito_user_pool_id', userPool.userPool.id, { description: 'ID of the Cognito user pool', sample: poolId });
    this.publish('cognito_user_pool_arn', userPool.userPool.arn, { description: 'ARN of the Cognito user pool', sample: `arn:aws:cognito-idp:${region}:${account}:userpool/${poolId}` });
    this.publish('cognito_issuer_url', `https://cognito-idp.${region}.amazonaws.com/${userPool.userPool.id}`, { description: 'OIDC issuer of the user pool (JWT authorizers)', sample: `https://cognito-idp.${region}.amazonaws.com/${poolId}` });
    for (const [name, client] of Object.entries(userPool.clients)) {
      this.publish(`cognito_${outputName(name)}_client_id`, client.id, { description: `ID of the ${name} app client (public, code flow with PKCE)`, sample: sampleToken(`${seed}:client:${name}`, 26) });
    }
    if (pool.identityPool) {
      const identities = new IdentityPool(this, 'identity-pool', {
        name: `${prefix}-identities`,
        roleNamePrefix: prefix,
        region,
        userPoolClients: Object.values(userPool.clients).map((client) => ({ userPoolId: userPool.userPool.id, clientId: client.id })),
        allowUnauthenticatedIdentities: pool.identityPool.allowUnauthenticatedIdentities,
      });
      this.publish('cognito_identity_pool_id', identities.identityPoolId, { description: 'ID of the Cognito identity pool', sample: `${region}:${sampleUuid(`${seed}:identity-pool`)}` });
    }
    return userPool;
  }

  private secretSample(name: string): string {
    return sampleArn({ service: 'secretsmanager', region: this.config.region, account: this.config.accountId, resource: `secret:${name}-${sampleToken(`${this.node.id}:${name}`, 6, true)}` });
  }
}

/** The apps' names, for validation and tests. */
export const APP_NAMES = APPS.map((app) => app.name);
