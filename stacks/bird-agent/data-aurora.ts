import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { ServerlessapplicationrepositoryCloudformationStack } from '@cdktf/provider-aws/lib/serverlessapplicationrepository-cloudformation-stack';
import { Password } from '@cdktf/provider-random/lib/password';
import { Fn, dependable } from 'cdktf';
import { ProvisionedDatabaseConfig } from '../../src/config/layers/databases';
import { AuroraProvisionedCluster, MonitoringInterval } from '../../src/constructs/database/aurora-provisioned-cluster';
import { AuroraReaderAutoScaling } from '../../src/constructs/database/aurora-reader-autoscaling';
import { ClusterEventAlerts } from '../../src/constructs/database/cluster-event-alerts';
import { AppSecret } from '../../src/constructs/secrets/app-secret';
import { sampleToken } from '../../src/core/samples';
import { suppressRule } from '../../src/policy/suppressions';
import { DataScope } from './data-scope';
import { secretSample } from './data-stores';

/** The database key of `data.databases` this layer builds and publishes as `aurora_*`. */
export const AURORA = 'aurora';

/**
 * AWS's single-user rotation function for PostgreSQL, deployed from the Serverless Application
 * Repository (the application aws-cdk-lib's SecretRotationApplication.POSTGRES_ROTATION_SINGLE_USER
 * pins; source: aws-cdk-lib/aws-secretsmanager/lib/secret-rotation.ts).
 */
const ROTATION_APPLICATION = 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser';
const ROTATION_APPLICATION_VERSION = '1.1.671';
/** Rotation of a global primary's password when the config gives none (the seed's 30 days). */
const GLOBAL_ROTATION_DAYS = 30;

/**
 * The seed's Aurora PostgreSQL cluster `<system>-<env>-aurora` in the private data subnets: the
 * writer in the first zone and the readers in the next ones, reader auto scaling on CPU, the seed's
 * backup and maintenance windows, Performance Insights and enhanced monitoring, TLS required by
 * the parameter group, IAM authentication, the rds key, and the master credentials in Secrets
 * Manager rotated every 30 days:
 * - regional (dev, staging): the RDS-managed master secret (secrets key) with managed rotation;
 * - with `globalSecondary` (prod): an Aurora Global Database whose secondary cluster runs in the
 *   DR region. Global members cannot have the RDS-managed password, so the primary takes a
 *   generated one, kept in the `database-credentials` secret (replicated to the DR region) and
 *   rotated by AWS's rotation function in the private app subnets with the Lambda group.
 */
