import { SystemBlueprint } from '../core/blueprint';
import { LayerGraph } from '../core/layer-graph';
import { ENVIRONMENTS, EnvName, LAYERS, LayerName, stackName } from '../core/names';

/** One layer stack in the delivery graph. */
export interface StackNode {
  readonly name: string;
  readonly system: string;
  readonly env: EnvName;
  readonly layer: LayerName;
  /** Stacks this one reads (terraform_remote_state): they are applied first. */
  readonly dependsOn: readonly string[];
  /** Longest chain of reads below this stack: 0 reads nothing; a stack's wave is depth + 1. */
  readonly depth: number;
}

/** Every layer stack with its reads, in deploy order (depth, then name). The bootstrap stack is not part of it. */
export interface StackGraph {
  readonly nodes: readonly StackNode[];
}

/** Thrown when a stack list cannot be ordered (unknown name, a read of an unknown stack, a cycle). */
export class StackGraphError extends Error {}

const NAME = new RegExp(`^([a-z][a-z0-9-]*)-(${ENVIRONMENTS.join('|')})-(${LAYERS.join('|')})$`);

/** `<system>-<env>-<layer>` split into its parts; undefined for other names (bootstrap). */
export function parseStackName(name: string): { system: string; env: EnvName; layer: LayerName } | undefined {
  const match = NAME.exec(name);
  return match ? { system: match[1], env: match[2] as EnvName, layer: match[3] as LayerName } : undefined;
}

/**
 * The app's stack graph from its blueprints: every configured system x environment, each layer
 * with the layers it reads (the same graph buildApp honours and contracts.json records).
 */
export function graphFromBlueprints(blueprints: readonly SystemBlueprint[]): StackGraph {
  const entries: { name: string; dependsOn: string[] }[] = [];
  for (const blueprint of blueprints) {
    const graph = new LayerGraph(blueprint.name, blueprint.layers);
    for (const env of ENVIRONMENTS) {
      if (!blueprint.environments[env]) continue;
      for (const layer of graph.order) {
        entries.push({ name: stackName(blueprint.name, env, layer), dependsOn: graph.reads(layer).map((read) => stackName(blueprint.name, env, read)) });
      }
    }
  }
  return orderGraph(entries);
}

/** The graph a synth recorded: contracts.json's `dependsOn` per stack. */
export function graphFromContracts(contracts: Readonly<Record<string, { readonly dependsOn: readonly string[] }>>): StackGraph {
  return orderGraph(Object.entries(contracts).map(([name, entry]) => ({ name, dependsOn: [...entry.dependsOn] })));
}

function orderGraph(entries: readonly { name: string; dependsOn: readonly string[] }[]): StackGraph {
  const reads = new Map(entries.map((e) => [e.name, [...e.dependsOn].sort()]));
  for (const { name, dependsOn } of entries) {
    if (!parseStackName(name)) throw new StackGraphError(`stack ${name} is not named <system>-<env>-<layer>`);
    for (const up of dependsOn) if (!reads.has(up)) throw new StackGraphError(`stack ${name} reads ${up}, which is not in the graph`);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new StackGraphError(`stack ${name} reads itself through a cycle`);
    visiting.add(name);
    const d = Math.max(-1, ...reads.get(name)!.map(depthOf)) + 1;
    visiting.delete(name);
    depth.set(name, d);
    return d;
  };
  const nodes = entries.map(({ name }) => ({ ...parseStackName(name)!, name, dependsOn: reads.get(name)!, depth: depthOf(name) }));
  nodes.sort((a, b) => a.depth - b.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { nodes };
}

/** Number of waves (deepest chain of reads + 1): the workflow has one job per wave and environment. */
export function waveCount(graph: StackGraph): number {
  return Math.max(0, ...graph.nodes.map((n) => n.depth + 1));
}

/** The given stacks and every stack that reads one of them, directly or not. */
export function withDependents(graph: StackGraph, names: Iterable<string>): Set<string> {
  const result = new Set(names);
  // Nodes are in depth order, so one pass sees every upstream before its readers.
  for (const node of graph.nodes) if (node.dependsOn.some((up) => result.has(up))) result.add(node.name);
  return result;
}
