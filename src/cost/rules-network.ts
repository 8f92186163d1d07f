import { assumed, hourly, monthly, perUnit, plus } from './rule-helpers';
import { CostRule, RuleContext, RuleResult } from './types';

/** Subnet (AZ) count of an endpoint or load balancer; 2 (the AWS minimum for most) when unknown. */
function subnetCount(ctx: RuleContext, attribute: string): { count: number; notes: string[] } {
  const count = ctx.stack.listLength(ctx.body[attribute]);
  if (count !== undefined) return { count, notes: [] };
  return { count: 2, notes: [`${attribute} not resolvable from the synthesized files; 2 assumed`] };
}

function interfaceEndpoint(ctx: RuleContext, attribute: string): RuleResult {
  const { count, notes } = subnetCount(ctx, attribute);
  const a = ctx.assumptions;
  return {
    fixed: hourly(ctx, 'privatelink.interface-endpoint.hour', count, 'AZ'),
    usage: assumed(`${a.endpointGb} GB processed`, perUnit(ctx, 'privatelink.interface-endpoint.gb', a.endpointGb, 'GB')),
    notes,
  };
}

const HEALTH_CHECK_FEATURES: [string, (b: Record<string, any>) => boolean][] = [
  ['HTTPS', (b) => String(b.type ?? '').startsWith('HTTPS')],
  ['string matching', (b) => String(b.type ?? '').endsWith('STR_MATCH') || b.search_string !== undefined],
  ['fast interval', (b) => Number(b.request_interval) === 10],
  ['latency measurement', (b) => b.measure_latency === true],
];

