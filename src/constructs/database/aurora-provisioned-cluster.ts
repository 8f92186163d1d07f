import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderScopedProps, useProvider } from '../../core/provider-scope';
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

export type { LogStatement, MonitoringInterval } from './aurora-common';

/**
 * Master password of the primary cluster of a global database, where AWS does not support the
 * RDS-managed master password. Sent write-only (`master_password_wo`): Terraform keeps it out of
 * the plan and the state.
 */
export interface WriteOnlyPassword {
  /** A Terraform reference to the password (an ephemeral or sensitive value), never a literal. */
  readonly value: string;
  /** Version of the password; raise it to send a new value. */
  readonly version: number;
}

export interface AuroraProvisionedClusterProps extends AuroraClusterBaseProps, ProviderScopedProps {
  /** Instance class of the writer and the readers, `db.<family>.<size>`, for example `db.r6g.large` or `db.t4g.medium`. */
  readonly instanceClass: string;
  /**
   * Readers besides the writer (0-15). One reader in another zone gives a Multi-AZ failover target.
   * @default 1
   */
  readonly readerCount?: number;
  /**
   * Customer-managed key of Performance Insights.
   * @default - `storageKmsKeyArn`
   */
  readonly performanceInsightsKmsKeyArn?: string;
  /**
   * Days Performance Insights keeps its data: 7 (free tier), a multiple of 31 up to 713, or 731.
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Customer-managed key of the RDS-managed master user secret in Secrets Manager. Required for a
   * standalone cluster; not used by global database members (they have no managed secret).
   * @default - none (only valid for a global database member)
   */
  readonly secretKmsKeyArn?: string;
  /**
   * Initial database name. Required unless `secondary` (a secondary takes the global database's).
   * @default - none (only valid for a secondary)
   */
  readonly databaseName?: string;
  /**
   * Statements logged whatever their duration (`log_statement`). `mod` and `all` log the values
   * written, which may be personal data.
   * @default 'ddl'
   */
  readonly logStatement?: LogStatement;
  /**
   * Enhanced Monitoring granularity in seconds (0 turns it off).
   * @default 60
   */
  readonly monitoringIntervalSeconds?: MonitoringInterval;
  /**
   * Existing Enhanced Monitoring role (trusted by monitoring.rds.amazonaws.com).
   * @default - a role built here, which needs `accountId`
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
   * @default - none (pass `monitoringRoleArn` or turn monitoring off)
   */
  readonly accountId?: string;
  /**
   * Identifier of the Aurora global database (`aws_rds_global_cluster`, built by the caller) the
   * cluster joins. Global members ignore drift of `engine_version` (upgraded through the global
   * cluster) and `replication_source_identifier` (set by switchovers), as the provider advises.
   * AWS does not support the RDS-managed master password in a global database: a primary member
   * takes `masterPassword` instead (RDS-04 then fires on it; suppress with that reason).
   * @default - a standalone cluster
   */
  readonly globalClusterIdentifier?: string;
  /**
   * The cluster is a read-only secondary of `globalClusterIdentifier` in another region: no master
   * user, password or database name (it replicates the primary's).
   * @default false
   */
  readonly secondary?: boolean;
  /**
   * Master password of a global database's primary member (required there, rejected elsewhere).
   * @default - none (RDS manages the password of a standalone cluster)
   */
  readonly masterPassword?: WriteOnlyPassword;
}

const INSTANCE_CLASS = /^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const MAX_READERS = 15;

/** 7 days (free), 31 * n months (n = 1..23) or 731 days (two years). */
function validPerformanceInsightsRetention(days: number): boolean {
  return days === 7 || days === 731 || (Number.isInteger(days) && days % 31 === 0 && days >= 31 && days <= 713);
}

/**
 * Aurora PostgreSQL on provisioned instances: a writer and `readerCount` readers of one instance
 * class spread over zones, encrypted storage (customer key), IAM auth, SSL forced and DDL / slow
 * statements logged by a cluster parameter group, PostgreSQL logs to a pre-created, encrypted log
 * group with retention, Performance Insights (KMS) and Enhanced Monitoring on every instance, the
 * RDS-managed master password in Secrets Manager (customer key), and deletion protection, a final
 * snapshot and `prevent_destroy` when protected. Optionally a member (primary or read-only
 * secondary) of an Aurora global database for cross-region DR.
 */
export class AuroraProvisionedCluster extends Construct {
  readonly cluster: RdsCluster;
  /** The writer first, then the readers. */
  readonly instances: RdsClusterInstance[];
  readonly parameterGroup: RdsClusterParameterGroup;
  readonly subnetGroup: DbSubnetGroup;
  readonly logGroup: CloudwatchLogGroup;
  /** The Enhanced Monitoring role, when this construct builds it. */
  readonly monitoringRole?: IamRole;
  readonly port = POSTGRES_PORT;
  private readonly where: string;
  private readonly managedSecret: boolean;

