import * as fs from 'fs';
import * as path from 'path';
import { StackDocument } from '../../src/policy/context';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

interface StackOptions {
  readonly providers?: Record<string, unknown>[];
  readonly outputs?: Record<string, unknown>;
  /** terraform_remote_state id -> state key (`shop/dev/network.tfstate`). */
  readonly remote?: Record<string, string>;
}

/** A hand-written synthesized stack: Terraform JSON as cdktf writes it. */
export function stack(name: string, resource: Resources, options: StackOptions = {}): StackDocument {
  const json: Record<string, unknown> = {
    provider: { aws: options.providers ?? [{ region: 'us-east-1' }] },
    resource,
  };
  if (options.outputs) json.output = Object.fromEntries(Object.entries(options.outputs).map(([k, value]) => [k, { value }]));
  if (options.remote) {
    json.data = { terraform_remote_state: Object.fromEntries(Object.entries(options.remote).map(([id, key]) => [id, { backend: 's3', config: { bucket: 'state', key, region: 'us-east-1' } }])) };
  }
  return { name, json };
}

/**
 * Environment shop/dev, priced by hand (us-east-1 list prices of src/cost/prices.ts, 730 h):
 *
 * shop-dev-network                                          fixed     traffic
 *   NAT gateway        730 x 0.045                          32.85      50 GB x 0.045 = 2.25
 *   Elastic IP         730 x 0.005                           3.65
 *   logs endpoint      3 AZ x 730 x 0.01                    21.90      10 GB x 0.01 = 0.10
 *   S3 gateway endpoint                                      free
 *   hosted zone                                              0.50      1M queries x 0.40/1M = 0.40
 *   budget ($300)                                            free
 *                                                           58.90      2.75
 * shop-dev-compute
 *   ALB (internet-facing, 3 public subnets via remote state)
 *                      730 x 0.0225 + 3 x 730 x 0.005 = 27.375 -> 27.38      1 LCU x 730 x 0.008 = 5.84
 *   ECS service: 3 tasks of 1 vCPU / 2 GB, FARGATE base 1 weight 1, FARGATE_SPOT weight 1
 *                -> 2 on-demand + 1 Spot task
 *                      2 x 730 x (0.04048 + 2 x 0.004445) = 72.0802
 *                    + 1 x 730 x (0.01214 + 2 x 0.00133)  = 10.804   -> 82.88
 *   Lambda 512 MB x86 with provisioned concurrency 5:
 *     PC               5 x 0.5 GB x 2,628,000 s x 0.0000041667 = 27.3752 -> 27.38
 *     invocations      1M x 0.20/1M + 1M x 0.2 s x 0.5 GB x 0.0000097222 = 0.2 + 0.97222 -> 1.17 (traffic)
 *   alarms             1 metric 0.10 + metric math of 2 metrics 0.20 + anomaly band (3 metrics) 0.30 = 0.60
 *   dashboard                                                3.00
 *                      27.38 + 82.88 + 27.38 + 0.60 + 3.00 = 141.24      5.84 + 1.17 = 7.01
 * shop-dev-data
 *   Aurora serverless v2 (0.5-4 ACU), 2 instances: 2 x 0.5 ACU x 730 x 0.12 = 2 x 43.80 = 87.60
 *                      traffic 2 x (1 ACU x 219 h x 0.12) = 2 x 26.28 = 52.56
 *   cluster storage    20 GB x 0.10 + 10M I/O x 0.20/1M = 4.00 (traffic)
 *   RDS Proxy on the serverless cluster: 2 x 0.5 = 1 ACU, minimum 8: 8 x 730 x 0.015 = 87.60
 *   DynamoDB provisioned 10 RCU/5 WCU + GSI 5/5: 15 x 730 x 0.00013 + 10 x 730 x 0.00065
 *                      = 1.4235 + 4.745 = 6.1685 -> 6.17      storage 1 GB x 0.25 = 0.25
 *   secret + 1 replica 2 x 0.40 = 0.80                         10k calls x 0.05/10k = 0.05
 *   KMS key            1.00                                    10k requests x 0.03/10k = 0.03
 *   SSM standard parameter                                     free
 *                      87.60 + 87.60 + 6.17 + 0.80 + 1.00 = 183.17      52.56 + 4.00 + 0.25 + 0.05 + 0.03 = 56.89
 *
 * shop/dev: fixed 58.90 + 141.24 + 183.17 = 383.31; traffic 2.75 + 7.01 + 56.89 = 66.65; total 449.96
 * budget 300.00 -> over by 149.96
 */
