import { Json, onlyResource, resourcesOf, synthJson } from '../../helpers';
import { expectOfflinePlan } from '../../terraform-offline';
import { langPortalConfigError } from '../lang-portal/helpers';
import { partnerConfigError } from '../partner-mgmt/helpers';
import { birdAgentConfigError, birdAgentStacks } from './helpers';

/**
 * governance.centralLogging (the seed's logging account): CloudTrail, flow logs, load balancer and
 * WAF logs go to the logging account's buckets under bird-agent/<env>/, and the network layer
 * publishes the bucket policies that account attaches. Off in the shipped config (turning it on
 * replaces an existing trail bucket; docs/bird-agent.md), so these tests turn it on for prod.
 */
const LOGGING = '801000000009';
const EAST = `bird-agent-central-logs-${LOGGING}-us-east-1`;
const WEST = `bird-agent-central-logs-${LOGGING}-us-west-2`;
const WAF = `aws-waf-logs-bird-agent-central-${LOGGING}`;
const withCentralLogging = (c: any) => (c.governance.centralLogging = { accountId: LOGGING, bucketName: EAST, secondaryRegionBucketName: WEST, wafBucketName: WAF });

describe('bird-agent central logging', () => {
  const prod = birdAgentStacks('prod', 'edge', withCentralLogging);
  const [network, compute, edge] = [prod.network, prod.compute, prod.edge].map((s) => synthJson(s));
  const devNetwork = synthJson(birdAgentStacks('dev', 'network').network);

  test('the trail writes to the central bucket under bird-agent/prod/cloudtrail, and no trail bucket is created here', () => {
    expect(onlyResource(network, 'aws_cloudtrail')).toMatchObject({ s3_bucket_name: EAST, s3_key_prefix: 'bird-agent/prod/cloudtrail', is_multi_region_trail: true, enable_log_file_validation: true });
    expect(resourcesOf(network, 'aws_s3_bucket').map(([, b]) => b.bucket)).toEqual([]);
    expect(onlyResource(devNetwork, 'aws_cloudtrail').s3_bucket_name).toMatch(/^\$\{aws_s3_bucket\.audit-trail_bucket_\w+\.bucket\}$/);
  });

  test('each VPC copies its flow logs to its region\'s central bucket as Parquet, beside the CloudWatch group', () => {
    const s3 = resourcesOf(network, 'aws_flow_log').map(([, f]) => f).filter((f) => f.log_destination_type === 's3');
    expect(s3.map((f) => [f.log_destination, f.provider ?? 'primary']).sort()).toEqual([
      [`arn:aws:s3:::${EAST}/bird-agent/prod/vpc-flow-logs/`, 'primary'],
      [`arn:aws:s3:::${WEST}/bird-agent/prod/vpc-flow-logs/`, 'aws.us_west_2'],
    ]);
    expect(s3[0].destination_options).toEqual({ file_format: 'parquet', per_hour_partition: true, hive_compatible_partitions: true });
    expect(resourcesOf(network, 'aws_flow_log').filter(([, f]) => f.log_destination_type === 'cloud-watch-logs')).toHaveLength(2);
    expect(resourcesOf(devNetwork, 'aws_flow_log').map(([, f]) => f.log_destination_type)).toEqual(['cloud-watch-logs']);
  });

  test('load balancers of each region log to that region\'s central bucket under bird-agent/prod/', () => {
    const logs = resourcesOf(compute, 'aws_lb').map(([name, lb]) => [name.split('_')[0], lb.access_logs.bucket, lb.access_logs.prefix]).sort();
    expect(logs).toEqual([
      ['alb', EAST, 'bird-agent/prod/alb'],
      ['api-link', EAST, 'bird-agent/prod/api-link-nlb'],
      ['dr', WEST, 'bird-agent/prod/alb'],
      ['dr', WEST, 'bird-agent/prod/api-link-nlb'],
    ]);
  });

  test('the primary web ACL logs to the central aws-waf-logs- bucket (no log group); the standby keeps its group', () => {
    const logging = resourcesOf(edge, 'aws_wafv2_web_acl_logging_configuration').map(([, l]) => [l.provider ?? 'primary', l.log_destination_configs[0]]).sort((a, b) => b[0].localeCompare(a[0]));
    expect(logging[0]).toEqual(['primary', `arn:aws:s3:::${WAF}`]);
    expect(logging[1][0]).toBe('aws.us_west_2');
    expect(logging[1][1]).toMatch(/^\$\{aws_cloudwatch_log_group\.dr-waf_log-group_\w+\.arn\}$/);
    expect(edge.output.waf_log_group_name).toBeUndefined();
  });

  test('the network layer publishes the policies the logging account attaches, per bucket, least privilege', () => {
    const policies = JSON.parse(network.output.central_logging_bucket_policy_json.value);
    expect(Object.keys(policies).sort()).toEqual([WAF, EAST, WEST].sort());
    const east = JSON.parse(policies[EAST]).Statement as Json[];
    expect(east.map((s) => s.Sid)).toEqual(['PrimaryFlowLogsAclCheck', 'PrimaryFlowLogsWrite', 'PrimaryElbLogDelivery', 'PrimaryElbAccountLogDelivery', 'CloudTrailAclCheck', 'CloudTrailWrite']);
    const sid = (list: Json[], id: string) => list.find((s) => s.Sid === id)!;
    expect(sid(east, 'CloudTrailWrite')).toMatchObject({
      Resource: `arn:aws:s3:::${EAST}/bird-agent/prod/cloudtrail/AWSLogs/801000000003/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:801000000003:trail/bird-agent-prod-trail' } },
    });
    expect(sid(east, 'PrimaryFlowLogsWrite').Condition.StringEquals['aws:SourceAccount']).toBe('801000000003');
    // Each region's ELB log-delivery account.
    expect(sid(east, 'PrimaryElbAccountLogDelivery').Principal).toEqual({ AWS: 'arn:aws:iam::127311923021:root' });
    expect(sid(JSON.parse(policies[WEST]).Statement, 'SecondaryElbAccountLogDelivery').Principal).toEqual({ AWS: 'arn:aws:iam::797873946194:root' });
    expect(sid(JSON.parse(policies[WAF]).Statement, 'WafLogsWrite').Resource).toBe(`arn:aws:s3:::${WAF}/AWSLogs/801000000003/*`);
    expect(devNetwork.output.central_logging_bucket_policy_json).toBeUndefined();
  });

  test('plans offline against the real provider: the network (trail, S3 flow logs) and the edge (WAF to S3)', () => {
    expectOfflinePlan(network);
    expectOfflinePlan(edge, [prod.network, prod.data, prod.compute]);
  });

  test.each([
    ['governance.centralLogging.accountId = "801000000001" is the environment\'s own account', (c: any) => (c.governance.centralLogging = { accountId: c.accountId, bucketName: 'central-logs' })],
    ['governance.centralLogging.accountId = "12345" is not a 12-digit account ID', (c: any) => (c.governance.centralLogging = { accountId: '12345', bucketName: 'central-logs' })],
    ['governance.centralLogging.bucketName = "Central_Logs" is not an S3 bucket name', (c: any) => (c.governance.centralLogging = { accountId: LOGGING, bucketName: 'Central_Logs' })],
    ['governance.centralLogging.wafBucketName = "central-waf" does not start with aws-waf-logs-', (c: any) => (c.governance.centralLogging = { accountId: LOGGING, bucketName: 'central-logs', wafBucketName: 'central-waf' })],
    [
      'governance.centralLogging.cloudTrailKmsKeyArn = "arn:aws:kms:us-east-1:801000000001:key/1234abcd-12ab-34cd-56ef-1234567890ab" is in account 801000000001, not the logging account 801000000009',
      (c: any) => (c.governance.centralLogging = { accountId: LOGGING, bucketName: 'central-logs', cloudTrailKmsKeyArn: 'arn:aws:kms:us-east-1:801000000001:key/1234abcd-12ab-34cd-56ef-1234567890ab' }),
    ],
    ['governance.centralLogging.bucketNam', (c: any) => (c.governance.centralLogging = { accountId: LOGGING, bucketNam: 'central-logs' })],
  ] as [string, (c: any) => void][])('%s', (message, change) => {
    expect(birdAgentConfigError(change)).toContain(message);
  });

  test('systems whose load balancer and WAF logs do not follow refuse it instead of half-doing it', () => {
    const central = (c: any) => (c.governance = { ...(c.governance ?? { alertEmail: 'ops@example.com' }), centralLogging: { accountId: LOGGING, bucketName: 'central-logs' } });
    expect(langPortalConfigError(central)).toContain('governance.centralLogging = "central-logs" is not built by lang-portal');
    expect(partnerConfigError(central)).toContain('governance.centralLogging = "central-logs" is not built by partner-mgmt');
  });
});
