import { TerraformStack, Testing } from 'cdktf';
import { AuroraAlarms } from '../../../src/constructs/database/aurora-alarms';
import { AuroraServerlessCluster, AuroraServerlessClusterProps } from '../../../src/constructs/database/aurora-serverless-cluster';
import { evaluate } from '../../../src/policy/engine';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';
import { expectOfflinePlan } from '../../terraform-offline';

const BASE: AuroraServerlessClusterProps = {
  clusterIdentifier: 'sys-dev-aurora',
  engineVersion: '16.4',
  minCapacity: 0,
  maxCapacity: 16,
  autoPauseSeconds: 300,
  instanceCount: 2,
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  securityGroupIds: ['sg-db'],
  storageKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/storage',
  secretKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/secret',
  logsKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/logs',
  logRetentionDays: 30,
  backupRetentionDays: 7,
  databaseName: 'app',
};

function synth(change: Partial<AuroraServerlessClusterProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new AuroraServerlessCluster(scope, 'db', { ...BASE, ...change })));
}

describe('AuroraServerlessCluster', () => {
  test('Serverless v2 PostgreSQL: provisioned mode, capacity and auto-pause', () => {
    const cluster = onlyResource(synth(), 'aws_rds_cluster');
    expect(cluster).toMatchObject({
      engine: 'aurora-postgresql',
      engine_mode: 'provisioned',
      engine_version: '16.4',
      serverlessv2_scaling_configuration: { min_capacity: 0, max_capacity: 16, seconds_until_auto_pause: 300 },
    });
  });

  test('no auto-pause setting when autoPauseSeconds is not given', () => {
    const cluster = onlyResource(synth({ minCapacity: 0.5, autoPauseSeconds: undefined }), 'aws_rds_cluster');
    expect(cluster.serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 16 });
  });

  test('encryption, managed master password, IAM auth, logs, backups, tags to snapshots', () => {
    const cluster = onlyResource(synth(), 'aws_rds_cluster');
    expect(cluster).toMatchObject({
      storage_encrypted: true,
      kms_key_id: BASE.storageKmsKeyArn,
      manage_master_user_password: true,
      master_user_secret_kms_key_id: BASE.secretKmsKeyArn,
      iam_database_authentication_enabled: true,
      enabled_cloudwatch_logs_exports: ['postgresql'],
      backup_retention_period: 7,
      copy_tags_to_snapshot: true,
      vpc_security_group_ids: ['sg-db'],
    });
    expect(cluster.master_password).toBeUndefined();
  });

  test('protected by default: deletion protection and a final snapshot', () => {
    const cluster = onlyResource(synth(), 'aws_rds_cluster');
    expect(cluster).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: 'sys-dev-aurora-final' });
  });

  test('unprotected: no deletion protection, no final snapshot', () => {
    const cluster = onlyResource(synth({ protect: false }), 'aws_rds_cluster');
    expect(cluster).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(cluster.final_snapshot_identifier).toBeUndefined();
  });

  test('db.serverless instances spread over zones, private, Performance Insights with KMS for 7 days', () => {
    const instances = resourcesOf(synth({ instanceCount: 2 }), 'aws_rds_cluster_instance').map(([, i]) => i);
    expect(instances.map((i) => i.availability_zone)).toEqual(['us-east-1a', 'us-east-1b']);
    for (const instance of instances) {
      expect(instance).toMatchObject({
        instance_class: 'db.serverless',
        publicly_accessible: false,
        auto_minor_version_upgrade: true,
        performance_insights_enabled: true,
        performance_insights_kms_key_id: BASE.storageKmsKeyArn,
        performance_insights_retention_period: 7,
      });
    }
  });

  test('cluster parameter group forces SSL', () => {
    const group = onlyResource(synth(), 'aws_rds_cluster_parameter_group');
    expect(group.family).toBe('aurora-postgresql16');
    expect(group.name_prefix).toBe('sys-dev-aurora-pg16-');
    expect(onlyResource(synth(), 'aws_rds_cluster').db_cluster_parameter_group_name).toMatch(/aws_rds_cluster_parameter_group\..*\.name/);
    expect(group.parameter).toContainEqual(expect.objectContaining({ name: 'rds.force_ssl', value: '1' }));
  });

  test('PostgreSQL log group is created first, with retention and the logs key', () => {
    const json = synth();
    const [[id, group]] = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/rds/cluster/sys-dev-aurora/postgresql', retention_in_days: 30, kms_key_id: BASE.logsKmsKeyArn });
    expect(onlyResource(json, 'aws_rds_cluster').depends_on).toContain(`aws_cloudwatch_log_group.${id}`);
  });

  test('master secret rotation schedule only when asked, without a Lambda', () => {
    expect(resourcesOf(synth(), 'aws_secretsmanager_secret_rotation')).toHaveLength(0);
    const rotation = onlyResource(synth({ masterPasswordRotationDays: 30 }), 'aws_secretsmanager_secret_rotation');
    expect(rotation.rotation_rules).toEqual({ automatically_after_days: 30 });
    expect(rotation.rotation_lambda_arn).toBeUndefined();
    expect(rotation.secret_id).toContain('master_user_secret');
  });

  test.each([
    [{ clusterIdentifier: 'Bad_Name' }, 'clusterIdentifier "Bad_Name" is not valid'],
    [{ engineVersion: '16' }, 'engineVersion "16" is not major.minor'],
    [{ minCapacity: 8, maxCapacity: 4 }, 'capacity 8-4 ACU is invalid'],
    [{ minCapacity: 0.5 }, 'autoPauseSeconds needs minCapacity 0'],
    [{ instanceCount: 0 }, 'instanceCount 0'],
    [{ backupRetentionDays: 40 }, 'backupRetentionDays 40 is outside 1-35'],
  ])('rejects %p', (change, message) => {
    expect(() => synth(change as Partial<AuroraServerlessClusterProps>)).toThrow(message);
  });
});

