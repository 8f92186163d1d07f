import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing, dependable } from 'cdktf';
import { AuroraProvisionedCluster, AuroraProvisionedClusterProps } from '../../../src/constructs/database/aurora-provisioned-cluster';
import { evaluate } from '../../../src/policy/engine';
import { expectOfflinePlan } from '../../terraform-offline';
import { Json, onlyResource, parsed, resourcesOf, synthJson } from '../../helpers';
import { doc, stackOf } from '../../policy/harness';

const ACCOUNT = '111111111111';
const key = (name: string, region = 'us-east-1') => `arn:aws:kms:${region}:${ACCOUNT}:key/${name}`;

const BASE: AuroraProvisionedClusterProps = {
  clusterIdentifier: 'sys-dev-aurora',
  engineVersion: '16.4',
  instanceClass: 'db.r6g.large',
  readerCount: 1,
  availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  securityGroupIds: ['sg-db'],
  storageKmsKeyArn: key('storage'),
  secretKmsKeyArn: key('secret'),
  logsKmsKeyArn: key('logs'),
  logRetentionDays: 30,
  backupRetentionDays: 7,
  databaseName: 'app',
  accountId: ACCOUNT,
};

/** Props of a global database's secondary in us-west-2 (no master user, password or database name). */
const SECONDARY: AuroraProvisionedClusterProps = {
  ...BASE,
  clusterIdentifier: 'sys-dev-aurora-west',
  availabilityZones: ['us-west-2a', 'us-west-2b'],
  storageKmsKeyArn: key('storage', 'us-west-2'),
  logsKmsKeyArn: key('logs', 'us-west-2'),
  secretKmsKeyArn: undefined,
  databaseName: undefined,
  globalClusterIdentifier: 'sys-dev-global',
  secondary: true,
};

function synth(change: Partial<AuroraProvisionedClusterProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new AuroraProvisionedCluster(scope, 'db', { ...BASE, ...change })));
}

/** A stack with a global-primary cluster whose password comes from a sensitive variable. */
function globalPrimaryStack(stackName = 'sys-dev-data'): { stack: TerraformStack; password: TerraformVariable } {
  const stack = stackOf(stackName);
  const password = new TerraformVariable(stack, 'master_password', { type: 'string', sensitive: true, default: 'offline-plan-only-placeholder' });
  return { stack, password };
}

const instancesOf = (json: Json) => resourcesOf(json, 'aws_rds_cluster_instance').map(([, i]) => i).sort((a, b) => a.identifier.localeCompare(b.identifier));

