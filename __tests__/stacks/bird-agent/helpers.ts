import { App, Testing } from 'cdktf';
import { buildLayers } from '../../../src/app/build-app';
import { AccountBaseline } from '../../../src/config/baseline';
import { birdAgent } from '../../../src/config/systems/bird-agent';
import { EnvironmentConfig } from '../../../src/config/types';
import { validateSystemEnvironment } from '../../../src/config/validate';
import { LayerGraph } from '../../../src/core/layer-graph';
import { LayerStack } from '../../../src/core/layer-stack';
import { EnvName, LayerName } from '../../../src/core/names';
import { birdAgentBlueprint } from '../../../stacks/bird-agent';
import { DEFAULT_STATE, PLATFORM } from '../../helpers';

/** A copy of a bird-agent environment config with the given changes applied. */
export function birdAgentConfig(env: EnvName, change?: (draft: any) => void): EnvironmentConfig {
  const draft = JSON.parse(JSON.stringify(birdAgent.environments[env]));
  change?.(draft);
  return draft as EnvironmentConfig;
}

const graph = new LayerGraph('bird-agent', birdAgentBlueprint.layers);

/** Builds `upTo` and what it reads for one environment, through the blueprint, after validating. */
export function birdAgentStacks(env: EnvName, upTo: LayerName, change?: (draft: any) => void, app: App = Testing.app()): Record<LayerName, LayerStack> {
  const config = birdAgentConfig(env, change);
  const baseline = AccountBaseline.sole(config);
  validateSystemEnvironment(birdAgentBlueprint, graph, config, baseline);
  return buildLayers(app, { blueprint: birdAgentBlueprint, graph, config, baseline, layers: graph.closure([upTo]) }, DEFAULT_STATE, PLATFORM) as Record<LayerName, LayerStack>;
}

/** Validates a changed bird-agent config and returns the ConfigError message. */
export function birdAgentConfigError(change: (draft: any) => void, env: EnvName = 'dev'): string {
  const config = birdAgentConfig(env, change);
  try {
    validateSystemEnvironment(birdAgentBlueprint, graph, config, AccountBaseline.sole(config));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