export const SHOP_DEV: readonly StackDocument[] = [
  stack(
    'shop-dev-network',
    {
      aws_subnet: { public_a: { cidr_block: '10.0.0.0/24' }, public_b: { cidr_block: '10.0.1.0/24' }, public_c: { cidr_block: '10.0.2.0/24' } },
      aws_nat_gateway: { nat: { allocation_id: '${aws_eip.nat.allocation_id}', subnet_id: '${aws_subnet.public_a.id}' } },
      aws_eip: { nat: { domain: 'vpc' } },
      aws_vpc_endpoint: {
        logs: { vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.us-east-1.logs', subnet_ids: ['${aws_subnet.public_a.id}', '${aws_subnet.public_b.id}', '${aws_subnet.public_c.id}'] },
        s3: { vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.us-east-1.s3' },
      },
      aws_route53_zone: { zone: { name: 'dev.shop.example' } },
      aws_budgets_budget: { monthly: { budget_type: 'COST', limit_amount: '300.00', limit_unit: 'USD', time_unit: 'MONTHLY', name: 'shop-dev-monthly' } },
    },
    { outputs: { public_subnet_ids: ['${aws_subnet.public_a.id}', '${aws_subnet.public_b.id}', '${aws_subnet.public_c.id}'] } },
  ),
  stack(
    'shop-dev-compute',
    {
      aws_lb: { web: { load_balancer_type: 'application', internal: false, subnets: '${data.terraform_remote_state.network.outputs.public_subnet_ids}' } },
      aws_ecs_task_definition: { api: { cpu: '1024', memory: '2048', runtime_platform: { cpu_architecture: 'X86_64' } } },
      aws_ecs_service: {
        api: {
          desired_count: 3,
          task_definition: '${aws_ecs_task_definition.api.arn}',
          capacity_provider_strategy: [
            { capacity_provider: 'FARGATE', base: 1, weight: 1 },
            { capacity_provider: 'FARGATE_SPOT', weight: 1 },
          ],
        },
      },
      aws_lambda_function: { worker: { function_name: 'worker', memory_size: 512, architectures: ['x86_64'] } },
      aws_lambda_provisioned_concurrency_config: { worker: { function_name: '${aws_lambda_function.worker.function_name}', provisioned_concurrent_executions: 5, qualifier: 'live' } },
      aws_cloudwatch_metric_alarm: {
        cpu: { metric_name: 'CPUUtilization', period: 60 },
        errors_rate: {
          metric_query: [
            { id: 'm1', metric: { metric_name: 'Errors', period: 300 } },
            { id: 'm2', metric: { metric_name: 'Invocations', period: 300 } },
            { id: 'e1', expression: 'm1 / m2', return_data: true },
          ],
        },
        latency_anomaly: {
          metric_query: [
            { id: 'm1', metric: { metric_name: 'Latency', period: 300 } },
            { id: 'ad1', expression: 'ANOMALY_DETECTION_BAND(m1, 2)', return_data: true },
          ],
        },
      },
      aws_cloudwatch_dashboard: { main: { dashboard_name: 'shop-dev' } },
    },
    { remote: { network: 'shop/dev/network.tfstate' } },
  ),
  stack('shop-dev-data', {
    aws_rds_cluster: { db: { engine: 'aurora-postgresql', serverlessv2_scaling_configuration: { min_capacity: 0.5, max_capacity: 4 } } },
    aws_rds_cluster_instance: {
      db_1: { cluster_identifier: '${aws_rds_cluster.db.id}', instance_class: 'db.serverless', engine: 'aurora-postgresql' },
      db_2: { cluster_identifier: '${aws_rds_cluster.db.id}', instance_class: 'db.serverless', engine: 'aurora-postgresql' },
    },
    aws_db_proxy: { db: { name: 'shop-dev', engine_family: 'POSTGRESQL' } },
    aws_db_proxy_target: { db: { db_proxy_name: '${aws_db_proxy.db.name}', db_cluster_identifier: '${aws_rds_cluster.db.id}', target_group_name: 'default' } },
    aws_dynamodb_table: {
      orders: { billing_mode: 'PROVISIONED', read_capacity: 10, write_capacity: 5, global_secondary_index: [{ name: 'by-customer', read_capacity: 5, write_capacity: 5 }] },
    },
    aws_secretsmanager_secret: { api: { name: 'api', replica: [{ region: 'us-west-2' }] } },
    aws_kms_key: { data: { enable_key_rotation: true } },
    aws_ssm_parameter: { flag: { type: 'String', value: 'on' } },
  }),
];

/**
 * Environment shop/prod (no budget), two more regions:
 *   NAT gateway in us-west-2 (provider aws.west)      32.85 fixed, 2.25 traffic (same prices as us-east-1)
 *   OpenSearch Serverless collection, standby on      2 OCU x 730 x 0.24 = 350.40; 1 GB x 0.024 = 0.024 -> 0.02
 *   KMS key in eu-west-1 (not in the table: priced as us-east-1)   1.00; 0.03
 *   aws_made_up_thing                                 unclassified, not priced
 * shop/prod: fixed 32.85 + 350.40 + 1.00 = 384.25; traffic 2.25 + 0.02 + 0.03 = 2.30; total 386.55
 */
export const SHOP_PROD: readonly StackDocument[] = [
  stack(
    'shop-prod-network',
    {
      aws_nat_gateway: { west: { provider: 'aws.west', subnet_id: 'subnet-1' } },
      aws_opensearchserverless_collection: { kb: { name: 'kb', standby_replicas: 'ENABLED', type: 'VECTORSEARCH' } },
      aws_kms_key: { eu: { provider: 'aws.eu' } },
      aws_made_up_thing: { x: { size: 'huge' } },
    },
    { providers: [{ region: 'us-east-1' }, { alias: 'west', region: 'us-west-2' }, { alias: 'eu', region: 'eu-west-1' }] },
  ),
];

/** Writes stacks as a cdktf output directory (manifest.json + stacks/<name>/cdk.tf.json). */
export function writeOutput(dir: string, stacks: readonly StackDocument[]): string {
  const manifest: Record<string, unknown> = { stacks: {} };
  for (const s of stacks) {
    const rel = path.join('stacks', s.name, 'cdk.tf.json');
    fs.mkdirSync(path.join(dir, 'stacks', s.name), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), JSON.stringify(s.json, null, 2));
    (manifest.stacks as Record<string, unknown>)[s.name] = { name: s.name, synthesizedStackPath: rel };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
