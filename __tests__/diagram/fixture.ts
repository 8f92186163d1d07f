/**
 * A small hand-written system "shop" (env dev) in three stacks, shaped like the synthesized output:
 * - network: VPC 10.0.0.0/16 with public (2 AZs, NAT in a), private-app (2 AZs) and one untagged
 *   data subnet, an internet gateway, 2 endpoints, a security group; a DR VPC in us-west-2.
 * - data: DynamoDB table `orders`, SQS queue `jobs` with its DLQ `jobs-dlq`, a KMS key.
 * - compute: ALB -> listener -> target group <- ECS service `api` (task definition reading the table
 *   name through remote state; task role whose policy names the queue through remote state),
 *   7 Lambda functions reading the table name, the queue feeding fn1 (event source mapping), an alarm on the ALB that
 *   notifies a topic, a log group, and one function in us-west-2.
 */
import * as fs from 'fs';
import * as path from 'path';
import { StackJson } from '../../src/diagram/terraform';

const providers = {
  aws: [
    { region: 'us-east-1', default_tags: [{ tags: { System: 'shop' } }] },
    { alias: 'us_west_2', region: 'us-west-2' },
  ],
};
const remote = (layer: string) => ({ backend: 's3', config: { bucket: 'state', key: `shop/dev/${layer}.tfstate`, region: 'us-east-1' } });
const meta = (path: string) => ({ '//': { metadata: { path, uniqueId: path.split('/').pop() } } });
const subnet = (name: string, cidr: string, az: string, tier?: string, vpc = 'vpc') => ({
  ...meta(`shop-dev-network/${name}`),
  vpc_id: `\${aws_vpc.${vpc}.id}`,
  cidr_block: cidr,
  availability_zone: az,
  tags: tier ? { Name: `shop-dev-${tier}-${az}`, Tier: tier } : { Name: `shop-dev-data-${az}` },
  ...(vpc === 'dr-vpc' ? { provider: 'aws.us_west_2' } : {}),
});

export const NETWORK: StackJson = {
  name: 'shop-dev-network',
  json: {
    provider: providers,
    resource: {
      aws_vpc: {
        vpc: { ...meta('shop-dev-network/vpc'), cidr_block: '10.0.0.0/16', tags: { Name: 'shop-dev-vpc' } },
        'dr-vpc': { ...meta('shop-dev-network/dr-vpc'), provider: 'aws.us_west_2', cidr_block: '10.1.0.0/16', tags: { Name: 'shop-dev-dr-vpc' } },
      },
      aws_subnet: {
        'public-b': subnet('public-b', '10.0.2.0/24', 'us-east-1b', 'public'),
        'public-a': subnet('public-a', '10.0.1.0/24', 'us-east-1a', 'public'),
        'app-a': subnet('app-a', '10.0.11.0/24', 'us-east-1a', 'private-app'),
        'app-b': subnet('app-b', '10.0.12.0/24', 'us-east-1b', 'private-app'),
        'data-a': subnet('data-a', '10.0.21.0/24', 'us-east-1a'),
        'dr-app-a': subnet('dr-app-a', '10.1.11.0/24', 'us-west-2a', 'private-app', 'dr-vpc'),
      },
      aws_eip: { nat: { domain: 'vpc' } },
      aws_nat_gateway: { 'nat-a': { allocation_id: '${aws_eip.nat.id}', subnet_id: '${aws_subnet.public-a.id}' } },
      aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.vpc.id}' } },
      aws_vpc_endpoint: {
        s3: { vpc_id: '${aws_vpc.vpc.id}', service_name: 'com.amazonaws.us-east-1.s3', vpc_endpoint_type: 'Gateway' },
        logs: { vpc_id: '${aws_vpc.vpc.id}', service_name: 'com.amazonaws.us-east-1.logs', vpc_endpoint_type: 'Interface', security_group_ids: ['${aws_security_group.app.id}'] },
      },
      aws_security_group: { app: { vpc_id: '${aws_vpc.vpc.id}', name: 'shop-dev-app' } },
      aws_sns_topic: { alerts: { name: 'shop-dev-alerts' } },
    },
    output: {
      vpc_id: { value: '${aws_vpc.vpc.id}' },
      public_subnet_ids: { value: ['${aws_subnet.public-a.id}', '${aws_subnet.public-b.id}'] },
      private_app_subnet_ids: { value: ['${aws_subnet.app-a.id}', '${aws_subnet.app-b.id}'] },
      alerts_topic_arn: { value: '${aws_sns_topic.alerts.arn}' },
    },
  },
};