export const NETWORK_RULES: Record<string, CostRule> = {
  aws_nat_gateway: {
    class: 'priced',
    kind: 'NAT gateway',
    estimate: (ctx) => ({
      fixed: hourly(ctx, 'vpc.nat-gateway.hour', 1, 'gateway'),
      usage: assumed(`${ctx.assumptions.natGbPerGateway} GB processed`, perUnit(ctx, 'vpc.nat-gateway.gb', ctx.assumptions.natGbPerGateway, 'GB')),
    }),
  },
  aws_eip: {
    class: 'priced',
    kind: 'Public IPv4 (Elastic IP)',
    // Since February 2024 every public IPv4 address is billed, attached or idle.
    estimate: (ctx) => ({ fixed: hourly(ctx, 'vpc.public-ipv4.hour', 1, 'address') }),
  },
  aws_vpc_endpoint: {
    class: 'priced',
    kind: 'Interface endpoint',
    estimate: (ctx) => {
      const type = String(ctx.body.vpc_endpoint_type ?? 'Gateway');
      if (type === 'Gateway') return { kind: 'Gateway endpoint', free: 'gateway endpoints (S3, DynamoDB) have no hourly or data charge' };
      if (type === 'GatewayLoadBalancer') return { kind: 'GWLB endpoint', ...interfaceEndpoint(ctx, 'subnet_ids') };
      return interfaceEndpoint(ctx, 'subnet_ids');
    },
  },
  aws_opensearchserverless_vpc_endpoint: {
    class: 'priced',
    kind: 'Interface endpoint',
    // OpenSearch Serverless VPC endpoints are billed as PrivateLink interface endpoints.
    estimate: (ctx) => interfaceEndpoint(ctx, 'subnet_ids'),
  },
  aws_lb: {
    class: 'priced',
    kind: 'Load balancer',
    estimate: (ctx) => {
      const type = String(ctx.body.load_balancer_type ?? 'application');
      const a = ctx.assumptions;
      if (type === 'gateway') return { kind: 'Gateway load balancer', fixed: hourly(ctx, 'elb.gwlb.hour', 1, 'GWLB') };
      const isNlb = type === 'network';
      const base = hourly(ctx, isNlb ? 'elb.nlb.hour' : 'elb.alb.hour', 1, isNlb ? 'NLB' : 'ALB');
      let ips;
      const notes: string[] = [];
      if (ctx.body.internal !== true) {
        // An internet-facing load balancer holds a public IPv4 address per AZ.
        const subnets = subnetCount(ctx, ctx.body.subnet_mapping !== undefined ? 'subnet_mapping' : 'subnets');
        ips = hourly(ctx, 'vpc.public-ipv4.hour', subnets.count, 'public IPv4');
        notes.push(...subnets.notes);
      }
      const usage = isNlb
        ? assumed(`${a.nlbNlcu} NLCU average`, hourly(ctx, 'elb.nlb.nlcu-hour', a.nlbNlcu, 'NLCU'))
        : assumed(`${a.albLcu} LCU average`, hourly(ctx, 'elb.alb.lcu-hour', a.albLcu, 'LCU'));
      return { kind: isNlb ? 'Network load balancer' : 'Application load balancer', fixed: plus(base, ips), usage, notes };
    },
  },
  aws_route53_zone: {
    class: 'priced',
    kind: 'Route 53 hosted zone',
    estimate: (ctx) => ({
      fixed: monthly(ctx, 'route53.hosted-zone.month', 1, 'zone'),
      usage: assumed(`${ctx.assumptions.route53QueryMillionsPerZone}M standard queries`, perUnit(ctx, 'route53.queries.million', ctx.assumptions.route53QueryMillionsPerZone * 1e6, 'queries', 1e6)),
    }),
  },
  aws_service_discovery_private_dns_namespace: {
    class: 'priced',
    kind: 'Route 53 hosted zone',
    // Cloud Map creates a private hosted zone for a DNS namespace.
    estimate: (ctx) => ({ kind: 'Cloud Map DNS namespace (hosted zone)', fixed: monthly(ctx, 'route53.hosted-zone.month', 1, 'zone') }),
  },
  aws_service_discovery_public_dns_namespace: {
    class: 'priced',
    kind: 'Cloud Map DNS namespace (hosted zone)',
    estimate: (ctx) => ({ fixed: monthly(ctx, 'route53.hosted-zone.month', 1, 'zone') }),
  },
  aws_service_discovery_service: {
    class: 'priced',
    kind: 'Cloud Map service instances',
    estimate: (ctx) => {
      // Instances are the tasks of the ECS services registering here.
      const services = ctx.stack.referrers('aws_ecs_service', { type: ctx.type, name: ctx.name, body: ctx.body }, 'service_registries');
      const tasks = services.reduce((n, s) => n + Number(s.body.desired_count ?? 1), 0) || 1;
      return { fixed: monthly(ctx, 'cloudmap.registered-instance.month', tasks, 'registered instance'), notes: services.length ? [] : ['no ECS service registers here; 1 instance assumed'] };
    },
  },
  aws_route53_health_check: {
    class: 'priced',
    kind: 'Route 53 health check',
    estimate: (ctx) => {
      const type = String(ctx.body.type ?? '');
      // Health checks of CloudWatch alarms and calculated ones are billed as basic AWS-endpoint checks;
      // an endpoint check is assumed to target an AWS resource of the same account (ALB, API).
      const base = monthly(ctx, 'route53.health-check.aws.month', 1, 'health check');
      if (type === 'CLOUDWATCH_METRIC' || type === 'CALCULATED' || type === 'RECOVERY_CONTROL') return { fixed: base };
      const features = HEALTH_CHECK_FEATURES.filter(([, on]) => on(ctx.body)).map(([name]) => name);
      const extra = features.length ? monthly(ctx, 'route53.health-check.feature.aws.month', features.length, `optional feature (${features.join(', ')})`) : undefined;
      return { fixed: plus(base, extra), notes: ['priced as an AWS endpoint of the same account'] };
    },
  },
  aws_flow_log: {
    class: 'usage',
    kind: 'VPC flow logs',
    estimate: (ctx) => ({ usage: assumed(`${ctx.assumptions.flowLogGb} GB of flow logs delivered`, perUnit(ctx, 'cloudwatch.vended-logs.gb', ctx.assumptions.flowLogGb, 'GB')) }),
  },
};
