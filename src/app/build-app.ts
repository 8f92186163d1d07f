import { App } from 'cdktf';
import { PlatformConfig, StateConfig } from '../config/platform';
import { Selection, SelectedEnvironment } from '../config/selection';
import { LayerStack } from '../core/layer-stack';
import { LayerName } from '../core/names';
import { BootstrapStack } from '../../stacks/bootstrap';

export interface BuiltApp {
  readonly bootstrap: BootstrapStack;
  readonly layers: readonly LayerStack[];
}

/**
 * Adds the bootstrap stack and, for every selected system/env, the selected layers in the system's
 * deploy order (a selected layer brings the layers it reads: LAYERS=data also builds network).
 */
export function buildApp(app: App, selection: Selection, state: StateConfig, platform: PlatformConfig): BuiltApp {
  const bootstrap = new BootstrapStack(app, { state, platform });
  const layers: LayerStack[] = [];
  for (const selected of selection.environments) {
    const built = buildLayers(app, selected, state, platform);
    layers.push(...selected.layers.map((layer) => built[layer]!));
  }
  return { bootstrap, layers };
}

/**
 * Builds `layers` of one system/env (each after the layers it reads, which must be among `layers`)
 * and returns them by layer. The one place a layer's stack is constructed, so the graph is honoured.
 */
export function buildLayers(app: App, selected: SelectedEnvironment, state: StateConfig, platform: PlatformConfig): Partial<Record<LayerName, LayerStack>> {
  const { blueprint, graph, config, baseline, layers } = selected;
  const built: Partial<Record<LayerName, LayerStack>> = {};
  for (const layer of layers) {
    const upstreams: Partial<Record<LayerName, LayerStack>> = {};
    for (const read of graph.reads(layer)) {
      if (!built[read]) throw new Error(`${config.system}/${config.env}: ${layer} reads ${read}, which is not built before it`);
      upstreams[read] = built[read];
    }
    built[layer] = blueprint.layers[layer]!.build(app, { config, state, platform, baseline, graph, upstreams });
  }
  return built;
}
