import { block, blocks, literal } from '../helpers';
import { PolicyContext, PolicyResource } from '../types';

/** Shared VPC topology lookups: subnet AZs, public (internet-routed) subnets. */

/** Subnets a value refers to (directly or through remote-state outputs). */
export function subnetsOf(value: unknown, context: PolicyContext): PolicyResource[] {
  return context.resolve(value).filter((r) => r.type === 'aws_subnet');
}

/** Distinct AZs of the subnets a value refers to; undefined when none resolve. */
export function subnetAzCount(value: unknown, context: PolicyContext): number | undefined {
  const subnets = subnetsOf(value, context);
  if (subnets.length === 0) return undefined;
  return new Set(subnets.map((s) => literal(s.body.availability_zone) ?? literal(s.body.availability_zone_id) ?? s.address)).size;
}

function routesToInternetGateway(table: PolicyResource, context: PolicyContext): boolean {
  const isIgw = (value: unknown) => context.resolve(value).some((r) => r.type === 'aws_internet_gateway') || /^igw-/.test(String(value ?? ''));
  if (blocks(table.body.route).some((r) => isIgw(r.gateway_id))) return true;
  return context.referrers(table, 'aws_route', 'route_table_id').some((r) => isIgw(r.resource.body.gateway_id));
}

/** A subnet is public when it maps public IPs or its route table routes to an internet gateway. */
export function isPublicSubnet(subnet: PolicyResource, context: PolicyContext): boolean {
  if (subnet.body.map_public_ip_on_launch === true) return true;
  for (const association of context.referrers(subnet, 'aws_route_table_association', 'subnet_id')) {
    for (const table of context.resolve(association.resource.body.route_table_id)) {
      if (table.type === 'aws_route_table' && routesToInternetGateway(table, context)) return true;
    }
  }
  return false;
}

/** Public subnets among those a value refers to. */
export function publicSubnetsIn(value: unknown, context: PolicyContext): PolicyResource[] {
  return subnetsOf(value, context).filter((s) => isPublicSubnet(s, context));
}

/** The first block's attribute, for `block(x)?.y` chains that read cleaner in rules. */
export function nested(value: unknown, ...path: string[]): any {
  let current: any = value;
  for (const key of path) {
    current = block(current)?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}
