import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

export interface AuroraAlarmsProps {
  /** Cluster identifier (the `DBClusterIdentifier` dimension). */
  readonly clusterIdentifier: string;
  /** SNS topic for critical alarms (connection exhaustion). */
  readonly criticalTopicArn: string;
  /** SNS topic for warning alarms (latency). */
  readonly warningTopicArn: string;
  /**
   * Alarm when the 5-minute maximum of DatabaseConnections exceeds this.
   * @default 500
   */
  readonly connectionsThreshold?: number;
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

  constructor(scope: Construct, id: string, props: AuroraAlarmsProps) {
    super(scope, id);
    const connectionsThreshold = props.connectionsThreshold ?? 500;
    const readLatencySeconds = props.readLatencySeconds ?? 0.2;
    if (!(connectionsThreshold > 0)) throw new Error(`AuroraAlarms ${props.clusterIdentifier}: connectionsThreshold ${connectionsThreshold} must be positive`);
    if (!(readLatencySeconds > 0)) throw new Error(`AuroraAlarms ${props.clusterIdentifier}: readLatencySeconds ${readLatencySeconds} must be positive`);
    const dimensions = { DBClusterIdentifier: props.clusterIdentifier };

    this.connections = new CloudwatchMetricAlarm(this, 'connections-high', {
      alarmName: `${props.clusterIdentifier}-connections-high`,
      alarmDescription: `Aurora ${props.clusterIdentifier}: more than ${connectionsThreshold} connections (pool leak or connection storm; new connections will start failing)`,
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
  }
}
