import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbProxy } from '@cdktf/provider-aws/lib/db-proxy';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { TerraformOutput, Testing } from 'cdktf';
import { add, expectCompliant, expectNotApplicable, expectViolation, ref, stackOf } from './harness';

const goodCluster = {
  engine: 'aurora-postgresql',
  storage_encrypted: true,
  kms_key_id: 'arn:kms',
  deletion_protection: true,
  skip_final_snapshot: false,
  final_snapshot_identifier: 'final',
  backup_retention_period: 7,
  iam_database_authentication_enabled: true,
  manage_master_user_password: true,
  enabled_cloudwatch_logs_exports: ['postgresql'],
  copy_tags_to_snapshot: true,
};

describe('RDS-01 encryption', () => {
  it('passes with storage_encrypted and a customer key', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsCluster, 'db', goodCluster);
    expectCompliant('RDS-01', stack, 'aws_rds_cluster.db');
  });
  it('fails unencrypted or with the AWS-managed key', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, DbInstance, 'db', { engine: 'postgres' });
    expectViolation('RDS-01', stack, 'aws_db_instance.db', 'storage_encrypted');
    expectViolation('RDS-01', stack, 'aws_db_instance.db', 'kms_key_id');
  });
});

describe('RDS-02 private databases', () => {
  it('passes for a private instance on private subnets (resolved through the network layer)', () => {
    const app = Testing.app();
    const network = stackOf('bidops-dev-network', app);
    const subnet = add(network, Subnet, 'data', { availability_zone: 'us-east-1a' });
    new TerraformOutput(network, 'private_data_subnet_ids', { value: [ref(subnet)], staticId: true });
    const data = stackOf('bidops-dev-data', app);
    data.addOverride('data.terraform_remote_state.network', { backend: 's3', config: { bucket: 'b', key: 'bidops/dev/network.tfstate', region: 'us-east-1' } });
    add(data, DbSubnetGroup, 'group', { subnet_ids: '${data.terraform_remote_state.network.outputs.private_data_subnet_ids}' });
    add(data, RdsClusterInstance, 'writer', { cluster_identifier: 'c', instance_class: 'db.r6g.large', publicly_accessible: false });
    expectCompliant('RDS-02', [data, network], 'aws_db_subnet_group.group');
    expectCompliant('RDS-02', data, 'aws_rds_cluster_instance.writer');
  });
  it('fails for a public instance and a subnet group on internet-routed subnets', () => {
    const stack = stackOf('bidops-dev-data');
    const igw = add(stack, InternetGateway, 'igw', { vpc_id: 'vpc-1' });
    const table = add(stack, RouteTable, 'public', { vpc_id: 'vpc-1' });
    add(stack, Route, 'default', { route_table_id: ref(table), destination_cidr_block: '0.0.0.0/0', gateway_id: ref(igw) });
    const subnet = add(stack, Subnet, 'public-subnet', { vpc_id: 'vpc-1' });
    add(stack, RouteTableAssociation, 'rta', { subnet_id: ref(subnet), route_table_id: ref(table) });
    add(stack, DbSubnetGroup, 'group', { subnet_ids: [ref(subnet)] });
    add(stack, DbInstance, 'db', { publicly_accessible: true });
    expectViolation('RDS-02', stack, 'aws_db_subnet_group.group', 'subnet_ids');
    expectViolation('RDS-02', stack, 'aws_db_instance.db', 'publicly_accessible');
  });
});

describe('RDS-03 prod protection', () => {
  it('passes in prod with protection, final snapshot and 7-day backups; n/a in dev', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, RdsCluster, 'db', goodCluster);
    expectCompliant('RDS-03', prod, 'aws_rds_cluster.db');
    const dev = stackOf('bidops-dev-data');
    add(dev, RdsCluster, 'db', { engine: 'aurora-postgresql' });
    expectNotApplicable('RDS-03', dev, 'aws_rds_cluster.db');
  });
  it('fails in prod with the defaults', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, RdsCluster, 'db', { engine: 'aurora-postgresql', skip_final_snapshot: true, backup_retention_period: 1 });
    for (const attribute of ['deletion_protection', 'skip_final_snapshot', 'backup_retention_period']) expectViolation('RDS-03', prod, 'aws_rds_cluster.db', attribute);
  });
});

describe('RDS-04 authentication', () => {
  it('passes with IAM auth and a managed master password', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsCluster, 'db', goodCluster);
    expectCompliant('RDS-04', stack, 'aws_rds_cluster.db');
  });
  it('fails with a literal password and no IAM auth', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsCluster, 'db', { engine: 'aurora-postgresql', master_password: 'hunter2hunter2' });
    for (const attribute of ['iam_database_authentication_enabled', 'manage_master_user_password', 'master_password']) expectViolation('RDS-04', stack, 'aws_rds_cluster.db', attribute);
  });
});

