import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { Construct } from 'constructs';
import {
  DEFAULT_BACKUP_WINDOW,
  DEFAULT_MAINTENANCE_WINDOW,
  INSTANCE_CA,
  LOG_STATEMENTS,
  LogStatement,
  MONITORING_INTERVALS,
  MonitoringInterval,
  POSTGRES_PORT,
  checkBackupRetention,
  checkMonitoringRole,
  checkClusterIdentifier,
  clusterParameterGroup,
  clusterSubnetGroup,
  engineMajorVersion,
  instanceMonitoring,
  postgresqlLogGroup,
  AuroraClusterBaseProps,
} from './aurora-common';

export interface AuroraServerlessClusterProps extends AuroraClusterBaseProps {
  /** Serverless v2 minimum ACU (0 allows auto-pause). */
  readonly minCapacity: number;
  /** Serverless v2 maximum ACU. */
  readonly maxCapacity: number;
  /**
   * Seconds of inactivity before the cluster pauses; needs `minCapacity` 0.
   * @default - no auto-pause
   */
  readonly autoPauseSeconds?: number;
  /** Number of `db.serverless` instances: the first is the writer, the rest readers. */
  readonly instanceCount: number;
  /** Customer-managed key of the RDS-managed master user secret in Secrets Manager. */
  readonly secretKmsKeyArn: string;
  /** Initial database name. */
  readonly databaseName: string;
  /**
   * Statements logged whatever their duration (`log_statement`). `mod` and `all` log the values
   * written, which may be personal data.
   * @default 'ddl'
   */
  readonly logStatement?: LogStatement;
  /**
   * Enhanced Monitoring granularity in seconds (0 turns it off).
   * @default 0 - off
   */
  readonly monitoringIntervalSeconds?: MonitoringInterval;
  /**
   * Existing Enhanced Monitoring role (trusted by monitoring.rds.amazonaws.com).
   * @default - a role built here when monitoring is on, which needs `accountId`
   */
  readonly monitoringRoleArn?: string;
  /**
   * Name of the Enhanced Monitoring role built here (IAM is global: unique per account, at most 64 characters).
   * @default `${clusterIdentifier}-monitoring`
   */
  readonly monitoringRoleName?: string;
  /**
   * Account of the environment (`aws:SourceAccount` of the monitoring role's trust policy); needed
   * when this construct builds the monitoring role.
   * @default - none (pass `monitoringRoleArn` or leave monitoring off)
   */
  readonly accountId?: string;
}

const PORT = POSTGRES_PORT;

/**
 * Aurora Serverless v2 PostgreSQL: provisioned engine mode with `db.serverless` instances spread
 * over zones, encrypted storage (customer key), RDS-managed master password in Secrets Manager
 * (customer key, optional rotation schedule), IAM auth, SSL forced and DDL / slow statements logged by
 * a cluster parameter group, optional Enhanced Monitoring (with its role),
 * PostgreSQL logs to a pre-created, encrypted log group with retention, Performance Insights (7
 * days, KMS), and deletion protection plus a final snapshot when protected.
 */
export class AuroraServerlessCluster extends Construct {
  readonly cluster: RdsCluster;
  readonly instances: RdsClusterInstance[];
  readonly parameterGroup: RdsClusterParameterGroup;
  readonly subnetGroup: DbSubnetGroup;
  readonly logGroup: CloudwatchLogGroup;
  /** The Enhanced Monitoring role, when this construct builds it. */
  readonly monitoringRole?: IamRole;
  readonly port = PORT;

