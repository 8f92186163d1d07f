/**
 * The price table of `npm run cost`: AWS on-demand list prices for us-east-1 and us-west-2, in USD.
 * One file, one entry per price; refresh an entry by editing its two numbers, `asOf` and `source`.
 *
 * How this table was compiled (2026-12-01, honestly): the machine that wrote it had no internet
 * access, so no entry was read from a live AWS pricing page. Every value is the published on-demand
 * list price as the author knew it, with `asOf` the month that price is known to have been listed
 * (`basis: 'recalled'`). Where an offline search of stored public pages found the same number on a
 * third-party page, the entry says `basis: 'corroborated'` and names that page in `checkedAgainst`;
 * when that page is dated, `asOf` is its month. `source` is always the official AWS pricing page to check
 * the entry against when refreshing it. Before relying on a total for a purchase decision, check the
 * entries that dominate it (the report names the biggest items) on their `source` pages.
 *
 * Not modelled: free tiers (they are per account and shared by everything in it), Savings Plans,
 * Reserved Instances, Spot price movement, tiered volume discounts (first tier used), data transfer
 * between AZs/regions/internet unless an entry says so, and taxes.
 */

/** The regions the table covers. A resource in another region is priced as us-east-1, with a note. */
export const PRICE_REGIONS = ['us-east-1', 'us-west-2'] as const;
export type PriceRegion = (typeof PRICE_REGIONS)[number];

export interface PriceEntry {
  /** What one unit is, e.g. `per hour`, `per GB-month`, `per 1M requests`. */
  readonly unit: string;
  readonly 'us-east-1': number;
  readonly 'us-west-2': number;
  /** Official AWS pricing page of this price. */
  readonly source: string;
  /** Month (YYYY-MM) the price is known to have been listed at this value. */
  readonly asOf: string;
  readonly basis: 'recalled' | 'corroborated';
  /** Dated third-party page showing the same value (corroborated entries). */
  readonly checkedAgainst?: string;
  readonly note?: string;
}

const VPC = 'https://aws.amazon.com/vpc/pricing/';
const PRIVATELINK = 'https://aws.amazon.com/privatelink/pricing/';
const ELB = 'https://aws.amazon.com/elasticloadbalancing/pricing/';
const FARGATE = 'https://aws.amazon.com/fargate/pricing/';
const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const AURORA = 'https://aws.amazon.com/rds/aurora/pricing/';
const RDS_PROXY = 'https://aws.amazon.com/rds/proxy/pricing/';
const OPENSEARCH = 'https://aws.amazon.com/opensearch-service/pricing/';
const ELASTICACHE = 'https://aws.amazon.com/elasticache/pricing/';
const DYNAMODB = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const DYNAMODB_PROVISIONED = 'https://aws.amazon.com/dynamodb/pricing/provisioned/';
const KINESIS = 'https://aws.amazon.com/kinesis/data-streams/pricing/';
const KMS = 'https://aws.amazon.com/kms/pricing/';
const SECRETS = 'https://aws.amazon.com/secrets-manager/pricing/';
const SSM = 'https://aws.amazon.com/systems-manager/pricing/';
const WAF = 'https://aws.amazon.com/waf/pricing/';
const SHIELD = 'https://aws.amazon.com/shield/pricing/';
const ROUTE53 = 'https://aws.amazon.com/route53/pricing/';
const CLOUD_MAP = 'https://aws.amazon.com/cloud-map/pricing/';
const CLOUDWATCH = 'https://aws.amazon.com/cloudwatch/pricing/';
const EVENTBRIDGE = 'https://aws.amazon.com/eventbridge/pricing/';
const SQS = 'https://aws.amazon.com/sqs/pricing/';
const SNS = 'https://aws.amazon.com/sns/pricing/';
const STEP_FUNCTIONS = 'https://aws.amazon.com/step-functions/pricing/';
const API_GATEWAY = 'https://aws.amazon.com/api-gateway/pricing/';
const CLOUDFRONT = 'https://aws.amazon.com/cloudfront/pricing/';
const S3 = 'https://aws.amazon.com/s3/pricing/';
const BACKUP = 'https://aws.amazon.com/backup/pricing/';
const ECR = 'https://aws.amazon.com/ecr/pricing/';
const INSPECTOR = 'https://aws.amazon.com/inspector/pricing/';
const CODEBUILD = 'https://aws.amazon.com/codebuild/pricing/';
const CODEPIPELINE = 'https://aws.amazon.com/codepipeline/pricing/';
const COGNITO = 'https://aws.amazon.com/cognito/pricing/';
const ATHENA = 'https://aws.amazon.com/athena/pricing/';
const XRAY = 'https://aws.amazon.com/xray/pricing/';
const CLOUDTRAIL = 'https://aws.amazon.com/cloudtrail/pricing/';

