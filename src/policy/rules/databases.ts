import { COMPLIANT, NOT_APPLICABLE, block, blocks, collector, fail, flag, isRef, isSet, list, literal, num, verdict } from '../helpers';
import { PolicyContext, PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';
import { publicSubnetsIn } from './topology';

const DB = ['aws_db_instance', 'aws_rds_cluster'];

/** Aurora members inherit storage/backup settings from the cluster. */
function isClusterMember(resource: PolicyResource): boolean {
  return resource.type === 'aws_db_instance' && isSet(resource.body.cluster_identifier);
}

function privateSubnetGroup(group: PolicyResource, context: PolicyContext, attribute: string): { attribute: string; problem: string } | undefined {
  const exposed = publicSubnetsIn(group.body.subnet_ids, context);
  if (exposed.length === 0) return undefined;
  return { attribute, problem: `places the database in public subnets (${exposed.map((s) => s.address).join(', ')}); use the private data subnets` };
}

/** Where a PostgreSQL database takes its parameters from, per resource type. */
const PARAMETER_GROUP: Readonly<Record<string, { attribute: string; type: string }>> = {
  aws_rds_cluster: { attribute: 'db_cluster_parameter_group_name', type: 'aws_rds_cluster_parameter_group' },
  aws_db_instance: { attribute: 'parameter_group_name', type: 'aws_db_parameter_group' },
};
const LOGGED_STATEMENTS = ['ddl', 'mod', 'all'];

/** The parameter group a database refers to (by reference, or by a literal name of a group in the system). */
function parameterGroupOf(db: PolicyResource, context: PolicyContext): PolicyResource | undefined {
  const { attribute, type } = PARAMETER_GROUP[db.type];
  const value = db.body[attribute];
  const referenced = context.resolve(value).find((r) => r.type === type);
  if (referenced) return referenced;
  const name = literal(value);
  return name === undefined ? undefined : context.groupResources(type).find((g) => g.body.name === name);
}

/** `log_statement` of ddl/mod/all, or pgaudit loaded with `pgaudit.log` set: what a statement-logging group has. */
export function logsStatements(group: PolicyResource): boolean {
  const parameters = new Map(blocks(group.body.parameter).map((p) => [String(p.name ?? '').toLowerCase(), p.value]));
  const statement = parameters.get('log_statement');
  if (isRef(statement) || LOGGED_STATEMENTS.includes(String(statement ?? '').toLowerCase())) return true;
  const preload = String(parameters.get('shared_preload_libraries') ?? '').toLowerCase().split(',').map((l) => l.trim());
  const audit = parameters.get('pgaudit.log');
  return preload.includes('pgaudit') && isSet(audit) && String(audit).toLowerCase() !== 'none';
}

export const DATABASE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'RDS-01',
    title: 'Storage encrypted with a customer-managed KMS key',
    severity: 'high',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_96', 'CKV_AWS_327'], trivy: ['AVD-AWS-0079'], cdkNag: ['AwsSolutions-RDS2'], fsbp: ['RDS.27'] },
    appliesTo: DB,
    check(db) {
      if (isClusterMember(db)) return NOT_APPLICABLE;
      const c = collector();
      const serverlessV1 = db.body.engine_mode === 'serverless';
      c.expect(flag(db.body.storage_encrypted, serverlessV1), 'storage_encrypted', 'is not true; encrypt storage');
      c.expect(isSet(db.body.kms_key_id), 'kms_key_id', 'is not set (the AWS-managed aws/rds key is used); give a customer-managed key');
      return verdict(db, c.problems);
    },
  }),
  defineRule({
    id: 'RDS-02',
    title: 'Databases are not publicly accessible; subnet groups on private subnets',
    severity: 'high',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_17'], trivy: ['AVD-AWS-0180'], fsbp: ['RDS.2'] },
    appliesTo: ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_db_subnet_group'],
    check(resource, context) {
      const c = collector();
      if (resource.type === 'aws_db_subnet_group') {
        const problem = privateSubnetGroup(resource, context, 'subnet_ids');
        if (problem) c.problems.push(problem);
        return verdict(resource, c.problems);
      }
      c.expect(!flag(resource.body.publicly_accessible, false), 'publicly_accessible', 'is true; databases must not be reachable from the internet');
      return verdict(resource, c.problems);
    },
  }),
  defineRule({
    id: 'RDS-03',
    title: 'prod: deletion protection, final snapshot, backups 7+ days',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_139', 'CKV_AWS_133'], trivy: ['AVD-AWS-0343', 'AVD-AWS-0077'], cdkNag: ['AwsSolutions-RDS10'], fsbp: ['RDS.7'] },
    appliesTo: DB,
    check(db, context) {
      if (!context.stack.isProd || isClusterMember(db)) return NOT_APPLICABLE;
      const c = collector();
      c.expect(flag(db.body.deletion_protection, false), 'deletion_protection', 'is not true; protect prod databases from deletion');
      c.expect(!flag(db.body.skip_final_snapshot, false), 'skip_final_snapshot', 'is true; take a final snapshot (set final_snapshot_identifier)');
      const days = num(db.body.backup_retention_period);
      c.expect(isRef(db.body.backup_retention_period) || (days ?? 0) >= 7, 'backup_retention_period', `is ${days ?? 'absent (1 day)'}; keep backups 7+ days`);
      return verdict(db, c.problems);
    },
  }),
  defineRule({
    id: 'RDS-04',
    title: 'IAM database auth; managed master password, no literal password',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_162'], cdkNag: ['AwsSolutions-RDS6'], fsbp: ['RDS.12'] },
    appliesTo: DB,
    check(db) {
      if (isClusterMember(db) || isSet(db.body.replicate_source_db) || isSet(db.body.replication_source_identifier)) return NOT_APPLICABLE;
      const c = collector();
      c.expect(flag(db.body.iam_database_authentication_enabled, false), 'iam_database_authentication_enabled', 'is not true; enable IAM database authentication');
      c.expect(flag(db.body.manage_master_user_password, false), 'manage_master_user_password', 'is not true; let RDS keep the master password in Secrets Manager');
      const passwordAttribute = db.type === 'aws_db_instance' ? 'password' : 'master_password';
      const password = db.body[passwordAttribute];
      c.expect(password === undefined || isRef(password), passwordAttribute, 'is a literal; remove it (manage_master_user_password)');
      return verdict(db, c.problems);
    },
  }),
  defineRule({
    id: 'RDS-05',
    title: 'Database logs exported to CloudWatch',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_324', 'CKV_AWS_325'], fsbp: ['RDS.34', 'RDS.37'] },
    appliesTo: DB,
    check(db) {
      if (isClusterMember(db)) return NOT_APPLICABLE;
      if (isSet(db.body.enabled_cloudwatch_logs_exports)) return COMPLIANT;
      return fail(db, 'enabled_cloudwatch_logs_exports', 'is empty; export the engine logs (postgresql, audit/error/general/slowquery)');
    },
  }),
  defineRule({
    id: 'RDS-06',
    title: 'prod: 2+ cluster instances',
    severity: 'medium',
    pack: 'databases',
    mappings: { fsbp: ['RDS.15'] },
    appliesTo: ['aws_rds_cluster'],
    check(cluster, context) {
      if (!context.stack.isProd || cluster.body.engine_mode === 'serverless') return NOT_APPLICABLE;
      const members = context.referrers(cluster, 'aws_rds_cluster_instance', 'cluster_identifier').map((r) => r.resource);
      const count = members.reduce((n, m) => n + (isRef(m.body.count) ? 2 : num(m.body.count) ?? 1), 0);
      if (count >= 2) return COMPLIANT;
      return fail(cluster, 'aws_rds_cluster_instance', `has ${count} instance(s); run a writer and a reader in different AZs`);
    },
  }),
  defineRule({
    id: 'RDS-07',
    title: 'Performance Insights with KMS; enhanced monitoring (with its role; on in prod); auto minor upgrades',
    severity: 'low',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_118', 'CKV_AWS_353', 'CKV_AWS_354', 'CKV_AWS_226'], trivy: ['AVD-AWS-0133', 'AVD-AWS-0078'], fsbp: ['RDS.6', 'RDS.13'] },
    appliesTo: ['aws_db_instance', 'aws_rds_cluster_instance'],
    check(db, context) {
      const c = collector();
      c.expect(flag(db.body.performance_insights_enabled, false), 'performance_insights_enabled', 'is not true; enable Performance Insights');
      c.expect(isSet(db.body.performance_insights_kms_key_id), 'performance_insights_kms_key_id', 'is not set; encrypt Performance Insights with a customer-managed key');
      const interval = num(db.body.monitoring_interval) ?? 0;
      const monitored = interval > 0 || isRef(db.body.monitoring_interval);
      // prod: OS-level metrics (CKV_AWS_118) are what an incident needs; elsewhere only a role when it is on.
      if (context.stack.isProd) c.expect(monitored, 'monitoring_interval', `is ${interval} in prod; turn on Enhanced Monitoring (1-60 seconds) with a monitoring role`);
      if (monitored || context.stack.isProd) c.expect(isSet(db.body.monitoring_role_arn), 'monitoring_role_arn', monitored ? 'is not set although enhanced monitoring is on; give the monitoring role' : 'is not set; give the Enhanced Monitoring role');
      c.expect(flag(db.body.auto_minor_version_upgrade, true), 'auto_minor_version_upgrade', 'is false; take minor version upgrades automatically');
      return verdict(db, c.problems);
    },
  }),
  defineRule({
    id: 'RDS-08',
    title: 'Tags copied to snapshots',
    severity: 'low',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_313'], cdkNag: ['AwsSolutions-RDS11'], fsbp: ['RDS.16'] },
    appliesTo: DB,
    check(db) {
      if (isClusterMember(db)) return NOT_APPLICABLE;
      if (flag(db.body.copy_tags_to_snapshot, false)) return COMPLIANT;
      return fail(db, 'copy_tags_to_snapshot', 'is not true; copy tags to snapshots');
    },
  }),
  defineRule({
    id: 'RDS-09',
    title: 'RDS Proxy requires TLS and IAM auth, no debug logging',
    severity: 'medium',
    pack: 'databases',
    mappings: { fsbp: ['RDS.43'] },
    appliesTo: ['aws_db_proxy'],
    check(proxy) {
      const c = collector();
      c.expect(flag(proxy.body.require_tls, false), 'require_tls', 'is not true; require TLS');
      const auth = blocks(proxy.body.auth);
      c.expect(auth.length > 0 && auth.every((a) => a.iam_auth === 'REQUIRED'), 'auth.iam_auth', 'is not REQUIRED; require IAM authentication');
      c.expect(!flag(proxy.body.debug_logging, false), 'debug_logging', 'is true; debug logs capture SQL text, turn it off');
      return verdict(proxy, c.problems);
    },
  }),
  defineRule({
    id: 'RDS-10',
    title: 'PostgreSQL logs statements (log_statement ddl/mod/all or pgaudit) and exports the postgresql log',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV2_AWS_27', 'CKV2_AWS_30'] },
    appliesTo: DB,
    check(db, context) {
      const engine = literal(db.body.engine) ?? '';
      if (isClusterMember(db) || !/postgres/.test(engine)) return NOT_APPLICABLE;
      const c = collector();
      c.expect(list(db.body.enabled_cloudwatch_logs_exports).includes('postgresql') || isRef(db.body.enabled_cloudwatch_logs_exports), 'enabled_cloudwatch_logs_exports', 'does not include postgresql; export the PostgreSQL log to CloudWatch');
      const { attribute } = PARAMETER_GROUP[db.type];
      if (!isSet(db.body[attribute])) {
        c.problems.push({ attribute, problem: 'is not set (the default group logs no statements); use a parameter group with log_statement = ddl, or pgaudit' });
      } else {
        const group = parameterGroupOf(db, context);
        if (!group) c.problems.push({ attribute, problem: `names a group outside this system (${String(db.body[attribute])}); refer to a parameter group built here so its logging can be checked` });
        else c.expect(logsStatements(group), attribute, `refers to ${group.address}, which logs no statements; set log_statement to ddl (or mod/all), or load pgaudit with pgaudit.log`);
      }
      return verdict(db, c.problems);
    },
  }),
  defineRule({
    id: 'DDB-01',
    title: 'DynamoDB: PITR, deletion protection (prod), SSE with a customer-managed key',
    severity: 'medium',
    pack: 'databases',
    mappings: { checkov: ['CKV_AWS_28', 'CKV_AWS_119'], trivy: ['AVD-AWS-0024', 'AVD-AWS-0025'], cdkNag: ['AwsSolutions-DDB3'], fsbp: ['DynamoDB.2', 'DynamoDB.6'] },
    appliesTo: ['aws_dynamodb_table'],
    check(table, context) {
      const c = collector();
      c.expect(flag(block(table.body.point_in_time_recovery)?.enabled, false), 'point_in_time_recovery.enabled', 'is not true; enable point-in-time recovery');
      if (context.stack.isProd) c.expect(flag(table.body.deletion_protection_enabled, false), 'deletion_protection_enabled', 'is not true; protect prod tables from deletion');
      const sse = block(table.body.server_side_encryption);
      c.expect(!!sse && flag(sse.enabled, false) && isSet(sse.kms_key_arn), 'server_side_encryption', 'is not KMS with a customer-managed key; set { enabled = true, kms_key_arn }');
      return verdict(table, c.problems);
    },
  }),
];
