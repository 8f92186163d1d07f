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
  for (const selected of selection.environments) layers.push(...buildEnvironment(app, selected, state, platform));
  return { bootstrap, layers };
}

function buildEnvironment(app: App, selected: SelectedEnvironment, state: StateConfig, platform: PlatformConfig): LayerStack[] {
  const { blueprint, graph, config, baseline, layers } = selected;
  const built: Partial<Record<LayerName, LayerStack>> = {};
  for (const layer of layers) {
    const upstreams: Partial<Record<LayerName, LayerStack>> = {};
    for (const read of graph.reads(layer)) upstreams[read] = built[read];
    built[layer] = blueprint.layers[layer]!.build(app, { config, state, platform, baseline, graph, upstreams });
  }
  return layers.map((layer) => built[layer]!);
}