describe('AuroraProvisionedCluster', () => {
  test('Aurora PostgreSQL on provisioned instances: engine, version, encryption with the storage key', () => {
    expect(onlyResource(synth(), 'aws_rds_cluster')).toMatchObject({
      cluster_identifier: 'sys-dev-aurora',
      engine: 'aurora-postgresql',
      engine_mode: 'provisioned',
      engine_version: '16.4',
      port: 5432,
      storage_encrypted: true,
      kms_key_id: BASE.storageKmsKeyArn,
      vpc_security_group_ids: ['sg-db'],
    });
  });

  test('a writer and readerCount readers of the instance class, spread over the zones, the writer failing over to the readers', () => {
    const instances = instancesOf(synth({ readerCount: 3, instanceClass: 'db.t4g.medium' }));
    expect(instances.map((i) => [i.identifier, i.availability_zone, i.promotion_tier])).toEqual([
      ['sys-dev-aurora-1', 'us-east-1a', 0],
      ['sys-dev-aurora-2', 'us-east-1b', 1],
      ['sys-dev-aurora-3', 'us-east-1c', 1],
      ['sys-dev-aurora-4', 'us-east-1a', 1],
    ]);
    for (const instance of instances) {
      expect(instance).toMatchObject({ instance_class: 'db.t4g.medium', engine: 'aurora-postgresql', publicly_accessible: false, auto_minor_version_upgrade: true, copy_tags_to_snapshot: true });
      expect(instance.cluster_identifier).toMatch(/^\$\{aws_rds_cluster\.[^.]+\.id\}$/);
    }
  });

  test('one reader by default (a Multi-AZ failover target); readerCount 0 leaves the writer alone', () => {
    expect(instancesOf(synth({ readerCount: undefined }))).toHaveLength(2);
    expect(instancesOf(synth({ readerCount: 0 }))).toHaveLength(1);
  });

  test('managed master password in Secrets Manager with the secret key, IAM auth, log export, backups, tags to snapshots', () => {
    const cluster = onlyResource(synth(), 'aws_rds_cluster');
    expect(cluster).toMatchObject({
      database_name: 'app',
      master_username: 'postgres',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: BASE.secretKmsKeyArn,
      iam_database_authentication_enabled: true,
      enabled_cloudwatch_logs_exports: ['postgresql'],
      backup_retention_period: 7,
      preferred_backup_window: '03:00-04:00',
      preferred_maintenance_window: 'sun:04:30-sun:05:30',
      copy_tags_to_snapshot: true,
    });
    expect(cluster.master_password).toBeUndefined();
    expect(cluster.master_password_wo).toBeUndefined();
    expect(cluster.global_cluster_identifier).toBeUndefined();
  });

  test('protected by default: deletion protection, a final snapshot and prevent_destroy', () => {
    const cluster = onlyResource(synth(), 'aws_rds_cluster');
    expect(cluster).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: 'sys-dev-aurora-final' });
    expect(cluster.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('unprotected: no deletion protection, no final snapshot, no prevent_destroy', () => {
    const cluster = onlyResource(synth({ protect: false }), 'aws_rds_cluster');
    expect(cluster).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(cluster.final_snapshot_identifier).toBeUndefined();
    expect(cluster.lifecycle).toBeUndefined();
  });

  test('Performance Insights on every instance with the storage key for 7 days by default, or a given key and retention', () => {
    for (const instance of instancesOf(synth())) {
      expect(instance).toMatchObject({ performance_insights_enabled: true, performance_insights_kms_key_id: BASE.storageKmsKeyArn, performance_insights_retention_period: 7 });
    }
    const custom = instancesOf(synth({ performanceInsightsKmsKeyArn: key('pi'), performanceInsightsRetentionDays: 93 }));
    expect(custom[0]).toMatchObject({ performance_insights_kms_key_id: key('pi'), performance_insights_retention_period: 93 });
  });

  test('Enhanced Monitoring every 60 s with a role trusted by monitoring.rds.amazonaws.com for this account only, with the AWS managed policy', () => {
    const json = synth();
    const [[roleName, role]] = resourcesOf(json, 'aws_iam_role');
    expect(role.name).toBe('sys-dev-aurora-monitoring');
    expect(parsed(role.assume_role_policy).Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
    ]);
    const [[attachmentName, attachment]] = resourcesOf(json, 'aws_iam_role_policy_attachment');
    expect(attachment).toEqual(expect.objectContaining({ role: `\${aws_iam_role.${roleName}.name}`, policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole' }));
    for (const instance of instancesOf(json)) {
      expect(instance).toMatchObject({ monitoring_interval: 60, monitoring_role_arn: `\${aws_iam_role.${roleName}.arn}` });
      expect(instance.depends_on).toContain(`aws_iam_role_policy_attachment.${attachmentName}`);
    }
  });

  test('an existing monitoring role is used as given; interval 0 turns monitoring off; neither builds a role', () => {
    const existing = 'arn:aws:iam::111111111111:role/rds-monitoring';
    const given = synth({ monitoringRoleArn: existing, monitoringIntervalSeconds: 15, accountId: undefined });
    expect(resourcesOf(given, 'aws_iam_role')).toEqual([]);
    expect(instancesOf(given)[0]).toMatchObject({ monitoring_interval: 15, monitoring_role_arn: existing });
    const off = synth({ monitoringIntervalSeconds: 0, accountId: undefined });
    expect(resourcesOf(off, 'aws_iam_role')).toEqual([]);
    expect(instancesOf(off)[0].monitoring_interval).toBe(0);
    expect(instancesOf(off)[0].monitoring_role_arn).toBeUndefined();
  });

  test('PostgreSQL log group is created first, with retention and the logs key', () => {
    const json = synth();
    const [[id, group]] = resourcesOf(json, 'aws_cloudwatch_log_group');
    expect(group).toEqual(expect.objectContaining({ name: '/aws/rds/cluster/sys-dev-aurora/postgresql', retention_in_days: 30, kms_key_id: BASE.logsKmsKeyArn }));
    expect(onlyResource(json, 'aws_rds_cluster').depends_on).toContain(`aws_cloudwatch_log_group.${id}`);
  });

  test('cluster parameter group forces SSL, logs DDL and statements slower than 1 s by default', () => {
    const json = synth();
    const group = onlyResource(json, 'aws_rds_cluster_parameter_group');
    expect(group).toMatchObject({ family: 'aurora-postgresql16', name_prefix: 'sys-dev-aurora-pg16-', lifecycle: { create_before_destroy: true } });
    expect(group.parameter).toEqual([
      { name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' },
      { name: 'log_statement', value: 'ddl', apply_method: 'immediate' },
      { name: 'log_min_duration_statement', value: '1000', apply_method: 'immediate' },
    ]);
    expect(onlyResource(json, 'aws_rds_cluster').db_cluster_parameter_group_name).toMatch(/aws_rds_cluster_parameter_group\..*\.name/);
    const custom = onlyResource(synth({ logStatement: 'mod', slowQueryMillis: 250 }), 'aws_rds_cluster_parameter_group');
    expect(custom.parameter).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'log_statement', value: 'mod' }), expect.objectContaining({ name: 'log_min_duration_statement', value: '250' })]));
  });

  test('DB subnet group over the given subnets', () => {
    const json = synth();
    expect(onlyResource(json, 'aws_db_subnet_group')).toMatchObject({ name: 'sys-dev-aurora-subnets', subnet_ids: BASE.subnetIds });
    expect(onlyResource(json, 'aws_rds_cluster').db_subnet_group_name).toMatch(/aws_db_subnet_group\..*\.name/);
  });

  test('master secret rotation schedule only when asked, without a Lambda', () => {
    expect(resourcesOf(synth(), 'aws_secretsmanager_secret_rotation')).toHaveLength(0);
    const rotation = onlyResource(synth({ masterPasswordRotationDays: 30 }), 'aws_secretsmanager_secret_rotation');
    expect(rotation.rotation_rules).toEqual({ automatically_after_days: 30 });
    expect(rotation.secret_id).toContain('master_user_secret');
  });

  test('outputs reference the cluster attributes', () => {
    const stack = stackOf();
    const db = new AuroraProvisionedCluster(stack, 'db', BASE);
    const outputs = { endpoint: db.endpoint, reader: db.readerEndpoint, arn: db.arn, identifier: db.identifier, resource_id: db.clusterResourceId, secret: db.masterUserSecretArn };
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(stack, name, { value });
    const json = synthJson(stack);
    const [[cluster]] = resourcesOf(json, 'aws_rds_cluster');
    const values = Object.fromEntries(Object.entries<Json>(json.output).map(([name, output]) => [name, output.value]));
    const attr = (attribute: string) => `\${aws_rds_cluster.${cluster}.${attribute}}`;
    expect(values).toEqual({
      endpoint: attr('endpoint'),
      reader: attr('reader_endpoint'),
      arn: attr('arn'),
      identifier: attr('cluster_identifier'),
      resource_id: attr('cluster_resource_id'),
      secret: attr('master_user_secret[0].secret_arn'),
    });
    expect(db.port).toBe(5432);
    expect(db.instances).toHaveLength(2);
  });

  test.each([
    [{ clusterIdentifier: 'Bad_Name' }, 'clusterIdentifier "Bad_Name" is not valid'],
    [{ engineVersion: '16' }, 'engineVersion "16" is not major.minor'],
    [{ instanceClass: 'r6g.large' }, 'instanceClass "r6g.large" is not db.<family>.<size>'],
    [{ instanceClass: 'db.serverless' }, 'instanceClass "db.serverless" is not db.<family>.<size>'],
    [{ readerCount: 16 }, 'readerCount 16 is not a whole number in 0-15'],
    [{ readerCount: -1 }, 'readerCount -1 is not a whole number in 0-15'],
    [{ readerCount: 1.5 }, 'readerCount 1.5 is not a whole number in 0-15'],
    [{ clusterIdentifier: `a${'b'.repeat(61)}` }, 'is longer than 63 characters; shorten clusterIdentifier'],
    [{ availabilityZones: [] }, 'availabilityZones is empty'],
    [{ backupRetentionDays: 0 }, 'backupRetentionDays 0 is outside 1-35'],
    [{ backupRetentionDays: 36 }, 'backupRetentionDays 36 is outside 1-35'],
    [{ monitoringIntervalSeconds: 20 }, 'monitoringIntervalSeconds 20 is not one of 0, 1, 5, 10, 15, 30, 60'],
    [{ performanceInsightsRetentionDays: 30 }, 'performanceInsightsRetentionDays 30 is not 7, a multiple of 31 up to 713, or 731'],
    [{ performanceInsightsRetentionDays: 744 }, 'performanceInsightsRetentionDays 744 is not 7'],
    [{ logStatement: 'everything' }, 'logStatement "everything" is not one of none, ddl, mod, all'],
    [{ accountId: undefined }, 'accountId "" is not a 12-digit account ID'],
    [{ accountId: '1234' }, 'accountId "1234" is not a 12-digit account ID'],
    [{ clusterIdentifier: `a${'b'.repeat(54)}` }, 'monitoringRoleName "abbb'],
    [{ secretKmsKeyArn: undefined }, 'secretKmsKeyArn is missing'],
    [{ databaseName: undefined }, 'databaseName is missing'],
    [{ masterPasswordRotationDays: 400 }, 'masterPasswordRotationDays 400 is outside 1-365'],
    [{ secondary: true }, 'secondary needs globalClusterIdentifier'],
    [{ masterPassword: { value: '${var.x}', version: 1 } }, 'masterPassword is only for the primary of a global database'],
    [{ globalClusterIdentifier: 'g', secretKmsKeyArn: undefined }, 'the primary of a global database needs masterPassword'],
  ])('rejects %p', (change, message) => {
    expect(() => synth(change as Partial<AuroraProvisionedClusterProps>)).toThrow(message);
  });

  test('error messages name the construct and the cluster', () => {
    expect(() => synth({ readerCount: 16 })).toThrow(/^AuroraProvisionedCluster sys-dev-aurora: /);
  });
});

