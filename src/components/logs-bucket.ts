import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { TerraformProvider } from 'cdktf';
import { SecureBucket } from '../constructs/storage/secure-bucket';
import { PolicyStatement } from '../core/iam/policy-document';
import { LayerStack } from '../core/layer-stack';

/** Prefix, inside the logs bucket, of the S3 server access logs of every bucket. */
export const S3_ACCESS_LOG_PREFIX = 's3-access';

/**
 * ELB account that writes access logs in regions older than August 2022 (bucket policies must name
 * it there). Newer regions use the `logdelivery.elasticloadbalancing.amazonaws.com` principal,
 * which the policy also admits.
 */
export const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-central-1': '054676820928',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
};

export interface LogsBucketOptions {
  /** Globally unique bucket name, for example `<system>-<env>-logs-<account>`. */
  readonly bucketName: string;
  /** Days after which log objects expire (from 60 days they move to STANDARD_IA after 30). */
  readonly expireAfterDays: number;
  /**
   * Days after which log objects move to GLACIER (Flexible Retrieval), before `expireAfterDays`.
   * @default - no Glacier transition
   */
  readonly glacierAfterDays?: number;
  /**
   * Further writers (service principals) appended to the bucket policy.
   * @default []
   */
  readonly extraStatements?: readonly PolicyStatement[];
  /**
   * Construct ID: a second logs bucket (another region) needs its own.
   * @default 'bucket-logs'
   */
  readonly id?: string;
  /**
   * Provider of the bucket's region (S3 server access logs go to a bucket in the same region).
   * @default - the stack's default provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Region of `provider`: it picks the ELB account that delivers load balancer logs there.
   * @default - the stack's region; required with `provider`
   */
  readonly region?: string;
}

/**
 * The environment's log bucket (construct ID `bucket-logs`): SSE-S3 because ALB access logs and S3
 * server access logs require it, expiring, writable by ELB log delivery (the regional ELB account
 * where the region has one) and by S3 server access logging of this environment's buckets
 * (`<system>-<env>-*`, under `s3-access/`).
 */
export function addLogsBucket(stack: LayerStack, options: LogsBucketOptions): SecureBucket {
  if (options.provider && !options.region) {
    throw new Error(`${stack.node.path}/${options.id ?? 'bucket-logs'}: a logs bucket on another provider needs that provider's region (ELB log delivery is regional); pass region`);
  }
  const account = stack.config.accountId;
  const region = options.region ?? stack.config.region;
  const arn = `arn:aws:s3:::${options.bucketName}`;
  const expireAfterDays = options.expireAfterDays;
  // ALB access logs are written under `<prefix>/AWSLogs/<account>/`; the prefix is the ALB's choice.
  const albLogObjects = [`${arn}/AWSLogs/${account}/*`, `${arn}/*/AWSLogs/${account}/*`];
  const statements: PolicyStatement[] = [
    {
      Sid: 'ElbLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: albLogObjects,
    },
    {
      Sid: 'S3ServerAccessLogs',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${arn}/${S3_ACCESS_LOG_PREFIX}/*`,
      Condition: {
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${stack.prefix}-*` },
      },
    },
    ...(options.extraStatements ?? []),
  ];
  const elbAccount = ELB_LOG_ACCOUNTS[region];
  if (elbAccount) {
    statements.unshift({
      Sid: 'ElbAccountLogDelivery',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${elbAccount}:root` },
      Action: 's3:PutObject',
      Resource: albLogObjects,
    });
  }
  const rules: S3BucketLifecycleConfigurationRule[] = [{ id: 'expire-logs', status: 'Enabled', filter: [{}], expiration: [{ days: expireAfterDays }] }];
  if (expireAfterDays >= 60) {
    rules.push({ id: 'logs-to-standard-ia', status: 'Enabled', filter: [{}], transition: [{ days: 30, storageClass: 'STANDARD_IA' }] });
  }
  if (options.glacierAfterDays !== undefined) {
    rules.push({ id: 'logs-to-glacier', status: 'Enabled', filter: [{}], transition: [{ days: options.glacierAfterDays, storageClass: 'GLACIER' }] });
  }
  return new SecureBucket(stack, options.id ?? 'bucket-logs', {
    bucketName: options.bucketName,
    encryption: 'S3_MANAGED',
    lifecycleRules: rules,
    noncurrentVersionExpirationDays: 30,
    policyStatements: statements,
    forceDestroy: !stack.config.protectStatefulResources,
    // Operational logs that expire under the lifecycle above: nothing to replicate.
    recoveryClass: 'log',
    provider: options.provider,
  });
}
