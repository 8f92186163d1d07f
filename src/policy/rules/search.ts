import { COMPLIANT, NOT_APPLICABLE, block, blocks, collector, fail, flag, glob, isRef, isSet, list, literal, num, unconditionedPublicAllow, verdict } from '../helpers';
import { PolicyResource, PolicyRule } from '../types';
import { defineRule } from './define';

const DOMAINS = ['aws_opensearch_domain', 'aws_elasticsearch_domain'];
const MIN_TLS = 'Policy-Min-TLS-1-2-PFS-2023-10';

export const SEARCH_RULES: readonly PolicyRule[] = [
  defineRule({
    id: 'OS-01',
    title: 'OpenSearch encryption at rest (KMS) and node-to-node',
    severity: 'high',
    pack: 'search',
    mappings: { checkov: ['CKV_AWS_5', 'CKV_AWS_247', 'CKV_AWS_6'], trivy: ['AVD-AWS-0048', 'AVD-AWS-0043'], cdkNag: ['AwsSolutions-OS8', 'AwsSolutions-OS2'], fsbp: ['Opensearch.1', 'Opensearch.3'] },
    appliesTo: DOMAINS,
    check(domain) {
      const c = collector();
      const rest = block(domain.body.encrypt_at_rest);
      c.expect(flag(rest?.enabled, false), 'encrypt_at_rest.enabled', 'is not true; encrypt at rest');
      c.expect(isSet(rest?.kms_key_id), 'encrypt_at_rest.kms_key_id', 'is not set; use a customer-managed key');
      c.expect(flag(block(domain.body.node_to_node_encryption)?.enabled, false), 'node_to_node_encryption.enabled', 'is not true; encrypt node-to-node traffic');
      return verdict(domain, c.problems);
    },
  }),
  defineRule({
    id: 'OS-02',
    title: `OpenSearch HTTPS enforced with ${MIN_TLS}`,
    severity: 'high',
    pack: 'search',
    mappings: { checkov: ['CKV_AWS_83', 'CKV_AWS_228'], trivy: ['AVD-AWS-0046', 'AVD-AWS-0126'], fsbp: ['Opensearch.8'] },
    appliesTo: DOMAINS,
    check(domain) {
      const c = collector();
      const endpoint = block(domain.body.domain_endpoint_options);
      c.expect(flag(endpoint?.enforce_https, false), 'domain_endpoint_options.enforce_https', 'is not true; enforce HTTPS');
      const policy = endpoint?.tls_security_policy;
      c.expect(policy === MIN_TLS || (isSet(policy) && literal(policy) === undefined), 'domain_endpoint_options.tls_security_policy', `is ${policy ?? 'absent'}; use ${MIN_TLS}`);
      return verdict(domain, c.problems);
    },
  }),
  defineRule({
    id: 'OS-03',
    title: 'OpenSearch in a VPC, fine-grained access control, no open access policy',
    severity: 'high',
    pack: 'search',
    mappings: { checkov: ['CKV_AWS_137', 'CKV2_AWS_52'], cdkNag: ['AwsSolutions-OS1', 'AwsSolutions-OS3', 'AwsSolutions-OS5'], fsbp: ['Opensearch.2', 'Opensearch.7'] },
    appliesTo: DOMAINS,
    check(domain, context) {
      const c = collector();
      c.expect(isSet(block(domain.body.vpc_options)?.subnet_ids), 'vpc_options.subnet_ids', 'is not set; place the domain in private subnets');
      c.expect(flag(block(domain.body.advanced_security_options)?.enabled, false), 'advanced_security_options.enabled', 'is not true; enable fine-grained access control');
      const policies = [
        { document: domain.json('access_policies'), attribute: 'access_policies' },
        ...['aws_opensearch_domain_policy', 'aws_elasticsearch_domain_policy'].flatMap((t) =>
          context.referrers(domain, t).map((r) => ({ document: r.resource.json('access_policies'), attribute: `${r.resource.address}.access_policies` })),
        ),
      ];
      for (const { document, attribute } of policies) {
        c.expect(!unconditionedPublicAllow(document), attribute, 'allows Principal "*" without a condition; name the roles that may call the domain');
      }
      return verdict(domain, c.problems);
    },
  }),
  defineRule({
    id: 'OS-04',
    title: 'OpenSearch audit and application logs to CloudWatch',
    severity: 'medium',
    pack: 'search',
    mappings: { checkov: ['CKV_AWS_84', 'CKV_AWS_317'], trivy: ['AVD-AWS-0042'], cdkNag: ['AwsSolutions-OS9'], fsbp: ['Opensearch.4', 'Opensearch.5'] },
    appliesTo: DOMAINS,
    check(domain) {
      const options = blocks(domain.body.log_publishing_options).filter((o) => flag(o.enabled, true) && isSet(o.cloudwatch_log_group_arn));
      const missing = ['AUDIT_LOGS', 'ES_APPLICATION_LOGS'].filter((t) => !options.some((o) => o.log_type === t));
      if (missing.length === 0) return COMPLIANT;
      return fail(domain, 'log_publishing_options', `does not publish ${missing.join(', ')}; add log_publishing_options with a CloudWatch log group (audit logs need fine-grained access control)`);
    },
  }),
  defineRule({
    id: 'OS-05',
    title: 'prod: zone awareness over 3 AZs, 3+ data nodes and a quorum of 3 or 5 dedicated masters',
    severity: 'medium',
    pack: 'search',
    mappings: { checkov: ['CKV_AWS_318', 'CKV2_AWS_59'], cdkNag: ['AwsSolutions-OS4', 'AwsSolutions-OS7'], fsbp: ['Opensearch.6'] },
    appliesTo: DOMAINS,
    check(domain, context) {
      if (!context.stack.isProd) return NOT_APPLICABLE;
      const cluster = block(domain.body.cluster_config);
      const c = collector();
      c.expect(flag(cluster?.zone_awareness_enabled, false), 'cluster_config.zone_awareness_enabled', 'is not true; spread nodes over AZs');
      const nodes = num(cluster?.instance_count) ?? 1;
      c.expect(nodes >= 3, 'cluster_config.instance_count', `is ${nodes}; run 3+ data nodes (or suppress with the seed's sizing reason)`);
      const masters = flag(cluster?.dedicated_master_enabled, false);
      c.expect(masters, 'cluster_config.dedicated_master_enabled', 'is not true; use dedicated master nodes');
      // Quorum: 3 or 5 masters (an odd count that survives one loss), spread over 3 AZs so losing one AZ
      // leaves a majority; over 2 AZs one of them holds 2 of 3 masters (the provider's default count is 2 AZs).
      const masterCount = num(cluster?.dedicated_master_count);
      if (masters && !isRef(cluster?.dedicated_master_count)) c.expect(masterCount === 3 || masterCount === 5, 'cluster_config.dedicated_master_count', `is ${masterCount ?? 'absent'}; run 3 (or 5) dedicated masters for a quorum`);
      const zoneCount = num(block(cluster?.zone_awareness_config)?.availability_zone_count) ?? 2;
      if (flag(cluster?.zone_awareness_enabled, false) && masters) c.expect(zoneCount >= 3, 'cluster_config.zone_awareness_config.availability_zone_count', `is ${zoneCount}; spread over 3 AZs so one AZ failure leaves a master quorum`);
      return verdict(domain, c.problems);
    },
  }),
  defineRule({
    id: 'OSS-01',
    title: 'Serverless collections have KMS encryption and non-public network policies',
    severity: 'medium',
    pack: 'search',
    mappings: {},
    appliesTo: ['aws_opensearchserverless_collection'],
    check(collection, context) {
      const name = literal(collection.body.name) ?? '';
      const covers = (policy: PolicyResource, rules: unknown): boolean =>
        context.resolve(policy.body.policy).includes(collection) ||
        (Array.isArray(rules) ? rules : []).some(
          (rule: any) => String(rule?.ResourceType ?? 'collection') === 'collection' && list(rule?.Resource).some((r) => glob(r, `collection/${name}`)),
        );
      const policies = context.groupResources('aws_opensearchserverless_security_policy');
      const c = collector();
      const encryption = policies.filter((p) => p.body.type === 'encryption').find((p) => covers(p, p.json('policy')?.Rules));
      c.expect(!!encryption, 'aws_opensearchserverless_security_policy[encryption]', 'is missing for this collection; add an encryption policy naming collection/' + name);
      if (encryption) {
        const doc = encryption.json('policy') ?? {};
        c.expect(doc.AWSOwnedKey === false && isSet(doc.KmsARN), `${encryption.address}.policy`, 'uses an AWS-owned key; set AWSOwnedKey = false and KmsARN');
      }
      const network = policies
        .filter((p) => p.body.type === 'network')
        .flatMap((p) => {
          const doc = p.json('policy');
          return (Array.isArray(doc) ? doc : doc ? [doc] : []).filter((d: any) => covers(p, d?.Rules)).map((d: any) => ({ p, d }));
        });
      c.expect(network.length > 0, 'aws_opensearchserverless_security_policy[network]', 'is missing for this collection; add a network policy with AllowFromPublic = false and SourceVPCEs');
      for (const { p, d } of network) c.expect(d.AllowFromPublic !== true, `${p.address}.policy`, 'sets AllowFromPublic = true; reach the collection through a VPC endpoint only');
      return verdict(collection, c.problems);
    },
  }),
];