export function addAurora(at: DataScope): AuroraProvisionedCluster | undefined {
  const { stack, keys, network, dr } = at;
  const { config, prefix } = stack;
  const db = stack.section('data').databases?.[AURORA];
  if (!db) return undefined;
  const { accountId: account, region } = config;
  const protect = config.protectStatefulResources;
  const id = `${prefix}-${AURORA}`;
  const logRetentionDays = stack.section('data').logRetentionDays ?? 30;
  const global = db.globalSecondary && dr && keys.dr ? { ...db.globalSecondary, ...dr, keys: keys.dr } : undefined;
  const common = {
    engineVersion: db.engineVersion,
    instanceClass: db.instanceClass,
    backupRetentionDays: db.backupRetentionDays,
    backupWindow: db.backupWindow,
    maintenanceWindow: db.maintenanceWindow,
    performanceInsightsRetentionDays: db.performanceInsightsRetentionDays ?? 7,
    monitoringIntervalSeconds: (db.monitoringIntervalSeconds ?? 60) as MonitoringInterval,
    logRetentionDays,
    accountId: account,
    protect,
  };

  const globalCluster = global
    ? new RdsGlobalCluster(stack, 'aurora-global', {
        globalClusterIdentifier: `${id}-global`,
        engine: 'aurora-postgresql',
        engineVersion: db.engineVersion,
        storageEncrypted: true,
        deletionProtection: protect,
        // Members ignore engine_version drift; upgrades go through the global cluster.
        lifecycle: protect ? { preventDestroy: true } : undefined,
      })
    : undefined;
  const password = global ? new Password(stack, 'aurora-master-password', { length: 40, special: false, minUpper: 4, minLower: 4, minNumeric: 4 }) : undefined;

  const cluster = new AuroraProvisionedCluster(stack, 'aurora', {
    ...common,
    clusterIdentifier: id,
    readerCount: db.readerCount,
    availabilityZones: stack.section('network').availabilityZones,
    subnetIds: network.list('private_data_subnet_ids'),
    securityGroupIds: [network.string('database_security_group_id')],
    storageKmsKeyArn: keys.rds.arn,
    secretKmsKeyArn: globalCluster ? undefined : keys.secrets.arn,
    masterPasswordRotationDays: globalCluster ? undefined : db.masterPasswordRotationDays,
    logsKmsKeyArn: network.string('logs_kms_key_arn'),
    databaseName: db.databaseName,
    masterUsername: db.masterUsername ?? 'postgres',
    globalClusterIdentifier: globalCluster?.id,
    // Sent write-only; rotation owns the password afterwards (never raise the version: docs/bird-agent.md).
    masterPassword: password ? { value: password.result, version: 1 } : undefined,
  });
  if (globalCluster) {
    suppressRule(
      cluster.cluster,
      'RDS-04',
      'Primary of an Aurora Global Database, where AWS does not support the RDS-managed master password: a generated password is sent write-only and kept in the database-credentials secret, which the AWS rotation function rotates every 30 days; IAM authentication is on',
    );
  }

  if (db.readerAutoScaling) {
    const scaling = db.readerAutoScaling;
    new AuroraReaderAutoScaling(stack, 'aurora-reader-autoscaling', {
      clusterIdentifier: cluster.identifier,
      minReaders: scaling.minReaders,
      maxReaders: scaling.maxReaders,
      managedReaders: db.readerCount,
      targetCpuPercent: scaling.targetCpuPercent,
      scaleInCooldownSeconds: scaling.scaleInCooldownSeconds,
      scaleOutCooldownSeconds: scaling.scaleOutCooldownSeconds,
      policyName: `${id}-reader-cpu`,
      dependsOn: cluster.instances,
    });
  }
  new ClusterEventAlerts(stack, 'aurora-events', { name: `${id}-events`, clusterIdentifier: cluster.identifier, topicArn: network.string('critical_alerts_topic_arn') });

  const credentialsArn = password ? addRotatedCredentials(at, db, cluster, password) : cluster.masterUserSecretArn;

  const seed = `${stack.node.id}:${AURORA}`;
  const host = (cluster: string, r: string, reader = false) => `${cluster}.cluster-${reader ? 'ro-' : ''}${sampleToken(`${seed}:${r}`, 12)}.${r}.rds.amazonaws.com`;
  stack.publish('aurora_cluster_identifier', cluster.identifier, { description: 'Identifier of the Aurora cluster (CloudWatch DBClusterIdentifier)', sample: id });
  stack.publish('aurora_cluster_arn', cluster.arn, { description: 'ARN of the Aurora cluster', sample: `arn:aws:rds:${region}:${account}:cluster:${id}` });
  stack.publish('aurora_writer_endpoint', cluster.endpoint, { description: 'Writer endpoint of the Aurora cluster (TLS required, IAM authentication)', sample: host(id, region) });
  stack.publish('aurora_reader_endpoint', cluster.readerEndpoint, { description: 'Reader endpoint, balanced over the readers (TLS required)', sample: host(id, region, true) });
  stack.publish('aurora_writer_instance_identifier', cluster.instances[0].identifier, { description: 'Identifier of the writer instance (in the first zone; CloudWatch DBInstanceIdentifier)', sample: `${id}-1` });
  stack.publish('aurora_cluster_resource_id', cluster.clusterResourceId, {
    description: 'Resource ID of the cluster, for rds-db:connect (arn:aws:rds-db:<region>:<account>:dbuser:<id>/<user>)',
    sample: `cluster-${sampleToken(`${seed}:resource`, 26).toUpperCase()}`,
  });
  stack.publish('aurora_database_name', db.databaseName, { description: 'Database of the Aurora cluster', sample: db.databaseName });
  stack.publish('database_credentials_secret_arn', credentialsArn, {
    description: globalCluster ? 'ARN of the database-credentials secret (master user, generated password rotated every 30 days; engine, host, port, dbname)' : 'ARN of the RDS-managed master user secret (username, password; rotated by RDS)',
    sample: globalCluster
      ? secretSample(at, `${config.system}/${config.env}/database-credentials`)
      : secretSample(at, `rds!cluster-${sampleToken(`${seed}:managed`, 8)}-${sampleToken(`${seed}:managed-uuid`, 4)}`),
  });

  if (global && globalCluster) {
    const secondaryId = `${id}-dr`;
    const secondary = new AuroraProvisionedCluster(stack, 'dr-aurora', {
      ...common,
      clusterIdentifier: secondaryId,
      // Every instance of a secondary is a reader; the first becomes the writer on failover.
      readerCount: global.instanceCount - 1,
      availabilityZones: stack.section('network').secondary!.availabilityZones,
      subnetIds: network.list('dr_private_data_subnet_ids'),
      securityGroupIds: [network.string('dr_database_security_group_id')],
      storageKmsKeyArn: global.keys.rds.arn,
      logsKmsKeyArn: network.string('dr_logs_kms_key_arn'),
      globalClusterIdentifier: globalCluster.id,
      secondary: true,
      provider: global.provider,
    });
    // AWS adds a secondary only once the primary has its writer.
    secondary.cluster.dependsOn = [...(secondary.cluster.dependsOn ?? []), ...cluster.instances.map((i) => dependable(i))];
    suppressRule(secondary.cluster, 'RDS-04', 'Read-only secondary of an Aurora Global Database: it has no master user or password of its own (it replicates the primary, whose credentials rotate in the database-credentials secret); IAM authentication is on');
    stack.publish('dr_aurora_cluster_identifier', secondary.identifier, { description: `Identifier of the secondary cluster in ${global.region}`, sample: secondaryId });
    stack.publish('dr_aurora_reader_endpoint', secondary.readerEndpoint, { description: `Reader endpoint of the secondary cluster in ${global.region} (the standby reads here until a failover)`, sample: host(secondaryId, global.region, true) });
    stack.publish('aurora_global_cluster_identifier', globalCluster.id, { description: 'Identifier of the Aurora Global Database (switchover and failover target)', sample: `${id}-global` });
  }
  return cluster;
}

