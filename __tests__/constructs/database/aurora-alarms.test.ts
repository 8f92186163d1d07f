import { TerraformStack, Testing } from 'cdktf';
import { AuroraAlarms, AuroraAlarmsProps } from '../../../src/constructs/database/aurora-alarms';
import { Json, resourcesOf, synthJson } from '../../helpers';

const CRITICAL = 'arn:aws:sns:us-east-1:111122223333:lp-prod-critical';
const WARNING = 'arn:aws:sns:us-east-1:111122223333:lp-prod-warning';
const GIB = 2 ** 30;

function alarmsOf(change: Partial<AuroraAlarmsProps> = {}): Record<string, Json> {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AuroraAlarms(stack, 'db', { clusterIdentifier: 'lp-prod-db', criticalTopicArn: CRITICAL, warningTopicArn: WARNING, ...change });
  return Object.fromEntries(resourcesOf(synthJson(stack), 'aws_cloudwatch_metric_alarm').map(([, a]) => [a.alarm_name, a]));
}

describe('AuroraAlarms: connections against max_connections, free local storage', () => {
  test('defaults unchanged: 500 connections, no local storage alarm', () => {
    const alarms = alarmsOf();
    expect(Object.keys(alarms)).toEqual(['lp-prod-db-connections-high', 'lp-prod-db-read-latency-high']);
    expect(alarms['lp-prod-db-connections-high'].threshold).toBe(500);
    expect(alarms['lp-prod-db-connections-high'].alarm_description).toBe('Aurora lp-prod-db: more than 500 connections (pool leak or connection storm; new connections will start failing)');
  });

  test('maxConnections: DatabaseConnections (cluster maximum) above 80 % of it, critical', () => {
    const alarm = alarmsOf({ maxConnections: 1802 })['lp-prod-db-connections-high'];
    expect(alarm).toMatchObject({
      namespace: 'AWS/RDS',
      metric_name: 'DatabaseConnections',
      dimensions: { DBClusterIdentifier: 'lp-prod-db' },
      statistic: 'Maximum',
      period: 300,
      threshold: 1441,
      comparison_operator: 'GreaterThanThreshold',
      alarm_actions: [CRITICAL],
      ok_actions: [CRITICAL],
    });
    expect(alarm.alarm_description).toContain('more than 1441 (80% of max_connections 1802) connections');
    expect(alarmsOf({ maxConnections: 1000, connectionsPercent: 90 })['lp-prod-db-connections-high'].threshold).toBe(900);
  });

  test('localStorage: FreeLocalStorage per instance below 20 % of the class local storage for 10 minutes, warning', () => {
    const alarms = alarmsOf({ localStorage: { instanceIdentifiers: ['lp-prod-db-1', 'lp-prod-db-2'], bytesPerInstance: 32 * GIB } });
    const alarm = alarms['lp-prod-db-1-free-local-storage-low'];
    expect(alarm).toEqual({
      alarm_name: 'lp-prod-db-1-free-local-storage-low',
      alarm_description: 'Aurora lp-prod-db-1: free local storage (temporary files, logs) below 20% of its 32 GiB for 10 minutes; queries that spill to disk fail when it runs out',
      namespace: 'AWS/RDS',
      metric_name: 'FreeLocalStorage',
      dimensions: { DBInstanceIdentifier: 'lp-prod-db-1' },
      statistic: 'Minimum',
      period: 300,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      threshold: Math.floor(32 * GIB * 0.2),
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [WARNING],
      ok_actions: [WARNING],
    });
    expect(alarms['lp-prod-db-2-free-local-storage-low'].dimensions).toEqual({ DBInstanceIdentifier: 'lp-prod-db-2' });
    expect(alarmsOf({ localStorage: { instanceIdentifiers: ['a'], bytesPerInstance: 10 * GIB, minimumFreePercent: 10 } })['a-free-local-storage-low'].threshold).toBe(GIB);
  });

  test('bad props are rejected, naming the cluster', () => {
    const reject = (change: Partial<AuroraAlarmsProps>, message: RegExp) => expect(() => alarmsOf(change)).toThrow(message);
    reject({ maxConnections: 1000, connectionsThreshold: 800 }, /^AuroraAlarms lp-prod-db: connectionsThreshold 800 and maxConnections 1000 are both set; pass one/);
    reject({ connectionsPercent: 80 }, /connectionsPercent 80 needs maxConnections/);
    reject({ maxConnections: 0 }, /maxConnections 0 must be a positive whole number/);
    reject({ maxConnections: 1000, connectionsPercent: 100 }, /connectionsPercent 100 must be above 0 and below 100/);
    reject({ localStorage: { instanceIdentifiers: [], bytesPerInstance: 32 * GIB } }, /localStorage.instanceIdentifiers is empty/);
    reject({ localStorage: { instanceIdentifiers: ['a', 'a'], bytesPerInstance: 32 * GIB } }, /repeat an instance/);
    reject({ localStorage: { instanceIdentifiers: ['Db_1'], bytesPerInstance: 32 * GIB } }, /entry "Db_1" is not a DB instance identifier/);
    reject({ localStorage: { instanceIdentifiers: ['a'], bytesPerInstance: 32 } }, /localStorage.bytesPerInstance 32 must be whole bytes, at least 1 GiB \(the instance class's local storage, not GiB\)/);
    reject({ localStorage: { instanceIdentifiers: ['a'], bytesPerInstance: 32 * GIB, minimumFreePercent: 0 } }, /minimumFreePercent 0 must be above 0 and below 100/);
  });
});