describe('RDS-05 log exports', () => {
  it('passes with exports', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsCluster, 'db', goodCluster);
    expectCompliant('RDS-05', stack, 'aws_rds_cluster.db');
  });
  it('fails without', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsCluster, 'db', { engine: 'aurora-postgresql' });
    expectViolation('RDS-05', stack, 'aws_rds_cluster.db', 'enabled_cloudwatch_logs_exports');
  });
});

describe('RDS-06 prod instance count', () => {
  it('passes with 2 instances in prod', () => {
    const stack = stackOf('bidops-prod-data');
    const cluster = add(stack, RdsCluster, 'db', goodCluster);
    add(stack, RdsClusterInstance, 'writer', { cluster_identifier: ref(cluster) });
    add(stack, RdsClusterInstance, 'reader', { cluster_identifier: ref(cluster) });
    expectCompliant('RDS-06', stack, 'aws_rds_cluster.db');
  });
  it('fails with 1 instance in prod', () => {
    const stack = stackOf('bidops-prod-data');
    const cluster = add(stack, RdsCluster, 'db', goodCluster);
    add(stack, RdsClusterInstance, 'writer', { cluster_identifier: ref(cluster) });
    expectViolation('RDS-06', stack, 'aws_rds_cluster.db', 'aws_rds_cluster_instance');
  });
});

describe('RDS-07 insights and monitoring', () => {
  it('passes with Performance Insights on a customer key and a monitoring role', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsClusterInstance, 'i', { performance_insights_enabled: true, performance_insights_kms_key_id: 'arn:kms', monitoring_interval: 60, monitoring_role_arn: 'arn:role' });
    expectCompliant('RDS-07', stack, 'aws_rds_cluster_instance.i');
  });
  it('fails without insights, with monitoring but no role, and with auto upgrades off', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsClusterInstance, 'i', { monitoring_interval: 60, auto_minor_version_upgrade: false });
    for (const attribute of ['performance_insights_enabled', 'performance_insights_kms_key_id', 'monitoring_role_arn', 'auto_minor_version_upgrade']) expectViolation('RDS-07', stack, 'aws_rds_cluster_instance.i', attribute);
  });
});

describe('RDS-08 tags to snapshots', () => {
  it('passes with copy_tags_to_snapshot', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, DbInstance, 'db', { copy_tags_to_snapshot: true });
    expectCompliant('RDS-08', stack, 'aws_db_instance.db');
  });
  it('fails by default', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, DbInstance, 'db', {});
    expectViolation('RDS-08', stack, 'aws_db_instance.db', 'copy_tags_to_snapshot');
  });
});

describe('RDS-09 proxy', () => {
  it('passes with TLS and IAM auth required', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, DbProxy, 'proxy', { require_tls: true, auth: [{ iam_auth: 'REQUIRED', secret_arn: 'arn' }] });
    expectCompliant('RDS-09', stack, 'aws_db_proxy.proxy');
  });
  it('fails with debug logging and optional auth', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, DbProxy, 'proxy', { debug_logging: true, auth: [{ iam_auth: 'DISABLED' }] });
    for (const attribute of ['require_tls', 'auth.iam_auth', 'debug_logging']) expectViolation('RDS-09', stack, 'aws_db_proxy.proxy', attribute);
  });
});

describe('DDB-01 DynamoDB', () => {
  it('passes with PITR, deletion protection in prod and a customer key', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, DynamodbTable, 't', { point_in_time_recovery: { enabled: true }, deletion_protection_enabled: true, server_side_encryption: { enabled: true, kms_key_arn: 'arn:kms' } });
    expectCompliant('DDB-01', stack, 'aws_dynamodb_table.t');
  });
  it('fails with the defaults in prod', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, DynamodbTable, 't', {});
    for (const attribute of ['point_in_time_recovery.enabled', 'deletion_protection_enabled', 'server_side_encryption']) expectViolation('DDB-01', stack, 'aws_dynamodb_table.t', attribute);
  });
});

