import { NOT_APPLICABLE, collector, flag, isRef, isSet, num, verdict } from '../helpers';
import { PolicyRule } from '../types';
import { defineRule } from './define';
import { publicSubnetsIn } from './topology';

const GROUP = 'aws_elasticache_replication_group';
const CLUSTER = 'aws_elasticache_cluster';
const SERVERLESS = 'aws_elasticache_serverless_cache';

export const CACHE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'EC-01',
    title: 'ElastiCache at-rest (KMS) and in-transit encryption, auth token or user groups',
    severity: 'high',
    pack: 'caches',
    mappings: { checkov: ['CKV_AWS_29', 'CKV_AWS_191', 'CKV_AWS_30', 'CKV_AWS_31'], trivy: ['AVD-AWS-0045', 'AVD-AWS-0051'], cdkNag: ['AwsSolutions-AEC3', 'AwsSolutions-AEC6'], fsbp: ['ElastiCache.4', 'ElastiCache.5', 'ElastiCache.6'] },
    appliesTo: [GROUP, CLUSTER, SERVERLESS],
    check(cache) {
      const c = collector();
      if (cache.type === CLUSTER) {
        if (isSet(cache.body.replication_group_id)) return NOT_APPLICABLE;
        c.expect(false, 'engine', 'is a standalone cache cluster, which cannot encrypt at rest with KMS or require auth; use an aws_elasticache_replication_group');
        return verdict(cache, c.problems);
      }
      if (cache.type === SERVERLESS) {
        c.expect(isSet(cache.body.kms_key_id), 'kms_key_id', 'is not set; encrypt with a customer-managed key');
        c.expect(isSet(cache.body.user_group_id) || cache.body.engine === 'memcached', 'user_group_id', 'is not set; require authentication with a user group');
        return verdict(cache, c.problems);
      }
      c.expect(flag(cache.body.at_rest_encryption_enabled, false), 'at_rest_encryption_enabled', 'is not true; encrypt at rest');
      c.expect(isSet(cache.body.kms_key_id), 'kms_key_id', 'is not set; use a customer-managed key');
      c.expect(flag(cache.body.transit_encryption_enabled, false), 'transit_encryption_enabled', 'is not true; require TLS');
      c.expect(isSet(cache.body.auth_token) || isSet(cache.body.user_group_ids), 'user_group_ids', 'and auth_token are both unset; require authentication (RBAC user groups preferred)');
      return verdict(cache, c.problems);
    },
  }),
  defineRule({
    id: 'EC-02',
    title: 'ElastiCache automatic failover, multi-AZ, 2+ nodes',
    severity: 'medium',
    pack: 'caches',
    mappings: { checkov: ['CKV2_AWS_50'], cdkNag: ['AwsSolutions-AEC4'], fsbp: ['ElastiCache.3'] },
    appliesTo: [GROUP, CLUSTER],
    check(cache) {
      const c = collector();
      if (cache.type === CLUSTER) {
        if (isSet(cache.body.replication_group_id)) return NOT_APPLICABLE;
        const nodes = num(cache.body.num_cache_nodes) ?? 1;
        c.expect(nodes >= 2 && cache.body.az_mode === 'cross-az', 'num_cache_nodes', `is ${nodes} in ${cache.body.az_mode ?? 'single-az'}; run 2+ nodes across AZs (or a replication group with failover)`);
        return verdict(cache, c.problems);
      }
      c.expect(flag(cache.body.automatic_failover_enabled, false), 'automatic_failover_enabled', 'is not true; enable automatic failover');
      c.expect(flag(cache.body.multi_az_enabled, false), 'multi_az_enabled', 'is not true; place replicas in other AZs');
      const nodes = num(cache.body.num_cache_clusters);
      const replicas = num(cache.body.replicas_per_node_group);
      const enough = isRef(cache.body.num_cache_clusters) || (nodes ?? 0) >= 2 || (replicas ?? 0) >= 1;
      c.expect(enough, 'num_cache_clusters', `is ${nodes ?? 1}; run 2+ nodes (a primary and a replica)`);
      return verdict(cache, c.problems);
    },
  }),
  defineRule({
    id: 'EC-03',
    title: 'ElastiCache snapshots retained; auto minor upgrades; private subnet group',
    severity: 'low',
    pack: 'caches',
    mappings: { cdkNag: ['AwsSolutions-AEC1'], fsbp: ['ElastiCache.1', 'ElastiCache.2', 'ElastiCache.7'] },
    appliesTo: [GROUP, CLUSTER, 'aws_elasticache_subnet_group'],
    check(cache, context) {
      const c = collector();
      if (cache.type === 'aws_elasticache_subnet_group') {
        const exposed = publicSubnetsIn(cache.body.subnet_ids, context);
        c.expect(exposed.length === 0, 'subnet_ids', `include public subnets (${exposed.map((s) => s.address).join(', ')}); use private subnets`);
        return verdict(cache, c.problems);
      }
      if (cache.type === CLUSTER && isSet(cache.body.replication_group_id)) return NOT_APPLICABLE;
      const memcached = cache.body.engine === 'memcached';
      if (!memcached) {
        const days = num(cache.body.snapshot_retention_limit);
        c.expect(isRef(cache.body.snapshot_retention_limit) || (days ?? 0) > 0, 'snapshot_retention_limit', `is ${days ?? 0}; retain automatic snapshots (1+ days)`);
      }
      c.expect(flag(cache.body.auto_minor_version_upgrade, true), 'auto_minor_version_upgrade', 'is false; take minor upgrades automatically');
      c.expect(isSet(cache.body.subnet_group_name), 'subnet_group_name', 'is not set (the default subnet group may be public); use a subnet group of private subnets');
      return verdict(cache, c.problems);
    },
  }),
];