  constructor(scope: Construct, id: string, props: AuroraServerlessClusterProps) {
    super(scope, id);
    const protect = props.protect ?? true;
    const masterUsername = props.masterUsername ?? 'postgres';
    const backupWindow = props.backupWindow ?? DEFAULT_BACKUP_WINDOW;
    const maintenanceWindow = props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW;
    const slowQueryMillis = props.slowQueryMillis ?? 1000;
    const name = props.clusterIdentifier;
    const logStatement = props.logStatement ?? 'ddl';
    const monitoringInterval = props.monitoringIntervalSeconds ?? 0;
    const monitoringRoleName = props.monitoringRoleName ?? `${name}-monitoring`;
    const buildsMonitoringRole = monitoringInterval > 0 && props.monitoringRoleArn === undefined;

    checkClusterIdentifier('AuroraServerlessCluster', name);
    const major = engineMajorVersion(`AuroraServerlessCluster ${name}`, props.engineVersion);
    if (props.minCapacity < 0 || props.maxCapacity > 256 || props.minCapacity > props.maxCapacity || props.maxCapacity < 1) {
      throw new Error(`AuroraServerlessCluster ${name}: capacity ${props.minCapacity}-${props.maxCapacity} ACU is invalid; use 0 <= min <= max <= 256 and max >= 1`);
    }
    if (props.autoPauseSeconds !== undefined && props.minCapacity !== 0) {
      throw new Error(`AuroraServerlessCluster ${name}: autoPauseSeconds needs minCapacity 0 (it is ${props.minCapacity}); set minCapacity 0 or drop autoPauseSeconds`);
    }
    if (!Number.isInteger(props.instanceCount) || props.instanceCount < 1) {
      throw new Error(`AuroraServerlessCluster ${name}: instanceCount ${props.instanceCount} must be a whole number of 1 or more (writer plus readers)`);
    }
    if (props.availabilityZones.length === 0) throw new Error(`AuroraServerlessCluster ${name}: availabilityZones is empty; pass the zones of the data subnets`);
    checkBackupRetention(`AuroraServerlessCluster ${name}`, props.backupRetentionDays);
    if (props.masterPasswordRotationDays !== undefined && (props.masterPasswordRotationDays < 1 || props.masterPasswordRotationDays > 365)) {
      throw new Error(`AuroraServerlessCluster ${name}: masterPasswordRotationDays ${props.masterPasswordRotationDays} is outside 1-365`);
    }
    if (!LOG_STATEMENTS.includes(logStatement)) {
      throw new Error(`AuroraServerlessCluster ${name}: logStatement "${logStatement}" is not one of ${LOG_STATEMENTS.join(', ')}`);
    }
    if (!MONITORING_INTERVALS.includes(monitoringInterval)) {
      throw new Error(`AuroraServerlessCluster ${name}: monitoringIntervalSeconds ${monitoringInterval} is not one of ${MONITORING_INTERVALS.join(', ')}`);
    }
    if (buildsMonitoringRole) checkMonitoringRole(`AuroraServerlessCluster ${name}`, props.accountId, monitoringRoleName);

    this.subnetGroup = clusterSubnetGroup(this, name, props.subnetIds);

    // The description stays as it was: changing it replaces the group of a running cluster.
    this.parameterGroup = clusterParameterGroup(this, name, major, `${name}: SSL only, slow query logging`, [
      { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
      // Who changed the schema or roles, and when (CKV2_AWS_27); exported with the postgresql log.
      { name: 'log_statement', value: logStatement, applyMethod: 'immediate' },
      { name: 'log_min_duration_statement', value: String(slowQueryMillis), applyMethod: 'immediate' },
    ]);

    // Created before the cluster so RDS writes into a group with retention and the logs key.
    this.logGroup = postgresqlLogGroup(this, name, props.logRetentionDays, props.logsKmsKeyArn);

    const monitoring = instanceMonitoring(this, name, monitoringInterval, props, monitoringRoleName);
    this.monitoringRole = monitoring.role;

    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: name,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: props.engineVersion,
      databaseName: props.databaseName,
      masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.secretKmsKeyArn,
      port: PORT,
      serverlessv2ScalingConfiguration: {
        minCapacity: props.minCapacity,
        maxCapacity: props.maxCapacity,
        secondsUntilAutoPause: props.autoPauseSeconds,
      },
      storageEncrypted: true,
      kmsKeyId: props.storageKmsKeyArn,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: props.securityGroupIds,
      dbClusterParameterGroupName: this.parameterGroup.name,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ['postgresql'],
      backupRetentionPeriod: props.backupRetentionDays,
      preferredBackupWindow: backupWindow,
      preferredMaintenanceWindow: maintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: protect,
      skipFinalSnapshot: !protect,
      finalSnapshotIdentifier: protect ? `${name}-final` : undefined,
      dependsOn: [this.logGroup],
    });

    this.instances = Array.from({ length: props.instanceCount }, (_, i) =>
      new RdsClusterInstance(this, `instance-${i + 1}`, {
        identifier: `${name}-${i + 1}`,
        clusterIdentifier: this.cluster.id,
        instanceClass: 'db.serverless',
        engine: 'aurora-postgresql',
        engineVersion: this.cluster.engineVersion,
        availabilityZone: props.availabilityZones[i % props.availabilityZones.length],
        // The writer fails over to the first reader.
        promotionTier: i === 0 ? 0 : 1,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: props.storageKmsKeyArn,
        performanceInsightsRetentionPeriod: 7,
        // Left out when off, so clusters without monitoring synthesize as before.
        monitoringInterval: monitoringInterval > 0 ? monitoringInterval : undefined,
        monitoringRoleArn: monitoring.roleArn,
        caCertIdentifier: INSTANCE_CA,
        copyTagsToSnapshot: true,
        preferredMaintenanceWindow: maintenanceWindow,
        // RDS checks that it can assume the role with its policy when the instance is created.
        dependsOn: monitoring.attachment ? [monitoring.attachment] : undefined,
      }),
    );

    if (props.masterPasswordRotationDays !== undefined) {
      // Managed rotation: no Lambda, only the schedule of the RDS-owned secret.
      new SecretsmanagerSecretRotation(this, 'master-secret-rotation', {
        secretId: this.cluster.masterUserSecret.get(0).secretArn,
        rotateImmediately: false,
        rotationRules: { automaticallyAfterDays: props.masterPasswordRotationDays },
      });
    }
  }

  /** ARN of the RDS-managed master user secret. */
  get masterUserSecretArn(): string {
    return this.cluster.masterUserSecret.get(0).secretArn;
  }
}
