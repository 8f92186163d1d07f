import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { addDatabaseBackup } from '../../src/components/database-backup';
import { addAuroraDatabase } from '../../src/components/aurora-database';
import { addLayerBucketReplica } from '../../src/components/bucket-replica';
import { S3_ACCESS_LOG_PREFIX, addLogsBucket } from '../../src/components/logs-bucket';
import { invocationLogsBucketStatement } from '../../src/constructs/ai/model-invocation-logging';
import { AuroraAlarms } from '../../src/constructs/database/aurora-alarms';
import { AuroraServerlessCluster } from '../../src/constructs/database/aurora-serverless-cluster';
import { AppUserPool } from '../../src/constructs/identity/app-user-pool';
import { ContainerRepository } from '../../src/constructs/registry/container-repository';
import { ImageScanAlerts } from '../../src/constructs/registry/image-scan-alerts';
import { ClusterEventAlerts } from '../../src/constructs/database/cluster-event-alerts';
import { SearchDomain } from '../../src/constructs/search/search-domain';
import { AppSecret } from '../../src/constructs/secrets/app-secret';
import { EncryptionKey } from '../../src/constructs/security/kms-key';
import { SecureBucket } from '../../src/constructs/storage/secure-bucket';
import { LayerContext, LayerStack } from '../../src/core/layer-stack';
import { suppressRule } from '../../src/policy/suppressions';
import { sampleArn, sampleToken, sampleUuid } from '../../src/core/samples';

/** Output name of a bucket purpose: `knowledge-base` -> `knowledge_base_bucket`. */
export function bucketOutputPrefix(purpose: string): string {
  return `${purpose.replace(/-/g, '_')}_bucket`;
}

/**
 * BidOps data layer: customer-managed keys (data, database), Aurora Serverless v2 PostgreSQL, the
 * OpenSearch domain, the S3 buckets (with a shared logs bucket), the Cognito user pool, ECR
 * repositories, application secrets and the SSM parameters apps read their endpoints from.
 */
export class BidopsDataStack extends LayerStack {
  readonly dataKey: EncryptionKey;
  readonly databaseKey: EncryptionKey;
  readonly logsBucket: SecureBucket;
  readonly buckets: Readonly<Record<string, SecureBucket>>;
  readonly aurora?: AuroraServerlessCluster;
  readonly search?: SearchDomain;
  readonly userPool?: AppUserPool;
  readonly repositories: Readonly<Record<string, ContainerRepository>>;
  readonly secrets: Readonly<Record<string, AppSecret>>;

