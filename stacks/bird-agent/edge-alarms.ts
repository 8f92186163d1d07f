import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { mathInput, notifyingAlarm } from '../../src/constructs/observability/notifying-alarm';
import { RdsRebootOnAlarm } from '../../src/constructs/observability/rds-reboot-on-alarm';
import { LayerStack } from '../../src/core/layer-stack';
import { auroraLocalStorageBytes } from '../../src/config/aws-catalog';

/** What the seed's alarms watch, from the upstream layers. */
export interface BirdAgentAlarmInputs {
  readonly criticalTopicArn: string;
  readonly warningTopicArn: string;
  /** The REST API's name and stage (`ApiName`, `Stage` dimensions of AWS/ApiGateway). */
  readonly apiName: string;
  readonly stageName: string;
  readonly clusterName: string;
  /** ECS service names by the seed's service name. */
  readonly services: Readonly<Record<string, string>>;
  readonly auroraClusterIdentifier: string;
  readonly auroraWriterInstanceIdentifier: string;
  /** Aurora instance class (its local storage is what DiskSpaceUsage measures). */
  readonly auroraInstanceClass: string;
}

/** The alarms the edge layer built, by the seed's alarm name (service alarms: `<name>-<service>`). */
export interface BirdAgentAlarms {
  readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;
  readonly databaseReboot: RdsRebootOnAlarm;
}

/** Share of the instance's local storage that must stay free (the seed's DiskSpaceUsage "< 20%"). */
const MINIMUM_FREE_LOCAL_STORAGE_PERCENT = 20;
/** Requests a 5-minute period needs before its error rate counts (one failed call of three is not an incident). */
const MINIMUM_REQUESTS = 10;


/**
 * The seed's "Alarms Configuration" to the network layer's alert topics (its `critical-alerts` and
 * `warning-alerts` are `<prefix>-critical` and `<prefix>-warning`), each notifying on ALARM and OK:
 * critical HighErrorRate, HighLatency, DatabaseConnectionFailure (which also reboots the writer,
 * the seed's "Restart RDS"); warning HighCPUUtilization and HighMemoryUtilization per ECS service
 * and DiskSpaceUsage on the Aurora instances' local storage.
 */
