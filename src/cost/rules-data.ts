import { qty, unitPrice, usd } from './money';
import { assumed, blockOf, blocksOf, hourly, num, perUnit, plus } from './rule-helpers';
import { ResourceRef } from './stack-model';
import { CostPart, CostRule, RuleContext, RuleResult } from './types';

const IO_OPTIMIZED = 'aurora-iopt1';

/** vCPUs of an RDS instance class from its size (`db.r6g.large` -> 2, `db.r6g.4xlarge` -> 16). */
export function dbInstanceVcpus(instanceClass: string): number {
  const size = instanceClass.split('.').pop() ?? '';
  if (size === 'xlarge') return 4;
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return 4 * Number(multiple[1]);
  return 2; // micro, small, medium and large classes bill the RDS Proxy minimum of 2 vCPUs anyway
}

function scaling(cluster?: ResourceRef): { min: number; max: number; pause?: number } {
  const config = blockOf(cluster?.body.serverlessv2_scaling_configuration) ?? {};
  return { min: num(config.min_capacity, 0.5), max: num(config.max_capacity, 1), pause: config.seconds_until_auto_pause === undefined ? undefined : num(config.seconds_until_auto_pause, 300) };
}

function auroraInstance(ctx: RuleContext): RuleResult {
  const cluster = ctx.stack.ref(ctx.body.cluster_identifier);
  const ioOptimized = cluster?.body.storage_type === IO_OPTIMIZED;
  const instanceClass = String(ctx.body.instance_class ?? '');
  const notes: string[] = [];
  if (!cluster) notes.push('cluster not in this stack; Aurora Standard and serverless range 0.5-1 ACU assumed');
  if (String(ctx.body.engine ?? cluster?.body.engine ?? '').includes('mysql')) notes.push('priced at the Aurora PostgreSQL rate in the table');
  if (instanceClass === 'db.serverless') {
    const { min, max, pause } = scaling(cluster);
    const acuId = ioOptimized ? 'aurora.serverless-v2.io-optimized.acu-hour' : 'aurora.serverless-v2.acu-hour';
    const a = ctx.assumptions;
    const ceiling = max * a.hoursPerMonth * ctx.price(acuId);
    notes.push(`serverless v2 range ${qty(min)}-${qty(max)} ACU: at most ${usd(ceiling)}/month per instance at ${qty(max)} ACU`);
    if (pause !== undefined && min === 0) notes.push(`auto-pauses after ${pause} s idle`);
    return {
      kind: 'Aurora Serverless v2 instance',
      fixed: { ...hourly(ctx, acuId, min, 'ACU floor'), detail: `${qty(min)} ACU floor x ${qty(a.hoursPerMonth)} h x ${unitPrice(ctx.price(acuId))}/ACU-h` },
      usage: assumed(`${qty(a.auroraServerlessExtraAcu)} ACU above the floor for ${qty(a.auroraServerlessBusyHours)} busy h`, {
        monthly: a.auroraServerlessExtraAcu * a.auroraServerlessBusyHours * ctx.price(acuId),
        detail: `${qty(a.auroraServerlessExtraAcu)} ACU x ${qty(a.auroraServerlessBusyHours)} h x ${unitPrice(ctx.price(acuId))}/ACU-h`,
      }),
      notes,
    };
  }
  const base = hourly(ctx, `aurora.instance.${instanceClass}.hour`, 1, instanceClass);
  if (!ioOptimized) return { kind: 'Aurora instance', fixed: base, notes };
  const factor = ctx.price('aurora.io-optimized.instance.factor');
  return { kind: 'Aurora instance', fixed: { monthly: base.monthly * factor, detail: `${base.detail} x ${qty(factor)} (I/O-Optimized)` }, notes };
}