describe('AuroraProvisionedCluster in a global database', () => {
  test('a secondary sets no master user, password or database name, joins the global cluster, still encrypted with its region key', () => {
    const cluster = onlyResource(synth(SECONDARY), 'aws_rds_cluster');
    expect(cluster).toMatchObject({
      global_cluster_identifier: 'sys-dev-global',
      storage_encrypted: true,
      kms_key_id: key('storage', 'us-west-2'),
      iam_database_authentication_enabled: true,
      enabled_cloudwatch_logs_exports: ['postgresql'],
      copy_tags_to_snapshot: true,
      deletion_protection: true,
    });
    for (const absent of ['master_username', 'master_password', 'master_password_wo', 'manage_master_user_password', 'master_user_secret_kms_key_id', 'database_name']) {
      expect({ absent, value: cluster[absent] }).toEqual({ absent, value: undefined });
    }
  });

  test('global members ignore engine_version (upgraded through the global cluster) and replication_source_identifier (switchovers)', () => {
    expect(onlyResource(synth(SECONDARY), 'aws_rds_cluster').lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['engine_version', 'replication_source_identifier'] });
    expect(onlyResource(synth({ ...SECONDARY, protect: false }), 'aws_rds_cluster').lifecycle).toEqual({ ignore_changes: ['engine_version', 'replication_source_identifier'] });
  });

  test('a secondary has no managed master secret to hand out', () => {
    const stack = stackOf();
    const db = new AuroraProvisionedCluster(stack, 'db', SECONDARY);
    expect(() => db.masterUserSecretArn).toThrow('a global database member has no RDS-managed master secret');
  });

  test('a secondary lives on the provider it is given', () => {
    const stack = stackOf();
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    new AuroraProvisionedCluster(stack, 'db', { ...SECONDARY, provider: west });
    const json = synthJson(stack);
    for (const type of ['aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_rds_cluster_parameter_group', 'aws_db_subnet_group', 'aws_cloudwatch_log_group']) {
      for (const [, resource] of resourcesOf(json, type)) expect({ type, provider: resource.provider }).toEqual({ type, provider: 'aws.us_west_2' });
    }
  });

  test('the primary takes a write-only master password (AWS has no managed password in a global database)', () => {
    const { stack, password } = globalPrimaryStack();
    new AuroraProvisionedCluster(stack, 'db', { ...BASE, secretKmsKeyArn: undefined, globalClusterIdentifier: 'sys-dev-global', masterPassword: { value: password.stringValue, version: 2 } });
    const cluster = onlyResource(synthJson(stack), 'aws_rds_cluster');
    expect(cluster).toMatchObject({ global_cluster_identifier: 'sys-dev-global', master_username: 'postgres', database_name: 'app', master_password_wo: '${var.master_password}', master_password_wo_version: 2 });
    expect(cluster.manage_master_user_password).toBeUndefined();
    expect(cluster.master_password).toBeUndefined();
  });

  test.each([
    [{ databaseName: 'app' }, 'a global secondary takes its database, master user and password from the primary; drop databaseName'],
    [{ masterUsername: 'admin', secretKmsKeyArn: key('secret') }, 'drop masterUsername, secretKmsKeyArn'],
    [{ masterPassword: { value: '${var.x}', version: 1 } }, 'drop masterPassword'],
  ])('a secondary rejects %p', (change, message) => {
    expect(() => synth({ ...SECONDARY, ...change } as Partial<AuroraProvisionedClusterProps>)).toThrow(message);
  });

  test.each([
    [(_: string) => ({ masterPassword: { value: 'hunter2hunter2', version: 1 } }), 'masterPassword.value is a literal; pass a Terraform reference'],
    [(value: string) => ({ masterPassword: { value, version: 0 } }), 'masterPassword.version 0 is not a whole number of 1 or more'],
    [(value: string) => ({ masterPassword: { value, version: 1 }, secretKmsKeyArn: key('secret') }), 'secretKmsKeyArn configure the RDS-managed master secret'],
    [(value: string) => ({ masterPassword: { value, version: 1 }, masterPasswordRotationDays: 30 }), 'masterPasswordRotationDays configure the RDS-managed master secret'],
  ])('a global primary rejects bad password settings (%#)', (change, message) => {
    const { stack, password } = globalPrimaryStack();
    const props = { ...BASE, secretKmsKeyArn: undefined, globalClusterIdentifier: 'sys-dev-global', ...change(password.stringValue) } as AuroraProvisionedClusterProps;
    expect(() => new AuroraProvisionedCluster(stack, 'db', props)).toThrow(message);
  });
});

