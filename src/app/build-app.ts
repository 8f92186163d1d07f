import { App } from 'cdktf';
import { PlatformConfig, StateConfig } from '../config/platform';
import { Selection } from '../config/selection';
import { EnvironmentConfig } from '../config/types';
import { LayerStack, LayerStackProps } from '../core/layer-stack';
import { LayerName, layerRank } from '../core/names';
import { AiStack } from '../../stacks/ai-stack';
import { BootstrapStack } from '../../stacks/bootstrap-stack';
import { DataStack } from '../../stacks/data-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { ComputeStack } from '../../stacks/compute-stack';
import { EdgeStack } from '../../stacks/edge-stack';

/** The stacks already built for one system/env, for later layers to read. */
export type BuiltLayers = Partial<Record<LayerName, LayerStack>>;

type LayerFactory = (app: App, props: LayerStackProps, built: BuiltLayers) => LayerStack;

/** One factory per implemented layer. A layer a config lists but that has no factory is an error. */
const LAYER_FACTORIES: Partial<Record<LayerName, LayerFactory>> = {
  network: (app, props) => new NetworkStack(app, props),
  data: (app, props, built) => new DataStack(app, props, built),
  ai: (app, props, built) => new AiStack(app, props, built),
  compute: (app, props, built) => new ComputeStack(app, props, built),
  edge: (app, props, built) => new EdgeStack(app, props, built),
};

export interface BuiltApp {
  readonly bootstrap: BootstrapStack;
  readonly layers: readonly LayerStack[];
}

/**
 * Adds the bootstrap stack and, for every selected system/env, its layers in dependency order.
 * Asking for a layer builds the layers it reads too (LAYERS=data also builds network).
 */
export function buildApp(app: App, selection: Selection, state: StateConfig, platform: PlatformConfig): BuiltApp {
  const bootstrap = new BootstrapStack(app, { state, platform });
  const top = Math.max(...selection.layers.map(layerRank));
  const layers: LayerStack[] = [];
  for (const config of selection.environments) {
    layers.push(...buildEnvironment(app, config, top, { config, state, platform }));
  }
  return { bootstrap, layers };
}

function buildEnvironment(app: App, config: EnvironmentConfig, topRank: number, props: LayerStackProps): LayerStack[] {
  const built: BuiltLayers = {};
  const stacks: LayerStack[] = [];
  for (const layer of config.layers) {
    if (layerRank(layer) > topRank) break;
    const factory = LAYER_FACTORIES[layer];
    if (!factory) throw new Error(`${config.system}/${config.env}: layer "${layer}" is listed in layers but no stack class implements it yet`);
    const stack = factory(app, props, built);
    built[layer] = stack;
    stacks.push(stack);
  }
  return stacks;
}
