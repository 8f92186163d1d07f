/**
 * The network context of an environment as VPC boxes: one node per subnet tier listing its AZs and
 * CIDRs (and the NAT gateways in it), one node for the VPC endpoints, the internet gateway in the
 * box title. Derived from the aws_vpc / aws_subnet / aws_nat_gateway / aws_internet_gateway /
 * aws_vpc_endpoint resources and their references.
 */
import { EnvGraph, GraphNode } from './graph';
import { byText, displayName, lines, sanitizeId } from './labels';

export interface NetworkNode {
  readonly id: string;
  readonly lines: readonly string[];
}

export interface VpcBox {
  readonly id: string;
  readonly layer: string;
  readonly region: string;
  readonly secondary: boolean;
  readonly title: string;
  readonly nodes: readonly NetworkNode[];
}

export interface NetworkView {
  readonly boxes: readonly VpcBox[];
  /** Display node of each subnet, NAT gateway and endpoint (by graph key); a VPC maps to its box id. */
  readonly displayOf: ReadonlyMap<string, string>;
}

/** The first flow target of `node` of the given type (a subnet's VPC, a NAT gateway's subnet). */
function targetOfType(graph: EnvGraph, node: GraphNode, type: string): GraphNode | undefined {
  for (const key of graph.flows.get(node.key) ?? []) {
    const target = graph.nodes.get(key)!;
    if (target.type === type) return target;
  }
  return undefined;
}

function cidrValue(cidr: string): number {
  const [address] = cidr.split('/');
  const parts = address.split('.').map(Number);
  return parts.length === 4 && parts.every((p) => p >= 0 && p <= 255) ? ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3] : Number.MAX_SAFE_INTEGER;
}

/** The tier of a subnet: its `Tier` tag, else its name without the environment prefix and AZ. */
export function subnetTier(subnet: GraphNode, prefix: string): string {
  const tag = subnet.body.tags?.Tier;
  if (typeof tag === 'string' && tag !== '') return tag;
  const az = String(subnet.body.availability_zone ?? '');
  const name = typeof subnet.body.tags?.Name === 'string' ? subnet.body.tags.Name : '';
  let tier = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  if (az && tier.endsWith(`-${az}`)) tier = tier.slice(0, -az.length - 1);
  return tier || 'subnets';
}