describe('AuroraAlarms', () => {
  const json: Json = JSON.parse(
    Testing.synthScope((scope) => void new AuroraAlarms(scope, 'alarms', { clusterIdentifier: 'c1', criticalTopicArn: 'arn:critical', warningTopicArn: 'arn:warning', connectionsThreshold: 400 })),
  );
  const alarms = Object.fromEntries(resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => [a.metric_name, a]));

  test('DatabaseConnections high goes to the critical topic', () => {
    expect(alarms.DatabaseConnections).toMatchObject({ namespace: 'AWS/RDS', dimensions: { DBClusterIdentifier: 'c1' }, threshold: 400, comparison_operator: 'GreaterThanThreshold', alarm_actions: ['arn:critical'] });
  });

  test('ReadLatency above 200 ms on average for 5 minutes goes to the warning topic (seed DatabaseSlowQueries); paused clusters do not alarm', () => {
    expect(alarms.ReadLatency).toMatchObject({ threshold: 0.2, period: 300, evaluation_periods: 1, statistic: 'Average', alarm_actions: ['arn:warning'], treat_missing_data: 'notBreaching' });
  });

  test('no "no connections" alarm unless asked (a pausing cluster has none while idle)', () => {
    expect(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).toHaveLength(2);
  });

  test('zero connections for 2 minutes is critical for a cluster that never pauses (seed DatabaseConnectionFailure)', () => {
    const always: Json = JSON.parse(
      Testing.synthScope((scope) => void new AuroraAlarms(scope, 'alarms', { clusterIdentifier: 'c1', criticalTopicArn: 'arn:critical', warningTopicArn: 'arn:warning', alarmOnNoConnections: true })),
    );
    const [, noConnections] = resourcesOf(always, 'aws_cloudwatch_metric_alarm').find(([, a]) => a.alarm_name === 'c1-no-connections')!;
    expect(noConnections).toMatchObject({
      metric_name: 'DatabaseConnections', statistic: 'Maximum', period: 60, evaluation_periods: 2, threshold: 0,
      comparison_operator: 'LessThanOrEqualToThreshold', treat_missing_data: 'breaching', alarm_actions: ['arn:critical'],
    });
  });
});

