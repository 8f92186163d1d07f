import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { RdsClusterParameterGroup, RdsClusterParameterGroupParameter } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { serviceTrustPolicy } from '../../core/iam/policy-document';

/** Building blocks shared by the Aurora PostgreSQL cluster constructs (serverless v2 and provisioned). */

/** PostgreSQL port of every Aurora PostgreSQL cluster built here. */
export const POSTGRES_PORT = 5432;
/** Daily backup window (UTC), before the maintenance window. */
export const DEFAULT_BACKUP_WINDOW = '03:00-04:00';
/** Weekly maintenance window (UTC), after the backup window. */
export const DEFAULT_MAINTENANCE_WINDOW = 'sun:04:30-sun:05:30';
/** CA of the instances' server certificates (RSA 2048, the RDS default since 2024). */
export const INSTANCE_CA = 'rds-ca-rsa2048-g1';

/** Statements PostgreSQL logs besides slow ones (`log_statement`). */
export type LogStatement = 'none' | 'ddl' | 'mod' | 'all';
export const LOG_STATEMENTS: readonly string[] = ['none', 'ddl', 'mod', 'all'];

/** Enhanced Monitoring granularity in seconds; 0 turns it off. */
export type MonitoringInterval = 0 | 1 | 5 | 10 | 15 | 30 | 60;
export const MONITORING_INTERVALS: readonly number[] = [0, 1, 5, 10, 15, 30, 60];
const MONITORING_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole';

/** Props every Aurora PostgreSQL cluster construct takes (serverless v2 and provisioned). */
export interface AuroraClusterBaseProps {
  /** Cluster identifier: lower-case letters, digits, dashes (1-63, starts with a letter). */
  readonly clusterIdentifier: string;
  /** Aurora PostgreSQL version `major.minor`, for example `16.4`. */
  readonly engineVersion: string;
  /** Zones the instances are spread over, in order (instance i goes to zone i mod n; the writer to the first). */
  readonly availabilityZones: readonly string[];
  /** Private data subnets of the DB subnet group (two or more AZs). */
  readonly subnetIds: string[];
  /** Security groups of the cluster. */
  readonly securityGroupIds: string[];
  /** Customer-managed key of the storage (in the cluster's region). */
  readonly storageKmsKeyArn: string;
  /** KMS key of the PostgreSQL log group (the environment's logs key). */
  readonly logsKmsKeyArn: string;
  /** Retention of the exported PostgreSQL log group. */
  readonly logRetentionDays: number;
  /** Automated backup retention in days (1-35). */
  readonly backupRetentionDays: number;
  /**
   * Master user name (a global secondary has none: it takes the primary's).
   * @default 'postgres'
   */
  readonly masterUsername?: string;
  /**
   * Days between rotations of the RDS-managed master secret.
   * @default - the RDS default (7 days), not managed here
   */
  readonly masterPasswordRotationDays?: number;
  /**
   * Protect the cluster: deletion protection, a final snapshot on delete, and `prevent_destroy`.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Daily backup window (UTC), outside the maintenance window.
   * @default '03:00-04:00'
   */
  readonly backupWindow?: string;
  /**
   * Weekly maintenance window (UTC).
   * @default 'sun:04:30-sun:05:30'
   */
  readonly maintenanceWindow?: string;
  /**
   * Statements slower than this many milliseconds are logged (`log_min_duration_statement`).
   * @default 1000
   */
  readonly slowQueryMillis?: number;
}

const IDENTIFIER = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Throws unless `name` is a valid cluster identifier; `construct` names the construct in the message. */
export function checkClusterIdentifier(construct: string, name: string): void {
  if (!IDENTIFIER.test(name) || name.length > 63) {
    throw new Error(`${construct}: clusterIdentifier "${name}" is not valid; use 1-63 lower-case letters, digits and single dashes, starting with a letter`);
  }
}

/** Major version of an Aurora PostgreSQL `major.minor` version; throws when it has another shape. */
export function engineMajorVersion(where: string, engineVersion: string): string {
  const version = /^(\d+)\.(\d+)$/.exec(engineVersion);
  if (!version) throw new Error(`${where}: engineVersion "${engineVersion}" is not major.minor; use for example 16.4`);
  return version[1];
}