export function networkView(graph: EnvGraph): NetworkView {
  const prefix = `${graph.system}-${graph.env}-`;
  const of = (type: string) => [...graph.nodes.values()].filter((n) => n.type === type);
  const displayOf = new Map<string, string>();

  // A box per VPC, plus one per stack x region for subnets whose VPC is not in these stacks.
  interface Box {
    id: string;
    layer: string;
    region: string;
    secondary: boolean;
    title: string;
    igw: boolean;
    tiers: Map<string, { cidr: number; subnets: { az: string; cidr: string }[]; nats: string[] }>;
    endpoints: { service: string; type: string }[];
  }
  const boxes = new Map<string, Box>();
  const newBox = (key: string, id: string, node: GraphNode, title: string) => {
    const box: Box = { id, layer: node.layer, region: node.region, secondary: node.secondary, title, igw: false, tiers: new Map(), endpoints: [] };
    boxes.set(key, box);
    return box;
  };
  for (const vpc of of('aws_vpc')) {
    const name = displayName(vpc.type, vpc.name, vpc.body, prefix);
    const box = newBox(vpc.key, sanitizeId(`V_${vpc.layer}_${vpc.name}`), vpc, `${name === 'vpc' ? 'VPC' : `VPC ${name}`} · ${vpc.body.cidr_block ?? '?'}`);
    displayOf.set(vpc.key, box.id);
  }
  const boxOf = (node: GraphNode): Box => {
    const vpc = targetOfType(graph, node, 'aws_vpc');
    if (vpc) return boxes.get(vpc.key)!;
    const key = `${node.stack}|${node.region}`;
    return boxes.get(key) ?? newBox(key, sanitizeId(`V_${node.layer}_${node.region}_subnets`), node, `subnets outside a VPC of these stacks (${node.region})`);
  };

  const tierIds = new Map<string, string>();
  for (const subnet of of('aws_subnet')) {
    const box = boxOf(subnet);
    const tier = subnetTier(subnet, prefix);
    const cidr = String(subnet.body.cidr_block ?? '?');
    if (!box.tiers.has(tier)) box.tiers.set(tier, { cidr: cidrValue(cidr), subnets: [], nats: [] });
    const entry = box.tiers.get(tier)!;
    entry.cidr = Math.min(entry.cidr, cidrValue(cidr));
    entry.subnets.push({ az: String(subnet.body.availability_zone ?? subnet.body.availability_zone_id ?? '?'), cidr });
    const id = sanitizeId(`${box.id}_${tier}`);
    displayOf.set(subnet.key, id);
    tierIds.set(subnet.key, id);
  }
  for (const nat of of('aws_nat_gateway')) {
    const subnet = targetOfType(graph, nat, 'aws_subnet');
    if (!subnet || !tierIds.has(subnet.key)) continue;
    const box = boxOf(subnet);
    box.tiers.get(subnetTier(subnet, prefix))!.nats.push(String(subnet.body.availability_zone ?? '?'));
    displayOf.set(nat.key, tierIds.get(subnet.key)!);
  }
  for (const igw of of('aws_internet_gateway')) {
    const vpc = targetOfType(graph, igw, 'aws_vpc');
    if (vpc) {
      boxes.get(vpc.key)!.igw = true;
      displayOf.set(igw.key, boxes.get(vpc.key)!.id);
    }
  }
  for (const endpoint of of('aws_vpc_endpoint')) {
    const box = boxOf(endpoint);
    const service = String(endpoint.body.service_name ?? endpoint.name).replace(/^com\.amazonaws\.(vpce\.)?[a-z0-9-]+\./, '');
    box.endpoints.push({ service, type: String(endpoint.body.vpc_endpoint_type ?? 'Gateway').toLowerCase() });
    displayOf.set(endpoint.key, `${box.id}_endpoints`);
  }

  const views: VpcBox[] = [...boxes.values()]
    .sort((a, b) => byText(a.id, b.id))
    .map((box) => {
      const nodes: NetworkNode[] = [...box.tiers.entries()]
        .sort(([ta, a], [tb, b]) => a.cidr - b.cidr || byText(ta, tb))
        .map(([tier, t]) => {
          const subnets = [...t.subnets].sort((a, b) => byText(a.az, b.az) || cidrValue(a.cidr) - cidrValue(b.cidr));
          const azs = new Set(subnets.map((s) => s.az)).size;
          const nats = [...t.nats].sort();
          return {
            id: sanitizeId(`${box.id}_${tier}`),
            lines: [`${tier} subnets · ${azs} AZ${azs === 1 ? '' : 's'}`, ...subnets.map((s) => `${s.az} ${s.cidr}`), ...(nats.length > 0 ? [`NAT gateway${nats.length === 1 ? '' : 's'}: ${nats.join(', ')}`] : [])],
          };
        });
      if (box.endpoints.length > 0) {
        const byType = (type: string) => box.endpoints.filter((e) => e.type === type).map((e) => e.service).sort();
        const types = [...new Set(box.endpoints.map((e) => e.type))].sort();
        nodes.push({
          id: `${box.id}_endpoints`,
          lines: [`${box.endpoints.length} VPC endpoint${box.endpoints.length === 1 ? '' : 's'}`, ...types.flatMap((type) => lines(byType(type), 4).map((line, i) => (i === 0 ? `${type}: ${line}` : line)))],
        });
      }
      return { id: box.id, layer: box.layer, region: box.region, secondary: box.secondary, title: box.igw ? `${box.title} · internet gateway` : box.title, nodes };
    });
  return { boxes: views, displayOf };
}