/** A price that is the same in both regions (most are; AWS lists them per region all the same). */
function same(unit: string, value: number, source: string, asOf: string, extra: Partial<Pick<PriceEntry, 'basis' | 'checkedAgainst' | 'note'>> = {}): PriceEntry {
  return { unit, 'us-east-1': value, 'us-west-2': value, source, asOf, basis: extra.checkedAgainst ? 'corroborated' : 'recalled', ...extra };
}

const R = '2025-06';

export const PRICES: Readonly<Record<string, PriceEntry>> = {
  // --- Networking ---
  'vpc.nat-gateway.hour': same('per NAT gateway-hour', 0.045, VPC, '2026-03', { checkedAgainst: 'https://www.egresscost.com/nat-gateway (updated 2026-03); https://cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026/ lists US West the same' }),
  'vpc.nat-gateway.gb': same('per GB processed', 0.045, VPC, '2026-03', { checkedAgainst: 'https://www.egresscost.com/nat-gateway (updated 2026-03)' }),
  'vpc.public-ipv4.hour': same('per public IPv4 address-hour (in use or idle)', 0.005, VPC, '2026-02', { checkedAgainst: 'https://cloudburn.io/blog/aws-nat-gateway-pricing (2026-02-24)' }),
  'privatelink.interface-endpoint.hour': same('per endpoint ENI (AZ)-hour', 0.01, PRIVATELINK, '2026-03', { checkedAgainst: 'https://www.egresscost.com/nat-gateway (updated 2026-03: $7.20 per AZ per 720 h)' }),
  'privatelink.interface-endpoint.gb': same('per GB processed (first PB)', 0.01, PRIVATELINK, '2026-03', { checkedAgainst: 'https://www.egresscost.com/nat-gateway (updated 2026-03)' }),
  'elb.alb.hour': same('per ALB-hour', 0.0225, ELB, R),
  'elb.alb.lcu-hour': same('per LCU-hour', 0.008, ELB, R),
  'elb.nlb.hour': same('per NLB-hour', 0.0225, ELB, R),
  'elb.nlb.nlcu-hour': same('per NLCU-hour', 0.006, ELB, R),
  'elb.gwlb.hour': same('per GWLB-hour', 0.0125, ELB, R),
  'route53.hosted-zone.month': same('per hosted zone-month (first 25)', 0.5, ROUTE53, R),
  'route53.queries.million': same('per 1M standard queries (alias queries to AWS resources are free)', 0.4, ROUTE53, R),
  'route53.health-check.aws.month': same('per health check-month, AWS endpoint (also CloudWatch-alarm and calculated checks)', 0.5, ROUTE53, R),
  'route53.health-check.non-aws.month': same('per health check-month, non-AWS endpoint', 0.75, ROUTE53, R),
  'route53.health-check.feature.aws.month': same('per optional feature-month (HTTPS, string match, fast interval, latency), AWS endpoint', 1.0, ROUTE53, R),
  'route53.health-check.feature.non-aws.month': same('per optional feature-month, non-AWS endpoint', 2.0, ROUTE53, R),
  'cloudmap.registered-instance.month': same('per registered service instance-month', 0.1, CLOUD_MAP, R),

  // --- Containers and functions ---
  'fargate.x86.vcpu-hour': same('per vCPU-hour, Linux/x86', 0.04048, FARGATE, '2026-03', { checkedAgainst: 'https://www.wring.co/blog/aws-fargate-pricing-guide (2026-03-10, us-east-1) and https://www.vantage.sh/blog/fargate-pricing' }),
  'fargate.x86.gb-hour': same('per GB-hour, Linux/x86', 0.004445, FARGATE, '2026-03', { checkedAgainst: 'https://www.wring.co/blog/aws-fargate-pricing-guide (2026-03-10, us-east-1)' }),
  'fargate.arm.vcpu-hour': same('per vCPU-hour, Linux/ARM', 0.03238, FARGATE, R, { checkedAgainst: 'https://www.vantage.sh/blog/fargate-pricing (us-east-1)' }),
  'fargate.arm.gb-hour': same('per GB-hour, Linux/ARM', 0.00356, FARGATE, R, { checkedAgainst: 'https://www.vantage.sh/blog/fargate-pricing (us-east-1)' }),
  'fargate.ephemeral-storage.gb-hour': same('per GB-hour above the 20 GB included', 0.000111, FARGATE, R, { checkedAgainst: 'https://www.vantage.sh/blog/fargate-pricing' }),
  'fargate.spot.x86.vcpu-hour': same('per vCPU-hour, Fargate Spot Linux/x86', 0.01214, FARGATE, R, { note: 'Spot prices move with capacity; 30% of on-demand (the "up to 70% off" AWS advertises) is used as a typical value' }),
  'fargate.spot.x86.gb-hour': same('per GB-hour, Fargate Spot Linux/x86', 0.00133, FARGATE, R, { note: 'Spot prices move with capacity; 30% of on-demand is used as a typical value' }),
  'lambda.requests.million': same('per 1M requests', 0.2, LAMBDA, R),
  'lambda.x86.gb-second': same('per GB-second of duration, x86 (first tier)', 0.0000166667, LAMBDA, R),
  'lambda.arm.gb-second': same('per GB-second of duration, arm64 (first tier)', 0.0000133334, LAMBDA, R),
  'lambda.provisioned.x86.gb-second': same('per GB-second of provisioned concurrency configured, x86', 0.0000041667, LAMBDA, R),
  'lambda.provisioned.arm.gb-second': same('per GB-second of provisioned concurrency configured, arm64', 0.0000033334, LAMBDA, R),
  'lambda.provisioned-duration.x86.gb-second': same('per GB-second of duration on provisioned concurrency, x86', 0.0000097222, LAMBDA, R),
  'lambda.provisioned-duration.arm.gb-second': same('per GB-second of duration on provisioned concurrency, arm64', 0.0000077778, LAMBDA, R),
  'stepfunctions.standard.thousand-transitions': same('per 1,000 state transitions (Standard)', 0.025, STEP_FUNCTIONS, R),
  'stepfunctions.express.million-requests': same('per 1M requests (Express)', 1.0, STEP_FUNCTIONS, R),
  'stepfunctions.express.gb-second': same('per GB-second (Express, first tier)', 0.00001667, STEP_FUNCTIONS, R),
  'kinesis.on-demand.stream-hour': same('per stream-hour (on-demand)', 0.04, KINESIS, R),
  'kinesis.on-demand.ingest.gb': same('per GB ingested (on-demand)', 0.08, KINESIS, R),
  'kinesis.shard-hour': same('per shard-hour (provisioned)', 0.015, KINESIS, R),
  'kinesis.put-units.million': same('per 1M PUT payload units (provisioned)', 0.014, KINESIS, R),
  'codebuild.general1.small.minute': same('per build minute, general1.small Linux', 0.005, CODEBUILD, R),
  'codebuild.general1.medium.minute': same('per build minute, general1.medium Linux', 0.01, CODEBUILD, R),
  'codebuild.general1.large.minute': same('per build minute, general1.large Linux', 0.02, CODEBUILD, R),
  'codepipeline.v1.month': same('per active V1 pipeline-month', 1.0, CODEPIPELINE, R),
  'codepipeline.v2.action-minute': same('per action execution minute (V2)', 0.002, CODEPIPELINE, R),
  'ecr.storage.gb-month': same('per GB-month stored', 0.1, ECR, R),
  'inspector.ecr.image-scan': same('per container image scanned on push (enhanced scanning)', 0.09, INSPECTOR, R),

  // --- Databases ---
  'aurora.serverless-v2.acu-hour': same('per ACU-hour (Aurora Standard)', 0.12, AURORA, R, { note: 'third-party calculators (e.g. store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html) show the same $0.12' }),
  'aurora.serverless-v2.io-optimized.acu-hour': same('per ACU-hour (Aurora I/O-Optimized)', 0.156, AURORA, R),
  'aurora.storage.gb-month': same('per GB-month (Aurora Standard)', 0.1, AURORA, R),
  'aurora.storage.io-optimized.gb-month': same('per GB-month (Aurora I/O-Optimized)', 0.225, AURORA, R),
  'aurora.io.million': same('per 1M I/O requests (Aurora Standard)', 0.2, AURORA, R),
  'aurora.global.replicated-io.million': same('per 1M replicated write I/Os (global database)', 0.2, AURORA, R),
  'aurora.instance.db.t3.medium.hour': same('per instance-hour, Aurora PostgreSQL Standard', 0.082, AURORA, R),
  'aurora.instance.db.t4g.medium.hour': same('per instance-hour, Aurora PostgreSQL Standard', 0.073, AURORA, R, { note: 'one third-party calculator lists $0.090; the value here is the AWS list price the author knew' }),
  'aurora.instance.db.r6g.large.hour': same('per instance-hour, Aurora PostgreSQL Standard', 0.26, AURORA, R, { note: 'one third-party calculator lists $0.300; the value here is the AWS list price the author knew' }),
  'aurora.instance.db.r6g.xlarge.hour': same('per instance-hour, Aurora PostgreSQL Standard', 0.519, AURORA, R),
  'aurora.instance.db.r7g.large.hour': same('per instance-hour, Aurora PostgreSQL Standard', 0.276, AURORA, R),
  'aurora.io-optimized.instance.factor': same('multiplier on the instance price for I/O-Optimized clusters', 1.3, AURORA, R),
  'rds-proxy.vcpu-hour': same('per vCPU-hour of the target instances (minimum 2 vCPUs)', 0.015, RDS_PROXY, R),
  'rds-proxy.acu-hour': same('per ACU-hour of Aurora Serverless v2 targets (minimum 8 ACUs)', 0.015, RDS_PROXY, R),
  'opensearch.instance.t3.small.search.hour': same('per instance-hour', 0.036, OPENSEARCH, R),
  'opensearch.instance.t3.medium.search.hour': same('per instance-hour', 0.073, OPENSEARCH, R),
  'opensearch.instance.m6g.large.search.hour': same('per instance-hour', 0.128, OPENSEARCH, R),
  'opensearch.instance.r6g.large.search.hour': same('per instance-hour', 0.167, OPENSEARCH, R),
  'opensearch.gp3.gb-month': same('per GB-month of gp3 EBS (3,000 IOPS / 125 MiB/s included)', 0.122, OPENSEARCH, R),
  'opensearch.serverless.ocu-hour': same('per OCU-hour (indexing or search)', 0.24, OPENSEARCH, '2026-02', { checkedAgainst: 'https://awsnegotiations.com/opensearch-serverless-cost (2026-02) and https://c3x.dev/resources/aws/aws_opensearchserverless_collection/', note: 'floor: 1 OCU (0.5 indexing + 0.5 search) without standby replicas, 2 OCUs with them (AWS Big Data Blog, half-OCU launch)' }),
  'opensearch.serverless.storage.gb-month': same('per GB-month of managed storage', 0.024, OPENSEARCH, R, { checkedAgainst: 'https://c3x.dev/resources/aws/aws_opensearchserverless_collection/' }),
  'elasticache.node.cache.t4g.micro.hour': same('per node-hour, Redis OSS', 0.016, ELASTICACHE, R),
  'elasticache.node.cache.t4g.small.hour': same('per node-hour, Redis OSS', 0.032, ELASTICACHE, R),
  'elasticache.node.cache.t4g.medium.hour': same('per node-hour, Redis OSS', 0.065, ELASTICACHE, R),
  'elasticache.node.cache.m6g.large.hour': same('per node-hour, Redis OSS', 0.149, ELASTICACHE, R),
  'elasticache.node.cache.m7g.large.hour': same('per node-hour, Redis OSS', 0.158, ELASTICACHE, R),
  'elasticache.node.cache.r6g.large.hour': same('per node-hour, Redis OSS', 0.206, ELASTICACHE, R),
  'elasticache.node.cache.r7g.large.hour': same('per node-hour, Redis OSS', 0.219, ELASTICACHE, R),
  'elasticache.valkey.factor': same('multiplier on the Redis OSS node price for Valkey', 0.8, ELASTICACHE, R),
  'elasticache.backup.gb-month': same('per GB-month of snapshot storage', 0.085, ELASTICACHE, R),
  'dynamodb.provisioned.wcu-hour': same('per WCU-hour', 0.00065, DYNAMODB_PROVISIONED, R),
  'dynamodb.provisioned.rcu-hour': same('per RCU-hour', 0.00013, DYNAMODB_PROVISIONED, R),
  'dynamodb.provisioned.replicated-wcu-hour': same('per replicated WCU-hour (global tables)', 0.00065, DYNAMODB_PROVISIONED, R, { note: 'after the November 2024 global tables price reduction' }),
  'dynamodb.on-demand.write.million': same('per 1M write request units', 0.625, DYNAMODB, R, { note: 'after the November 2024 on-demand price reduction' }),
  'dynamodb.on-demand.read.million': same('per 1M read request units', 0.125, DYNAMODB, R, { note: 'after the November 2024 on-demand price reduction' }),
  'dynamodb.on-demand.replicated-write.million': same('per 1M replicated write request units (global tables)', 0.625, DYNAMODB, R),
  'dynamodb.storage.gb-month': same('per GB-month (Standard table class)', 0.25, DYNAMODB, R),
  'dynamodb.pitr.gb-month': same('per GB-month of continuous backup (PITR)', 0.2, DYNAMODB, R),

  // --- Security, keys, secrets ---
  'kms.key.month': same('per customer managed key-month', 1.0, KMS, R, { note: 'each automatic rotation adds $1/month for the first two rotations (not included)' }),
  'kms.requests.10k': same('per 10,000 API requests', 0.03, KMS, R),
  'secretsmanager.secret.month': same('per secret-month (each replica counts as a secret)', 0.4, SECRETS, R),
  'secretsmanager.api.10k': same('per 10,000 API calls', 0.05, SECRETS, R),
  'ssm.parameter.advanced.month': same('per advanced parameter-month (standard parameters are free)', 0.05, SSM, R),
  'waf.web-acl.month': same('per web ACL-month', 5.0, WAF, R, { checkedAgainst: 'https://c3x.dev/blog/aws-waf-cost-explained/ (AWS says WAF pricing is the same in every region)' }),
  'waf.rule.month': same('per rule or rule group reference-month', 1.0, WAF, R, { checkedAgainst: 'https://c3x.dev/blog/aws-waf-cost-explained/' }),
  'waf.requests.million': same('per 1M requests inspected', 0.6, WAF, R, { checkedAgainst: 'https://c3x.dev/blog/aws-waf-cost-explained/' }),
  'waf.bot-control.month': same('per web ACL using Bot Control (common), subscription-month', 10.0, WAF, R, { checkedAgainst: 'https://c3x.dev/blog/aws-waf-cost-explained/' }),
  'waf.bot-control.requests.million': same('per 1M requests analysed by Bot Control (common)', 1.0, WAF, R, { checkedAgainst: 'https://c3x.dev/blog/aws-waf-cost-explained/' }),
  'shield.advanced.month': same('per organization-month (1-year commitment)', 3000, SHIELD, R),
  'cognito.essentials.mau': same('per monthly active user (Essentials, above 10,000)', 0.015, COGNITO, R),
  'cognito.plus.mau': same('per monthly active user (Plus)', 0.02, COGNITO, R),
  'cognito.lite.mau': same('per monthly active user (Lite, above 10,000)', 0.0055, COGNITO, R),

  // --- Observability and messaging ---
  'cloudwatch.alarm.metric.month': same('per standard-resolution alarm metric-month', 0.1, CLOUDWATCH, R),
  'cloudwatch.alarm.high-resolution.metric.month': same('per high-resolution alarm metric-month', 0.3, CLOUDWATCH, R),
  'cloudwatch.composite-alarm.month': same('per composite alarm-month', 0.5, CLOUDWATCH, R),
  'cloudwatch.dashboard.month': same('per dashboard-month (first 3 per account free, not applied)', 3.0, CLOUDWATCH, R),
  'cloudwatch.custom-metric.month': same('per custom metric-month (first 10,000)', 0.3, CLOUDWATCH, R),
  'cloudwatch.logs.ingest.gb': same('per GB ingested (Standard class)', 0.5, CLOUDWATCH, R),
  'cloudwatch.logs.infrequent.ingest.gb': same('per GB ingested (Infrequent Access class)', 0.25, CLOUDWATCH, R),
  'cloudwatch.logs.storage.gb-month': same('per GB-month archived', 0.03, CLOUDWATCH, R),
  'cloudwatch.vended-logs.gb': same('per GB of vended logs delivered (first tier)', 0.5, CLOUDWATCH, R),
  'xray.traces.million': same('per 1M traces recorded', 5.0, XRAY, R),
  'cloudtrail.data-events.100k': same('per 100,000 data events delivered', 0.1, CLOUDTRAIL, R),
  'eventbridge.custom-events.million': same('per 1M custom events published', 1.0, EVENTBRIDGE, R),
  'eventbridge.archive.gb': same('per GB of events archived', 0.1, EVENTBRIDGE, R),
  'eventbridge.scheduler.million': same('per 1M scheduled invocations (after 14M free per month)', 1.0, EVENTBRIDGE, R),
  'sqs.standard.million': same('per 1M requests (standard queue)', 0.4, SQS, R),
  'sqs.fifo.million': same('per 1M requests (FIFO queue)', 0.5, SQS, R),
  'sns.publish.million': same('per 1M publishes', 0.5, SNS, R),
  'athena.scanned.tb': same('per TB scanned', 5.0, ATHENA, R),

  // --- Edge and APIs ---
  'apigateway.rest.million': same('per 1M REST API calls (first tier)', 3.5, API_GATEWAY, R),
  'apigateway.http.million': same('per 1M HTTP API calls (first tier)', 1.0, API_GATEWAY, R),
  'apigateway.websocket.million': same('per 1M WebSocket messages (first tier)', 1.0, API_GATEWAY, R),
  'apigateway.cache.0.5.hour': same('per hour, 0.5 GB cache', 0.02, API_GATEWAY, R),
  'apigateway.cache.1.6.hour': same('per hour, 1.6 GB cache', 0.038, API_GATEWAY, R),
  'apigateway.cache.6.1.hour': same('per hour, 6.1 GB cache', 0.2, API_GATEWAY, R),
  'apigateway.cache.13.5.hour': same('per hour, 13.5 GB cache', 0.25, API_GATEWAY, R),
  'apigateway.cache.28.4.hour': same('per hour, 28.4 GB cache', 0.5, API_GATEWAY, R),
  'apigateway.cache.58.2.hour': same('per hour, 58.2 GB cache', 1.0, API_GATEWAY, R),
  'apigateway.cache.118.hour': same('per hour, 118 GB cache', 1.9, API_GATEWAY, R),
  'apigateway.cache.237.hour': same('per hour, 237 GB cache', 3.8, API_GATEWAY, R),
  'cloudfront.transfer-out.gb': same('per GB to the internet, North America/Europe (first 10 TB)', 0.085, CLOUDFRONT, R, { note: 'CloudFront is global; the same price is listed under both regions' }),
  'cloudfront.https.10k': same('per 10,000 HTTPS requests, North America/Europe', 0.01, CLOUDFRONT, R),
  'cloudfront.functions.million': same('per 1M CloudFront Functions invocations', 0.1, CLOUDFRONT, R),

  // --- Storage ---
  's3.standard.gb-month': same('per GB-month, S3 Standard (first 50 TB)', 0.023, S3, R),
  's3.replication.inter-region.gb': same('per GB replicated to another region (inter-region transfer)', 0.02, S3, R),
  'backup.warm.gb-month': same('per GB-month of warm backup storage', 0.05, BACKUP, R),
};

export class MissingPriceError extends Error {
  constructor(readonly priceId: string) {
    super(`no price "${priceId}" in src/cost/prices.ts; add the entry (both regions, source page, as-of month)`);
  }
}

export function isPriceRegion(region: string): region is PriceRegion {
  return (PRICE_REGIONS as readonly string[]).includes(region);
}

/** The price of `id` in `region`; throws MissingPriceError when the table has no such entry. */
export function priceOf(id: string, region: PriceRegion, table: Readonly<Record<string, PriceEntry>> = PRICES): number {
  const entry = Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
  if (!entry) throw new MissingPriceError(id);
  return entry[region];
}