  constructor(scope: Construct, context: LayerContext) {
    super(scope, 'data', context);
    const { config } = this;
    const data = this.section('data');
    const network = this.upstream('network');
    const protect = config.protectStatefulResources;
    const seed = this.node.id;
    const region = config.region;
    const account = config.accountId;
    const logsKmsKeyArn = network.string('logs_kms_key_arn');
    const logRetentionDays = data.logRetentionDays ?? 30;
    const paramPath = `/${config.system}/${config.env}/`;

    // --- Keys. Both delegate to IAM (account root statement): RDS, Secrets Manager, SSM, S3, ECR
    // and OpenSearch use them through grants on behalf of the calling IAM principal, so no service
    // principal needs a direct statement (one would widen access, not narrow it).
    this.dataKey = new EncryptionKey(this, 'data-key', {
      alias: `${this.prefix}-data`,
      description: `${this.prefix} data at rest: S3, Secrets Manager, SSM, ECR, OpenSearch`,
      accountId: account,
    });
    this.databaseKey = new EncryptionKey(this, 'database-key', {
      alias: `${this.prefix}-database`,
      description: `${this.prefix} Aurora storage and Performance Insights`,
      accountId: account,
    });
    const keySample = (name: string) => sampleArn({ service: 'kms', region, account, resource: `key/${sampleUuid(`${seed}:${name}`)}` });
    this.publish('data_kms_key_arn', this.dataKey.arn, { description: 'KMS key for data at rest (S3, Secrets Manager, SSM, ECR, OpenSearch); grant kms:Decrypt/GenerateDataKey to readers and writers', sample: keySample('data') });
    this.publish('database_kms_key_arn', this.databaseKey.arn, { description: 'KMS key of Aurora storage and Performance Insights', sample: keySample('database') });

    // --- Buckets.
    // The ai layer's Bedrock model invocation logging delivers to this bucket with Bedrock's principal.
    this.logsBucket = addLogsBucket(this, {
      bucketName: this.bucketName('logs'),
      expireAfterDays: data.logsBucketExpirationDays ?? 90,
      extraStatements: this.hasLayer('ai') ? [invocationLogsBucketStatement(`arn:aws:s3:::${this.bucketName('logs')}`, account, region)] : [],
    });
    // Prod: buckets marked `replicate` (the unrecoverable ones) copy into the secondary region, with
    // a key and a logs bucket of their own there.
    const dr = data.replicateToSecondaryRegion ? { region: config.secondaryRegion!, provider: this.secondaryProvider } : undefined;
    const drKey = dr && new EncryptionKey(this, 'dr-data-key', { alias: `${this.prefix}-data`, description: `${this.prefix} bucket replicas in ${dr.region}`, accountId: account, provider: dr.provider });
    const drLogs = dr && addLogsBucket(this, { id: 'dr-bucket-logs', bucketName: this.bucketName('dr-logs'), expireAfterDays: data.logsBucketExpirationDays ?? 90, provider: dr.provider, region: dr.region });
    const replicaTarget = dr && drKey && drLogs ? { ...dr, kmsKeyArn: drKey.arn, accessLogBucketName: drLogs.name } : undefined;
    const buckets: Record<string, SecureBucket> = {};
    for (const [purpose, lifecycle] of Object.entries(data.buckets ?? {})) {
      const rules: S3BucketLifecycleConfigurationRule[] = [];
      if (lifecycle.infrequentAccessAfterDays !== undefined) {
        rules.push({ id: 'to-standard-ia', status: 'Enabled', filter: [{}], transition: [{ days: lifecycle.infrequentAccessAfterDays, storageClass: 'STANDARD_IA' }] });
      }
      if (lifecycle.expireAfterDays !== undefined) {
        rules.push({ id: 'expire-current', status: 'Enabled', filter: [{}], expiration: [{ days: lifecycle.expireAfterDays }] });
      }
      buckets[purpose] = new SecureBucket(this, `bucket-${purpose}`, {
        bucketName: this.bucketName(purpose),
        encryption: { kmsKeyArn: this.dataKey.arn },
        accessLogBucket: { bucket: this.logsBucket.name, prefix: `${S3_ACCESS_LOG_PREFIX}/${purpose}/` },
        lifecycleRules: rules,
        forceDestroy: !protect,
        recoveryClass: lifecycle.recoveryClass,
      });
      if (replicaTarget && lifecycle.replicate) {
        const replica = addLayerBucketReplica(this, {
          purpose,
          source: buckets[purpose],
          sourceKmsKeyArn: this.dataKey.arn,
          target: replicaTarget,
          lifecycleRules: rules,
          forceDestroy: !protect,
          recoveryClass: lifecycle.recoveryClass,
        });
        const out = bucketOutputPrefix(purpose);
        this.publish(`${out}_replica_arn`, replica.arn, { description: `ARN of the ${purpose} bucket's replica in ${replicaTarget.region}`, sample: `arn:aws:s3:::${this.bucketName(`${purpose}-dr`)}` });
      }
    }
    this.buckets = buckets;
    for (const [purpose, bucket] of [...Object.entries(buckets), ['logs', this.logsBucket] as const]) {
      const out = bucketOutputPrefix(purpose);
      const name = this.bucketName(purpose);
      this.publish(`${out}_name`, bucket.name, { description: `Name of the ${purpose} bucket`, sample: name });
      this.publish(`${out}_arn`, bucket.arn, { description: `ARN of the ${purpose} bucket`, sample: `arn:aws:s3:::${name}` });
    }

    // --- Aurora.
    if (data.aurora) {
      this.aurora = addAuroraDatabase(this, {
        name: 'aurora',
        database: data.aurora,
        availabilityZones: this.section('network').availabilityZones,
        subnetIds: network.list('private_data_subnet_ids'),
        securityGroupIds: [network.string('database_security_group_id')],
        storageKmsKeyArn: this.databaseKey.arn,
        secretKmsKeyArn: this.dataKey.arn,
        logsKmsKeyArn,
        logRetentionDays,
      });
    }

    // --- AWS Backup of Aurora (BAK-01): recovery points outlive the cluster and its automated
    // backups, in a vault encrypted with the database key.
    if (this.aurora && data.backup) {
      addDatabaseBackup(this, data.backup, { kmsKeyArn: this.databaseKey.arn, resourceArns: [this.aurora.cluster.arn], subject: 'the Aurora cluster' });
    }

    // --- OpenSearch.
    if (data.search) {
      const s = data.search;
      const zones = Math.min(s.instanceCount, 3);
      const domainName = `${this.prefix}-search`;
      this.search = new SearchDomain(this, 'search', {
        domainName,
        engineVersion: s.engineVersion,
        instanceType: s.instanceType,
        instanceCount: s.instanceCount,
        volumeSizeGb: s.volumeSizeGb,
        subnetIds: Fn.slice(network.list('private_data_subnet_ids'), 0, zones),
        securityGroupIds: [network.string('opensearch_security_group_id')],
        kmsKeyArn: this.dataKey.arn,
        logsKmsKeyArn,
        logRetentionDays,
        accountId: account,
        region,
        createServiceLinkedRole: s.createServiceLinkedRole,
        // Identity Center creates AWSReservedSSO_<permission set>_<random> under this path (with a
        // region segment in newer instances): ArnLike keeps matching when the role is re-provisioned.
        // Those sessions never carry aws:MultiFactorAuthPresent; Identity Center enforces MFA at sign-in.
        adminPrincipalArns: s.adminPrincipalArns ?? [`arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_AdministratorAccess_*`],
        adminRequireMfa: false,
        dedicatedMasters: s.dedicatedMasters,
      });
      // OS-05 judges prod only; a suppression elsewhere would cover nothing (the gate flags those).
      if ((s.instanceCount < 3 || !s.dedicatedMasters) && config.env === 'prod') {
        suppressRule(this.search.domain, 'OS-05', `Seed sizing (docs/DEVIATIONS.md): ${s.instanceCount} x ${s.instanceType} with zone awareness over ${zones} AZs and no dedicated masters; a small knowledge-base vector store for a hackathon-scale app`);
      }
      this.publish('opensearch_domain_arn', this.search.domain.arn, { description: 'ARN of the OpenSearch domain (IAM resource for es:ESHttp* is <arn>/*)', sample: `arn:aws:es:${region}:${account}:domain/${domainName}` });
      this.publish('opensearch_domain_endpoint', this.search.domain.endpoint, { description: 'HTTPS endpoint (VPC) of the OpenSearch domain, without scheme', sample: `vpc-${domainName}-${sampleToken(`${seed}:os`, 26)}.${region}.es.amazonaws.com` });
      this.publish('opensearch_domain_name', this.search.domain.domainName, { description: 'Name of the OpenSearch domain', sample: domainName });
      this.publish('opensearch_admin_role_arn', this.search.adminRole.arn, { description: 'IAM role that is the fine-grained access control master user (assume with MFA to map roles)', sample: `arn:aws:iam::${account}:role/${domainName}-admin` });
    }

    // --- Cognito.
    if (data.userPool) this.userPool = this.createUserPool();

    // --- ECR.
    const repositories: Record<string, ContainerRepository> = {};
    for (const name of data.containerRepositories ?? []) {
      const repoName = `${this.prefix}-${name}`;
      repositories[name] = new ContainerRepository(this, `ecr-${name}`, {
        name: repoName,
        kmsKeyArn: this.dataKey.arn,
        retention: data.containerImageRetention,
        forceDelete: !protect,
      });
      const out = `ecr_${name.replace(/-/g, '_')}_repository`;
      this.publish(`${out}_url`, repositories[name].url, { description: `URL of the ${repoName} ECR repository (tags are immutable: push prod-<sha>/dev-<sha>)`, sample: `${account}.dkr.ecr.${region}.amazonaws.com/${repoName}` });
      this.publish(`${out}_arn`, repositories[name].arn, { description: `ARN of the ${repoName} ECR repository`, sample: `arn:aws:ecr:${region}:${account}:repository/${repoName}` });
    }
    this.repositories = repositories;
    // Registry-wide (one per account and region, an account singleton): Inspector scans on push and
    // as new CVEs appear. The owning environment covers every environment of its account and region
    // that asks for enhanced scanning and has repositories.
    const scanned = this.baseline.regionEnvironments(region).filter((e) => e.data?.enhancedImageScanning && (e.data.containerRepositories ?? []).length > 0);
    if (this.baseline.owns('ecr-registry-scanning') && scanned.length > 0) {
      new EcrRegistryScanningConfiguration(this, 'ecr-enhanced-scanning', {
        scanType: 'ENHANCED',
        rule: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilter: scanned.map((e) => ({ filter: `${e.system}-${e.env}-*`, filterType: 'WILDCARD' })) }],
      });
    }

    // --- Secrets.
    const secrets: Record<string, AppSecret> = {};
    const generated = (data.secrets ?? []).some((s) => s.generatedLength !== undefined);
    if (generated) new RandomProvider(this, 'random');
    for (const spec of data.secrets ?? []) {
      const name = `${config.system}/${config.env}/${spec.name}`;
      secrets[spec.id] = new AppSecret(this, `secret-${spec.id.replace(/_/g, '-')}`, {
        name,
        description: spec.description,
        kmsKeyArn: this.dataKey.arn,
        generatedLength: spec.generatedLength,
        recoveryWindowDays: protect ? 30 : 0,
      });
      suppressRule(
        secrets[spec.id].secret,
        'SEC-02',
        spec.generatedLength !== undefined
          ? 'Generated signing key with no AWS rotation function: rotating invalidates every issued token; rotated by replacing the random_password once the API accepts two keys (docs/DEVIATIONS.md)'
          : 'Static third-party credentials put out of band; they are rotated in the providers\' consoles and then put into this secret (docs/DEVIATIONS.md)',
      );
      this.publish(`${spec.id}_secret_arn`, secrets[spec.id].arn, { description: `ARN of secret ${name}: ${spec.description}`, sample: this.secretSample(name) });
    }
    this.secrets = secrets;

    // --- SSM parameters (non-secret configuration; secrets stay in Secrets Manager).
    const parameters: [string, string, string][] = [];
    if (this.aurora) {
      parameters.push(['database/host', this.aurora.cluster.endpoint, 'Aurora cluster (writer) endpoint']);
      parameters.push(['database/reader-host', this.aurora.cluster.readerEndpoint, 'Aurora reader endpoint']);
    }
    if (this.userPool) {
      parameters.push(['cognito/user-pool-id', this.userPool.userPool.id, 'Cognito user pool ID']);
      parameters.push(['cognito/client-id', this.userPool.client.id, 'Cognito app client ID']);
    }
    if (buckets.documents) parameters.push(['s3/documents-bucket', buckets.documents.name, 'Documents bucket name']);
    for (const [name, value, description] of parameters) {
      new SsmParameter(this, `param-${name.replace(/\//g, '-')}`, {
        name: `${paramPath}${name}`,
        description: `${this.prefix}: ${description}`,
        type: 'String',
        value,
      });
    }
    this.publish('ssm_parameter_path', paramPath, { description: 'SSM path under which this environment\'s parameters live (grant ssm:GetParametersByPath on it)', sample: paramPath });

    // --- Alarms (the network layer publishes the alert topics).
    if (this.aurora && data.aurora) {
      new AuroraAlarms(this, 'aurora-alarms', {
        clusterIdentifier: this.aurora.cluster.clusterIdentifier,
        criticalTopicArn: network.string('critical_alerts_topic_arn'),
        warningTopicArn: network.string('warning_alerts_topic_arn'),
        connectionsThreshold: data.aurora.connectionsAlarmThreshold,
        readLatencySeconds: data.aurora.readLatencyAlarmSeconds,
        alarmOnNoConnections: data.aurora.autoPauseSeconds === undefined,
      });
      new ClusterEventAlerts(this, 'aurora-events', {
        name: `${this.prefix}-aurora-events`,
        clusterIdentifier: this.aurora.cluster.clusterIdentifier,
        topicArn: network.string('critical_alerts_topic_arn'),
      });
    }
    if (Object.keys(repositories).length > 0) {
      new ImageScanAlerts(this, 'image-scan-alerts', {
        namePrefix: this.prefix,
        repositoryNames: Object.values(repositories).map((r) => r.repository.name),
        criticalTopicArn: network.string('critical_alerts_topic_arn'),
        warningTopicArn: network.string('warning_alerts_topic_arn'),
      });
    }
  }

  private secretSample(name: string): string {
    return sampleArn({ service: 'secretsmanager', region: this.config.region, account: this.config.accountId, resource: `secret:${name}-${sampleToken(`${this.node.id}:${name}`, 6, true)}` });
  }

  /**
   * ALB access logs, S3 server access logs and (with an ai layer) Bedrock model invocation logs:
   * SSE-S3 (ALB and S3 logging require it), expiring.
   */


  private createUserPool(): AppUserPool {
    const { config } = this;
    const pool = config.data!.userPool!;
    const region = config.region;
    const account = config.accountId;
    const seed = this.node.id;
    const appOrigin = `https://${pool.appSubdomain ?? 'app'}.${this.section('edge').domainName}`;
    const userPool = new AppUserPool(this, 'user-pool', {
      name: `${this.prefix}-users`,
      domainPrefix: `${this.prefix}-${account}`,
      accountId: account,
      region,
      callbackUrls: [`${appOrigin}/api/auth/callback/cognito`],
      logoutUrls: [`${appOrigin}/`],
      groups: pool.groups,
      advancedSecurityMode: pool.advancedSecurityMode,
      protect: config.protectStatefulResources,
      generateClientSecret: true,
    });
    // The Next.js server needs the client secret; it goes to Secrets Manager, never to an output.
    const clientSecretName = `${config.system}/${config.env}/cognito/app-client-secret`;
    const clientSecret = new AppSecret(this, 'secret-cognito-client', {
      name: clientSecretName,
      description: 'Client secret of the Cognito app client (Next.js server side)',
      kmsKeyArn: this.dataKey.arn,
      value: userPool.client.clientSecret,
      recoveryWindowDays: config.protectStatefulResources ? 30 : 0,
    });
    suppressRule(clientSecret.secret, 'SEC-02', 'Holds the Cognito app client secret, which Cognito generates and cannot rotate in place; it changes only when the app client is replaced');
    suppressRule(
      userPool.userPool,
      'COG-02',
      `MFA is OPTIONAL as the seed asks (SMS and TOTP offered to every user); threat protection is ${pool.advancedSecurityMode ?? 'ENFORCED'}${pool.advancedSecurityMode === 'AUDIT' ? ' in this env so automated test sign-ins are not blocked' : ''}; deletion protection follows protectStatefulResources`,
    );
    const poolId = `${region}_${sampleToken(`${seed}:pool`, 9, true)}`;
    this.publish('cognito_user_pool_id', userPool.userPool.id, { description: 'ID of the Cognito user pool', sample: poolId });
    this.publish('cognito_user_pool_arn', userPool.userPool.arn, { description: 'ARN of the Cognito user pool', sample: `arn:aws:cognito-idp:${region}:${account}:userpool/${poolId}` });
    this.publish('cognito_user_pool_client_id', userPool.client.id, { description: 'ID of the app client (confidential, OAuth code flow)', sample: sampleToken(`${seed}:client`, 26) });
    this.publish('cognito_user_pool_domain', userPool.domain.domain, { description: 'Hosted UI domain prefix (<prefix>.auth.<region>.amazoncognito.com); what an ALB authenticate-cognito action takes', sample: `${this.prefix}-${account}` });
    this.publish('cognito_hosted_ui_domain', userPool.hostedUiDomain(region), { description: 'Hosted UI hostname', sample: `${this.prefix}-${account}.auth.${region}.amazoncognito.com` });
    this.publish('cognito_issuer_url', `https://cognito-idp.${region}.amazonaws.com/${userPool.userPool.id}`, { description: 'OIDC issuer URL of the user pool', sample: `https://cognito-idp.${region}.amazonaws.com/${poolId}` });
    this.publish('cognito_client_secret_arn', clientSecret.arn, { description: 'ARN of the secret holding the app client secret (inject with ECS secrets valueFrom)', sample: this.secretSample(clientSecretName) });
    return userPool;
  }
}
