import { Testing } from 'cdktf';
import { SearchDomain, SearchDomainProps } from '../../../src/constructs/search/search-domain';
import { Json, onlyResource, parsed, resourcesOf } from '../../helpers';

const BASE: SearchDomainProps = {
  domainName: 'sys-dev-search',
  engineVersion: 'OpenSearch_2.19',
  instanceType: 't3.small.search',
  instanceCount: 2,
  volumeSizeGb: 20,
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-os'],
  kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/data',
  logsKmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/logs',
  logRetentionDays: 30,
  accountId: '111111111111',
  region: 'us-east-1',
};

function synth(change: Partial<SearchDomainProps> = {}): Json {
  return JSON.parse(Testing.synthScope((scope) => void new SearchDomain(scope, 'search', { ...BASE, ...change })));
}

describe('SearchDomain', () => {
  const json = synth();
  const domain = onlyResource(json, 'aws_opensearch_domain');

  test('two t3.small.search nodes over two zones, 20 GB gp3', () => {
    expect(domain.cluster_config).toMatchObject({ instance_type: 't3.small.search', instance_count: 2, zone_awareness_enabled: true, zone_awareness_config: { availability_zone_count: 2 } });
    expect(domain.ebs_options).toEqual({ ebs_enabled: true, volume_type: 'gp3', volume_size: 20 });
  });

  test('encrypted at rest with the customer key and node to node; HTTPS with TLS 1.2 PFS', () => {
    expect(domain.encrypt_at_rest).toEqual({ enabled: true, kms_key_id: BASE.kmsKeyArn });
    expect(domain.node_to_node_encryption).toEqual({ enabled: true });
    expect(domain.domain_endpoint_options).toEqual({ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' });
  });

  test('fine-grained access control with an IAM master role, no internal users; inside the VPC', () => {
    expect(domain.advanced_security_options).toMatchObject({ enabled: true, internal_user_database_enabled: false, anonymous_auth_enabled: false });
    expect(domain.advanced_security_options.master_user_options.master_user_arn).toMatch(/aws_iam_role\..*\.arn/);
    expect(domain.vpc_options).toEqual({ subnet_ids: ['subnet-a', 'subnet-b'], security_group_ids: ['sg-os'] });
  });

  test('access policy admits only this account', () => {
    const policy = parsed(domain.access_policies);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:root' });
    expect(policy.Statement[0].Resource).toBe('arn:aws:es:us-east-1:111111111111:domain/sys-dev-search/*');
  });

  test('admin role: assumable only with MFA by this account, only the domain HTTP API', () => {
    const role = onlyResource(json, 'aws_iam_role');
    const trust = parsed(role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:root' });
    expect(trust.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': true } });
    const policy = parsed(onlyResource(json, 'aws_iam_role_policy').policy).Statement[0];
    expect(policy.Action.every((a: string) => a.startsWith('es:ESHttp'))).toBe(true);
    expect(policy.Resource).toEqual(['arn:aws:es:us-east-1:111111111111:domain/sys-dev-search', 'arn:aws:es:us-east-1:111111111111:domain/sys-dev-search/*']);
  });

  test('publishes slow, application and audit logs to encrypted log groups with retention', () => {
    expect(domain.log_publishing_options.map((o: Json) => o.log_type).sort()).toEqual(['AUDIT_LOGS', 'ES_APPLICATION_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS']);
    const groups = resourcesOf(json, 'aws_cloudwatch_log_group').map(([, g]) => g);
    expect(groups).toHaveLength(4);
    for (const g of groups) expect(g).toMatchObject({ retention_in_days: 30, kms_key_id: BASE.logsKmsKeyArn });
  });

  test('log resource policy: only es.amazonaws.com for this domain and account, only its groups', () => {
    const statement = parsed(onlyResource(json, 'aws_cloudwatch_log_resource_policy').policy_document).Statement[0];
    expect(statement.Principal).toEqual({ Service: 'es.amazonaws.com' });
    expect(statement.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': 'arn:aws:es:us-east-1:111111111111:domain/sys-dev-search' } });
    expect(statement.Resource).toHaveLength(4);
    expect(statement.Resource.every((r: string) => r.endsWith(':*') && r.includes('aws_cloudwatch_log_group'))).toBe(true);
  });

  test('service-linked role only when asked', () => {
    expect(resourcesOf(json, 'aws_iam_service_linked_role')).toHaveLength(0);
    const withRole = synth({ createServiceLinkedRole: true });
    expect(onlyResource(withRole, 'aws_iam_service_linked_role').aws_service_name).toBe('opensearchservice.amazonaws.com');
  });

  test('single node: no zone awareness', () => {
    const single = onlyResource(synth({ instanceCount: 1, subnetIds: ['subnet-a'] }), 'aws_opensearch_domain');
    expect(single.cluster_config.zone_awareness_enabled).toBe(false);
  });

  test.each([
    [{ domainName: 'This-Is-Bad' }, 'domainName "This-Is-Bad"'],
    [{ instanceType: 't2.small.search' }, 'does not support encryption at rest'],
    [{ subnetIds: ['subnet-a'] }, '1 subnets for 2 zones'],
  ])('rejects %p', (change, message) => {
    expect(() => synth(change)).toThrow(message);
  });
});
