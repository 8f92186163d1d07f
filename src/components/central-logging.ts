import { CentralLoggingConfig } from '../config/layers/governance';
import { EnvironmentConfig } from '../config/types';
import { PolicyStatement, policyJson } from '../core/iam/policy-document';
import { LayerStack } from '../core/layer-stack';
import { ELB_LOG_ACCOUNTS } from './logs-bucket';

/**
 * Delivery to a central logging bucket in another account (`governance.centralLogging`): where
 * each log lands and the bucket policy statements the logging account must attach (this account
 * cannot write another account's bucket policy, so the network layer publishes them).
 */

/** Key prefix of an environment's logs in the central bucket: `<system>/<env>`. */
export function centralLogPrefix(config: EnvironmentConfig): string {
  return `${config.system}/${config.env}`;
}

/** The central bucket that receives `region`'s logs, if one is configured there. */
export function centralBucketFor(config: EnvironmentConfig, region: string): string | undefined {
  const central = config.governance?.centralLogging;
  if (!central) return undefined;
  return region === config.region ? central.bucketName : region === config.secondaryRegion ? central.secondaryRegionBucketName : undefined;
}

/** S3 destination (ARN with prefix) of VPC flow logs in `region`, if central. */
export function centralFlowLogDestination(config: EnvironmentConfig, region: string): string | undefined {
  const bucket = centralBucketFor(config, region);
  return bucket ? `arn:aws:s3:::${bucket}/${centralLogPrefix(config)}/vpc-flow-logs/` : undefined;
}

/** Bucket policy documents, keyed by bucket name, that the logging account attaches (merged with its own). */
export function centralLoggingBucketPolicies(config: EnvironmentConfig, central: CentralLoggingConfig, ownsTrail: boolean, trailName: string): Record<string, string> {
  const account = config.accountId;
  const prefix = centralLogPrefix(config);
  const policies: Record<string, PolicyStatement[]> = {};
  const add = (bucket: string, statements: PolicyStatement[]) => (policies[bucket] = [...(policies[bucket] ?? []), ...statements]);
  const regional = (bucket: string, region: string, label: string): PolicyStatement[] => {
    const arn = `arn:aws:s3:::${bucket}`;
    const elbObjects = `${arn}/${prefix}/*/AWSLogs/${account}/*`;
    const elbAccount = ELB_LOG_ACCOUNTS[region];
    return [
      {
        Sid: `${label}FlowLogsAclCheck`,
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: arn,
        Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:${region}:${account}:*` } },
      },
      {
        Sid: `${label}FlowLogsWrite`,
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${arn}/${prefix}/vpc-flow-logs/AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:aws:logs:${region}:${account}:*` } },
      },
      { Sid: `${label}ElbLogDelivery`, Effect: 'Allow', Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, Action: 's3:PutObject', Resource: elbObjects },
      ...(elbAccount ? [{ Sid: `${label}ElbAccountLogDelivery`, Effect: 'Allow' as const, Principal: { AWS: `arn:aws:iam::${elbAccount}:root` }, Action: 's3:PutObject', Resource: elbObjects }] : []),
    ];
  };
  add(central.bucketName, regional(central.bucketName, config.region, 'Primary'));
  if (ownsTrail) {
    const arn = `arn:aws:s3:::${central.bucketName}`;
    const trailArn = `arn:aws:cloudtrail:${config.region}:${account}:trail/${trailName}`;
    add(central.bucketName, [
      { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn, Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
      {
        Sid: 'CloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${arn}/${prefix}/cloudtrail/AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      },
    ]);
  }
  if (central.secondaryRegionBucketName && config.secondaryRegion) {
    add(central.secondaryRegionBucketName, regional(central.secondaryRegionBucketName, config.secondaryRegion, 'Secondary'));
  }
  if (central.wafBucketName) {
    const arn = `arn:aws:s3:::${central.wafBucketName}`;
    add(central.wafBucketName, [
      { Sid: 'WafLogsAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn, Condition: { StringEquals: { 'aws:SourceAccount': account } } },
      {
        Sid: 'WafLogsWrite',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${arn}/AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': account } },
      },
    ]);
  }
  return Object.fromEntries(Object.entries(policies).map(([bucket, statements]) => [bucket, policyJson({ Statement: statements })]));
}

/**
 * Publishes `central_logging_bucket_policy_json` (bucket name -> policy document) from the stack
 * that builds the trail and the flow logs, when central logging is configured.
 */
export function publishCentralLoggingPolicies(stack: LayerStack): void {
  const central = stack.config.governance?.centralLogging;
  if (!central) return;
  const policies = JSON.stringify(centralLoggingBucketPolicies(stack.config, central, stack.baseline.owns('cloudtrail'), `${stack.prefix}-trail`));
  stack.publish('central_logging_bucket_policy_json', policies, {
    description: `Bucket policies (JSON: bucket name -> policy document) the logging account ${central.accountId} attaches so this environment's logs can be delivered`,
    sample: policies,
  });
}
