import { ElasticacheCluster } from '@cdktf/provider-aws/lib/elasticache-cluster';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { OpensearchDomain } from '@cdktf/provider-aws/lib/opensearch-domain';
import { OpensearchDomainPolicy } from '@cdktf/provider-aws/lib/opensearch-domain-policy';
import { OpensearchserverlessCollection } from '@cdktf/provider-aws/lib/opensearchserverless-collection';
import { OpensearchserverlessSecurityPolicy } from '@cdktf/provider-aws/lib/opensearchserverless-security-policy';
import { add, expectCompliant, expectNotApplicable, expectViolation, json, ref, stackOf } from './harness';

const goodGroup = {
  at_rest_encryption_enabled: true,
  kms_key_id: 'arn:kms',
  transit_encryption_enabled: true,
  user_group_ids: ['ug'],
  automatic_failover_enabled: true,
  multi_az_enabled: true,
  num_cache_clusters: 2,
  snapshot_retention_limit: 7,
  subnet_group_name: 'private',
};

describe('EC-01 cache encryption and auth', () => {
  it('passes for an encrypted replication group with user groups', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, ElasticacheReplicationGroup, 'cache', goodGroup);
    expectCompliant('EC-01', stack, 'aws_elasticache_replication_group.cache');
  });
  it('fails with the defaults and for a standalone cluster', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, ElasticacheReplicationGroup, 'cache', {});
    add(stack, ElasticacheCluster, 'single', { engine: 'redis' });
    for (const attribute of ['at_rest_encryption_enabled', 'kms_key_id', 'transit_encryption_enabled', 'user_group_ids']) expectViolation('EC-01', stack, 'aws_elasticache_replication_group.cache', attribute);
    expectViolation('EC-01', stack, 'aws_elasticache_cluster.single', 'engine');
  });
});

describe('EC-02 cache availability', () => {
  it('passes with failover, multi-AZ and 2 nodes', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, ElasticacheReplicationGroup, 'cache', goodGroup);
    expectCompliant('EC-02', stack, 'aws_elasticache_replication_group.cache');
  });
  it('fails for a single node', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, ElasticacheReplicationGroup, 'cache', { num_cache_clusters: 1 });
    for (const attribute of ['automatic_failover_enabled', 'multi_az_enabled', 'num_cache_clusters']) expectViolation('EC-02', stack, 'aws_elasticache_replication_group.cache', attribute);
  });
});

describe('EC-03 cache snapshots and placement', () => {
  it('passes with snapshots, upgrades and a subnet group', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, ElasticacheReplicationGroup, 'cache', goodGroup);
    expectCompliant('EC-03', stack, 'aws_elasticache_replication_group.cache');
  });
  it('fails without snapshots, with upgrades off and no subnet group', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, ElasticacheReplicationGroup, 'cache', { auto_minor_version_upgrade: false });
    for (const attribute of ['snapshot_retention_limit', 'auto_minor_version_upgrade', 'subnet_group_name']) expectViolation('EC-03', stack, 'aws_elasticache_replication_group.cache', attribute);
  });
});

const goodDomain = {
  domain_name: 'search',
  encrypt_at_rest: { enabled: true, kms_key_id: 'arn:kms' },
  node_to_node_encryption: { enabled: true },
  domain_endpoint_options: { enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
  vpc_options: { subnet_ids: ['s1', 's2'], security_group_ids: ['sg'] },
  advanced_security_options: { enabled: true, internal_user_database_enabled: false },
  log_publishing_options: [
    { log_type: 'AUDIT_LOGS', cloudwatch_log_group_arn: 'arn:lg' },
    { log_type: 'ES_APPLICATION_LOGS', cloudwatch_log_group_arn: 'arn:lg' },
  ],
  cluster_config: { zone_awareness_enabled: true, zone_awareness_config: { availability_zone_count: 3 }, instance_count: 3, dedicated_master_enabled: true, dedicated_master_count: 3 },
};

describe('OS-01 domain encryption', () => {
  it('passes with KMS at rest and node-to-node', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, OpensearchDomain, 'd', goodDomain);
    expectCompliant('OS-01', stack, 'aws_opensearch_domain.d');
  });
  it('fails without', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, OpensearchDomain, 'd', { encrypt_at_rest: { enabled: true } });
    expectViolation('OS-01', stack, 'aws_opensearch_domain.d', 'encrypt_at_rest.kms_key_id');
    expectViolation('OS-01', stack, 'aws_opensearch_domain.d', 'node_to_node_encryption.enabled');
  });
});

describe('OS-02 domain TLS', () => {
  it('passes with HTTPS and the 2023 TLS policy', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, OpensearchDomain, 'd', goodDomain);
    expectCompliant('OS-02', stack, 'aws_opensearch_domain.d');
  });
  it('fails with an older TLS policy', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, OpensearchDomain, 'd', { domain_endpoint_options: { enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-0-2019-07' } });
    expectViolation('OS-02', stack, 'aws_opensearch_domain.d', 'tls_security_policy');
  });
});