export function addAlarms(stack: LayerStack, inputs: BirdAgentAlarmInputs): BirdAgentAlarms {
  const { prefix, config } = stack;
  const critical = { topicArns: [inputs.criticalTopicArn] };
  const warning = { topicArns: [inputs.warningTopicArn] };
  const api = { ApiName: inputs.apiName, Stage: inputs.stageName };
  const alarms: Record<string, CloudwatchMetricAlarm> = {};

  // HighErrorRate: (4XX + 5XX) / requests over 5 minutes, 2 of 2 periods. The seed's second action,
  // "Auto Scaling", is not wired: 4XX are the callers' errors, and overload already scales the
  // services on CPU and memory (docs/DEVIATIONS.md).
  alarms.HighErrorRate = notifyingAlarm(stack, 'alarm-high-error-rate', { alarmName: `${prefix}-HighErrorRate`, ...critical }, {
    alarmDescription: `HighErrorRate: more than 5% of ${inputs.apiName} requests answered 4XX or 5XX in two consecutive 5-minute periods (periods with fewer than ${MINIMUM_REQUESTS} requests count as 0%)`,
    metricQuery: [
      mathInput('errors4xx', 'AWS/ApiGateway', '4XXError', api, 'Sum', 300),
      mathInput('errors5xx', 'AWS/ApiGateway', '5XXError', api, 'Sum', 300),
      mathInput('requests', 'AWS/ApiGateway', 'Count', api, 'Sum', 300),
      { id: 'rate', expression: `IF(requests >= ${MINIMUM_REQUESTS}, 100 * (FILL(errors4xx, 0) + FILL(errors5xx, 0)) / requests, 0)`, label: '4XX + 5XX (% of requests)', returnData: true },
    ],
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    threshold: 5,
    comparisonOperator: 'GreaterThanThreshold',
    // No requests: nothing failed.
    treatMissingData: 'notBreaching',
  });

  // HighLatency: p95 of API Gateway's Latency (milliseconds) above 10 s, 2 of 2 5-minute periods.
  alarms.HighLatency = notifyingAlarm(stack, 'alarm-high-latency', { alarmName: `${prefix}-HighLatency`, ...critical }, {
    alarmDescription: `HighLatency: p95 latency of ${inputs.apiName} above 10 seconds in two consecutive 5-minute periods`,
    namespace: 'AWS/ApiGateway',
    metricName: 'Latency',
    dimensions: api,
    extendedStatistic: 'p95',
    period: 300,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    threshold: 10000,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  });

  // DatabaseConnectionFailure: the cluster's writer (by role, as AWS advises for Aurora alarms: it
  // follows a failover) had no connection for 3 minutes. The reboot acts on the writer instance
  // the data layer created; after a failover that instance is a reader (docs/DEVIATIONS.md).
  alarms.DatabaseConnectionFailure = notifyingAlarm(stack, 'alarm-database-connection-failure', { alarmName: `${prefix}-DatabaseConnectionFailure`, ...critical }, {
    alarmDescription: `DatabaseConnectionFailure: the writer of Aurora ${inputs.auroraClusterIdentifier} had no connections for 3 consecutive minutes; instance ${inputs.auroraWriterInstanceIdentifier} is rebooted (EventBridge rule ${prefix}-db-reboot)`,
    namespace: 'AWS/RDS',
    metricName: 'DatabaseConnections',
    dimensions: { DBClusterIdentifier: inputs.auroraClusterIdentifier, Role: 'WRITER' },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    threshold: 1,
    comparisonOperator: 'LessThanThreshold',
    // An instance that stops reporting is as unreachable as one without connections.
    treatMissingData: 'breaching',
  });
  const databaseReboot = new RdsRebootOnAlarm(stack, 'database-reboot', {
    name: `${prefix}-db-reboot`,
    alarmArn: alarms.DatabaseConnectionFailure.arn,
    dbInstanceIdentifier: inputs.auroraWriterInstanceIdentifier,
    accountId: config.accountId,
    region: config.region,
  });

  // HighCPUUtilization / HighMemoryUtilization per service, 2 of 2 10-minute periods.
  for (const [service, serviceName] of Object.entries(inputs.services)) {
    const dimensions = { ClusterName: inputs.clusterName, ServiceName: serviceName };
    for (const [alarm, metricName, threshold] of [['HighCPUUtilization', 'CPUUtilization', 80], ['HighMemoryUtilization', 'MemoryUtilization', 85]] as const) {
      alarms[`${alarm}-${service}`] = notifyingAlarm(stack, `alarm-${service}-${metricName.toLowerCase()}`, { alarmName: `${prefix}-${alarm}-${service}`, ...warning }, {
        alarmDescription: `${alarm}: average ${metricName} of ${service} above ${threshold}% in two consecutive 10-minute periods (autoscaling is not keeping up or is at its maximum)`,
        namespace: 'AWS/ECS',
        metricName,
        dimensions,
        statistic: 'Average',
        period: 600,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        threshold,
        comparisonOperator: 'GreaterThanThreshold',
        // A service with no running task reports nothing; the ALB's health and the API's errors page for that.
        treatMissingData: 'notBreaching',
      });
    }
  }

  // DiskSpaceUsage: Aurora has no FreeStorageSpace (its volume grows by itself); what runs out is
  // each instance's local storage (temporary files, sorts, logs). The lowest FreeLocalStorage of the
  // writer and of the readers (by role, so readers the autoscaling adds are covered) under 20 % of
  // the instance class's local storage, one 5-minute period.
  const bytes = auroraLocalStorageBytes(inputs.auroraInstanceClass);
  const gib = Math.round((bytes / 2 ** 30) * 10) / 10;
  for (const role of ['WRITER', 'READER'] as const) {
    const label = role === 'WRITER' ? 'writer' : 'readers';
    alarms[`DiskSpaceUsage-${label}`] = notifyingAlarm(stack, `alarm-disk-space-${label}`, { alarmName: `${prefix}-DiskSpaceUsage-${label}`, ...warning }, {
      alarmDescription: `DiskSpaceUsage: free local storage of the Aurora ${label} of ${inputs.auroraClusterIdentifier} below ${MINIMUM_FREE_LOCAL_STORAGE_PERCENT}% of the ${gib} GiB of a ${inputs.auroraInstanceClass} (FreeLocalStorage; Aurora reports no FreeStorageSpace)`,
      namespace: 'AWS/RDS',
      metricName: 'FreeLocalStorage',
      dimensions: { DBClusterIdentifier: inputs.auroraClusterIdentifier, Role: role },
      statistic: 'Minimum',
      period: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: Math.floor((bytes * MINIMUM_FREE_LOCAL_STORAGE_PERCENT) / 100),
      comparisonOperator: 'LessThanThreshold',
      // A stopped cluster reports nothing and uses no local storage.
      treatMissingData: 'notBreaching',
    });
  }
  return { alarms, databaseReboot };
}