/**
 * The `database-credentials` secret of a global primary: the generated password with what AWS's
 * rotation function needs (engine, host, port, username, dbname), replicated to the DR region,
 * and its 30-day rotation by that function, deployed from the Serverless Application Repository
 * into the private app subnets with the Lambda group (which reaches the database on 5432 and
 * Secrets Manager through its endpoint).
 */
function addRotatedCredentials(at: DataScope, db: ProvisionedDatabaseConfig, cluster: AuroraProvisionedCluster, password: Password): string {
  const { stack, keys, network, dr } = at;
  const { config, prefix } = stack;
  const name = `${config.system}/${config.env}/database-credentials`;
  const credentials = new AppSecret(stack, 'secret-database-credentials', {
    name,
    description: `Aurora PostgreSQL master credentials of ${prefix}-${AURORA} (rotated every ${db.masterPasswordRotationDays ?? GLOBAL_ROTATION_DAYS} days)`,
    kmsKeyArn: keys.secrets.arn,
    value: Fn.jsonencode({
      engine: 'postgres',
      host: cluster.endpoint,
      port: cluster.port,
      username: db.masterUsername ?? 'postgres',
      password: password.result,
      dbname: db.databaseName,
      dbClusterIdentifier: cluster.identifier,
    }),
    recoveryWindowDays: config.protectStatefulResources ? 30 : 0,
    replicas: dr && keys.dr ? [{ region: dr.region, kmsKeyArn: keys.dr.secrets.arn }] : undefined,
  });
  // Rotation changes the value; Terraform must not put the first password back.
  credentials.version!.lifecycle = { ignoreChanges: ['secret_string'] };

  const functionName = `${prefix}-aurora-rotation`;
  const rotator = new ServerlessapplicationrepositoryCloudformationStack(stack, 'aurora-rotation-function', {
    name: functionName,
    applicationId: ROTATION_APPLICATION,
    semanticVersion: ROTATION_APPLICATION_VERSION,
    capabilities: ['CAPABILITY_IAM', 'CAPABILITY_RESOURCE_POLICY'],
    parameters: {
      functionName,
      endpoint: `https://secretsmanager.${config.region}.amazonaws.com`,
      vpcSubnetIds: Fn.join(',', network.list('private_app_subnet_ids')),
      vpcSecurityGroupIds: network.string('lambda_security_group_id'),
      kmsKeyArn: keys.secrets.arn,
    },
  });
  new SecretsmanagerSecretRotation(stack, 'database-credentials-rotation', {
    secretId: credentials.secret.id,
    rotationLambdaArn: rotator.outputs.lookup('RotationLambdaARN'),
    // The first rotation waits for the schedule: the cluster may still be creating its instances.
    rotateImmediately: false,
    rotationRules: { automaticallyAfterDays: db.masterPasswordRotationDays ?? GLOBAL_ROTATION_DAYS },
  });
  return credentials.arn;
}
