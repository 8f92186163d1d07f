import { AuroraConfig } from '../config/layers/data';
import { AuroraServerlessCluster } from '../constructs/database/aurora-serverless-cluster';
import { LayerStack } from '../core/layer-stack';
import { sampleArn, sampleToken, sampleUuid } from '../core/samples';

export interface AuroraDatabaseOptions {
  /**
   * Name of the database in the stack: construct ID, cluster identifier suffix
   * (`<system>-<env>-<name>`) and output prefix (`<name>_cluster_arn`, dashes as underscores).
   * A system with two databases calls this twice with two names.
   */
  readonly name: string;
  readonly database: AuroraConfig;
  readonly availabilityZones: readonly string[];
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly storageKmsKeyArn: string;
  /** Key of the RDS-managed master user secret. */
  readonly secretKmsKeyArn: string;
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
  /** @default - `database.databaseName`, else the system name with underscores */
  readonly defaultDatabaseName?: string;
}

/**
 * An Aurora Serverless v2 PostgreSQL cluster (see AuroraServerlessCluster: encryption, IAM auth,
 * managed master secret with rotation, DDL statement logging and log exports, Enhanced Monitoring
 * as configured, protection in protected environments) and its
 * published contract: `<name>_cluster_arn`, `_cluster_id`, `_cluster_endpoint`, `_reader_endpoint`,
 * `_cluster_resource_id`, `_master_user_secret_arn`, `_database_name`, `_port`.
 */
export function addAuroraDatabase(stack: LayerStack, options: AuroraDatabaseOptions): AuroraServerlessCluster {
  const { config, prefix } = stack;
  const db = options.database;
  const { region, accountId: account } = config;
  const seed = stack.node.id;
  const id = options.name;
  const out = id.replace(/-/g, '_');
  const clusterId = `${prefix}-${id}`;
  const databaseName = db.databaseName ?? options.defaultDatabaseName ?? config.system.replace(/-/g, '_');
  const aurora = new AuroraServerlessCluster(stack, id, {
    clusterIdentifier: clusterId,
    engineVersion: db.engineVersion,
    minCapacity: db.minCapacity,
    maxCapacity: db.maxCapacity,
    autoPauseSeconds: db.autoPauseSeconds,
    instanceCount: db.instanceCount,
    availabilityZones: options.availabilityZones,
    subnetIds: options.subnetIds,
    securityGroupIds: options.securityGroupIds,
    storageKmsKeyArn: options.storageKmsKeyArn,
    secretKmsKeyArn: options.secretKmsKeyArn,
    logsKmsKeyArn: options.logsKmsKeyArn,
    logRetentionDays: options.logRetentionDays,
    backupRetentionDays: db.backupRetentionDays,
    databaseName,
    masterUsername: db.masterUsername,
    masterPasswordRotationDays: db.masterPasswordRotationDays,
    protect: config.protectStatefulResources,
    monitoringIntervalSeconds: db.monitoringIntervalSeconds ?? 0,
    accountId: account,
  });
  const host = sampleToken(`${seed}:${id}`, 12);
  stack.publish(`${out}_cluster_arn`, aurora.cluster.arn, { description: 'ARN of the Aurora cluster', sample: `arn:aws:rds:${region}:${account}:cluster:${clusterId}` });
  stack.publish(`${out}_cluster_id`, aurora.cluster.clusterIdentifier, { description: 'Identifier of the Aurora cluster', sample: clusterId });
  stack.publish(`${out}_cluster_endpoint`, aurora.cluster.endpoint, { description: 'Writer endpoint of the Aurora cluster (TLS required)', sample: `${clusterId}.cluster-${host}.${region}.rds.amazonaws.com` });
  stack.publish(`${out}_reader_endpoint`, aurora.cluster.readerEndpoint, { description: 'Reader endpoint of the Aurora cluster (TLS required)', sample: `${clusterId}.cluster-ro-${host}.${region}.rds.amazonaws.com` });
  stack.publish(`${out}_cluster_resource_id`, aurora.cluster.clusterResourceId, {
    description: 'Resource ID of the cluster, for rds-db:connect IAM auth ARNs (arn:aws:rds-db:<region>:<account>:dbuser:<resource_id>/<user>)',
    sample: `cluster-${sampleToken(`${seed}:${id}-rid`, 26).toUpperCase()}`,
  });
  stack.publish(`${out}_master_user_secret_arn`, aurora.masterUserSecretArn, {
    description: 'ARN of the RDS-managed master user secret (JSON username/password; encrypted with the data key)',
    sample: sampleArn({ service: 'secretsmanager', region, account, resource: `secret:rds!cluster-${sampleUuid(`${seed}:${id}-secret`)}-${sampleToken(`${seed}:${id}-secret`, 6, true)}` }),
  });
  stack.publish(`${out}_database_name`, databaseName, { description: 'Name of the initial database', sample: databaseName });
  stack.publish(`${out}_port`, aurora.port, { description: 'PostgreSQL port of the cluster', sample: aurora.port });
  return aurora;
}