  constructor(scope: Construct, id: string, props: AuroraProvisionedClusterProps) {
    super(scope, id);
    const name = props.clusterIdentifier;
    const where = `AuroraProvisionedCluster ${name}`;
    const readerCount = props.readerCount ?? 1;
    const protect = props.protect ?? true;
    const secondary = props.secondary ?? false;
    const global = props.globalClusterIdentifier !== undefined;
    const managedSecret = !global;
    const masterUsername = secondary ? undefined : props.masterUsername ?? 'postgres';
    const backupWindow = props.backupWindow ?? DEFAULT_BACKUP_WINDOW;
    const maintenanceWindow = props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW;
    const slowQueryMillis = props.slowQueryMillis ?? 1000;
    const logStatement = props.logStatement ?? 'ddl';
    const monitoringInterval = props.monitoringIntervalSeconds ?? 60;
    const monitoringRoleName = props.monitoringRoleName ?? `${name}-monitoring`;
    const performanceInsightsKmsKeyArn = props.performanceInsightsKmsKeyArn ?? props.storageKmsKeyArn;
    const performanceInsightsRetentionDays = props.performanceInsightsRetentionDays ?? 7;
    const buildsMonitoringRole = monitoringInterval > 0 && props.monitoringRoleArn === undefined;
    this.where = where;
    this.managedSecret = managedSecret;

    checkClusterIdentifier('AuroraProvisionedCluster', name);
    const major = engineMajorVersion(where, props.engineVersion);
    if (!INSTANCE_CLASS.test(props.instanceClass)) {
      throw new Error(`${where}: instanceClass "${props.instanceClass}" is not db.<family>.<size>; use for example db.r6g.large or db.t4g.medium (db.serverless belongs in AuroraServerlessCluster)`);
    }
    if (!Number.isInteger(readerCount) || readerCount < 0 || readerCount > MAX_READERS) {
      throw new Error(`${where}: readerCount ${readerCount} is not a whole number in 0-${MAX_READERS}; Aurora has one writer and at most ${MAX_READERS} readers`);
    }
    const lastInstance = `${name}-${readerCount + 1}`;
    if (lastInstance.length > 63) {
      throw new Error(`${where}: instance identifier "${lastInstance}" is longer than 63 characters; shorten clusterIdentifier`);
    }
    if (props.availabilityZones.length === 0) throw new Error(`${where}: availabilityZones is empty; pass the zones of the data subnets`);
    checkBackupRetention(where, props.backupRetentionDays);
    if (!validPerformanceInsightsRetention(performanceInsightsRetentionDays)) {
      throw new Error(`${where}: performanceInsightsRetentionDays ${performanceInsightsRetentionDays} is not 7, a multiple of 31 up to 713, or 731`);
    }
    if (!MONITORING_INTERVALS.includes(monitoringInterval)) {
      throw new Error(`${where}: monitoringIntervalSeconds ${monitoringInterval} is not one of ${MONITORING_INTERVALS.join(', ')}`);
    }
    if (!LOG_STATEMENTS.includes(logStatement)) {
      throw new Error(`${where}: logStatement "${logStatement}" is not one of ${LOG_STATEMENTS.join(', ')}`);
    }
    if (!Number.isInteger(slowQueryMillis) || slowQueryMillis < -1) {
      throw new Error(`${where}: slowQueryMillis ${slowQueryMillis} is not a whole number of milliseconds (-1 turns slow query logging off)`);
    }
    if (buildsMonitoringRole) checkMonitoringRole(where, props.accountId, monitoringRoleName);
    checkMembership(where, props, secondary, global);

    this.subnetGroup = clusterSubnetGroup(this, name, props.subnetIds);

    this.parameterGroup = clusterParameterGroup(this, name, major, `${name}: SSL only, ${logStatement} statements and slow query logging`, [
      { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
      { name: 'log_statement', value: logStatement, applyMethod: 'immediate' },
      { name: 'log_min_duration_statement', value: String(slowQueryMillis), applyMethod: 'immediate' },
    ]);

    // Created before the cluster so RDS writes into a group with retention and the logs key.
    this.logGroup = postgresqlLogGroup(this, name, props.logRetentionDays, props.logsKmsKeyArn);

    const monitoring = instanceMonitoring(this, name, monitoringInterval, props, monitoringRoleName);
    this.monitoringRole = monitoring.role;

    const lifecycle = {
      ...(protect ? { preventDestroy: true } : {}),
      ...(global ? { ignoreChanges: ['engine_version', 'replication_source_identifier'] } : {}),
    };
    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: name,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: props.engineVersion,
      globalClusterIdentifier: props.globalClusterIdentifier,
      databaseName: secondary ? undefined : props.databaseName,
      masterUsername,
      manageMasterUserPassword: managedSecret ? true : undefined,
      masterUserSecretKmsKeyId: managedSecret ? props.secretKmsKeyArn : undefined,
      masterPasswordWo: props.masterPassword?.value,
      masterPasswordWoVersion: props.masterPassword?.version,
      port: POSTGRES_PORT,
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
      lifecycle: Object.keys(lifecycle).length > 0 ? lifecycle : undefined,
    });

