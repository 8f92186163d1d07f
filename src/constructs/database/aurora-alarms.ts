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
   * Alarm when the 5-minute average ReadLatency exceeds this many seconds.
   * @default 0.05
   */
  readonly readLatencySeconds?: number;
}

/**
 * CloudWatch alarms of an Aurora cluster: DatabaseConnections high (critical: connection
 * exhaustion means failed requests) and ReadLatency high (warning). Missing data is not breaching,
 * because a paused Serverless v2 cluster emits no metrics.
 */
export class AuroraAlarms extends Construct {
  readonly connections: CloudwatchMetricAlarm;
  readonly readLatency: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: AuroraAlarmsProps) {
    super(scope, id);
    const connectionsThreshold = props.connectionsThreshold ?? 500;
    const readLatencySeconds = props.readLatencySeconds ?? 0.05;
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
      alarmDescription: `Aurora ${props.clusterIdentifier}: average read latency above ${readLatencySeconds * 1000} ms for 15 minutes`,
      namespace: 'AWS/RDS',
      metricName: 'ReadLatency',
      dimensions,
      statistic: 'Average',
      period: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: readLatencySeconds,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.warningTopicArn],
      okActions: [props.warningTopicArn],
    });
  }
}
