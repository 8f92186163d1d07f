import { ConfigError } from '../config/errors';
import { LAYERS, LayerName, isLayer } from './names';

/** What a system declares of one layer for the graph: the layers of the same system it reads. */
export interface LayerReads {
  readonly reads: readonly LayerName[];
}

/**
 * One system's layers and who reads whom, checked: every layer name is known, every read names a
 * layer the system declares, and there is no cycle. `order` is a deploy order (every layer after
 * the layers it reads), stable: among ready layers, the one declared first goes first.
 */
export class LayerGraph {
  readonly order: readonly LayerName[];
  private readonly readsOf: ReadonlyMap<LayerName, readonly LayerName[]>;

  constructor(readonly system: string, layers: Readonly<Record<string, LayerReads | undefined>>) {
    const fail = (field: string, value: unknown, problem: string, fix: string): never => {
      throw new ConfigError(system, field, value, problem, fix);
    };
    const declared = Object.keys(layers).filter((name) => layers[name] !== undefined);
    if (declared.length === 0) fail('layers', [], 'declares no layer', `declare at least one of ${LAYERS.join(', ')}`);
    const readsOf = new Map<LayerName, readonly LayerName[]>();
    for (const name of declared) {
      if (!isLayer(name)) fail(`layers.${name}`, name, 'is not a known layer', `use ${LAYERS.join(', ')}`);
      const reads = layers[name]!.reads ?? [];
      reads.forEach((read, i) => {
        if (!declared.includes(read)) {
          fail(`layers.${name}.reads[${i}]`, read, `is not a layer ${system} declares (it has: ${declared.join(', ')})`, `declare ${read} or drop the read`);
        }
      });
      if (new Set(reads).size !== reads.length) fail(`layers.${name}.reads`, reads, 'repeats a layer', 'list each layer once');
      readsOf.set(name as LayerName, reads);
    }
    this.readsOf = readsOf;
    this.order = topologicalOrder(system, readsOf);
  }

  get layers(): readonly LayerName[] {
    return this.order;
  }

  has(layer: LayerName): boolean {
    return this.readsOf.has(layer);
  }

  /** The layers `layer` reads directly. */
  reads(layer: LayerName): readonly LayerName[] {
    return this.readsOf.get(layer) ?? [];
  }

  /** The given layers (those this system declares) and everything they read, in deploy order. */
  closure(wanted: readonly LayerName[]): LayerName[] {
    const keep = new Set<LayerName>();
    const visit = (layer: LayerName) => {
      if (keep.has(layer) || !this.has(layer)) return;
      keep.add(layer);
      for (const read of this.reads(layer)) visit(read);
    };
    wanted.forEach(visit);
    return this.order.filter((layer) => keep.has(layer));
  }
}

function topologicalOrder(system: string, readsOf: ReadonlyMap<LayerName, readonly LayerName[]>): LayerName[] {
  const order: LayerName[] = [];
  const pending = [...readsOf.keys()];
  while (pending.length > 0) {
    const next = pending.findIndex((layer) => readsOf.get(layer)!.every((read) => order.includes(read)));
    if (next < 0) {
      const cycle = findCycle(pending, readsOf);
      throw new ConfigError(system, `layers.${cycle[0]}.reads`, readsOf.get(cycle[0]), `closes a cycle (${cycle.join(' -> ')})`, 'reads must flow one way: move what both layers need into one of them, or into an earlier layer');
    }
    order.push(pending.splice(next, 1)[0]);
  }
  return order;
}

/** One cycle among the layers that could not be ordered, as a path that ends where it starts. */
function findCycle(pending: readonly LayerName[], readsOf: ReadonlyMap<LayerName, readonly LayerName[]>): LayerName[] {
  const path: LayerName[] = [];
  let current = pending[0];
  while (!path.includes(current)) {
    path.push(current);
    current = readsOf.get(current)!.find((read) => pending.includes(read))!;
  }
  return [...path.slice(path.indexOf(current)), current];
}