    this.instances = Array.from({ length: readerCount + 1 }, (_, i) =>
      new RdsClusterInstance(this, `instance-${i + 1}`, {
        identifier: `${name}-${i + 1}`,
        clusterIdentifier: this.cluster.id,
        instanceClass: props.instanceClass,
        engine: 'aurora-postgresql',
        engineVersion: this.cluster.engineVersion,
        availabilityZone: props.availabilityZones[i % props.availabilityZones.length],
        // The writer fails over to the first reader.
        promotionTier: i === 0 ? 0 : 1,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: performanceInsightsKmsKeyArn,
        performanceInsightsRetentionPeriod: performanceInsightsRetentionDays,
        monitoringInterval,
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
        secretId: this.masterUserSecretArn,
        rotateImmediately: false,
        rotationRules: { automaticallyAfterDays: props.masterPasswordRotationDays },
      });
    }
    useProvider(this, props.provider);
  }

  get identifier(): string {
    return this.cluster.clusterIdentifier;
  }

  get arn(): string {
    return this.cluster.arn;
  }

  /** Writer endpoint (TLS required). */
  get endpoint(): string {
    return this.cluster.endpoint;
  }

  /** Reader endpoint, load-balanced over the readers (TLS required). */
  get readerEndpoint(): string {
    return this.cluster.readerEndpoint;
  }

  /** Resource ID of the cluster, for rds-db:connect ARNs (`arn:aws:rds-db:<region>:<account>:dbuser:<id>/<user>`). */
  get clusterResourceId(): string {
    return this.cluster.clusterResourceId;
  }

  /** ARN of the RDS-managed master user secret; global database members have none. */
  get masterUserSecretArn(): string {
    if (!this.managedSecret) {
      throw new Error(`${this.where}: a global database member has no RDS-managed master secret (AWS does not support it there); use the secret that holds masterPassword`);
    }
    return this.cluster.masterUserSecret.get(0).secretArn;
  }
}

/** What a standalone cluster, a global primary and a global secondary must and must not set. */
function checkMembership(where: string, props: AuroraProvisionedClusterProps, secondary: boolean, global: boolean): void {
  if (props.masterPasswordRotationDays !== undefined && (props.masterPasswordRotationDays < 1 || props.masterPasswordRotationDays > 365)) {
    throw new Error(`${where}: masterPasswordRotationDays ${props.masterPasswordRotationDays} is outside 1-365`);
  }
  if (secondary) {
    if (!global) throw new Error(`${where}: secondary needs globalClusterIdentifier; a secondary replicates the primary of a global database`);
    const forbidden = (['databaseName', 'masterUsername', 'masterPassword', 'secretKmsKeyArn', 'masterPasswordRotationDays'] as const).filter((key) => props[key] !== undefined);
    if (forbidden.length > 0) {
      throw new Error(`${where}: a global secondary takes its database, master user and password from the primary; drop ${forbidden.join(', ')}`);
    }
    return;
  }
  if (props.databaseName === undefined) throw new Error(`${where}: databaseName is missing; name the initial database`);
  if (global) {
    if (props.masterPassword === undefined) {
      throw new Error(`${where}: the primary of a global database needs masterPassword; AWS does not support the RDS-managed master password in a global database`);
    }
    const unused = (['secretKmsKeyArn', 'masterPasswordRotationDays'] as const).filter((key) => props[key] !== undefined);
    if (unused.length > 0) {
      throw new Error(`${where}: ${unused.join(', ')} configure the RDS-managed master secret, which a global database member cannot have; drop them and rotate the masterPassword secret yourself`);
    }
  } else {
    if (props.masterPassword !== undefined) {
      throw new Error(`${where}: masterPassword is only for the primary of a global database; a standalone cluster lets RDS manage its password, drop masterPassword`);
    }
    if (props.secretKmsKeyArn === undefined) throw new Error(`${where}: secretKmsKeyArn is missing; the RDS-managed master secret needs a customer-managed key`);
  }
  if (props.masterPassword !== undefined) {
    if (!Token.isUnresolved(props.masterPassword.value)) {
      throw new Error(`${where}: masterPassword.value is a literal; pass a Terraform reference (an ephemeral or sensitive value) so no password sits in code`);
    }
    if (!Number.isInteger(props.masterPassword.version) || props.masterPassword.version < 1) {
      throw new Error(`${where}: masterPassword.version ${props.masterPassword.version} is not a whole number of 1 or more`);
    }
  }
}
