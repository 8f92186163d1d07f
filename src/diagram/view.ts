/**
 * What one diagram draws: the kept resources as nodes (repeated kinds grouped into one node above a
 * cap), the VPC boxes, and the edges between drawn nodes, collapsed through connector plumbing.
 */
import { EnvGraph, GraphNode } from './graph';
import { DLQ_KIND, Kind, NETWORK_TYPES, Shape, isConnector, mainKind, plumbingKind } from './kinds';
import { byText, displayName, lines, sanitizeId } from './labels';
import { VpcBox, networkView } from './network';

export interface ViewOptions {
  /** Draw plumbing too (every resource). */
  readonly all: boolean;
  /** More resources of one kind in one layer and region than this are drawn as one node. */
  readonly maxPerKind: number;
  /** Only this stack (plus the nodes of other stacks it has edges with). */
  readonly stack?: string;
}

export interface DiagramNode {
  readonly id: string;
  readonly layer: string;
  readonly region: string;
  readonly secondary: boolean;
  readonly shape: Shape;
  readonly lines: readonly string[];
  /** Graph keys drawn by this node. */
  readonly members: readonly string[];
}

export interface Diagram {
  readonly system: string;
  readonly env: string;
  readonly primaryRegion: string;
  readonly nodes: readonly DiagramNode[];
  readonly vpcs: readonly VpcBox[];
  /** [from id, to id], sorted, no duplicates, no self-loops. */
  readonly edges: readonly (readonly [string, string])[];
  /** Resources drawn (in a node or a VPC box). */
  readonly drawn: number;
  /** Resources left out, by Terraform type (sorted by type). */
  readonly leftOut: readonly (readonly [string, number])[];
}

/** How far a path may run through connectors (service <- target group <- rule <- listener <- LB is 4). */
const MAX_CONNECTOR_HOPS = 6;
/** Names listed in a group node before "+N more". */
const MAX_GROUP_NAMES = 24;

function detail(node: GraphNode, kind: Kind): string | undefined {
  const b = node.body;
  switch (kind.id) {
    case 'alb':
    case 'nlb':
      return b.internal === true ? 'internal' : 'internet-facing';
    case 'aurora':
      return [b.engine, b.serverlessv2_scaling_configuration ? 'serverless v2' : undefined].filter(Boolean).join(' ') || undefined;
    case 'elasticache':
      return typeof b.engine === 'string' ? b.engine : undefined;
    case 'dynamodb': {
      const replicas: string[] = (b.replica ?? []).map((r: any) => r.region_name).filter((r: unknown) => typeof r === 'string');
      return replicas.length > 0 ? `global: ${replicas.sort().join(', ')}` : undefined;
    }
    case 'route53':
      return b.vpc ? 'private' : 'public';
    case 'waf':
      return typeof b.scope === 'string' ? b.scope : undefined;
    default:
      return undefined;
  }
}