describe('policy pack', () => {
  // BAK-01 (prod: a backup plan selects the cluster) is the caller's: the plan lives in the data layer, beside the cluster.
  const open = (stack: TerraformStack) => evaluate([doc(stack)]).stacks.flatMap((s) => s.findings).filter((f) => !f.suppressed && f.ruleId !== 'BAK-01').map((f) => `${f.ruleId} ${f.address} ${f.attribute}`);

  test('no open finding for the default cluster, in dev and prod', () => {
    for (const name of ['sys-dev-data', 'sys-prod-data']) {
      const stack = stackOf(name);
      new AuroraProvisionedCluster(stack, 'db', BASE);
      expect({ name, open: open(stack) }).toEqual({ name, open: [] });
    }
  });

  test('a secondary has only the RDS-04 finding on manage_master_user_password: the rule exempts replicas by replication_source_identifier, not global secondaries (caller suppresses: AWS forbids it there)', () => {
    const stack = stackOf('sys-prod-data');
    new AuroraProvisionedCluster(stack, 'db', SECONDARY);
    expect(open(stack)).toEqual([expect.stringMatching(/^RDS-04 aws_rds_cluster\.\S+ manage_master_user_password$/)]);
  });

  test('a global primary has only the RDS-04 finding on manage_master_user_password, which the caller suppresses (AWS does not support it in a global database)', () => {
    const { stack, password } = globalPrimaryStack('sys-prod-data');
    new AuroraProvisionedCluster(stack, 'db', { ...BASE, secretKmsKeyArn: undefined, globalClusterIdentifier: 'sys-prod-global', masterPassword: { value: password.stringValue, version: 1 } });
    expect(open(stack)).toEqual([expect.stringMatching(/^RDS-04 aws_rds_cluster\.\S+ manage_master_user_password$/)]);
  });

  test('a single-instance prod cluster is an RDS-06 finding (suppress in dev only)', () => {
    const stack = stackOf('sys-prod-data');
    new AuroraProvisionedCluster(stack, 'db', { ...BASE, readerCount: 0 });
    expect(open(stack)).toEqual([expect.stringMatching(/^RDS-06 aws_rds_cluster\./)]);
  });
});

describe('offline terraform validate and plan against the real provider schema', () => {
  test('a global database: primary (write-only password) in us-east-1 and secondary in us-west-2', () => {
    const { stack, password } = globalPrimaryStack();
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'us_west_2' });
    const global = new RdsGlobalCluster(stack, 'global', { globalClusterIdentifier: 'sys-dev-global', engine: 'aurora-postgresql', engineVersion: '16.4', storageEncrypted: true, deletionProtection: false });
    const primary = new AuroraProvisionedCluster(stack, 'primary', {
      ...BASE,
      protect: false,
      secretKmsKeyArn: undefined,
      globalClusterIdentifier: global.id,
      masterPassword: { value: password.stringValue, version: 1 },
    });
    const secondary = new AuroraProvisionedCluster(stack, 'secondary', { ...SECONDARY, protect: false, globalClusterIdentifier: global.id, provider: west });
    // The secondary joins once the primary has a writer.
    secondary.cluster.dependsOn = [...(secondary.cluster.dependsOn ?? []), dependable(primary.instances[0])];
    expectOfflinePlan(synthJson(stack));
  });
});