describe('OS-03 domain access', () => {
  it('passes in a VPC with FGAC and a role-scoped policy', () => {
    const stack = stackOf('bidops-dev-data');
    const domain = add(stack, OpensearchDomain, 'd', goodDomain);
    add(stack, OpensearchDomainPolicy, 'p', { domain_name: ref(domain, 'domain_name'), access_policies: json({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/app' }, Action: 'es:ESHttp*', Resource: '*' }] }) });
    expectCompliant('OS-03', stack, 'aws_opensearch_domain.d');
  });
  it('fails public, without FGAC and with an open policy', () => {
    const stack = stackOf('bidops-dev-data');
    const domain = add(stack, OpensearchDomain, 'd', { domain_name: 'search' });
    add(stack, OpensearchDomainPolicy, 'p', { domain_name: ref(domain, 'domain_name'), access_policies: json({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: '*' }] }) });
    for (const attribute of ['vpc_options.subnet_ids', 'advanced_security_options.enabled', 'aws_opensearch_domain_policy.p.access_policies']) expectViolation('OS-03', stack, 'aws_opensearch_domain.d', attribute);
  });
});

describe('OS-04 domain logs', () => {
  it('passes with audit and application logs', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, OpensearchDomain, 'd', goodDomain);
    expectCompliant('OS-04', stack, 'aws_opensearch_domain.d');
  });
  it('fails with only slow logs', () => {
    const stack = stackOf('bidops-dev-data');
    add(stack, OpensearchDomain, 'd', { log_publishing_options: [{ log_type: 'SEARCH_SLOW_LOGS', cloudwatch_log_group_arn: 'arn' }] });
    expectViolation('OS-04', stack, 'aws_opensearch_domain.d', 'log_publishing_options');
  });
});

describe('OS-05 prod sizing', () => {
  it('passes in prod with zone awareness, 3 nodes and masters; n/a in dev', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, OpensearchDomain, 'd', goodDomain);
    expectCompliant('OS-05', prod, 'aws_opensearch_domain.d');
    const dev = stackOf('bidops-dev-data');
    add(dev, OpensearchDomain, 'd', {});
    expectNotApplicable('OS-05', dev, 'aws_opensearch_domain.d');
  });
  it('fails in prod with 2 nodes and no masters', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, OpensearchDomain, 'd', { cluster_config: { zone_awareness_enabled: true, instance_count: 2 } });
    expectViolation('OS-05', prod, 'aws_opensearch_domain.d', 'cluster_config.instance_count');
    expectViolation('OS-05', prod, 'aws_opensearch_domain.d', 'cluster_config.dedicated_master_enabled');
  });
});

describe('OSS-01 serverless collection policies', () => {
  it('passes with a KMS encryption policy and a private network policy covering the collection', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, OpensearchserverlessCollection, 'kb', { name: 'bidops-dev-kb', type: 'VECTORSEARCH' });
    add(stack, OpensearchserverlessSecurityPolicy, 'enc', { name: 'e', type: 'encryption', policy: json({ Rules: [{ ResourceType: 'collection', Resource: ['collection/bidops-dev-*'] }], AWSOwnedKey: false, KmsARN: 'arn:kms' }) });
    add(stack, OpensearchserverlessSecurityPolicy, 'net', { name: 'n', type: 'network', policy: json([{ Rules: [{ ResourceType: 'collection', Resource: ['collection/bidops-dev-kb'] }], AllowFromPublic: false, SourceVPCEs: ['vpce-1'] }]) });
    expectCompliant('OSS-01', stack, 'aws_opensearchserverless_collection.kb');
  });
  it('fails with an AWS-owned key and public network access', () => {
    const stack = stackOf('bidops-dev-ai');
    add(stack, OpensearchserverlessCollection, 'kb', { name: 'bidops-dev-kb' });
    add(stack, OpensearchserverlessSecurityPolicy, 'enc', { name: 'e', type: 'encryption', policy: json({ Rules: [{ ResourceType: 'collection', Resource: ['collection/bidops-dev-kb'] }], AWSOwnedKey: true }) });
    add(stack, OpensearchserverlessSecurityPolicy, 'net', { name: 'n', type: 'network', policy: json([{ Rules: [{ ResourceType: 'collection', Resource: ['collection/bidops-dev-kb'] }], AllowFromPublic: true }]) });
    expectViolation('OSS-01', stack, 'aws_opensearchserverless_collection.kb', 'aws_opensearchserverless_security_policy.enc.policy');
    expectViolation('OSS-01', stack, 'aws_opensearchserverless_collection.kb', 'aws_opensearchserverless_security_policy.net.policy');
    const bare = stackOf('bidops-dev-ai');
    add(bare, OpensearchserverlessCollection, 'kb', { name: 'other' });
    expectViolation('OSS-01', bare, 'aws_opensearchserverless_collection.kb', 'aws_opensearchserverless_security_policy[encryption]');
  });
});

describe('OS-05 master quorum', () => {
  it('passes with 3 masters over 3 AZs and with 5 masters', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, OpensearchDomain, 'five', { ...goodDomain, cluster_config: { ...goodDomain.cluster_config, dedicated_master_count: 5 } });
    expectCompliant('OS-05', prod, 'aws_opensearch_domain.five');
  });
  it('fails with 2 or 4 masters, and with masters over the default 2 AZs', () => {
    const prod = stackOf('bidops-prod-data');
    add(prod, OpensearchDomain, 'two', { ...goodDomain, cluster_config: { ...goodDomain.cluster_config, dedicated_master_count: 2 } });
    add(prod, OpensearchDomain, 'four', { ...goodDomain, cluster_config: { ...goodDomain.cluster_config, dedicated_master_count: 4 } });
    add(prod, OpensearchDomain, 'twoaz', { ...goodDomain, cluster_config: { zone_awareness_enabled: true, instance_count: 4, dedicated_master_enabled: true, dedicated_master_count: 3 } });
    expectViolation('OS-05', prod, 'aws_opensearch_domain.two', 'cluster_config.dedicated_master_count');
    expectViolation('OS-05', prod, 'aws_opensearch_domain.four', 'cluster_config.dedicated_master_count');
    expectViolation('OS-05', prod, 'aws_opensearch_domain.twoaz', 'cluster_config.zone_awareness_config.availability_zone_count');
  });
});