export function buildView(graph: EnvGraph, options: ViewOptions): Diagram {
  const prefix = `${graph.system}-${graph.env}-`;
  const network = networkView(graph);

  // 1. Classify: a kind for every drawn resource; the network context is drawn by its box.
  const kindOf = new Map<string, Kind>();
  const leftOut = new Map<string, number>();
  let networkDrawn = 0;
  for (const node of graph.nodes.values()) {
    if (NETWORK_TYPES.has(node.type)) {
      networkDrawn++;
      continue;
    }
    let kind = mainKind(node.type, node.body);
    if (kind && graph.deadLetterQueues.has(node.key)) kind = DLQ_KIND;
    if (kind === DLQ_KIND && !options.all) kind = undefined;
    if (!kind && options.all) kind = plumbingKind(node.type);
    if (kind) kindOf.set(node.key, kind);
    else leftOut.set(node.type, (leftOut.get(node.type) ?? 0) + 1);
  }

  // 2. Edges between drawn resources (graph keys), before grouping.
  const rawEdges = new Map<string, Set<string>>();
  const addEdge = (from: string, to: string) => {
    if (from === to) return;
    if (!rawEdges.has(from)) rawEdges.set(from, new Set());
    rawEdges.get(from)!.add(to);
  };
  if (options.all) {
    for (const [from, targets] of graph.flows) for (const to of targets) addEdge(from, to);
  } else {
    for (const start of kindOf.keys()) {
      // Depth-first through connectors; a drawn resource ends the path with an edge.
      const visit = (key: string, hops: number, seen: Set<string>) => {
        for (const next of graph.flows.get(key) ?? []) {
          if (seen.has(next)) continue;
          if (kindOf.has(next)) addEdge(start, next);
          else if (hops < MAX_CONNECTOR_HOPS && isConnector(graph.nodes.get(next)!.type, graph.nodes.get(next)!.body)) visit(next, hops + 1, new Set([...seen, next]));
        }
      };
      visit(start, 0, new Set([start]));
    }
  }

  // 3. Which resources to draw: all, or one stack and its neighbours.
  let drawnKeys = [...kindOf.keys()];
  let boxes = network.boxes;
  if (options.stack) {
    const inStack = (key: string) => graph.nodes.get(key)!.stack === options.stack;
    const keep = new Set(drawnKeys.filter(inStack));
    for (const [from, targets] of rawEdges) {
      for (const to of targets) {
        if (inStack(from) && (kindOf.has(to) || network.displayOf.has(to))) keep.add(to);
        if (inStack(to) && kindOf.has(from)) keep.add(from);
      }
    }
    drawnKeys = drawnKeys.filter((k) => keep.has(k));
    const networkKeys = [...graph.nodes.values()].filter((n) => NETWORK_TYPES.has(n.type));
    const keptBoxes = new Set(networkKeys.filter((n) => inStack(n.key) || keep.has(n.key)).map((n) => network.displayOf.get(n.key)));
    boxes = boxes.filter((b) => keptBoxes.has(b.id) || b.nodes.some((n) => keptBoxes.has(n.id)));
  }

  // 4. Nodes: one per resource, or one per layer x region x kind above the cap.
  const nodeOf = new Map<string, string>();
  const nodes: DiagramNode[] = [];
  const used = new Set<string>([...boxes.map((b) => b.id), ...boxes.flatMap((b) => b.nodes.map((n) => n.id))]);
  const uniqueId = (wanted: string) => {
    let id = wanted;
    for (let i = 2; used.has(id); i++) id = `${wanted}_${i}`;
    used.add(id);
    return id;
  };
  const namesInLayer = new Map<string, number>();
  for (const key of drawnKeys) {
    const n = graph.nodes.get(key)!;
    namesInLayer.set(`${n.layer}\0${n.name}`, (namesInLayer.get(`${n.layer}\0${n.name}`) ?? 0) + 1);
  }
  const groups = new Map<string, GraphNode[]>();
  for (const key of drawnKeys.sort()) {
    const node = graph.nodes.get(key)!;
    const id = `${node.layer}\0${node.region}\0${kindOf.get(key)!.id}`;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id)!.push(node);
  }
  for (const members of groups.values()) {
    const first = members[0];
    const kind = kindOf.get(first.key)!;
    const base = { layer: first.layer, region: first.region, secondary: first.secondary, shape: kind.shape };
    const named = members.map((m) => ({ node: m, name: displayName(m.type, m.name, m.body, prefix) }));
    if (members.length > options.maxPerKind) {
      const names = [...new Set(named.map((n) => n.name))].sort();
      const shown = names.slice(0, MAX_GROUP_NAMES);
      const id = uniqueId(sanitizeId(`G_${first.layer}_${first.secondary ? `${first.region}_` : ''}${kind.id}`));
      const more = names.length > shown.length ? [`+${names.length - shown.length} more`] : [];
      nodes.push({ ...base, id, lines: [`${members.length} ${kind.plural}`, ...lines(shown, 3), ...more], members: members.map((m) => m.key) });
      for (const m of members) nodeOf.set(m.key, id);
    } else {
      for (const { node, name } of named.sort((a, b) => byText(a.node.key, b.node.key))) {
        // CDKTF names carry a hash and are unique in a stack; a name shared by two drawn types gets the type too.
        const shared = (namesInLayer.get(`${node.layer}\0${node.name}`) ?? 0) > 1;
        const id = uniqueId(sanitizeId(shared ? `${node.layer}_${node.type.replace(/^aws_/, '')}_${node.name}` : `${node.layer}_${node.name}`));
        const extra = detail(node, kind);
        nodes.push({ ...base, id, lines: [extra ? `${kind.singular} · ${extra}` : kind.singular, name], members: [node.key] });
        nodeOf.set(node.key, id);
      }
    }
  }
  nodes.sort((a, b) => byText(a.id, b.id));

  // 5. Edges between drawn nodes; with --all the network context takes part, without it it is context only.
  const boxNodeIds = new Set(boxes.flatMap((b) => b.nodes.map((n) => n.id)));
  const display = (key: string): string | undefined => {
    if (nodeOf.has(key)) return nodeOf.get(key);
    const id = network.displayOf.get(key);
    return options.all && id && boxNodeIds.has(id) ? id : undefined;
  };
  const edges = new Set<string>();
  for (const [from, targets] of rawEdges) {
    for (const to of targets) {
      const a = display(from);
      const b = display(to);
      if (a && b && a !== b) edges.add(`${a}\0${b}`);
    }
  }

  const drawnNetwork = options.stack ? 0 : networkDrawn;
  return {
    system: graph.system,
    env: graph.env,
    primaryRegion: graph.primaryRegion,
    nodes,
    vpcs: boxes,
    edges: [...edges].sort().map((e) => e.split('\0') as [string, string]),
    drawn: drawnKeys.length + drawnNetwork,
    leftOut: [...leftOut.entries()].sort(([a], [b]) => byText(a, b)),
  };
}