export function checkBackupRetention(where: string, days: number): void {
  if (days < 1 || days > 35) {
    throw new Error(`${where}: backupRetentionDays ${days} is outside 1-35`);
  }
}

/** The DB subnet group of a cluster over its private data subnets. */
export function clusterSubnetGroup(scope: Construct, name: string, subnetIds: string[]): DbSubnetGroup {
  return new DbSubnetGroup(scope, 'subnet-group', {
    name: `${name}-subnets`,
    description: `Private data subnets of ${name}`,
    subnetIds,
  });
}

/** The cluster parameter group of an Aurora PostgreSQL major version. */
export function clusterParameterGroup(scope: Construct, name: string, major: string, description: string, parameter: RdsClusterParameterGroupParameter[]): RdsClusterParameterGroup {
  return new RdsClusterParameterGroup(scope, 'parameter-group', {
    // A prefix, not a name: a new major version replaces the group before the old one is dropped.
    namePrefix: `${name}-pg${major}-`,
    family: `aurora-postgresql${major}`,
    description,
    parameter,
    lifecycle: { createBeforeDestroy: true },
  });
}

/**
 * The log group RDS exports the PostgreSQL log to. Created before the cluster (make the cluster
 * depend on it) so RDS writes into a group with our retention and the logs key.
 */
export function postgresqlLogGroup(scope: Construct, name: string, retentionInDays: number, kmsKeyId: string): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, 'postgresql-logs', {
    name: `/aws/rds/cluster/${name}/postgresql`,
    retentionInDays,
    kmsKeyId,
  });
}

/** Throws unless the Enhanced Monitoring role built for `where` can be: a 12-digit account and a name of 64 characters or less. */
export function checkMonitoringRole(where: string, accountId: string | undefined, roleName: string): void {
  if (accountId === undefined || (!Token.isUnresolved(accountId) && !/^\d{12}$/.test(accountId))) {
    throw new Error(`${where}: accountId "${accountId ?? ''}" is not a 12-digit account ID; the monitoring role's trust policy needs the environment's account (or pass monitoringRoleArn)`);
  }
  if (roleName.length > 64) {
    throw new Error(`${where}: monitoringRoleName "${roleName}" is longer than 64 characters; pass a shorter monitoringRoleName`);
  }
}

/**
 * The Enhanced Monitoring role of a cluster's instances (trusted by monitoring.rds.amazonaws.com
 * for this account only) with the AWS-managed policy attached. Instances depend on the attachment:
 * RDS checks that it can assume the role with its policy when the instance is created.
 */
export function enhancedMonitoringRole(scope: Construct, clusterName: string, roleName: string, accountId: string): { role: IamRole; attachment: IamRolePolicyAttachment } {
  const role = new IamRole(scope, 'monitoring-role', {
    name: roleName,
    description: `Enhanced Monitoring of ${clusterName}`,
    assumeRolePolicy: serviceTrustPolicy('monitoring.rds.amazonaws.com', accountId, 'RdsMonitoringAssumesRoleForThisAccount'),
  });
  const attachment = new IamRolePolicyAttachment(scope, 'monitoring-policy', {
    role: role.name,
    policyArn: MONITORING_POLICY_ARN,
  });
  return { role, attachment };
}

/**
 * The instances' Enhanced Monitoring settings: none with monitoring off; the given role; or a role
 * built here (`enhancedMonitoringRole`), with the attachment the instances must wait for.
 */
export function instanceMonitoring(
  scope: Construct,
  clusterName: string,
  interval: number,
  props: { readonly monitoringRoleArn?: string; readonly accountId?: string },
  roleName: string,
): { readonly roleArn?: string; readonly role?: IamRole; readonly attachment?: IamRolePolicyAttachment } {
  if (interval === 0) return {};
  if (props.monitoringRoleArn !== undefined) return { roleArn: props.monitoringRoleArn };
  const { role, attachment } = enhancedMonitoringRole(scope, clusterName, roleName, props.accountId!);
  return { roleArn: role.arn, role, attachment };
}
