import { App, Testing } from 'cdktf';
import { buildLayers } from '../../../src/app/build-app';
import { AccountBaseline } from '../../../src/config/baseline';
import { langPortal } from '../../../src/config/systems/lang-portal';
import { EnvironmentConfig } from '../../../src/config/types';
import { validateSystemEnvironment } from '../../../src/config/validate';
import { LayerGraph } from '../../../src/core/layer-graph';
import { LayerStack } from '../../../src/core/layer-stack';
import { EnvName, LayerName } from '../../../src/core/names';
import { langPortalBlueprint } from '../../../stacks/lang-portal';
import { DEFAULT_STATE, PLATFORM } from '../../helpers';

/** A copy of a lang-portal environment config with the given changes applied. */
export function langPortalConfig(env: EnvName, change?: (draft: any) => void): EnvironmentConfig {
  const draft = JSON.parse(JSON.stringify(langPortal.environments[env]));
  change?.(draft);
  return draft as EnvironmentConfig;
}

const graph = new LayerGraph('lang-portal', langPortalBlueprint.layers);

/** Builds `upTo` and what it reads for one environment, through the blueprint, after validating. */
export function langPortalStacks(env: EnvName, upTo: LayerName, change?: (draft: any) => void, app: App = Testing.app()): Record<LayerName, LayerStack> {
  const config = langPortalConfig(env, change);
  const baseline = AccountBaseline.sole(config);
  validateSystemEnvironment(langPortalBlueprint, graph, config, baseline);
  return buildLayers(app, { blueprint: langPortalBlueprint, graph, config, baseline, layers: graph.closure([upTo]) }, DEFAULT_STATE, PLATFORM) as Record<LayerName, LayerStack>;
}

/** Validates a changed lang-portal config and returns the ConfigError message. */
export function langPortalConfigError(change: (draft: any) => void, env: EnvName = 'dev'): string {
  const config = langPortalConfig(env, change);
  try {
    validateSystemEnvironment(langPortalBlueprint, graph, config, AccountBaseline.sole(config));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
