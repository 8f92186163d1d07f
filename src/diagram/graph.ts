/**
 * One system x environment as a graph: every resource of its stacks, and a directed "flow" edge for
 * every reference (oriented by src/diagram/kinds.ts), with remote-state reads resolved to the
 * upstream resources that the upstream stack's output refers to.
 */
import { ENVIRONMENTS } from '../core/names';
import { DLQ_ATTRIBUTES, isFlipped, isIgnored } from './kinds';
import { Json, StackJson, findReferences, parseStackName, providerRegions, remoteStateStack } from './terraform';
import { byText } from './labels';

export interface GraphNode {
  /** `<stack>/<type>.<name>`: unique in the environment. */
  readonly key: string;
  readonly stack: string;
  readonly layer: string;
  readonly type: string;
  readonly name: string;
  readonly body: Json;
  readonly region: string;
  /** On a provider whose region is not the stack's default region. */
  readonly secondary: boolean;
}

export interface EnvGraph {
  readonly system: string;
  readonly env: string;
  readonly primaryRegion: string;
  /** The environment's stacks, sorted by name, with their resource counts. */
  readonly stacks: readonly { readonly name: string; readonly layer: string; readonly resources: number }[];
  /** Sorted by key. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** from -> sorted targets ("from uses to" / "traffic goes from -> to"). */
  readonly flows: ReadonlyMap<string, readonly string[]>;
  /** Keys of SQS queues named as a dead-letter target. */
  readonly deadLetterQueues: ReadonlySet<string>;
}

export const nodeKey = (stack: string, type: string, name: string) => `${stack}/${type}.${name}`;

/** Resolves `data.terraform_remote_state.<source>.outputs.<output>` of `stack` to resource keys. */
function remoteResolver(byName: ReadonlyMap<string, Json>) {
  const cache = new Map<string, readonly string[]>();
  const resolve = (stack: string, source: string, output: string, seen: ReadonlySet<string>): readonly string[] => {
    const upstream = remoteStateStack(byName.get(stack) ?? {}, source);
    if (!upstream || !byName.has(upstream)) return [];
    const id = `${upstream}#${output}`;
    if (cache.has(id)) return cache.get(id)!;
    if (seen.has(id)) return [];
    const json = byName.get(upstream)!;
    const value = json.output?.[output]?.value;
    const keys = new Set<string>();
    for (const ref of findReferences(value, (t, n) => json.resource?.[t]?.[n] !== undefined)) {
      if (ref.kind === 'resource') keys.add(nodeKey(upstream, ref.type, ref.name));
      // An output may re-export an output of the upstream's own upstream.
      else for (const k of resolve(upstream, ref.source, ref.output, new Set([...seen, id]))) keys.add(k);
    }
    const sorted = [...keys].sort();
    cache.set(id, sorted);
    return sorted;
  };
  return (stack: string, source: string, output: string) => resolve(stack, source, output, new Set());
}

/**
 * Builds the graph of `system`-`env` from `stacks` (every stack of the output: a remote-state read
 * resolves only to stacks of the same system x environment that are present).
 */
export function buildEnvGraph(stacks: readonly StackJson[], system: string, env: string): EnvGraph {
  const byName = new Map(stacks.map((s) => [s.name, s.json] as const));
  const own = stacks
    .filter((s) => {
      const id = parseStackName(s.name);
      return id?.system === system && id.env === env;
    })
    .sort((a, b) => byText(a.name, b.name));
  const resolveRemote = remoteResolver(byName);

  const nodes = new Map<string, GraphNode>();
  let primaryRegion = '';
  for (const { name: stack, json } of own) {
    const { primary, byAlias } = providerRegions(json);
    primaryRegion ||= primary;
    const layer = parseStackName(stack)!.layer;
    for (const type of Object.keys(json.resource ?? {}).sort()) {
      for (const name of Object.keys(json.resource[type]).sort()) {
        const body: Json = json.resource[type][name];
        const region = typeof body.provider === 'string' ? (byAlias.get(body.provider) ?? primary) : primary;
        nodes.set(nodeKey(stack, type, name), { key: nodeKey(stack, type, name), stack, layer, type, name, body, region, secondary: region !== primaryRegion });
      }
    }
  }

  const flows = new Map<string, Set<string>>();
  const deadLetterQueues = new Set<string>();
  const addFlow = (from: string, to: string) => {
    if (from === to || !nodes.has(from) || !nodes.has(to)) return;
    if (!flows.has(from)) flows.set(from, new Set());
    flows.get(from)!.add(to);
  };
  for (const node of nodes.values()) {
    const json = byName.get(node.stack)!;
    const refs = findReferences(node.body, (t, n) => json.resource?.[t]?.[n] !== undefined);
    for (const ref of refs) {
      const targets = ref.kind === 'resource' ? [nodeKey(node.stack, ref.type, ref.name)] : resolveRemote(node.stack, ref.source, ref.output);
      if (ref.path.split('.').some((s) => DLQ_ATTRIBUTES.has(s))) {
        for (const t of targets) if (nodes.get(t)?.type === 'aws_sqs_queue') deadLetterQueues.add(t);
      }
      if (isIgnored(ref.path)) continue;
      const flipped = isFlipped(node.type, ref.path);
      for (const target of targets) (flipped ? addFlow(target, node.key) : addFlow(node.key, target));
    }
  }

  return {
    system,
    env,
    primaryRegion,
    stacks: own.map((s) => ({
      name: s.name,
      layer: parseStackName(s.name)!.layer,
      resources: Object.values<Json>(s.json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0),
    })),
    nodes,
    flows: new Map([...flows.entries()].sort(([a], [b]) => byText(a, b)).map(([k, v]) => [k, [...v].sort()])),
    deadLetterQueues,
  };
}

/** The system x environment pairs present in the output, sorted. */
export function environmentsOf(stacks: readonly StackJson[]): { readonly system: string; readonly env: string }[] {
  const pairs = new Map<string, { system: string; env: string }>();
  for (const s of stacks) {
    const id = parseStackName(s.name);
    if (id) pairs.set(`${id.system}\0${id.env}`, { system: id.system, env: id.env });
  }
  return [...pairs.values()].sort((a, b) => byText(a.system, b.system) || envOrder(a.env) - envOrder(b.env));
}

const envOrder = (env: string) => (ENVIRONMENTS as readonly string[]).indexOf(env);
