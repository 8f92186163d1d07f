import { buildEnvGraph, environmentsOf } from '../../src/diagram/graph';
import { displayName } from '../../src/diagram/labels';
import { findReferences, parseStackName, providerRegions, remoteStateStack } from '../../src/diagram/terraform';
import { COMPUTE, DATA, NETWORK, STACKS } from './fixture';

const C = 'shop-dev-compute';
const D = 'shop-dev-data';
const N = 'shop-dev-network';

describe('reading the Terraform JSON', () => {
  test('stack names split into system, env and layer (systems may contain dashes); bootstrap is no system stack', () => {
    expect(parseStackName('partner-mgmt-prod-compute')).toEqual({ system: 'partner-mgmt', env: 'prod', layer: 'compute' });
    expect(parseStackName('bootstrap')).toBeUndefined();
    expect(environmentsOf(STACKS)).toEqual([{ system: 'shop', env: 'dev' }]);
  });

  test('references carry their attribute path; depends_on and look-alike literals are not references', () => {
    const isResource = (t: string, n: string) => t === 'aws_lb' && n === 'alb';
    const refs = findReferences(
      {
        listener: { load_balancer_arn: '${aws_lb.alb.arn}' },
        depends_on: ['aws_lb.alb'],
        note: 'aws_lb.alb is named here without interpolation',
        other: '${aws_lb.missing.arn} ${data.aws_lb.alb.arn}',
        subnets: '${data.terraform_remote_state.network.outputs.private_app_subnet_ids[0]}',
      },
      isResource,
    );
    expect(refs).toEqual([
      { kind: 'resource', type: 'aws_lb', name: 'alb', path: 'listener.load_balancer_arn' },
      { kind: 'remote', source: 'network', output: 'private_app_subnet_ids', path: 'subnets' },
    ]);
  });

  test('provider aliases map to regions; a remote-state source maps to its stack by state key', () => {
    expect(providerRegions(NETWORK.json)).toEqual({ primary: 'us-east-1', byAlias: new Map([['aws.us_west_2', 'us-west-2']]) });
    expect(remoteStateStack(COMPUTE.json, 'data')).toBe('shop-dev-data');
    expect(remoteStateStack(COMPUTE.json, 'nope')).toBeUndefined();
  });

  test('display names drop the environment prefix, interpolations and a trailing account id', () => {
    expect(displayName('aws_s3_bucket', 'b_1234ABCD', { bucket: 'shop-dev-media-123456789012' }, 'shop-dev-')).toBe('media');
    expect(displayName('aws_s3_bucket', 'b_1234ABCD', { bucket: 'shop-dev-${var.x}' }, 'shop-dev-')).toBe('…');
    // No name attribute: the Terraform name without its CDKTF hash.
    expect(displayName('aws_cloudfront_distribution', 'site_distribution_6EE6CCB7', {}, 'shop-dev-')).toBe('site_distribution');
  });
});

describe('the environment graph', () => {
  const graph = buildEnvGraph(STACKS, 'shop', 'dev');
  const flows = (key: string) => graph.flows.get(key) ?? [];

  test('holds every resource of the three stacks (37), each with its region', () => {
    // network 15 (2 VPCs, 6 subnets, EIP, NAT, IGW, 2 endpoints, SG, topic) + data 4 + compute 18.
    expect(graph.nodes.size).toBe(37);
    expect(graph.stacks.map((s) => [s.name, s.resources])).toEqual([
      [C, 18],
      [D, 4],
      [N, 15],
    ]);
    expect(graph.nodes.get(`${C}/aws_lambda_function.dr-fn`)).toMatchObject({ region: 'us-west-2', secondary: true });
    expect(graph.nodes.get(`${C}/aws_lambda_function.fn1`)).toMatchObject({ region: 'us-east-1', secondary: false });
  });

  test('flows follow references, flipped where traffic runs the other way', () => {
    // The listener names the load balancer, but the load balancer sends to the listener.
    expect(flows(`${C}/aws_lb.alb`)).toContain(`${C}/aws_lb_listener.https`);
    expect(flows(`${C}/aws_lb_listener.https`)).toEqual([`${C}/aws_lb_target_group.api`]);
    // The service names its target group, but the target group sends to the service.
    expect(flows(`${C}/aws_lb_target_group.api`)).toContain(`${C}/aws_ecs_service.api`);
    // depends_on is not a flow.
    expect(flows(`${C}/aws_ecs_service.api`)).not.toContain(`${C}/aws_lb_listener.https`);
  });

  test('remote-state reads resolve to the upstream resource the output refers to', () => {
    // TABLE = data.outputs.orders_table_name = ${aws_dynamodb_table.orders.name} in shop-dev-data.
    expect(flows(`${C}/aws_ecs_task_definition.api`)).toEqual([`${C}/aws_iam_role.task`, `${D}/aws_dynamodb_table.orders`]);
    // subnets = network.outputs.private_app_subnet_ids = the two app subnets.
    expect(flows(`${C}/aws_ecs_service.api`)).toEqual([`${C}/aws_ecs_task_definition.api`, `${N}/aws_subnet.app-a`, `${N}/aws_subnet.app-b`]);
    // An event source mapping is fed by its source: queue -> mapping -> function.
    expect(flows(`${D}/aws_sqs_queue.jobs`)).toEqual([`${C}/aws_lambda_event_source_mapping.jobs`]);
  });

  test('an output that re-exports an upstream output resolves through both stacks', () => {
    const data = { ...DATA, json: { ...DATA.json, output: { ...DATA.json.output, vpc: { value: '${data.terraform_remote_state.network.outputs.vpc_id}' } } } };
    const compute = { ...COMPUTE, json: { ...COMPUTE.json, resource: { ...COMPUTE.json.resource, aws_security_group: { x: { vpc_id: '${data.terraform_remote_state.data.outputs.vpc}' } } } } };
    const g = buildEnvGraph([NETWORK, data, compute], 'shop', 'dev');
    expect(g.flows.get(`${C}/aws_security_group.x`)).toEqual([`${N}/aws_vpc.vpc`]);
  });

  test('a queue named as a dead-letter target is known as a DLQ, and the redrive reference is no flow', () => {
    expect([...graph.deadLetterQueues]).toEqual([`${D}/aws_sqs_queue.jobs-dlq`]);
    expect(flows(`${D}/aws_sqs_queue.jobs`)).not.toContain(`${D}/aws_sqs_queue.jobs-dlq`);
  });

  test('trust policies are not access: the role does not flow to the load balancer it trusts', () => {
    expect(flows(`${C}/aws_iam_role.task`)).toEqual([`${C}/aws_iam_role_policy.task`]);
  });
});