function auroraStorage(ctx: RuleContext): RuleResult {
  const a = ctx.assumptions;
  if (ctx.body.storage_type === IO_OPTIMIZED) {
    return { usage: assumed(`${a.auroraStorageGb} GB stored (I/O-Optimized, no I/O charge)`, perUnit(ctx, 'aurora.storage.io-optimized.gb-month', a.auroraStorageGb, 'GB')) };
  }
  return {
    usage: assumed(
      `${a.auroraStorageGb} GB stored and ${a.auroraIoMillions}M I/O requests`,
      plus(perUnit(ctx, 'aurora.storage.gb-month', a.auroraStorageGb, 'GB'), perUnit(ctx, 'aurora.io.million', a.auroraIoMillions * 1e6, 'I/Os', 1e6))!,
    ),
  };
}

function rdsProxy(ctx: RuleContext): RuleResult {
  const self: ResourceRef = { type: ctx.type, name: ctx.name, body: ctx.body };
  const target = ctx.stack.referrers('aws_db_proxy_target', self, 'db_proxy_name')[0];
  const cluster = target ? ctx.stack.ref(target.body.db_cluster_identifier) : undefined;
  if (!cluster) return { fixed: hourly(ctx, 'rds-proxy.vcpu-hour', 2, 'vCPU (minimum)'), notes: ['target cluster not found in this stack; the 2 vCPU minimum assumed'] };
  const instances = ctx.stack.referrers('aws_rds_cluster_instance', cluster, 'cluster_identifier');
  const serverless = instances.filter((i) => i.body.instance_class === 'db.serverless');
  const provisioned = instances.filter((i) => i.body.instance_class !== 'db.serverless');
  const parts: CostPart[] = [];
  if (provisioned.length > 0) {
    const vcpus = provisioned.reduce((n, i) => n + dbInstanceVcpus(String(i.body.instance_class)), 0);
    parts.push(hourly(ctx, 'rds-proxy.vcpu-hour', Math.max(2, vcpus), `vCPU of ${provisioned.length} instance(s)${vcpus < 2 ? ' (minimum 2)' : ''}`));
  }
  if (serverless.length > 0) {
    const acu = serverless.length * scaling(cluster).min;
    parts.push(hourly(ctx, 'rds-proxy.acu-hour', Math.max(8, acu), `ACU${acu < 8 ? ' (minimum 8)' : ''}`));
  }
  return { fixed: plus(...parts) ?? hourly(ctx, 'rds-proxy.vcpu-hour', 2, 'vCPU (minimum)') };
}

function dynamodbTable(ctx: RuleContext): RuleResult {
  const a = ctx.assumptions;
  const b = ctx.body;
  const replicas = blocksOf(b.replica).length;
  const pitr = blockOf(b.point_in_time_recovery)?.enabled === true;
  const notes: string[] = [];
  if (b.table_class === 'STANDARD_INFREQUENT_ACCESS') notes.push('Standard-IA table class priced as Standard');
  let fixed: CostPart | undefined;
  const requests: CostPart[] = [];
  if (String(b.billing_mode ?? 'PROVISIONED') === 'PROVISIONED') {
    const indexes = blocksOf(b.global_secondary_index);
    const rcu = num(b.read_capacity, 0) + indexes.reduce((n, g) => n + num(g.read_capacity, 0), 0);
    const wcu = num(b.write_capacity, 0) + indexes.reduce((n, g) => n + num(g.write_capacity, 0), 0);
    fixed = plus(
      hourly(ctx, 'dynamodb.provisioned.rcu-hour', rcu, 'RCU'),
      hourly(ctx, 'dynamodb.provisioned.wcu-hour', wcu, 'WCU'),
      replicas > 0 ? hourly(ctx, 'dynamodb.provisioned.replicated-wcu-hour', wcu * replicas, 'replicated WCU') : undefined,
    );
    notes.push('provisioned capacity priced as configured (auto scaling may move it)');
  } else {
    requests.push(
      perUnit(ctx, 'dynamodb.on-demand.write.million', a.dynamodbWriteMillions * 1e6, 'writes', 1e6),
      perUnit(ctx, 'dynamodb.on-demand.read.million', a.dynamodbReadMillions * 1e6, 'reads', 1e6),
    );
    if (replicas > 0) requests.push(perUnit(ctx, 'dynamodb.on-demand.replicated-write.million', a.dynamodbWriteMillions * 1e6 * replicas, 'replicated writes', 1e6));
  }
  const copies = 1 + replicas;
  const storage = plus(
    perUnit(ctx, 'dynamodb.storage.gb-month', a.dynamodbStorageGb * copies, 'GB'),
    pitr ? perUnit(ctx, 'dynamodb.pitr.gb-month', a.dynamodbStorageGb * copies, 'GB PITR', 1, 'GB') : undefined,
  );
  const onDemand = requests.length ? `${a.dynamodbWriteMillions}M writes, ${a.dynamodbReadMillions}M reads, ` : '';
  return {
    kind: fixed ? 'DynamoDB table (provisioned)' : 'DynamoDB table (on-demand)',
    fixed,
    usage: assumed(`${onDemand}${a.dynamodbStorageGb} GB per copy${replicas ? ` (${copies} regions)` : ''}`, plus(...requests, storage)!),
    notes,
  };
}

