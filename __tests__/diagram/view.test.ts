import { generateFiles } from '../../src/diagram/files';
import { buildEnvGraph } from '../../src/diagram/graph';
import { renderMermaid } from '../../src/diagram/mermaid';
import { buildView } from '../../src/diagram/view';
import { STACKS } from './fixture';

const graph = buildEnvGraph(STACKS, 'shop', 'dev');
const view = buildView(graph, { all: false, maxPerKind: 5 });
const node = (id: string) => view.nodes.find((n) => n.id === id);

describe('the default view of the fixture (cap 5)', () => {
  test('subnets are grouped per VPC into one node per tier, listing AZs and CIDRs, lowest CIDR first', () => {
    const main = view.vpcs.find((v) => v.id === 'V_network_vpc')!;
    expect(main.title).toBe('VPC · 10.0.0.0/16 · internet gateway');
    expect(main.nodes).toEqual([
      { id: 'V_network_vpc_public', lines: ['public subnets · 2 AZs', 'us-east-1a 10.0.1.0/24', 'us-east-1b 10.0.2.0/24', 'NAT gateway: us-east-1a'] },
      { id: 'V_network_vpc_private_app', lines: ['private-app subnets · 2 AZs', 'us-east-1a 10.0.11.0/24', 'us-east-1b 10.0.12.0/24'] },
      // No Tier tag: the tier comes from the Name tag without the env prefix and the AZ.
      { id: 'V_network_vpc_data', lines: ['data subnets · 1 AZ', 'us-east-1a 10.0.21.0/24'] },
      { id: 'V_network_vpc_endpoints', lines: ['2 VPC endpoints', 'gateway: s3', 'interface: logs'] },
    ]);
    expect(view.vpcs.find((v) => v.id === 'V_network_dr_vpc')).toMatchObject({ region: 'us-west-2', secondary: true, title: 'VPC dr-vpc · 10.1.0.0/16' });
  });

  test('plumbing is left out and counted by type; the DLQ is plumbing', () => {
    expect(view.leftOut).toEqual([
      ['aws_cloudwatch_log_group', 1],
      ['aws_cloudwatch_metric_alarm', 1],
      ['aws_ecs_task_definition', 1],
      ['aws_eip', 1],
      ['aws_iam_role', 1],
      ['aws_iam_role_policy', 1],
      ['aws_kms_key', 1],
      ['aws_lambda_event_source_mapping', 1],
      ['aws_lb_listener', 1],
      ['aws_lb_target_group', 1],
      ['aws_security_group', 1],
      ['aws_sqs_queue', 1],
    ]);
    // 37 resources - 12 left out = 25: 12 in the VPC boxes + 13 in nodes (topic, table, queue, ALB, service, 8 functions).
    expect(view.drawn).toBe(25);
    // Sorted by code unit (the same on every machine): upper case first.
    expect(view.nodes.map((n) => n.id)).toEqual(['G_compute_lambda', 'compute_alb', 'compute_api', 'compute_dr_fn', 'data_jobs', 'data_orders', 'network_alerts']);
  });

  test('more than 5 functions in one layer and region are one node listing their names; the one in us-west-2 stays apart', () => {
    expect(node('G_compute_lambda')).toMatchObject({ shape: 'round', lines: ['7 Lambda functions', 'fn1, fn2, fn3', 'fn4, fn5, fn6', 'fn7'] });
    expect(node('G_compute_lambda')!.members).toHaveLength(7);
    expect(node('compute_dr_fn')).toMatchObject({ region: 'us-west-2', lines: ['Lambda function', 'dr-fn'] });
    expect(node('compute_alb')!.lines).toEqual(['ALB · internet-facing', 'alb']);
  });

  test('edges collapse through plumbing and across layers through remote state; alarms, trust policies, subnets and DLQs draw none', () => {
    expect(view.edges).toEqual([
      ['G_compute_lambda', 'data_orders'], // environment TABLE via data.outputs.orders_table_name
      ['compute_alb', 'compute_api'], // ALB -> listener -> target group -> service
      ['compute_api', 'data_jobs'], // service -> task definition -> task role -> policy -> jobs_queue_arn
      ['compute_api', 'data_orders'], // service -> task definition -> TABLE
      ['data_jobs', 'G_compute_lambda'], // queue -> event source mapping -> fn1, drawn to its group
    ]);
  });

  test('a higher cap draws each function', () => {
    const wide = buildView(graph, { all: false, maxPerKind: 10 });
    expect(wide.nodes.filter((n) => n.lines[0] === 'Lambda function')).toHaveLength(8);
    expect(wide.edges).toContainEqual(['data_jobs', 'compute_fn1']);
    expect(wide.edges.filter(([, to]) => to === 'data_orders')).toHaveLength(8);
  });

  test('Mermaid: the second region is its own subgraph, layers inside regions, VPC box inside the network layer', () => {
    const text = renderMermaid(view);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('  subgraph R_us_east_1["us-east-1 (primary region)"]\n    subgraph L_compute_us_east_1["compute · shop-dev-compute"]\n');
    expect(text).toContain('  subgraph R_us_west_2["us-west-2 (second region)"]\n    subgraph L_compute_us_west_2["compute · shop-dev-compute"]\n      compute_dr_fn("Lambda function<br/>dr-fn")\n    end\n');
    expect(text).toContain('      subgraph V_network_vpc["VPC · 10.0.0.0/16 · internet gateway"]\n        V_network_vpc_public["public subnets · 2 AZs<br/>us-east-1a 10.0.1.0/24<br/>us-east-1b 10.0.2.0/24<br/>NAT gateway: us-east-1a"]\n');
    expect(text).toContain('      data_orders[("DynamoDB table<br/>orders")]\n');
    expect(text).toContain('      data_jobs[/"SQS queue<br/>jobs"/]\n');
    expect(text.endsWith('  data_jobs --> G_compute_lambda\n')).toBe(true);
  });
});