describe('RDS-07 enhanced monitoring in prod (CKV_AWS_118)', () => {
  it('passes in prod with an interval and a role; dev may leave monitoring off', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, RdsClusterInstance, 'i', { performance_insights_enabled: true, performance_insights_kms_key_id: 'arn:kms', monitoring_interval: 60, monitoring_role_arn: 'arn:role' });
    expectCompliant('RDS-07', prod, 'aws_rds_cluster_instance.i');
    const dev = stackOf('bidops-dev-data');
    add(dev, RdsClusterInstance, 'i', { performance_insights_enabled: true, performance_insights_kms_key_id: 'arn:kms' });
    expectCompliant('RDS-07', dev, 'aws_rds_cluster_instance.i');
  });
  it('fails in prod with monitoring off (interval 0 or absent) and no role', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, RdsClusterInstance, 'off', { performance_insights_enabled: true, performance_insights_kms_key_id: 'arn:kms', monitoring_interval: 0 });
    add(prod, DbInstance, 'absent', { performance_insights_enabled: true, performance_insights_kms_key_id: 'arn:kms' });
    for (const address of ['aws_rds_cluster_instance.off', 'aws_db_instance.absent']) {
      expectViolation('RDS-07', prod, address, 'monitoring_interval');
      expectViolation('RDS-07', prod, address, 'monitoring_role_arn');
    }
  });
});

describe('RDS-10 PostgreSQL statement logging (CKV2_AWS_27)', () => {
  const parameters = (entries: Record<string, string>) => Object.entries(entries).map(([name, value]) => ({ name, value }));
  it('passes with log_statement ddl (by reference), pgaudit (by literal name), and the postgresql log exported', () => {
    const stack = stackOf('bidops-prod-data');
    const ddl = add(stack, RdsClusterParameterGroup, 'ddl', { family: 'aurora-postgresql16', parameter: parameters({ 'rds.force_ssl': '1', log_statement: 'ddl' }) });
    add(stack, RdsCluster, 'db', { ...goodCluster, db_cluster_parameter_group_name: ref(ddl, 'name') });
    expectCompliant('RDS-10', stack, 'aws_rds_cluster.db');
    add(stack, DbParameterGroup, 'audit', { name: 'audit-pg16', family: 'postgres16', parameter: parameters({ shared_preload_libraries: 'pg_stat_statements,pgaudit', 'pgaudit.log': 'ddl,role' }) });
    add(stack, DbInstance, 'single', { engine: 'postgres', parameter_group_name: 'audit-pg16', enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] });
    expectCompliant('RDS-10', stack, 'aws_db_instance.single');
  });
  it('is not applicable to MySQL engines and cluster members', () => {
    const stack = stackOf('bidops-prod-data');
    add(stack, RdsCluster, 'mysql', { engine: 'aurora-mysql' });
    add(stack, DbInstance, 'member', { engine: 'aurora-postgresql', cluster_identifier: 'c' });
    expectNotApplicable('RDS-10', stack, 'aws_rds_cluster.mysql');
    expectNotApplicable('RDS-10', stack, 'aws_db_instance.member');
  });
  it('fails with the default group, a group that logs none or only slow statements, an unknown group, or no postgresql export', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, RdsCluster, 'default', { engine: 'aurora-postgresql', enabled_cloudwatch_logs_exports: ['postgresql'] });
    expectViolation('RDS-10', stack, 'aws_rds_cluster.default', 'db_cluster_parameter_group_name');
    const slow = add(stack, RdsClusterParameterGroup, 'slow', { family: 'aurora-postgresql16', parameter: parameters({ log_statement: 'none', log_min_duration_statement: '1000' }) });
    add(stack, RdsCluster, 'slow-only', { engine: 'aurora-postgresql', enabled_cloudwatch_logs_exports: ['postgresql'], db_cluster_parameter_group_name: ref(slow, 'name') });
    expectViolation('RDS-10', stack, 'aws_rds_cluster.slow-only', 'db_cluster_parameter_group_name');
    const half = add(stack, RdsClusterParameterGroup, 'half-audit', { family: 'aurora-postgresql16', parameter: parameters({ 'pgaudit.log': 'all' }) });
    add(stack, RdsCluster, 'not-loaded', { engine: 'aurora-postgresql', enabled_cloudwatch_logs_exports: ['postgresql'], db_cluster_parameter_group_name: ref(half, 'name') });
    expectViolation('RDS-10', stack, 'aws_rds_cluster.not-loaded', 'db_cluster_parameter_group_name');
    add(stack, RdsCluster, 'external', { engine: 'aurora-postgresql', enabled_cloudwatch_logs_exports: ['postgresql'], db_cluster_parameter_group_name: 'someone-elses' });
    expectViolation('RDS-10', stack, 'aws_rds_cluster.external', 'db_cluster_parameter_group_name');
    const ddl = add(stack, RdsClusterParameterGroup, 'ddl', { family: 'aurora-postgresql16', parameter: parameters({ log_statement: 'ddl' }) });
    add(stack, RdsCluster, 'no-export', { engine: 'aurora-postgresql', db_cluster_parameter_group_name: ref(ddl, 'name') });
    expectViolation('RDS-10', stack, 'aws_rds_cluster.no-export', 'enabled_cloudwatch_logs_exports');
  });
});

