import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { notifyingAlarm } from '../observability/notifying-alarm';

/**
 * The seed's "Database storage < 20% free" for Aurora. An Aurora cluster volume has no free space to
 * watch: it grows by itself up to its limit (128 TiB), so `VolumeBytesUsed` against that limit would
 * never fire for a database of a few GB, and Aurora reports no `FreeStorageSpace`. What does run out
 * is each instance's local storage (temporary tables and sort spills, logs): when it is full,
 * queries fail. So this watches `FreeLocalStorage` per instance against the local storage of its
 * instance class, which the caller looks up (it is not in any API Terraform can read offline).
 */
export interface AuroraLocalStorageAlarmProps {
  /** Instances of the cluster (the `DBInstanceIdentifier` dimension): one alarm each. */
  readonly instanceIdentifiers: readonly string[];
  /** Local storage of one instance of the cluster's instance class, in bytes. */
  readonly bytesPerInstance: number;
  /**
   * Free share, in percent, under which the alarm fires (seed: "< 20% free").
   * @default 20
   */
  readonly minimumFreePercent?: number;
}

export interface AuroraAlarmsProps {
  /** Cluster identifier (the `DBClusterIdentifier` dimension). */
  readonly clusterIdentifier: string;
  /** SNS topic for critical alarms (connection exhaustion). */
  readonly criticalTopicArn: string;
  /** SNS topic for warning alarms (latency). */
  readonly warningTopicArn: string;
  /**
   * Alarm when the 5-minute maximum of DatabaseConnections exceeds this; not with `maxConnections`.
   * @default 500
   */
  readonly connectionsThreshold?: number;
  /**
   * max_connections of one instance of the cluster, which the caller computes from the instance
   * class (Aurora PostgreSQL's default is LEAST(DBInstanceClassMemory / 9531392, 5000)). With it the
   * connections alarm fires above `connectionsPercent` of it (seed: "Database connections > 80%")
   * instead of above `connectionsThreshold`; the metric's maximum is that of the busiest instance.
   * @default - the absolute `connectionsThreshold`
   */
  readonly maxConnections?: number;
  /**
   * Share of `maxConnections`, in percent, above which the connections alarm fires; only with `maxConnections`.
   * @default 80
   */
  readonly connectionsPercent?: number;
  /**
   * Free local storage alarms per instance (warning topic), see AuroraLocalStorageAlarmProps.
   * @default - none
   */
  readonly localStorage?: AuroraLocalStorageAlarmProps;
  /**
   * Alarm when the 5-minute average ReadLatency exceeds this many seconds (seed: DatabaseSlowQueries).
   * @default 0.2
   */
  readonly readLatencySeconds?: number;
  /**
   * Also alarm when the cluster has no connections for 2 minutes (seed: DatabaseConnectionFailure):
   * the application pools lost the database. Only for clusters that never pause, where zero
   * connections cannot be idleness.
   * @default false
   */
  readonly alarmOnNoConnections?: boolean;
}

/**
 * CloudWatch alarms of an Aurora cluster: DatabaseConnections high (critical: connection
 * exhaustion means failed requests), ReadLatency high (warning, the seed's DatabaseSlowQueries) and,
 * for clusters that never pause, no connections at all (critical, the seed's
 * DatabaseConnectionFailure). Missing data is not breaching for the first two, because a paused
 * Serverless v2 cluster emits no metrics.
 */