export const DATA: StackJson = {
  name: 'shop-dev-data',
  json: {
    provider: providers,
    data: { terraform_remote_state: { network: remote('network') } },
    resource: {
      aws_kms_key: { data: { description: 'data key' } },
      aws_dynamodb_table: { orders: { name: 'shop-dev-orders', hash_key: 'id', server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.data.arn}' } } },
      aws_sqs_queue: {
        jobs: { name: 'shop-dev-jobs', redrive_policy: '{"deadLetterTargetArn":"${aws_sqs_queue.jobs-dlq.arn}","maxReceiveCount":5}' },
        'jobs-dlq': { name: 'shop-dev-jobs-dlq' },
      },
    },
    output: {
      orders_table_name: { value: '${aws_dynamodb_table.orders.name}' },
      jobs_queue_arn: { value: '${aws_sqs_queue.jobs.arn}' },
    },
  },
};

const lambda = (n: number) => ({ function_name: `shop-dev-fn${n}`, environment: { variables: { TABLE: '${data.terraform_remote_state.data.outputs.orders_table_name}' } } });

export const COMPUTE: StackJson = {
  name: 'shop-dev-compute',
  json: {
    provider: providers,
    data: { terraform_remote_state: { network: remote('network'), data: remote('data') } },
    resource: {
      aws_lb: { alb: { name: 'shop-dev-alb', load_balancer_type: 'application', internal: false, subnets: '${data.terraform_remote_state.network.outputs.public_subnet_ids}' } },
      aws_lb_listener: { https: { load_balancer_arn: '${aws_lb.alb.arn}', default_action: [{ type: 'forward', target_group_arn: '${aws_lb_target_group.api.arn}' }] } },
      aws_lb_target_group: { api: { name: 'shop-dev-api', vpc_id: '${data.terraform_remote_state.network.outputs.vpc_id}' } },
      aws_ecs_service: {
        api: {
          name: 'shop-dev-api',
          task_definition: '${aws_ecs_task_definition.api.arn}',
          load_balancer: [{ target_group_arn: '${aws_lb_target_group.api.arn}', container_port: 80 }],
          network_configuration: { subnets: '${data.terraform_remote_state.network.outputs.private_app_subnet_ids}' },
          depends_on: ['aws_lb_listener.https'],
        },
      },
      aws_ecs_task_definition: {
        api: {
          family: 'shop-dev-api',
          task_role_arn: '${aws_iam_role.task.arn}',
          container_definitions: '[{"name":"api","environment":[{"name":"TABLE","value":"${data.terraform_remote_state.data.outputs.orders_table_name}"}]}]',
        },
      },
      aws_iam_role: { task: { name: 'shop-dev-task', assume_role_policy: '{"Statement":[{"Condition":{"ArnLike":{"aws:SourceArn":"${aws_lb.alb.arn}"}}}]}' } },
      aws_iam_role_policy: { task: { role: '${aws_iam_role.task.name}', policy: '{"Statement":[{"Action":["sqs:SendMessage"],"Resource":["${data.terraform_remote_state.data.outputs.jobs_queue_arn}"]}]}' } },
      aws_lambda_function: {
        fn1: lambda(1),
        fn2: lambda(2),
        fn3: lambda(3),
        fn4: lambda(4),
        fn5: lambda(5),
        fn6: lambda(6),
        fn7: lambda(7),
        'dr-fn': { function_name: 'shop-dev-dr-fn', provider: 'aws.us_west_2' },
      },
      aws_lambda_event_source_mapping: { jobs: { event_source_arn: '${data.terraform_remote_state.data.outputs.jobs_queue_arn}', function_name: '${aws_lambda_function.fn1.arn}' } },
      aws_cloudwatch_metric_alarm: { 'alb-5xx': { alarm_name: 'shop-dev-alb-5xx', dimensions: { LoadBalancer: '${aws_lb.alb.arn_suffix}' }, alarm_actions: ['${data.terraform_remote_state.network.outputs.alerts_topic_arn}'] } },
      aws_cloudwatch_log_group: { api: { name: '/shop/dev/api', retention_in_days: 30 } },
    },
  },
};

/** The three stacks plus a bootstrap stack (no system: never drawn). */
export const STACKS: readonly StackJson[] = [
  NETWORK,
  DATA,
  COMPUTE,
  { name: 'bootstrap', json: { provider: { aws: [{ region: 'us-east-1' }] }, resource: { aws_s3_bucket: { state: { bucket: 'state' } } } } },
];

/** Writes stacks as a cdktf output directory (`stacks/<name>/cdk.tf.json`). */
export function writeOutdir(dir: string, stacks: readonly StackJson[] = STACKS): string {
  for (const s of stacks) {
    fs.mkdirSync(path.join(dir, 'stacks', s.name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', s.name, 'cdk.tf.json'), JSON.stringify(s.json, null, 2));
  }
  return dir;
}