describe('BAK-01 prod clusters in an AWS Backup plan', () => {
  const { BackupSelection } = require('@cdktf/provider-aws/lib/backup-selection') as typeof import('@cdktf/provider-aws/lib/backup-selection');
  const { BACKUP_RULES } = require('../../src/policy/rules/backup') as typeof import('../../src/policy/rules/backup');
  const { StackContext, groupStacks } = require('../../src/policy/context') as typeof import('../../src/policy/context');
  const { doc } = require('./harness') as typeof import('./harness');
  // BAK-01 looks across the stacks of a system/env, so the check runs on a grouped model directly.
  const check = (stacks: ReturnType<typeof stackOf>[], address: string) => {
    const grouped = groupStacks(stacks.map(doc));
    const { model, group } = grouped.find((g) => g.model.name === stacks[0].node.id)!;
    return BACKUP_RULES[0].check(model.byAddress.get(address)!, new StackContext(model, group));
  };
  const expectCompliant = (_id: string, s: ReturnType<typeof stackOf> | ReturnType<typeof stackOf>[], address: string) => expect(check(Array.isArray(s) ? s : [s], address)).toEqual({ status: 'compliant' });
  const expectNotApplicable = (_id: string, s: ReturnType<typeof stackOf>, address: string) => expect(check([s], address)).toEqual({ status: 'not-applicable' });
  const expectViolation = (_id: string, s: ReturnType<typeof stackOf>, address: string, attribute: string) => {
    const result = check([s], address);
    expect(result).toMatchObject({ status: 'non-compliant', attribute });
  };
  it('treats a global database secondary as covered by its selected primary', () => {
    const app = Testing.app();
    const prod = stackOf('bidops-prod-data', app);
    const primary = add(prod, RdsCluster, 'primary', { ...goodCluster, global_cluster_identifier: 'g1' });
    add(prod, RdsCluster, 'secondary', { ...goodCluster, global_cluster_identifier: 'g1' });
    add(prod, RdsCluster, 'lonely', { ...goodCluster, global_cluster_identifier: 'g2' });
    add(prod, BackupSelection, 'sel', { name: 'sel', iam_role_arn: 'arn:role', plan_id: 'p', resources: [ref(primary, 'arn')] });
    expectCompliant('BAK-01', prod, 'aws_rds_cluster.secondary');
    expectViolation('BAK-01', prod, 'aws_rds_cluster.lonely', 'aws_backup_selection');
  });
  it('passes when a selection in another layer of the env names the cluster; n/a outside prod', () => {
    const app = Testing.app();
    const data = stackOf('bidops-prod-data', app);
    const cluster = add(data, RdsCluster, 'db', { ...goodCluster, cluster_identifier: 'bidops-prod-aurora' });
    add(data, BackupSelection, 'same', { name: 'sel', iam_role_arn: 'arn:role', plan_id: 'p', resources: [ref(cluster, 'arn')] });
    expectCompliant('BAK-01', data, 'aws_rds_cluster.db');
    const other = stackOf('bidops-prod-data', Testing.app());
    add(other, RdsCluster, 'db', { ...goodCluster, cluster_identifier: 'bidops-prod-aurora' });
    const backup = stackOf('bidops-prod-ai', Testing.app());
    add(backup, BackupSelection, 'pattern', { name: 'sel', iam_role_arn: 'arn:role', plan_id: 'p', resources: ['arn:aws:rds:us-east-1:111122223333:cluster:bidops-prod-*'] });
    expectCompliant('BAK-01', [other, backup], 'aws_rds_cluster.db');
    const dev = stackOf('bidops-dev-data');
    add(dev, RdsCluster, 'db', goodCluster);
    expectNotApplicable('BAK-01', dev, 'aws_rds_cluster.db');
  });
  it('fails in prod when no selection names the cluster', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, RdsCluster, 'db', { ...goodCluster, cluster_identifier: 'bidops-prod-aurora' });
    add(prod, BackupSelection, 'tables', { name: 'sel', iam_role_arn: 'arn:role', plan_id: 'p', resources: ['arn:aws:dynamodb:us-east-1:111122223333:table/t'] });
    expectViolation('BAK-01', prod, 'aws_rds_cluster.db', 'aws_backup_selection');
  });
});