export class AuroraAlarms extends Construct {
  readonly connections: CloudwatchMetricAlarm;
  readonly readLatency: CloudwatchMetricAlarm;
  readonly noConnections?: CloudwatchMetricAlarm;
  /** One per `localStorage.instanceIdentifiers` entry, in that order. */
  readonly freeLocalStorage: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: AuroraAlarmsProps) {
    super(scope, id);
    const where = `AuroraAlarms ${props.clusterIdentifier}`;
    const connectionsPercent = props.connectionsPercent ?? 80;
    const connectionsThreshold = props.maxConnections === undefined ? props.connectionsThreshold ?? 500 : Math.floor((props.maxConnections * connectionsPercent) / 100);
    const readLatencySeconds = props.readLatencySeconds ?? 0.2;
    const localStorage = props.localStorage && { ...props.localStorage, minimumFreePercent: props.localStorage.minimumFreePercent ?? 20 };
    if (props.maxConnections !== undefined) {
      if (props.connectionsThreshold !== undefined) throw new Error(`${where}: connectionsThreshold ${props.connectionsThreshold} and maxConnections ${props.maxConnections} are both set; pass one (maxConnections fires at connectionsPercent of it)`);
      if (!(Number.isInteger(props.maxConnections) && props.maxConnections > 0)) throw new Error(`${where}: maxConnections ${props.maxConnections} must be a positive whole number`);
      if (!(connectionsPercent > 0 && connectionsPercent < 100)) throw new Error(`${where}: connectionsPercent ${connectionsPercent} must be above 0 and below 100`);
    } else if (props.connectionsPercent !== undefined) {
      throw new Error(`${where}: connectionsPercent ${props.connectionsPercent} needs maxConnections (the instance class's max_connections)`);
    }
    if (!(connectionsThreshold > 0)) throw new Error(`${where}: connectionsThreshold ${connectionsThreshold} must be positive`);
    if (!(readLatencySeconds > 0)) throw new Error(`${where}: readLatencySeconds ${readLatencySeconds} must be positive`);
    if (localStorage) checkLocalStorage(where, localStorage);
    const dimensions = { DBClusterIdentifier: props.clusterIdentifier };
    const connectionsLimit = props.maxConnections === undefined ? `${connectionsThreshold}` : `${connectionsThreshold} (${connectionsPercent}% of max_connections ${props.maxConnections})`;

    this.connections = new CloudwatchMetricAlarm(this, 'connections-high', {
      alarmName: `${props.clusterIdentifier}-connections-high`,
      alarmDescription: `Aurora ${props.clusterIdentifier}: more than ${connectionsLimit} connections (pool leak or connection storm; new connections will start failing)`,
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      dimensions,
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      threshold: connectionsThreshold,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.criticalTopicArn],
      okActions: [props.criticalTopicArn],
    });

    this.readLatency = new CloudwatchMetricAlarm(this, 'read-latency-high', {
      alarmName: `${props.clusterIdentifier}-read-latency-high`,
      alarmDescription: `DatabaseSlowQueries: Aurora ${props.clusterIdentifier} average read latency above ${readLatencySeconds * 1000} ms for 5 minutes`,
      namespace: 'AWS/RDS',
      metricName: 'ReadLatency',
      dimensions,
      statistic: 'Average',
      period: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: readLatencySeconds,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.warningTopicArn],
      okActions: [props.warningTopicArn],
    });

    if (props.alarmOnNoConnections) {
      this.noConnections = new CloudwatchMetricAlarm(this, 'no-connections', {
        alarmName: `${props.clusterIdentifier}-no-connections`,
        alarmDescription: `DatabaseConnectionFailure: Aurora ${props.clusterIdentifier} had no connections for 2 minutes (the application lost the database)`,
        namespace: 'AWS/RDS',
        metricName: 'DatabaseConnections',
        dimensions,
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        threshold: 0,
        comparisonOperator: 'LessThanOrEqualToThreshold',
        // A cluster that stops reporting is as broken as one with no connections.
        treatMissingData: 'breaching',
        alarmActions: [props.criticalTopicArn],
        okActions: [props.criticalTopicArn],
      });
    }

    if (localStorage) {
      const { bytesPerInstance, minimumFreePercent: freePercent } = localStorage;
      const gib = Math.round((bytesPerInstance / 2 ** 30) * 10) / 10;
      localStorage.instanceIdentifiers.forEach((instance, i) => {
        this.freeLocalStorage.push(
          notifyingAlarm(this, `free-local-storage-${i}`, { alarmName: `${instance}-free-local-storage-low`, topicArns: [props.warningTopicArn] }, {
            alarmDescription: `Aurora ${instance}: free local storage (temporary files, logs) below ${freePercent}% of its ${gib} GiB for 10 minutes; queries that spill to disk fail when it runs out`,
            namespace: 'AWS/RDS',
            metricName: 'FreeLocalStorage',
            dimensions: { DBInstanceIdentifier: instance },
            statistic: 'Minimum',
            period: 300,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            threshold: Math.floor((bytesPerInstance * freePercent) / 100),
            comparisonOperator: 'LessThanThreshold',
            // A stopped or paused instance reports nothing and uses no local storage.
            treatMissingData: 'notBreaching',
          }),
        );
      });
    }
  }
}

function checkLocalStorage(where: string, storage: Required<AuroraLocalStorageAlarmProps>): void {
  const { instanceIdentifiers, bytesPerInstance, minimumFreePercent: freePercent } = storage;
  if (instanceIdentifiers.length === 0) throw new Error(`${where}: localStorage.instanceIdentifiers is empty; list the cluster's instances`);
  for (const instance of instanceIdentifiers) {
    if (!Token.isUnresolved(instance) && !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(instance)) throw new Error(`${where}: localStorage.instanceIdentifiers entry "${instance}" is not a DB instance identifier`);
  }
  if (new Set(instanceIdentifiers).size !== instanceIdentifiers.length) throw new Error(`${where}: localStorage.instanceIdentifiers [${instanceIdentifiers.join(', ')}] repeat an instance`);
  if (!(Number.isInteger(bytesPerInstance) && bytesPerInstance >= 2 ** 30)) {
    throw new Error(`${where}: localStorage.bytesPerInstance ${bytesPerInstance} must be whole bytes, at least 1 GiB (the instance class's local storage, not GiB)`);
  }
  if (!(freePercent > 0 && freePercent < 100)) throw new Error(`${where}: localStorage.minimumFreePercent ${freePercent} must be above 0 and below 100`);
}