describe('--all and --stack', () => {
  test('--all draws plumbing (the DLQ as a dead-letter queue) with direct edges, and the network tiers take part', () => {
    const all = buildView(graph, { all: true, maxPerKind: 5 });
    expect(all.leftOut).toEqual([]);
    expect(all.nodes.find((n) => n.id === 'data_jobs_dlq')!.lines).toEqual(['SQS dead-letter queue', 'jobs-dlq']);
    expect(all.edges).toContainEqual(['compute_alb_5xx', 'compute_alb']);
    expect(all.edges).toContainEqual(['compute_alb_5xx', 'network_alerts']);
    // The fixture reuses the name `api` for the service, task definition, target group and log group: ids take the type.
    expect(all.edges).toContainEqual(['compute_ecs_service_api', 'V_network_vpc_private_app']);
    expect(all.edges).toContainEqual(['compute_lb_target_group_api', 'compute_ecs_service_api']);
    expect(all.edges).toContainEqual(['compute_alb', 'compute_https']);
  });

  test('--stack draws one stack in full plus the resources of other stacks it has edges with', () => {
    const one = buildView(graph, { all: true, maxPerKind: Number.MAX_SAFE_INTEGER, stack: 'shop-dev-data' });
    // The data stack's 4 resources, and what has a reference with them: the task definition `api` and the 7
    // functions (TABLE), the task role policy `task` (the queue), the event source mapping `jobs` (fed by the queue).
    expect(one.nodes.map((n) => n.id)).toEqual([
      'compute_api',
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => `compute_fn${i}`),
      'compute_jobs',
      'compute_task',
      'data_data',
      'data_jobs',
      'data_jobs_dlq',
      'data_orders',
    ]);
    expect(one.edges).toContainEqual(['data_orders', 'data_data']); // table -> its KMS key
    expect(one.vpcs).toEqual([]);
  });
});

describe('determinism', () => {
  test('the same files whatever the order of the stacks, and twice in a row', () => {
    const a = generateFiles(STACKS, { all: false, maxPerKind: 5 });
    const b = generateFiles([...STACKS].reverse(), { all: false, maxPerKind: 5 });
    expect([...a.keys()]).toEqual(['README.md', 'shop-dev.md']);
    expect(b).toEqual(a);
    expect(generateFiles(STACKS, { all: false, maxPerKind: 5 })).toEqual(a);
    expect(a.get('shop-dev.md')).not.toMatch(/\/tmp|\/work|\d{4}-\d{2}-\d{2}T/);
  });
});