function opensearchDomain(ctx: RuleContext): RuleResult {
  const cluster = blockOf(ctx.body.cluster_config) ?? {};
  const ebs = blockOf(ctx.body.ebs_options) ?? {};
  const dataType = String(cluster.instance_type ?? 'm6g.large.search');
  const dataCount = num(cluster.instance_count, 1);
  const notes: string[] = [];
  const parts: (CostPart | undefined)[] = [hourly(ctx, `opensearch.instance.${dataType}.hour`, dataCount, dataType)];
  if (cluster.dedicated_master_enabled === true) {
    const type = String(cluster.dedicated_master_type ?? dataType);
    parts.push(hourly(ctx, `opensearch.instance.${type}.hour`, num(cluster.dedicated_master_count, 3), `${type} (master)`));
  }
  if (cluster.warm_enabled === true) {
    const type = String(cluster.warm_type ?? '');
    parts.push(hourly(ctx, `opensearch.instance.${type}.hour`, num(cluster.warm_count, 2), `${type} (warm)`));
  }
  if (ebs.ebs_enabled !== false && ebs.volume_size !== undefined) {
    if (String(ebs.volume_type ?? 'gp3') !== 'gp3') notes.push(`${ebs.volume_type} volumes priced as gp3`);
    if (num(ebs.iops, 3000) > 3000 || num(ebs.throughput, 125) > 125) notes.push('gp3 IOPS/throughput above the included 3,000/125 not priced');
    parts.push(perUnit(ctx, 'opensearch.gp3.gb-month', num(ebs.volume_size, 10) * dataCount, 'GB gp3', 1, 'GB-month'));
  }
  return { fixed: plus(...parts), notes };
}

function elasticacheNodes(ctx: RuleContext, nodes: number): RuleResult {
  const nodeType = String(ctx.body.node_type ?? '');
  const base = hourly(ctx, `elasticache.node.${nodeType}.hour`, nodes, nodeType);
  const a = ctx.assumptions;
  const usage = num(ctx.body.snapshot_retention_limit, 0) > 0 ? assumed(`${a.elasticacheBackupGb} GB of snapshots`, perUnit(ctx, 'elasticache.backup.gb-month', a.elasticacheBackupGb, 'GB')) : undefined;
  if (String(ctx.body.engine ?? 'redis') !== 'valkey') return { fixed: base, usage };
  const factor = ctx.price('elasticache.valkey.factor');
  return { fixed: { monthly: base.monthly * factor, detail: `${base.detail} x ${qty(factor)} (Valkey)` }, usage };
}