describe('AuroraServerlessCluster statement logging and Enhanced Monitoring', () => {
  const MONITORED: Partial<AuroraServerlessClusterProps> = { monitoringIntervalSeconds: 60, accountId: '111111111111' };

  test('DDL statements are logged by default (log_statement ddl, applied immediately); logStatement changes it', () => {
    expect(onlyResource(synth(), 'aws_rds_cluster_parameter_group').parameter).toContainEqual({ name: 'log_statement', value: 'ddl', apply_method: 'immediate' });
    expect(onlyResource(synth({ logStatement: 'mod' }), 'aws_rds_cluster_parameter_group').parameter).toContainEqual({ name: 'log_statement', value: 'mod', apply_method: 'immediate' });
  });

  test('Enhanced Monitoring is off by default: no interval, no role', () => {
    const json = synth();
    for (const [, instance] of resourcesOf(json, 'aws_rds_cluster_instance')) {
      expect(instance.monitoring_interval).toBeUndefined();
      expect(instance.monitoring_role_arn).toBeUndefined();
    }
    expect(resourcesOf(json, 'aws_iam_role')).toEqual([]);
  });

  test('with an interval: every instance monitored by a role trusted by monitoring.rds.amazonaws.com for this account only', () => {
    const json = synth(MONITORED);
    const [[roleName, role]] = resourcesOf(json, 'aws_iam_role');
    expect(role.name).toBe('sys-dev-aurora-monitoring');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }),
    ]);
    const [[attachmentName, attachment]] = resourcesOf(json, 'aws_iam_role_policy_attachment');
    expect(attachment.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole');
    const instances = resourcesOf(json, 'aws_rds_cluster_instance');
    expect(instances).toHaveLength(2);
    for (const [, instance] of instances) {
      expect(instance).toMatchObject({ monitoring_interval: 60, monitoring_role_arn: `\${aws_iam_role.${roleName}.arn}` });
      expect(instance.depends_on).toContain(`aws_iam_role_policy_attachment.${attachmentName}`);
    }
  });

  test('an existing monitoring role is used as given, without building one', () => {
    const json = synth({ monitoringIntervalSeconds: 30, monitoringRoleArn: 'arn:aws:iam::111111111111:role/rds-monitoring' });
    expect(resourcesOf(json, 'aws_iam_role')).toEqual([]);
    for (const [, instance] of resourcesOf(json, 'aws_rds_cluster_instance')) expect(instance).toMatchObject({ monitoring_interval: 30, monitoring_role_arn: 'arn:aws:iam::111111111111:role/rds-monitoring' });
  });

  test.each([
    [{ logStatement: 'everything' as never }, 'AuroraServerlessCluster sys-dev-aurora: logStatement "everything" is not one of none, ddl, mod, all'],
    [{ monitoringIntervalSeconds: 45 as never, accountId: '111111111111' }, 'AuroraServerlessCluster sys-dev-aurora: monitoringIntervalSeconds 45 is not one of 0, 1, 5, 10, 15, 30, 60'],
    [{ monitoringIntervalSeconds: 60 as const }, 'AuroraServerlessCluster sys-dev-aurora: accountId "" is not a 12-digit account ID'],
    [{ ...MONITORED, monitoringRoleName: 'r'.repeat(65) }, 'is longer than 64 characters; pass a shorter monitoringRoleName'],
  ])('rejects %j', (change, message) => {
    expect(() => synth(change)).toThrow(message);
  });

  describe('policy pack', () => {
    // BAK-01 (prod: a backup plan selects the cluster) is the caller's: the plan lives in the backup layer.
    const open = (stack: TerraformStack) =>
      evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed && f.ruleId !== 'BAK-01').map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);

    test('prod with monitoring on has no open finding (RDS-10 statement logging, RDS-07 monitoring)', () => {
      const stack = stackOf('sys-prod-data');
      new AuroraServerlessCluster(stack, 'db', { ...BASE, ...MONITORED, minCapacity: 0.5, autoPauseSeconds: undefined });
      expect(open(stack)).toEqual([]);
    });

    test('prod without monitoring is an RDS-07 finding on every instance; dev without it is clean', () => {
      const prod = stackOf('sys-prod-data');
      new AuroraServerlessCluster(prod, 'db', { ...BASE, minCapacity: 0.5, autoPauseSeconds: undefined });
      expect(open(prod)).toEqual([expect.stringMatching(/^RDS-07 aws_rds_cluster_instance\.\S+ monitoring_interval, monitoring_role_arn$/), expect.stringMatching(/^RDS-07 aws_rds_cluster_instance\.\S+ monitoring_interval, monitoring_role_arn$/)]);
      const dev = stackOf('sys-dev-data');
      new AuroraServerlessCluster(dev, 'db', BASE);
      expect(open(dev)).toEqual([]);
    });

    test("logStatement 'none' is an RDS-10 finding", () => {
      const stack = stackOf('sys-dev-data');
      new AuroraServerlessCluster(stack, 'db', { ...BASE, logStatement: 'none' });
      expect(open(stack)).toEqual([expect.stringMatching(/^RDS-10 aws_rds_cluster\.\S+ db_cluster_parameter_group_name$/)]);
    });
  });

  test('offline terraform validate and plan: monitored cluster with its role', () => {
    const stack = stackOf('sys-dev-data');
    new AuroraServerlessCluster(stack, 'db', { ...BASE, ...MONITORED, protect: false });
    expectOfflinePlan(synthJson(stack));
  });
});