export const DATA_RULES: Record<string, CostRule> = {
  aws_rds_cluster_instance: { class: 'priced', kind: 'Aurora instance', estimate: auroraInstance },
  aws_rds_cluster: { class: 'usage', kind: 'Aurora storage and I/O', estimate: auroraStorage },
  aws_rds_global_cluster: {
    class: 'usage',
    kind: 'Aurora global database replication',
    estimate: (ctx) => {
      const a = ctx.assumptions;
      const members = ctx.stack.referrers('aws_rds_cluster', { type: ctx.type, name: ctx.name, body: ctx.body }, 'global_cluster_identifier').length;
      const secondaries = Math.max(1, members - 1);
      return { usage: assumed(`${a.auroraGlobalReplicatedIoMillions}M replicated write I/Os to ${secondaries} secondary region(s)`, perUnit(ctx, 'aurora.global.replicated-io.million', a.auroraGlobalReplicatedIoMillions * 1e6 * secondaries, 'I/Os', 1e6)) };
    },
  },
  aws_db_proxy: { class: 'priced', kind: 'RDS Proxy', estimate: rdsProxy },
  aws_dynamodb_table: { class: 'priced', kind: 'DynamoDB table', estimate: dynamodbTable },
  aws_opensearch_domain: { class: 'priced', kind: 'OpenSearch domain', estimate: opensearchDomain },
  aws_opensearchserverless_collection: {
    class: 'priced',
    kind: 'OpenSearch Serverless collection',
    estimate: (ctx) => {
      const standby = String(ctx.body.standby_replicas ?? 'ENABLED') === 'ENABLED';
      const ocu = standby ? 2 : 1;
      const a = ctx.assumptions;
      return {
        fixed: hourly(ctx, 'opensearch.serverless.ocu-hour', ocu, `OCU floor (${standby ? 'with' : 'without'} standby replicas)`),
        usage: assumed(`${a.opensearchServerlessStorageGb} GB indexed`, perUnit(ctx, 'opensearch.serverless.storage.gb-month', a.opensearchServerlessStorageGb, 'GB')),
        notes: ['the OCU floor is shared by collections with the same KMS key in one account and region; priced per collection'],
      };
    },
  },
  aws_elasticache_replication_group: {
    class: 'priced',
    kind: 'ElastiCache nodes',
    estimate: (ctx) => {
      const b = ctx.body;
      const nodes = b.num_cache_clusters !== undefined ? num(b.num_cache_clusters, 1) : num(b.num_node_groups, 1) * (num(b.replicas_per_node_group, 0) + 1);
      return elasticacheNodes(ctx, nodes);
    },
  },
  aws_elasticache_cluster: {
    class: 'priced',
    kind: 'ElastiCache nodes',
    estimate: (ctx) => (ctx.body.replication_group_id && !ctx.body.node_type ? { free: 'member of a replication group priced there' } : elasticacheNodes(ctx, num(ctx.body.num_cache_nodes, 1))),
  },
  aws_s3_bucket: {
    class: 'usage',
    kind: 'S3 storage',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.s3StorageGbPerBucket} GB in S3 Standard`, perUnit(ctx, 's3.standard.gb-month', ctx.assumptions.s3StorageGbPerBucket, 'GB')) }),
  },
  aws_s3_bucket_replication_configuration: {
    class: 'usage',
    kind: 'S3 replication transfer',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.s3ReplicatedGb} GB replicated to another region`, perUnit(ctx, 's3.replication.inter-region.gb', ctx.assumptions.s3ReplicatedGb, 'GB')) }),
  },
  aws_backup_vault: {
    class: 'usage',
    kind: 'AWS Backup storage',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.backupGbPerVault} GB of warm backups`, perUnit(ctx, 'backup.warm.gb-month', ctx.assumptions.backupGbPerVault, 'GB')) }),
  },
  aws_athena_workgroup: {
    class: 'usage',
    kind: 'Athena queries',
    estimate: (ctx) => ({ usage: assumed(`${qty(ctx.assumptions.athenaTbScanned)} TB scanned`, perUnit(ctx, 'athena.scanned.tb', ctx.assumptions.athenaTbScanned, 'TB')) }),
  },
};
